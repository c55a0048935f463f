"""What a digest holds: the periods, the pages published in one (public ones only, through
the project's ``public()``), the pages of one subscriber's choices, and the text to paste into
a WhatsApp group.

Periods are calendar ones in the site's time zone: a weekly digest covers the week that ended
on the last Monday at midnight, a monthly one the month that ended on the 1st; each starts where
the previous digest of its frequency ended, so a missed run loses nothing. Asking twice for the
same period gives the same digest (one row per frequency and end)."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from cdp_portal.dates import long_date
from home.content_version import public
from home.listing import carrying, specific_items

from .models import Digest, Frequency

WHATSAPP_LIMIT = 1000
WHATSAPP_TITLE_CHARS = 90


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def period_end(frequency, now=None):
    """The end of the last complete period at ``now``: Monday 00:00 or the 1st 00:00."""
    today = timezone.localdate(now or timezone.now())
    if frequency == Frequency.MONTHLY:
        return _local_midnight(today.replace(day=1))
    return _local_midnight(today - timedelta(days=today.weekday()))


def default_period_start(frequency, end):
    """Where the first digest of a frequency starts: one week or one month before ``end``."""
    day = timezone.localdate(end)
    if frequency == Frequency.MONTHLY:
        return _local_midnight((day - timedelta(days=1)).replace(day=1))
    return _local_midnight(day - timedelta(days=7))


def published_between(start, end):
    """The public pages (live, no view restriction) first published in [start, end)."""
    return carrying({}).filter(first_published_at__gte=start, first_published_at__lt=end)


def due_digest(frequency, now=None):
    """The digest of the last complete period of ``frequency``, created on first request."""
    end = period_end(frequency, now)
    existing = Digest.objects.filter(frequency=frequency, period_end=end).first()
    if existing is not None:
        return existing
    previous = (
        Digest.objects.filter(frequency=frequency, period_end__lt=end)
        .order_by("-period_end")
        .first()
    )
    start = previous.period_end if previous else default_period_start(frequency, end)
    with transaction.atomic():
        digest, created = Digest.objects.get_or_create(
            frequency=frequency, period_end=end, defaults={"period_start": start}
        )
        if created:
            digest.pages.set(list(published_between(start, end).values_list("pk", flat=True)))
    return digest


def visible_pages(digest):
    """The digest's pages that are public now, newest first (a page unpublished or restricted
    since the digest was prepared is left out)."""
    return public(Page.objects.live()).filter(pk__in=digest.pages.values("pk"))


def pages_for_choices(digest, lookups_list, memo=None):
    """The digest's public pages matching any of ``lookups_list`` (``carrying`` lookups; ``{}``
    means everything), specific and newest first. ``memo`` shares the matches of each choice
    between subscribers of one run."""
    memo = {} if memo is None else memo
    ids = set()
    for lookups in lookups_list:
        key = tuple(sorted((name, value.pk) for name, value in lookups.items()))
        if key not in memo:
            matching = carrying(lookups).filter(pk__in=digest.pages.values("pk"))
            memo[key] = set(matching.values_list("pk", flat=True))
        ids |= memo[key]
    if not ids:
        return []
    pages = carrying({}).filter(pk__in=ids)
    return specific_items(pages)


def period_text(digest):
    return _("du %(start)s au %(end)s") % {
        "start": long_date(digest.period_start),
        "end": long_date(digest.last_day),
    }


def more_line(count):
    return ngettext("… et %(count)s autre", "… et %(count)s autres", count) % {"count": count}


def whatsapp_text(digest, items, more_url=""):
    """Plain text under WHATSAPP_LIMIT characters: a heading, then a title and its link per
    item, newest first; what does not fit is counted on a « … et N autres » line followed by
    ``more_url``."""
    heading = _("Nouveautés du portail des CdP, %(period)s :") % {"period": period_text(digest)}
    if not items:
        return heading + "\n" + _("Rien de nouveau sur cette période.")

    def tail(remaining):
        if not remaining:
            return ""
        return "\n" + more_line(remaining) + (f"\n{more_url}" if more_url else "")

    text = heading
    total = len(items)
    for shown, (title, url) in enumerate(items):
        block = f"\n\n• {Truncator(title).chars(WHATSAPP_TITLE_CHARS)}\n{url}"
        if len(text + block + tail(total - shown - 1)) >= WHATSAPP_LIMIT:
            return text + tail(total - shown)
        text += block
    return text
