"""iCalendar feeds: parsed by the icalendar library, RFC 5545 essentials, links back to pages."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from events.models import MeetingKind
from tests.conftest import shared_data
from tests.factories import make_community, make_event_index, make_meeting

TODAY = datetime.date.today()


@pytest.fixture
def meetings(request, _site_tree_pks):
    """An agenda with meetings: built once for consecutive tests (tests/conftest.py,
    ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_meetings)


def build_meetings(site_tree):
    tree = site_tree
    tree.segou = make_community(tree, "Ségou", slug="segou")
    tree.kayes = make_community(tree, "Kayes", region="Kayes", slug="kayes")
    tree.agenda = make_event_index(tree)
    tree.committee = make_meeting(
        tree.agenda,
        "Comité régional VBG",
        kind=MeetingKind.COMMITTEE,
        start_date=datetime.date(2025, 10, 2),
        venue="Chambre des Métiers",
        commune="Ségou",
        communities=[tree.segou],
        summary="Faire le point sur la lutte contre les VBG.",
    )
    tree.webinar = make_meeting(
        tree.agenda,
        "Webinaire Ségou–Kayes",
        kind=MeetingKind.WEBINAR,
        start_date=TODAY + datetime.timedelta(days=10),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 30),
        online_url="https://visio.example.org/cdp",
        communities=[tree.segou, tree.kayes],
    )
    tree.workshops = make_meeting(
        tree.agenda,
        "Ateliers CCS",
        start_date=datetime.date(2025, 5, 26),
        end_date=datetime.date(2025, 6, 4),
        communities=[tree.segou],
        sessions=[
            {
                "title": "Session 1",
                "start_date": datetime.date(2025, 5, 26),
                "end_date": datetime.date(2025, 5, 28),
                "communes": "Ségou, Gao",
            },
            {
                "title": "Session 2",
                "start_date": datetime.date(2025, 5, 29),
                "end_date": datetime.date(2025, 5, 31),
                "communes": "Koutiala",
            },
        ],
    )
    tree.undated = make_meeting(
        tree.agenda, "Mur d'expression", start_date=None, communities=[tree.segou]
    )
    return tree


def _calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, Calendar.from_ical(response.content)


def test_full_feed_is_valid_and_links_back(client, meetings):
    response, cal = _calendar(client, "/agenda.ics")
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert b"\r\n" in response.content  # RFC 5545 line ends
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))  # folded lines
    events = cal.walk("VEVENT")
    # Committee + webinar + 2 sessions; the undated archive has no calendar entry.
    assert len(events) == 4
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == 4
    for event in events:
        assert event["DTSTAMP"]
        assert event["DTSTART"]
        url = str(event["URL"])
        assert url.startswith("http://localhost/agenda/")
        assert client.get(urlsplit(url).path).status_code == 200
    summaries = {str(event["SUMMARY"]) for event in events}
    assert "Ateliers CCS – Session 1" in summaries and "Mur d'expression" not in summaries


def test_timed_events_use_bamako_time_with_its_vtimezone(client, meetings):
    response, cal = _calendar(client, "/agenda.ics")
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Africa/Bamako"]
    webinar = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Webinaire Ségou–Kayes")
    start = webinar.decoded("DTSTART")
    assert (start.hour, start.minute) == (10, 0)
    assert start.utcoffset() == datetime.timedelta(0)
    assert str(start.tzinfo) == "Africa/Bamako"
    assert webinar.decoded("DTEND") - start == datetime.timedelta(hours=2, minutes=30)
    assert b"DTSTART;TZID=Africa/Bamako:" in response.content
    assert str(webinar["LOCATION"]) == "https://visio.example.org/cdp"


def test_all_day_events_have_exclusive_end(client, meetings):
    _, cal = _calendar(client, "/agenda.ics")
    committee = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Comité régional VBG")
    assert committee.decoded("DTSTART") == datetime.date(2025, 10, 2)
    assert committee.decoded("DTEND") == datetime.date(2025, 10, 3)
    assert str(committee["LOCATION"]) == "Chambre des Métiers, Ségou"
    session = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).endswith("Session 1"))
    assert session.decoded("DTEND") == datetime.date(2025, 5, 29)


def test_community_feed_has_only_that_community(client, meetings):
    _, cal = _calendar(client, "/agenda/communautes/kayes.ics")
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Webinaire Ségou–Kayes"]
    assert "Kayes" in str(cal["X-WR-CALNAME"])
    assert client.get("/agenda/communautes/inconnue.ics").status_code == 404


def test_meeting_download_is_an_attachment(client, meetings):
    response, cal = _calendar(client, f"/agenda/reunions/{meetings.webinar.pk}.ics")
    assert response["Content-Disposition"].startswith("attachment;")
    assert [str(e["URL"]) for e in cal.walk("VEVENT")] == [meetings.webinar.full_url]


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999999"])
def test_unknown_meeting_download_is_404(client, meetings, pk):
    assert client.get(f"/agenda/reunions/{pk}.ics").status_code == 404


def test_draft_meetings_are_not_in_feeds(client, meetings):
    meetings.committee.unpublish()
    _, cal = _calendar(client, "/agenda.ics")
    assert "Comité régional VBG" not in {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert client.get(f"/agenda/reunions/{meetings.committee.pk}.ics").status_code == 404


def test_online_calendar_links_carry_the_meeting(rf, meetings):
    from events.ical import calendar_links

    request = rf.get("/")
    links = {
        link["name"]: urlsplit(link["url"]) for link in calendar_links(meetings.webinar, request)
    }
    day = meetings.webinar.start_date.strftime("%Y%m%d")
    google = parse_qs(links["Google Agenda"].query)
    assert links["Google Agenda"].netloc == "calendar.google.com"
    assert google["text"] == ["Webinaire Ségou–Kayes"]
    assert google["dates"] == [f"{day}T100000/{day}T123000"]
    assert google["ctz"] == ["Africa/Bamako"]
    outlook = parse_qs(links["Outlook.com"].query)
    assert outlook["startdt"] == [f"{meetings.webinar.start_date.isoformat()}T10:00:00Z"]
    assert outlook["subject"] == ["Webinaire Ségou–Kayes"]
    yahoo = parse_qs(links["Yahoo Agenda"].query)
    assert yahoo["st"] == [f"{day}T100000Z"] and yahoo["title"] == ["Webinaire Ségou–Kayes"]
    assert meetings.webinar.full_url in google["details"][0]


def test_subscribed_feeds_carry_coming_and_latest_held_meetings_only(client, meetings, monkeypatch):
    """At 20 000 pages the whole archive was 3 600 meetings and 3.6 s per request: the
    subscribed feeds keep every coming meeting and the latest FEED_PAST held ones; an older
    meeting keeps its own .ics. A draft never fills the held ones' places."""
    from events import views

    monkeypatch.setattr(views, "FEED_PAST", 1)
    _, cal = _calendar(client, "/agenda.ics")
    summaries = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert summaries == {"Comité régional VBG", "Webinaire Ségou–Kayes"}
    _, cal = _calendar(client, "/agenda/communautes/segou.ics")
    assert {str(e["SUMMARY"]) for e in cal.walk("VEVENT")} == summaries
    response, cal = _calendar(client, f"/agenda/reunions/{meetings.workshops.pk}.ics")
    assert len(cal.walk("VEVENT")) == 2  # its two sessions
    meetings.committee.unpublish()
    _, cal = _calendar(client, "/agenda.ics")
    summaries = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert summaries == {"Ateliers CCS – Session 1", "Ateliers CCS – Session 2"} | {
        "Webinaire Ségou–Kayes"
    }
