"""The Wagtail admin: validation errors on meetings and recommendations (nothing saved),
bulk status update, CSV import with preview and per-row errors."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.test.utils.form_data import querydict_from_html

from events.models import FollowUpNote, MeetingPage, Recommendation, SustainabilityPlan
from home.workflows import ensure_default_workflow
from tests.conftest import shared_data
from tests.factories import (
    make_community,
    make_event_index,
    make_meeting,
    make_organization,
    make_recommendation,
)


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editrice", "editrice@example.org", "mot-de-passe-long"
    )
    client.force_login(user)
    return client


@pytest.fixture
def records(request, _site_tree_pks):
    """A meeting with two recommendations and a plan with an action: built once for consecutive
    tests (tests/conftest.py, ``shared_data``; ask for it before ``editor``, which opens the
    test's transaction)."""
    return shared_data(request, _site_tree_pks, build_records)


def build_records(site_tree):
    tree = site_tree
    tree.segou = make_community(tree, "Ségou", slug="segou")
    tree.aprofem = make_organization(tree, "APROFEM", acronym="APROFEM", slug="aprofem")
    tree.agenda = make_event_index(tree)
    tree.meeting = make_meeting(
        tree.agenda,
        "Comité régional VBG",
        start_date=datetime.date(2025, 10, 2),
        communities=[tree.segou],
        participants_total=40,
    )
    tree.rec = make_recommendation(
        tree.meeting, text="Assurer un suivi rigoureux", due_date=datetime.date(2025, 12, 31)
    )
    tree.rec2 = make_recommendation(tree.meeting, text="Renforcer la synergie")
    tree.plan = SustainabilityPlan.objects.create(
        title="Plan de Ségou", community=tree.segou, adopted_on=datetime.date(2024, 6, 1)
    )
    tree.action = make_recommendation(plan=tree.plan, text="Tenir les webinaires")
    return tree


# Meeting validation through the page editor --------------------------------------------------


def _edit_meeting(editor, meeting, submit=False, **changes):
    """Edit ``meeting`` in the page editor; ``submit`` sends it to the safety review (publishing
    from the editor is closed: see test_publish_gate), with every required field validated."""
    url = f"/admin/pages/{meeting.pk}/edit/"
    response = editor.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for name, value in changes.items():
        data[name] = value
    data.setdefault("minutes-count", "0")  # StreamField data is built by the editor's script
    if submit:
        ensure_default_workflow()
        data["action-submit"] = "Soumettre"
    return editor.post(url, data)


def test_unchanged_meeting_saves(records, editor):
    response = _edit_meeting(
        editor, records.meeting, submit=True, title="Comité régional VBG (2025)"
    )
    assert response.status_code == 302
    meeting = MeetingPage.objects.get(pk=records.meeting.pk)
    assert meeting.get_latest_revision_as_object().title == "Comité régional VBG (2025)"
    assert meeting.workflow_in_progress


@pytest.mark.parametrize("submit", [False, True])
@pytest.mark.parametrize(
    "changes, message",
    [
        ({"end_date": "2025-10-01"}, "La fin ne peut pas précéder le début."),
        (
            {"participants_women": "30", "participants_men": "20"},
            "Femmes + hommes (50) dépassent le total des participants (40).",
        ),
        ({"participants_total": "-5"}, "supérieure ou égale à 0"),
        ({"people_reached": "-1"}, "supérieure ou égale à 0"),
        (
            {"participants_youth": "41"},
            "Les jeunes ne peuvent pas dépasser le total des participants.",
        ),
        ({"start_date": "2026-01-15"}, "échéance antérieure à cette date"),
    ],
)
def test_invalid_meeting_is_refused_with_a_french_error(records, editor, changes, message, submit):
    revisions = records.meeting.revisions.count()
    response = _edit_meeting(
        editor, records.meeting, submit=submit, title="Titre modifié", **changes
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html.replace("&#x27;", "'")
    meeting = MeetingPage.objects.get(pk=records.meeting.pk)
    assert meeting.title == "Comité régional VBG"
    assert meeting.end_date is None and meeting.participants_total == 40
    assert meeting.revisions.count() == revisions


# Recommendation validation through the snippet editor ----------------------------------------


def _edit_snippet(editor, obj, **changes):
    url = f"/admin/snippets/events/recommendation/edit/{obj.pk}/"
    response = editor.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    for name, value in changes.items():
        data[name] = value
    return editor.post(url, data)


def test_recommendation_due_before_its_meeting_is_refused(records, editor):
    response = _edit_snippet(editor, records.rec, due_date="2025-09-30", text="Changé")
    assert response.status_code == 200
    assert (
        "L'échéance (30\xa0septembre\xa02025) ne peut pas précéder la rencontre "
        "(2\xa0octobre\xa02025)." in response.content.decode().replace("&#x27;", "'")
    )
    records.rec.refresh_from_db()
    assert (
        records.rec.due_date == datetime.date(2025, 12, 31)
        and records.rec.text == "Assurer un suivi rigoureux"
    )


def test_plan_action_due_before_adoption_is_refused(records, editor):
    response = _edit_snippet(editor, records.action, due_date="2024-01-01")
    assert response.status_code == 200
    assert "ne peut pas précéder l'adoption du plan" in response.content.decode().replace(
        "&#x27;", "'"
    )


def test_recommendation_needs_exactly_one_origin(records, editor):
    response = _edit_snippet(editor, records.rec, plan=str(records.plan.pk))
    assert response.status_code == 200
    assert "soit à une rencontre, soit à un plan" in response.content.decode()
    records.rec.refresh_from_db()
    assert records.rec.plan_id is None


def test_valid_recommendation_edit_with_a_note_saves(records, editor):
    url = f"/admin/snippets/events/recommendation/edit/{records.rec.pk}/"
    data = querydict_from_html(editor.get(url).content.decode(), form_id="w-editor-form")
    data["status"] = "in_progress"
    data["notes-TOTAL_FORMS"] = "1"
    data["notes-0-date"] = "2026-01-10"
    data["notes-0-text"] = "Réunion des points focaux tenue"
    data["notes-0-id"] = ""
    data["notes-0-ORDER"] = "1"
    data["notes-0-DELETE"] = ""
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    records.rec.refresh_from_db()
    assert records.rec.status == "in_progress"
    assert records.rec.notes.get().text == "Réunion des points focaux tenue"


def test_listing_filters_and_search(records, editor):
    response = editor.get("/admin/snippets/events/recommendation/?origine=plans")
    html = response.content.decode()
    assert "Tenir les webinaires" in html and "Renforcer la synergie" not in html
    html = editor.get("/admin/snippets/events/recommendation/?retard=oui").content.decode()
    assert "Assurer un suivi rigoureux" in html and "Renforcer la synergie" not in html


# Bulk status update ---------------------------------------------------------------------------


def test_bulk_status_update(records, editor):
    url = (
        f"/admin/bulk/events/recommendation/set_status/?id={records.rec.pk}&id={records.action.pk}"
        "&next=/admin/snippets/events/recommendation/"
    )
    response = editor.get(url)
    assert response.status_code == 200
    assert "Assurer un suivi rigoureux" in response.content.decode()
    response = editor.post(url, {"status": "done", "note": "Validé en réunion du noyau"})
    assert response.status_code == 302
    assert set(Recommendation.objects.filter(status="done").values_list("pk", flat=True)) == {
        records.rec.pk,
        records.action.pk,
    }
    assert Recommendation.objects.get(pk=records.rec2.pk).status == "open"
    assert FollowUpNote.objects.filter(text="Validé en réunion du noyau").count() == 2


def test_bulk_status_rejects_unknown_status(records, editor):
    url = f"/admin/bulk/events/recommendation/set_status/?id={records.rec.pk}"
    response = editor.post(url, {"status": "fini"})
    assert response.status_code == 200
    assert Recommendation.objects.get(pk=records.rec.pk).status == "open"


def test_bulk_action_is_offered_on_the_listing(records, editor):
    html = editor.get("/admin/snippets/events/recommendation/").content.decode()
    assert "Changer le statut" in html


# CSV import ------------------------------------------------------------------------------------

IMPORT_URL = "/admin/events_import/"
HEADER = (
    "Identifiant;Type;Origine;Date de l'origine;Communautés;Cadre de concertation;"
    "Recommandation ou action;Responsable;Échéance;Statut;En retard;"
    "Dernière note de suivi;Nouvelle note de suivi"
)


def _csv(lines, encoding="utf-8-sig", name="suivi.csv"):
    content = "\r\n".join([HEADER, *lines]) + "\r\n"
    return SimpleUploadedFile(name, content.encode(encoding), content_type="text/csv")


def _row(item, status, due="", note=""):
    return f"{item.pk};Recommandation;x;;Ségou;;{item.text};;{due};{status};;;{note}"


def test_import_preview_then_confirm(records, editor):
    upload = _csv(
        [
            _row(records.rec, "Réalisée", "31/12/2025", "Clôturé en comité"),
            _row(records.rec2, "en cours", "15/03/2026"),
            _row(records.action, "Ouverte"),
        ]
    )
    response = editor.post(IMPORT_URL, {"csv_file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 éléments à modifier, 1 sans changement." in html
    assert "Confirmer et enregistrer" in html
    # Nothing written yet.
    assert Recommendation.objects.get(pk=records.rec.pk).status == "open"
    assert not FollowUpNote.objects.exists()

    response = editor.post(IMPORT_URL, {"token": _token(html)})
    assert response.status_code == 302
    records.rec.refresh_from_db()
    records.rec2.refresh_from_db()
    assert records.rec.status == "done" and records.rec.notes.get().text == "Clôturé en comité"
    assert records.rec2.status == "in_progress" and records.rec2.due_date == datetime.date(
        2026, 3, 15
    )


def _token(html):
    import re

    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_import_reports_each_bad_row_and_writes_nothing(records, editor):
    rec3 = make_recommendation(records.meeting, text="Troisième")
    upload = _csv(
        [
            _row(records.rec, "Réalisée"),
            "999999;;;;;;;;;Ouverte;;;",
            "abc;;;;;;;;;Ouverte;;;",
            _row(records.rec2, "fini"),
            _row(records.action, "Ouverte", "31/02/2026"),
            _row(records.rec, "Ouverte"),
            _row(rec3, "Ouverte", "01/09/2025"),
        ]
    )
    response = editor.post(IMPORT_URL, {"csv_file": upload})
    html = response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert "Ligne 3\xa0: identifiant 999999 inconnu" in html
    assert "Ligne 4\xa0: identifiant «\xa0abc\xa0» invalide" in html
    assert (
        "Ligne 5\xa0: statut «\xa0fini\xa0» inconnu "
        "(attendu\xa0: Ouverte, En cours, Réalisée, Abandonnée)" in html
    )
    assert "Ligne 6\xa0: date «\xa031/02/2026\xa0» invalide (attendu JJ/MM/AAAA)" in html
    assert f"Ligne 7\xa0: identifiant {records.rec.pk} déjà présent ligne 2" in html
    assert "Ligne 8\xa0: échéance 01/09/2025 antérieure à son origine (02/10/2025)" in html
    assert "Confirmer et enregistrer" not in html
    assert not Recommendation.objects.filter(status="done").exists()


def test_tampered_confirmation_is_refused(records, editor):
    response = editor.post(IMPORT_URL, {"token": "faux"}, follow=True)
    assert "importez le fichier de nouveau" in response.content.decode()
    assert not Recommendation.objects.exclude(status="open").exists()


def test_import_accepts_what_excel_writes_back(records, editor):
    upload = _csv([_row(records.rec, "Abandonnée", note="Priorité abandonnée")], encoding="cp1252")
    html = editor.post(IMPORT_URL, {"csv_file": upload}).content.decode()
    assert "1 élément à modifier" in html
    assert "Abandonnée" in html and "Priorité abandonnée" in html


@pytest.mark.parametrize(
    "upload, message",
    [
        (
            SimpleUploadedFile("suivi.xlsx", b"PK\x03\x04" + b"\x00" * 100),
            "Le fichier doit être un CSV",
        ),
        (
            SimpleUploadedFile("suivi.csv", b"PK\x03\x04" + b"\x00" * 100),
            "Ce fichier n'est pas un CSV",
        ),
        (SimpleUploadedFile("suivi.csv", b"x" * (2 * 1024 * 1024 + 1)), "Fichier trop volumineux"),
        (
            SimpleUploadedFile("suivi.csv", b"nom;age\r\nA;3\r\n"),
            "Colonne «\xa0Identifiant\xa0» introuvable",
        ),
        (SimpleUploadedFile("suivi.csv", HEADER.encode() + b"\r\n"), "aucune ligne de données"),
    ],
)
def test_bad_uploads_are_refused_clearly(records, editor, upload, message):
    response = editor.post(IMPORT_URL, {"csv_file": upload})
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Recommendation.objects.exclude(status="open").exists()


def test_import_page_needs_change_permission(client, records, django_user_model):
    user = django_user_model.objects.create_user("lecteur", "l@example.org", "mot-de-passe-long")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code in (302, 403)


def test_export_then_import_round_trip(records, editor, client):
    from events.models import FollowUpPage
    from tests.factories import add_page

    add_page(
        records.home,
        FollowUpPage(title="Suivi des recommandations", slug="suivi-des-recommandations"),
    )
    exported = client.get("/suivi-des-recommandations/export-csv/").content
    edited = exported.decode("utf-8-sig").replace(";Ouverte;", ";Réalisée;", 1)
    upload = SimpleUploadedFile("suivi.csv", edited.encode("utf-8-sig"), content_type="text/csv")
    html = editor.post(IMPORT_URL, {"csv_file": upload}).content.decode()
    assert "1 élément à modifier, 2 sans changement." in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/events/recommendation/",
        "/admin/snippets/events/recommendation/add/",
        "/admin/snippets/events/sustainabilityplan/",
        "/admin/snippets/events/sustainabilityplan/add/",
        IMPORT_URL,
    ],
)
def test_follow_up_admin_pages_render(records, editor, url):
    assert editor.get(url).status_code == 200


def test_meeting_editor_renders_every_field(records, editor):
    html = editor.get(f"/admin/pages/add/events/meetingpage/{records.agenda.pk}/").content.decode()
    for name in (
        "kind",
        "start_date",
        "end_date",
        "venue",
        "commune",
        "online_url",
        "concertation_frame",
        "organizers",
        "participating_organizations",
        "chair_function",
        "participants_total",
        "participants_women",
        "participants_men",
        "participants_youth",
        "people_reached",
        "agenda",
        "decisions",
        "outcomes",
        "communities",
        "tags",
    ):
        assert f'name="{name}' in html, name
    assert 'id="minutes"' in html or 'data-w-block-input-name-value="minutes"' in html
    for relation in ("sessions", "attachments", "photos"):
        assert f'name="{relation}-TOTAL_FORMS"' in html, relation


def test_plan_snippet_keeps_revisions(records, editor):
    url = f"/admin/snippets/events/sustainabilityplan/edit/{records.plan.pk}/"
    data = querydict_from_html(editor.get(url).content.decode(), form_id="w-editor-form")
    data["summary"] = "Élaboré lors de la visite d'échange."
    assert editor.post(url, data).status_code == 302
    records.plan.refresh_from_db()
    assert records.plan.summary == "Élaboré lors de la visite d'échange."
    assert records.plan.revisions.count() == 1


def test_a_locked_plan_refuses_another_editors_edit(records, editor, django_user_model):
    url = f"/admin/snippets/events/sustainabilityplan/edit/{records.plan.pk}/"
    data = querydict_from_html(editor.get(url).content.decode(), form_id="w-editor-form")
    lock = f"/admin/snippets/events/sustainabilityplan/lock/{records.plan.pk}/"
    assert editor.post(lock).status_code == 302
    other = Client()
    other.force_login(
        django_user_model.objects.create_superuser(
            "binta", "binta@example.org", "mot-de-passe-long"
        )
    )
    data["summary"] = "Écrasé par une autre éditrice."
    response = other.post(url, data)
    assert response.status_code == 200 and "verrouill" in response.content.decode()
    records.plan.refresh_from_db()
    assert records.plan.summary != "Écrasé par une autre éditrice."
    assert records.plan.revisions.count() == 0


def test_import_confirmation_cannot_be_replayed(records, editor):
    upload = _csv([_row(records.rec, "Réalisée", note="Clôturé en comité")])
    token = _token(editor.post(IMPORT_URL, {"csv_file": upload}).content.decode())
    assert editor.post(IMPORT_URL, {"token": token}).status_code == 302
    records.rec.refresh_from_db()
    assert records.rec.status == "done" and records.rec.notes.count() == 1

    # Someone reopens the item; the same confirmation posted again (back button, double
    # click, a replayed request) must neither revert that nor add the note a second time.
    Recommendation.objects.filter(pk=records.rec.pk).update(status="in_progress")
    response = editor.post(IMPORT_URL, {"token": token}, follow=True)
    html = response.content.decode().replace("&#x27;", "'")
    assert "Cet import a déjà été confirmé\xa0: rien n'a été enregistré de nouveau." in html
    records.rec.refresh_from_db()
    assert records.rec.status == "in_progress" and records.rec.notes.count() == 1
