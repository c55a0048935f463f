"""Send the weekly or monthly digests: ``manage.py send_digests --frequency weekly``.

django-tasks has no scheduler: cron runs this command (README, « Alertes par courriel »); it
enqueues ``alerts.tasks.send_digests_task`` (run at once by the immediate backend, by
``make worker`` with the database queue). Running it again for the same period sends nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime
from django_tasks import TaskResultStatus

from alerts.models import Frequency
from alerts.tasks import send_digests_task


class Command(BaseCommand):
    help = "Prepare the period's digest and e-mail it to the subscribers who have something new."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=Frequency.values, required=True)
        parser.add_argument(
            "--now",
            help="ISO 8601 date-time taken as the present (to replay a period), e.g. 2026-12-07",
        )

    def handle(self, *args, frequency, now=None, **options):
        if now is not None and parse_datetime(now) is None:
            raise CommandError(f"--now {now!r}: not an ISO 8601 date-time (2026-12-07T08:00).")
        result = send_digests_task.enqueue(frequency, now)
        if result.status == TaskResultStatus.FAILED:
            raise CommandError(f"{frequency}: the task failed: {result.errors}")
        if result.status == TaskResultStatus.SUCCESSFUL:
            outcome = result.return_value
            self.stdout.write(
                f"{frequency}: digest {outcome['digest']}, {outcome['pages']} page(s), "
                f"{outcome['sent']} e-mail(s) sent, {outcome['failed']} failed (tried again at the "
                f"next run), {outcome['purged']} unconfirmed address(es) forgotten."
            )
        else:
            self.stdout.write(f"{frequency}: task {result.id} queued for the worker.")
