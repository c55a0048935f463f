"""Public iCalendar feeds: the whole agenda, one community's, one meeting's."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from home.models import CommunityPage

from .ical import build_calendar
from .models import visible_meetings

MAX_ID = 2**31 - 1  # larger ids cannot exist and would overflow the database integer


def _feed_meetings():
    return (
        visible_meetings()
        .filter(start_date__isnull=False)
        .prefetch_related("sessions")
        .order_by("start_date", "pk")
    )


def _ics_response(calendar, filename, attachment=False):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_GET
@cache_control(public=True, max_age=900)
def agenda_ics(request):
    calendar = build_calendar(_feed_meetings(), request, _("Agenda des CdP Ségou et Kayes"))
    return _ics_response(calendar, "agenda-cdp.ics")


@require_GET
@cache_control(public=True, max_age=900)
def community_ics(request, slug):
    community = get_object_or_404(CommunityPage.objects.live().public(), slug=slug)
    meetings = _feed_meetings().filter(communities=community)
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
