"""Home, community, organisation and standard pages as a visitor reads them."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from home import registry
from home.models import CommunityPage, FeaturedItem, OrganizationKind, StandardPage

from .conftest import shared_data
from .factories import (
    ThemeFactory,
    add_page,
    grow_catalogue,
    make_community,
    make_frame,
    make_image,
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
    """Two communities and three organisations: built once for consecutive tests (tests/conftest.py,
    ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_world)


def build_world(site_tree):
    w = site_tree
    w.segou = make_community(
        w,
        title="Ségou",
        region="Ségou",
        created_on=datetime.date(2021, 2, 10),
        project="Projet VLF-Musoya",
        summary="La CdP de Ségou réunit les organisations de la région.",
        objectives="<ul><li>Partager les bonnes pratiques</li></ul>",
        way_of_working="<p>Une rencontre semestrielle et un noyau dur.</p>",
    )
    w.kayes = make_community(w, title="Kayes", region="Kayes", summary="La CdP de Kayes.")
    w.aprofem = make_organization(
        w,
        title="Association pour le progrès des femmes",
        acronym="APROFEM",
        communities=[w.segou],
        role="ONG porteuse",
        commune="Ségou",
        contact_email="contact@aprofem.example",
        contact_phone="+223 20 00 00 00",
        address="Quartier Mission, Ségou",
        website="https://aprofem.example",
        description="<p>Association malienne de défense des droits des femmes.</p>",
    )
    w.drpfef = make_organization(
        w,
        title="Direction régionale de la promotion de la femme",
        acronym="DRPFEF",
        kind=OrganizationKind.STATE,
        communities=[w.segou, w.kayes],
    )
    w.partner = make_organization(w, title="Bailleur sans communauté", kind=OrganizationKind.DONOR)
    w.segou.lead_organization = w.aprofem
    w.segou.state_service = w.drpfef
    publish(w.segou)
    w.segou.refresh_from_db()
    return w


class TestHomePage:
    def test_introduction_figures_latest_and_communities(self, client, world):
        world.home.introduction = "<p>Bienvenue sur le portail des CdP.</p>"
        publish(world.home)
        for number in range(4):
            make_practice(world.aprofem, title=f"Pratique {number}", communities=[world.segou])
        make_tool(world.aprofem, title="Guide A")
        make_tool(world.tools, title="Guide B")
        page = text(client.get("/"))
        assert "Bienvenue sur le portail des CdP." in page
        # The donor has no community: on the portal, not declared a member.
        assert "<strong>2</strong> organisations déclarées membres d'une CdP" in page
        assert "<strong>3</strong> organisations présentes sur le portail" in page
        assert "<strong>4</strong> pratiques partagées" in page
        assert "<strong>2</strong> outils et modèles" in page
        assert card_titles(client.get("/"))[:5] == [
            "Pratique 3",
            "Pratique 2",
            "Pratique 1",
            "Guide B",
            "Guide A",
        ]
        assert 'Voir tout<span class="visually-hidden">\xa0: pratiques</span> (4)' in page
        assert f'href="{world.practices.url}"' in page
        assert "Région de Ségou · créée en février\xa02021" in page
        assert "La CdP de Kayes." in page

    def test_registered_key_figures_are_shown(self, client, world):
        def meetings():
            return [("rencontres tenues (test)", 1234)]

        def single():
            return ("participantes (test)", 7)

        registry.register_key_figure(meetings)
        registry.register_key_figure(single)
        try:
            page = text(client.get("/"))
        finally:
            registry.key_figures.remove(meetings)
            registry.key_figures.remove(single)
        assert "<strong>1\xa0234</strong> rencontres tenues (test)" in page  # French grouping
        assert "<strong>7</strong> participantes (test)" in page

    def test_featured_items_in_editor_order_with_blurb(self, client, world):
        practice = make_practice(world.aprofem, title="Murs d'expression artistique")
        hidden = make_practice(world.aprofem, title="Pratique retirée")
        FeaturedItem.objects.create(page=world.home, target=world.aprofem, sort_order=1)
        FeaturedItem.objects.create(
            page=world.home,
            target=practice,
            sort_order=0,
            blurb="Des fresques qui parlent aux passants.",
        )
        FeaturedItem.objects.create(page=world.home, target=hidden, sort_order=2)
        hidden.unpublish()
        page = text(client.get("/"))
        featured = page.split("À la une")[1].split("</section>")[0]
        assert featured.index("Murs d'expression artistique") < featured.index(
            "Association pour le progrès des femmes"
        )
        assert "Des fresques qui parlent aux passants." in featured
        assert "Pratique retirée" not in featured
        assert "Pratique" in featured and "Organisation" in featured  # type shown

    def test_home_queries_do_not_grow_with_content(self, client, world):
        def grow(start, count):
            for number in range(start, start + count):
                org = make_organization(world, title=f"Org {number}", communities=[world.segou])
                item = make_practice(
                    org,
                    title=f"P {number}",
                    communities=[world.segou, world.kayes],
                    themes=[ThemeFactory(name=f"T {number}")],
                )
                make_tool(org, title=f"O {number}", communities=[world.kayes])
                make_community(world, title=f"Communauté {number}", region=f"Région {number}")
                FeaturedItem.objects.create(page=world.home, target=item, sort_order=number)

        grow(0, 2)
        few = count_queries(client, "/")
        grow(2, 4)
        assert count_queries(client, "/") == few


