"""What each page type declares for search (``search_spec``): a word only in each declared
field finds the page; a field left out (contacts, a chair's name, a connection link) never
does; a draft, a page never published, a restricted page or a page under a restricted
ancestor is never found. One site built for the module, searched through the engine."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, get_page_models

from events.models import MeetingAttachment, MeetingPage, MeetingSession
from home.models import CommunityPage, OrganizationPage, StandardPage
from home.search_spec import SearchSpec
from practices.models import (
    ConcertationFramePage,
    MaterialLanguage,
    PracticeAttachment,
    PracticePage,
    ToolDocument,
    ToolPage,
)
from search.engines import SearchRequest, get_engine
from search.models import DocumentText
from search.records import record_for_page, records_for_pages, resolve, searchable_models

from .conftest import build_site_tree
from .factories import (
    ThemeFactory,
    add_page,
    make_document,
    make_event_index,
    make_meeting,
    make_recommendation,
    publish,
)

RICH = "<p>{}</p>"


def paragraph(word):
    return [("paragraph", RICH.format(f"Texte avec {word}."))]


def document_with_text(text):
    document = make_document(title="Annexe jointe")
    DocumentText.objects.update_or_create(document=document, defaults={"text": text})
    return document


def restricted(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return page


def draft(parent, page):
    """A page created and saved as a draft (or submitted), never published."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def build():
    tree = build_site_tree()
    theme = ThemeFactory(name="Thème déclaré")
    pages = {}
    segou = add_page(
        tree.communities,
        CommunityPage(
            title="Communauté Zoubaré",
            region="Régionzorg",
            summary="Résumé communautézorg.",
            project="Projetzorg",
            objectives=RICH.format("Objectifzorg"),
            way_of_working=RICH.format("Fonctionnementzorg"),
            body=paragraph("Corpszorg"),
        ),
    )
    pages["community"] = segou
    organization = OrganizationPage(
        title="Association Kalanzorg",
        acronym="AKZORG",
        role="Rôlezorg",
        commune="Communezorg",
        description=RICH.format("Présentationzorg"),
        contact_email="secretariat@courrielzorg.ml",
        contact_phone="+223 7391 8462",
        address="Rue Adressezorg",
        website="https://sitezorg.example.org",
    )
    organization.communities.set([segou])
    organization = add_page(tree.organizations, organization)
    segou.lead_organization = organization
    publish(segou)
    pages["organization"] = organization

    practice = PracticePage(
        title="Pratique Tiézorg",
        summary="Résumé pratiquezorg.",
        problem=RICH.format("Problèmezorg"),
        places="Lieuzorg",
        approach=RICH.format("Démarchezorg"),
        lessons_learned=RICH.format("Leçonzorg"),
        target_groups="Ciblezorg",
        period_start=datetime.date(2023, 5, 1),
    )
    practice.communities.set([segou])
    practice.themes.set([theme])
    practice.tags.set(["Motcléprazorg"])
    practice.attachments = [
        PracticeAttachment(
            document=document_with_text("Texte du fichier piècezorg."), title="Titrejointzorg"
        )
    ]
    pages["practice"] = add_page(organization, practice)

    tool = ToolPage(
        title="Outil Kunzorg",
        summary="Résumé outilzorg.",
        description=RICH.format("Descriptionzorg"),
        audience="Publiczorg",
        year=2021,
    )
    tool.languages.set([MaterialLanguage.objects.get(code="fr")])
    tool.tags.set(["Motcléoutzorg"])
    tool.documents = [
        ToolDocument(
            document=document_with_text("Guide imprimé fichieroutzorg."),
            language=MaterialLanguage.objects.get(code="bm"),
        )
    ]
    pages["tool"] = add_page(tree.tools, tool)

    frame = ConcertationFramePage(
        title="Cadre Bénézorg",
        summary="Résumé cadrezorg.",
        objectives=RICH.format("Butzorg"),
        strategies=RICH.format("Stratégiezorg"),
        body=paragraph("Contenuzorg"),
        theme=theme,
    )
    frame.tags.set(["Motclécadzorg"])
    pages["frame"] = add_page(tree.frames, frame)

    events = make_event_index(tree)
    meeting = make_meeting(
        events,
        "Rencontre Dounzorg",
        communities=[segou],
        organizers=[organization],
        summary="Résumé rencontrezorg.",
        venue="Sallezorg",
        chair_function="Conseillerzorg du gouverneur",
        chair_name="Présidentzorg Traoré",
        online_url="https://visio.example.org/lienzorg",
        attendance="Fonctionzorg",
        minutes=paragraph("Compterenduzorg"),
        sessions=[
            {
                "title": "Session 1",
                "start_date": datetime.date(2025, 10, 2),
                "communes": "Sessionzorg, Markala",
            },
        ],
    )
    meeting.attachments = [
        MeetingAttachment(document=document_with_text("Liste annexezorg."), title="Rapport")
    ]
    publish(meeting)
    make_recommendation(meeting, text="Recommandationzorg aux autorités")
    pages["meeting"] = meeting

    pages["page"] = add_page(
        tree.home,
        StandardPage(
            title="À propos Fanzorg",
            introduction="Introductionzorg",
            body=paragraph("Paragraphezorg"),
        ),
    )

    # What must never be found: restricted, under a restricted ancestor, never published.
    hidden = {
        "community": [
            restricted(add_page(tree.communities, CommunityPage(title="Cachézorg", region="x"))),
            draft(tree.communities, CommunityPage(title="Cachézorg brouillon", region="x")),
        ],
        "organization": [
            restricted(add_page(tree.organizations, OrganizationPage(title="Cachézorg"))),
            draft(tree.organizations, OrganizationPage(title="Cachézorg brouillon")),
        ],
        "practice": [
            restricted(add_page(tree.practices, PracticePage(title="Cachézorg", summary="x"))),
            draft(tree.practices, PracticePage(title="Cachézorg brouillon", summary="x")),
        ],
        "tool": [
            restricted(add_page(tree.tools, ToolPage(title="Cachézorg", summary="x"))),
            draft(tree.tools, ToolPage(title="Cachézorg brouillon", summary="x")),
        ],
        "frame": [
            restricted(add_page(tree.frames, ConcertationFramePage(title="Cachézorg"))),
            draft(tree.frames, ConcertationFramePage(title="Cachézorg brouillon")),
        ],
        "meeting": [
            restricted(make_meeting(events, "Cachézorg")),
            draft(events, MeetingPage(title="Cachézorg brouillon")),
        ],
        "page": [
            restricted(add_page(tree.home, StandardPage(title="Cachézorg"))),
            draft(tree.home, StandardPage(title="Cachézorg brouillon")),
        ],
    }
    members_only = restricted(add_page(tree.organizations, OrganizationPage(title="Membres")))
    hidden["practice"].append(
        add_page(members_only, PracticePage(title="Cachézorg sous restriction", summary="x"))
    )
    hidden["tool"].append(
        add_page(members_only, ToolPage(title="Cachézorg sous restriction", summary="x"))
    )
    return pages, hidden


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            cache.clear()
            yield build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def pages(site, db):
    return site[0]


