"""Query budgets per page type (issue 11), at two sizes, through the test client, anonymous.

Each page is requested once to warm the caches (site root paths, content types, the
content-version cache of home.content_version), then measured: home ≤ 12 queries, any
detail page ≤ 12, community and organisation pages ≤ 15, the same number at both sizes.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site

from cdp_portal import page_cache
from events.models import FollowUpNote, FollowUpPage, MeetingPage
from home import content_version
from home.content_version import cached_by_content, public, restricted_paths
from home.models import (
    ActorMapPage,
    FeaturedItem,
    HomePage,
    OrganizationPage,
    PortalSettings,
    StandardPage,
)
from practices.models import (
    ConcertationFramePage,
    PracticeAttachment,
    PracticeGalleryImage,
    PracticePage,
    ToolDocument,
    ToolPage,
)
from tests.conftest import shared_data
from tests.factories import (
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
    publish,
)

HOME_BUDGET = 12
DETAIL_BUDGET = 12
LISTING_BUDGET = 12
COMMUNITY_BUDGET = 15
FEATURED_MAX = 6  # HomePage's InlinePanel max_num

PAGES = [
    ("home", HOME_BUDGET),
    ("practice", DETAIL_BUDGET),
    ("tool", DETAIL_BUDGET),
    ("frame", DETAIL_BUDGET),
    ("meeting", DETAIL_BUDGET),
    ("standard", DETAIL_BUDGET),
    ("community", COMMUNITY_BUDGET),
    ("organization", COMMUNITY_BUDGET),
    ("practices", LISTING_BUDGET),
    ("practices, filtered", LISTING_BUDGET),
    ("tools", LISTING_BUDGET),
    ("frames", LISTING_BUDGET),
    ("organisations", LISTING_BUDGET),
    ("agenda", LISTING_BUDGET),
    ("follow-up", LISTING_BUDGET),
    ("themes", LISTING_BUDGET),
    ("theme", LISTING_BUDGET),
    ("tag", LISTING_BUDGET),
    ("actor map", LISTING_BUDGET),
]


def build(tree, n):
    """A site where every list the measured pages show has ``n`` items."""
    site = SimpleNamespace(tree=tree)
    site.segou = make_community(tree, "Ségou", slug="segou")
    site.org = make_organization(
        tree,
        "APROFEM",
        acronym="APROFEM",
        slug="aprofem",
        communities=[site.segou],
        commune="Ségou",
    )
    site.practice = make_practice(
        site.org, communities=[site.segou], tags=["radio"], places="Ségou, Kayes"
    )
    site.practice.main_image = make_image(width=64, height=48)
    site.tool = make_tool(site.org, communities=[site.segou], tags=["radio"])
    site.frame = make_frame(tree, communities=[site.segou])
    site.agenda = make_event_index(tree)
    site.meeting = make_meeting(
        site.agenda, communities=[site.segou], organizers=[site.org], concertation_frame=site.frame
    )
    site.standard = add_page(tree.home, StandardPage(title="À propos", slug="a-propos"))
    site.follow_up = add_page(tree.home, FollowUpPage(title="Suivi", slug="suivi"))
    site.actor_map = add_page(tree.home, ActorMapPage(title="Carte", slug="carte"))
    site.theme = ThemeFactory(name="Foncier", slug="foncier")
    grow(site, n)
    return site


def build_two(tree):
    return build(tree, 2)


@pytest.fixture
def small_site(request, _site_tree_pks):
    """``build(tree, 2)``: built once for consecutive tests that ask for it
    (tests/conftest.py, ``shared_data``); each test's changes are rolled back."""
    return shared_data(request, _site_tree_pks, build_two)


