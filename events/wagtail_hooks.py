from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.snippet_views import PortalSnippetViewSet

from . import admin_views, csv_io
from .filters import RecommendationFilterSet
from .forms import StatusForm
from .models import Recommendation, RecommendationStatus, SustainabilityPlan


class RecommendationAdminFilterSet(RecommendationFilterSet, WagtailFilterSet):
    """The follow-up page's filters (events/filters.py), plus the meeting and the plan."""

    class Meta:
        model = Recommendation
        fields = ["meeting", "plan"]


class RecommendationViewSet(PortalSnippetViewSet):
    model = Recommendation
    icon = "tasks"
    menu_label = _("Recommandations et actions")
    add_item_label = _("Ajouter une recommandation ou une action")
    filterset_class = RecommendationAdminFilterSet
    search_fields = ["text", "responsible_other"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["-pk"]
    list_display = [
        Column("text", label=_("Recommandation ou action"), accessor="__str__"),
        Column("source", label=_("Origine"), accessor="source"),
        Column("responsible", label=_("Responsable"), accessor="responsible_display"),
        DateColumn("due_date", label=_("Échéance"), sort_key="due_date"),
        Column("status", label=_("Statut"), accessor="get_status_display", sort_key="status"),
    ]
    list_export = ["pk", "text", "status", "due_date"]

    def get_queryset(self, request):
        return Recommendation.objects.select_related("meeting", "plan", "responsible_organization")


class SustainabilityPlanViewSet(PortalSnippetViewSet):
    model = SustainabilityPlan
    icon = "list-ul"
    menu_label = _("Plans de pérennisation")
    add_item_label = _("Ajouter un plan de pérennisation")
    list_display = ["title", "community", "adopted_on"]


class ImportViewSet(ViewSet):
    name = "events_import"
    icon = "upload"
    menu_label = _("Importer un suivi (CSV)")

    def get_urlpatterns(self):
        return [path("", admin_views.import_recommendations, name="import")]


class FollowUpGroup(SnippetViewSetGroup):
    menu_label = _("Suivi")
    menu_icon = "tasks"
    menu_order = 250
    items = (RecommendationViewSet, SustainabilityPlanViewSet, ImportViewSet)


register_snippet(FollowUpGroup)


class SetStatusBulkAction(SnippetBulkAction):
    """Change the status of many recommendations / plan actions at once."""

    display_name = _("Changer le statut")
    action_type = "set_status"
    aria_label = _("Changer le statut des éléments sélectionnés")
    template_name = "events/admin/bulk_set_status.html"
    action_priority = 10
    form_class = StatusForm
    models = [Recommendation]

    def check_perm(self, obj):
        return self.request.user.has_perm("events.change_recommendation")

    def get_execution_context(self):
        return {
            "status": self.cleaned_form.cleaned_data["status"],
            "note": self.cleaned_form.cleaned_data["note"].strip(),
        }

    @classmethod
    def execute_action(cls, objects, status=None, note="", **kwargs):
        return csv_io.set_status(objects, status, note), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Statut « %(status)s » appliqué à %(count)s élément.",
            "Statut « %(status)s » appliqué à %(count)s éléments.",
            num_parent_objects,
        ) % {
            "status": RecommendationStatus(self.cleaned_form.cleaned_data["status"]).label,
            "count": num_parent_objects,
        }


hooks.register("register_bulk_action", SetStatusBulkAction)
