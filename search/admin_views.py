"""Admin reports: what visitors search for, and what they search for in vain."""

import datetime

from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.documents.permissions import permission_policy as document_permission_policy
from wagtail.permission_policies import ModelPermissionPolicy

from .models import DocumentText, SearchQueryStat

REPORT_DAYS = 90


class _QueryReport(ReportView):
    header_icon = "search"
    paginate_by = 50
    permission_policy = ModelPermissionPolicy(SearchQueryStat)
    permission_required = "view"
    columns = [
        Column("query", label=_("Recherche"), accessor=lambda row: row["query"]),
        Column("hits", label=_("Recherches"), accessor=lambda row: row["total_hits"]),
        Column("zero", label=_("Sans résultat"), accessor=lambda row: row["total_zero"]),
        Column("last", label=_("Dernier jour"), accessor=lambda row: row["last_day"]),
    ]

    def get_queryset(self):
        since = timezone.localdate() - datetime.timedelta(days=REPORT_DAYS)
        return (
            SearchQueryStat.objects.filter(date__gte=since)
            .values("query")
            .annotate(total_hits=Sum("hits"), total_zero=Sum("zero_hits"), last_day=Max("date"))
        )

    def get_filtered_queryset(self):
        return self.get_queryset()


class PopularQueriesReport(_QueryReport):
    page_title = _("Recherches fréquentes")
    index_url_name = "search_popular_queries"
    index_results_url_name = "search_popular_queries_results"

    def get_queryset(self):
        return super().get_queryset().order_by("-total_hits", "query")


class ZeroResultQueriesReport(_QueryReport):
    page_title = _("Recherches sans résultat")
    index_url_name = "search_zero_result_queries"
    index_results_url_name = "search_zero_result_queries_results"

    def get_queryset(self):
        return super().get_queryset().filter(zero_hits__gt=0).order_by("-total_zero", "query")


class UnindexedDocumentsReport(ReportView):
    """Documents whose text the search does not (fully) know, and why: for editors."""

    page_title = _("Documents non indexés")
    header_icon = "doc-full"
    index_url_name = "search_unindexed_documents"
    index_results_url_name = "search_unindexed_documents_results"
    paginate_by = 50
    permission_required = "change"
    columns = [
        TitleColumn(
            "title",
            label=_("Document"),
            accessor="document.title",
            get_url=lambda row: reverse("wagtaildocs:edit", args=[row.document_id]),
        ),
        Column("status", label=_("État du texte"), accessor="get_status_display"),
        Column("error", label=_("Précision")),
        Column("extracted_at", label=_("Lu le")),
    ]

    @property
    def permission_policy(self):
        return document_permission_policy

    def get_queryset(self):
        documents = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return (
            DocumentText.objects.filter(document__in=documents)
            .exclude(status__in=[DocumentText.Status.INDEXED, DocumentText.Status.NO_TEXT])
            .select_related("document")
            .order_by("-extracted_at")
        )

    def get_filtered_queryset(self):
        return self.get_queryset()
