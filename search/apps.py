from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The receivers and checks import models: they can only load once the app registry is ready.
        from . import checks, signals  # noqa: F401

        signals.connect()
