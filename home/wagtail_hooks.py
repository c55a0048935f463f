"""Admin hooks of the home app: who may download a document, what members see of other
organisations' pages (home.admin_visibility), the onboarding of member organisations, and
the members' own contribution (submit first, their dashboard, requested changes)."""

from django.templatetags.static import static
from django.urls import Resolver404, path, resolve, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import publish_gate_hooks  # noqa: F401  (registers the publish gate's hooks)
from .admin_visibility import REPORTS_NAMESPACE, admin_visible_pages, sees_every_page
from .file_access import may_download_document
from .member_admin import MemberPagesPanel, move_submit_for_review_first, show_requested_changes
from .onboarding_admin import add_member_organisation_view, can_add_member_organisations
from .snippet_views import ClassificationGroup
from .views import page_not_found

register_snippet(ClassificationGroup)


@hooks.register("before_serve_document")
def serve_documents_like_the_pages_using_them(document, request):
    """A document is downloadable only by whoever may see a page using it; anyone else gets the
    ordinary « page not found », so that an id reveals nothing."""
    if not may_download_document(request, document):
        return page_not_found(request)
    return None


# « Ajouter une organisation membre », for editors (home.onboarding).


@hooks.register("register_admin_urls")
def register_onboarding_url():
    return [
        path(
            "organisations/ajouter-membre/",
            add_member_organisation_view,
            name="add_member_organisation",
        ),
    ]


class EditorsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return can_add_member_organisations(request.user)


@hooks.register("register_admin_menu_item")
def register_onboarding_menu_item():
    return EditorsOnlyMenuItem(
        _("Ajouter une organisation membre"),
        reverse("add_member_organisation"),
        name="add-member-organisation",
        icon_name="group",
        order=850,
    )


# Members see only what is theirs (home.admin_visibility).


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_members_live_pages_and_their_own(pages, request):
    return admin_visible_pages(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_members_live_pages_and_their_own(parent_page, pages, request):
    # Wagtail already limits the explorer to explorable pages; kept for the same rule
    # everywhere should a later setting widen it.
    return admin_visible_pages(request.user, pages)


@hooks.register("construct_reports_menu")
def reports_only_for_the_editorial_team(request, menu_items):
    if not sees_every_page(request.user):
        menu_items[:] = [item for item in menu_items if not _is_wagtail_report(item)]


def _is_wagtail_report(item):
    try:
        return REPORTS_NAMESPACE in resolve(getattr(item, "url", "")).namespaces
    except Resolver404:
        return False


# Contribution by members: « Soumettre pour relecture » first, the organisation's pages on the
# dashboard, the moderator's requested changes on the edit view (home.member_admin).


@hooks.register("construct_page_action_menu")
def submit_for_review_is_the_members_main_action(menu_items, request, context):
    move_submit_for_review_first(menu_items, request, context)


@hooks.register("construct_homepage_panels")
def member_pages_panel(request, panels):
    if MemberPagesPanel.is_shown_to(request.user):
        panels.append(MemberPagesPanel(request.user))


@hooks.register("before_edit_page")
def requested_changes_message(request, page):
    show_requested_changes(request, page)


@hooks.register("insert_global_admin_css")
def admin_css():
    """Long titles in the admin's tables wrap between words on a phone (cdp_portal/static/css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
