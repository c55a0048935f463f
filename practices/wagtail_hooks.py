"""Admin: the shared vocabularies (themes, tags, material languages) in one « Classement » menu."""

from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.models import Theme

from .models import MaterialLanguage


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "folder-open-inverse"
    menu_label = _("Thèmes")
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    search_backend_name = None


class TagViewSet(SnippetViewSet):
    """One vocabulary for every page type: editors rename or remove a tag here once."""

    model = Tag
    icon = "tag"
    menu_label = _("Mots-clés")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None
    panels = [FieldPanel("name"), FieldPanel("slug")]


class MaterialLanguageViewSet(SnippetViewSet):
    model = MaterialLanguage
    icon = "site"
    menu_label = _("Langues des supports")
    list_display = ["name", "code", "position"]
    search_fields = ["name", "code"]
    search_backend_name = None
    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("position")]
    sort_order_field = "position"


class ClassificationGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, TagViewSet, MaterialLanguageViewSet)
    menu_icon = "tag"
    menu_label = _("Classement")
    menu_name = "classement"
    menu_order = 250


register_snippet(ClassificationGroup)
