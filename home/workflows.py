"""The moderation workflow every member's submission goes through."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from .models import HomePage, SurvivorSafetyTask

WORKFLOW_NAME = "Relecture avant publication"
TASK_NAME = "Vérifier qu'aucune survivante n'est identifiable"
# Wagtail's default groups, renamed in French by migration home 0005_french_group_names.
EDITORS_GROUP = "Éditeurs"
MODERATORS_GROUP = "Modérateurs"


def is_superuser_or_in(user, *group_names):
    """An active superuser, or an active user of one of these groups (anonymous: no)."""
    return user.is_active and (
        user.is_superuser or user.groups.filter(name__in=group_names).exists()
    )


@transaction.atomic
def ensure_default_workflow():
    """Create the safety-review workflow and make it the default from every home page down.

    Idempotent: an existing task or workflow of the same name is reused, and a home page
    that an editor already gave another workflow keeps it.
    """
    task = SurvivorSafetyTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SurvivorSafetyTask.objects.create(name=TASK_NAME)
    task.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for home in HomePage.objects.all():
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    return workflow
