import functools
from urllib.parse import urlencode

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.content_version import cached_by_content, cached_by_key
from home.models import ListedFeedMixin, ListingIndexPage, SectionPage

# These modules import the data models from followup and meetings, never this module:
# the dependency goes one way (pages -> listings/csv_io/stats -> followup/meetings).
from .. import csv_io, dates, stats
from ..listings import PARAM_STATUS, agenda_order, meeting_cards
from .followup import (
    STATUS_COUNT_LABELS,
    Recommendation,
    RecommendationStatus,
    SustainabilityPlan,
)
from .meetings import visible_meetings

PAST_PER_PAGE = 12
FOLLOW_UP_PER_PAGE = 25


class EventIndexPage(ListedFeedMixin, ListingIndexPage):
    """« Agenda et comptes rendus »: upcoming meetings, then the records of past ones."""

    subpage_types = ["events.MeetingPage"]
    listed_model = "events.MeetingPage"
    filterset_class = "events.filters.MeetingFilterSet"
    count_text = ngettext_lazy("%(count)s rencontre", "%(count)s rencontres", "n")
    per_page = PAST_PER_PAGE
    dataset_slug = "rencontres"  # its open-data export (events/datasets.py)

    class Meta:
        verbose_name = _("agenda et comptes rendus")
        verbose_name_plural = _("agendas et comptes rendus")

    def listing_queryset(self):
        return meeting_cards(agenda_order(visible_meetings().descendant_of(self)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = context["listing"]
        # Called by the template (not read here): a kept page of results needs no items.
        context["upcoming"] = lambda: [m for m in listing.items if m.upcoming]
        context["past"] = lambda: [m for m in listing.items if not m.upcoming]
        return context


class FollowUpPage(RoutablePageMixin, ListingIndexPage):
    """« Suivi des recommandations »: every recommendation and plan action, with filters,
    counts per status and a CSV export that keeps the filters."""

    subpage_types = []
    listed_model = "events.Recommendation"
    filterset_class = "events.filters.RecommendationFilterSet"
    count_text = ngettext_lazy(
        "%(count)s recommandation ou action", "%(count)s recommandations ou actions", "n"
    )
    per_page = FOLLOW_UP_PER_PAGE

    class Meta:
        verbose_name = _("suivi des recommandations")
        verbose_name_plural = _("pages de suivi des recommandations")

    def listing_queryset(self):
        return (
            Recommendation.objects.public()
            .for_listing()
            .order_by(
                "plan__community__title",
                "plan__title",
                "-meeting__start_date",
                "meeting_id",
                "position",
                "pk",
            )
        )

    @path("")
    def index(self, request):
        listing = self.get_listing(request)

        @functools.cache
        def counted():
            others = listing.filterset.filtered(
                Recommendation.objects.public(), skip=(PARAM_STATUS,)
            )

            def count_them():
                by_status = dict(others.order_by().values_list("status").annotate(n=Count("pk")))
                return by_status, others.overdue().count()

            # Once per content change and day (overdue) for the same filters.
            return cached_by_key(
                "follow-up-counts",
                (self.pk, *listing.query_pairs(), dates.today().isoformat()),
                count_them,
            )

        def status_counts():
            counts, _overdue = counted()
            selected = listing.filterset.selected(PARAM_STATUS)
            return [
                {
                    "value": value,
                    "label": label,
                    "count": counts.get(value, 0),
                    "count_label": STATUS_COUNT_LABELS[value] % {"n": counts.get(value, 0)},
                    "selected": value in selected,
                }
                for value, label in RecommendationStatus.choices
            ]

        query = urlencode(listing.query_pairs())
        # Functions the template calls: the counts and plans are read only when the page's
        # kept parts are rendered (follow_up_page.html), not when they are served from the
        # cache.
        return self.render(
            request,
            context_overrides={
                "listing": listing,
                "status_counts": functools.cache(status_counts),
                "status_total": lambda: sum(counted()[0].values()),
                "overdue_count": lambda: counted()[1],
                "export_url": self.get_url(request)
                + self.reverse_subpage("csv")
                + (f"?{query}" if query else ""),
                "plans": functools.cache(
                    lambda: cached_by_content("follow-up-plans", self.plan_overview)
                ),
            },
        )

    @path("export-csv/", name="csv")
    def export_csv(self, request):
        listing = self.get_listing(request, per_page=1)
        return csv_io.export_response(listing.queryset)

    def plan_overview(self):
        """Joint monitoring: both communities' plans side by side, counts per status."""
        plans = list(
            SustainabilityPlan.objects.select_related(
                "community", "lead_organization", "source_meeting"
            ).order_by("community__title", "title")
        )
        counts = {}
        rows = (
            Recommendation.objects.filter(plan__isnull=False)
            .order_by()
            .values_list("plan_id", "status")
            .annotate(n=Count("pk"))
        )
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
    dataset_slug = "resultats"  # its open-data export (events/datasets.py)

    class Meta:
        verbose_name = _("résultats")
        verbose_name_plural = _("pages de résultats")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Figures of the records: once per content change, language and day.
        # A function the template calls: read only when the page's body is rendered (not
        # when its kept fragment is served).
        context["results"] = functools.cache(
            lambda: cached_by_content("results", stats.results, per_day=True)
        )
        return context
