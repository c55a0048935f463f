"""Long dates as a French reader writes them: « 1er décembre 2026 », « 2 décembre 2026 », on
the pages, the print sheet and the alerts' e-mails (cdp_portal.dates, the long_date filter)."""

import datetime

from django.template import Context, Template
from django.utils import timezone, translation
from wagtail.models import Page

from alerts.digests import period_text
from alerts.models import Digest
from cdp_portal.dates import long_date

from .factories import make_practice

NBSP = "\xa0"
FIRST = datetime.date(2026, 12, 1)
SECOND = datetime.date(2026, 12, 2)


def noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_the_first_of_the_month_reads_1er_and_the_second_2():
    with translation.override("fr"):
        assert long_date(FIRST) == f"1er{NBSP}décembre{NBSP}2026"
        assert long_date(SECOND) == f"2{NBSP}décembre{NBSP}2026"
        assert long_date(noon(FIRST)) == f"1er{NBSP}décembre{NBSP}2026"
        rendered = Template("{% load portal_tags %}{{ a|long_date }} / {{ b|long_date }}")
        assert rendered.render(Context({"a": FIRST, "b": SECOND})) == (
            f"1er{NBSP}décembre{NBSP}2026 / 2{NBSP}décembre{NBSP}2026"
        )
    with translation.override("en"):
        assert long_date(FIRST) == f"1{NBSP}December{NBSP}2026"
    assert long_date(None) == ""


def _updated_on(page, day):
    Page.objects.filter(pk=page.pk).update(last_published_at=noon(day))


def test_pages_and_print_sheet_say_1er(site_tree, client):
    first = make_practice(site_tree.practices, title="Pratique du premier")
    second = make_practice(site_tree.practices, title="Pratique du deux")
    _updated_on(first, FIRST)
    _updated_on(second, SECOND)
    page = client.get(first.url).content.decode()
    assert f"Mise à jour le 1er{NBSP}décembre{NBSP}2026" in page
    assert f"Mise à jour le 1{NBSP}décembre" not in page
    assert f"Mise à jour le 2{NBSP}décembre{NBSP}2026" in client.get(second.url).content.decode()
    sheet = Template("{% include 'practices/includes/sheet.html' %}").render(
        Context({"item": type(first).objects.get(pk=first.pk)})
    )
    assert f"Mise à jour le 1er{NBSP}décembre{NBSP}2026." in sheet


def test_alert_digest_period_says_1er():
    digest = Digest(
        period_start=noon(FIRST) - datetime.timedelta(hours=12),
        period_end=noon(datetime.date(2026, 12, 8)) - datetime.timedelta(hours=12),
    )
    with translation.override("fr"):
        text = period_text(digest)
    assert text.startswith(f"du 1er{NBSP}décembre{NBSP}2026 au ")
