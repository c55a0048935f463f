"""The filters of the practice, tool and concertation-frame listings.

The page models import this module, so it takes the listed model as an argument instead of
importing the models back.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.listing import (
    PARAM_KIND,
    PARAM_LANGUAGE,
    community_filter,
    field_choice_filter,
    organization_filter,
    plural_number,
    relation_filter,
    tag_filter,
    theme_filter,
    with_card_relations,
)


def count_practices(count):
    return ngettext("%(count)s pratique", "%(count)s pratiques", plural_number(count)) % {
        "count": intcomma(count)
    }


def count_tools(count):
    return ngettext(
        "%(count)s outil ou modèle", "%(count)s outils et modèles", plural_number(count)
    ) % {"count": intcomma(count)}


def count_frames(count):
    return ngettext(
        "%(count)s cadre de concertation", "%(count)s cadres de concertation", plural_number(count)
    ) % {"count": intcomma(count)}


def newest_first(model):
    """Every live public page of ``model`` wherever it lives, ready for cards."""
    queryset = model.objects.live().public().defer_streamfields()
    return with_card_relations(queryset).order_by("-first_published_at", "-pk")


def practice_filters(model):
    return [
        community_filter(),
        theme_filter(),
        tag_filter(model),
        organization_filter(model),
    ]


def tool_filters(model):
    languages = model._meta.get_field("languages").related_model
    return [
        community_filter(),
        theme_filter(),
        tag_filter(model),
        organization_filter(model),
        field_choice_filter(
            PARAM_KIND, _("Type d'outil"), "kind", model._meta.get_field("kind").choices
        ),
        relation_filter(
            PARAM_LANGUAGE,
            _("Langue"),
            lambda: languages.objects.values_list("code", "name"),
            "languages__code",
            all_label=_("Toutes"),
        ),
    ]


def frame_filters():
    return [community_filter(), theme_filter()]
