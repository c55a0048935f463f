"""The agenda's order and cards, and the parameter names of the events' filters
(the filters themselves: events/filters.py)."""

from django.db.models import Case, DateField, F, Q, Value, When
from django.db.models.functions import Coalesce

from . import dates

PARAM_YEAR = "annee"
PARAM_FRAME = "cadre"
PARAM_STATUS = "statut"
PARAM_OVERDUE = "retard"
PARAM_ORIGIN = "origine"


def agenda_order(meetings):
    """Upcoming meetings first, soonest first; then past ones, latest first; undated last."""
    today = dates.today()
    last_day = Coalesce("end_date", "start_date")
    return meetings.annotate(
        upcoming=Case(
            When(
                Q(start_date__isnull=False) & Q(end_date__gte=today)
                | Q(end_date__isnull=True, start_date__gte=today),
                then=Value(1),
            ),
            default=Value(0),
        ),
        upcoming_start=Case(
            When(upcoming=1, then=F("start_date")), default=None, output_field=DateField()
        ),
        last_day=last_day,
    ).order_by(
        F("upcoming").desc(),
        F("upcoming_start").asc(nulls_last=True),
        F("start_date").desc(nulls_last=True),
        "-pk",
    )


def meeting_cards(items):
    return items.select_related("concertation_frame").prefetch_related("communities")
