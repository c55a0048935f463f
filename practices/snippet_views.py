"""Admin of the vocabulary practices owns: the languages of a tool's material. Shown in home's
« Classement » menu (registered from PracticesConfig.ready())."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.snippet_views import PortalSnippetViewSet

from .models import MaterialLanguage


class MaterialLanguageViewSet(PortalSnippetViewSet):
    model = MaterialLanguage
    icon = "site"
    menu_label = _("Langues des supports")
    add_item_label = _("Ajouter une langue")
    list_display = ["name", "code", "position"]
    search_fields = ["name", "code"]
    search_backend_name = None
    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("position")]
    sort_order_field = "position"
