"""Who asked for the news by e-mail, and the digests sent.

A subscription keeps the least it can: the address, the choices, the frequency and dates, and
a random token that its links carry (manage, unsubscribe, confirm). Nothing else is stored
(no name, no address of the requester, no opening or click tracking)."""

import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A confirmation link (and an unconfirmed subscription) lives this long.
CONFIRMATION_DAYS = 7


def new_token():
    return secrets.token_urlsafe(32)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("chaque semaine")
    MONTHLY = "monthly", _("chaque mois")


class Subscription(models.Model):
    email = models.EmailField(_("adresse électronique"), unique=True)
    frequency = models.CharField(
        _("fréquence"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    everything = models.BooleanField(_("toutes les nouveautés"), default=False)
    communities = models.ManyToManyField(
        "home.CommunityPage", blank=True, related_name="+", verbose_name=_("communautés")
    )
    themes = models.ManyToManyField(
        "home.Theme", blank=True, related_name="+", verbose_name=_("thèmes")
    )
    tags = models.ManyToManyField(
        "taggit.Tag", blank=True, related_name="+", verbose_name=_("mots-clés")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    # The last confirmation or reminder e-mail: one per address per MAIL_INTERVAL.
    mailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # End of the period of the last digest this subscription was considered for.
    digest_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")

    def __str__(self):
        return self.email

    @property
    def confirmed(self):
        return self.confirmed_at is not None

    def confirmation_expired(self, now=None):
        now = now or timezone.now()
        return not self.confirmed and self.created_at < now - timedelta(days=CONFIRMATION_DAYS)

    def choice_lookups(self):
        """``home.listing.carrying`` lookups, one per choice; ``[{}]`` for everything."""
        if self.everything:
            return [{}]
        return (
            [{"communities": c} for c in self.communities.all()]
            + [{"themes": t} for t in self.themes.all()]
            + [{"tags": t} for t in self.tags.all()]
        )


class Digest(models.Model):
    """What was published in one period, for one frequency. The pages are re-checked for
    visibility whenever the digest is read (a page unpublished or restricted since drops out)."""

    frequency = models.CharField(_("fréquence"), max_length=10, choices=Frequency.choices)
    period_start = models.DateTimeField(_("début"))
    period_end = models.DateTimeField(_("fin"))
    created_at = models.DateTimeField(_("préparé le"), auto_now_add=True)
    pages = models.ManyToManyField("wagtailcore.Page", blank=True, related_name="+")
    sent_count = models.PositiveIntegerField(_("courriels envoyés"), default=0)

    class Meta:
        verbose_name = _("lettre de nouveautés")
        verbose_name_plural = _("lettres de nouveautés")
        ordering = ["-period_end", "frequency"]
        constraints = [
            models.UniqueConstraint(
                fields=["frequency", "period_end"], name="alerts_digest_one_per_period"
            )
        ]

    def __str__(self):
        period = f"{self.period_start:%Y-%m-%d} – {self.period_end:%Y-%m-%d}"
        return f"{self.get_frequency_display()} {period}"

    @property
    def last_day(self):
        """The period's last day (its end is the next day at midnight)."""
        return timezone.localdate(self.period_end) - timedelta(days=1)
