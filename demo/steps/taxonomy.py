"""Themes (controlled list), the shared tag vocabulary and the "Démo" collection."""

from taggit.models import Tag

from demo.data.tags import TAGS
from demo.data.themes import THEMES
from demo.files import demo_collection
from demo.loader import CREATED, UNCHANGED, upsert_object
from home.models import Theme


def run(context):
    with context.step("thèmes et mots-clés", total=len(THEMES) + len(TAGS)) as progress:
        context.extra["collection"] = demo_collection()
        for theme in THEMES:
            obj, status = upsert_object(
                context,
                Theme,
                {"slug": theme["slug"]},
                {"name": theme["name"], "description": theme["description"]},
            )
            context.themes[theme["slug"]] = obj
            progress.done(status, theme["slug"])
        for name in TAGS:
            context.current = f"mot-clé « {name} »"
            tag = Tag.objects.filter(name__iexact=name).first()
            status = UNCHANGED
            if tag is None:
                tag = Tag.objects.create(name=name)
                status = CREATED
            context.tags[name] = tag
            progress.done(status, name)


def tags_for(context, names):
    """Tag objects for ``names``; a name outside demo/data/tags.py is an error in the data."""
    missing = [name for name in names if name not in context.tags]
    if missing:
        raise KeyError(f"mots-clés absents de demo/data/tags.py : {', '.join(missing)}")
    return [context.tags[name] for name in names]


def themes_for(context, slugs):
    missing = [slug for slug in slugs if slug not in context.themes]
    if missing:
        raise KeyError(f"thèmes absents de demo/data/themes.py : {', '.join(missing)}")
    return [context.themes[slug] for slug in slugs]
