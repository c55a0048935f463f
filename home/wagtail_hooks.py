from wagtail import hooks

# --- Contribution by members: submit first, dashboard of the organisation's pages,
# --- requested changes shown on the edit view (issue 7, section 5).
from .member_admin import (
    MemberPagesPanel,
    move_submit_for_review_first,
    show_requested_changes,
)


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


# --- end of the contribution block ---
