"""Admin of the shared vocabularies home owns (themes, tags), and the « Classement » menu that
gathers them with the vocabularies other apps register (home.registry.classification_viewsets;
practices adds its material languages)."""

from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import registry
from .models import Place, Theme


class PortalSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose add button has the right article (« Ajouter un thème »):
    Wagtail's French « Ajouter un(e) %(model_name)s » cannot know the gender of the name."""

    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(**kwargs)
        if self.add_item_label:
            kwargs["add_item_label"] = self.add_item_label
        return kwargs


class ThemeViewSet(PortalSnippetViewSet):
    model = Theme
    add_item_label = _("Ajouter un thème")
    icon = "folder-open-inverse"
    menu_label = _("Thèmes")
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    search_backend_name = None


class TagViewSet(PortalSnippetViewSet):
    """One vocabulary for every page type: editors rename or remove a tag here once."""

    model = Tag
    icon = "tag"
    menu_label = _("Mots-clés")
    add_item_label = _("Ajouter un mot-clé")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None
    panels = [FieldPanel("name"), FieldPanel("slug")]


class PlaceViewSet(PortalSnippetViewSet):
    """The communes the actor map places (home.actor_map), with their coordinates."""

    model = Place
    icon = "site"
    menu_label = _("Communes")
    add_item_label = _("Ajouter une commune")
    list_display = ["name", "region", "latitude", "longitude"]
    list_filter = ["region"]
    search_fields = ["name", "other_names"]
    search_backend_name = None


class ClassificationGroup(SnippetViewSetGroup):
    menu_icon = "tag"
    menu_label = _("Classement")
    menu_name = "classement"
    menu_order = 250

    def __init__(self, *args, **kwargs):
        # Other apps register their viewsets from their AppConfig.ready(), which runs before
        # the admin hooks are loaded.
        self.items = (ThemeViewSet, TagViewSet, PlaceViewSet, *registry.classification_viewsets)
        super().__init__(*args, **kwargs)
