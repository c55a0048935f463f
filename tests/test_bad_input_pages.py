"""Bad input on public pages: a clear page (200 with a message, or 404), never a 500.

Chosen behaviour for page numbers (home/listing.py): a number past the last page shows the
last page, anything that is not a positive whole number shows the first page; each time with
a sentence saying so.
"""

import html

import pytest
from django.urls import reverse

from home.listing import PER_PAGE

from .factories import ThemeFactory, make_community, make_organization, make_practice
from .test_listings import card_titles


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def many(site_tree):
    """Enough practices for three pages, a theme and a tag carried by all of them."""
    segou = make_community(site_tree, title="Ségou", region="Ségou")
    theme = ThemeFactory(name="Violences basées sur le genre")
    org = make_organization(site_tree, title="APROFEM", communities=[segou])
    for number in range(2 * PER_PAGE + 3):
        make_practice(
            org, title=f"Pratique {number:02d}", communities=[segou], themes=[theme], tags=["vbg"]
        )
    site_tree.segou, site_tree.theme = segou, theme
    return site_tree


def listing_urls(tree):
    return [
        tree.practices.url,
        tree.tools.url,
        tree.organizations.url,
        tree.frames.url,
        reverse("theme_detail", args=[tree.theme.slug]),
        reverse("tag_detail", args=["vbg"]),
    ]


PAGES = {
    "abc": "first",
    "-1": "first",
    "0": "first",
    "1.5": "first",
    "2e3": "first",
    "٣": "first",
    "%00": "first",
    "<script>": "first",
    "9" * 30: "last",
    "9" * 5000: "last",
    "999": "last",
}


@pytest.mark.parametrize("value", PAGES)
def test_bad_page_numbers_give_a_clear_page(client, many, value):
    response = client.get(many.practices.url, {"page": value})
    assert response.status_code == 200
    page = text(response)
    titles = card_titles(response)
    if PAGES[value] == "first":
        assert "n'est pas un numéro de page : voici la première page." in page
        assert titles[0] == f"Pratique {2 * PER_PAGE + 2:02d}"
    else:
        assert "n'existe pas : voici la dernière page (3)." in page
        assert len(titles) == 3
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "10000000000000000000000"},
        {"page": ["2", "3"]},
        {"page": ""},
        {"communaute": "nulle-part"},
        {"theme": ""},
        {"mot-cle": ["", "vbg", "vbg"]},
        {"organisation": "<b>x</b>"},
        {"type": "inconnu"},
        {"langue": "x" * 5000},
        {"contenu": "meetingpage"},
        {"inconnu": "valeur"},
        {"theme": "a\x00b"},
    ],
)
def test_no_listing_ever_fails_on_bad_parameters(client, many, params):
    for url in listing_urls(many):
        response = client.get(url, params)
        assert response.status_code == 200, (url, params)
        assert "<b>x</b>" not in response.content.decode()


def test_unknown_value_is_reported_and_ignored(client, many):
    response = client.get(
        many.practices.url, {"communaute": "tombouctou", "theme": many.theme.slug}
    )
    page = text(response)
    assert (
        "« tombouctou » n'est pas une valeur connue du filtre « Communauté » : "
        "ce critère est ignoré." in page
    )
    assert f"{2 * PER_PAGE + 3} pratiques" in page
    assert "tombouctou" not in response.content.decode().split('class="pagination"')[1]


def test_empty_and_repeated_parameters_are_quietly_normalised(client, many):
    response = client.get(
        many.practices.url,
        {"communaute": ["", many.segou.slug, many.segou.slug], "theme": "", "page": ["2", "abc"]},
    )
    page = text(response)
    assert "n'est pas une valeur connue" not in page
    assert "n'est pas un numéro de page" not in page
    assert "page 2 sur 3" in page
    # Links carry each valid value once.
    assert f"?communaute={many.segou.slug}&amp;page=3" in response.content.decode()


def test_a_long_unknown_value_is_shortened_in_the_message(client, many):
    response = client.get(many.practices.url, {"theme": "x" * 500})
    assert "x" * 100 not in response.content.decode()
    assert "n'est pas une valeur connue du filtre « Thème »" in text(response)


def test_single_page_listing_beyond_its_end(client, site_tree):
    response = client.get(site_tree.practices.url, {"page": "4"})
    assert response.status_code == 200
    assert "La page 4 n'existe pas : il n'y a qu'une seule page." in text(response)
    assert "0 pratique" in text(response)


@pytest.mark.parametrize(
    "path", ["/themes/inconnu/", "/mots-cles/inconnu/", "/themes/%3Cscript%3E/"]
)
def test_unknown_theme_or_tag_is_a_404(client, site_tree, path):
    assert client.get(path).status_code == 404


def test_html_typed_in_plain_text_fields_is_shown_escaped(client, site_tree):
    community = make_community(
        site_tree,
        title="Kayes <i>CdP</i>",
        region="<b>Kayes</b>",
        summary="<script>alert('x')</script> Résumé",
    )
    org = make_organization(
        site_tree,
        title="Org <em>X</em>",
        acronym="<u>OX</u>",
        role="<img src=x onerror=alert(1)>",
        communities=[community],
    )
    practice = make_practice(
        org,
        title="Pratique <script>",
        communities=[community],
        summary="<a href='javascript:alert(1)'>clic</a>",
        places="<b>Nioro</b>, Diéma",
        target_groups="<i>femmes</i>",
    )
    for url in [
        community.url,
        org.url,
        practice.url,
        site_tree.practices.url,
        site_tree.communities.url,
        site_tree.organizations.url,
        "/",
    ]:
        body = client.get(url).content.decode()
        main = body.split("<main", 1)[1]
        for raw in [
            "<script>",
            "<b>Kayes</b>",
            "<img src=x",
            "<a href='javascript",
            "<b>Nioro</b>",
            "<i>femmes</i>",
            "<u>OX</u>",
            "<em>X</em>",
            "<i>CdP</i>",
        ]:
            assert raw not in main, (url, raw)
    assert "&lt;b&gt;Nioro&lt;/b&gt;" in client.get(practice.url).content.decode()
