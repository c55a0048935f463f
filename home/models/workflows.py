from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask

CONFIRMATION_LABEL = _("Je confirme que ce contenu ne permet d'identifier aucune survivante")


class SurvivorSafetyApprovalForm(TaskStateCommentForm):
    confirm_no_survivor = forms.BooleanField(label=CONFIRMATION_LABEL, required=True)


class SurvivorSafetyTask(AbstractGroupApprovalTask):
    """Group approval that cannot be given without confirming, each time, that the page
    identifies no survivor of violence (name, face, village, story traceable to a person)."""

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Demander des modifications"), True),
                ("approve", _("Approuver après vérification"), True),
            ]
        return []

    def get_form_for_action(self, action):
        if action == "approve":
            return SurvivorSafetyApprovalForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and not kwargs.pop("confirm_no_survivor", False):
            raise PermissionDenied(CONFIRMATION_LABEL)
        kwargs.pop("confirm_no_survivor", None)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Les membres des groupes choisis approuvent la page après avoir confirmé "
            "qu'elle ne permet d'identifier aucune survivante."
        )

    class Meta:
        verbose_name = _("relecture de sécurité (aucune survivante identifiable)")
        verbose_name_plural = _("relectures de sécurité")