class TestCommunityPages:
    def test_community_index_lists_communities(self, client, world):
        page = text(client.get(world.communities.url))
        assert card_titles(client.get(world.communities.url)) == ["Kayes", "Ségou"]
        assert "Région de Ségou · créée en février\xa02021" in page
        assert "Organisation porteuse\xa0: APROFEM" in page

    def test_community_page_shows_identity_objectives_members_and_content(self, client, world):
        for number in range(6):
            make_practice(
                world.aprofem, title=f"Pratique de Ségou {number}", communities=[world.segou]
            )
        make_practice(world.drpfef, title="Pratique de Kayes", communities=[world.kayes])
        make_tool(world.tools, title="Guide commun", communities=[world.segou, world.kayes])
        make_frame(world, title="Mariage d'enfants", communities=[world.segou])
        response = client.get(world.segou.url)
        page = text(response)
        for expected in [
            "<h1>Ségou</h1>",
            "La CdP de Ségou réunit les organisations de la région.",
            "<dt>Région</dt><dd>Ségou</dd>",
            "<dd>février\xa02021</dd>",
            "Projet VLF-Musoya",
            "Association pour le progrès des femmes (APROFEM)",
            "Direction régionale de la promotion de la femme (DRPFEF)",
            "Partager les bonnes pratiques",
            "Une rencontre semestrielle et un noyau dur.",
            "Organisations membres",
            "ONG porteuse",
            'Pratiques <span class="meta">(6)</span>',
            "Guide commun",
            "Mariage d'enfants",
            f'href="{world.practices.url}?communaute={world.segou.slug}">Voir tout',
        ]:
            assert expected in page, expected
        assert "Pratique de Kayes" not in page
        assert "Bailleur sans communauté" not in page
        titles = card_titles(response)
        assert sum(title.startswith("Pratique de Ségou") for title in titles) == 3  # a short list
        # « Voir tout (6) » leads to a listing that shows those 6 practices.
        listing = client.get(world.practices.url, {"communaute": world.segou.slug})
        assert sorted(card_titles(listing)) == [f"Pratique de Ségou {n}" for n in range(6)]
        # The one tool and the one frame are all shown already: no « Voir tout (1) ».
        assert 'Voir tout<span class="visually-hidden">\xa0: pratiques</span> (6)' in page
        assert f'href="{world.tools.url}?communaute={world.segou.slug}">Voir tout' not in page
        assert 'Voir tout<span class="visually-hidden">\xa0: outils' not in page
        assert 'Voir tout<span class="visually-hidden">\xa0: cadres' not in page

    def test_card_summary_keeps_french_punctuation_with_its_word(self, client, world):
        make_practice(
            world.aprofem,
            title="Cadre sur la loi 052",
            summary="Loi 052 : 38 participants ; « R & D » !",
            communities=[world.segou],
        )
        page = client.get(world.segou.url).content.decode()
        # No lone « : » at the start of a line on a phone (look-community-segou-360); still escaped.
        assert "Loi 052\xa0: 38\xa0participants\xa0; «\xa0R &amp; D\xa0»\xa0!" in page

    def test_long_member_list_shows_the_first_then_voir_tout(self, client, world):
        members = text(client.get(world.segou.url))
        assert 'Voir tout<span class="visually-hidden">\xa0: organisations membres' not in members
        for number in range(6):
            make_organization(world, title=f"Membre {number}", communities=[world.segou])
        page = text(client.get(world.segou.url))
        assert 'Organisations membres <span class="meta">(8)</span>' in page
        assert page.count('<li class="card t-organization">') == 6
        assert (
            f'<a class="button button--secondary" href="{world.organizations.url}'
            f'?communaute={world.segou.slug}">Voir tout<span class="visually-hidden">\xa0: '
            "organisations membres</span> (8)</a>"
        ) in page

    def test_community_link_leads_to_the_filtered_index(self, client, world):
        make_practice(world.aprofem, title="Pratique de Ségou", communities=[world.segou])
        make_practice(world.drpfef, title="Pratique de Kayes", communities=[world.kayes])
        response = client.get(world.practices.url, {"communaute": world.kayes.slug})
        assert card_titles(response) == ["Pratique de Kayes"]

    def test_community_shared_content_appears_on_both_communities(self, client, world):
        make_practice(
            world.drpfef, title="Pratique partagée", communities=[world.segou, world.kayes]
        )
        assert "Pratique partagée" in text(client.get(world.segou.url))
        assert "Pratique partagée" in text(client.get(world.kayes.url))

    def test_creation_date_in_the_future_is_refused(self, world):
        community = CommunityPage(
            title="Future",
            region="Mopti",
            created_on=timezone.localdate() + datetime.timedelta(days=30),
        )
        with pytest.raises(ValidationError):
            community.clean()

    def test_community_page_queries_do_not_grow(self, client, world):
        def grow(start, count):
            grow_catalogue(
                world,
                range(start, start + count),
                organization=lambda number: {
                    "title": f"Org {number}",
                    "communities": [world.segou],
                },
                practice=lambda number: {
                    "title": f"P {number}",
                    "communities": [world.segou],
                    "themes": [ThemeFactory(name=f"T {number}")],
                    "tags": [f"t{number}"],
                },
                tool=lambda number: {"title": f"O {number}", "communities": [world.segou]},
                frame=lambda number: {"title": f"C {number}", "communities": [world.segou]},
            )

        grow(0, 2)
        few = count_queries(client, world.segou.url)
        grow(2, 5)
        assert count_queries(client, world.segou.url) == few


