"""Long dates as a French reader writes them: « 2 octobre 2025 », « 1er décembre 2026 »
(the first day of a month is an ordinal in French), with non-breaking spaces so a date never
breaks across lines. In another interface language, day, month and year the same way
(« 1 December 2026 »).

Every long date the portal shows (pages, meeting dates, listings, print sheets, the alerts'
e-mails) goes through ``long_date`` — in templates, the ``long_date`` filter of portal_tags."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

NBSP = "\xa0"


def as_day(value):
    """The calendar day of a date or datetime (an aware datetime in the site's time zone)."""
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def day_number(day):
    """« 1er » for the first of the month in French, the plain number otherwise."""
    french = (get_language() or "fr").split("-")[0] == "fr"
    return "1er" if day.day == 1 and french else str(day.day)


def long_date(value):
    """« 1er décembre 2026 », « 2 décembre 2026 »; "" for no date."""
    if value is None or value == "":
        return ""
    day = as_day(value)
    return f"{day_number(day)}{NBSP}{date_format(day, f'F{NBSP}Y')}"
