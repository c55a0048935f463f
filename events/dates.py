"""French date and time wording shared by pages, cards, feeds and exports."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from cdp_portal.dates import NBSP, day_number, long_date


def today():
    """Today in the site's time zone (Africa/Bamako), not the server's."""
    return timezone.localdate()


def day(value):
    """« 2 octobre 2025 », « 1er mars 2022 », with non-breaking spaces."""
    return long_date(value)


def time(value):
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"


def date_range(start, end=None):
    """« 2 octobre 2025 », « du 26 au 28 mai 2025 », « du 26 mai au 4 juin 2025 »."""
    if start is None:
        return _("date non communiquée")
    if not end or end == start:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        first = day_number(start)
        return _("du %(start)s au %(end)s") % {"start": first, "end": day(end)}
    if start.year == end.year:
        first = day(start).rsplit(NBSP, 1)[0]
        return _("du %(start)s au %(end)s") % {"start": first, "end": day(end)}
    return _("du %(start)s au %(end)s") % {"start": day(start), "end": day(end)}


def parse_csv_date(text):
    """Dates as a French spreadsheet writes them (31/12/2025), or ISO (2025-12-31)."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)