class TestOrganizationPage:
    def test_profile_contacts_and_logo(self, client, world):
        world.aprofem.logo = make_image("Logo APROFEM", width=400, height=400)
        publish(world.aprofem)
        response = client.get(world.aprofem.url)
        page = text(response)
        for expected in [
            "Association pour le progrès des femmes",
            "(APROFEM)",
            "<dd>ONG / association</dd>",
            "<dd>ONG porteuse</dd>",
            f'<a href="{world.segou.url}">Ségou</a>',
            "<dd>Ségou</dd>",
            "Association malienne de défense des droits des femmes.",
            'href="mailto:contact@aprofem.example"',
            'href="tel:+22320000000"',
            "Quartier Mission, Ségou",
            'href="https://aprofem.example"',
        ]:
            assert expected in page, expected
        logo = response.content.decode().split('class="organization-logo"')[1].split("</p>")[0]
        assert 'type="image/avif"' in logo and 'width="160"' in logo

    def test_lists_its_practices_and_tools_by_organisation_column(self, client, world):
        make_practice(world.aprofem, title="Pratique d'APROFEM")
        make_practice(world.drpfef, title="Pratique de la DRPFEF")
        make_tool(
            world.tools,
            title="Outil d'APROFEM rangé dans la bibliothèque",
            organization=world.aprofem,
        )
        page = text(client.get(world.aprofem.url))
        assert "Pratique d'APROFEM" in page
        assert "Outil d'APROFEM rangé dans la bibliothèque" in page
        assert "Pratique de la DRPFEF" not in page
        # One practice, shown: no « Voir tout (1) ».
        assert f'href="{world.practices.url}?organisation={world.aprofem.slug}"' not in page
        for number in range(3):
            make_practice(world.aprofem, title=f"Autre pratique d'APROFEM {number}")
        page = text(client.get(world.aprofem.url))
        assert (
            f'href="{world.practices.url}?organisation={world.aprofem.slug}">Voir tout'
            '<span class="visually-hidden">\xa0: pratiques</span> (4)'
        ) in page
        listing = client.get(world.practices.url, {"organisation": world.aprofem.slug})
        assert len(card_titles(listing)) == 4

    def test_empty_profile_shows_no_empty_sections(self, client, world):
        page = text(client.get(world.partner.url))
        assert "Contacts" not in page
        assert "Présentation" not in page
        assert "Bailleur / partenaire" in page


def test_standard_page(client, world):
    about = add_page(
        world.home,
        StandardPage(
            title="À propos",
            slug="a-propos",
            introduction="Qui sommes-nous ?",
            body=[
                ("heading", "Notre mission"),
                ("paragraph", "<p>Défendre les droits des femmes.</p>"),
            ],
        ),
    )
    add_page(
        about,
        StandardPage(
            title="Mentions légales", slug="mentions-legales", introduction="Éditeur du site."
        ),
    )
    page = text(client.get(about.url))
    for expected in [
        "<h1>À propos</h1>",
        "Qui sommes-nous ?",
        "Notre mission",
        "Défendre les droits des femmes.",
        "Mentions légales",
        "Éditeur du site.",
    ]:
        assert expected in page, expected
