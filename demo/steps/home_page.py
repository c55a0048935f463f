"""The home page's own content and featured items, once everything it points to exists."""

from demo.data.pages import HOME
from demo.loader import upsert_page
from home.models import HomePage


def run(context):
    with context.step("contenu de l'accueil", total=1) as progress:
        home = context.page("accueil")
        _, status = upsert_page(
            context,
            home.get_parent(),
            HomePage,
            HOME["slug"],
            fields={
                "seo_title": HOME["seo_title"],
                "search_description": HOME["search_description"],
                "introduction": HOME["introduction"],
                "body": HOME["body"],
            },
            children={
                "featured_items": [
                    {"target": context.page(slug), "blurb": blurb, "sort_order": position}
                    for position, (slug, blurb) in enumerate(HOME["featured"])
                ]
            },
        )
        progress.done(status, "accueil")
