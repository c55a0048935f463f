"""A detail page's body kept per content version ({% content_fragment %} around the body of
the home, practice, tool, frame, meeting and organisation pages) and the routing chain kept
the same way (home.routing): a publication, a move or an unpublication shows at once, a
draft never, and what differs per visitor (the offline pack, a member's actions) stays out."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, PageViewRestriction

from events.models import MeetingPage
from home.member_spaces import member_group_for
from practices.models import ToolPage

from .factories import (
    make_community,
    make_event_index,
    make_meeting,
    make_organization,
    make_tool,
    publish_revision,
)


@pytest.fixture
def org(site_tree):
    segou = make_community(site_tree, "Ségou", slug="segou")
    return make_organization(site_tree, "APROFEM", slug="aprofem", communities=[segou])


def test_a_tool_page_shows_a_publication_at_once_and_never_a_draft(client, org):
    tool = make_tool(org, title="Boîte à images sur le mariage précoce")
    assert "Boîte à images sur le mariage précoce" in client.get(tool.url).content.decode()
    page = ToolPage.objects.get(pk=tool.pk)
    page.title = "Titre du brouillon"
    page.audience = "Public du brouillon"
    revision = page.save_revision()
    html = client.get(tool.url).content.decode()
    assert "Titre du brouillon" not in html and "Public du brouillon" not in html
    publish_revision(revision)
    html = client.get(tool.url).content.decode()
    assert "<h1" in html and "Titre du brouillon</h1>" in html, "a publication shows at once"
    assert "Public du brouillon" in html


def test_the_offline_pack_stays_per_visitor_beside_the_kept_body(client, org):
    tool = make_tool(org, title="Guide de la médiation")
    assert "data-keep-offline" in client.get(tool.url).content.decode()
    user = get_user_model().objects.create_user("lectrice", "l@example.org", "x-Passw0rd!")
    client.force_login(user)
    html = client.get(tool.url).content.decode()
    assert "Guide de la médiation" in html
    assert "data-keep-offline" not in html, "a signed-in visitor's pages are never kept offline"


def test_a_member_gets_the_actions_on_the_kept_organisation_page(client, org):
    anonymous = client.get(org.url).content.decode()
    assert "Proposer une pratique" not in anonymous
    user = get_user_model().objects.create_user("membre", "m@example.org", "x-Passw0rd!")
    user.groups.add(member_group_for(org))
    client.force_login(user)
    assert "Proposer une pratique" in client.get(org.url).content.decode()
    client.logout()
    assert "Proposer une pratique" not in client.get(org.url).content.decode()


def test_an_unpublished_or_restricted_page_is_gone_at_once_although_routes_are_kept(client, org):
    tool = make_tool(org, title="Fiche à retirer")
    assert client.get(tool.url).status_code == 200
    Page.objects.get(pk=tool.pk).unpublish()
    assert client.get(tool.url).status_code == 404
    other = make_tool(org, title="Fiche réservée")
    assert client.get(other.url).status_code == 200
    PageViewRestriction.objects.create(page=other, restriction_type="login")
    response = client.get(other.url)
    assert response.status_code == 302 and "Fiche réservée" not in response.content.decode()


def test_a_moved_or_renamed_page_is_served_at_its_new_address_at_once(client, site_tree, org):
    tool = make_tool(org, title="Fiche déplacée", slug="fiche")
    old_url = tool.url
    assert client.get(old_url).status_code == 200
    page = ToolPage.objects.get(pk=tool.pk)
    page.slug = "fiche-renommee"
    publish_revision(page.save_revision())
    assert client.get(old_url).status_code == 404
    assert "Fiche déplacée" in client.get(f"{org.url}fiche-renommee/").content.decode()
    other = make_organization(site_tree, "AMSOPT", slug="amsopt")
    Page.objects.get(pk=tool.pk).move(other, pos="last-child")
    response = client.get(f"{org.url}fiche-renommee/")
    assert response.status_code != 200, "the old address no longer serves the page"
    assert "Fiche déplacée" in client.get(f"{other.url}fiche-renommee/").content.decode()


def test_an_unknown_address_is_never_kept(client, org):
    assert client.get(f"{org.url}pas-encore/").status_code == 404
    tool = make_tool(org, title="Arrivée après", slug="pas-encore")
    assert client.get(tool.url).status_code == 200, "a 404 was not kept for the address"


def test_a_meeting_page_shows_a_publication_at_once(client, site_tree):
    index = make_event_index(site_tree)
    meeting = make_meeting(index, title="Comité régional VBG")
    assert "Comité régional VBG" in client.get(meeting.url).content.decode()
    page = MeetingPage.objects.get(pk=meeting.pk)
    page.title = "Comité régional VBG, session extraordinaire"
    revision = page.save_revision()
    assert "session extraordinaire" not in client.get(meeting.url).content.decode()
    publish_revision(revision)
    assert "session extraordinaire" in client.get(meeting.url).content.decode()
