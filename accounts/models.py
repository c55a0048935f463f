from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Portal account. Member organisations are reached through Wagtail groups; the
    profile fields are here so that they can grow without a swap of user model."""

    phone = models.CharField(_("téléphone"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("langue préférée"),
        max_length=8,
        blank=True,
        choices=[("fr", "Français"), ("en", "English")],
    )

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