def found(query):
    response = get_engine().search(SearchRequest(query=query, per_page=100))
    return {hit.page_id for hit in response.hits}


# A word found only in one declared field (or related text) of one page.
FOUND = {
    "community": [
        "zoubaré",
        "régionzorg",
        "communautézorg",
        "projetzorg",
        "objectifzorg",
        "fonctionnementzorg",
        "corpszorg",
    ],
    "organization": ["kalanzorg", "akzorg", "rôlezorg", "communezorg", "présentationzorg"],
    "practice": [
        "tiézorg",
        "pratiquezorg",
        "problèmezorg",
        "lieuzorg",
        "démarchezorg",
        "leçonzorg",
        "ciblezorg",
        "motcléprazorg",
        "titrejointzorg",
        "piècezorg",
    ],
    "tool": [
        "kunzorg",
        "outilzorg",
        "descriptionzorg",
        "publiczorg",
        "motcléoutzorg",
        "fichieroutzorg",
    ],
    "frame": ["bénézorg", "cadrezorg", "butzorg", "stratégiezorg", "contenuzorg", "motclécadzorg"],
    "meeting": [
        "dounzorg",
        "rencontrezorg",
        "sallezorg",
        "conseillerzorg",
        "fonctionzorg",
        "compterenduzorg",
        "sessionzorg",
        "annexezorg",
        "recommandationzorg",
    ],
    "page": ["fanzorg", "introductionzorg", "paragraphezorg"],
}
# Related texts: the organisation's name and acronym find its practices and the community
# it leads.
RELATED = {"practice": ["kalanzorg", "akzorg"], "community": ["kalanzorg"]}
# Shown on the page or kept for editors, never searchable.
NOT_FOUND = {
    "organization": ["courrielzorg", "secretariat", "7391 8462", "adressezorg", "sitezorg"],
    "meeting": ["présidentzorg", "lienzorg", "visio"],
}


@pytest.mark.parametrize("page_type", sorted(FOUND))
def test_each_declared_field_finds_the_page(pages, page_type):
    page = pages[page_type]
    for word in FOUND[page_type] + RELATED.get(page_type, []):
        assert page.pk in found(word), (page_type, word)


