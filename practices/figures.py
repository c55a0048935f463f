"""Key figures for the home page (registered in home.registry.key_figures)."""

from django.utils.translation import ngettext

from .models import PracticePage, ToolPage


def practice_and_tool_figures():
    practices = PracticePage.objects.live().public().count()
    tools = ToolPage.objects.live().public().count()
    return [
        (ngettext("pratique partagée", "pratiques partagées", practices), practices),
        (ngettext("outil ou modèle partagé", "outils et modèles partagés", tools), tools),
    ]
