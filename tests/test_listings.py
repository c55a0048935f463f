"""The filtered listings: practice and tool indexes, the organisation directory, frames."""

import html
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from home.listing import PER_PAGE
from home.models import OrganizationKind
from practices.models import MaterialLanguage, PracticeIndexPage, ToolKind

from .conftest import shared_data
from .factories import (
    ThemeFactory,
    grow_catalogue,
    make_community,
    make_frame,
    make_organization,
    make_practice,
    make_tool,
)

CARD_TITLE = re.compile(r'<li class="card[^"]*">.*?<h[23]><a href="[^"]*">(.*?)</a></h[23]>', re.S)
CARD_START = re.compile(r'<li class="card[^"]*">')


def card_titles(response):
    assert response.status_code == 200
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def text(response):
    return html.unescape(response.content.decode())


def card_html(response, title):
    """The markup of the card whose title is ``title``."""
    for card in CARD_START.split(text(response))[1:]:
        if f">{title}</a>" in card:
            return card.split("</ul>\n</li>")[0]
    raise AssertionError(f"no card titled {title!r}")


def count_queries(client, url):
    """Queries of one request, caches warmed by a first identical request."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def catalogue(request, _site_tree_pks):
    """Two communities, two themes, two organisations and practices spread across them: built
    once for consecutive tests (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_catalogue)


def build_catalogue(site_tree):
    c = SimpleNamespace(tree=site_tree)
    c.segou = make_community(site_tree, title="Ségou", region="Ségou")
    c.kayes = make_community(site_tree, title="Kayes", region="Kayes")
    c.marriage = ThemeFactory(name="Mariage d'enfants")
    c.economy = ThemeFactory(name="Autonomisation économique")
    c.aprofem = make_organization(
        site_tree,
        title="Association pour le progrès des femmes",
        acronym="APROFEM",
        communities=[c.segou],
    )
    c.rfk = make_organization(
        site_tree,
        title="Réseau des femmes de Kayes",
        acronym="RFK",
        kind=OrganizationKind.NETWORK,
        communities=[c.kayes],
    )
    c.avec = make_practice(
        c.aprofem,
        title="Épargne villageoise AVEC",
        communities=[c.segou],
        themes=[c.economy],
        tags=["AVEC"],
    )
    c.walls = make_practice(
        c.aprofem,
        title="Murs d'expression artistique",
        communities=[c.segou, c.kayes],
        themes=[c.marriage],
        tags=["art"],
    )
    c.radio = make_practice(
        c.rfk,
        title="Émissions radio contre le mariage précoce",
        communities=[c.kayes],
        themes=[c.marriage],
        tags=["radio", "AVEC"],
    )
    # The coordination's own practice, filed under the index rather than an organisation.
    c.coordination = make_practice(
        site_tree.practices,
        title="Fiche de capitalisation commune",
        communities=[c.segou, c.kayes],
        themes=[c.marriage, c.economy],
    )
    return c


def url_with(path, **params):
    from urllib.parse import urlencode

    return f"{path}?{urlencode(params, doseq=True)}"


