"""Nothing becomes public without the safety confirmation: every route to « live », tried
through the real admin as a moderator and as an editor, and the workflow's approval."""

import datetime
import html
import importlib
import json
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Revision
from wagtail.test.utils.form_data import querydict_from_html

from home.member_spaces import member_group_for
from home.models import SafetyConfirmation, SafetyGateError, SurvivorSafetyTask
from home.models.safety import record_confirmation
from home.safety import publish_confirmed
from home.workflows import EDITORS_GROUP, MODERATORS_GROUP, ensure_default_workflow
from practices.models import PracticePage

from .conftest import shared_data
from .factories import make_organization, make_practice, publish

PASSWORD = "un-mot-de-passe-assez-long"
ALL_CHECKS = {
    "no_identifiable_person": True,
    "photo_consent": True,
    "audio_safe": True,
    "sources_cited": True,
}
REFUSED = "La publication directe est fermée"
ROLES = ["moderator", "editor"]


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def gate(request, _site_tree_pks):
    """An organisation with a live practice, and a member's draft practice under review: built once
    for consecutive tests (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_gate)


def build_gate(site_tree):
    ensure_default_workflow()
    tree = site_tree
    tree.org = make_organization(tree, title="Association des femmes", acronym="AF")
    tree.member = get_user_model().objects.create_user("membre", "membre@example.org", PASSWORD)
    tree.member.groups.add(member_group_for(tree.org))
    tree.moderator = user_in(MODERATORS_GROUP, "moderatrice")
    tree.editor = user_in(EDITORS_GROUP, "editrice")
    tree.published = make_practice(tree.org, title="Pratique publiée")
    draft = PracticePage(title="Pratique en brouillon", slug="brouillon", summary="Résumé.")
    draft.live = False
    tree.org.add_child(instance=draft)
    draft.save_revision(user=tree.member)
    tree.draft = PracticePage.objects.get(pk=draft.pk)
    return tree


def login(client, tree, role):
    user = getattr(tree, role)
    client.force_login(user)
    return user


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def form_data(client, url, **changes):
    """The admin's own page form at ``url``, as a browser would submit it."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["result_figures-count"] = "0"  # the StreamField's own counter is written by JavaScript
    for name, value in changes.items():
        data[name] = value
    return data


def submit(page, user):
    page.get_workflow().start(page, user)
    page.refresh_from_db()
    return page


def submit_in_admin(client, page, user):
    """The author submits through the edit view, as a browser would (the rich text is then
    stored as the editor writes it, so the reviewer's form round-trips it unchanged)."""
    client.force_login(user)
    data = form_data(client, edit_url(page))
    data["action-submit"] = "Soumettre"
    assert client.post(edit_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_task_state.status == "in_progress"
    return page


def confirmations_of(page):
    return SafetyConfirmation.objects.filter(revision__object_id=str(page.pk))


def assert_not_live(page, title=None):
    page.refresh_from_db()
    assert not page.live
    assert page.live_revision_id is None
    assert not Revision.objects.filter(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    ).exists()


def messages_of(response):
    """The admin's messages shown by ``response`` (Wagtail stores them escaped)."""
    if not response.context:
        return []
    return [html.unescape(str(message)) for message in response.context["messages"]]


# --- every route around the review is closed -------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_publish_button_is_not_offered(client, gate, role):
    login(client, gate, role)
    page = client.get(edit_url(gate.draft)).content.decode()
    assert 'name="action-publish"' not in page
    add = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", gate.org.pk])
    assert 'name="action-publish"' not in client.get(add).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_publish_from_the_edit_view_is_refused(client, gate, role):
    login(client, gate, role)
    revisions = gate.draft.revisions.count()
    data = form_data(client, edit_url(gate.draft), title="Publiée sans relecture")
    data["action-publish"] = "Publier"
    response = client.post(edit_url(gate.draft), data, follow=True)
    assert response.status_code == 200
    assert_not_live(gate.draft)
    if role == "moderator":  # may publish in Wagtail's terms: refused before anything is saved
        assert any(REFUSED in message for message in messages_of(response))
        assert gate.draft.revisions.count() == revisions
        assert gate.draft.title == "Pratique en brouillon"


@pytest.mark.parametrize("role", ROLES)
def test_publish_from_the_create_view_is_refused(client, gate, role):
    login(client, gate, role)
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", gate.org.pk])
    data = form_data(client, url, title="Créée et publiée", slug="creee", summary="Résumé.")
    data["action-publish"] = "Publier"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    created = PracticePage.objects.filter(slug="creee").first()
    assert created is None or not created.live
    if role == "moderator":
        assert created is None
        assert any(REFUSED in message for message in messages_of(response))


@pytest.mark.parametrize("role", ROLES)
def test_bulk_publish_is_refused(client, gate, role):
    login(client, gate, role)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(f"{url}?id={gate.draft.pk}&next=/admin/", {}, follow=True)
    assert response.status_code == 200
    assert_not_live(gate.draft)
    if role == "moderator":
        assert any("publication groupée est fermée" in m for m in messages_of(response))


@pytest.mark.parametrize("role", ROLES)
def test_copy_and_publish_is_refused(client, gate, role):
    login(client, gate, role)
    url = reverse("wagtailadmin_pages:copy", args=[gate.published.pk])
    data = {
        "new_title": "Copie publiée",
        "new_slug": "copie-publiee",
        "new_parent_page": gate.org.pk,
        "publish_copies": "on",
    }
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert not PracticePage.objects.filter(slug="copie-publiee").exists()
    assert any("Les copies ne peuvent pas être publiées" in m for m in messages_of(response))


def test_a_copy_of_a_live_page_is_a_draft(client, gate):
    login(client, gate, "moderator")
    url = reverse("wagtailadmin_pages:copy", args=[gate.published.pk])
    assert "publish_copies" not in client.get(url).content.decode()
    data = {"new_title": "Copie", "new_slug": "copie", "new_parent_page": gate.org.pk}
    assert client.post(url, data).status_code == 302
    assert not PracticePage.objects.get(slug="copie").live
    copy = gate.published.copy(update_attrs={"slug": "copie-code"}, keep_live=True)
    assert not copy.live


@pytest.mark.parametrize("role", ROLES)
def test_revert_and_publish_is_refused(client, gate, role):
    first = gate.published.live_revision
    gate.published.title = "Titre relu"
    publish(gate.published)
    login(client, gate, role)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[gate.published.pk, first.pk])
    data = form_data(client, url)
    data["action-publish"] = "Publier"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    if role == "moderator":
        assert any(REFUSED in message for message in messages_of(response))
    gate.published.refresh_from_db()
    assert gate.published.title == "Titre relu"
    assert gate.published.live_revision.get_previous() == first  # still the reviewed one


