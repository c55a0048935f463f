"""Members see only what is theirs (admin), visitors only what they may see (public side),
and guessing passwords is throttled (protected pages, login)."""

import csv
import datetime
import io
import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cdp_portal.client_ip import client_ip
from events import key_figures, stats
from events.models import FollowUpPage, MeetingPage, ResultsPage
from home.member_spaces import member_group_for
from home.workflows import EDITORS_GROUP, MODERATORS_GROUP, ensure_default_workflow
from practices.models import PracticePage
from search.records import record_for_page

from .conftest import shared_data
from .factories import (
    add_page,
    make_community,
    make_event_index,
    make_meeting,
    make_organization,
    make_practice,
    make_recommendation,
)

PASSWORD = "un-mot-de-passe-assez-long"
DRAFT_TITLE = "Brouillon confidentiel du RFK"
PENDING_TITLE = "Titre en attente de relecture"
LIVE_TITLE = "Pratique publiée du RFK"


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


# --- Admin: members of organisation A and B, an editor, a moderator -----------------------


@pytest.fixture
def orgs(request, _site_tree_pks):
    """Two organisations with members, live, pending and draft practices: built once for consecutive
    tests (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_orgs)


def build_orgs(site_tree):
    tree = site_tree
    ensure_default_workflow()
    tree.aprofem = make_organization(
        tree, title="Association pour le progrès des femmes", acronym="APROFEM"
    )
    tree.rfk = make_organization(tree, title="Réseau des femmes de Kayes", acronym="RFK")
    tree.member_a = user_in(member_group_for(tree.aprofem).name, "membre-a")
    tree.member_b = user_in(member_group_for(tree.rfk).name, "membre-b")
    tree.editor = user_in(EDITORS_GROUP, "editrice")
    tree.moderator = user_in(MODERATORS_GROUP, "moderatrice")
    tree.mine = make_practice(tree.aprofem, title="Pratique d'APROFEM")
    tree.live = make_practice(tree.rfk, title=LIVE_TITLE)
    # A live page of B with a pending draft whose title must not leak.
    tree.live.title = PENDING_TITLE
    tree.live.save_revision(user=tree.member_b, log_action=True)
    # A never-published page of B, submitted for review by B's member.
    draft = PracticePage(title=DRAFT_TITLE, slug="brouillon-rfk", summary="Brouillon.", live=False)
    tree.rfk.add_child(instance=draft)
    draft.save_revision(user=tree.member_b, log_action=True)
    draft.get_workflow().start(draft, tree.member_b)
    tree.draft = PracticePage.objects.get(pk=draft.pk)
    return tree


REPORTS = [
    "page_types_usage",
    "aging_pages",
    "workflow",
    "workflow_tasks",
    "locked_pages",
    "site_history",
]


def _html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    if response["Content-Type"].startswith("application/json"):  # the chooser's modal steps
        return response.status_code, response.json()["html"]
    return response.status_code, response.content.decode()


def test_chooser_browse_shows_members_live_pages_and_their_own_drafts(client, orgs):
    url = reverse("wagtailadmin_choose_page_child", args=[orgs.rfk.pk])
    status, html = _html(client, orgs.member_a, url)
    assert status == 200
    assert DRAFT_TITLE not in html and PENDING_TITLE not in html
    assert LIVE_TITLE in html and f'data-id="{orgs.live.pk}"' in html  # still choosable
    for user in (orgs.member_b, orgs.editor):
        status, html = _html(client, user, url)
        assert DRAFT_TITLE in html and PENDING_TITLE in html


def test_chooser_refuses_a_members_forged_ids(client, orgs):
    client.force_login(orgs.member_a)
    browse = reverse("wagtailadmin_choose_page_child", args=[orgs.draft.pk])
    assert client.get(browse).status_code == 404
    chosen = reverse("wagtailadmin_choose_page_chosen_multiple")
    for page in (orgs.draft, orgs.live):  # a draft, a live page with another's pending title
        response = client.get(chosen, {"id": page.pk})
        assert response.status_code == 404 and DRAFT_TITLE not in response.content.decode()
    assert client.get(chosen, {"id": orgs.mine.pk}).status_code == 200
    client.force_login(orgs.member_b)
    assert client.get(browse).status_code == 200
    result = client.get(chosen, {"id": orgs.draft.pk}).json()["result"]
    assert [page["adminTitle"] for page in result] == [DRAFT_TITLE]


def test_chooser_search_and_admin_search(client, orgs):
    chooser = reverse("wagtailadmin_choose_page_search")
    admin_search = reverse("wagtailadmin_pages:search")
    status, html = _html(client, orgs.member_a, f"{chooser}?q=confidentiel")
    assert status == 200 and DRAFT_TITLE not in html
    status, html = _html(client, orgs.member_a, f"{chooser}?q=publiée")
    assert LIVE_TITLE in html and PENDING_TITLE not in html
    status, html = _html(client, orgs.member_a, f"{admin_search}?q=confidentiel")
    assert status == 200 and DRAFT_TITLE not in html
    explorer = reverse("wagtailadmin_explore", args=[orgs.aprofem.pk])
    status, html = _html(client, orgs.member_a, f"{explorer}?q=pratique")
    assert status == 200 and "Pratique d&#x27;APROFEM" in html
    for user in (orgs.member_b, orgs.editor):
        assert DRAFT_TITLE in _html(client, user, f"{chooser}?q=confidentiel")[1]
        assert DRAFT_TITLE in _html(client, user, f"{admin_search}?q=confidentiel")[1]


def test_reports_are_refused_to_members_and_hidden_from_their_menu(client, orgs):
    for name in REPORTS:
        url = reverse(f"wagtailadmin_reports:{name}")
        assert _html(client, orgs.member_a, url)[0] == 403, name
        assert _html(client, orgs.moderator, url)[0] == 200, name
    usage = reverse("wagtailadmin_reports:page_types_usage")
    assert DRAFT_TITLE in _html(client, orgs.editor, usage)[1]
    assert usage not in _html(client, orgs.member_a, reverse("wagtailadmin_home"))[1]
    assert usage in _html(client, orgs.editor, reverse("wagtailadmin_home"))[1]


def test_dashboard_shows_members_only_their_pages(client, orgs):
    home = reverse("wagtailadmin_home")
    status, html = _html(client, orgs.member_a, home)
    assert status == 200 and DRAFT_TITLE not in html and PENDING_TITLE not in html
    assert DRAFT_TITLE in _html(client, orgs.member_b, home)[1]
    assert DRAFT_TITLE in _html(client, orgs.moderator, home)[1]


# --- Public side: restricted and draft meetings leave no trace ----------------------------


@pytest.fixture
def meetings(request, _site_tree_pks):
    """Meetings behind a password, a login and a draft: built once for consecutive tests
    (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_meetings)


