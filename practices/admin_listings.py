"""Flat admin listings of the practices and the tools (Wagtail's PageListingViewSet), filtered
by the public listings' own FilterSets (practices/filters.py) next to Wagtail's page filters:
a filter is changed in one place for the visitor and the editor."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .filters import PracticeFilterSet, ToolFilterSet
from .models import PracticePage, ToolPage


class PracticeAdminFilterSet(PracticeFilterSet, PageFilterSet):
    class Meta:
        model = PracticePage
        fields = []


class ToolAdminFilterSet(ToolFilterSet, PageFilterSet):
    class Meta:
        model = ToolPage
        fields = []


class PracticeListingViewSet(PageListingViewSet):
    model = PracticePage
    icon = "doc-full"
    menu_label = _("Pratiques")
    add_to_admin_menu = True
    menu_order = 110
    name = "pratiques"
    filterset_class = PracticeAdminFilterSet


class ToolListingViewSet(PageListingViewSet):
    model = ToolPage
    icon = "doc-full-inverse"
    menu_label = _("Outils et modèles")
    add_to_admin_menu = True
    menu_order = 120
    name = "outils"
    filterset_class = ToolAdminFilterSet
