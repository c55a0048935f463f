"""One run of the digests of a frequency: prepare the period's digest, then write to each
confirmed subscriber whose choices have something new. Each subscription is claimed (its
``digest_until`` moved to the period's end) before its e-mail is sent, so a second run, or two
runs at once, never send it twice; nothing new means no e-mail."""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone, translation

from .digests import due_digest, pages_for_choices, period_text
from .mail import digest_message
from .models import CONFIRMATION_DAYS, Digest, Subscription

logger = logging.getLogger(__name__)


def purge_unconfirmed(now=None):
    """Forget addresses that never confirmed (least data): returns how many."""
    limit = (now or timezone.now()) - timedelta(days=CONFIRMATION_DAYS)
    deleted, _ = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=limit
    ).delete()
    return deleted


def send_digests(frequency, now=None):
    """E-mails in French whatever the language active where the task runs."""
    with translation.override("fr"):
        return _send_digests(frequency, now)


def _send_digests(frequency, now):
    purged = purge_unconfirmed(now)
    digest = due_digest(frequency, now)
    not_yet = Q(digest_until__isnull=True) | Q(digest_until__lt=digest.period_end)
    pending = (
        Subscription.objects.filter(frequency=frequency, confirmed_at__isnull=False)
        .filter(not_yet)
        .prefetch_related("communities", "themes", "tags")
        .order_by("pk")
    )
    memo = {}
    period = period_text(digest)
    sent = failed = 0
    with get_connection() as connection:
        for subscription in pending:
            claimed = (
                Subscription.objects.filter(pk=subscription.pk)
                .filter(not_yet)
                .update(digest_until=digest.period_end)
            )
            if not claimed:
                continue
            pages = pages_for_choices(digest, subscription.choice_lookups(), memo)
            if not pages:
                continue
            message = digest_message(subscription, digest, pages, period)
            message.connection = connection
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                # Given back: the next run tries this subscriber again.
                logger.exception("Digest %s not sent to %s", digest.pk, subscription.pk)
                Subscription.objects.filter(pk=subscription.pk).update(
                    digest_until=subscription.digest_until
                )
                failed += 1
                continue
            sent += 1
    if sent:
        Digest.objects.filter(pk=digest.pk).update(sent_count=F("sent_count") + sent)
    return {
        "digest": digest.pk,
        "pages": digest.pages.count(),
        "sent": sent,
        "failed": failed,
        "purged": purged,
    }
