"""Figures computed from the records (never typed in): meeting totals and the Résultats page."""

from django.db.models import Case, Count, Q, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from home.models import CommunityPage, OrganizationPage
from practices.models import ConcertationFramePage, PracticePage, ToolPage

from . import dates
from .charts import bar_chart
from .models.followup import Recommendation, RecommendationStatus
from .models.meetings import MeetingPage, visible_meetings

SUMS = {
    "participants": "participants_total",
    "women": "participants_women",
    "men": "participants_men",
    "youth": "participants_youth",
    "people_reached": "people_reached",
    "organizations_reached": "organizations_reached",
}


def meetings_for(page):
    """The visible meetings a community, concertation frame or organisation page takes part in."""
    page = page.specific if type(page) is not page.specific_class else page
    meetings = visible_meetings()
    if isinstance(page, CommunityPage):
        return meetings.filter(communities=page)
    if isinstance(page, ConcertationFramePage):
        return meetings.filter(concertation_frame=page)
    if isinstance(page, OrganizationPage):
        ids = MeetingPage.objects.filter(
            Q(organizers=page) | Q(participating_organizations=page)
        ).values("pk")
        return meetings.filter(pk__in=ids)
    return meetings.none()


def totals(meetings):
    """One aggregate query; the queryset must not repeat a meeting (no multi-valued join)."""
    today = dates.today()
    figures = meetings.order_by().aggregate(
        meetings=Count("pk"),
        held=Count("pk", filter=~Q(start_date__gt=today)),  # undated archives were held
        # Meetings whose head count is known: with none, the total is unknown, not zero.
        counted=Count("pk", filter=Q(participants_total__isnull=False)),
        # A sum over meetings none of which recorded the figure is unknown: None, not 0.
        **{key: Sum(field) for key, field in SUMS.items()},
    )
    return figures


def _rows(pairs):
    """Chart rows; a value of None (no meeting of the row has a head count) stays None: the
    chart says « non communiqué » rather than drawing it as 0."""
    return [{"label": label, "value": value} for label, value in pairs]


def participants_by_year(meetings):
    """(year, participants, meetings) rows, oldest first, then the undated meetings' row.
    Participants is None where none of the row's meetings has a head count (unknown, not 0);
    the same in the other ``participants_by_*``."""
    rows = (
        meetings.filter(start_date__isnull=False)
        .annotate(year=ExtractYear("start_date"))
        .order_by("year")
        .values("year")
        .annotate(total=Sum("participants_total"), n=Count("pk"))
    )
    data = [(str(row["year"]), row["total"], row["n"]) for row in rows]
    undated = (
        meetings.filter(start_date__isnull=True)
        .order_by()
        .aggregate(total=Sum("participants_total"), n=Count("pk"))
    )
    if undated["n"]:
        data.append((_("Date non communiquée"), undated["total"], undated["n"]))
    return data


def _split_undated(by_year):
    """The dated rows (labels are years) and the undated row or None: the chart shows the
    years, a note the undated meetings (so that « unknown » never reads as the biggest year)."""
    dated = [row for row in by_year if row[0].isdigit()]
    undated = next((row for row in by_year if not row[0].isdigit()), None)
    return dated, undated


def participants_by_community(meetings):
    through = MeetingPage._meta.get_field("communities").remote_field.through
    rows = (
        through.objects.filter(meetingpage__in=meetings.values("pk"))
        .values("communitypage__title")
        .annotate(total=Sum("meetingpage__participants_total"), n=Count("meetingpage"))
        .order_by("communitypage__title")
    )
    return [(row["communitypage__title"], row["total"], row["n"]) for row in rows]


def participants_by_frame(meetings):
    rows = (
        ConcertationFramePage.objects.live()
        .public()
        .order_by("title")
        .annotate(
            total=Sum("meetings__participants_total", filter=Q(meetings__in=meetings.values("pk"))),
            n=Count("meetings", filter=Q(meetings__in=meetings.values("pk"))),
        )
        .values_list("title", "total", "n")
    )
    return list(rows)


def reach(meetings):
    rows = (
        meetings.filter(Q(people_reached__gt=0) | Q(organizations_reached__gt=0))
        .order_by("start_date", "title")
        .values_list("title", "people_reached", "organizations_reached", "reach_details")
    )
    return [
        {"title": t, "people": p or 0, "organizations": o or 0, "details": d} for t, p, o, d in rows
    ]


def publications():
    practices = PracticePage.objects.live().public()
    tools = ToolPage.objects.live().public()
    rows = []
    for community in CommunityPage.objects.live().public().order_by("title").only("title"):
        rows.append(
            (
                community.title,
                practices.filter(communities=community).count(),
                tools.filter(communities=community).count(),
            )
        )
    return {"practices": practices.count(), "tools": tools.count(), "by_community": rows}


def follow_up():
    counts = {
        (source, status): n
        for source, status, n in (
            Recommendation.objects.public()
            .annotate(source=Case(When(plan__isnull=False, then=Value(1)), default=Value(0)))
            .values_list("source", "status")
            .order_by()
            .annotate(n=Count("pk"))
        )
    }
    rows = []
    for value, label in RecommendationStatus.choices:
        recommendations = counts.get((0, value), 0)
        actions = counts.get((1, value), 0)
        rows.append(
            {
                "value": value,
                "label": label,
                "recommendations": recommendations,
                "actions": actions,
                "total": recommendations + actions,
            }
        )
    return rows


def results():
    """Everything the Résultats page shows, each chart with the rows of its data table."""
    meetings = visible_meetings()
    headline = totals(meetings)
    by_year = participants_by_year(meetings)
    dated, undated = _split_undated(by_year)
    by_community = participants_by_community(meetings)
    by_frame = participants_by_frame(meetings)
    follow = follow_up()
    done = next(r["total"] for r in follow if r["value"] == RecommendationStatus.DONE)
    pending = sum(
        r["total"]
        for r in follow
        if r["value"] in (RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS)
    )
    return {
        "headline": headline,
        "by_year": by_year,
        "undated": {"participants": undated[1], "meetings": undated[2]} if undated else None,
        "by_community": by_community,
        "by_frame": by_frame,
        "reach": reach(meetings),
        "publications": publications(),
        "follow_up": follow,
        "follow_up_done": done,
        "follow_up_pending": pending,
        "charts": {
            "year": bar_chart(
                "chart-year",
                _("Participants par année"),
                _("Nombre de participants aux rencontres enregistrées, par année."),
                _rows((label, total) for label, total, _n in dated),
            ),
            "community": bar_chart(
                "chart-community",
                _("Participants par communauté"),
                _(
                    "Participants aux rencontres de chaque communauté de pratique ; une rencontre "
                    "commune à deux communautés compte pour chacune."
                ),
                _rows((label, total) for label, total, _n in by_community),
            ),
            "frame": bar_chart(
                "chart-frame",
                _("Participants par cadre de concertation"),
                _("Participants aux sessions de chaque cadre de concertation."),
                _rows((label, total) for label, total, _n in by_frame),
            ),
            "follow_up": bar_chart(
                "chart-follow-up",
                _("Recommandations et actions par statut"),
                _(
                    "Nombre de recommandations des rencontres et d'actions des plans de "
                    "pérennisation, par statut."
                ),
                _rows((r["label"], r["total"]) for r in follow),
            ),
        },
    }