def build_meetings(site_tree):
    tree = site_tree
    tree.segou = make_community(tree, "Ségou", slug="segou")
    tree.agenda = make_event_index(tree)
    tree.follow_up = add_page(
        tree.home, FollowUpPage(title="Suivi des recommandations", slug="suivi-des-recommandations")
    )
    add_page(tree.home, ResultsPage(title="Résultats", slug="resultats"))
    hidden = {}
    for key, participants in (("public", 10), ("password", 100), ("login", 1000), ("draft", 10000)):
        meeting = make_meeting(
            tree.agenda,
            f"Rencontre {key}",
            communities=[tree.segou],
            participants_total=participants,
            start_date=datetime.date(2030, 1, 15),
        )
        make_recommendation(meeting, text=f"Recommandation {key} à suivre")
        hidden[key] = meeting
    tree.password = PageViewRestriction.objects.create(
        page=hidden["password"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret-de-la-rencontre",
    )
    PageViewRestriction.objects.create(
        page=hidden["login"], restriction_type=PageViewRestriction.LOGIN
    )
    hidden["draft"].unpublish()
    tree.meetings = hidden
    return tree


HIDDEN = ("password", "login", "draft")


def _texts(client, meetings):
    page = client.get(meetings.follow_up.url).content.decode()
    export = client.get(meetings.follow_up.url + "export-csv/").content.decode("utf-8-sig")
    rows = "\n".join(";".join(r) for r in csv.reader(io.StringIO(export), delimiter=";"))
    ical = client.get("/agenda.ics").content.decode()
    return page, rows, ical


def test_follow_up_csv_figures_and_ical_show_only_visible_meetings(client, meetings):
    page, rows, ical = _texts(client, meetings)
    assert "Recommandation public à suivre" in page and "Recommandation public à suivre" in rows
    assert "Rencontre public" in ical
    for key in HIDDEN:
        assert f"Recommandation {key}" not in page and f"Recommandation {key}" not in rows
        assert f"Rencontre {key}" not in ical
        meeting_ics = reverse("events_meeting_ics", args=[meetings.meetings[key].pk])
        assert client.get(meeting_ics).status_code == 404
    results = stats.results()
    assert results["headline"]["participants"] == 10
    assert sum(row["total"] for row in results["follow_up"]) == 1
    assert key_figures.participants()[1] == 10
    assert stats.totals(stats.meetings_for(meetings.segou))["participants"] == 10
    assert "10\u202f000" not in client.get("/resultats/").content.decode()


def test_restricted_meeting_counts_again_once_public(client, meetings):
    meetings.password.delete()
    page, rows, ical = _texts(client, meetings)
    assert "Recommandation password à suivre" in page and "Recommandation password" in rows
    assert "Rencontre password" in ical
    assert stats.results()["headline"]["participants"] == 110


def test_search_never_indexes_restricted_meetings(meetings):
    assert record_for_page(meetings.meetings["public"]) is not None
    for key in HIDDEN:
        assert record_for_page(meetings.meetings[key]) is None
    # A restriction on an ancestor hides the meeting too.
    PageViewRestriction.objects.create(
        page=meetings.agenda, restriction_type=PageViewRestriction.LOGIN
    )
    assert record_for_page(MeetingPage.objects.get(pk=meetings.meetings["public"].pk)) is None


def test_promoted_result_of_a_restricted_page_is_not_shown(meetings):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from search.views import promoted_results

    query = Query.get("rencontre")
    for key in ("public", "password"):
        SearchPromotion.objects.create(
            query=query, page=meetings.meetings[key], sort_order=0, description="Mise en avant"
        )
    titles = [result["title"] for result in promoted_results("rencontre")]
    assert titles == ["Rencontre public"]


# --- Password-protected pages: wrong passwords throttled ----------------------------------


@pytest.fixture
def protected(meetings):
    cache.clear()
    meeting = meetings.meetings["password"]
    meetings.auth_url = reverse(
        "wagtailcore_authenticate_with_password", args=[meetings.password.pk, meeting.pk]
    )
    meetings.page_url = meeting.url
    return meetings


def _try(client, tree, password, address):
    return client.post(
        tree.auth_url, {"password": password, "return_url": tree.page_url}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_that_client_only(client, protected):
    for _attempt in range(4):
        assert _try(client, protected, "mauvais", "10.0.0.1").status_code == 200
    fifth = _try(client, protected, "mauvais", "10.0.0.1")
    assert fifth.status_code == 429
    assert "Trop de mots de passe erronés" in fifth.content.decode()
    right = _try(client, protected, "secret-de-la-rencontre", "10.0.0.1")
    assert right.status_code == 429
    assert "Recommandation password" not in client.get(protected.page_url).content.decode()
    other = client.__class__()
    response = _try(other, protected, "secret-de-la-rencontre", "10.0.0.2")
    assert response.status_code == 302
    assert "Recommandation password" in other.get(protected.page_url).content.decode()


def test_password_form_works_when_the_cache_is_down(client, protected, monkeypatch, caplog):
    class CacheDown:
        def __getattr__(self, name):
            def broken(*args, **kwargs):
                raise ConnectionError("cache down")

            return broken

    monkeypatch.setattr("home.password_throttle.cache", CacheDown())
    with caplog.at_level(logging.WARNING, logger="home.password_throttle"):
        assert _try(client, protected, "mauvais", "10.0.0.1").status_code == 200
        assert _try(client, protected, "secret-de-la-rencontre", "10.0.0.1").status_code == 302
    assert "cache unavailable" in caplog.text


# --- Login lock-out (django-axes) ---------------------------------------------------------


def test_client_address_trusts_only_the_configured_proxies(rf):
    forged = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.7")
    with override_settings(TRUSTED_PROXY_COUNT=0):
        assert client_ip(forged) == "203.0.113.5"
    behind_one = rf.get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.99, 198.51.100.7"
    )
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(behind_one) == "198.51.100.7"  # the forged left-most is ignored
        assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"
        junk = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="pas-une-adresse")
        assert client_ip(junk) == "127.0.0.1"


