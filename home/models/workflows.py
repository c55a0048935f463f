from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask

from .safety import CHECK_NAMES, SAFETY_CHECKS, SafetyGateError, record_confirmation

MISSING_CHECKS = _(
    "Cochez toutes les vérifications de sécurité avant d'approuver : sans elles, la page "
    "n'est pas publiée."
)
OWN_PAGE = _(
    "Vous êtes l'auteur de cette version : une autre personne du groupe « Modérateurs » "
    "doit faire la relecture de sécurité."
)


class SurvivorSafetyApprovalForm(TaskStateCommentForm):
    """The approve form: each safety check must be ticked, knowingly, every time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, help_text in SAFETY_CHECKS:
            self.fields[name] = forms.BooleanField(
                label=label,
                help_text=help_text,
                required=True,
                error_messages={"required": _("Cette vérification est obligatoire.")},
            )


def is_author(obj, user):
    """``user`` wrote the revision that approval would publish, or asked for the review."""
    revision = obj.get_latest_revision()
    workflow_state = obj.current_workflow_state
    return (revision is not None and revision.user_id == user.pk) or (
        workflow_state is not None and workflow_state.requested_by_id == user.pk
    )


class SurvivorSafetyTask(AbstractGroupApprovalTask):
    """Group approval that cannot be given without the safety checks (no survivor or minor
    identifiable, consent for photos, sources cited), each time, by someone other than the
    author. Approving records a ``SafetyConfirmation`` on the revision that gets published."""

    def is_reviewer(self, user):
        return user.is_superuser or self._user_in_groups(user)

    def get_actions(self, obj, user):
        if not self.is_reviewer(user):
            return []
        actions = [("reject", _("Demander des modifications"), True)]
        if not is_author(obj, user):
            actions.append(("approve", _("Approuver après vérification"), True))
        return actions

    def get_form_for_action(self, action):
        if action == "approve":
            return SurvivorSafetyApprovalForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        checks = {name: kwargs.pop(name, False) for name in CHECK_NAMES}
        if action_name == "approve":
            if not all(checks.values()):
                raise SafetyGateError(MISSING_CHECKS)
            page = task_state.workflow_state.content_object
            if is_author(page, user):
                raise SafetyGateError(OWN_PAGE)
            # Wagtail publishes the latest revision when the workflow finishes
            # (wagtail.workflows.publish_workflow_state): that is the one confirmed.
            record_confirmation(
                page.get_latest_revision(),
                confirmed_by=user,
                note=kwargs.get("comment", ""),
                **checks,
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Les membres des groupes choisis approuvent la page après avoir confirmé qu'elle "
            "ne permet d'identifier aucune survivante ni aucun mineur, que les personnes "
            "photographiées ont consenti, que les notes vocales ne font entendre ni nom ni "
            "voix à protéger et que les sources sont citées."
        )

    class Meta:
        verbose_name = _("relecture de sécurité (aucune survivante identifiable)")
        verbose_name_plural = _("relectures de sécurité")