class TestPracticeIndex:
    def test_lists_every_live_practice_wherever_it_lives_newest_first(self, client, catalogue):
        assert card_titles(client.get(catalogue.tree.practices.url)) == [
            "Fiche de capitalisation commune",
            "Émissions radio contre le mariage précoce",
            "Murs d'expression artistique",
            "Épargne villageoise AVEC",
        ]

    def test_drafts_and_private_pages_are_not_listed(self, client, catalogue):
        catalogue.radio.unpublish()
        PageViewRestriction.objects.create(
            page=catalogue.walls, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        titles = card_titles(client.get(catalogue.tree.practices.url))
        assert "Émissions radio contre le mariage précoce" not in titles
        assert "Murs d'expression artistique" not in titles
        assert "Épargne villageoise AVEC" in titles
        assert "2 pratiques" in text(client.get(catalogue.tree.practices.url))

    def test_card_shows_title_organisation_communities_themes_and_summary(self, client, catalogue):
        card = card_html(client.get(catalogue.tree.practices.url), "Épargne villageoise AVEC")
        assert "APROFEM" in card
        assert "Résumé de Épargne villageoise AVEC." in card
        assert "Ségou" in card
        assert "Autonomisation économique" in card

    def test_community_filter(self, client, catalogue):
        titles = card_titles(
            client.get(url_with(catalogue.tree.practices.url, communaute=catalogue.kayes.slug))
        )
        assert sorted(titles) == sorted(
            [
                "Murs d'expression artistique",
                "Émissions radio contre le mariage précoce",
                "Fiche de capitalisation commune",
            ]
        )

    def test_theme_filter(self, client, catalogue):
        titles = card_titles(
            client.get(url_with(catalogue.tree.practices.url, theme=catalogue.economy.slug))
        )
        assert sorted(titles) == ["Fiche de capitalisation commune", "Épargne villageoise AVEC"]

    def test_tag_filter(self, client, catalogue):
        titles = card_titles(
            client.get(url_with(catalogue.tree.practices.url, **{"mot-cle": "avec"}))
        )
        assert sorted(titles) == sorted(
            ["Épargne villageoise AVEC", "Émissions radio contre le mariage précoce"]
        )

    def test_organisation_filter(self, client, catalogue):
        titles = card_titles(
            client.get(url_with(catalogue.tree.practices.url, organisation=catalogue.aprofem.slug))
        )
        assert sorted(titles) == ["Murs d'expression artistique", "Épargne villageoise AVEC"]

    def test_filters_combine_with_and(self, client, catalogue):
        response = client.get(
            url_with(
                catalogue.tree.practices.url,
                communaute=catalogue.kayes.slug,
                theme=catalogue.marriage.slug,
                organisation=catalogue.rfk.slug,
            )
        )
        assert card_titles(response) == ["Émissions radio contre le mariage précoce"]
        assert "1 pratique" in text(response)
        assert "Organisation\xa0: RFK" in text(response)

    def test_repeated_values_of_one_filter_mean_any_of_them(self, client, catalogue):
        response = client.get(
            url_with(
                catalogue.tree.practices.url,
                organisation=[catalogue.aprofem.slug, catalogue.rfk.slug],
                theme=catalogue.marriage.slug,
            )
        )
        assert sorted(card_titles(response)) == [
            "Murs d'expression artistique",
            "Émissions radio contre le mariage précoce",
        ]

    def test_many_to_many_filters_never_duplicate_a_practice(self, client, catalogue):
        response = client.get(
            url_with(
                catalogue.tree.practices.url,
                communaute=[catalogue.segou.slug, catalogue.kayes.slug],
                theme=[catalogue.marriage.slug, catalogue.economy.slug],
            )
        )
        titles = card_titles(response)
        assert len(titles) == len(set(titles)) == 4
        assert "4 pratiques" in text(response)

    def test_filter_form_is_a_labelled_get_form_with_database_choices(self, client, catalogue):
        page = text(
            client.get(url_with(catalogue.tree.practices.url, theme=catalogue.marriage.slug))
        )
        assert (
            f'<form class="filters" method="get" action="{catalogue.tree.practices.url}">' in page
        )
        for param, label in [
            ("communaute", "Communauté"),
            ("theme", "Thème"),
            ("mot-cle", "Mot-clé"),
            ("organisation", "Organisation"),
        ]:
            assert f'<label for="filtre-{param}">{label}</label>' in page
            assert f'<select id="filtre-{param}" name="{param}">' in page
        assert (
            f'<option value="{catalogue.marriage.slug}" selected>Mariage d\'enfants</option>'
            in page
        )
        assert f'<option value="{catalogue.rfk.slug}">RFK</option>' in page
        assert '<option value="radio">radio</option>' in page
        assert "Effacer les filtres" in page

    def test_pagination_keeps_the_filters(self, client, catalogue):
        for number in range(PER_PAGE + 2):
            make_practice(
                catalogue.rfk,
                title=f"Causerie {number:02d}",
                communities=[catalogue.kayes],
                themes=[catalogue.marriage],
            )
        url = url_with(catalogue.tree.practices.url, communaute=catalogue.kayes.slug)
        first = text(client.get(url))
        assert f"{PER_PAGE + 5} pratiques" in first
        assert "page 1\xa0sur 2" in first
        next_link = (
            f'href="{catalogue.tree.practices.url}?communaute={catalogue.kayes.slug}&amp;page=2"'
        )
        assert next_link in client.get(url).content.decode()
        second = client.get(url + "&page=2")
        titles = card_titles(second)
        assert len(titles) == 5
        assert "Épargne villageoise AVEC" not in titles  # still filtered on Kayes
        assert f'href="{catalogue.tree.practices.url}?communaute={catalogue.kayes.slug}"' in (
            second.content.decode()
        )  # back to page 1 keeps the filter and drops page=1


class TestToolIndex:
    @pytest.fixture
    def tools(self, catalogue):
        french = MaterialLanguage.objects.get_or_create(code="fr", defaults={"name": "Français"})[0]
        bambara = MaterialLanguage.objects.get_or_create(code="bm", defaults={"name": "Bambara"})[0]
        catalogue.guide = make_tool(
            catalogue.aprofem,
            title="Guide de médiation",
            kind=ToolKind.GUIDE,
            communities=[catalogue.segou],
            themes=[catalogue.marriage],
            languages=[french, bambara],
            tags=["médiation"],
        )
        catalogue.module = make_tool(
            catalogue.tree.tools,
            title="Module de formation VBG",
            kind=ToolKind.TRAINING,
            communities=[catalogue.kayes],
            themes=[catalogue.economy],
            languages=[french],
            organization=catalogue.rfk,
        )
        catalogue.poster = make_tool(
            catalogue.tree.tools,
            title="Affiche loi 052",
            kind=ToolKind.AWARENESS,
            communities=[catalogue.segou, catalogue.kayes],
            languages=[bambara],
        )
        return catalogue

    def test_lists_tools_from_organisations_and_the_library(self, client, tools):
        assert card_titles(client.get(tools.tree.tools.url)) == [
            "Affiche loi 052",
            "Module de formation VBG",
            "Guide de médiation",
        ]
        assert "3 outils et modèles" in text(client.get(tools.tree.tools.url))

    def test_kind_filter(self, client, tools):
        response = client.get(url_with(tools.tree.tools.url, type="training"))
        assert card_titles(response) == ["Module de formation VBG"]
        assert "1 outil ou modèle" in text(response)

    def test_language_filter(self, client, tools):
        titles = card_titles(client.get(url_with(tools.tree.tools.url, langue="bm")))
        assert sorted(titles) == ["Affiche loi 052", "Guide de médiation"]

    def test_organisation_chosen_for_a_library_tool(self, client, tools):
        titles = card_titles(
            client.get(url_with(tools.tree.tools.url, organisation=tools.rfk.slug))
        )
        assert titles == ["Module de formation VBG"]

    def test_language_community_theme_and_tag_combine(self, client, tools):
        mediation = Tag.objects.get(name="médiation")
        response = client.get(
            url_with(
                tools.tree.tools.url,
                langue="fr",
                communaute=tools.segou.slug,
                theme=tools.marriage.slug,
                **{"mot-cle": mediation.slug},
            )
        )
        assert card_titles(response) == ["Guide de médiation"]
        assert "n'est pas une valeur connue" not in text(response)
        other = client.get(
            url_with(
                tools.tree.tools.url,
                langue="fr",
                communaute=tools.kayes.slug,
                **{"mot-cle": mediation.slug},
            )
        )
        assert card_titles(other) == []
        assert "0 outil ou modèle" in text(other)

    def test_card_shows_kind_and_languages(self, client, tools):
        page = text(client.get(tools.tree.tools.url))
        assert "APROFEM · Guide · Français, Bambara" in page


class TestOrganizationDirectory:
    def test_filters_by_community_and_kind(self, client, catalogue):
        state = make_organization(
            catalogue.tree,
            title="Direction régionale de la promotion de la femme",
            acronym="DRPFEF",
            kind=OrganizationKind.STATE,
            communities=[catalogue.segou, catalogue.kayes],
        )
        directory = catalogue.tree.organizations.url
        assert card_titles(client.get(directory)) == [
            "Association pour le progrès des femmes",
            state.title,
            "Réseau des femmes de Kayes",
        ]
        assert sorted(
            card_titles(client.get(url_with(directory, communaute=catalogue.kayes.slug)))
        ) == [
            state.title,
            "Réseau des femmes de Kayes",
        ]
        response = client.get(url_with(directory, communaute=catalogue.kayes.slug, type="state"))
        assert card_titles(response) == [state.title]
        assert "1 organisation" in text(response)
        assert "Service de l'État" in text(response)


class TestFrameIndex:
    def test_lists_frames_with_community_filter(self, client, catalogue):
        make_frame(catalogue.tree, title="Application de la loi 052", communities=[catalogue.kayes])
        make_frame(
            catalogue.tree,
            title="Mariage d'enfants",
            communities=[catalogue.segou],
            summary="Cadre de concertation sur le mariage d'enfants.",
        )
        frames = catalogue.tree.frames.url
        assert card_titles(client.get(frames)) == ["Mariage d'enfants", "Application de la loi 052"]
        response = client.get(url_with(frames, communaute=catalogue.segou.slug))
        assert card_titles(response) == ["Mariage d'enfants"]
        assert "1 cadre de concertation" in text(response)


# Queries of a listing page once the site root is cached, measured on 2026-12-01 (filter
# choices, count, page, card relations, plus the page shell: menus, settings, breadcrumbs).
# The target of issue 10 is 12; these ceilings keep what was reached from growing.
MAX_LISTING_QUERIES = {"practices": 26, "tools": 28, "organizations": 19, "frames": 22}


def grow_listings(catalogue, count, start):
    """``count`` more organisations, each with a practice, a tool and a frame."""
    grow_catalogue(
        catalogue.tree,
        range(start, start + count),
        organization=lambda number: {
            "title": f"Organisation {number}",
            "acronym": f"O{number}",
            "communities": [catalogue.segou],
        },
        practice=lambda number: {
            "title": f"Pratique {number}",
            "communities": [catalogue.segou, catalogue.kayes],
            "themes": [catalogue.marriage, catalogue.economy],
            "tags": [f"mot{number}", "commun"],
        },
        tool=lambda number: {
            "title": f"Outil {number}",
            "communities": [catalogue.segou],
            "themes": [catalogue.marriage],
            "tags": [f"outil{number}"],
            "languages": [
                MaterialLanguage.objects.get_or_create(
                    code=f"l{number}", defaults={"name": f"Langue {number}"}
                )[0]
            ],
        },
        frame=lambda number: {
            "title": f"Cadre {number}",
            "communities": [catalogue.kayes],
            "themes": [catalogue.economy],
        },
    )


def measured_urls(catalogue):
    """The listings whose queries are counted, by name (each index, and a filtered one)."""
    urls = {index: getattr(catalogue.tree, index).url for index in MAX_LISTING_QUERIES}
    urls["filtered practices"] = url_with(
        catalogue.tree.practices.url,
        communaute=catalogue.segou.slug,
        theme=catalogue.marriage.slug,
        **{"mot-cle": "commun"},
    )
    return urls


def build_grown_catalogue(site_tree):
    """The catalogue with 3 more of everything, each listing's queries counted then, and 6
    more added afterwards (9 in all): the counts with 3 are in ``few``."""
    from django.test import Client

    catalogue = build_catalogue(site_tree)
    grow_listings(catalogue, 3, 0)
    client = Client()
    catalogue.few = {
        name: count_queries(client, url) for name, url in measured_urls(catalogue).items()
    }
    grow_listings(catalogue, 6, 3)
    return catalogue


@pytest.fixture
def grown_catalogue(request, _site_tree_pks):
    """``build_grown_catalogue``, built once for the consecutive tests that ask for it
    (tests/conftest.py, ``shared_data``): the listings grow once, not once per test."""
    return shared_data(request, _site_tree_pks, build_grown_catalogue)


class TestConstantQueries:
    """A listing costs the same number of queries for N and 3N items, within its ceiling."""

    @pytest.mark.parametrize("index", ["practices", "tools", "organizations", "frames"])
    def test_index_queries_do_not_grow_with_items(self, client, grown_catalogue, index):
        few = grown_catalogue.few[index]
        assert few <= MAX_LISTING_QUERIES[index]
        url = measured_urls(grown_catalogue)[index]
        assert count_queries(client, url) == few

    def test_filtered_index_queries_do_not_grow_either(self, client, grown_catalogue):
        few = grown_catalogue.few["filtered practices"]
        assert few <= MAX_LISTING_QUERIES["practices"]
        url = measured_urls(grown_catalogue)["filtered practices"]
        assert count_queries(client, url) == few


def test_index_pages_declare_the_model_they_list():
    assert PracticeIndexPage.listed_model == "practices.PracticePage"
