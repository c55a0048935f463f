from urllib.parse import urlencode

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.listing import Listing
from home.models import SectionPage

# These modules import the data models from followup and meetings, never this module:
# the dependency goes one way (pages -> listings/csv_io/stats -> followup/meetings).
from .. import csv_io, listings, stats
from .followup import Recommendation, RecommendationStatus, SustainabilityPlan
from .meetings import visible_meetings

PAST_PER_PAGE = 12
FOLLOW_UP_PER_PAGE = 25


def meeting_count(count):
    return ngettext("%(count)s rencontre", "%(count)s rencontres", count) % {"count": count}


def item_count(count):
    return ngettext("%(count)s recommandation ou action", "%(count)s recommandations ou actions",
                    count) % {"count": count}


class EventIndexPage(SectionPage):
    """« Agenda et comptes rendus »: upcoming meetings, then the records of past ones."""

    subpage_types = ["events.MeetingPage"]
    listed_model = "events.MeetingPage"

    class Meta:
        verbose_name = _("agenda et comptes rendus")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        meetings = visible_meetings().descendant_of(self)
        listing = Listing(
            request, listings.meeting_cards(listings.agenda_order(meetings)),
            filters=listings.meeting_filters(meetings),
            per_page=PAST_PER_PAGE, count_text=meeting_count,
        )
        context["listing"] = listing
        context["upcoming"] = [m for m in listing.items if m.upcoming]
        context["past"] = [m for m in listing.items if not m.upcoming]
        return context


class FollowUpPage(RoutablePageMixin, SectionPage):
    """« Suivi des recommandations »: every recommendation and plan action, with filters,
    counts per status and a CSV export that keeps the filters."""

    subpage_types = []

    class Meta:
        verbose_name = _("suivi des recommandations")

    def listing(self, request, per_page=FOLLOW_UP_PER_PAGE):
        items = Recommendation.objects.public().for_listing().order_by(
            "plan__community__title", "plan__title", "-meeting__start_date", "meeting_id",
            "position", "pk",
        )
        return Listing(request, items, filters=listings.follow_up_filters(), per_page=per_page,
                       count_text=item_count)

    @path("")
    def index(self, request):
        listing = self.listing(request)
        others = listings.apply_bound_filters(
            listing, Recommendation.objects.public(), skip=(listings.PARAM_STATUS,)
        )
        counts = dict(others.order_by().values_list("status").annotate(n=Count("pk")))
        selected = next(b.selected for b in listing.filters if b.param == listings.PARAM_STATUS)
        status_counts = [
            {"value": value, "label": label, "count": counts.get(value, 0),
             "selected": value in selected}
            for value, label in RecommendationStatus.choices
        ]
        query = urlencode(listing.query_pairs())
        return self.render(request, context_overrides={
            "listing": listing,
            "status_counts": status_counts,
            "status_total": sum(counts.values()),
            "overdue_count": others.overdue().count(),
            "export_url": self.get_url(request) + self.reverse_subpage("csv")
            + (f"?{query}" if query else ""),
            "plans": self.plan_overview(),
        })

    @path("export-csv/", name="csv")
    def export_csv(self, request):
        listing = self.listing(request, per_page=1)
        return csv_io.export_response(listing.paginator.object_list)

    def plan_overview(self):
        """Joint monitoring: both communities' plans side by side, counts per status."""
        plans = list(
            SustainabilityPlan.objects
            .select_related("community", "lead_organization", "source_meeting")
            .order_by("community__title", "title")
        )
        counts = {}
        rows = (Recommendation.objects.filter(plan__isnull=False).order_by()
                .values_list("plan_id", "status").annotate(n=Count("pk")))
        for plan_id, status, n in rows:
            counts.setdefault(plan_id, {})[status] = n
        for plan in plans:
            by_status = counts.get(plan.pk, {})
            plan.status_counts = [by_status.get(value, 0) for value in RecommendationStatus.values]
            plan.action_count = sum(by_status.values())
        return plans


class ResultsPage(SectionPage):
    """« Résultats »: figures computed from the records, charts drawn on the server."""

    subpage_types = []

    class Meta:
        verbose_name = _("résultats")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["results"] = stats.results()
        return context