def _login(client, username, password, address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}, **extra
    )
    logged_in = "_auth_user_id" in client.session
    client.logout()
    return logged_in


@pytest.fixture
def axes_on(db):
    from axes.models import AccessAttempt

    cache.clear()
    AccessAttempt.objects.all().delete()
    with override_settings(AXES_ENABLED=True, TRUSTED_PROXY_COUNT=0):
        yield get_user_model().objects.create_user("alice", "alice@example.org", PASSWORD)


def test_forged_forwarded_for_does_not_move_the_lock(client, axes_on):
    from axes.models import AccessAttempt

    for i in range(5):
        assert not _login(client, "alice", "faux", "10.0.0.1", forwarded=f"192.0.2.{i}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}
    assert not _login(client, "alice", PASSWORD, "10.0.0.1", forwarded="192.0.2.200")
    assert _login(client, "alice", PASSWORD, "10.0.0.2")  # nobody else is locked out


def test_password_spraying_locks_the_address(client, axes_on):
    for i in range(19):
        assert not _login(client, f"personne-{i}", "Motdepasse2026", "10.0.0.3")
    assert _login(client, "alice", PASSWORD, "10.0.0.3")  # 19 failures: still open
    assert not _login(client, "personne-19", "Motdepasse2026", "10.0.0.3")
    assert not _login(client, "alice", PASSWORD, "10.0.0.3")  # 20: the address is locked
    assert _login(client, "alice", PASSWORD, "10.0.0.4")
