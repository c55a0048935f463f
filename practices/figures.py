"""Key figures for the home page (registered in home.registry.key_figures)."""

from django.utils.translation import ngettext, npgettext

from home.listing import plural_number

from .models import PracticePage, ToolPage


def practice_and_tool_figures():
    practices = PracticePage.objects.live().public().count()
    tools = ToolPage.objects.live().public().count()
    return [
        (ngettext("pratique partagée", "pratiques partagées", plural_number(practices)), practices),
        # A context: the model's verbose name is the same words without plural, and a catalogue
        # entry is either plural or not (gettext would miss the model's name).
        (
            npgettext("chiffre clé", "outil ou modèle", "outils et modèles", plural_number(tools)),
            tools,
        ),
    ]
