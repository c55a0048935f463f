"""Practices, each with a one-page "fiche pratique" (DOCX) written from its own fields."""

from cdp_portal.dates import long_date
from demo.data.practices import PRACTICES
from demo.files import build_docx, upsert_document
from demo.loader import upsert_page
from demo.steps.taxonomy import tags_for, themes_for
from demo.text import html_to_outline
from practices.models import PracticePage

SECTIONS = [
    ("problem", "Problème traité"),
    ("context", "Contexte"),
    ("approach", "Démarche"),
    ("results", "Résultats"),
    ("lessons_learned", "Leçons apprises"),
    ("challenges", "Difficultés"),
    ("replication_conditions", "Conditions de réplication"),
]


def fiche_outline(practice, organization):
    outline = []
    facts = [
        f"Organisation : {organization.title}" if organization else None,
        f"Lieux : {practice['places']}" if practice["places"] else None,
        f"Groupes cibles : {practice['target_groups']}" if practice["target_groups"] else None,
    ]
    if practice["period_start"]:
        period = long_date(practice["period_start"])
        if practice["period_end"]:
            period += " – " + long_date(practice["period_end"])
        facts.append(f"Période : {period}")
    outline.append(("ul", [fact for fact in facts if fact]))
    for field, label in SECTIONS:
        if practice.get(field):
            outline.append(("h", label))
            outline.extend(html_to_outline(practice[field]))
            if field == "results" and practice["result_figures"]:
                outline.append(
                    (
                        "ul",
                        [
                            f"{block['value']['value']} : {block['value']['label']}"
                            for block in practice["result_figures"]
                        ],
                    )
                )
    return outline


def run(context):
    collection = context.extra["collection"]
    with context.step("pratiques et fiches", total=2 * len(PRACTICES)) as progress:
        for practice in PRACTICES:
            org_slug = practice["organization"]
            organization = context.page(org_slug) if org_slug else None
            parent = organization or context.page("pratiques")
            title = f"Fiche pratique : {practice['title']}"
            data = build_docx(
                title, fiche_outline(practice, organization), subtitle=practice["summary"]
            )
            document, status = upsert_document(
                context, collection, title, f"fiche-pratique-{practice['slug']}.docx", data
            )
            progress.done(status, f"fiche {practice['slug']}")
            _, status = upsert_page(
                context,
                parent,
                PracticePage,
                practice["slug"],
                fields={
                    "title": practice["title"],
                    "summary": practice["summary"],
                    "problem": practice["problem"],
                    "context": practice["context"],
                    "places": practice["places"],
                    "approach": practice["approach"],
                    "results": practice["results"],
                    "result_figures": practice["result_figures"],
                    "lessons_learned": practice.get("lessons_learned", ""),
                    "challenges": practice.get("challenges", ""),
                    "replication_conditions": practice.get("replication_conditions", ""),
                    "target_groups": practice["target_groups"],
                    "period_start": practice["period_start"],
                    "period_end": practice["period_end"],
                    "organization": organization,
                    "main_image": context.images[practice["image"]] if practice["image"] else None,
                },
                m2m={
                    "communities": [context.page(slug) for slug in practice["communities"]],
                    "themes": themes_for(context, practice["themes"]),
                    "related_tools": [context.page(slug) for slug in practice["related_tools"]],
                },
                tags=tags_for(context, practice["tags"]),
                move_to_parent=True,
                children={
                    "attachments": [
                        {
                            "document": document,
                            "title": "Fiche pratique (Word, DOCX)",
                            "sort_order": 0,
                        },
                    ]
                },
            )
            progress.done(status, practice["slug"])
