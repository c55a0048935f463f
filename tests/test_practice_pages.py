"""Practice, tool and concertation-frame pages as a visitor reads them."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from home.templatetags.portal_tags import document_format
from practices.models import (
    ConcertationFramePage,
    Licence,
    MaterialLanguage,
    PracticeAttachment,
    PracticeGalleryImage,
    PracticePage,
    ToolDocument,
    ToolKind,
)

from .conftest import shared_data
from .factories import (
    ThemeFactory,
    make_community,
    make_document,
    make_frame,
    make_image,
    make_organization,
    make_practice,
    make_tool,
    publish,
)


def text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def world(request, _site_tree_pks):
    """Two communities, a theme and an organisation: built once for consecutive tests
    (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_world)


def build_world(site_tree):
    site_tree.segou = make_community(site_tree, title="Ségou", region="Ségou")
    site_tree.kayes = make_community(site_tree, title="Kayes", region="Kayes")
    site_tree.theme = ThemeFactory(name="Autonomisation économique")
    site_tree.org = make_organization(
        site_tree,
        title="Association pour le progrès des femmes",
        acronym="APROFEM",
        communities=[site_tree.segou],
    )
    return site_tree


def test_practice_page_shows_every_filled_field(client, world):
    tool = make_tool(world.org, title="Cahier de gestion des AVEC")
    practice = make_practice(
        world.org,
        title="Associations villageoises d'épargne et de crédit",
        summary="Des groupes d'épargne pour l'autonomie des femmes.",
        communities=[world.segou, world.kayes],
        themes=[world.theme],
        tags=["AVEC", "épargne"],
        problem="<p>Les femmes n'ont pas accès au crédit.</p>",
        context="<p>Zones rurales touchées par la crise.</p>",
        places="Ségou, Markala, Niono",
        approach="<p>Formation de groupes de 25 femmes.</p>",
        results="<p>Les membres financent des activités génératrices de revenus.</p>",
        result_figures=[("figure", {"value": "1 200", "label": "femmes membres"})],
        lessons_learned="<p>La confiance se construit lentement.</p>",
        challenges="<p>Les déplacements pendant la saison des pluies.</p>",
        replication_conditions="<p>Une animatrice formée par commune.</p>",
        target_groups="Femmes rurales, jeunes filles",
        period_start=datetime.date(2022, 2, 1),
        period_end=datetime.date(2023, 12, 15),
    )
    practice.related_tools.add(tool)
    publish(practice)
    report = make_document("Rapport final", size=2048)
    PracticeAttachment.objects.create(
        page=practice, document=report, title="Rapport de capitalisation"
    )
    frame = make_frame(world, title="Mariage d'enfants")
    frame.related_practices.add(practice)
    publish(frame)

    page = text(client.get(practice.url))
    for expected in [
        "<h1>Associations villageoises d'épargne et de crédit</h1>",
        "Des groupes d'épargne pour l'autonomie des femmes.",
        "Association pour le progrès des femmes (APROFEM)",
        "de février\xa02022 à décembre\xa02023",
        "Ségou, Markala, Niono",
        "Femmes rurales, jeunes filles",
        "Problème traité",
        "Les femmes n'ont pas accès au crédit.",
        "Zones rurales touchées par la crise.",
        "Formation de groupes de 25 femmes.",
        "<strong>1\xa0200</strong>\xa0femmes membres",
        "Les membres financent des activités génératrices de revenus.",
        "Leçons apprises",
        "La confiance se construit lentement.",
        "Les déplacements pendant la saison des pluies.",
        "Conditions de réplication",
        "Une animatrice formée par commune.",
        "Rapport de capitalisation",
        f"({document_format(report)})",
        "Outils liés",
        "Cahier de gestion des AVEC",
        "Cadres de concertation",
        "Mariage d'enfants",
        f'href="{world.kayes.url}"',
        f'href="{reverse("theme_detail", args=[world.theme.slug])}"',
        'href="/mots-cles/avec/"',
    ]:
        assert expected in page, expected
    assert 'aria-label="Fil d’Ariane"' in page or "Fil d'Ariane" in page


def test_practice_page_hides_empty_sections(client, world):
    practice = make_practice(world.org, title="Pratique courte")
    page = text(client.get(practice.url))
    for heading in [
        "Problème traité",
        "Démarche",
        "Leçons apprises",
        "Documents joints",
        "Outils liés",
        "Période",
        "Images",
    ]:
        assert heading not in page


def test_practice_images_are_responsive_renditions(client, world):
    image = make_image("Groupe d'épargne réuni")
    practice = make_practice(world.org, title="Pratique illustrée", main_image=image)
    PracticeGalleryImage.objects.create(
        page=practice, image=make_image("Réunion"), caption="Une réunion"
    )
    body = client.get(practice.url).content.decode()
    hero, gallery = (
        body.split('<figure class="hero-image">')[1],
        body.split('<figure class="gallery-image">')[1],
    )
    assert 'type="image/avif"' in hero and 'type="image/webp"' in hero
    assert 'loading="eager"' in hero.split("</figure>")[0]
    assert 'width="360"' in hero and 'height="240"' in hero
    assert 'loading="lazy"' in gallery.split("</figure>")[0]
    assert "Une réunion" in gallery
    assert ".avif" in hero and "original" not in hero


