"""The read-only JSON API (/api/v2/): fields per page type, filters, search, and the absence of
everything a visitor may not see (drafts, pages in moderation, restricted pages, their files,
internal fields), whatever the way of asking."""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from events.models import FollowUpNote, RecommendationStatus
from home.file_access import files_any_visitor_may_see, may_download_document
from home.models import OrganizationPage, StandardPage
from home.workflows import ensure_default_workflow
from practices.models import (
    MaterialLanguage,
    PracticeAttachment,
    PracticePage,
    ToolDocument,
    ToolKind,
)

from .conftest import module_data
from .factories import (
    ThemeFactory,
    add_page,
    make_community,
    make_document,
    make_event_index,
    make_frame,
    make_image,
    make_meeting,
    make_organization,
    make_practice,
    make_recommendation,
    make_tool,
)
from .test_resilience import REDIS_DOWN

API = "/api/v2/"
SECRET = "Zanzibarine"  # a word only non-public content carries
PHONE = "+223 76 12 34 56"


def add_draft(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def build(tree):
    w = tree
    w.theme = ThemeFactory(name="Mariage d'enfants")
    w.other_theme = ThemeFactory(name="Participation des femmes")
    w.segou = make_community(tree, title="Ségou", region="Ségou", summary="La CdP de Ségou.")
    w.kayes = make_community(tree, title="Kayes", region="Kayes")
    w.logo = make_image("Logo APROFEM", width=40, height=40)
    w.org = make_organization(
        tree,
        title="Association pour le progrès des femmes",
        acronym="APROFEM",
        communities=[w.segou],
        contact_phone=PHONE,
        contact_email="contact@aprofem.example",
        address="Rue 12, Ségou",
        role="ONG porteuse",
        logo=w.logo,
    )
    w.hidden_org = add_draft(
        w.organizations, OrganizationPage(title=f"Organisation {SECRET}", contact_phone=PHONE)
    )

    w.img_public = make_image("Atelier public", width=60, height=40)
    w.doc_practice = make_document("Rapport public de la pratique", size=3000)
    w.practice = make_practice(
        w.org,
        title="Associations villageoises d'épargne",
        summary="Des groupes d'épargne à Markala.",
        places="Markala, Ségou",
        results="<p>Cent femmes ont ouvert un compte.</p>",
        result_figures=[("figure", {"value": "100", "label": "femmes"})],
        communities=[w.segou, w.kayes],
        themes=[w.theme],
        tags=["AVEC"],
        main_image=w.img_public,
    )
    PracticeAttachment.objects.create(page=w.practice, document=w.doc_practice)

    w.french = MaterialLanguage.objects.get_or_create(code="fr", defaults={"name": "Français"})[0]
    w.doc_tool = make_document("Guide de la médiation", size=4000)
    w.tool = make_tool(
        w.org,
        title="Guide de la médiation communautaire",
        kind=ToolKind.TRAINING,
        communities=[w.kayes],
        themes=[w.other_theme],
        tags=["médiation"],
        languages=[w.french],
    )
    ToolDocument.objects.create(page=w.tool, document=w.doc_tool, language=w.french)

    w.frame = make_frame(tree, title="Cadre mariage d'enfants", communities=[w.segou])
    w.events = make_event_index(tree)
    w.meeting = make_meeting(
        w.events,
        title="Rencontre semestrielle de Ségou",
        communities=[w.segou],
        organizers=[w.org],
        participating=[w.org, w.hidden_org],
        sessions=[
            {
                "title": "Session 1",
                "start_date": datetime.date(2025, 10, 2),
                "communes": "Markala, Pelengana",
                "participants_total": 20,
            }
        ],
        end_date=datetime.date(2025, 10, 3),
        participants_total=40,
        participants_women=30,
        participants_men=10,
        chair_name="Awa Personne",
        chair_function="Conseillère du Gouverneur",
        online_url="https://visio.example/salle-secrete",
        attendance="Point focal VBG",
        other_organizations="Mairie de Markala",
        concertation_frame=w.frame,
    )
    w.recommendation = make_recommendation(
        w.meeting,
        text="Former les points focaux",
        status=RecommendationStatus.IN_PROGRESS,
        responsible_organization=w.org,
    )
    FollowUpNote.objects.create(recommendation=w.recommendation, text=f"Note {SECRET}")
    w.about = add_page(w.home, StandardPage(title="À propos", introduction="Qui sommes-nous."))

    # Not public, each in its own way, each with its own files.
    w.img_draft, w.doc_draft = (
        make_image(f"Image {SECRET} brouillon"),
        make_document(f"Document {SECRET} brouillon"),
    )
    w.draft = add_draft(
        w.org,
        PracticePage(title=f"Pratique {SECRET} brouillon", summary=SECRET, main_image=w.img_draft),
    )
    PracticeAttachment.objects.create(page=w.draft, document=w.doc_draft)
    w.draft.save_revision()

    w.img_private, w.doc_private = (
        make_image(f"Image {SECRET} privée"),
        make_document(f"Document {SECRET} privé"),
    )
    w.private_tool = make_tool(
        w.org, title=f"Outil {SECRET} privé", summary=SECRET, cover_image=w.img_private
    )
    ToolDocument.objects.create(page=w.private_tool, document=w.doc_private)
    PageViewRestriction.objects.create(page=w.private_tool, restriction_type="login")

    w.password_meeting = make_meeting(
        w.events, title=f"Réunion {SECRET} protégée", summary=SECRET, communities=[w.segou]
    )
    PageViewRestriction.objects.create(
        page=w.password_meeting, restriction_type="password", password="mot-de-passe"
    )

    ensure_default_workflow()
    author = get_user_model().objects.create_user("autrice", "autrice@example.org", "x" * 12)
    w.moderated = add_draft(
        w.org, PracticePage(title=f"Pratique {SECRET} en modération", summary=SECRET)
    )
    w.moderated.get_workflow().start(w.moderated, author)
    # A live page whose newer revision, in moderation, is not published yet.
    w.practice_draft_title = f"Titre {SECRET} en relecture"
    revised = PracticePage.objects.get(pk=w.practice.pk)
    revised.title = w.practice_draft_title
    revised.save_revision()

    w.unused_doc = make_document(f"Document {SECRET} inutilisé")
    w.unused_img = make_image(f"Image {SECRET} inutilisée")
    w.hidden = [w.draft, w.private_tool, w.password_meeting, w.moderated, w.hidden_org]
    w.hidden_docs = [w.doc_draft, w.doc_private, w.unused_doc]
    w.hidden_images = [w.img_draft, w.img_private, w.unused_img]
    return w


@pytest.fixture(scope="module")
def _world(_shared_site_tree, django_db_blocker):
    with module_data(_shared_site_tree, django_db_blocker) as tree:
        yield build(tree)


@pytest.fixture
def w(_world, site_tree):
    cache.clear()
    return _world


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, (path, params, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def detail(client, page, **params):
    return get(client, f"{API}pages/{page.pk}/", **params)


def all_items(client, endpoint, **params):
    items, offset = [], 0
    while True:
        data = get(client, f"{API}{endpoint}/", limit=50, offset=offset, **params)
        items += data["items"]
        offset += 50
        if offset >= data["meta"]["total_count"]:
            return items


# --- fields per page type ---------------------------------------------------------------------


def test_practice_fields(client, w):
    data = detail(client, w.practice)
    assert data["title"] == "Associations villageoises d'épargne"
    assert data["summary"] == "Des groupes d'épargne à Markala."
    assert data["places"] == ["Markala", "Ségou"]
    assert data["results"] == "<p>Cent femmes ont ouvert un compte.</p>"
    assert data["result_figures"][0]["value"] == {"value": "100", "label": "femmes"}
    assert [c["title"] for c in data["communities"]] == ["Kayes", "Ségou"]
    assert data["themes"] == [{"id": w.theme.pk, "name": w.theme.name, "slug": w.theme.slug}]
    assert data["tags"] == [{"name": "AVEC", "slug": "avec"}]
    assert data["organization"]["acronym"] == "APROFEM"
    assert data["organization"]["html_url"].endswith(w.org.url)
    assert data["main_image"]["id"] == w.img_public.pk
    assert data["main_image"]["rendition"]["url"].startswith("/media/images/")
    [attachment] = data["attachments"]
    assert attachment["document"]["file_size"] == w.doc_practice.get_file_size()
    assert attachment["document"]["download_url"].endswith(w.doc_practice.url)
    assert data["meta"]["html_url"] == "http://localhost" + w.practice.url
    for internal in ("owner", "live", "has_unpublished_changes", "safety_confirmations"):
        assert internal not in data and internal not in data["meta"]
    assert SECRET not in json.dumps(data)


def test_tool_fields(client, w):
    data = detail(client, w.tool)
    assert data["kind"] == {"code": "training", "label": "Module de formation"}
    assert data["languages"] == [{"code": "fr", "name": w.french.name}]
    [document] = data["documents"]
    assert document["language"]["code"] == "fr"
    assert document["document"]["file_size"] == w.doc_tool.get_file_size() > 0
    assert document["document"]["file_extension"] == "pdf"
    assert [tag["name"] for tag in data["tags"]] == ["médiation"]


def test_meeting_fields_and_absent_internal_ones(client, w):
    data = detail(client, w.meeting)
    assert data["start_date"] == "2025-10-02" and data["end_date"] == "2025-10-03"
    assert data["participants"] == {"total": 40, "women": 30, "men": 10, "youth": None}
    assert data["sessions"][0]["communes"] == ["Markala", "Pelengana"]
    assert data["sessions"][0]["participants_total"] == 20
    assert [o["acronym"] for o in data["organizers"]] == ["APROFEM"]
    # the draft organisation is not among those present
    assert [o["id"] for o in data["participating_organizations"]] == [w.org.pk]
    assert data["other_organizations"] == ["Mairie de Markala"]
    assert data["concertation_frame"]["id"] == w.frame.pk
    [recommendation] = data["recommendations"]
    assert recommendation["status"] == {"code": "in_progress", "label": "En cours"}
    assert recommendation["responsible_organization"]["id"] == w.org.pk
    text = json.dumps(data)
    for internal in ("chair_name", "online_url", "attendance", "notes"):
        assert internal not in data
    for value in ("Awa Personne", "salle-secrete", "Point focal VBG", SECRET):
        assert value not in text


def test_organization_fields_leave_out_contacts(client, w):
    data = detail(client, w.org)
    assert data["acronym"] == "APROFEM" and data["role"] == "ONG porteuse"
    assert data["kind"]["code"] == w.org.kind
    assert [c["title"] for c in data["communities"]] == ["Ségou"]
    assert data["logo"]["id"] == w.logo.pk
    text = json.dumps(data)
    for internal in ("contact_phone", "contact_email", "address"):
        assert internal not in data
    assert PHONE not in text and "contact@aprofem" not in text
    listing = get(client, f"{API}pages/", type="home.OrganizationPage", fields="*")
    assert PHONE not in json.dumps(listing)
    params = {"type": "home.OrganizationPage", "fields": "contact_phone"}
    assert client.get(f"{API}pages/", params).status_code == 400


def test_frame_community_and_standard_page_fields(client, w):
    frame = detail(client, w.frame)
    assert [c["title"] for c in frame["communities"]] == ["Ségou"]
    assert "objectives" in frame and "participant_count" in frame
    community = detail(client, w.segou)
    assert community["region"] == "Ségou" and community["summary"] == "La CdP de Ségou."
    about = detail(client, w.about)
    assert about["introduction"] == "Qui sommes-nous."
    assert "body" in about


# --- nothing that is not public ---------------------------------------------------------------


def test_no_listing_shows_a_non_public_page(client, w):
    items = all_items(client, "pages", fields="*")
    ids = {item["id"] for item in items}
    assert {w.practice.pk, w.tool.pk, w.meeting.pk, w.org.pk} <= ids
    assert not ids & {page.pk for page in w.hidden}
    assert SECRET not in json.dumps(items)
    for model in ("practices.PracticePage", "practices.ToolPage", "events.MeetingPage"):
        typed = all_items(client, "pages", type=model, fields="*")
        assert typed and SECRET not in json.dumps(typed)


@pytest.mark.parametrize("name", ["draft", "private_tool", "password_meeting", "moderated"])
def test_detail_of_a_non_public_page_is_not_found(client, w, name):
    page = getattr(w, name)
    response = client.get(f"{API}pages/{page.pk}/")
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert client.get(f"{API}pages/find/", {"id": page.pk}).status_code == 404
    assert client.get(f"{API}pages/", {"child_of": page.pk}).status_code == 400


def test_a_page_in_moderation_shows_its_published_content(client, w):
    data = detail(client, w.practice)
    assert data["title"] == "Associations villageoises d'épargne"
    assert w.practice_draft_title not in json.dumps(get(client, f"{API}pages/", limit=50))


def test_a_signed_in_member_or_a_page_password_changes_nothing(client, w):
    user = get_user_model().objects.create_user("lectrice", "l@example.org", "x" * 12)
    client.force_login(user)
    assert client.get(f"{API}pages/{w.private_tool.pk}/").status_code == 404


def test_search_never_finds_a_non_public_page(client, w):
    found = get(client, f"{API}pages/", search="Markala")
    assert w.practice.pk in [item["id"] for item in found["items"]]
    hidden = get(client, f"{API}pages/", search=SECRET, fields="*")
    assert hidden["items"] == [] and hidden["meta"]["total_count"] == 0


def test_images_and_documents_only_of_public_pages(client, w):
    images = {item["id"] for item in all_items(client, "images")}
    documents = {item["id"] for item in all_items(client, "documents")}
    assert {w.img_public.pk, w.logo.pk} <= images
    assert {w.doc_practice.pk, w.doc_tool.pk} <= documents
    assert not images & {image.pk for image in w.hidden_images}
    assert not documents & {document.pk for document in w.hidden_docs}
    for image in w.hidden_images:
        assert client.get(f"{API}images/{image.pk}/").status_code == 404
    for document in w.hidden_docs:
        assert client.get(f"{API}documents/{document.pk}/").status_code == 404
    assert SECRET not in json.dumps(all_items(client, "documents"))


def test_documents_follow_the_download_rule(client, w):
    """The API lists exactly the documents an anonymous visitor may download."""
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    listed = files_any_visitor_may_see(get_document_model())
    for document in get_document_model().objects.all():
        assert (document.pk in listed) == may_download_document(request, document), document
    for document in (w.doc_practice, w.doc_draft, w.doc_private):
        expected = 200 if document.pk in listed else 404
        assert client.get(document.url).status_code == expected


def test_document_detail_gives_size_and_download_address(client, w):
    data = get(client, f"{API}documents/{w.doc_tool.pk}/")
    assert data["file_size"] == w.doc_tool.get_file_size()
    assert data["meta"]["download_url"] == "http://localhost" + w.doc_tool.url
    image = get(client, f"{API}images/{w.img_public.pk}/")
    assert "download_url" not in image["meta"]  # never the original upload
    assert image["rendition"]["width"] <= 1200


# --- filters and search -----------------------------------------------------------------------


def ids_of(client, **params):
    return {item["id"] for item in get(client, f"{API}pages/", limit=50, **params)["items"]}


def test_filters_by_type_community_theme_and_tag(client, w):
    assert ids_of(client, type="practices.ToolPage") == {w.tool.pk}
    kayes = ids_of(client, community=w.kayes.pk)
    assert {w.practice.pk, w.tool.pk} <= kayes and w.meeting.pk not in kayes
    assert ids_of(client, theme=w.theme.pk) == {w.practice.pk}
    assert ids_of(client, tag="avec") == {w.practice.pk}
    assert ids_of(client, tag="avec", type="practices.ToolPage") == set()
    assert ids_of(client, community=w.segou.pk, type="events.MeetingPage") == {w.meeting.pk}


def test_search_uses_the_sites_engine_with_its_filters(client, w):
    # French stemming and accent folding of the site's engine: "segou" finds "Ségou".
    found = get(client, f"{API}pages/", search="epargnes", type="practices.PracticePage")
    assert [item["id"] for item in found["items"]] == [w.practice.pk]
    assert ids_of(client, search="mediation", tag="avec") == set()
    page = get(client, f"{API}pages/", search="segou", limit=1, offset=1)
    assert page["meta"]["total_count"] >= 2 and len(page["items"]) == 1
    response = client.get(f"{API}pages/", {"search": "segou", "order": "title"})
    assert response.status_code == 400
    assert client.get(f"{API}documents/", {"search": "guide"}).status_code == 400


# --- headers, caching, rate limit -------------------------------------------------------------


def test_cors_and_cache_headers(client, w):
    response = client.get(f"{API}pages/", HTTP_ORIGIN="https://partenaire.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    searched = client.get(f"{API}pages/", {"search": "segou"})
    assert "no-store" in searched["Cache-Control"]
    assert searched["Access-Control-Allow-Origin"] == "*"


@override_settings(API_RATE="3/minute")
def test_rate_limited_per_address(client, w):
    for _ in range(3):
        assert client.get(f"{API}pages/", REMOTE_ADDR="10.0.0.1").status_code == 200
    blocked = client.get(f"{API}pages/", REMOTE_ADDR="10.0.0.1")
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) > 0
    assert client.get(f"{API}pages/", REMOTE_ADDR="10.0.0.2").status_code == 200


@override_settings(API_RATE="3/minute", CACHES=REDIS_DOWN)
def test_answers_while_the_cache_is_down(client, w):
    for _ in range(5):
        assert client.get(f"{API}pages/{w.practice.pk}/").status_code == 200


# --- bad input --------------------------------------------------------------------------------

BAD_REQUESTS = [
    "pages/?unknown=1",
    "pages/?limit=100000",
    "pages/?limit=-1",
    "pages/?offset=99999999999999999999999",
    "pages/?offset=9000",
    "pages/?offset=abc",
    "pages/?title=%00",
    "pages/?search=%00",
    "pages/?locale=%00",
    "pages/?type=%00",
    "pages/?type=auth.User",
    "pages/?type=nope.Nope",
    "pages/?child_of=abc",
    "pages/?child_of=99999999999999999999",
    "pages/?descendant_of=-5",
    "pages/?id=99999999999999999999",
    "pages/?id=abc",
    "pages/?fields=((",
    "pages/?fields=contact_phone",
    "pages/?order=nope",
    "pages/?order=communities",
    "pages/?site=localhost:abc",
    "pages/?search_operator=or",
    "pages/?community=abc",
    "pages/?community=99999999999999",
    "pages/?theme=1%00",
    "pages/?tag=" + "x" * 300,
    "pages/?first_published_at=hier",
    "pages/?show_in_menus=peut-etre",
    "pages/?type=practices.PracticePage&period_start=pas-une-date",
    "pages/?type=practices.PracticePage&communities=abc",
    "pages/?type=practices.PracticePage&organization=abc",
    "pages/?type=events.MeetingPage&recommendations=abc",
    "pages/find/?id=abc",
    "images/?search=x",
    "images/?file=x",
    "documents/?file_size=beaucoup",
    "documents/?tags=x",
]
NOT_FOUND = [
    "pages/99999999999999999999/",
    "pages/0/",
    "pages/abc/",
    "pages/find/?id=99999",
    "pages/find/?html_path=/nulle-part/",
    "pages/?locale=xx",
    "images/99999999/",
    "documents/99999999999999999999/",
    "nope/",
]


@pytest.mark.parametrize("path", BAD_REQUESTS)
def test_bad_input_is_a_400(client, w, path):
    response = client.get(API + path)
    assert response.status_code == 400, response.content[:300]
    if "%00" not in path:  # NUL bytes are refused before the API (MalformedUrlMiddleware)
        assert "message" in response.json()


@pytest.mark.parametrize("path", NOT_FOUND)
def test_unknown_objects_are_a_404(client, w, path):
    assert client.get(API + path).status_code == 404


# --- query budget -----------------------------------------------------------------------------


def voice_note(page_model, language):
    """A recording of a page of ``page_model`` (« app.Model »), not a convertible one."""
    notes = apps.get_model(page_model)._meta.get_field("voice_notes").related_model
    audio = ContentFile(b"OggS\x00\x02" + bytes(500), name="note.ogg")
    return notes(audio=audio, language=language, transcript="Une note.")


def queries_for(client, path):
    client.get(path)  # caches warm (content version, restrictions, renditions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "model", ["practices.PracticePage", "practices.ToolPage", "events.MeetingPage"]
)
def test_queries_per_listing_do_not_grow_with_the_items(client, w, model):
    path = f"{API}pages/?type={model}&fields=*&limit=50"
    before = queries_for(client, path)
    for number in range(3):
        document = make_document(f"Annexe {number}", size=1000)
        notes = {"voice_notes": [voice_note(model, w.french)]}
        if model == "practices.PracticePage":
            page = make_practice(
                w.org,
                communities=[w.segou],
                themes=[w.theme],
                tags=[f"t{number}"],
                main_image=w.img_public,
                **notes,
            )
            PracticeAttachment.objects.create(page=page, document=document)
        elif model == "practices.ToolPage":
            page = make_tool(
                w.org, communities=[w.kayes], tags=["x"], languages=[w.french], **notes
            )
            ToolDocument.objects.create(page=page, document=document, language=w.french)
        else:
            page = make_meeting(
                w.events,
                communities=[w.segou],
                organizers=[w.org],
                participating=[w.org],
                sessions=[{"title": "S", "start_date": datetime.date(2025, 1, 1)}],
                **notes,
            )
            make_recommendation(page, responsible_organization=w.org)
    assert queries_for(client, path) == before


@override_settings(PAGE_CACHE_ENABLED=True)
def test_answers_are_kept_by_the_page_cache_but_searches_are_not(client, w):
    path = f"{API}pages/?type=practices.PracticePage&fields=*"
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        kept = client.get(path)
    assert kept.status_code == 200 and len(queries) == 0
    assert kept["Access-Control-Allow-Origin"] == "*"
    search = f"{API}pages/?search=Markala"
    client.get(search)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(search).status_code == 200
    assert len(queries) > 0
