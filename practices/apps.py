from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.registry import (
    register_classification_viewset,
    register_classified_model,
    register_dataset,
    register_key_figure,
)


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Pratiques, outils et cadres de concertation")

    def ready(self):
        # These modules import models: they can only load once the app registry is ready.
        from . import signals  # noqa: F401
        from .datasets import PRACTICES, TOOLS
        from .figures import practice_and_tool_figures
        from .models import ConcertationFramePage, PracticePage, ToolPage
        from .snippet_views import MaterialLanguageViewSet

        for model in (PracticePage, ToolPage, ConcertationFramePage):
            register_classified_model(model)
        register_key_figure(practice_and_tool_figures)
        register_classification_viewset(MaterialLanguageViewSet)
        register_dataset(PRACTICES)
        register_dataset(TOOLS)
