"""Every organisation the sources name; then each community's lead organisation and
accompanying state service."""

from demo.data.communities import COMMUNITIES
from demo.data.organisations import ORGANISATIONS
from demo.loader import upsert_page
from home.models import CommunityPage, OrganizationPage


def run(context):
    index = context.page("organisations")
    total = len(ORGANISATIONS) + len(COMMUNITIES)
    with context.step("organisations", total=total) as progress:
        for org in ORGANISATIONS:
            _, status = upsert_page(
                context,
                index,
                OrganizationPage,
                org["slug"],
                fields={
                    "title": org["title"],
                    "acronym": org["acronym"],
                    "kind": org["kind"],
                    "role": org["role"],
                    "commune": org["commune"],
                    "description": org["description"],
                },
                m2m={"communities": [context.page(slug) for slug in org["communities"]]},
            )
            progress.done(status, org["slug"])
        for community in COMMUNITIES:
            lead, service = community["lead"], community["state_service"]
            _, status = upsert_page(
                context,
                context.page("communautes"),
                CommunityPage,
                community["slug"],
                fields={
                    "lead_organization": context.page(lead) if lead else None,
                    "state_service": context.page(service) if service else None,
                },
            )
            progress.done(status, f"{community['slug']} (organisation porteuse)")
