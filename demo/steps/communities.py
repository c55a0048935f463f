"""The communities of practice (their lead organisation and state service are set by the
organisations step, once those pages exist)."""

from demo.data.communities import COMMUNITIES
from demo.loader import upsert_page
from home.models import CommunityPage


def run(context):
    index = context.page("communautes")
    with context.step("communautés", total=len(COMMUNITIES)) as progress:
        for community in COMMUNITIES:
            _, status = upsert_page(
                context,
                index,
                CommunityPage,
                community["slug"],
                fields={
                    "title": community["title"],
                    "region": community["region"],
                    "created_on": community["created_on"],
                    "project": community["project"],
                    "summary": community["summary"],
                    "search_description": community["search_description"],
                    "objectives": community["objectives"],
                    "way_of_working": community["way_of_working"],
                    "body": community["body"],
                },
            )
            progress.done(status, community["slug"])
