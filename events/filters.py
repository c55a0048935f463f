"""The agenda's and the recommendations' filters, one FilterSet per model shared by the
public pages and the admin (see home/filters.py for the rules)."""

from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from home.content_version import public
from home.filters import (
    ListingFilter,
    ListingFilterSet,
    community_filter,
    field_choice_filter,
    organization_choices,
    organization_filter,
)
from home.listing import PARAM_KIND
from home.models import OrganizationPage
from practices.models import ConcertationFramePage

from .listings import PARAM_FRAME, PARAM_ORIGIN, PARAM_OVERDUE, PARAM_STATUS, PARAM_YEAR
from .models import MeetingKind, RecommendationStatus

ORIGIN_MEETINGS = "recommandations"
ORIGIN_PLANS = "plans"


def frame_filter(field_name):
    return ListingFilter(
        PARAM_FRAME,
        _("Cadre de concertation"),
        lambda queryset: (
            public(ConcertationFramePage.objects.live())
            .order_by("title")
            .values_list("slug", "title")
        ),
        field_name,
        content_labels=True,
    )


def _meeting_years(queryset):
    years = (
        queryset.filter(start_date__isnull=False)
        .annotate(year=ExtractYear("start_date"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return [(year, year) for year in years]


class MeetingFilterSet(ListingFilterSet):
    community = community_filter()
    kind = field_choice_filter(PARAM_KIND, _("Type de rencontre"), "kind", MeetingKind.choices)
    year = ListingFilter(
        PARAM_YEAR,
        _("Année"),
        _meeting_years,
        method=lambda queryset, name, values: queryset.filter(
            start_date__year__in=[int(v) for v in values]
        ),
        all_label=_("Toutes"),
    )
    frame = frame_filter("concertation_frame__slug")


def _origin(queryset, name, values):
    condition = Q()
    if ORIGIN_MEETINGS in values:
        condition |= Q(meeting__isnull=False)
    if ORIGIN_PLANS in values:
        condition |= Q(plan__isnull=False)
    return queryset.filter(condition)


def _community_items(queryset, name, values):
    ids = queryset.model.objects.filter(
        Q(meeting__communities__slug__in=values) | Q(plan__community__slug__in=values)
    ).values("pk")
    return queryset.filter(pk__in=ids)


def _responsible_organizations(queryset):
    """Organisations responsible for at least one of the listed items."""
    used = queryset.filter(responsible_organization__isnull=False).values(
        "responsible_organization"
    )
    return organization_choices(OrganizationPage.objects.filter(pk__in=used))


class RecommendationFilterSet(ListingFilterSet):
    """The follow-up page's filters (« Suivi des recommandations ») and the admin's."""

    origin = ListingFilter(
        PARAM_ORIGIN,
        _("Origine"),
        lambda queryset: [
            (ORIGIN_MEETINGS, _("Recommandations des rencontres")),
            (ORIGIN_PLANS, _("Actions des plans de pérennisation")),
        ],
        method=_origin,
        all_label=_("Toutes"),
    )
    community = community_filter(method=_community_items)
    organization = organization_filter(
        _("Organisation responsable"),
        "responsible_organization__slug",
        choices=_responsible_organizations,
    )
    status = field_choice_filter(PARAM_STATUS, _("Statut"), "status", RecommendationStatus.choices)
    frame = frame_filter("meeting__concertation_frame__slug")
    overdue = ListingFilter(
        PARAM_OVERDUE,
        _("Échéance"),
        lambda queryset: [("oui", _("En retard seulement"))],
        method=lambda queryset, name, values: queryset.overdue(),
        all_label=_("Toutes"),
    )
