"""iCalendar (RFC 5545) feeds and « Ajouter à mon agenda » links.

Times are local to Africa/Bamako (UTC+0 all year, no daylight saving): timed events carry
TZID=Africa/Bamako with its VTIMEZONE; events without a time are all-day (VALUE=DATE,
DTEND exclusive). Every event has a stable UID, a DTSTAMP and the URL of its page.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from icalendar import Calendar, Event, Timezone

TZID = "Africa/Bamako"
PRODID = "-//Portail des CdP Ségou-Kayes//Agenda//FR"
ONE_DAY = datetime.timedelta(days=1)
GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/action/compose"
YAHOO = "https://calendar.yahoo.com/"


def _uid_host():
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "cdp.local"
    return base.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "cdp.local"


def occurrences(meeting):
    """(suffix, start_date, end_date, start_time, end_time, place) for each calendar entry:
    one per dated session, else one for the meeting."""
    sessions = [s for s in meeting.sessions.all() if s.start_date]
    if sessions:
        return [
            (
                f"-s{i}",
                s.start_date,
                s.end_date or s.start_date,
                None,
                None,
                s.place_display or meeting.place_display,
                s.title,
            )
            for i, s in enumerate(sessions, start=1)
        ]
    if not meeting.start_date:
        return []
    return [
        (
            "",
            meeting.start_date,
            meeting.end_date or meeting.start_date,
            meeting.start_time,
            meeting.end_time,
            meeting.place_display,
            "",
        )
    ]


def _description(meeting, url):
    text = meeting.summary or strip_tags(meeting.agenda or "")
    parts = [Truncator(text).chars(600)] if text else []
    if meeting.online_url:
        parts.append(meeting.online_url)
    parts.append(url)
    return "\n\n".join(parts)


def _span(start_date, end_date, start_time, end_time):
    """(start, end, timed) with end exclusive for all-day events."""
    if start_time:
        start = datetime.datetime.combine(start_date, start_time)
        if end_time:
            end = datetime.datetime.combine(end_date, end_time)
        else:
            end = start + datetime.timedelta(hours=2)
        return start, end, True
    return start_date, end_date + ONE_DAY, False


def build_calendar(meetings, request, name):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(Timezone.from_tzid(TZID))
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    host = _uid_host()
    for meeting in meetings:
        url = meeting.get_full_url(request)
        for entry in occurrences(meeting):
            suffix, start_date, end_date, start_time, end_time, place, session_title = entry
            start, end, timed = _span(start_date, end_date, start_time, end_time)
            event = Event()
            event.add("uid", f"meeting-{meeting.pk}{suffix}@{host}")
            event.add("dtstamp", stamp)
            summary = f"{meeting.title} – {session_title}" if session_title else meeting.title
            event.add("summary", summary)
            if timed:
                event.add("dtstart", start, parameters={"TZID": TZID})
                event.add("dtend", end, parameters={"TZID": TZID})
            else:
                event.add("dtstart", start)
                event.add("dtend", end)
            if place or meeting.online_url:
                event.add("location", place or meeting.online_url)
            event.add("description", _description(meeting, url))
            event.add("url", url)
            event.add("categories", [meeting.get_kind_display()])
            if meeting.last_published_at:
                event.add("last-modified", meeting.last_published_at.astimezone(datetime.UTC))
            cal.add_component(event)
    return cal


def calendar_links(meeting, request):
    """Plain links to Google Calendar, Outlook.com and Yahoo (no script from those hosts)."""
    entries = occurrences(meeting)
    if not entries:
        return []
    _suffix, start_date, end_date, start_time, end_time, place, _title = entries[0]
    if len(entries) > 1:
        end_date = max(e[2] for e in entries)
    start, end, timed = _span(start_date, end_date, start_time, end_time)
    url = meeting.get_full_url(request)
    details = _description(meeting, url)
    location = place or meeting.online_url
    # Bamako is UTC+0: local times are UTC times.
    if timed:
        google_dates = f"{start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
        outlook = {
            "startdt": f"{start:%Y-%m-%dT%H:%M:%S}Z",
            "enddt": f"{end:%Y-%m-%dT%H:%M:%S}Z",
            "allday": "false",
        }
        yahoo = {"st": f"{start:%Y%m%dT%H%M%S}Z", "et": f"{end:%Y%m%dT%H%M%S}Z"}
    else:
        google_dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
        outlook = {"startdt": start.isoformat(), "enddt": end.isoformat(), "allday": "true"}
        yahoo = {"st": f"{start:%Y%m%d}", "et": f"{end:%Y%m%d}", "dur": "allday"}
    google = {
        "action": "TEMPLATE",
        "text": meeting.title,
        "dates": google_dates,
        "ctz": TZID,
        "details": details,
        "location": location,
    }
    outlook.update(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": meeting.title,
            "body": details,
            "location": location,
        }
    )
    yahoo.update({"v": "60", "title": meeting.title, "desc": details, "in_loc": location})
    return [
        {"name": "Google Agenda", "url": f"{GOOGLE}?{urlencode(google)}"},
        {"name": "Outlook.com", "url": f"{OUTLOOK}?{urlencode(outlook)}"},
        {"name": "Yahoo Agenda", "url": f"{YAHOO}?{urlencode(yahoo)}"},
    ]
