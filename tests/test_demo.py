"""``manage.py load_demo``: the tree it builds, the facts of the sources on the rendered pages,
idempotence and --if-empty. The demo is loaded once for the module (inside a transaction
rolled back at the end); each test runs in its own savepoint."""

import datetime
import html
import io
import re
import time

import docx
import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from cdp_portal.dates import long_date
from demo.data.organisations import ORGANISATION_SLUGS
from demo.data.practices import PRACTICES
from demo.data.tags import TAGS
from demo.data.themes import THEME_SLUGS
from demo.data.tools import TOOLS
from demo.steps import STEPS
from events.models import MeetingPage
from home.models import (
    ActorMapPage,
    CommunityIndexPage,
    CommunityPage,
    HomePage,
    OrganizationIndexPage,
    OrganizationPage,
    PortalSettings,
    StandardPage,
    Theme,
)
from offline.packs import COMMUNITY, current_pack, every_pack
from practices.models import (
    ConcertationFrameIndexPage,
    ConcertationFramePage,
    PracticeIndexPage,
    PracticePage,
    ToolIndexPage,
    ToolPage,
)

from .conftest import loaded_demo
from .factories import publish

PAGE_TYPES = [
    HomePage,
    CommunityIndexPage,
    CommunityPage,
    OrganizationIndexPage,
    OrganizationPage,
    ActorMapPage,
    PracticeIndexPage,
    PracticePage,
    ToolIndexPage,
    ToolPage,
    ConcertationFrameIndexPage,
    ConcertationFramePage,
    StandardPage,
]

# People named in the source texts: the demo's own pages (home and practices apps) name their
# functions only.
NAMES_IN_SOURCES = [
    "Aboubacrine",
    "Doucouré",
    "Mariam Diallo",
    "Mamadou Diarra",
    "Dazaly",
    "Mamadou Lamine",
    "Prorok",
    "Chevalier",
    "Moussa Diallo",
    "Afanou",
    "Kadia",
]

