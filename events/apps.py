from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.registry import register_classified_model, register_dataset, register_key_figure


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Réunions et suivi")

    def ready(self):
        # These modules import models: they can only load once the app registry is ready.
        from .datasets import MEETINGS, RESULTS
        from .key_figures import meetings_held, participants
        from .models import MeetingPage

        register_classified_model(MeetingPage)
        register_key_figure(meetings_held)
        register_key_figure(participants)
        register_dataset(MEETINGS)
        register_dataset(RESULTS)
