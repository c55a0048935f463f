"""Home page figures (registered in home.registry from EventsConfig.ready)."""

from django.utils.translation import ngettext

from home.content_version import cached_by_content

from .models import visible_meetings
from .stats import totals


def meeting_totals():
    """One aggregate for both figures, once per content change and day ("held" depends on
    the date)."""
    return cached_by_content(
        "meeting-totals-counted",
        lambda: totals(visible_meetings()),
        per_language=False,
        per_day=True,
    )


def meetings_held():
    held = meeting_totals()["held"]
    return (ngettext("rencontre tenue", "rencontres tenues", held), held)


def participants():
    """None when no meeting has a known head count: unknown, not « 0 »."""
    figures = meeting_totals()
    total = figures["participants"] if figures["counted"] else None
    return (
        ngettext("participant aux rencontres", "participants aux rencontres", total or 0),
        total,
    )