LOAD_SECONDS = {}


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for this module, rolled back afterwards."""
    with loaded_demo(django_db_blocker, tmp_path_factory.mktemp("demo-media")) as (output, seconds):
        LOAD_SECONDS["first"] = seconds
        yield output


@pytest.fixture
def demo(demo_site, db):
    cache.clear()
    return demo_site


def text_of(response):
    """The visible text of a page: tags dropped, entities decoded, spaces collapsed."""
    assert response.status_code == 200, response.status_code
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    content = html.unescape(re.sub(r"<[^>]+>", " ", content))
    return " ".join(content.replace("\u202f", " ").replace("\xa0", " ").split())


def page(model, slug):
    return model.objects.live().get(slug=slug)


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "themes": Theme.objects.count(),
    }


# --- The tree ---------------------------------------------------------------------------------


def test_every_page_type_is_present_and_live(demo):
    for model in PAGE_TYPES:
        assert model.objects.live().exists(), model.__name__
        assert not model.objects.not_live().exists(), model.__name__


def test_home_page_replaces_wagtail_welcome_page_as_default_site_root(demo):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    assert site.root_page.specific.__class__ is HomePage
    assert site.root_page.slug == "accueil"
    assert not Page.objects.filter(depth=2).exact_type(Page).exists()
    assert HomePage.objects.count() == 1


def test_slug_contract_other_parts_rely_on(demo):
    home = HomePage.objects.get()
    expected = {
        "communautes": CommunityIndexPage,
        "organisations": OrganizationIndexPage,
        "pratiques": PracticeIndexPage,
        "outils-et-modeles": ToolIndexPage,
        "cadres-de-concertation": ConcertationFrameIndexPage,
        "a-propos": StandardPage,
        "contact": StandardPage,
        "mentions-legales": StandardPage,
        "sortie-rapide": StandardPage,
    }
    for slug, model in expected.items():
        assert model.objects.child_of(home).live().filter(slug=slug).exists(), slug
    communities = CommunityIndexPage.objects.get(slug="communautes")
    assert set(CommunityPage.objects.child_of(communities).values_list("slug", flat=True)) == {
        "segou",
        "kayes",
    }
    frames = ConcertationFrameIndexPage.objects.get()
    assert set(ConcertationFramePage.objects.child_of(frames).values_list("slug", flat=True)) == {
        "mariage-d-enfants",
        "participation-et-representativite-des-femmes",
        "application-de-la-loi-052",
    }
    organisations = set(OrganizationPage.objects.values_list("slug", flat=True))
    assert set(ORGANISATION_SLUGS) <= organisations
    assert {"aprofem", "drpfef-segou", "care-mali", "pnud", "cisp"} <= organisations
    assert set(Theme.objects.values_list("slug", flat=True)) == set(THEME_SLUGS)


def test_index_pages_are_in_the_menu_in_content_tree_order(demo):
    home = HomePage.objects.get()
    menu = list(home.get_children().live().in_menu().values_list("slug", flat=True))
    assert menu[:6] == [
        "communautes",
        "organisations",
        "carte-des-acteurs",
        "pratiques",
        "outils-et-modeles",
        "cadres-de-concertation",
    ]
    assert not StandardPage.objects.filter(show_in_menus=True).exists()


def test_the_actor_map_places_the_communes_of_the_sources(demo, client):
    response = client.get("/carte-des-acteurs/")
    assert response.status_code == 200
    markup = response.content.decode()
    for label in (
        "Ségou\xa0: 6 organisations",
        "Bamako\xa0: 3 organisations",
        "Kayes\xa0: 1 pratique",
    ):
        assert f'aria-label="{label}' in markup, label
    assert "Sévaré\xa0: 1 pratique" in markup and "Gao\xa0: 1 pratique" in markup


def test_organisations_have_kind_and_role_and_communities_are_linked(demo):
    for organisation in OrganizationPage.objects.all():
        assert organisation.kind and organisation.role, organisation.slug
    segou = page(CommunityPage, "segou")
    assert segou.lead_organization.slug == "aprofem"
    assert segou.state_service.slug == "drpfef-segou"
    assert segou.created_on.isoformat() == "2021-02-01"
    assert {o.slug for o in segou.member_organizations.all()} == {"aprofem", "drpfef-segou"}
    assert page(OrganizationPage, "pnud").kind == "international"
    assert page(OrganizationPage, "crss").kind == "state"
    assert page(OrganizationPage, "malijet").kind == "media"


def test_every_practice_and_tool_lives_under_its_organisation(demo):
    for spec in [*PRACTICES, *TOOLS]:
        assert spec["organization"], spec["slug"]  # no coordination-only item in the demo
    for model in (PracticePage, ToolPage):
        for item in model.objects.all():
            assert item.organization is not None, item.slug
            assert item.get_parent().pk == item.organization.pk, item.slug
    aprofem = page(OrganizationPage, "aprofem")
    own = {
        *PracticePage.objects.child_of(aprofem).values_list("slug", flat=True),
        *ToolPage.objects.child_of(aprofem).values_list("slug", flat=True),
    }
    assert len(own) == 7, own


def test_the_indexes_still_list_every_practice_and_tool(demo, client):
    for index, model in ((PracticeIndexPage, PracticePage), (ToolIndexPage, ToolPage)):
        response = client.get(index.objects.get().url)
        assert response.status_code == 200
        assert response.context["listing"].count == model.objects.live().count() > 0
        assert not model.objects.child_of(index.objects.get()).exists()


def test_a_demo_loaded_by_the_older_loader_is_moved_not_duplicated(demo, client):
    """The older loader kept APROFEM's other practices and tools under the indexes."""
    practice, tool = (
        page(PracticePage, "comite-de-veille-mediatique"),
        page(ToolPage, "canevas-plan-de-perennisation"),
    )
    practice.move(PracticeIndexPage.objects.get(), pos="last-child")
    tool.move(ToolIndexPage.objects.get(), pos="last-child")
    old_url = page(PracticePage, practice.slug).url
    before = snapshot()
    output = io.StringIO()
    call_command("load_demo", "--skip-index", stdout=output)
    after = snapshot()
    assert after["log"] == before["log"] + 2  # each move is in the page's history
    assert {**after, "log": 0} == {**before, "log": 0}  # no page, revision or file more
    aprofem = page(OrganizationPage, "aprofem")
    assert page(PracticePage, practice.slug).get_parent().pk == aprofem.pk
    assert page(ToolPage, tool.slug).get_parent().pk == aprofem.pk
    assert "déplacée sous « Association pour la Promotion" in output.getvalue()
    assert "0 créés, 2 modifiés" in output.getvalue()
    response = client.get(old_url)  # Wagtail keeps the old address as a redirect
    assert response.status_code in (301, 302)
    assert response["Location"].endswith(page(PracticePage, practice.slug).url)


