"""The filters of the practice, tool and concertation-frame listings (see home/filters.py)."""

from django.utils.translation import gettext_lazy as _

from home.filters import (
    ListingFilter,
    ListingFilterSet,
    commune_filter,
    community_filter,
    field_choice_filter,
    organization_filter,
    tag_filter,
    theme_filter,
)
from home.listing import PARAM_KIND, PARAM_LANGUAGE

from .models import MaterialLanguage, ToolKind


class ClassifiedFilterSet(ListingFilterSet):
    community = community_filter()
    theme = theme_filter()
    tag = tag_filter()
    organization = organization_filter()


class PracticeFilterSet(ClassifiedFilterSet):
    commune = commune_filter("places", several=True)


class ToolFilterSet(ClassifiedFilterSet):
    kind = field_choice_filter(PARAM_KIND, _("Type d'outil"), "kind", ToolKind.choices)
    language = ListingFilter(
        PARAM_LANGUAGE,
        _("Langue"),
        lambda queryset: MaterialLanguage.objects.values_list("code", "name"),
        "languages__code",
        all_label=_("Toutes"),
        content_labels=True,
    )


class FrameFilterSet(ListingFilterSet):
    community = community_filter()
    theme = theme_filter()
