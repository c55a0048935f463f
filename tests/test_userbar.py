"""Wagtail's user bar on public pages is for the people who review and publish; organisation
members, often on a phone, get a light « Modifier cette page » link in the member links
instead of its scripts (about 270 KB compressed), its accessibility check and its queries."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.member_spaces import member_group_for
from home.workflows import EDITORS_GROUP, MODERATORS_GROUP

from .conftest import shared_data
from .factories import make_community, make_organization, make_practice

EDIT_LINK = "Modifier cette page"
USERBAR_MARKS = ("wagtail-userbar", "wagtailadmin/js/userbar.js", "wagtailadmin/js/vendor.js")
HTML_BUDGET = 35_000  # bytes, as for every visitor's page (tests/test_page_weight.py)


@pytest.fixture
def practices(request, _site_tree_pks):
    return shared_data(request, _site_tree_pks, build_practices)


def build_practices(site_tree):
    segou = make_community(site_tree, "Ségou", slug="segou")
    own_org = make_organization(site_tree, "APROFEM", slug="aprofem", communities=[segou])
    other_org = make_organization(site_tree, "AMSOPT", slug="amsopt", communities=[segou])
    return {
        "own": make_practice(own_org, title="Médiation des conflits fonciers"),
        "other": make_practice(other_org, title="Clubs de jeunes filles"),
        "member_group": member_group_for(own_org),
    }


def log_in(client, name, group):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "mot-de-passe-42")
    user.groups.add(group)
    client.force_login(user)


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def test_a_member_edits_their_page_from_a_light_link_without_the_wagtail_userbar(client, practices):
    log_in(client, "awa", practices["member_group"])
    html = client.get(practices["own"].url).content.decode()
    member_nav = html.split('class="member-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'<a href="{edit_url(practices["own"])}">{EDIT_LINK}</a>' in member_nav
    for mark in USERBAR_MARKS:
        assert mark not in html, mark
    assert len(html.encode()) <= HTML_BUDGET


def test_a_member_gets_no_edit_link_on_another_organisations_page(client, practices):
    log_in(client, "awa", practices["member_group"])
    html = client.get(practices["other"].url).content.decode()
    assert 'class="member-nav"' in html
    assert EDIT_LINK not in html and edit_url(practices["other"]) not in html


def test_a_members_page_costs_a_few_queries_more_than_a_visitors(client, practices):
    url = practices["own"].url
    client.get(url)
    with CaptureQueriesContext(connection) as visitor:
        client.get(url)
    log_in(client, "awa", practices["member_group"])
    client.get(url)
    with CaptureQueriesContext(connection) as member:
        client.get(url)
    # Session, user, the member's organisations, their groups, the page's permissions: the
    # user bar alone cost seven more (profile, permissions, workflow, page counts).
    assert len(member) - len(visitor) <= 7, [query["sql"][:120] for query in member]


@pytest.mark.parametrize("group_name", [EDITORS_GROUP, MODERATORS_GROUP])
def test_editors_and_moderators_keep_the_wagtail_userbar(client, practices, group_name):
    log_in(client, "fatou", Group.objects.get(name=group_name))
    html = client.get(practices["own"].url).content.decode()
    assert "wagtail-userbar" in html
    assert 'class="member-nav"' not in html


def test_visitors_get_neither_the_userbar_nor_an_edit_link(client, practices):
    html = client.get(practices["own"].url).content.decode()
    assert EDIT_LINK not in html and "wagtail-userbar" not in html