def test_practices_and_tools_carry_communities_themes_and_shared_tags(demo):
    kayes = page(CommunityPage, "kayes")
    kayes_items = [
        *PracticePage.objects.filter(communities=kayes),
        *ToolPage.objects.filter(communities=kayes),
    ]
    assert len(kayes_items) >= 3
    for model in (PracticePage, ToolPage, ConcertationFramePage):
        for item in model.objects.all():
            assert item.themes.exists(), item.slug
            assert item.tags.exists(), item.slug
            assert {tag.name for tag in item.tags.all()} <= set(TAGS)
    # A tag and a theme shared by Ségou and Kayes content.
    shared = PracticePage.objects.filter(tags__name="plan de pérennisation")
    assert {c.slug for p in shared for c in p.communities.all()} >= {"segou", "kayes"}
    theme_pages = [
        *PracticePage.objects.filter(themes__slug="participation-politique-des-femmes"),
        *ConcertationFramePage.objects.filter(themes__slug="participation-politique-des-femmes"),
    ]
    assert {c.slug for p in theme_pages for c in p.communities.all()} == {"segou", "kayes"}


def test_tools_have_real_documents_in_the_demo_collection(demo, client):
    for tool in ToolPage.objects.all():
        documents = list(tool.documents.select_related("document__collection", "language"))
        assert documents, tool.slug
        for row in documents:
            assert row.document.collection.name == "Démo"
            assert row.language is not None and row.language.code == "fr"
            assert row.document.file_size > 1000
            if row.document.file_extension == "docx":
                with row.document.open_file() as handle:
                    content = docx.Document(handle)
                assert content.paragraphs[0].text == tool.title
    tool = page(ToolPage, "canevas-plan-de-perennisation")
    formats = sorted(row.document.file_extension for row in tool.documents.all())
    assert formats == ["docx", "odt"]
    response = client.get(tool.documents.first().document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_generated_images_are_neutral_and_have_alt_text(demo):
    images = get_image_model().objects.filter(collection__name="Démo")
    assert images.count() == 3
    for image in images:
        assert image.description.startswith("Illustration"), image.title
        assert image.width == 1200
    assert page(PracticePage, "murs-d-expressions-artistiques").main_image is not None


def test_portal_settings_are_set(demo):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.quick_exit_url.startswith("https://")
    assert settings.contact_email and settings.contact_address


# --- Facts of the sources, as a visitor sees them ------------------------------------------


@pytest.mark.parametrize(
    ("slug", "facts"),
    [
        ("mariage-d-enfants", ["41", "participants", "conventions d'abandon"]),
        ("participation-et-representativite-des-femmes", ["35", "autonomisation financière"]),
        ("application-de-la-loi-052", ["38", "loi 052", "18 décembre 2015"]),
    ],
)
def test_frame_pages_show_their_participant_figures(demo, client, slug, facts):
    text = text_of(client.get(page(ConcertationFramePage, slug).url))
    for fact in facts:
        assert fact in text, fact


def test_artistic_walls_practice_shows_its_reach(demo, client):
    text = text_of(client.get(page(PracticePage, "murs-d-expressions-artistiques").url))
    for fact in ["2 000", "festivaliers", "1 000", "scolaires", "40 organisations", "APROFEM"]:
        assert fact in text, fact


def test_community_pages_show_objectives_way_of_working_and_exchange_visit(demo, client):
    segou = text_of(client.get(page(CommunityPage, "segou").url))
    for fact in [
        "APROFEM",
        "DRPFEF",
        "VLF-Musoya",
        "février 2021",
        "Rencontre semestrielle",
        "réunions du noyau",
        "partage d'expériences",
        "expert",
        "deux plans de pérennisation",
        "8 membres",
        "webinaire",
        "suivi conjoint",
        "nouvel élan",
        "activités génératrices de revenus",
        "loi 052",
    ]:
        assert fact.lower() in segou.lower(), fact
    kayes = text_of(client.get(page(CommunityPage, "kayes").url))
    for fact in [
        "Kayes",
        "plan de pérennisation",
        "8 membres",
        "webinaire",
        "suivi conjoint",
        "potentielles candidates",
    ]:
        assert fact in kayes, fact


def test_kayes_says_in_one_line_what_is_known_and_shows_no_zero(demo, client):
    kayes = text_of(client.get(page(CommunityPage, "kayes").url))
    assert "ne nomment ni l'organisation lead ni les organisations membres" in kayes
    assert "ni le nombre de participants" in kayes
    assert "présentera" not in kayes  # no promise of content to come
    assert "0 participant" not in kayes
    assert "nombre de participants non communiqué" in kayes
    assert "(s)" not in kayes
    assert "1 action réalisée sur 6" in kayes


def test_home_figures_tell_members_from_organisations_on_the_portal(demo, client):
    home = text_of(client.get("/"))
    assert "2 organisations déclarées membres d'une CdP" in home
    assert f"{len(ORGANISATION_SLUGS)} organisations présentes sur le portail" in home
    assert "2 organisations membres" not in home


def test_pages_from_the_sources_carry_the_sources_dates(demo, client):
    meeting = page(MeetingPage, "comite-regional-vbg-2-octobre-2025")
    assert meeting.first_published_at.date() == datetime.date(2025, 10, 2)
    assert meeting.last_published_at.date() == datetime.date(2025, 10, 2)
    assert "Mise à jour le 2 octobre 2025" in text_of(client.get(meeting.url))
    kafamuya = page(PracticePage, "projet-kafamuya")
    assert "Mise à jour le 10 mars 2022" in text_of(client.get(kafamuya.url))
    # The Ségou text is undated: no publication date at all rather than the day of the load
    # (no « Mise à jour », no first publication for the listings, feeds, API and digests).
    walls = page(PracticePage, "murs-d-expressions-artistiques")
    assert (walls.first_published_at, walls.last_published_at) == (None, None)
    assert "Mise à jour" not in text_of(client.get(walls.url))
    today = datetime.date.today()
    for item in [
        *PracticePage.objects.live(),
        *ToolPage.objects.live(),
        *MeetingPage.objects.live(),
    ]:
        for moment in (item.first_published_at, item.last_published_at):
            assert moment is None or moment.date() < today, item
    # Newest first: the dated pages by their sources' dates, the undated ones after them.
    practices = text_of(client.get(page(PracticeIndexPage, "pratiques").url))
    ccs = practices.index("sécurité sensible au genre")
    assert ccs < practices.index("Projet Kafamuya") < practices.index("Deux murs d'expressions")


def test_about_page_says_who_may_be_named_and_records_comply(demo, client):
    about = text_of(client.get(page(StandardPage, "a-propos").url))
    assert "Seuls des responsables publics sont nommés, dans leur rôle public" in about
    assert "ne nomme jamais une survivante ou un survivant de violences, un enfant" in about
    assert "aucune personne qu'une publication pourrait mettre en danger" in about
    # The records follow it: the VBG committee's record names its chair, a public official in
    # his public role as the public news text does; home and practice pages name no one
    # (test_every_page_renders_and_demo_pages_name_functions_not_people).
    record = text_of(client.get(page(MeetingPage, "comite-regional-vbg-2-octobre-2025").url))
    assert "Aboubacrine" in record


def test_she_leads_in_crisis_practice_and_roadmap(demo, client):
    practice = text_of(client.get(page(PracticePage, "avec-vsla-face-aux-crises").url))
    for fact in [
        "VSLA",
        "AVEC",
        "masques",
        "savons à base de produits locaux",
        "SUGU YIRIWA",
        "CARE",
    ]:
        assert fact in practice, fact
    roadmap_page = page(ToolPage, "feuille-de-route-plaidoyer-she-leads-in-crisis")
    roadmap = text_of(client.get(roadmap_page.url))
    for fact in ["quatre (4) axes prioritaires", "AMAPROS", "ASSAFE", "CARE US", "SGN-VSLA"]:
        assert fact in roadmap, fact


def test_kafamuya_project_and_its_planned_tools(demo, client):
    project = text_of(client.get(page(PracticePage, "projet-kafamuya").url))
    for fact in [
        "Kafamuya",
        "10 mars 2022",
        "Union européenne",
        "Sévaré",
        "8 tables rondes",
        "AMSODE",
        "ARACEM",
        "Coalition Anti Sida",
        "Tilé Coura",
    ]:
        assert fact in project, fact
    for slug, word in [
        ("film-documentaire-kafamuya", "documentaire"),
        ("blog-kafamuya", "blog"),
        ("cartographie-des-acteurs-de-la-migration", "cartographie"),
        ("groupes-de-parole-therapeutiques", "groupe de parole"),
    ]:
        assert word in text_of(client.get(page(ToolPage, slug).url)).lower(), slug


def test_ccs_workshops_practice_states_gender_sensitive_security(demo, client):
    text = text_of(client.get(page(PracticePage, "ccs-securite-sensible-au-genre").url))
    for fact in [
        "PNUD",
        "CRSS",
        "90",
        "Centre Korè",
        "sensible au genre",
        "VBG",
        "police de proximité",
        "Timissa",
        "Bandiagara",
        "25 CCS",
    ]:
        assert fact in text, fact


def test_vbg_committee_facts_by_function_on_organisation_pages(demo, client):
    text = text_of(client.get(page(OrganizationPage, "gouvernorat-segou").url))
    assert "suivi rigoureux des recommandations" in text
    assert "conseiller aux affaires administratives et juridiques" in text
    assert "CAFO" in text_of(client.get(page(OrganizationPage, "cafo").url))


def test_quick_exit_note_says_what_it_does_not_erase(demo, client):
    text = text_of(client.get(page(StandardPage, "sortie-rapide").url))
    for fact in ["historique", "cache", "Téléchargements", "navigation privée"]:
        assert fact in text, fact


def test_every_page_renders_and_demo_pages_name_functions_not_people(demo, client):
    for item in Page.objects.live().filter(depth__gte=2).select_related("content_type"):
        response = client.get(item.url)
        assert response.status_code == 200, item.url
        if item.content_type.app_label in ("home", "practices"):
            text = text_of(response).lower()
            for name in NAMES_IN_SOURCES:
                assert name.lower() not in text, (item.url, name)


# --- The command -------------------------------------------------------------------------------


def test_first_run_reports_progress_and_a_summary(demo):
    assert f"[{len(STEPS)}/{len(STEPS)}]" in demo
    assert "objets/s" in demo
    assert "Démo chargée" in demo and "créés" in demo
    print(f"\nload_demo (first run): {LOAD_SECONDS['first']:.1f} s")


def test_the_load_ends_with_every_offline_pack_built_once(demo):
    """Packs are not rebuilt after each page and document the load saves (``demo.indexes``):
    each is built once at the end, from the whole demo."""
    expected = every_pack()
    assert (COMMUNITY, "segou") in expected and (COMMUNITY, "kayes") in expected
    built = {(kind, slug): current_pack(kind, slug) for kind, slug in expected}
    assert all(pack is not None and pack.available for pack in built.values()), built
    assert "paquets hors ligne reconstruits" in demo


def test_running_it_twice_changes_nothing(demo):
    before = snapshot()
    output = io.StringIO()
    started = time.perf_counter()
    call_command("load_demo", stdout=output)
    print(f"\nload_demo (second run): {time.perf_counter() - started:.1f} s")
    assert snapshot() == before
    assert "0 créés, 0 modifiés" in output.getvalue()


def test_a_changed_page_gets_one_new_revision_and_its_content_back(demo):
    frame = page(ConcertationFramePage, "mariage-d-enfants")
    original = frame.participant_count
    frame.participant_count = 12
    publish(frame)
    before = snapshot()
    output = io.StringIO()
    call_command("load_demo", "--skip-index", stdout=output)
    assert page(ConcertationFramePage, "mariage-d-enfants").participant_count == original
    assert snapshot()["revisions"] == before["revisions"] + 1
    assert "1 modifiés" in output.getvalue()


def test_if_empty_does_nothing_on_a_loaded_site(demo):
    before = snapshot()
    output = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=output)
    assert snapshot() == before
    assert "rien à charger" in output.getvalue()


