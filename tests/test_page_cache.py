"""The anonymous page cache (cdp_portal.page_cache): kept pages for visitors, never for members,
previews or forms, dropped by every content change; ETag and Cache-Control for browsers and
proxies. The page cache is off in the test settings; these tests turn it on, empty."""

import os
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import PortalSettings, Theme

from .factories import make_organization, make_practice, publish
from .test_resilience import settings_with_redis


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_MAX_AGE = 90
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def content(site_tree, page_cache):
    org = make_organization(site_tree, title="APROFEM")
    site_tree.practice = make_practice(org, title="Médiation des conflits fonciers")
    return site_tree


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what waits for the commit (the new version), as the end of a transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def queries_for(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def html(response):
    return response.content.decode()


def test_the_second_anonymous_visit_makes_no_sql_query(content):
    url = content.practice.url
    first, first_queries = queries_for(Client(), url)
    second, second_queries = queries_for(Client(), url)
    assert first.status_code == second.status_code == 200
    assert first_queries > 0
    assert second_queries == 0, "served from the cache"
    assert "Médiation des conflits fonciers" in html(second)
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=90"
    assert second["Content-Type"].startswith("text/html")
    assert second["X-Frame-Options"] == "DENY", "security headers added to kept pages too"
    assert "Content-Security-Policy" in second


def test_a_conditional_request_gets_a_304_without_rendering(content):
    url = content.practice.url
    first = Client().get(url)
    assert first["ETag"] and first["Last-Modified"]
    response, queries = queries_for(Client(), url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response.content == b""
    assert queries == 0
    assert Client().get(url, HTTP_IF_NONE_MATCH='"autre"').status_code == 200


def test_a_gzip_etag_still_matches(content):
    url = content.practice.url
    first = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip" and first["ETag"].startswith("W/")
    again = Client().get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_each_language_has_its_own_copy(content):
    english = Client().get("/en/", HTTP_ACCEPT_LANGUAGE="en")
    french = Client().get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Skip to content" in html(english)
    assert "Aller au contenu" in html(french) and "Skip to content" not in html(french)
    # The language is the address's: an English browser gets the French copy of a French
    # address (kept once, not once per Accept-Language).
    again = Client().get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert again.content == french.content


def test_signed_in_members_are_never_served_or_stored(content, django_user_model):
    member = django_user_model.objects.create_user("awa", "awa@example.org", "x" * 12)
    url = content.practice.url
    client = Client()
    client.force_login(member)
    _first, member_queries = queries_for(client, url)
    again, again_queries = queries_for(client, url)
    assert member_queries > 0 and again_queries > 0, "rendered each time"
    assert "private" in again["Cache-Control"] and "no-store" in again["Cache-Control"]
    assert "public" not in again["Cache-Control"]
    visitor = Client().get(url)
    assert visitor["Cache-Control"] == "public, max-age=90"


def test_a_page_kept_for_visitors_is_not_served_to_a_member(content, django_user_model):
    url = content.practice.url
    Client().get(url)
    member = django_user_model.objects.create_user("awa", "awa@example.org", "x" * 12)
    client = Client()
    client.force_login(member)
    _response, queries = queries_for(client, url)
    assert queries > 0


def test_a_preview_shows_the_draft_not_the_kept_page(content):
    practice = content.practice
    site_host = Client(HTTP_HOST="localhost")  # the host Wagtail's preview request carries
    assert site_host.get(practice.url).status_code == 200
    practice.title = "Titre du brouillon"
    response = practice.make_preview_request()
    assert response.status_code == 200
    assert "Titre du brouillon" in html(response)
    assert "Titre du brouillon" not in html(site_host.get(practice.url)), "the draft stays out"


def csrf_token_in(response):
    marker = 'name="csrfmiddlewaretoken" value="'
    text = html(response)
    start = text.index(marker) + len(marker)
    return text[start : text.index('"', start)]


@pytest.mark.parametrize("url", ["/admin/login/", "/proposer/pratique/"])
def test_login_and_proposal_forms_are_never_kept(content, url):
    first = Client().get(url, follow=True)
    second = Client().get(url, follow=True)
    assert second.status_code == 200
    assert "csrftoken" in second.cookies, "each visitor gets the cookie that goes with the form"
    assert csrf_token_in(first) != csrf_token_in(second)
    assert "public" not in second.get("Cache-Control", "")


def test_a_password_protected_page_form_is_never_kept(content):
    practice = content.practice
    PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.PASSWORD, password="secret-cdp"
    )
    first = Client().get(practice.url)
    second = Client().get(practice.url)
    assert second.status_code == 200
    assert "csrftoken" in second.cookies
    assert csrf_token_in(first) != csrf_token_in(second)


def test_search_with_words_typed_is_neither_kept_nor_shared(content):
    url = "/recherche/?q=m%C3%A9diation"
    Client().get(url)
    response, queries = queries_for(Client(), url)
    assert response.status_code == 200
    assert queries > 0
    assert "private" in response["Cache-Control"]


def test_error_pages_are_not_kept(content):
    Client().get("/pas-de-page-ici/")
    response, queries = queries_for(Client(), "/pas-de-page-ici/")
    assert response.status_code == 404
    assert queries > 0


# Invalidation ---------------------------------------------------------------------------------


def test_a_new_title_is_served_right_after_publishing(content, committed):
    practice = content.practice
    assert "Médiation des conflits fonciers" in html(Client().get(practice.url))
    practice.title = "Médiation foncière au village"
    with committed():
        publish(practice)
    page = html(Client().get(practice.url))
    assert "Médiation foncière au village" in page
    assert "Médiation foncière au village" in html(Client().get(content.practices.url))


def test_an_unpublished_page_is_gone_at_once(content, committed):
    practice = content.practice
    Client().get(practice.url)
    with committed():
        practice.unpublish()
    assert Client().get(practice.url).status_code == 404


def test_a_deleted_page_is_gone_at_once(content, committed):
    practice = content.practice
    url = practice.url
    listing = content.practices.url
    Client().get(url)
    assert "Médiation des conflits fonciers" in html(Client().get(listing))
    with committed():
        practice.delete()
    assert Client().get(url).status_code == 404
    assert "Médiation des conflits fonciers" not in html(Client().get(listing))


def test_a_moved_page_answers_at_its_new_address_only(content, committed):
    practice = content.practice
    old_url = practice.url
    Client().get(old_url)
    other = make_organization(content, title="WILDAF")
    with committed():
        practice.move(other, pos="last-child")
    practice.refresh_from_db()
    assert practice.url != old_url
    moved = Client().get(old_url)
    assert (moved.status_code, moved["Location"]) == (301, practice.url), "Wagtail's redirect"
    assert Client().get(practice.url).status_code == 200


def test_a_page_made_private_leaves_the_cache_at_once(content, committed):
    practice = content.practice
    assert Client().get(practice.url).status_code == 200
    with committed():
        PageViewRestriction.objects.create(
            page=practice, restriction_type=PageViewRestriction.LOGIN
        )
    response = Client().get(practice.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_snippet_change_is_shown_at_once(content, committed):
    theme = Theme.objects.create(name="Foncier", slug="foncier")
    practice = content.practice
    practice.themes.set([theme])
    with committed():
        publish(practice)
    assert "Foncier" in html(Client().get("/themes/"))
    theme.name = "Accès à la terre"
    with committed():
        theme.save()
    assert "Accès à la terre" in html(Client().get("/themes/"))


def test_a_setting_change_is_shown_at_once(content, committed):
    assert Client().get("/").status_code == 200
    portal = PortalSettings.for_site(content.home.get_site())
    portal.quick_exit_url = "https://meteo.example.org/"
    with committed():
        portal.save()
    assert 'href="https://meteo.example.org/"' in html(Client().get("/"))


# Outage ---------------------------------------------------------------------------------------


def test_pages_are_served_while_the_cache_is_down(content):
    down = settings_with_redis("redis://127.0.0.1:1/0")["CACHES"]
    with override_settings(CACHES=down):
        for _ in range(2):
            response = Client().get(content.practice.url)
            assert response.status_code == 200
            assert "Médiation des conflits fonciers" in html(response)


def test_the_sitemap_is_kept_and_follows_a_publish(content, committed):
    Client().get("/sitemap-pages.xml")
    kept, queries = queries_for(Client(), "/sitemap-pages.xml")
    assert queries == 0
    with committed():
        practice = make_practice(content.practices, title="Cantines scolaires")
    fresh = Client().get("/sitemap-pages.xml").content.decode()
    assert practice.url in fresh and practice.url not in html(kept)


def settings_with(**environment):
    """The settings cdp_portal/settings/base.py builds under these environment variables."""
    previous = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        return runpy.run_path(str(Path(django_settings.BASE_DIR) / "cdp_portal/settings/base.py"))
    finally:
        for name, value in previous.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


def test_the_proxy_purge_is_wired_only_when_its_address_is_set():
    wired = settings_with(FRONTEND_CACHE_URL="http://127.0.0.1:8080")
    assert "wagtail.contrib.frontend_cache" in wired["INSTALLED_APPS"]
    assert wired["WAGTAILFRONTENDCACHE"] == {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:8080",
        }
    }
    plain = settings_with(FRONTEND_CACHE_URL="")
    assert "wagtail.contrib.frontend_cache" not in plain["INSTALLED_APPS"]
    assert "WAGTAILFRONTENDCACHE" not in plain


def test_the_page_cache_is_on_by_default_only_with_a_shared_cache():
    assert settings_with(REDIS_URL="redis://127.0.0.1:6379/0")["PAGE_CACHE_ENABLED"] is True
    assert settings_with(REDIS_URL="")["PAGE_CACHE_ENABLED"] is False
