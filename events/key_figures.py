"""Home page figures (registered in home.registry from EventsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from home.content_version import cached_by_content

from .models import visible_meetings
from .stats import totals


def meeting_totals():
    """One aggregate for both figures, once per content change and day ("held" depends on
    the date)."""
    return cached_by_content(
        "meeting-totals", lambda: totals(visible_meetings()), per_language=False, per_day=True
    )


def meetings_held():
    return (_("rencontres tenues"), meeting_totals()["held"])


def participants():
    return (_("participants aux rencontres"), meeting_totals()["participants"])
