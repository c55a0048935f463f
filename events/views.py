"""Public iCalendar feeds: the whole agenda, one community's, one meeting's."""

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from home.models import CommunityPage

from . import dates
from .ical import build_calendar
from .models import visible_meetings

MAX_ID = 2**31 - 1  # larger ids cannot exist and would overflow the database integer
# A subscribed agenda carries every coming meeting and the latest FEED_PAST held ones: the
# whole archive was 3 600 meetings, 2.3 MB and 3.6 s of CPU per request at 20 000 pages.
# Older meetings keep their page and their own .ics.
FEED_PAST = 100


def _feed_meetings():
    return (
        visible_meetings()
        .filter(start_date__isnull=False)
        .prefetch_related("sessions")
        .order_by("start_date", "pk")
    )


def _subscribed_meetings(meetings):
    """``meetings`` to come, and the latest ``FEED_PAST`` held (one query)."""
    today = dates.today()
    held = meetings.filter(start_date__lt=today).order_by("-start_date", "-pk")
    latest = held.values("pk")[:FEED_PAST]
    return meetings.filter(Q(start_date__gte=today) | Q(pk__in=latest))


def _ics_response(calendar, filename, attachment=False):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_GET
@cache_control(public=True, max_age=900)
def agenda_ics(request):
    calendar = build_calendar(
        _subscribed_meetings(_feed_meetings()), request, _("Agenda des CdP Ségou et Kayes")
    )
    return _ics_response(calendar, "agenda-cdp.ics")


@require_GET
@cache_control(public=True, max_age=900)
def community_ics(request, slug):
    community = get_object_or_404(CommunityPage.objects.live().public(), slug=slug)
    meetings = _subscribed_meetings(_feed_meetings().filter(communities=community))
    name = _("Agenda de la CdP de %(name)s") % {"name": community.title}
    calendar = build_calendar(meetings, request, name)
    return _ics_response(calendar, f"agenda-{community.slug}.ics")


@require_GET
@cache_control(public=True, max_age=900)
def meeting_ics(request, pk):
    if pk > MAX_ID:
        raise Http404
    meeting = get_object_or_404(_feed_meetings(), pk=pk)
    calendar = build_calendar([meeting], request, meeting.title)
    return _ics_response(calendar, f"{meeting.slug}.ics", attachment=True)
