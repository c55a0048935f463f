from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents.permissions import permission_policy as document_permission_policy
from wagtail.snippets.models import register_snippet

from home.snippet_views import PortalSnippetViewSet

from .admin_views import PopularQueriesReport, UnindexedDocumentsReport, ZeroResultQueriesReport
from .models import GlossaryTerm


class GlossaryTermViewSet(PortalSnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossaire de recherche")
    add_item_label = _("Ajouter un terme au glossaire")
    menu_name = "search-glossary"
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["term", "variants", "definition"]
    search_fields = ["term", "variants"]


register_snippet(GlossaryTermViewSet)


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm("search.view_searchquerystat")


@hooks.register("register_permissions")
def register_report_permission():
    return Permission.objects.filter(
        content_type__app_label="search", codename="view_searchquerystat"
    )


REPORTS = [
    ("recherches-frequentes", PopularQueriesReport, "search_popular_queries"),
    ("recherches-sans-resultat", ZeroResultQueriesReport, "search_zero_result_queries"),
    ("documents-non-indexes", UnindexedDocumentsReport, "search_unindexed_documents"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    """Each report and its results fragment (Wagtail's listing refresh)."""
    return [
        url
        for slug, view, name in REPORTS
        for url in (
            path(f"reports/{slug}/", view.as_view(), name=name),
            path(
                f"reports/{slug}/results/", view.as_view(results_only=True), name=f"{name}_results"
            ),
        )
    ]


@hooks.register("register_reports_menu_item")
def register_popular_queries_menu_item():
    return ReportMenuItem(
        _("Recherches fréquentes"),
        reverse("search_popular_queries"),
        name="search-popular-queries",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_zero_result_queries_menu_item():
    return ReportMenuItem(
        _("Recherches sans résultat"),
        reverse("search_zero_result_queries"),
        name="search-zero-result-queries",
        icon_name="warning",
        order=1320,
    )


class DocumentsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return document_permission_policy.user_has_permission(request.user, "change")


@hooks.register("register_reports_menu_item")
def register_unindexed_documents_menu_item():
    return DocumentsReportMenuItem(
        _("Documents non indexés"),
        reverse("search_unindexed_documents"),
        name="search-unindexed-documents",
        icon_name="doc-full",
        order=1330,
    )