def grow(site, n):
    """``n`` more of everything the measured pages list (same pages, same URLs)."""
    themes = [site.theme, *(ThemeFactory() for _ in range(n - 1))]
    segou, org = site.segou, site.org
    members = [make_organization(site.tree, communities=[segou], commune="Ségou") for _ in range(n)]
    tools = [make_tool(org, communities=[segou], themes=themes, tags=["radio"]) for _ in range(n)]
    practices = [
        make_practice(
            org, communities=[segou], themes=themes, tags=["radio", "quota"], places="Mopti"
        )
        for _ in range(n)
    ]
    for _ in range(n):
        make_meeting(
            site.agenda,
            communities=[segou],
            organizers=[org],
            participating=members[:1],
            concertation_frame=site.frame,
            start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=len(members)),
            participants_total=12,
        )
    practice = PracticePage.objects.get(pk=site.practice.pk)
    practice.main_image = site.practice.main_image
    practice.themes.add(*themes)
    practice.related_tools.add(*tools)
    for _ in range(n):
        practice.attachments.add(PracticeAttachment(document=make_document(size=2000)))
        practice.gallery_images.add(PracticeGalleryImage(image=make_image("Image", 64, 48)))
    publish(practice)
    tool = ToolPage.objects.get(pk=site.tool.pk)
    tool.themes.add(*themes)
    for _ in range(n):
        tool.documents.add(ToolDocument(document=make_document(size=2000)))
    publish(tool)
    frame = ConcertationFramePage.objects.get(pk=site.frame.pk)
    frame.themes.add(*themes)
    frame.related_practices.add(*practices)
    frame.related_tools.add(*tools)
    publish(frame)
    meeting = MeetingPage.objects.get(pk=site.meeting.pk)
    meeting.participating_organizations.add(*members)
    publish(meeting)
    for _ in range(n):
        recommendation = make_recommendation(meeting, responsible_organization=org)
        FollowUpNote.objects.create(recommendation=recommendation, text="Note")
    home = HomePage.objects.get(pk=site.tree.home.pk)
    room = max(0, FEATURED_MAX - home.featured_items.count())
    for target in (practices + tools)[: min(n, room)]:
        home.featured_items.add(FeaturedItem(target=target, blurb="À lire"))
    publish(home)


def urls(site):
    return {
        "home": "/",
        "practice": site.practice.url,
        "tool": site.tool.url,
        "frame": site.frame.url,
        "meeting": site.meeting.url,
        "standard": site.standard.url,
        "community": site.segou.url,
        "organization": site.org.url,
        "practices": site.tree.practices.url,
        "practices, filtered": f"{site.tree.practices.url}?communaute=segou&theme=foncier",
        "tools": site.tree.tools.url,
        "frames": site.tree.frames.url,
        "organisations": site.tree.organizations.url,
        "agenda": site.agenda.url,
        "follow-up": site.follow_up.url,
        "themes": "/themes/",
        "theme": "/themes/foncier/",
        "tag": "/mots-cles/radio/",
        "actor map": f"{site.actor_map.url}?communaute=segou&theme=foncier",
    }


def count_queries(client, url):
    assert client.get(url).status_code == 200  # warm: site root paths, content version
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), [q["sql"][:200] for q in queries]


def test_every_page_type_keeps_its_query_budget_at_two_sizes(client, small_site):
    """Measured with 2 items in every list, then with 8 (the listings: 3 then 9 practices,
    tools and meetings, 4 then 10 organisations): within budget, and the same."""
    site = small_site
    few = {name: count_queries(client, url) for name, url in urls(site).items()}
    grow(site, 6)
    many = {name: count_queries(client, url) for name, url in urls(site).items()}
    problems = []
    for name, budget in PAGES:
        (count_few, _), (count_many, sql) = few[name], many[name]
        if count_many > budget or count_few != count_many:
            problems.append(
                f"{name}: {count_few} queries with 2 items, {count_many} with 8 "
                f"(budget {budget})\n  " + "\n  ".join(sql)
            )
    assert not problems, "\n".join(problems)


