"""E-mails of the review workflow.

Wagtail already writes to the moderators on each submission (``task_submitted``, through
the task's groups) and to the author when changes are requested, with the moderator's comment
(``workflow_rejected``), in the recipient's language. Its approval e-mail leaves the comment
out: ``ApprovalEmailNotifier`` puts it back."""

from wagtail.admin.mail import WorkflowStateApprovalEmailNotifier
from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved

# The dispatch_uid Wagtail gives its own approval notifier (wagtail/admin/signal_handlers.py).
# Connecting ours under that uid first (``home`` comes before ``wagtail.admin`` in
# INSTALLED_APPS) makes Django skip Wagtail's: the author gets one e-mail, with the comment.
# tests/test_contribution.py fails (two e-mails) if Wagtail ever renames it.
WAGTAIL_APPROVAL_DISPATCH_UID = "workflow_state_approved_email_notification"


class ApprovalEmailNotifier(WorkflowStateApprovalEmailNotifier):
    """Wagtail's approval e-mail to the author, with the moderator's comment."""

    template_directory = "home/notifications/"

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        task_state = workflow_state.current_task_state
        context["task_state"] = task_state
        context["comment"] = task_state.specific.get_comment() if task_state else ""
        return context


approval_email_notifier = ApprovalEmailNotifier()


def register_notifiers():
    workflow_approved.connect(
        approval_email_notifier,
        sender=WorkflowState,
        dispatch_uid=WAGTAIL_APPROVAL_DISPATCH_UID,
    )
