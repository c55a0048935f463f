from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    """Offline reading: the installable site (manifest, service worker, « hors ligne » page)
    and the offline packs of each community and theme. Imports ``practices`` and ``home``,
    never the reverse (like ``search``)."""

    name = "offline"
    verbose_name = _("Lecture hors ligne")

    def ready(self):
        # The receivers import models: they can only load once the app registry is ready.
        from . import signals

        signals.connect()
