"""The digests' background task (django-tasks: immediate in development and tests, the database
queue with ``make worker`` in production). ``manage.py send_digests`` enqueues it; a cron line
runs that command (README, « Alertes par courriel »)."""

from django.utils.dateparse import parse_datetime
from django_tasks import task

from .sending import send_digests


@task()
def send_digests_task(frequency, now=None):
    """``now`` (ISO 8601) only to replay a period; a task's arguments must be JSON."""
    return send_digests(frequency, parse_datetime(now) if now else None)
