"""Member organisations' own space in the admin, and the safety-review workflow."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage
from wagtail.test.utils.form_data import querydict_from_html

from home.member_spaces import ensure_member_group, member_group_for
from home.models import SurvivorSafetyTask
from home.workflows import MODERATORS_GROUP, TASK_NAME, ensure_default_workflow
from practices.models import PracticePage

from .conftest import shared_data
from .factories import make_community, make_organization, make_practice, publish

PASSWORD = "un-mot-de-passe-assez-long"
ALL_CHECKS = {
    "no_identifiable_person": "on",
    "photo_consent": "on",
    "audio_safe": "on",
    "sources_cited": "on",
}


@pytest.fixture
def space(request, _site_tree_pks):
    """Two organisations and a community: built once for consecutive tests (tests/conftest.py,
    ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_space)


def build_space(site_tree):
    site_tree.segou = make_community(site_tree, title="Ségou", region="Ségou")
    site_tree.aprofem = make_organization(
        site_tree,
        title="Association pour le progrès des femmes",
        acronym="APROFEM",
        communities=[site_tree.segou],
    )
    site_tree.other = make_organization(
        site_tree, title="Réseau des femmes de Kayes", acronym="RFK"
    )
    return site_tree


def member_of(organization, username="membre"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(member_group_for(organization))
    return user


def add_url(parent, model=PracticePage):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def filled_add_form(client, parent, title):
    """The admin's own add form for a practice, as a browser would submit it."""
    response = client.get(add_url(parent))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["title"] = title
    data["slug"] = "pratique-de-membre"
    data["summary"] = "Ce que l'organisation a fait."
    data["result_figures-count"] = "0"  # the StreamField's own counter is written by JavaScript
    return data


class TestMemberGroups:
    def test_new_organisation_gets_its_group_with_add_and_change_only(self, space):
        group = Group.objects.get(name="Membres – APROFEM")
        codenames = set(
            GroupPagePermission.objects.filter(group=group, page=space.aprofem).values_list(
                "permission__codename", flat=True
            )
        )
        assert codenames == {"add_page", "change_page"}
        assert group.permissions.filter(codename="access_admin").exists()
        assert (
            not GroupPagePermission.objects.filter(group=group).exclude(page=space.aprofem).exists()
        )

    def test_group_creation_is_idempotent(self, space):
        first = ensure_member_group(space.aprofem)
        second = ensure_member_group(space.aprofem)
        assert first == second
        assert Group.objects.filter(name__startswith="Membres – APROFEM").count() == 1
        assert GroupPagePermission.objects.filter(group=first).count() == 2

    def test_renamed_organisation_keeps_its_group(self, space):
        space.aprofem.acronym = "APROFEM-Mali"
        publish(space.aprofem)
        assert ensure_member_group(space.aprofem).name == "Membres – APROFEM"

    def test_same_acronym_gives_two_distinct_groups(self, space):
        twin = make_organization(
            space, title="Association pour la promotion des femmes", acronym="APROFEM"
        )
        assert member_group_for(twin) != member_group_for(space.aprofem)
        assert (
            member_group_for(twin).name
            == "Membres – APROFEM (Association pour la promotion des femmes)"
        )

    def test_group_without_acronym_uses_the_name(self, space):
        org = make_organization(space, title="Association Benkadi")
        assert member_group_for(org).name == "Membres – Association Benkadi"


class TestMemberSpace:
    def test_member_can_create_under_its_organisation_and_must_submit(self, client, space):
        ensure_default_workflow()
        client.force_login(member_of(space.aprofem))
        data = filled_add_form(client, space.aprofem, "Pratique écrite par un membre")
        data["action-submit"] = "Soumettre"
        response = client.post(add_url(space.aprofem), data)
        assert response.status_code == 302
        practice = PracticePage.objects.get(title="Pratique écrite par un membre")
        assert practice.get_parent().pk == space.aprofem.pk
        assert not practice.live  # waiting for moderation
        assert practice.current_workflow_task.specific.__class__ is SurvivorSafetyTask
        assert practice.organization_id == space.aprofem.pk

    def test_member_cannot_publish(self, client, space):
        client.force_login(member_of(space.aprofem))
        data = filled_add_form(client, space.aprofem, "Tentative de publication")
        data["action-publish"] = "Publier"
        client.post(add_url(space.aprofem), data)
        practice = PracticePage.objects.filter(title="Tentative de publication").first()
        assert practice is None or not practice.live

    def test_member_is_refused_under_another_organisation(self, client, space):
        client.force_login(member_of(space.aprofem))
        assert client.get(add_url(space.other)).status_code in (302, 403)
        response = client.post(
            add_url(space.other),
            {"title": "Intrusion", "slug": "intrusion", "summary": "x", "action-submit": "1"},
        )
        assert response.status_code in (302, 403)
        assert not PracticePage.objects.filter(title="Intrusion").exists()

    def test_member_cannot_edit_another_organisations_practice(self, client, space):
        theirs = make_practice(space.other, title="Pratique du RFK")
        mine = make_practice(space.aprofem, title="Pratique d'APROFEM")
        client.force_login(member_of(space.aprofem))
        assert client.get(reverse("wagtailadmin_pages:edit", args=[mine.pk])).status_code == 200
        assert client.get(reverse("wagtailadmin_pages:edit", args=[theirs.pk])).status_code in (
            302,
            403,
        )
        assert client.get(
            reverse("wagtailadmin_pages:edit", args=[space.other.pk])
        ).status_code in (302, 403)

    def test_member_can_update_its_own_profile(self, client, space):
        client.force_login(member_of(space.aprofem))
        assert (
            client.get(reverse("wagtailadmin_pages:edit", args=[space.aprofem.pk])).status_code
            == 200
        )

    def test_member_cannot_add_at_the_practice_library(self, client, space):
        client.force_login(member_of(space.aprofem))
        assert client.get(add_url(space.practices)).status_code in (302, 403)


class TestSafetyWorkflow:
    @pytest.fixture
    def submitted(self, space):
        ensure_default_workflow()
        member = member_of(space.aprofem)
        practice = make_practice(space.aprofem, title="Pratique à relire")
        practice.summary = "Nouvelle version proposée par le membre."
        practice.save_revision(user=member)
        workflow = practice.get_workflow()
        workflow.start(practice, member)
        practice.refresh_from_db()
        return practice

    @pytest.fixture
    def moderator(self, client, space):
        user = get_user_model().objects.create_user("moderatrice", "mod@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
        client.force_login(user)
        return user

    def test_default_workflow_is_on_the_home_page_and_idempotent(self, space):
        first = ensure_default_workflow()
        second = ensure_default_workflow()
        assert first == second
        assert Workflow.objects.filter(name=first.name).count() == 1
        assert SurvivorSafetyTask.objects.filter(name=TASK_NAME).count() == 1
        assert WorkflowPage.objects.get(page=space.home).workflow == first
        practice = make_practice(space.aprofem, title="Pratique")
        assert practice.get_workflow() == first

    def test_approval_form_requires_the_confirmation(self, client, space, submitted, moderator):
        task_state = submitted.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[submitted.pk, "approve", task_state.pk]
        )
        modal = client.get(url)
        assert "Aucune survivante ni aucun mineur identifiable" in modal.content.decode()
        client.post(url, {"comment": "Vu", "no_identifiable_person": "on"})
        task_state.refresh_from_db()
        assert task_state.status == "in_progress"  # every check is required
        client.post(url, {"comment": "Vu", **ALL_CHECKS})
        task_state.refresh_from_db()
        assert task_state.status == "approved"
        assert task_state.comment == "Vu"
        submitted.refresh_from_db()
        assert submitted.live and submitted.workflow_in_progress is False

    def test_approval_without_confirmation_is_refused_even_outside_the_form(
        self, submitted, moderator
    ):
        task = submitted.current_workflow_task.specific
        task_state = submitted.current_workflow_task_state
        with pytest.raises(PermissionDenied):
            task.on_action(task_state, moderator, "approve")
        task_state.refresh_from_db()
        assert task_state.status == "in_progress"

    def test_members_cannot_approve(self, space, submitted):
        member = get_user_model().objects.get(username="membre")
        task = submitted.current_workflow_task.specific
        assert task.get_actions(submitted, member) == []

    def test_reject_needs_no_confirmation(self, client, submitted, moderator):
        task_state = submitted.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[submitted.pk, "reject", task_state.pk]
        )
        client.post(url, {"comment": "Retirer le nom du village"})
        task_state.refresh_from_db()
        assert task_state.status == "rejected"
