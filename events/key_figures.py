"""Home page figures (registered in home.registry from EventsConfig.ready)."""

from django.utils.translation import gettext_lazy as _


def meetings_held():
    from .stats import live_meetings, totals

    return (_("rencontres tenues"), totals(live_meetings())["held"])


def participants():
    from .stats import live_meetings, totals

    return (_("participants aux rencontres"), totals(live_meetings())["participants"])
