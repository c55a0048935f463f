"""Confirmed CSV imports, so that one preview can be confirmed once only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportConfirmation(models.Model):
    """One row per confirmed preview. The preview's signed token carries a random nonce; the
    unique constraint on it makes « confirm » atomic: a second submission of the same preview
    (double click, back button, a replayed request) finds the row and writes nothing."""

    nonce = models.CharField(_("jeton"), max_length=64, unique=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("confirmée par"),
    )
    item_count = models.PositiveIntegerField(_("éléments mis à jour"), default=0)

    class Meta:
        verbose_name = _("import CSV confirmé")
        verbose_name_plural = _("imports CSV confirmés")

    def __str__(self):
        return f"{self.nonce[:8]}… ({self.confirmed_at:%d/%m/%Y %H:%M})"
