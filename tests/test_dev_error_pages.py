"""`make run` (settings/dev.py, DEBUG on) shows the site's own 404 and 500 pages with the quick
exit, not Django's debug pages (cdp_portal.middleware.DevelopmentErrorPagesMiddleware)."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from cdp_portal.middleware import DevelopmentErrorPagesMiddleware

DEV_MIDDLEWARE = "cdp_portal.middleware.DevelopmentErrorPagesMiddleware"


@pytest.fixture
def dev_errors(settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, DEV_MIDDLEWARE]


def test_dev_settings_install_it():
    from cdp_portal.settings import dev

    assert dev.MIDDLEWARE[-1] == DEV_MIDDLEWARE and dev.DEBUG


def test_unknown_address_under_debug_shows_the_styled_404(client, site_tree, dev_errors):
    response = client.get("/nulle-part/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page introuvable" in html and "Quitter ce site" in html
    assert "technical_404" not in html and "Using the URLconf" not in html


def test_without_it_debug_shows_django_s_page(client, site_tree, settings):
    settings.DEBUG = True
    html = client.get("/nulle-part/").content.decode()
    assert "Quitter ce site" not in html


def test_a_crash_under_debug_shows_the_styled_500_and_logs_the_traceback(db, caplog):
    middleware = DevelopmentErrorPagesMiddleware(lambda request: None)
    request = RequestFactory().get("/casse/")
    try:
        raise RuntimeError("boum")
    except RuntimeError as error:
        response = middleware.process_exception(request, error)
    html = response.content.decode()
    assert response.status_code == 500 and "Quitter ce site" in html
    # The site's name and logo in the header, as on every page (no database query for them).
    assert '<span class="brand__name">Portail des CdP</span>' in html and 'class="logo"' in html
    assert "boum" in caplog.text and "Traceback" in caplog.text
    not_found = middleware.process_exception(request, Http404("absent"))
    assert not_found.status_code == 404
