"""Home page figures (registered in home.registry from EventsConfig.ready)."""

from django.utils.translation import gettext_lazy as _


def meetings_held():
    from .models import visible_meetings
    from .stats import totals

    return (_("rencontres tenues"), totals(visible_meetings())["held"])


def participants():
    from .models import visible_meetings
    from .stats import totals

    return (_("participants aux rencontres"), totals(visible_meetings())["participants"])
