"""Bad input on public pages: a clear page (200 with a message, or 404), never a 500.

Chosen behaviour for page numbers (home/pagination.py): a number past the last page shows the
last page, anything that is not a positive whole number shows the first page; each time with
a sentence saying so.
"""

import html
import re

import pytest
from django.urls import reverse

from home.listing import PER_PAGE

from .conftest import shared_data
from .factories import (
    ThemeFactory,
    add_page,
    every_page_type,
    make_community,
    make_event_index,
    make_meeting,
    make_organization,
    make_practice,
)
from .test_listings import card_titles


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def many(request, _site_tree_pks):
    """Enough practices for three pages, a theme and a tag carried by all of them: built once
    for consecutive tests (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_many)


def build_many(site_tree):
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
    "999": "last",
}


@pytest.mark.parametrize("value", PAGES)
def test_bad_page_numbers_give_a_clear_page(client, many, value):
    response = client.get(many.practices.url, {"page": value})
    assert response.status_code == 200
    page = text(response)
    titles = card_titles(response)
    if PAGES[value] == "first":
        assert "n'est pas un numéro de page\xa0: voici la première page." in page
        assert titles[0] == f"Pratique {2 * PER_PAGE + 2:02d}"
    else:
        assert "n'existe pas\xa0: voici la dernière page (3)." in page
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
        {"langue": "x" * 3000},
        {"contenu": "meetingpage"},
        {"inconnu": "valeur"},
        {"theme": "a\x01b"},
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
        "«\xa0tombouctou\xa0» n'est pas une valeur connue du filtre «\xa0Communauté\xa0»\xa0: "
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
    assert "page 2\xa0sur 3" in page
    # Links carry each valid value once.
    assert f"?communaute={many.segou.slug}&amp;page=3" in response.content.decode()


def test_a_long_unknown_value_is_shortened_in_the_message(client, many):
    response = client.get(many.practices.url, {"theme": "x" * 500})
    assert "x" * 100 not in response.content.decode()
    assert "n'est pas une valeur connue du filtre «\xa0Thème\xa0»" in text(response)


def test_single_page_listing_beyond_its_end(client, site_tree):
    response = client.get(site_tree.practices.url, {"page": "4"})
    assert response.status_code == 200
    assert "La page 4 n'existe pas\xa0: il n'y a qu'une seule page." in text(response)
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


# --- Hostile values on every route ---------------------------------------------------------
# Inserted as they are (already percent-encoded) into path segments, parameter values and
# parameter names. UNREADABLE ones are refused by cdp_portal.middleware (400) wherever they
# are; ODD ones reach the views, which answer a page, a 400 or a 404, never a 500.
UNREADABLE = ["%00", "a%00b", "%C3%28", "%FF", "%ED%A0%80", "x" * 10_000, "%C0%AF"]
ODD = [
    "x" * 3000,
    "9" * 30,
    "-1",
    "%E2%80%AE",  # right-to-left override
    "%EF%BF%BF",  # a non-character, valid UTF-8
    "%3Cscript%3E",
    "..%2F..%2Fetc",
    "%01%1B%7F",
]
PARAMETERS = [
    "page",
    "q",
    "sort",
    "communaute",
    "theme",
    "mot-cle",
    "organisation",
    "type",
    "langue",
    "contenu",
    "kind",
    "statut",
    "community",
    "tag",
    "year",
    "language",
    "organization",
]
ADMIN_PREFIXES = ("admin/",)
INVALID_LINK_ROUTES = ("/compte/mot-de-passe/",)


def route_templates():
    """Every public route of the URL resolver, with ``{}`` where a path argument goes."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(ADMIN_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route

    templates = set()
    for route in walk(get_resolver().url_patterns, ""):
        if route == "^((?:[\\w\\-]+/)*)$":  # Wagtail's page serving: the pages below
            continue
        if route.startswith("documents/^"):  # wagtail.documents: id, then file name
            templates |= {"/documents/{}/guide.pdf", "/documents/1/{}"}
            continue
        templates.add("/" + re.sub(r"<(?:\w+:)?\w+>", "{}", route))
    return sorted(templates)


