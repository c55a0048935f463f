"""The practices' and tools' open-data datasets (see home.opendata)."""

from django.utils.translation import gettext_lazy as _

from home.content_version import public
from home.datasets import dated_columns, live_titles, page_columns, page_row
from home.listing import NEWEST_FIRST
from home.opendata import Column, Dataset, export_prefetch, related, with_card_lists

from .models import PracticePage, ToolDocument, ToolPage
from .voice_notes import voice_note_urls


def voice_note_column():
    """The addresses of a page's voice notes (their language and transcript are in the API)."""
    return Column("voice_notes", _("Notes vocales"))


def classified_columns():
    return [
        Column("organization", _("Organisation")),
        Column("communities", _("Communautés")),
        Column("themes", _("Thèmes")),
        Column("tags", _("Mots-clés")),
    ]


def classified_row(page):
    organization = page.organization
    return {
        "organization": organization.display_name
        if organization is not None and organization.live
        else None,
        "communities": live_titles(related(page, "communities")),
        "themes": [theme.name for theme in related(page, "themes")],
        "tags": [tag.name for tag in related(page, "tags")],
    }


def practice_row(page, root):
    return {
        **page_row(page, root),
        **classified_row(page),
        "summary": page.summary,
        "places": page.place_list,
        "target_groups": page.target_groups,
        "period_start": page.period_start,
        "period_end": page.period_end,
        "figures": [
            f"{block.value['value']} {block.value['label']}" for block in page.result_figures
        ],
        "voice_notes": voice_note_urls(page, root),
    }


def prepare_practices(queryset):
    return with_card_lists(queryset).prefetch_related("voice_notes")


PRACTICES = Dataset(
    slug="pratiques",
    title=_("Pratiques"),
    description=_(
        "Les pratiques publiées par les organisations : résumé, lieux, période, "
        "groupes cibles, résultats chiffrés et classement."
    ),
    columns=[
        *page_columns(),
        Column("summary", _("Résumé")),
        *classified_columns(),
        Column("places", _("Lieux")),
        Column("target_groups", _("Groupes cibles")),
        Column("period_start", _("Début")),
        Column("period_end", _("Fin")),
        Column("figures", _("Résultats chiffrés")),
        voice_note_column(),
        *dated_columns(),
    ],
    queryset=lambda: public(PracticePage.objects.live()).order_by(*NEWEST_FIRST),
    row=practice_row,
    streamfields=("result_figures",),
    position=10,
    filterset="practices.filters.PracticeFilterSet",
    prepare=prepare_practices,
)


def tool_row(page, root):
    return {
        **page_row(page, root),
        **classified_row(page),
        "kind": str(page.get_kind_display()),
        "summary": page.summary,
        "year": page.year,
        "licence": str(page.get_licence_display()),
        "languages": [language.name for language in related(page, "languages")],
        "documents": [root + row.document.url for row in related(page, "documents")],
        "voice_notes": voice_note_urls(page, root),
    }


def prepare_tools(queryset):
    return export_prefetch(
        with_card_lists(queryset),
        documents=ToolDocument.objects.select_related("document"),
    ).prefetch_related("voice_notes")


TOOLS = Dataset(
    slug="outils",
    title=_("Outils et modèles"),
    description=_(
        "Les guides, modules de formation, modèles et supports publiés : type, année, "
        "licence, langues et adresses des fichiers téléchargeables."
    ),
    columns=[
        *page_columns(),
        Column("kind", _("Type d'outil")),
        Column("summary", _("Résumé")),
        *classified_columns(),
        Column("year", _("Année")),
        Column("licence", _("Licence")),
        Column("languages", _("Langues")),
        Column("documents", _("Fichiers")),
        voice_note_column(),
        *dated_columns(),
    ],
    queryset=lambda: public(ToolPage.objects.live()).order_by(*NEWEST_FIRST),
    row=tool_row,
    position=20,
    filterset="practices.filters.ToolFilterSet",
    prepare=prepare_tools,
)
