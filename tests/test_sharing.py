"""What a shared link shows (Open Graph image and description on every page type), the
« Partager » block, and the theme and tag pages in the sitemap."""

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image
from wagtail.models import PageViewRestriction

from home.templatetags.open_tags import DEFAULT_OG_IMAGE

from .conftest import module_data, refetched
from .factories import (
    every_page_type,
    make_event_index,
    make_image,
    make_meeting,
    make_organization,
    make_practice,
    make_tool,
)

DEFAULT_IMAGE = "http://localhost/static/" + DEFAULT_OG_IMAGE


def build(tree):
    paths = every_page_type(tree)
    with_logo = make_organization(
        tree,
        title="Réseau des femmes de Kayes",
        acronym="RFK",
        logo=make_image(title="Logo du RFK", width=300, height=300),
        description="<p>Le <b>RFK</b> fédère 40 associations de femmes de la région de Kayes.</p>",
    )
    paths["organization_with_logo"] = with_logo.url
    paths["tool_of_organization_with_logo"] = make_tool(with_logo, title="Boîte à images").url
    agenda = make_event_index(tree)
    paths["meeting_index"] = agenda.url
    paths["meeting"] = make_meeting(
        agenda, title="Rencontre semestrielle", summary="Bilan du semestre à Ségou."
    ).url
    # A tag carried only by a page restricted to members: its page stays out of the sitemap.
    hidden = make_practice(with_logo, title="Réservée", tags=["confidentiel"])
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    return paths


@pytest.fixture(scope="module")
def _paths(_shared_site_tree, django_db_blocker):
    with module_data(_shared_site_tree, django_db_blocker) as tree:
        yield build(tree)


@pytest.fixture
def paths(_paths, site_tree):
    return refetched(dict(_paths))


def meta(html, key):
    """The content of ``<meta property|name="key">``, or None."""
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


PAGE_TYPES = [
    "home",
    "community_index",
    "community",
    "organization_index",
    "organization",
    "practice_index",
    "practice",
    "tool_index",
    "tool",
    "frame_index",
    "frame",
    "standard",
    "theme_list",
    "theme",
    "tag",
    "meeting_index",
    "meeting",
]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_has_an_absolute_og_image_and_title(client, paths, name):
    html = client.get(paths[name]).content.decode()
    image = meta(html, "og:image")
    assert image and image.startswith("http://localhost/"), name
    assert meta(html, "og:image:width") and meta(html, "og:image:height")
    assert meta(html, "og:image:alt")
    assert meta(html, "og:title")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("practice", "/media/images/"),  # its main image
        ("organization_with_logo", "/media/images/"),  # its logo
        ("tool_of_organization_with_logo", "/media/images/"),  # its organisation's logo
        ("tool", DEFAULT_IMAGE),  # no image, an organisation without a logo
        ("meeting", DEFAULT_IMAGE),
        ("home", DEFAULT_IMAGE),
        ("theme", DEFAULT_IMAGE),
    ],
)
def test_og_image_is_the_pages_then_the_organisations_then_the_sites(client, paths, name, expected):
    html = client.get(paths[name]).content.decode()
    image = meta(html, "og:image")
    assert expected in image, (name, image)
    if expected != DEFAULT_IMAGE:
        assert (
            client.get(urlsplit(image).path).status_code == 200
            or Path(
                settings.MEDIA_ROOT, urlsplit(image).path.removeprefix(settings.MEDIA_URL)
            ).exists()
        )


def test_logos_are_not_cropped_and_photos_fill_the_frame(client, paths):
    logo = client.get(paths["organization_with_logo"]).content.decode()
    assert (meta(logo, "og:image:width"), meta(logo, "og:image:height")) == ("300", "300")
    assert meta(logo, "og:image:type") == "image/png"
    photo = client.get(paths["practice"]).content.decode()
    assert meta(photo, "og:image:type") == "image/jpeg"


def test_the_default_image_is_1200_by_630_and_small():
    path = Path(settings.BASE_DIR, "cdp_portal", "static", DEFAULT_OG_IMAGE)
    assert path.stat().st_size < 100 * 1024
    with Image.open(path) as image:
        assert image.size == (1200, 630)


def test_organisation_pages_are_described_by_their_description(client, paths):
    html = client.get(paths["organization_with_logo"]).content.decode()
    expected = "Le RFK fédère 40 associations de femmes de la région de Kayes."
    assert meta(html, "description") == expected
    assert meta(html, "og:description") == expected


@pytest.mark.parametrize("name", ["practice", "tool", "meeting", "community", "standard"])
def test_other_pages_are_described_by_their_summary(client, paths, name):
    html = client.get(paths[name]).content.decode()
    description = meta(html, "og:description")
    assert description and description == meta(html, "description")


@pytest.mark.parametrize("name", ["practice", "tool", "meeting"])
def test_share_block_offers_the_link_mail_and_whatsapp_without_other_hosts(client, paths, name):
    html = client.get(paths[name]).content.decode()
    title = re.search(r"<h1>([^<]*)</h1>", html).group(1)
    url = "http://localhost" + paths[name]
    block = html[html.index('<section class="share"') :]
    block = block[: block.index("</section>")]
    assert "Partager" in block
    field = re.search(r'<input id="share-url"[^>]*>', block).group(0)
    assert f'value="{url}"' in field and "readonly" in field
    assert re.search(r"<button[^>]*hidden", block), "the copy button waits for the script"
    mail = unescape(re.search(r'href="(mailto:[^"]*)"', block).group(1))
    query = parse_qs(urlsplit(mail).query)
    assert query["subject"] == [unescape(title)]
    assert url in query["body"][0]
    whatsapp = unescape(re.search(r'href="(https://wa\.me/[^"]*)"', block).group(1))
    assert whatsapp.startswith("https://wa.me/?text=")
    text = parse_qs(urlsplit(whatsapp).query)["text"][0]
    assert text.startswith("À lire sur le portail des CdP\xa0: ") and text.endswith(url)
    assert quote(url, safe="") in whatsapp
    # No script, image or frame from another host.
    resources = r'<(?:script|img|iframe|link)[^>]*(?:src|href)="(https?://[^"]*)"'
    for source in re.findall(resources, html):
        assert source.startswith("http://localhost/"), source


def test_share_block_is_only_on_practices_tools_and_meetings(client, paths):
    for name in ("home", "organization", "frame", "practice_index"):
        assert 'class="share"' not in client.get(paths[name]).content.decode(), name


def test_sitemap_lists_theme_and_tag_pages_but_not_tags_of_hidden_pages(client, paths):
    index = client.get("/sitemap.xml").content.decode()
    taxonomy = "http://localhost" + reverse("sitemap_taxonomy")
    assert f"<loc>{taxonomy}</loc>" in index
    body = client.get(reverse("sitemap_taxonomy")).content.decode()
    listed = re.findall(r"<loc>([^<]+)</loc>", body)
    assert "http://localhost" + paths["theme_list"] in listed
    assert "http://localhost" + paths["theme"] in listed
    assert "http://localhost" + paths["tag"] in listed
    assert "http://localhost" + reverse("tag_detail", args=["confidentiel"]) not in listed
