"""The digests' background task (django-tasks: immediate in development and tests, the database
queue with ``make worker`` in production). ``manage.py send_digests`` enqueues it; a cron line
runs that command (README, « Alertes par courriel »)."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from .sending import send_digests


def moment(text):
    """An ISO 8601 date-time (naive: in the site's time zone), or None for now."""
    if not text:
        return None
    value = parse_datetime(text)
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@task()
def send_digests_task(frequency, now=None):
    """``now`` (ISO 8601) only to replay a period; a task's arguments must be JSON."""
    return send_digests(frequency, moment(now))