def test_tool_page_shows_documents_with_format_and_size_before_download(client, world):
    french = MaterialLanguage.objects.get_or_create(code="fr", defaults={"name": "Français"})[0]
    bambara = MaterialLanguage.objects.get_or_create(code="bm", defaults={"name": "Bambara"})[0]
    tool = make_tool(
        world.org,
        title="Guide de la médiation communautaire",
        kind=ToolKind.GUIDE,
        summary="Pour accompagner les médiatrices.",
        audience="Médiatrices communautaires",
        year=2024,
        licence=Licence.CC_BY,
        languages=[french, bambara],
        description="<p>Étapes d'une médiation réussie.</p>",
        communities=[world.segou],
        themes=[world.theme],
        tags=["médiation"],
        cover_image=make_image("Couverture"),
    )
    guide_fr = make_document("Guide FR", size=1_300_000)
    guide_bm = make_document("Guide BM", size=800_000, extension="docx")
    ToolDocument.objects.create(
        page=tool, document=guide_fr, language=french, title="Guide (français)"
    )
    ToolDocument.objects.create(page=tool, document=guide_bm, language=bambara)
    practice = make_practice(world.org, title="Médiation dans les villages")
    practice.related_tools.add(tool)
    publish(practice)

    response = client.get(tool.url)
    page = text(response)
    for expected in [
        "<h1>Guide de la médiation communautaire</h1>",
        "Pour accompagner les médiatrices.",
        "<dt>Type</dt><dd>Guide</dd>",
        "<dd>Français, Bambara</dd>",
        "Médiatrices communautaires",
        "<dd>2024</dd>",
        "Creative Commons Attribution (CC BY 4.0)",
        "Étapes d'une médiation réussie.",
        "Guide (français)</a>",
        f"({document_format(guide_fr)} · Français)",
        "Guide BM</a>",
        f"({document_format(guide_bm)} · Bambara)",
        "Pratiques qui utilisent cet outil",
        "Médiation dans les villages",
    ]:
        assert expected in page, expected
    # Size and format come before the visitor reaches the download link's target.
    assert document_format(guide_fr).startswith("PDF · 1,2")
    assert page.index("Télécharger") < page.index(document_format(guide_fr))
    assert "download>" in response.content.decode()
    assert 'type="image/avif"' in response.content.decode()


def test_concertation_frame_page(client, world):
    practice = make_practice(world.org, title="Clubs de jeunes filles")
    tool = make_tool(world.org, title="Fiche de plaidoyer")
    frame = make_frame(
        world,
        title="Mariage d'enfants",
        communities=[world.segou, world.kayes],
        themes=[world.theme],
        theme=world.theme,
        summary="Un cadre pour mettre fin au mariage d'enfants.",
        objectives="<p>Coordonner les actions de plaidoyer.</p>",
        strategies="<p>Dialogue avec les leaders religieux.</p>",
        participant_count=41,
        organization_count=18,
    )
    frame.related_practices.add(practice)
    frame.related_tools.add(tool)
    publish(frame)
    page = text(client.get(frame.url))
    for expected in [
        "<h1>Mariage d'enfants</h1>",
        "Un cadre pour mettre fin au mariage d'enfants.",
        "Thème principal\xa0:",
        "<strong>41</strong> participants",
        "<strong>18</strong> organisations représentées",
        "Coordonner les actions de plaidoyer.",
        "Stratégies échangées",
        "Dialogue avec les leaders religieux.",
        "Pratiques liées",
        "Clubs de jeunes filles",
        "Outils liés",
        "Fiche de plaidoyer",
    ]:
        assert expected in page, expected


def test_unpublished_related_pages_are_not_linked(client, world):
    tool = make_tool(world.org, title="Outil retiré")
    practice = make_practice(world.org, title="Pratique")
    practice.related_tools.add(tool)
    publish(practice)
    tool.unpublish()
    assert "Outil retiré" not in text(client.get(practice.url))


def test_practice_end_before_start_is_refused(world):
    practice = PracticePage(
        title="Dates inversées",
        summary="x",
        period_start=datetime.date(2023, 5, 1),
        period_end=datetime.date(2022, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        practice.clean()
    assert "La fin ne peut pas précéder le début." in str(error.value)


def test_frame_cannot_have_more_organisations_than_participants(world):
    frame = ConcertationFramePage(title="Cadre", participant_count=10, organization_count=12)
    with pytest.raises(ValidationError) as error:
        frame.clean()
    assert "plus d'organisations représentées que de participants" in str(error.value)


def test_tool_year_out_of_range_is_refused(world):
    tool = make_tool(world.org, title="Outil")
    tool.year = 1800
    with pytest.raises(ValidationError):
        tool.full_clean()


def test_practice_takes_its_organisation_from_the_tree(world):
    practice = make_practice(world.org, title="Sous l'organisation")
    assert practice.organization_id == world.org.pk
    library = make_practice(world.practices, title="Dans la bibliothèque")
    assert library.organization_id is None
