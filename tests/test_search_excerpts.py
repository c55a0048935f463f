"""A search result's excerpt keeps a page's fields apart: a meeting's commune, attendance and
frame read « Ségou · Structures et organisations membres des CdP · … », not run together."""

import re

from search.records import record_for_page

from .factories import make_event_index, make_meeting, make_organization, make_practice


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


def test_a_key_figure_reads_with_what_it_counts_in_the_excerpt(site_tree, client):
    practice = make_practice(
        make_organization(site_tree, "APROFEM"),
        "Fresques murales",
        summary="Des fresques peintes sur les murs des écoles.",
        result_figures=[
            ("figure", {"value": "41", "label": "participants au cadre sur le mariage d'enfants"})
        ],
    )
    body = record_for_page(practice)["body"]
    assert "41 participants au cadre sur le mariage d'enfants" in body
    assert "41 · participants" not in body
    response = client.get("/recherche/", {"q": "participants mariage"})
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    assert "Fresques murales" in text
    assert "41 · participants" not in text
