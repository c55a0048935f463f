"""The agenda's and the follow-up page's filters, built on home.listing (shared rules:
unknown values reported and ignored, pagination never fails).

The page models (events.models.pages) call this module, so it imports the data models from
their own modules (followup, meetings), never from the page module."""

from django.db.models import Case, DateField, F, Q, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from home.listing import (
    PARAM_COMMUNITY,
    PARAM_KIND,
    PARAM_ORGANIZATION,
    Filter,
    community_filter,
    field_choice_filter,
    relation_filter,
)
from home.models import CommunityPage, OrganizationPage
from practices.models import ConcertationFramePage

from . import dates
from .models.followup import Recommendation, RecommendationStatus
from .models.meetings import MeetingKind

PARAM_YEAR = "annee"
PARAM_FRAME = "cadre"
PARAM_STATUS = "statut"
PARAM_OVERDUE = "retard"
PARAM_ORIGIN = "origine"


def frame_filter(lookup):
    return relation_filter(
        PARAM_FRAME, _("Cadre de concertation"),
        lambda: ConcertationFramePage.objects.live().public().order_by("title")
        .values_list("slug", "title"),
        lookup,
    )


def year_filter(meetings):
    def choices():
        years = (
            meetings.filter(start_date__isnull=False).annotate(year=ExtractYear("start_date"))
            .order_by("-year").values_list("year", flat=True).distinct()
        )
        return [(year, year) for year in years]

    return Filter(
        PARAM_YEAR, _("Année"), choices,
        lambda queryset, values: queryset.filter(start_date__year__in=[int(v) for v in values]),
        all_label=_("Toutes"),
    )


def meeting_filters(meetings):
    return [
        community_filter(),
        field_choice_filter(PARAM_KIND, _("Type de rencontre"), "kind", MeetingKind.choices),
        year_filter(meetings),
        frame_filter("concertation_frame__slug"),
    ]


def agenda_order(meetings):
    """Upcoming meetings first, soonest first; then past ones, latest first; undated last."""
    today = dates.today()
    last_day = Coalesce("end_date", "start_date")
    return meetings.annotate(
        upcoming=Case(When(Q(start_date__isnull=False) & Q(end_date__gte=today)
                           | Q(end_date__isnull=True, start_date__gte=today), then=Value(1)),
                      default=Value(0)),
        upcoming_start=Case(When(upcoming=1, then=F("start_date")), default=None,
                            output_field=DateField()),
        last_day=last_day,
    ).order_by(
        F("upcoming").desc(), F("upcoming_start").asc(nulls_last=True),
        F("start_date").desc(nulls_last=True), "-pk",
    )


def meeting_cards(items):
    return items.select_related("concertation_frame").prefetch_related("communities")


def _community_items(queryset, values):
    ids = Recommendation.objects.filter(
        Q(meeting__communities__slug__in=values) | Q(plan__community__slug__in=values)
    ).values("pk")
    return queryset.filter(pk__in=ids)


def _organization_choices():
    used = Recommendation.objects.public().filter(responsible_organization__isnull=False).values(
        "responsible_organization"
    )
    rows = OrganizationPage.objects.filter(pk__in=used).order_by("title")
    return [(slug, acronym or title)
            for slug, acronym, title in rows.values_list("slug", "acronym", "title")]


def _origin(queryset, values):
    condition = Q()
    if "recommandations" in values:
        condition |= Q(meeting__isnull=False)
    if "plans" in values:
        condition |= Q(plan__isnull=False)
    return queryset.filter(condition)


def follow_up_filters():
    return [
        Filter(PARAM_ORIGIN, _("Origine"),
               lambda: [("recommandations", _("Recommandations des rencontres")),
                        ("plans", _("Actions des plans de pérennisation"))],
               _origin, all_label=_("Toutes")),
        Filter(PARAM_COMMUNITY, _("Communauté"),
               lambda: CommunityPage.objects.live().public().order_by("title")
               .values_list("slug", "title"),
               _community_items, all_label=_("Toutes")),
        relation_filter(PARAM_ORGANIZATION, _("Organisation responsable"), _organization_choices,
                        "responsible_organization__slug", all_label=_("Toutes")),
        field_choice_filter(PARAM_STATUS, _("Statut"), "status", RecommendationStatus.choices),
        frame_filter("meeting__concertation_frame__slug"),
        Filter(PARAM_OVERDUE, _("Échéance"), lambda: [("oui", _("En retard seulement"))],
               lambda queryset, values: queryset.overdue(), all_label=_("Toutes")),
    ]


def apply_bound_filters(listing, queryset, skip=()):
    """Apply a Listing's valid selections to another queryset (counts, exports)."""
    for bound in listing.filters:
        if bound.selected and bound.param not in skip:
            queryset = bound.filter.apply(queryset, bound.selected)
    return queryset
