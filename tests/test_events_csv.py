"""CSV export of the follow-up table: opens in a French spreadsheet with accents intact."""

import csv
import datetime
import io

import pytest

from events.models import FollowUpNote, FollowUpPage, RecommendationStatus, SustainabilityPlan
from tests.conftest import shared_data
from tests.factories import (
    add_page,
    make_community,
    make_event_index,
    make_frame,
    make_meeting,
    make_organization,
    make_recommendation,
)


@pytest.fixture
def tracked(request, _site_tree_pks):
    """Meetings and plans with recommendations: built once for consecutive tests (tests/conftest.py,
    ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_tracked)


def build_tracked(site_tree):
    tree = site_tree
    tree.segou = make_community(tree, "Ségou", slug="segou")
    tree.kayes = make_community(tree, "Kayes", region="Kayes", slug="kayes")
    tree.frame = make_frame(tree, "Mariage d'enfants", slug="mariage-d-enfants")
    tree.org = make_organization(
        tree,
        "Direction régionale de la Promotion de la Femme",
        acronym="DRPFEF Ségou",
        slug="drpfef-segou",
    )
    tree.agenda = make_event_index(tree)
    add_page(
        tree.home, FollowUpPage(title="Suivi des recommandations", slug="suivi-des-recommandations")
    )
    meeting = make_meeting(
        tree.agenda,
        "Comité régional d'orientation VBG",
        communities=[tree.segou],
        concertation_frame=tree.frame,
        start_date=datetime.date(2025, 10, 2),
    )
    tree.rec = make_recommendation(
        meeting,
        text="Élaborer une stratégie de prévention à Ségou",
        responsible_organization=tree.org,
        due_date=datetime.date(2026, 1, 31),
        status=RecommendationStatus.IN_PROGRESS,
    )
    FollowUpNote.objects.create(
        recommendation=tree.rec,
        date=datetime.date(2026, 1, 5),
        text="Atelier de validation prévu à Ségou",
    )
    plan = SustainabilityPlan.objects.create(
        title="Plan de pérennisation de Kayes", community=tree.kayes
    )
    tree.formula = make_recommendation(
        plan=plan,
        text='=HYPERLINK("http://example.org")',
        responsible_other="CdP de Kayes",
        status=RecommendationStatus.DONE,
    )
    return tree


def _rows(response):
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark, so that Excel reads accents"
    text = body.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_export_is_utf8_with_bom_semicolons_and_french_dates(client, tracked):
    response = client.get("/suivi-des-recommandations/export-csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="suivi-recommandations-'
    )
    rows = _rows(response)
    assert rows[0][:3] == ["Identifiant", "Type", "Origine"]
    assert "Échéance" in rows[0] and "Communautés" in rows[0]
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    rec = by_id[str(tracked.rec.pk)]
    assert rec["Recommandation ou action"] == "Élaborer une stratégie de prévention à Ségou"
    assert rec["Origine"] == "Comité régional d'orientation VBG"
    assert rec["Date de l'origine"] == "02/10/2025"
    assert rec["Communautés"] == "Ségou"
    assert rec["Cadre de concertation"] == "Mariage d'enfants"
    assert rec["Responsable"] == "DRPFEF Ségou"
    assert rec["Échéance"] == "31/01/2026"
    assert rec["Statut"] == "En cours"
    assert rec["Dernière note de suivi"] == "05/01/2026 : Atelier de validation prévu à Ségou"
    action = by_id[str(tracked.formula.pk)]
    assert action["Type"] == "Action du plan" and action["Communautés"] == "Kayes"
    assert action["Statut"] == "Réalisée"
    # A cell starting with "=" is not run as a formula by the spreadsheet.
    assert action["Recommandation ou action"].startswith("'=")


def test_export_keeps_the_filters(client, tracked):
    rows = _rows(client.get("/suivi-des-recommandations/export-csv/?communaute=kayes"))
    assert [row[0] for row in rows[1:]] == [str(tracked.formula.pk)]
    rows = _rows(client.get("/suivi-des-recommandations/export-csv/?statut=in_progress&statut=zzz"))
    assert [row[0] for row in rows[1:]] == [str(tracked.rec.pk)]


def test_export_with_unknown_filters_still_answers(client, tracked):
    response = client.get("/suivi-des-recommandations/export-csv/?communaute=%3Cx%3E&page=abc")
    assert response.status_code == 200
    assert len(_rows(response)) == 3