@pytest.mark.parametrize("role", ROLES)
def test_scheduling_through_publish_is_refused(client, gate, role):
    login(client, gate, role)
    go_live = (timezone.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    data = form_data(client, edit_url(gate.draft), go_live_at=go_live)
    data["action-publish"] = "Publier"
    response = client.post(edit_url(gate.draft), data, follow=True)
    assert response.status_code == 200
    if role == "moderator":
        assert any(REFUSED in message for message in messages_of(response))
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    assert_not_live(gate.draft)


def test_publishing_in_code_needs_a_confirmation(gate):
    revision = gate.draft.save_revision(user=gate.member)
    with pytest.raises(SafetyGateError):
        revision.publish()
    with pytest.raises(SafetyGateError):
        gate.draft.save_revision().publish(user=gate.moderator)
    # the author cannot confirm their own revision
    record_confirmation(revision, confirmed_by=gate.member, **ALL_CHECKS)
    with pytest.raises(SafetyGateError):
        revision.publish()
    # nor does a confirmation with a check missing count
    record_confirmation(revision, confirmed_by=gate.moderator, photo_consent=True)
    with pytest.raises(SafetyGateError):
        revision.publish()
    assert_not_live(gate.draft)
    publish_confirmed(revision, note="essai")
    gate.draft.refresh_from_db()
    assert gate.draft.live


# --- the workflow is the door ------------------------------------------------------------


def approve_url(page, action="approve"):
    state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])


