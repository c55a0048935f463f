"""The site keeps serving when a dependency fails: Redis down, database unreachable."""

import logging
import os
import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client, RequestFactory, override_settings

from home.models import PortalSettings
from home.views import server_error

from .conftest import shared_data
from .factories import make_community, make_organization, make_practice


def settings_with_redis(url):
    """The cache settings that cdp_portal/settings/base.py builds when REDIS_URL is set."""
    previous = os.environ.get("REDIS_URL")
    os.environ["REDIS_URL"] = url
    try:
        return runpy.run_path(str(Path(settings.BASE_DIR) / "cdp_portal/settings/base.py"))
    finally:
        if previous is None:
            del os.environ["REDIS_URL"]
        else:
            os.environ["REDIS_URL"] = previous


# The project's own Redis settings, pointed at port 1 where nothing listens (refused at once).
REDIS_SETTINGS = settings_with_redis("redis://127.0.0.1:1/0")
REDIS_DOWN = REDIS_SETTINGS["CACHES"]
NEUTRAL_SITE = PortalSettings._meta.get_field("quick_exit_url").default


@pytest.fixture
def content(request, _site_tree_pks):
    """A community, an organisation and its practice: built once for consecutive tests
    (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_content)


def build_content(site_tree):
    segou = make_community(site_tree, title="Ségou", region="Ségou")
    org = make_organization(site_tree, title="APROFEM", communities=[segou])
    site_tree.practice = make_practice(
        org, title="Médiation des conflits fonciers", communities=[segou], tags=["foncier"]
    )
    return site_tree


@pytest.fixture
def redis_warnings(caplog):
    """The warnings of the cache logger, its once-per-outage memory cleared first."""
    logger = logging.getLogger("cdp_portal.cache")
    for log_filter in logger.filters:
        log_filter.reset()
    caplog.set_level(logging.WARNING, logger="cdp_portal.cache")
    return lambda: [r for r in caplog.records if r.name == "cdp_portal.cache"]


def public_urls(tree):
    return [
        "/",
        tree.practices.url,
        tree.practice.url,
        "/recherche/?q=m%C3%A9diation",
        "/recherche/?q=foncier&type=practice",
        "/recherche/",
        "/themes/",
        "/mots-cles/foncier/",
        "/sitemap.xml",
        "/agenda.ics",
    ]


def test_every_public_page_answers_while_redis_is_down(content, redis_warnings):
    assert REDIS_DOWN["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert REDIS_SETTINGS["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    with override_settings(CACHES=REDIS_DOWN):
        client = Client()
        for url in public_urls(content) * 2:
            response = client.get(url)
            assert response.status_code == 200, url
        listing = client.get(content.practices.url).content.decode()
        assert "Médiation des conflits fonciers" in listing
    warnings = redis_warnings()
    assert len(warnings) == 1, "one warning for the outage, not one per request"
    assert warnings[0].levelname == "WARNING"
    assert "Redis unreachable" in warnings[0].getMessage()
    assert warnings[0].exc_info is None


def test_a_signed_in_editor_stays_signed_in_while_redis_is_down(content, django_user_model):
    editor = django_user_model.objects.create_superuser("editrice", "e@example.org", "x" * 12)
    with override_settings(CACHES=REDIS_DOWN):
        client = Client()
        client.force_login(editor)
        assert client.get("/admin/").status_code == 200
    # Redis back (the test cache): the same session, kept in the database, still holds.
    assert client.get("/admin/").status_code == 200


def refuse_queries(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def assert_styled_outage_page(response, url):
    assert response.status_code == 503, url
    assert response["Retry-After"].isdigit(), url
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert re.search(r'<link rel="stylesheet" href="/static/css/portal\.css', html)
    assert f'class="quick-exit__button" href="{NEUTRAL_SITE}"' in html
    assert 'href="#main"' in html
    return html


def test_database_outage_gives_the_styled_503_page(content):
    client = Client(raise_request_exception=False)
    urls = [u for u in public_urls(content) if not u.startswith("/recherche/")]
    with connection.execute_wrapper(refuse_queries):
        for url in urls:
            html = assert_styled_outage_page(client.get(url), url)
            assert "Le portail est momentanément indisponible" in html
    # The database back: the same client gets pages again.
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_other_errors_stay_500():
    """A bug is not an outage: the 500 page, no Retry-After (no database needed either)."""
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Le portail rencontre un problème" in response.content.decode()


def test_search_during_a_database_outage_says_search_is_unavailable(content):
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(refuse_queries):
        for url in ["/recherche/?q=m%C3%A9diation", "/recherche/", "/recherche/?q=x&type=tool"]:
            html = assert_styled_outage_page(client.get(url), url)
            assert "La recherche est momentanément indisponible" in html
            assert 'role="search"' in html
        html = client.get("/recherche/?q=m%C3%A9diation").content.decode()
        assert 'value="médiation"' in html, "the visitor's words are kept in the form"
    response = client.get("/recherche/?q=m%C3%A9diation")
    assert response.status_code == 200
    assert "Médiation des conflits fonciers" in response.content.decode()
