"""The admin as a member organisation sees it: « Soumettre pour relecture » as the main
button, their organisation's pages on the dashboard, the moderator's comment on a page
sent back for changes. Registered in home/wagtail_hooks.py."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from .member_spaces import organizations_of

DASHBOARD_PAGES = 20


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    """Wagtail's submit action, worded as the portal's review (« relecture »)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page is not None and page.pk else None
        if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            context["label"] = _("Soumettre à nouveau pour relecture")
        else:
            context["label"] = _("Soumettre pour relecture")
        return context


def move_submit_for_review_first(menu_items, request, context):
    """Submitting is the default (first, visible) action instead of « Enregistrer le
    brouillon »: with « Publier » closed on portal pages (home.publish_gate_hooks), the review
    is everyone's way to « live », moderators' and editors' included."""
    for index, item in enumerate(menu_items):
        if isinstance(item, SubmitForModerationMenuItem):
            menu_items.pop(index)
            menu_items.insert(0, SubmitForReviewMenuItem(order=item.order))
            return


def show_requested_changes(request, page):
    """The moderator's comment, at the top of the edit view of a page sent back."""
    if request.method != "GET":
        return
    state = page.current_workflow_state
    if not state or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return
    task_state = state.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    if comment:
        text = _(
            "Modifications demandées : « %(comment)s ». Corrigez la page, puis cliquez sur "
            "« Soumettre à nouveau pour relecture »."
        ) % {"comment": comment}
    else:
        text = _(
            "Des modifications sont demandées. Corrigez la page, puis cliquez sur "
            "« Soumettre à nouveau pour relecture »."
        )
    messages.warning(request, text)


STATES = {
    "needs_changes": gettext_lazy("Modifications demandées"),
    "in_review": gettext_lazy("En relecture"),
    "live_with_draft": gettext_lazy("Publiée, modifications en brouillon"),
    "live": gettext_lazy("Publiée"),
    "draft": gettext_lazy("Brouillon"),
}


def page_state(page):
    """One of STATES' keys for ``page`` (its workflow states prefetched)."""
    state = page.current_workflow_state
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return "needs_changes"
        return "in_review"
    if page.live:
        return "live_with_draft" if page.has_unpublished_changes else "live"
    return "draft"


def _page_kind(page):
    model = page.content_type.model_class()
    return model._meta.verbose_name if model is not None else ""


class MemberPagesPanel(Component):
    """Dashboard panel: each of the member's organisations with its pages and their state,
    and shortcuts to write a new practice or tool under it."""

    name = "member_pages"
    order = 50
    template_name = "home/admin/member_pages_panel.html"

    def __init__(self, user):
        self.user = user

    @staticmethod
    def is_shown_to(user):
        return organizations_of(user).exists()

    def get_context_data(self, parent_context):
        spaces = []
        for organization in organizations_of(self.user):
            pages = (
                Page.objects.descendant_of(organization)
                .select_related("content_type")
                .prefetch_workflow_states()
                .order_by("-latest_revision_created_at", "-pk")
            )
            total = pages.count()
            rows = [
                {
                    "page": page,
                    "state": page_state(page),
                    "state_label": STATES[page_state(page)],
                    "kind": _page_kind(page),
                }
                for page in pages[:DASHBOARD_PAGES]
            ]
            spaces.append(
                {
                    "organization": organization,
                    "rows": rows,
                    "total": total,
                    "new_practice_url": reverse(
                        "wagtailadmin_pages:add",
                        args=["practices", "practicepage", organization.pk],
                    ),
                    "new_tool_url": reverse(
                        "wagtailadmin_pages:add", args=["practices", "toolpage", organization.pk]
                    ),
                    "explore_url": reverse("wagtailadmin_explore", args=[organization.pk]),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[organization.pk]),
                }
            )
        return {"spaces": spaces}