def test_key_figures_are_computed_once_per_content_change(client, small_site):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    assert counts == [], counts
    assert "participants aux rencontres" in response.content.decode()
    # A publish changes the figures at once.
    org = OrganizationPage.objects.get(slug="aprofem")
    make_practice(org, title="Pratique nouvelle")
    assert "Pratique nouvelle" in client.get("/").content.decode()


def test_restricted_page_leaves_public_lists_at_once(client, small_site):
    """Privacy follows the page: a view restriction added after the lists were cached
    removes the page from them on the next request."""
    site = small_site
    community = client.get(site.segou.url).content.decode()
    practice = site.practice
    assert practice.title in community
    PageViewRestriction.objects.create(page=practice, restriction_type="login")
    assert practice.path in restricted_paths()
    assert not public(PracticePage.objects.filter(pk=practice.pk)).exists()
    assert practice.title not in client.get(site.segou.url).content.decode()
    assert practice.title not in client.get("/").content.decode()
    # Served to nobody anonymous either: the login restriction still applies.
    assert client.get(practice.url).status_code == 302


def test_unpublished_page_leaves_the_home_page_at_once(client, small_site):
    site = small_site
    practice = site.practice
    assert practice.title in client.get("/").content.decode()
    practice.unpublish()
    assert practice.title not in client.get("/").content.decode()
    assert client.get(practice.url).status_code == 404


def test_routing_keeps_wagtail_answers(client, small_site):
    """The one-query router answers like Wagtail's walk: drafts and unknown paths are 404,
    routable pages keep their sub-routes."""
    site = small_site
    assert client.get(site.practice.url + "inconnu/").status_code == 404
    assert client.get("/organisations/inconnue/").status_code == 404
    url = site.practice.url
    site.practice.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(site.tool.url).status_code == 200


def test_the_follow_up_export_leaves_the_cached_cards_alone(client, small_site):
    """The CSV export reads the same listing one row per page: its page of one is never
    served as the follow-up page's cards."""
    site = small_site
    assert client.get(f"{site.follow_up.url}export-csv/").status_code == 200
    listing = client.get(site.follow_up.url).context["listing"]
    assert listing.count == 2
    assert len(listing.items) == 2


def test_kept_featured_cards_never_make_their_renditions_again(client, small_site):
    """The featured cards are kept in the cache with their images: the renditions a card
    shows are made before they are kept, so a visit after the first reads no rendition and
    encodes no picture (before: every visit encoded the missing ones again, about a second)."""
    site = small_site
    home = HomePage.objects.get(pk=site.tree.home.pk)
    home.featured_items.add(FeaturedItem(target=site.practice, blurb="Photo"))
    publish(home)
    get_image_model().get_rendition_model().objects.all().delete()
    first = client.get("/").content.decode()
    assert 'class="card__image"' in first
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/").content.decode()
    assert [q["sql"] for q in queries if "rendition" in q["sql"]] == []
    assert again.count(".avif") == first.count(".avif") > 0


def test_one_content_version_for_kept_pages_and_cached_values(site_tree):
    """The page cache and the cached sections follow the same version, drawn again by a
    setting or a site change (newly covered) as by a publish; not by a draft being saved."""
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert page_cache.VERSION_KEY == content_version.VERSION_KEY
    assert cached_by_content("budget-probe", compute) == 1
    assert cached_by_content("budget-probe", compute) == 1, "kept"
    portal = PortalSettings.for_site(site_tree.home.get_site())
    portal.quick_exit_url = "https://meteo.example.org/"
    portal.save()
    assert cached_by_content("budget-probe", compute) == 2, "a setting change"
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Portail CdP"
    site.save()
    assert cached_by_content("budget-probe", compute) == 3, "a site change"
    home = HomePage.objects.get(pk=site_tree.home.pk)
    home.title = "Brouillon"
    home.save_revision()
    assert cached_by_content("budget-probe", compute) == 3, "a draft shows nothing new"
    publish(home)
    assert cached_by_content("budget-probe", compute) == 4, "a publish"