def test_moderator_approval_publishes_and_records_the_confirmation(client, gate):
    page = submit(gate.draft, gate.member)
    revision = page.get_latest_revision()
    login(client, gate, "moderator")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert approve_url(page) in dashboard  # « En attente de votre vérification »
    modal = html.unescape(client.get(approve_url(page)).json()["html"])
    assert "Consentement des personnes photographiées" in modal
    data = {"comment": "Relu", **{name: "on" for name in ALL_CHECKS}}
    response = client.post(approve_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.live_revision == revision
    confirmation = SafetyConfirmation.objects.get(revision=revision)
    assert confirmation.confirmed_by == gate.moderator
    assert confirmation.all_checked and confirmation.note == "Relu"
    history = html.unescape(
        client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    )
    assert "Relecture de sécurité confirmée" in history
    assert "Sources citées" in history and "moderatrice" in history


def test_approval_from_the_edit_view_works(client, gate):
    page = submit_in_admin(client, gate.draft, gate.member)
    revision = page.get_latest_revision()
    login(client, gate, "moderator")
    data = form_data(client, edit_url(page))
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = json.dumps({"comment": "Vu", **ALL_CHECKS})
    response = client.post(edit_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.live_revision == revision  # the member's, not a new one
    assert confirmations_of(page).get().confirmed_by == gate.moderator


def test_autosave_and_a_second_submission_do_not_approve_again(client, gate):
    """The editor's autosave posts the form with the workflow action the modal set; the
    browser's submission comes too. Only the latter approves; nothing answers 500."""
    page = submit_in_admin(client, gate.draft, gate.member)
    login(client, gate, "moderator")
    data = form_data(client, edit_url(page))
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = json.dumps({"comment": "Vu", **ALL_CHECKS})
    autosave = client.post(edit_url(page), data, headers={"accept": "application/json"})
    assert autosave.status_code == 409 and autosave.json()["success"] is False
    assert page.current_workflow_task_state.status == "in_progress"
    assert client.post(edit_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.live
    again = client.post(edit_url(page), data, follow=True)
    assert again.status_code == 200
    assert any("n'est plus en relecture" in m for m in messages_of(again))
    autosave = client.post(edit_url(page), data, headers={"accept": "application/json"})
    assert autosave.status_code == 409
    assert confirmations_of(page).filter(confirmed_by=gate.moderator).count() == 1


def test_moderator_who_edits_while_approving_is_refused_and_nothing_changes(client, gate):
    page = submit_in_admin(client, gate.draft, gate.member)
    revisions = page.revisions.count()
    login(client, gate, "moderator")
    data = form_data(client, edit_url(page), title="Corrigée par la modératrice")
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = json.dumps({"comment": "Vu", **ALL_CHECKS})
    response = client.post(edit_url(page), data, follow=True)
    assert response.status_code == 200
    assert any("Rien n'a été enregistré" in message for message in messages_of(response))
    assert_not_live(page)
    assert page.revisions.count() == revisions
    assert page.get_latest_revision_as_object().title == "Pratique en brouillon"
    assert page.current_workflow_task_state.status == "in_progress"
    assert not confirmations_of(page).exists()


def test_approval_with_a_check_missing_is_refused(client, gate):
    page = submit(gate.draft, gate.member)
    login(client, gate, "moderator")
    data = {"comment": "Vu", "no_identifiable_person": "on", "sources_cited": "on"}
    response = client.post(approve_url(page), data, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    assert "Cette vérification est obligatoire." in html.unescape(response.json()["html"])
    client.post(approve_url(page), data)
    assert_not_live(page)
    assert page.current_workflow_task_state.status == "in_progress"
    assert not confirmations_of(page).exists()
    task = page.current_workflow_task.specific
    with pytest.raises(SafetyGateError):
        task.on_action(page.current_workflow_task_state, gate.moderator, "approve", comment="")


def test_author_cannot_approve_their_own_page(client, gate):
    author = user_in(MODERATORS_GROUP, "autrice")
    gate.draft.title = "Écrite par une modératrice"
    gate.draft.save_revision(user=author)
    page = submit(gate.draft, author)
    task = page.current_workflow_task.specific
    assert [name for name, _label, _modal in task.get_actions(page, author)] == ["reject"]
    assert "approve" in [name for name, _l, _m in task.get_actions(page, gate.moderator)]
    client.force_login(author)
    edit = client.get(edit_url(page))
    assert any("Vous êtes l'auteur de cette version" in m for m in messages_of(edit))
    response = client.post(approve_url(page), {name: "on" for name in ALL_CHECKS})
    assert response.status_code == 302  # Wagtail's « vous n'avez pas les autorisations »
    with pytest.raises(SafetyGateError):
        task.on_action(page.current_workflow_task_state, author, "approve", **ALL_CHECKS)
    assert_not_live(page)


def test_editors_cannot_approve(gate):
    page = submit(gate.draft, gate.member)
    assert page.current_workflow_task.specific.get_actions(page, gate.editor) == []


def test_approved_revision_with_a_go_live_date_publishes_at_its_time(client, gate):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    gate.draft.go_live_at = go_live
    gate.draft.save_revision(user=gate.member)
    page = submit(gate.draft, gate.member)
    login(client, gate, "moderator")
    client.post(approve_url(page), {name: "on" for name in ALL_CHECKS})
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    with mock.patch("django.utils.timezone.now", return_value=go_live + datetime.timedelta(1)):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


# --- groups in French ------------------------------------------------------------------


def test_wagtail_groups_are_french_with_their_permissions(db):
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    codenames = set(
        GroupPagePermission.objects.filter(group=moderators).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames
    editors = Group.objects.get(name=EDITORS_GROUP)
    assert not GroupPagePermission.objects.filter(
        group=editors, permission__codename="publish_page"
    ).exists()
    assert editors.permissions.filter(codename="access_admin").exists()


def test_renaming_merges_into_an_existing_french_group(db):
    migration = importlib.import_module("home.migrations.0005_french_group_names")
    french = Group.objects.get(name=MODERATORS_GROUP)
    french.name = "Moderators"
    french.save()
    existing = Group.objects.create(name=MODERATORS_GROUP)
    task = SurvivorSafetyTask.objects.create(name="Tâche")
    task.groups.add(french)
    user = user_in("Moderators", "ancienne")
    migration.rename(apps, None)
    assert not Group.objects.filter(name="Moderators").exists()
    assert user.groups.get() == existing
    assert list(task.groups.all()) == [existing]
    assert GroupPagePermission.objects.filter(
        group=existing, permission__codename="publish_page"
    ).exists()
