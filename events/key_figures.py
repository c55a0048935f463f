"""Home page figures (registered in home.registry from EventsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from .models import visible_meetings
from .stats import totals


def meetings_held():
    return (_("rencontres tenues"), totals(visible_meetings())["held"])


def participants():
    return (_("participants aux rencontres"), totals(visible_meetings())["participants"])