def page_urls(tree):
    """One published page of each type (routable sub-pages included), by type name."""
    from wagtail.models import Page, get_page_models

    from events.models import FollowUpPage, ResultsPage
    from home.models import CommunityPage

    urls = every_page_type(tree)
    agenda = make_event_index(tree)
    community = CommunityPage.objects.get(title="Ségou")
    meeting = make_meeting(agenda, title="Rencontre trimestrielle", communities=[community])
    follow_up = add_page(tree.home, FollowUpPage(title="Suivi", slug="suivi"))
    results = add_page(tree.home, ResultsPage(title="Résultats", slug="resultats"))
    urls.update(
        agenda=agenda.url,
        meeting=meeting.url,
        follow_up=follow_up.url,
        follow_up_csv=follow_up.url + "export-csv/",
        results=results.url,
    )
    served = {page.specific_class for page in Page.objects.live().filter(depth__gt=1)}
    missing = {m for m in get_page_models() if m is not Page} - served
    assert not missing, f"no page of type {missing} in the hostile-input test"
    return urls


def assert_clear_answer(client, url, allowed):
    response = client.get(url)
    assert response.status_code in allowed, (url[:120], response.status_code)
    if response.status_code in (400, 404):
        body = response.content.decode()
        assert "Quitter ce site" in body and "/static/css/portal.css" in body, url[:120]
        assert "<script>" not in body.split("<main", 1)[-1], url[:120]
    return response.status_code


def build_every_page(site_tree):
    site_tree.urls = page_urls(site_tree)
    return site_tree


@pytest.fixture
def every_page(request, _site_tree_pks):
    """One page of each type (``page_urls``): built once for consecutive tests
    (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_every_page)


@pytest.fixture
def hostile_client(every_page):
    from django.test import Client

    # A crash must show up as a 500 here, not as an exception stopping the loop.
    return Client(raise_request_exception=False), every_page


def test_every_route_refuses_unreadable_values(hostile_client):
    client, tree = hostile_client
    targets = [t for t in route_templates() if "{}" in t] + [
        url.split("?")[0] + "{}/" for url in tree.urls.values()
    ]
    plain = [t for t in route_templates() if "{}" not in t] + list(tree.urls.values())
    for value in UNREADABLE:
        for template in targets:
            assert assert_clear_answer(client, template.replace("{}", value), {400}) == 400
        for url in plain:
            joiner = "&" if "?" in url else "?"
            query = "&".join(f"{name}={value}" for name in PARAMETERS[:3])
            assert_clear_answer(client, f"{url}{joiner}{query}", {400})
            assert_clear_answer(client, f"{url}{joiner}{value}=1", {400})


def test_every_route_copes_with_odd_values(hostile_client):
    client, tree = hostile_client
    for value in ODD:
        for template in route_templates():
            if "{}" in template and template.startswith(INVALID_LINK_ROUTES):
                # Django's password link view answers its own page for a link it cannot read.
                url = template.replace("{}", value)
                if assert_clear_answer(client, url, {200, 400, 404}) == 200:
                    assert "Ce lien n'est plus valable" in client.get(url).content.decode(), url
            elif "{}" in template:
                assert_clear_answer(client, template.replace("{}", value), {302, 400, 404, 405})
        for url in tree.urls.values():
            path = url.split("?")[0]
            assert_clear_answer(client, path + value + "/", {400, 404})
        for url in [t for t in route_templates() if "{}" not in t] + list(tree.urls.values()):
            joiner = "&" if "?" in url else "?"
            query = "&".join(f"{name}={value}" for name in PARAMETERS)
            assert_clear_answer(
                client, f"{url}{joiner}{query}&{value}=1", {200, 302, 400, 404, 405}
            )
