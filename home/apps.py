from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .registry import register_dataset


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil et communautés")

    def ready(self):
        # These modules import models: they can only load once the app registry is ready.
        from . import signals  # noqa: F401 - the content version's receivers
        from .datasets import ORGANIZATIONS
        from .notifications import register_notifiers
        from .public_url import apply_after_migrate

        register_notifiers()
        register_dataset(ORGANIZATIONS)
        post_migrate.connect(apply_after_migrate, sender=self)
