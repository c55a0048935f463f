"""« Imprimer la fiche » and the booklet: what a reader gets on paper, and only what may be
seen of the pages they come from."""

import datetime
import html
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from home.models import PortalSettings
from practices import views as practice_views
from practices.models import ToolDocument, ToolKind

from .conftest import shared_data
from .factories import (
    ThemeFactory,
    make_community,
    make_document,
    make_organization,
    make_practice,
    make_tool,
    publish,
)


def text(response):
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def words(count, word="démarche"):
    return " ".join(f"{word}{i}" for i in range(count))


@pytest.fixture
def world(request, _site_tree_pks):
    """Communities, themes, an organisation and its practice: built once for consecutive tests
    (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_world)


def build_world(site_tree):
    site_tree.segou = make_community(site_tree, title="Ségou", region="Ségou")
    site_tree.kayes = make_community(site_tree, title="Kayes", region="Kayes")
    site_tree.theme = ThemeFactory(name="Participation politique")
    site_tree.other_theme = ThemeFactory(name="Santé reproductive")
    site_tree.org = make_organization(
        site_tree,
        title="Association pour le progrès des femmes",
        acronym="APROFEM",
        contact_email="contact@aprofem.example",
        contact_phone="+223 20 00 00 00",
        communities=[site_tree.segou],
    )
    site_tree.practice = make_practice(
        site_tree.org,
        title="Dialogue avec les chefs de village",
        summary="Des rencontres pour que les femmes siègent dans les conseils.",
        communities=[site_tree.segou],
        themes=[site_tree.theme],
        places="Ségou, Markala",
        period_start=datetime.date(2021, 3, 1),
        period_end=datetime.date(2023, 6, 30),
        approach=f"<p>Rencontres trimestrielles. {words(400)}</p>",
        results="<p>Des conseillères élues dans trois communes.</p>",
        result_figures=[("figure", {"value": "37", "label": "conseillères élues"})],
        lessons_learned="<p>Associer les maris dès le début.</p>",
    )
    return site_tree


def test_practice_sheet_has_what_a_reader_needs_on_paper(client, world):
    page = text(client.get(world.practice.url))
    sheet_url = world.practice.url + "fiche/"
    assert f'href="{sheet_url}"' in page and "Imprimer la fiche" in page

    response = client.get(sheet_url)
    sheet = text(response)
    for expected in (
        "Fiche pratique",
        "Dialogue avec les chefs de village",
        "Des rencontres pour que les femmes siègent dans les conseils.",
        "APROFEM",
        "Ségou, Markala",
        "de mars\u00a02021 à juin\u00a02023",
        "Participation politique",
        "Rencontres trimestrielles.",
        "37",
        "conseillères élues",
        "Associer les maris dès le début.",
        "contact@aprofem.example",
        "+223 20 00 00 00",
        'class="qr-code"',
        '<meta name="robots" content="noindex">',
        'class="quick-exit',
    ):
        assert expected in sheet, expected
    # The QR code and the line under it give the page's full address, not the sheet's.
    address = world.practice.get_full_url()
    assert f"<figcaption>{address}</figcaption>" in sheet
    assert re.search(r"<svg[^>]*class=\"qr-code\"[^>]*>\s*<title>Adresse de cette fiche", sheet)
    # A long text is cut so that the sheet stays within two pages.
    assert "démarche50 " in sheet and "démarche399" not in sheet


def test_tool_sheet_lists_its_files_and_falls_back_to_the_portal_contact(client, world):
    quiet_org = make_organization(world, title="Réseau sans courriel", acronym="RSC")
    tool = make_tool(quiet_org, title="Guide du plaidoyer", kind=ToolKind.GUIDE, year=2022)
    ToolDocument.objects.create(
        page=tool, document=make_document("Guide complet", size=4096), title="Guide complet"
    )
    publish(tool)
    settings = PortalSettings.for_site(world.home.get_site())
    settings.contact_email = "portail@cdp.example"
    settings.save()

    sheet = text(client.get(tool.url + "fiche/"))
    for expected in ("Fiche outil", "Guide du plaidoyer", "2022", "Guide complet", "RSC"):
        assert expected in sheet, expected
    assert "portail@cdp.example" in sheet


def test_sheet_follows_the_privacy_of_its_page(client, world, django_user_model):
    draft = make_practice(world.org, title="Pratique en préparation")
    draft.unpublish()
    assert client.get(draft.url + "fiche/").status_code == 404

    private = make_practice(world.org, title="Pratique réservée aux membres")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get(private.url + "fiche/")
    assert response.status_code == 302 and "/login" in response["Location"]

    member = django_user_model.objects.create_user("lectrice", password="x-long-password-1")
    client.force_login(member)
    assert "Pratique réservée aux membres" in text(client.get(private.url + "fiche/"))


def test_booklet_prints_the_practices_of_a_theme_with_a_table_of_contents(client, world):
    other = make_practice(
        world.org, title="Cliniques mobiles", themes=[world.other_theme], approach="<p>x</p>"
    )
    second = make_practice(world.org, title="Caravane de sensibilisation", themes=[world.theme])
    private = make_practice(world.org, title="Pratique privée du thème", themes=[world.theme])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = make_practice(world.org, title="Brouillon du thème", themes=[world.theme])
    draft.unpublish()

    theme_page = text(client.get(reverse("theme_detail", args=[world.theme.slug])))
    booklet_url = f"{reverse('practice_booklet')}?theme={world.theme.slug}"
    assert f'href="{booklet_url}"' in theme_page

    booklet = text(client.get(booklet_url))
    assert "Thème\xa0: Participation politique" in booklet
    assert "2 pratiques publiées sur le portail" in booklet
    # Table of contents in alphabetical order, each entry a link to its sheet.
    toc = booklet.index("Sommaire")
    first = booklet.index(f'href="#sheet-{second.pk}"', toc)
    then = booklet.index(f'href="#sheet-{world.practice.pk}"', toc)
    assert first < then
    assert f'id="sheet-{world.practice.pk}"' in booklet and f'id="sheet-{second.pk}"' in booklet
    for absent in (other.title, private.title, draft.title):
        assert absent not in booklet, absent


def test_booklet_of_eight_sheets_fits_the_html_budget_with_every_qr_code(client, world):
    """Eight sheets as long as the demo's (its booklet: about 3 KB of text each) stay under
    35 KB of HTML (the demo's booklet weighed 49 KB with its QR codes inline): each QR code is a
    small SVG image of the site (a route of its page), its address still written under it,
    and the « Fiche abrégée » note is said once for the booklet."""
    practices = [world.practice] + [
        make_practice(
            world.org,
            title=f"Pratique numéro {number} de la communauté de pratique",
            summary="Des causeries débats dans les villages sur les droits des femmes. " * 3,
            themes=[world.theme],
            places="Ségou, Markala, Niono, Macina, San, Tominian, Bla",
            approach=f"<p>{words(60)}</p><ul><li>{words(15, 'session')}</li></ul>",
            results=f"<p>{words(30, 'résultat')}</p>",
            result_figures=[("figure", {"value": "90", "label": "participantes"})] * 3,
            lessons_learned=f"<p>{words(25, 'leçon')}</p>",
        )
        for number in range(7)
    ]
    response = client.get(reverse("practice_booklet"), {"theme": world.theme.slug})
    booklet = text(response)
    assert len(response.content) <= 35 * 1024, len(response.content)
    assert "8 pratiques publiées sur le portail" in booklet
    assert booklet.count("Fiche abrégée") + booklet.count("Fiches abrégées") == 1
    for practice in practices:
        assert f'id="sheet-{practice.pk}"' in booklet
        assert f"<figcaption>{practice.get_full_url()}</figcaption>" in booklet
        src = practice.url + "fiche/qr/"
        assert f'<img class="qr-code" src="{src}" alt="Adresse de cette fiche sur le portail"' in (
            booklet
        )
        image = client.get(src)
        assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
        assert b"<svg" in image.content and b"Adresse de cette fiche" in image.content
    assert "démarche59" in booklet and "leçon24" in booklet


def test_qr_image_follows_the_privacy_of_its_page(client, world):
    draft = make_practice(world.org, title="Pratique en préparation")
    draft.unpublish()
    assert client.get(draft.url + "fiche/qr/").status_code == 404
    private = make_practice(world.org, title="Pratique réservée aux membres")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get(private.url + "fiche/qr/")
    assert response.status_code == 302 and "/login" in response["Location"]
    assert client.get(world.practice.url + "fiche/qr/x/").status_code == 404


def test_booklet_of_a_community_is_linked_from_its_page(client, world):
    page = text(client.get(world.segou.url))
    assert f"{reverse('practice_booklet')}?communaute={world.segou.slug}" in page
    make_practice(world.org, title="Pratique de Kayes", communities=[world.kayes])
    booklet = text(client.get(reverse("practice_booklet"), {"communaute": world.segou.slug}))
    assert world.practice.title in booklet and "Pratique de Kayes" not in booklet


def test_listing_link_carries_its_filters_to_the_booklet(client, world):
    listing = text(client.get(world.practices.url, {"theme": world.theme.slug}))
    assert f"{reverse('practice_booklet')}?theme={world.theme.slug}" in listing


def test_booklet_says_when_it_keeps_only_the_first_sheets(client, world, monkeypatch):
    make_practice(world.org, title="Autre pratique")
    make_practice(world.org, title="Encore une pratique")
    monkeypatch.setattr(practice_views, "BOOKLET_LIMIT", 2)
    booklet = text(client.get(reverse("practice_booklet")))
    assert "3 pratiques publiées sur le portail" in booklet
    assert "les 2 premières par ordre alphabétique" in booklet
    assert booklet.count('class="sheet sheet--practice"') == 2


@pytest.mark.parametrize(
    "query, status",
    [
        ({"theme": "inconnu"}, 200),
        ({"theme": "x\x00y"}, 400),  # refused early by the project's middleware, styled page
        ({"communaute": "<script>alert(1)</script>"}, 200),
        ({"page": "99999999999999999999"}, 200),
        ({"theme": "a" * 5000}, 400),  # over the query-string limit
    ],
)
def test_booklet_answers_bad_filters_without_error(client, world, query, status):
    response = client.get(reverse("practice_booklet"), query)
    assert response.status_code == status
    body = response.content.decode()
    assert "quick-exit" in body
    assert "<script>alert(1)</script>" not in body
    if "theme" in query and query["theme"] == "inconnu":
        assert "n'est pas une valeur connue" in html.unescape(body)


@pytest.mark.browser
def test_a_long_practice_prints_on_two_a4_pages_at_most(live_tree, browser_page):
    """Chromium's « Enregistrer en PDF »: the longest texts are cut, nothing spills over."""
    org = make_organization(live_tree, title="Organisation bavarde", contact_email="a@b.example")
    practice = make_practice(
        org,
        title="Une pratique très longuement décrite par son organisation",
        summary="Un résumé de trois lignes. " * 8,
        places="Ségou, Markala, Niono, San, Bla, Macina, Tominian, Baraouéli",
        approach=f"<p>{words(900)}</p><ul><li>{words(200, 'étape')}</li></ul>",
        results=f"<p>{words(900, 'résultat')}</p>",
        result_figures=[("figure", {"value": str(n), "label": "femmes formées"}) for n in range(6)],
        lessons_learned=f"<p>{words(900, 'leçon')}</p>",
    )
    browser_page.goto(live_tree.url + practice.url + "fiche/")
    assert browser_page.locator(".qr-code").is_visible()
    pdf = browser_page.pdf(format="A4", print_background=False)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert 1 <= pages <= 2, pages


def test_booklet_parts_group_the_sheets_in_order_within_the_room():
    assert practice_views.booklet_parts([], room=10) == []
    parts = practice_views.booklet_parts([4, 4, 4, 9, 12, 1], room=10)
    assert parts == [[0, 1], [2], [3], [4], [5]]
    assert practice_views.booklet_parts([3, 3, 3], room=10) == [[0, 1, 2]]


def long_practice(world, number):
    """A sheet as heavy as the forms allow: the longest summary, places and target groups, three
    long texts cut at SHEET_WORDS and three figures (about 6.4 KB of HTML)."""
    return make_practice(
        world.org,
        title=f"Pratique longue numéro {number} des communautés de pratique de Ségou",
        summary=("Des causeries débats dans les villages sur les droits des femmes. " * 10)[:600],
        themes=[world.theme],
        places=("Ségou, Markala, Niono, Macina, San, Tominian, Bla, " * 10)[:500],
        target_groups=("femmes leaders, jeunes filles, chefs de village, " * 6)[:255],
        approach=f"<p>{words(200, 'mot')}</p>",
        results=f"<p>{words(200, 'mot')}</p>",
        result_figures=[("figure", {"value": "1 200", "label": "participantes"})] * 3,
        lessons_learned=f"<p>{words(200, 'mot')}</p>",
    )


def test_booklet_of_heavy_sheets_is_printed_in_parts_each_within_the_budget(client, world):
    """Forty sheets (BOOKLET_LIMIT) of 6 KB would make a 250 KB page: the booklet comes in
    parts, each under the 35 KB budget, that together hold every sheet once."""
    practices = [world.practice] + [long_practice(world, number) for number in range(8)]
    url = reverse("practice_booklet")
    first = client.get(url, {"theme": world.theme.slug})
    booklet = text(first)
    assert "9 pratiques publiées sur le portail" in booklet
    parts = re.search(r"Partie 1 sur (\d+)\xa0: fiches 1 à (\d+)\.", booklet)
    assert parts, booklet
    count = int(parts.group(1))
    assert count >= 2
    seen, sizes = [], []
    for number in range(1, count + 1):
        response = client.get(url, {"theme": world.theme.slug, "page": number})
        sizes.append(len(response.content))
        part = text(response)
        seen += [p.pk for p in practices if f'id="sheet-{p.pk}"' in part]
        assert f"Partie {number} sur {count}" in part
        assert 'aria-label="Parties du livret"' in part
        if number < count:
            assert f"page={number + 1}" in part
    assert max(sizes) <= practice_views.BOOKLET_BUDGET, sizes
    assert sorted(seen) == sorted(p.pk for p in practices), "every sheet once"
    # What is neither a sheet nor the table of contents stays within the frame left for it.
    page = first.content.decode()
    taken = re.findall(r'<article class="sheet.*?</article>|<ol start=.*?</ol>', page, re.S)
    frame = len(first.content) - sum(len(part.encode()) for part in taken)
    assert frame <= practice_views.BOOKLET_FRAME, frame
    # A part beyond the last: the last part, said in French.
    beyond = text(client.get(url, {"theme": world.theme.slug, "page": 99}))
    assert f"Partie {count} sur {count}" in beyond and "La page 99 n'existe pas" in beyond
