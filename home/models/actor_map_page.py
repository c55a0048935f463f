from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .section_pages import SectionPage


class ActorMapPage(SectionPage):
    """« Carte des acteurs »: where organisations are based and their practices were carried
    out, one point per commune over Mali's outline, drawn on the server (home.actor_map)."""

    # Dotted, like a listing's filterset_class: home.actor_map imports the models.
    map_class = "home.actor_map.ActorMap"
    subpage_types = []

    class Meta:
        verbose_name = _("carte des acteurs")
        verbose_name_plural = _("cartes des acteurs")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        actor_map = import_string(self.map_class)(request)
        context.update(actor_map=actor_map, listing=actor_map)
        return context
