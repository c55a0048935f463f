"""About, contact, legal notice and the quick-exit note (linked from the footer)."""

from demo.data.pages import STANDARD_PAGES
from demo.loader import upsert_page
from home.models import StandardPage


def run(context):
    home = context.page("accueil")
    with context.step("pages standard", total=len(STANDARD_PAGES)) as progress:
        for spec in STANDARD_PAGES:
            _, status = upsert_page(
                context,
                home,
                StandardPage,
                spec["slug"],
                fields={
                    "title": spec["title"],
                    "introduction": spec["introduction"],
                    "body": spec["body"],
                    "show_in_menus": False,
                },
            )
            progress.done(status, spec["slug"])
