"""The three concertation frames, with their participant figures and related content."""

from demo.data.frames import FRAMES
from demo.loader import upsert_page
from demo.steps.taxonomy import tags_for, themes_for
from practices.models import ConcertationFramePage


def run(context):
    index = context.page("cadres-de-concertation")
    with context.step("cadres de concertation", total=len(FRAMES)) as progress:
        for frame in FRAMES:
            _, status = upsert_page(
                context,
                index,
                ConcertationFramePage,
                frame["slug"],
                fields={
                    "title": frame["title"],
                    "theme": context.themes[frame["theme"]],
                    "summary": frame["summary"],
                    "objectives": frame["objectives"],
                    "strategies": frame["strategies"],
                    "participant_count": frame["participant_count"],
                    "organization_count": None,
                    "body": frame["body"],
                },
                m2m={
                    "communities": [context.page(slug) for slug in frame["communities"]],
                    "themes": themes_for(context, frame["themes"]),
                    "related_practices": [context.page(s) for s in frame["related_practices"]],
                    "related_tools": [context.page(s) for s in frame["related_tools"]],
                },
                tags=tags_for(context, frame["tags"]),
            )
            progress.done(status, frame["slug"])