def test_an_error_names_the_object_and_what_to_do(demo):
    index = CommunityIndexPage.objects.get()
    home = HomePage.objects.get()
    index.delete()
    home.add_child(instance=StandardPage(title="Communautés", slug="communautes"))
    with pytest.raises(CommandError) as error:
        call_command("load_demo", stdout=io.StringIO())
    message = str(error.value)
    assert "CommunityIndexPage « communautes »" in message
    assert "renommez ou supprimez" in message
    assert "Rien n'a été enregistré" in message


# --- Demo users (--demo-users) -----------------------------------------------------------------

DEMO_PASSWORD = "mot-de-passe-de-demo-2026"
DEMO_USERS = {}


@pytest.fixture(scope="module")
def demo_users_site(demo_site, django_db_blocker):
    """``load_demo --if-empty --demo-users`` once, inside the module's transaction."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("CDP_DEMO_PASSWORD", DEMO_PASSWORD)
        output = io.StringIO()
        call_command("load_demo", "--if-empty", "--demo-users", stdout=output)
        DEMO_USERS["output"] = output.getvalue()
    return DEMO_USERS["output"]


@pytest.fixture
def demo_users(demo_users_site, db):
    cache.clear()
    return demo_users_site


def test_demo_users_refuse_to_run_without_the_password_variable(demo, monkeypatch):
    from django.contrib.auth import get_user_model

    monkeypatch.delenv("CDP_DEMO_PASSWORD", raising=False)
    users = get_user_model().objects.count()
    with pytest.raises(CommandError) as error:
        call_command("load_demo", "--demo-users", "--skip-index", stdout=io.StringIO())
    assert "CDP_DEMO_PASSWORD" in str(error.value)
    assert get_user_model().objects.count() == users


def test_demo_users_refuse_a_weak_password(demo, monkeypatch):
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("CDP_DEMO_PASSWORD", "zq81")
    users = get_user_model().objects.count()
    with pytest.raises(CommandError) as error:
        call_command("load_demo", "--demo-users", "--if-empty", stdout=io.StringIO())
    assert "trop court" in str(error.value)
    assert "zq81" not in str(error.value)
    assert get_user_model().objects.count() == users


def test_demo_users_are_created_with_their_roles_and_listed_without_the_password(demo_users):
    from django.contrib.auth import get_user_model

    from demo.steps.demo_users import member_organisation_slugs
    from home.member_spaces import member_group_for
    from home.workflows import EDITORS_GROUP, MODERATORS_GROUP

    assert member_organisation_slugs() == ["aprofem", "care-mali", "pnud", "cisp"]
    assert DEMO_PASSWORD not in demo_users
    users = get_user_model().objects
    for prefix, slug in (
        ("aprofem", "aprofem"),
        ("care-mali", "care-mali"),
        ("pnud", "pnud"),
        ("cisp", "cisp"),
    ):
        organisation = page(OrganizationPage, slug)
        expected = {
            f"{prefix}-editeur": EDITORS_GROUP,
            f"{prefix}-moderateur": MODERATORS_GROUP,
            f"{prefix}-membre": member_group_for(organisation).name,
        }
        for username, group in expected.items():
            user = users.get(username=username)
            assert list(user.groups.values_list("name", flat=True)) == [group]
            assert user.check_password(DEMO_PASSWORD)
            assert username in demo_users


def test_demo_users_run_twice_changes_nothing(demo_users, monkeypatch):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    monkeypatch.setenv("CDP_DEMO_PASSWORD", DEMO_PASSWORD)
    counts = (get_user_model().objects.count(), Group.objects.count())
    output = io.StringIO()
    call_command("load_demo", "--if-empty", "--demo-users", stdout=output)
    assert (get_user_model().objects.count(), Group.objects.count()) == counts
    assert "(0 créés, 0 modifiés, 12 inchangés)" in output.getvalue()


def test_a_demo_contributor_edits_all_their_own_pages_and_no_other(demo_users, client):
    from django.urls import reverse

    aprofem = page(OrganizationPage, "aprofem")
    client.login(username="aprofem-membre", password=DEMO_PASSWORD)
    own = [
        *PracticePage.objects.filter(organization=aprofem),
        *ToolPage.objects.filter(organization=aprofem),
    ]
    assert len(own) == 7
    for item in own:
        response = client.get(reverse("wagtailadmin_pages:edit", args=[item.pk]))
        assert response.status_code == 200, item.slug
    others = [
        *PracticePage.objects.exclude(organization=aprofem),
        *ToolPage.objects.exclude(organization=aprofem),
    ]
    assert others
    for item in others:
        response = client.get(reverse("wagtailadmin_pages:edit", args=[item.pk]))
        assert response.status_code in (302, 403), item.slug
        if response.status_code == 302:
            assert str(item.pk) not in response["Location"], item.slug


def test_demo_rich_text_keeps_french_punctuation_with_its_word():
    """A « ; » or « : » never starts a line on a phone (look-community-segou-360)."""
    from demo.text import p, ul

    assert str(ul(["un comité est mis en place ;", "fin."])) == (
        "<ul><li>un comité est mis en place\xa0;</li><li>fin.</li></ul>"
    )
    assert str(p("Le cadre « Mariage » : 41 participants !")) == (
        "<p>Le cadre «\xa0Mariage\xa0»\xa0: 41\xa0participants\xa0!</p>"
    )


def test_organisations_carry_their_sources_date_and_project_pages_none(demo, client):
    """An organisation's page carries the date of the text that names it; the pages the
    project writes (home, index and standard pages) carry none: no search result, sitemap
    entry or data set dates them to the day the demo was loaded."""
    care = page(OrganizationPage, "care-mali")
    assert care.first_published_at.date() == care.last_published_at.date()
    assert care.first_published_at.date() == datetime.date(2023, 7, 13)
    aprofem = page(OrganizationPage, "aprofem")  # named by the undated Ségou text
    assert (aprofem.first_published_at, aprofem.last_published_at) == (None, None)
    project_pages = Page.objects.filter(
        slug__in=["accueil", "organisations", "pratiques", "agenda", "resultats", "a-propos"]
    )
    assert project_pages.count() == 6
    for item in project_pages:
        assert (item.first_published_at, item.last_published_at) == (None, None), item.slug

    found = client.get("/recherche/", {"q": "CARE Mali"}).content.decode()
    hit = found[found.index('<article class="t-organization">') :]
    hit = hit[: hit.index("</article>")]
    assert "13 juillet 2023" in html.unescape(hit).replace("\xa0", " ")
    today = datetime.date.today()
    for query in ("CARE", "propos", "organisations", "pratiques"):
        results = client.get("/recherche/", {"q": query}).content.decode()
        assert f'datetime="{today:%Y-%m-%d}"' not in results, query
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<lastmod>{today:%Y-%m-%d}</lastmod>" not in sitemap
    open_data = text_of(client.get("/donnees-ouvertes/"))
    assert long_date(today) not in open_data
