"""Query budgets per page type (issue 11), at two sizes, through the test client, anonymous.

Each page is requested once to warm the caches (site root paths, content types, the
content-version cache of home.content_version), then measured: home ≤ 12 queries, any
detail page ≤ 12, community and organisation pages ≤ 15, the same number at both sizes.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from events.models import EventIndexPage, FollowUpNote
from home.content_version import public, restricted_paths
from home.models import FeaturedItem, StandardPage
from practices.models import (
    PracticeAttachment,
    PracticeGalleryImage,
    PracticePage,
    ToolDocument,
    ToolPage,
)
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
COMMUNITY_BUDGET = 15

PAGES = [
    ("home", HOME_BUDGET),
    ("practice", DETAIL_BUDGET),
    ("tool", DETAIL_BUDGET),
    ("frame", DETAIL_BUDGET),
    ("meeting", DETAIL_BUDGET),
    ("standard", DETAIL_BUDGET),
    ("community", COMMUNITY_BUDGET),
    ("organization", COMMUNITY_BUDGET),
]


def build(tree, n):
    """A site where every list a page shows has ``n`` items."""
    segou = make_community(tree, "Ségou", slug="segou")
    themes = [ThemeFactory() for _ in range(n)]
    org = make_organization(tree, "APROFEM", acronym="APROFEM", slug="aprofem", communities=[segou])
    members = [make_organization(tree, communities=[segou]) for _ in range(n)]
    tools = [make_tool(org, communities=[segou], themes=themes, tags=["radio"]) for _ in range(n)]
    practices = [
        make_practice(org, communities=[segou], themes=themes, tags=["radio", "quota"])
        for _ in range(n)
    ]
    practice = practices[0]
    practice.related_tools.set(tools)
    image = make_image(width=64, height=48)
    practice.main_image = image
    for i in range(n):
        document = make_document(title=f"Document {i}", size=2000)
        practice.attachments.add(PracticeAttachment(document=document))
        practice.gallery_images.add(PracticeGalleryImage(image=make_image(f"Image {i}", 64, 48)))
    publish(practice)
    tool = tools[0]
    for i in range(n):
        tool.documents.add(ToolDocument(document=make_document(f"Fichier {i}", size=2000)))
    publish(tool)
    frame = make_frame(tree, communities=[segou], themes=themes)
    frame.related_practices.set(practices)
    frame.related_tools.set(tools)
    publish(frame)
    agenda = make_event_index(tree)
    meetings = [
        make_meeting(
            agenda,
            communities=[segou],
            organizers=[org],
            participating=members,
            concertation_frame=frame,
            start_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=i),
            participants_total=10 + i,
        )
        for i in range(n)
    ]
    for _ in range(n):
        recommendation = make_recommendation(meetings[0], responsible_organization=org)
        FollowUpNote.objects.create(recommendation=recommendation, text="Note")
    home = tree.home
    for target in (practices + tools)[:n]:
        home.featured_items.add(FeaturedItem(target=target, blurb="À lire"))
    publish(home)
    standard = add_page(home, StandardPage(title="À propos", slug="a-propos"))
    return {
        "home": "/",
        "practice": practice.url,
        "tool": tool.url,
        "frame": frame.url,
        "meeting": meetings[0].url,
        "standard": standard.url,
        "community": segou.url,
        "organization": org.url,
    }


def count_queries(client, url):
    assert client.get(url).status_code == 200  # warm: site root paths, content version
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), queries


@pytest.fixture(params=[2, 8], ids=["2-items", "8-items"])
def sized_site(request, site_tree):
    return request.param, build(site_tree, request.param)


@pytest.mark.parametrize("name,budget", PAGES, ids=[name for name, _ in PAGES])
def test_page_stays_within_its_query_budget(client, sized_site, name, budget):
    n, urls = sized_site
    count, queries = count_queries(client, urls[name])
    shown = "\n".join(q["sql"][:300] for q in queries)
    assert count <= budget, f"{name} page ({n} items): {count} queries, budget {budget}\n{shown}"


@pytest.mark.parametrize("name", [name for name, _ in PAGES])
def test_query_count_does_not_grow_with_items(client, site_tree, name):
    urls = build(site_tree, 2)
    few, _ = count_queries(client, urls[name])
    build_more(site_tree, 6)  # six more of what the pages list, on the same pages
    many, _ = count_queries(client, urls[name])
    assert many == few, f"{name}: {few} queries with 2 items, {many} with 8"


def build_more(tree, n):
    """Grow the lists of the pages ``build`` made (same URLs)."""
    from home.models import CommunityPage, OrganizationPage

    segou = CommunityPage.objects.get(slug="segou")
    org = OrganizationPage.objects.get(slug="aprofem")
    for _ in range(n):
        make_organization(tree, communities=[segou])
        make_tool(org, communities=[segou], tags=["radio"])
        make_practice(org, communities=[segou], tags=["radio"])
    practice = PracticePage.objects.filter(main_image__isnull=False).get()
    for i in range(n):
        practice.attachments.add(
            PracticeAttachment(document=make_document(title=f"Autre {i}", size=2000))
        )
    practice.related_tools.set(org.get_children().type(ToolPage).specific())
    publish(practice)
    agenda = EventIndexPage.objects.get()
    for i in range(n):
        make_meeting(agenda, communities=[segou], organizers=[org], participating=[org],
                     start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i))


def test_key_figures_are_computed_once_per_content_change(client, site_tree):
    build(site_tree, 2)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    assert counts == [], counts
    assert "participants aux rencontres" in response.content.decode()
    # A publish changes the figures at once.
    org = site_tree.organizations.get_children().live().first().specific
    before = response.content.decode().count("Pratique ")
    make_practice(org, title="Pratique nouvelle")
    fresh = client.get("/").content.decode()
    assert "Pratique nouvelle" in fresh
    assert fresh.count("Pratique ") >= before


def test_restricted_page_leaves_public_lists_at_once(client, site_tree):
    """Privacy follows the page: a view restriction added after the lists were cached
    removes the page from them on the next request."""
    urls = build(site_tree, 2)
    community = client.get(urls["community"]).content.decode()
    practice = PracticePage.objects.filter(main_image__isnull=False).get()
    assert practice.title in community
    PageViewRestriction.objects.create(page=practice, restriction_type="login")
    assert practice.path in restricted_paths()
    assert not public(PracticePage.objects.filter(pk=practice.pk)).exists()
    assert practice.title not in client.get(urls["community"]).content.decode()
    assert practice.title not in client.get("/").content.decode()
    # Served to nobody anonymous either: the login restriction still applies.
    assert client.get(urls["practice"]).status_code == 302


def test_unpublished_page_leaves_the_home_page_at_once(client, site_tree):
    urls = build(site_tree, 2)
    home = client.get(urls["home"]).content.decode()
    practice = PracticePage.objects.filter(main_image__isnull=False).get()
    assert practice.title in home
    practice.unpublish()
    assert practice.title not in client.get(urls["home"]).content.decode()
    assert client.get(urls["practice"]).status_code == 404


def test_routing_keeps_wagtail_answers(client, site_tree):
    """The one-query router answers like Wagtail's walk: drafts and unknown paths are 404,
    routable pages keep their sub-routes."""
    urls = build(site_tree, 2)
    assert client.get(urls["practice"] + "inconnu/").status_code == 404
    assert client.get("/organisations/inconnue/").status_code == 404
    draft = PracticePage.objects.filter(main_image__isnull=False).get()
    draft.unpublish()
    assert client.get(urls["practice"]).status_code == 404
    assert client.get(urls["tool"]).status_code == 200
