"""Meetings on community, frame and organisation pages; calendar links; SVG charts."""

from urllib.parse import urlencode

from django import template
from django.db.models import Count, Q
from django.urls import reverse

from home.content_version import cached_for_page
from home.models import CommunityPage
from practices.models import ConcertationFramePage

from .. import stats
from ..ical import calendar_links as _calendar_links
from ..listings import PARAM_FRAME, agenda_order, meeting_cards
from ..models import EventIndexPage, FollowUpPage, RecommendationStatus

register = template.Library()

PAGE_MEETINGS_LIMIT = 3  # as home.sections.SECTION_SIZE: one row, then « Voir tout (n) »


@register.simple_tag
def follow_up_page():
    """{% follow_up_page as follow_up_page %}: the live follow-up page, if there is one."""
    return FollowUpPage.objects.live().first()


@register.simple_tag
def meeting_totals(page):
    """{% meeting_totals page as totals %}: meetings, held, participants, women, men, youth,
    people_reached, organizations_reached, computed from the meeting records."""
    return stats.totals(stats.meetings_for(page))


@register.inclusion_tag("events/includes/page_meetings.html", takes_context=True)
def page_meetings(context, page, limit=PAGE_MEETINGS_LIMIT):
    request = context.get("request")
    page = page.specific if type(page) is not page.specific_class else page
    # Computed once per content change and day (upcoming or past depends on the date).
    data = cached_for_page(
        page,
        request,
        f"page-meetings-{limit}",
        lambda: _page_meetings(request, page, limit),
        per_day=True,
    )
    return {"request": request, "page": page, **data}


def _page_meetings(request, page, limit):
    meetings = stats.meetings_for(page)
    shown = list(meeting_cards(agenda_order(meetings))[:limit])
    totals = stats.totals(meetings) if shown else None
    index = EventIndexPage.objects.live().first()
    more_url = None
    ics_url = None
    if index is not None and totals and totals["meetings"] > len(shown):
        more_url = index.get_url(request)
        if isinstance(page, CommunityPage):
            more_url += "?" + urlencode({"communaute": page.slug})
        elif isinstance(page, ConcertationFramePage):
            more_url += "?" + urlencode({PARAM_FRAME: page.slug})
        else:
            more_url = None
    plans = []
    if isinstance(page, CommunityPage):
        ics_url = reverse("events_community_ics", args=[page.slug])
        plans = list(
            page.sustainability_plans.annotate(
                actions_total=Count("actions"),
                actions_done=Count("actions", filter=Q(actions__status=RecommendationStatus.DONE)),
            )
        )
    return {
        "meetings": shown,
        "totals": totals,
        "more_url": more_url,
        "ics_url": ics_url,
        "plans": plans,
        "show_totals": isinstance(page, (CommunityPage, ConcertationFramePage)),
    }


@register.simple_tag(takes_context=True)
def calendar_links(context, meeting):
    return _calendar_links(meeting, context.get("request"))


@register.inclusion_tag("events/includes/bar_chart.html")
def bar_chart(chart):
    return {"chart": chart}
