"""What a member organisation's user may see of other pages in the admin.

Wagtail already limits the explorer, the admin page search, the dashboard panels and most
reports to the pages a user has permissions on (``explorable_instances``). Two places show
every page of the tree: the page chooser (browse, search, and the « link to page » of rich
text) and some reports (« Page types usage » names the last edited page of each type). For
a member, a page is visible when it is live, or inside their own space (a subtree they hold
a page permission on) or one of its ancestors. Editors, moderators and superusers hold
permissions at the root of the tree and so see everything through the same rule.

Reports are for the editorial team: users without a permission at the root of the tree or
of a site are refused them (Wagtail has no per-report permission to hook into, so the
refusal is done here, in ``MemberAdminScopeMiddleware``).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from wagtail.models import Page, Site
from wagtail.permissions import page_permission_policy

from .tree_paths import ancestor_paths

REPORTS_NAMESPACE = "wagtailadmin_reports"
CHOOSER_BROWSE = "wagtailadmin_choose_page_child"
CHOOSER_CHOSEN_MULTIPLE = "wagtailadmin_choose_page_chosen_multiple"


def _permission_roots(user):
    """The pages at the top of each subtree the user holds a page permission on."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(page_permission_policy.instances_with_direct_explore_permission(user))


def sees_every_page(user):
    """Superusers, and users with a page permission at the root of the tree or of a site
    (Wagtail's editors and moderators)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return True
    site_roots = set(Site.objects.values_list("root_page_id", flat=True))
    return any(page.depth == 1 or page.pk in site_roots for page in _permission_roots(user))


def own_space_q(user):
    """The user's own subtrees and their ancestors (as Wagtail's explorer shows them)."""
    condition = Q(pk__in=[])
    for page in _permission_roots(user):
        condition |= Q(path__startswith=page.path) | Q(path__in=ancestor_paths(page.path))
    return condition


def admin_visible_pages(user, queryset=None):
    """``queryset`` (all pages by default) reduced to what ``user`` may see in the admin."""
    queryset = Page.objects.all() if queryset is None else queryset
    if sees_every_page(user):
        return queryset
    return queryset.filter(Q(live=True) | own_space_q(user))


def can_see_draft_of(user, page):
    """Whether the admin may show ``user`` the latest (draft) title of ``page``."""
    if sees_every_page(user):
        return True
    return Page.objects.filter(own_space_q(user), pk=page.pk).exists()


def admin_title(user, page):
    """The title to show ``user`` for ``page``: the draft's for their own pages, the
    published one for the others."""
    if page.live and page.has_unpublished_changes and not can_see_draft_of(user, page):
        return page.title
    return page.get_admin_display_title()


class MemberAdminScopeMiddleware:
    """Refuses members the views that Wagtail's hooks cannot restrict: the reports, and
    the chooser opened on (or asked for) a page they may not see."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        if REPORTS_NAMESPACE in match.namespaces:
            if not sees_every_page(user):
                raise PermissionDenied
        elif match.url_name == CHOOSER_BROWSE:
            parent_id = view_kwargs.get("parent_page_id")
            if not admin_visible_pages(user).filter(pk=parent_id).exists():
                raise Http404
        elif match.url_name == CHOOSER_CHOSEN_MULTIPLE:
            ids = [value for value in request.GET.getlist("id") if value.isdigit()]
            pages = admin_visible_pages(user).filter(pk__in=ids)
            if len(ids) != pages.count() or any(
                admin_title(user, page) != page.get_admin_display_title() for page in pages
            ):
                raise Http404
        return None
