"""Agenda, follow-up and results pages; every gathering of the sources with its
recommendations; the two sustainability plans and their actions (events app)."""

from demo.data import meetings as data
from demo.data.pages import MENU_TITLES
from demo.loader import upsert_object, upsert_page
from demo.steps.taxonomy import tags_for, themes_for
from events.models import (
    EventIndexPage,
    FollowUpPage,
    MeetingPage,
    Recommendation,
    ResultsPage,
    SustainabilityPlan,
)

MEETING_FIELDS = (
    "kind",
    "summary",
    "start_date",
    "end_date",
    "venue",
    "commune",
    "online_url",
    "other_organizations",
    "chair_function",
    "chair_name",
    "attendance",
    "participants_total",
    "organizations_reached",
    "people_reached",
    "reach_details",
    "agenda",
    "minutes",
    "decisions",
    "outcomes",
)
DEFAULTS = {
    "summary": "",
    "start_date": None,
    "end_date": None,
    "venue": "",
    "commune": "",
    "online_url": "",
    "other_organizations": "",
    "chair_function": "",
    "chair_name": "",
    "attendance": "",
    "participants_total": None,
    "organizations_reached": None,
    "people_reached": None,
    "reach_details": "",
    "agenda": "",
    "minutes": [],
    "decisions": "",
    "outcomes": "",
}


def _meeting_specs():
    frame_sessions = [
        {
            "slug": spec["slug"],
            "title": spec["title"],
            "kind": "concertation",
            "summary": spec["summary"],
            "participants_total": spec["participants_total"],
            "commune": "Ségou",
            "frame": spec["frame"],
            "communities": ["segou"],
            "themes": spec["themes"],
            "tags": spec["tags"],
            "organizers": ["aprofem"],
            "other_organizations": "Structures et organisations membres des CdP",
        }
        for spec in data.FRAME_SESSIONS
    ]
    return [
        data.VBG_COMMITTEE,
        data.SHE_LEADS,
        data.CCS_WORKSHOPS,
        data.KAFAMUYA,
        *frame_sessions,
        data.ARTISTIC_WALLS,
        data.EXCHANGE_VISIT,
        data.WEBINARS,
    ]


def _recommendations(context, progress, spec, meeting=None, plan=None):
    for position, item in enumerate(spec, start=1):
        responsible = item.get("responsible")
        lookup = {"meeting": meeting, "plan": plan, "position": position}
        _, status = upsert_object(
            context,
            Recommendation,
            lookup,
            {
                "text": item["text"],
                "responsible_organization": context.page(responsible) if responsible else None,
                "responsible_other": item.get("responsible_other", ""),
                "status": item["status"],
                "due_date": None,
            },
        )
        progress.done(status, f"recommandation {position}")


def run(context):
    home = context.page("accueil")
    specs = _meeting_specs()
    total = (
        3
        + len(specs)
        + sum(len(s.get("recommendations", [])) for s in specs)
        + len(data.PLANS) * (1 + len(data.PLAN_ACTIONS))
    )
    with context.step("rencontres et suivi", total=total) as progress:
        pages = {}
        for model, spec in (
            (EventIndexPage, data.INDEX),
            (FollowUpPage, data.FOLLOW_UP),
            (ResultsPage, data.RESULTS),
        ):
            pages[spec["slug"]], status = upsert_page(
                context,
                home,
                model,
                spec["slug"],
                fields={
                    "title": spec["title"],
                    "introduction": spec["introduction"],
                    "show_in_menus": True,
                    "menu_title": MENU_TITLES.get(spec["slug"], ""),
                },
            )
            progress.done(status, spec["slug"])

        for spec in specs:
            fields = {"title": spec["title"]}
            fields.update({name: spec.get(name, DEFAULTS.get(name)) for name in MEETING_FIELDS})
            frame = spec.get("frame")
            fields["concertation_frame"] = context.page(frame) if frame else None
            meeting, status = upsert_page(
                context,
                pages[data.INDEX["slug"]],
                MeetingPage,
                spec["slug"],
                fields=fields,
                m2m={
                    "communities": [context.page(s) for s in spec.get("communities", [])],
                    "themes": themes_for(context, spec.get("themes", [])),
                    "organizers": [context.page(s) for s in spec.get("organizers", [])],
                    "participating_organizations": [
                        context.page(s) for s in spec.get("participating", [])
                    ],
                },
                tags=tags_for(context, spec.get("tags", [])),
                children={"sessions": spec.get("sessions", [])},
            )
            progress.done(status, spec["slug"])
            _recommendations(context, progress, spec.get("recommendations", []), meeting=meeting)

        visit = context.page(data.EXCHANGE_VISIT["slug"])
        for spec in data.PLANS:
            community = context.page(spec["community"])
            plan, status = upsert_object(
                context,
                SustainabilityPlan,
                {"community": community, "title": spec["title"]},
                {
                    "source_meeting": visit,
                    "summary": data.PLAN_SUMMARY,
                    "monitoring": data.PLAN_MONITORING,
                    "adopted_on": None,
                    "lead_organization": context.page(spec["lead"]) if spec["lead"] else None,
                },
            )
            progress.done(status, spec["title"])
            actions = [
                {
                    "text": text.format(community=spec["name"]),
                    "status": status_value,
                    "responsible": spec["lead"],
                    "responsible_other": "" if spec["lead"] else f"CdP de {spec['name']}",
                }
                for text, status_value in data.PLAN_ACTIONS
            ]
            _recommendations(context, progress, actions, plan=plan)
