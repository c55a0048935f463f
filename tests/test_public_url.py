"""The site knows its own address: PUBLIC_URL reaches the sitemap, canonical links, Open Graph,
iCal feeds, robots.txt and e-mails, through the default Wagtail Site."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from icalendar import Calendar
from wagtail.models import Site

from home.public_url import apply_after_migrate, site_address

from .factories import make_community, make_event_index, make_meeting, make_practice
from .html_checks import elements

PUBLIC = "https://portail.example.org"


@pytest.fixture
def public_site(site_tree, settings):
    settings.PUBLIC_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["portail.example.org"]
    call_command("set_public_url", stdout=open("/dev/null", "w"))
    segou = make_community(site_tree, "Ségou", slug="segou")
    site_tree.practice = make_practice(
        site_tree.practices, "Cantines scolaires", communities=[segou]
    )
    site_tree.meeting = make_meeting(
        make_event_index(site_tree),
        "Comité régional",
        communities=[segou],
        start_date=datetime.date(2025, 10, 2),
    )
    return site_tree


def head_links(html):
    canonical = [a["href"] for _, a in elements(html, "link") if a.get("rel") == "canonical"]
    og_url = [a["content"] for _, a in elements(html, "meta") if a.get("property") == "og:url"]
    return canonical, og_url


def test_every_absolute_link_carries_the_public_address(client, public_site):
    host = {"HTTP_HOST": "portail.example.org", "wsgi.url_scheme": "https"}
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("portail.example.org", 443, PUBLIC)

    index = client.get("/sitemap.xml", **host).content.decode()
    assert f"<loc>{PUBLIC}/sitemap-pages.xml</loc>" in index
    sitemap = client.get("/sitemap-pages.xml", **host).content.decode()
    assert f"<loc>{PUBLIC}{public_site.practice.url}</loc>" in sitemap
    assert "localhost" not in index + sitemap

    for path in [public_site.practice.url, "/themes/"]:
        canonical, og_url = head_links(client.get(path, **host).content.decode())
        assert canonical == og_url == [PUBLIC + path]

    calendar = Calendar.from_ical(client.get("/agenda.ics", **host).content)
    urls = [str(event["URL"]) for event in calendar.walk("VEVENT")]
    assert urls == [PUBLIC + public_site.meeting.url]

    assert f"Sitemap: {PUBLIC}/sitemap.xml" in client.get("/robots.txt", **host).content.decode()


def test_admin_e_mails_link_to_the_public_address():
    from django.conf import settings

    from cdp_portal.settings import base

    # Not set on its own, the admin's base URL follows PUBLIC_URL.
    assert base.WAGTAILADMIN_BASE_URL == base.PUBLIC_URL
    assert settings.WAGTAILADMIN_BASE_URL == settings.PUBLIC_URL


def test_migrate_aligns_the_default_site(site_tree, settings, monkeypatch):
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    settings.PUBLIC_URL = "http://127.0.0.1:8000"
    apply_after_migrate(sender=None, verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"
    call_command("set_public_url", "http://cdp.example.org", stdout=open("/dev/null", "w"))
    assert Site.objects.get(is_default_site=True).root_url == "http://cdp.example.org"
    # An address given by hand, and no PUBLIC_URL in the environment: migrate leaves it.
    apply_after_migrate(sender=None, verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "http://cdp.example.org"
    # PUBLIC_URL set in the environment: it wins.
    monkeypatch.setenv("PUBLIC_URL", "https://portail.example.org")
    settings.PUBLIC_URL = "https://portail.example.org"
    apply_after_migrate(sender=None, verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "https://portail.example.org"


@pytest.mark.parametrize(
    "url", ["portail.example.org", "ftp://portail.example.org", "https://portail.example.org:8443"]
)
def test_an_address_wagtail_cannot_serve_is_refused(site_tree, url):
    with pytest.raises(CommandError):
        call_command("set_public_url", url)
    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"


def test_default_ports():
    assert site_address("https://a.example.org/") == ("a.example.org", 443)
    assert site_address("http://127.0.0.1:8000") == ("127.0.0.1", 8000)
