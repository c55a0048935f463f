"""A search result's excerpt keeps a page's fields apart: a meeting's commune, attendance and
frame read « Ségou · Structures et organisations membres des CdP · … », not run together."""

import re

from search.records import record_for_page

from .factories import make_event_index, make_meeting


def test_meeting_excerpt_separates_its_fields(site_tree, client):
    agenda = make_event_index(site_tree)
    meeting = make_meeting(
        agenda,
        "Cadre de concertation",
        summary="",
        commune="Ségou",
        attendance="Structures et organisations membres des CdP",
        outcomes="Un plan adopté. Des actions suivies",
    )
    body = record_for_page(meeting)["body"]
    assert "Ségou · Structures et organisations membres des CdP · Un plan adopté." in body
    assert "Ségou Structures" not in body
    response = client.get("/recherche/", {"q": "Structures"})
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    assert "Ségou · Structures et organisations membres des CdP · Un plan adopté." in text
