"""Tools and models, each with its documents generated from its French text (DOCX, ODT)."""

from demo.data.tools import TOOLS
from demo.files import BUILDERS, upsert_document
from demo.loader import upsert_page
from demo.steps.taxonomy import tags_for, themes_for
from demo.text import outline_to_html
from practices.models import MaterialLanguage, ToolPage

FORMAT_LABELS = {"docx": "Version Word (DOCX)", "odt": "Version OpenDocument (ODT)"}


def _documents(context, tool, language):
    collection = context.extra["collection"]
    rows, statuses = [], []
    for position, fmt in enumerate(tool["formats"]):
        data = BUILDERS[fmt](
            tool["title"], tool["outline"] + tool["file_extra"], subtitle=tool["summary"]
        )
        document, status = upsert_document(
            context, collection, f"{tool['title']} ({fmt.upper()})", f"{tool['slug']}.{fmt}", data
        )
        statuses.append(status)
        rows.append(
            {
                "document": document,
                "title": FORMAT_LABELS[fmt],
                "language": language,
                "sort_order": position,
            }
        )
    return rows, statuses


def run(context):
    languages = {language.code: language for language in MaterialLanguage.objects.all()}
    total = sum(1 + len(tool["formats"]) for tool in TOOLS)
    with context.step("outils et documents", total=total) as progress:
        for tool in TOOLS:
            org_slug = tool["organization"]
            organization = context.page(org_slug) if org_slug else None
            parent = organization or context.page("outils-et-modeles")
            main_language = languages[tool["languages"][0]]
            rows, statuses = _documents(context, tool, main_language)
            for status in statuses:
                progress.done(status, f"document {tool['slug']}")
            _, status = upsert_page(
                context,
                parent,
                ToolPage,
                tool["slug"],
                fields={
                    "title": tool["title"],
                    "kind": tool["kind"],
                    "summary": tool["summary"],
                    "description": outline_to_html(tool["outline"]),
                    "audience": tool["audience"],
                    "year": tool["year"],
                    "licence": tool["licence"],
                    "organization": organization,
                    "cover_image": context.images[tool["image"]] if tool["image"] else None,
                },
                m2m={
                    "languages": [languages[code] for code in tool["languages"]],
                    "communities": [context.page(slug) for slug in tool["communities"]],
                    "themes": themes_for(context, tool["themes"]),
                },
                tags=tags_for(context, tool["tags"]),
                move_to_parent=True,
                children={"documents": rows},
            )
            progress.done(status, tool["slug"])