@pytest.mark.parametrize("page_type", sorted(FOUND))
def test_undeclared_fields_restricted_and_unpublished_pages_are_never_found(site, db, page_type):
    pages, hidden = site
    for word in NOT_FOUND.get(page_type, []):
        assert pages[page_type].pk not in found(word), (page_type, word)
    everything = found("cachézorg")
    for page in hidden[page_type]:
        assert page.pk not in everything, (page_type, page.title)
        assert record_for_page(page) is None
    # The same pages, once public, are found: the test above can fail.
    page = hidden[page_type][0]
    PageViewRestriction.objects.filter(page=page).delete()
    assert page.pk in found("cachézorg")


def test_documents_and_keywords_are_their_own_keys(pages):
    record = record_for_page(pages["practice"])
    assert "piècezorg" in record["documents"] and "piècezorg" not in record["body"]
    assert "Titrejointzorg" in record["body"]
    assert record["keywords"] == "Motcléprazorg" and record["tags"] == ["motcléprazorg"]
    tool = record_for_page(pages["tool"])
    assert tool["languages"] == ["fr", "bm"] and tool["year"] == 2021
    assert record_for_page(pages["organization"])["keywords"] == "AKZORG"
    meeting = record_for_page(pages["meeting"])
    assert meeting["organizations"] == [pages["organization"].pk]
    assert meeting["date"] == datetime.date(2025, 10, 2)
    assert record_for_page(pages["community"])["communities"] == [pages["community"].pk]


def test_records_of_every_type_take_a_constant_number_of_queries(pages):
    one = list(pages.values())
    with CaptureQueriesContext(connection) as few:
        assert len(records_for_pages(one)) == len(one)
    meeting = pages["meeting"]
    more = one + [
        make_meeting(
            meeting.get_parent(),
            f"Rencontre {n}",
            communities=[pages["community"]],
            organizers=[pages["organization"]],
            sessions=[{"title": "S", "start_date": datetime.date(2025, 1, 1)}],
        )
        for n in range(3)
    ]
    with CaptureQueriesContext(connection) as many:
        assert len(records_for_pages(more)) == len(more)
    assert len(many) == len(few)


def test_every_public_page_type_with_content_declares_what_it_indexes():
    declared = {model for model, _spec in searchable_models()}
    assert declared == {
        CommunityPage,
        OrganizationPage,
        StandardPage,
        PracticePage,
        ToolPage,
        ConcertationFramePage,
        MeetingPage,
    }
    # Listing pages (indexes, follow-up, results, home) show other pages: not indexed.
    assert (
        not {
            m for m in get_page_models() if isinstance(getattr(m, "search_spec", None), SearchSpec)
        }
        - declared
    )
    assert Page not in declared


def test_every_declared_path_exists():
    for model, spec in searchable_models():
        for key in (
            "summary",
            "body",
            "keywords",
            "communities",
            "themes",
            "tags",
            "organizations",
            "languages",
            "date",
        ):
            for path in getattr(spec, key):
                _lookup, _joinable, owner, leaf = resolve(model, path)
                name = path.split(".")[-1]
                assert leaf is not None or hasattr(owner, name), (model.__name__, path)
        for relation in spec.documents:
            assert resolve(model, f"{relation}.document_id")[3] is not None
        assert spec.is_facet in ("", "communities", "organizations")


def test_a_session_or_recommendation_edit_reaches_the_index(pages):
    meeting = pages["meeting"]
    recommendation = meeting.recommendations.get()
    recommendation.text = "Nouvellezorg recommandation"
    recommendation.save()
    assert meeting.pk in found("nouvellezorg")
    assert meeting.pk not in found("recommandationzorg")
    assert MeetingSession.objects.filter(page=meeting).exists()


def test_sector_terms_migration_adds_variants_and_keeps_the_editors(db):
    import importlib

    from django.apps import apps

    from search.glossary import split_variants
    from search.models import GlossaryTerm

    migration = importlib.import_module("search.migrations.0008_glossary_sector_terms")
    GlossaryTerm.objects.all().delete()
    GlossaryTerm.objects.create(term="VBG", variants="VBG locale\nviolences faites aux femmes")
    migration.load(apps, None)
    variants = split_variants(GlossaryTerm.objects.get(term="VBG").variants)
    assert variants[:2] == ["VBG locale", "violences faites aux femmes"]
    assert variants.count("violences faites aux femmes") == 1 and "GBV" in variants
    assert GlossaryTerm.objects.filter(term="CRSS").exists()
    migration.load(apps, None)  # twice: nothing doubles
    assert split_variants(GlossaryTerm.objects.get(term="VBG").variants) == variants
