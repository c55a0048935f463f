"""Themes and tags: public pages across both communities, and their admin."""

import html

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from taggit.models import Tag

from home.listing import PER_PAGE
from home.models import Theme
from practices.models import MaterialLanguage

from .conftest import shared_data
from .factories import (
    ThemeFactory,
    grow_catalogue,
    make_community,
    make_frame,
    make_organization,
    make_practice,
    make_tool,
    publish,
)
from .test_listings import card_titles, count_queries


def text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def world(request, _site_tree_pks):
    """Themes and tags carried by practices, a tool and a frame: built once for consecutive tests
    (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_world)


def build_world(site_tree):
    w = site_tree
    w.segou = make_community(w, title="Ségou", region="Ségou")
    w.kayes = make_community(w, title="Kayes", region="Kayes")
    w.marriage = ThemeFactory(
        name="Mariage d'enfants", description="Prévenir les mariages précoces."
    )
    w.economy = ThemeFactory(name="Autonomisation économique")
    w.org = make_organization(w, title="APROFEM", communities=[w.segou])
    w.segou_practice = make_practice(
        w.org,
        title="Clubs de jeunes filles à Ségou",
        communities=[w.segou],
        themes=[w.marriage],
        tags=["plaidoyer"],
    )
    w.kayes_tool = make_tool(
        w.tools,
        title="Affiche de Kayes",
        communities=[w.kayes],
        themes=[w.marriage],
        tags=["Plaidoyer", "affiche"],
    )
    w.frame = make_frame(
        w,
        title="Cadre sur le mariage d'enfants",
        communities=[w.segou, w.kayes],
        themes=[w.marriage],
    )
    w.frame.tags.add("plaidoyer")
    publish(w.frame)
    w.other = make_practice(w.org, title="Épargne", communities=[w.segou], themes=[w.economy])
    return w


class TestThemePages:
    def test_theme_list_with_counts(self, client, world):
        page = text(client.get(reverse("theme_list")))
        assert "<h1>Thèmes</h1>" in page
        marriage = page.split("Mariage d'enfants</a></h2>")[1].split("</li>")[0]
        assert "3 contenus" in marriage
        assert "Prévenir les mariages précoces." in marriage
        assert "1 contenu" in page.split("Autonomisation économique</a></h2>")[1].split("</li>")[0]

    def test_theme_page_lists_every_type_from_both_communities(self, client, world):
        response = client.get(world.marriage.get_absolute_url())
        page = text(response)
        assert "Thème\xa0: Mariage d'enfants" in page
        assert sorted(card_titles(response)) == sorted(
            [
                "Clubs de jeunes filles à Ségou",
                "Affiche de Kayes",
                "Cadre sur le mariage d'enfants",
            ]
        )
        assert "Épargne" not in card_titles(response)
        assert "3 résultats" in page
        assert "Pratiques\xa0: 1" in page and "Outils et modèles\xa0: 1" in page
        assert "Cadres de concertation\xa0: 1" in page
        assert "</svg>Outil ou modèle</span>" in page  # each card says its type
        assert f'<a href="{reverse("theme_list")}">Thèmes</a>' in page  # breadcrumbs

    def test_theme_page_filters_by_type_and_community(self, client, world):
        url = world.marriage.get_absolute_url()
        assert card_titles(client.get(url, {"contenu": "toolpage"})) == ["Affiche de Kayes"]
        assert sorted(card_titles(client.get(url, {"communaute": world.kayes.slug}))) == sorted(
            [
                "Affiche de Kayes",
                "Cadre sur le mariage d'enfants",
            ]
        )
        response = client.get(url, {"communaute": world.segou.slug, "contenu": "practicepage"})
        assert card_titles(response) == ["Clubs de jeunes filles à Ségou"]
        assert "Type de contenu\xa0: Pratiques" in text(response)

    def test_theme_page_paginates_and_keeps_filters(self, client, world):
        for number in range(PER_PAGE + 1):
            make_practice(
                world.org,
                title=f"Pratique {number:02d}",
                communities=[world.kayes],
                themes=[world.marriage],
            )
        url = world.marriage.get_absolute_url()
        response = client.get(url, {"contenu": "practicepage", "page": "2"})
        assert len(card_titles(response)) == 2
        assert f'href="{url}?contenu=practicepage"' in response.content.decode()

    def test_theme_page_queries_do_not_grow(self, client, world):
        def grow(start, count):
            grow_catalogue(
                world,
                range(start, start + count),
                organization=lambda number: {"title": f"Org {number}"},
                practice=lambda number: {
                    "title": f"P {number}",
                    "communities": [world.segou],
                    "themes": [world.marriage],
                    "tags": [f"t{number}"],
                },
                tool=lambda number: {
                    "title": f"O {number}",
                    "communities": [world.kayes],
                    "themes": [world.marriage],
                },
                frame=lambda number: {
                    "title": f"C {number}",
                    "communities": [world.kayes],
                    "themes": [world.marriage],
                },
            )

        url = world.marriage.get_absolute_url()
        grow(0, 1)
        few = count_queries(client, url)
        grow(1, 3)
        assert count_queries(client, url) == few

    def test_theme_slug_is_made_from_its_name(self, db):
        theme = Theme.objects.create(name="Participation politique des femmes")
        assert theme.slug == "participation-politique-des-femmes"


class TestTagPages:
    def test_one_vocabulary_shared_by_every_page_type(self, world):
        # "plaidoyer" typed on a practice, a tool (as "Plaidoyer") and a frame is one tag.
        assert Tag.objects.filter(name__iexact="plaidoyer").count() == 1

    def test_tag_page_lists_every_type_from_both_communities(self, client, world):
        tag = Tag.objects.get(name__iexact="plaidoyer")
        response = client.get(reverse("tag_detail", args=[tag.slug]))
        assert sorted(card_titles(response)) == sorted(
            [
                "Clubs de jeunes filles à Ségou",
                "Affiche de Kayes",
                "Cadre sur le mariage d'enfants",
            ]
        )
        page = text(response)
        assert "Mot-clé\xa0: plaidoyer" in page
        assert "Ségou" in page and "Kayes" in page

    def test_tag_page_type_filter(self, client, world):
        tag = Tag.objects.get(name__iexact="plaidoyer")
        response = client.get(
            reverse("tag_detail", args=[tag.slug]), {"contenu": "concertationframepage"}
        )
        assert card_titles(response) == ["Cadre sur le mariage d'enfants"]

    def test_unused_tag_page_says_so(self, client, world):
        Tag.objects.create(name="orphelin", slug="orphelin")
        page = text(client.get(reverse("tag_detail", args=["orphelin"])))
        assert "Aucun contenu publié ne correspond pour l'instant." in page

    def test_tags_on_a_practice_link_to_their_page(self, client, world):
        page = text(client.get(world.segou_practice.url))
        assert f'href="{reverse("tag_detail", args=["plaidoyer"])}"' in page


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "un-mot-de-passe-long"
    )
    client.force_login(user)
    return client


class TestAdmin:
    def test_tag_autocomplete_offers_tags_of_every_page_type(self, world, admin_client):
        response = admin_client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "aff"})
        assert response.status_code == 200
        assert "affiche" in response.json()  # typed on a tool, offered everywhere
        response = admin_client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "plai"})
        assert response.json() == ["plaidoyer"]

    def test_practice_editor_uses_the_tag_widget(self, world, admin_client):
        url = reverse("wagtailadmin_pages:edit", args=[world.segou_practice.pk])
        page = admin_client.get(url).content.decode()
        assert reverse("wagtailadmin_tag_autocomplete") in page

    def test_classification_menu_lists_themes_tags_and_languages(self, world, admin_client):
        MaterialLanguage.objects.get_or_create(code="bm", defaults={"name": "Bambara"})
        for model, expected in [
            ("home/theme", "Mariage d&#x27;enfants"),
            ("taggit/tag", "plaidoyer"),
            ("practices/materiallanguage", "Bambara"),
        ]:
            response = admin_client.get(f"/admin/snippets/{model}/")
            assert response.status_code == 200, model
            assert expected in response.content.decode(), model
        dashboard = admin_client.get("/admin/").content.decode()
        assert "Classement" in dashboard and "Langues des supports" in dashboard

    def test_admin_theme_search(self, world, admin_client):
        response = admin_client.get("/admin/snippets/home/theme/", {"q": "autonomisation"})
        body = response.content.decode()
        assert "Autonomisation économique" in body
        assert "Mariage d&#x27;enfants" not in body

    def test_theme_created_in_the_admin_gets_its_slug(self, world, admin_client):
        response = admin_client.post(
            "/admin/snippets/home/theme/add/",
            {
                "name": "Accès à la justice",
                "slug": "",
                "description": "",
            },
        )
        assert response.status_code == 302
        assert Theme.objects.get(name="Accès à la justice").slug == "acces-a-la-justice"
        clash = admin_client.post(
            "/admin/snippets/home/theme/add/",
            {
                "name": "Accès à la Justice",
                "slug": "",
                "description": "",
            },
        )
        assert clash.status_code == 200  # the form explains the clash instead of crashing
        assert Theme.objects.filter(name__iexact="accès à la justice").count() == 1
