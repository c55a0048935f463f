"""Admin hooks of the home app: members see only what is theirs (see home.admin_visibility)."""

from django.urls import Resolver404, resolve
from wagtail import hooks

from .admin_visibility import REPORTS_NAMESPACE, admin_visible_pages, sees_every_page


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
