"""A member proposes a practice or a tool from the public form, a moderator decides, the
author hears about it; the admin as a member sees it (issue 7, section 5)."""

import html
import io
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import (
    Page,
    PageViewRestriction,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowState,
)

from home.member_spaces import member_collection, member_group_for
from home.models import SafetyConfirmation
from home.workflows import MODERATORS_GROUP, ensure_default_workflow
from practices.models import MaterialLanguage, PracticePage, ToolPage
from practices.uploads import validate_document_upload

from .conftest import build_site_tree
from .factories import ThemeFactory, _pdf_bytes, make_community, make_organization, make_practice

PASSWORD = "un-mot-de-passe-assez-long"
PRACTICE_URL = "/proposer/pratique/"
TOOL_URL = "/proposer/outil/"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two organisations, their members, a moderator and the review workflow, built once."""
    media = tmp_path_factory.mktemp("contribution-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            tree = build_site_tree()
            tree.media = media
            tree.segou = make_community(tree, title="Ségou", region="Ségou")
            tree.kayes = make_community(tree, title="Kayes", region="Kayes")
            tree.theme = ThemeFactory(name="Mariage d'enfants")
            tree.aprofem = make_organization(tree, title="Association APROFEM", acronym="APROFEM")
            tree.rfk = make_organization(tree, title="Réseau des femmes de Kayes", acronym="RFK")
            ensure_default_workflow()
            users = get_user_model().objects
            tree.member = users.create_user("awa", "awa@example.org", PASSWORD)
            tree.member.groups.add(member_group_for(tree.aprofem))
            tree.double = users.create_user("fanta", "fanta@example.org", PASSWORD)
            tree.double.groups.add(member_group_for(tree.aprofem), member_group_for(tree.rfk))
            tree.outsider = users.create_user("lecteur", "lecteur@example.org", PASSWORD)
            tree.moderator = users.create_user("moderatrice", "mod@example.org", PASSWORD)
            tree.moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
            tree.rfk_practice = make_practice(tree.rfk, title="Pratique publiée du RFK")
            yield tree
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def space(world, db, settings):
    settings.MEDIA_ROOT = str(world.media)
    mail.outbox = []
    return world


def text(response):
    return html.unescape(response.content.decode())


def pdf(name="rapport.pdf", size=4_000):
    return SimpleUploadedFile(name, _pdf_bytes(size), content_type="application/pdf")


def practice_data(space, **changes):
    data = {
        "organization": str(space.aprofem.pk),
        "title": "Caravane de sensibilisation",
        "summary": "Une caravane a parcouru six communes.",
        "approach": "Des causeries dans chaque commune.\n\nPuis une émission de radio.",
        "results": "Les déclarations de naissance ont doublé (registre de la mairie).",
        "figure_1_value": "41",
        "figure_1_label": "causeries tenues",
        "places": "Ségou, Markala",
        "communities": [str(space.segou.pk)],
        "themes": [str(space.theme.pk)],
        "tags": "radio, caravane",
        "safety_checked": "on",
    }
    data.update(changes)
    return data


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "workflows": WorkflowState.objects.count(),
    }


def stored_files(space):
    return sorted(path.name for path in space.media.rglob("*") if path.is_file())


# --- The public form -------------------------------------------------------------------------


def test_form_lists_the_essential_fields_and_the_safety_rules(client, space):
    client.force_login(space.member)
    response = client.get(PRACTICE_URL)
    assert response.status_code == 200
    page = text(response)
    for label in ("Titre", "Résumé", "Ce qui a été fait", "Résultats", "Chiffre 1", "Lieux"):
        assert f">{label}" in page
    assert "Communautés de pratique concernées" in page and "Ségou" in page
    assert "Mariage d'enfants" in page
    assert "Aucun nom de survivante" in page
    assert "seulement avec l'accord des personnes photographiées" in page
    assert "citez la source" in page
    assert "20\xa0Mo au plus chacun" in page and "PDF" in page
    assert 'type="file" name="files" multiple' in page
    # No line break inside « … » nor before « ; » in the help texts and labels.
    assert "par exemple «\xa0mariage d'enfants, radio\xa0»." in page
    assert "enfant\xa0; les personnes photographiées" in page
    assert "Au nom de\xa0: Association APROFEM (APROFEM)" in re.sub(r"<[^>]+>", "", page)
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_valid_practice_becomes_a_draft_in_review_and_moderators_are_told(client, space):
    client.force_login(space.member)
    data = practice_data(
        space,
        title="<b>Caravane</b> de sensibilisation",
        approach="<script>alert(1)</script>Des causeries\n\nPuis la radio",
        files=[pdf()],
    )
    response = client.post(PRACTICE_URL, data)
    practice = PracticePage.objects.get(title="Caravane de sensibilisation")
    assert response.status_code == 302
    assert response["Location"] == reverse("proposal_sent", args=[practice.pk])

    assert practice.get_parent().pk == space.aprofem.pk
    assert practice.organization_id == space.aprofem.pk
    assert not practice.live and practice.owner == space.member
    assert practice.workflow_in_progress
    assert practice.current_workflow_state.requested_by == space.member
    assert "<script>" not in practice.approach and "alert(1)Des causeries" in practice.approach
    assert practice.approach.count("<p>") == 2
    assert [figure.value for figure in practice.result_figures] == [
        {"value": "41", "label": "causeries tenues"}
    ]
    assert set(practice.tags.names()) == {"radio", "caravane"}
    assert list(practice.communities.all()) == [space.segou]
    document = practice.attachments.get().document
    assert document.collection == member_collection(space.aprofem)
    assert document.uploaded_by_user == space.member

    moderators = [message for message in mail.outbox if "mod@example.org" in message.to]
    assert moderators, [message.to for message in mail.outbox]
    assert "Caravane de sensibilisation" in moderators[0].subject
    assert "soumise" in moderators[0].body  # Wagtail's French catalogue
    assert not any("awa@example.org" in message.to for message in mail.outbox)

    assert client.get(practice.url or "/nulle-part/").status_code == 404
    sent = client.get(response["Location"])
    assert "attend sa relecture" in text(sent)
    assert reverse("wagtailadmin_pages:edit", args=[practice.pk]) in text(sent)


def test_a_valid_tool_becomes_a_draft_in_review(client, space):
    client.force_login(space.member)
    bambara = MaterialLanguage.objects.first()
    response = client.post(
        TOOL_URL,
        {
            "organization": str(space.aprofem.pk),
            "title": "Guide de la causerie",
            "kind": "guide",
            "summary": "Un guide pour animer une causerie.",
            "description": "Dix fiches.",
            "languages": [str(bambara.pk)],
            "year": "2024",
            "themes": [str(space.theme.pk)],
            "tags": "causerie",
            "safety_checked": "on",
            "files": [pdf("guide.pdf")],
        },
    )
    assert response.status_code == 302
    tool = ToolPage.objects.get(title="Guide de la causerie")
    assert tool.get_parent().pk == space.aprofem.pk and not tool.live
    assert tool.workflow_in_progress
    assert tool.year == 2024 and list(tool.languages.all()) == [bambara]
    assert tool.documents.get().document.title == "guide"


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": ""}, "title", "Titre\xa0: Champ requis."),
        ({"summary": "Avant\x00après"}, "summary", "Le caractère nul n’est pas autorisé."),
        ({"title": "<b></b>"}, "title", "sans balises HTML"),
        ({"approach": "<script></script>"}, "approach", "sans balises HTML"),
        ({"files": "exe"}, "files", "ne contient pas un vrai fichier PDF"),
        ({"files": "big"}, "files", "est trop lourd"),
        ({"files": "type"}, "files", "ce type de fichier n'est pas accepté"),
        ({"figure_1_label": ""}, "figure_1_label", "Dites ce que ce chiffre compte."),
        ({"safety_checked": ""}, "safety_checked", "Cochez cette case"),
    ],
)
def test_a_bad_field_keeps_what_was_typed_and_saves_nothing(
    client, space, settings, changes, field, message
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10_000
    uploads = {
        "exe": SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00" + b"\x00" * 500),
        "big": pdf(size=20_000),
        "type": SimpleUploadedFile("programme.exe", b"MZ\x90\x00"),
    }
    if "files" in changes:
        changes["files"] = [uploads[changes["files"]]]
    else:
        changes["files"] = [pdf()]
    client.force_login(space.member)
    before, files_before = counts(), stored_files(space)
    response = client.post(PRACTICE_URL, practice_data(space, **changes))
    assert response.status_code == 200
    page = text(response)
    assert "Rien n'a été enregistré\xa0: corrigez ce qui suit" in page
    assert message in page
    assert f'href="#id_{field}"' in page  # the summary links to the field
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error"', page)
    assert 'aria-invalid="true"' in page
    assert "choisissez-les à nouveau" in page
    for name, value in practice_data(space).items():
        if name not in changes and isinstance(value, str) and name != "safety_checked":
            assert value in page, name  # typed text kept
    assert re.search(rf'value="{space.segou.pk}"[^>]*checked', page)  # ticked boxes kept
    assert counts() == before
    assert stored_files(space) == files_before
    assert mail.outbox == []


def test_anonymous_visitors_are_sent_to_the_login(client, space):
    response = client.get(PRACTICE_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={PRACTICE_URL}"
    before = counts()
    client.post(PRACTICE_URL, practice_data(space))
    assert counts() == before


def test_a_logged_in_non_member_gets_a_clear_refusal(client, space):
    client.force_login(space.outsider)
    for url in (PRACTICE_URL, TOOL_URL):
        response = client.get(url)
        assert response.status_code == 403
        assert "Réservé aux organisations membres" in text(response)
    before = counts()
    assert client.post(PRACTICE_URL, practice_data(space)).status_code == 403
    assert counts() == before


def test_a_member_cannot_propose_for_another_organisation(client, space):
    client.force_login(space.member)
    before = counts()
    response = client.post(PRACTICE_URL, practice_data(space, organization=str(space.rfk.pk)))
    assert response.status_code == 200
    assert "Choisissez une de vos organisations." in text(response)
    assert counts() == before


def test_a_member_of_two_organisations_picks_one(client, space):
    client.force_login(space.double)
    form = text(client.get(f"{PRACTICE_URL}?organisation={space.rfk.pk}"))
    assert 'type="radio" name="organization"' in form
    assert re.search(rf'value="{space.rfk.pk}"[^>]*checked', form)
    response = client.post(PRACTICE_URL, practice_data(space, organization=str(space.rfk.pk)))
    assert response.status_code == 302
    practice = PracticePage.objects.get(title="Caravane de sensibilisation")
    assert practice.get_parent().pk == space.rfk.pk
    # The confirmation page of another organisation's proposal is not shown to a member of A.
    client.force_login(space.member)
    assert client.get(response["Location"]).status_code == 404


def test_links_to_the_forms_only_for_members(client, space):
    anonymous = client.get("/")
    assert PRACTICE_URL not in anonymous.content.decode()
    assert "Cookie" in anonymous.get("Vary", "")
    client.force_login(space.member)
    home = client.get("/")
    assert PRACTICE_URL in home.content.decode() and TOOL_URL in home.content.decode()
    assert "Cookie" in home["Vary"]
    assert PRACTICE_URL in client.get(space.aprofem.url).content.decode().split("<main")[1]
    assert PRACTICE_URL not in client.get(space.rfk.url).content.decode().split("<main")[1]
    client.force_login(space.outsider)
    assert PRACTICE_URL not in client.get("/").content.decode()


# --- Decisions and e-mails -------------------------------------------------------------------


@pytest.fixture
def proposed(client, space):
    client.force_login(space.member)
    client.post(PRACTICE_URL, practice_data(space))
    mail.outbox = []
    return PracticePage.objects.get(title="Caravane de sensibilisation")


def workflow_action(client, page, action, data):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def test_requested_changes_reach_the_author_with_the_comment(client, space, proposed):
    client.force_login(space.moderator)
    workflow_action(client, proposed, "reject", {"comment": "Retirez le nom du hameau."})
    proposed.refresh_from_db()
    assert proposed.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    to_author = [message for message in mail.outbox if message.to == ["awa@example.org"]]
    assert len(to_author) == 1
    assert "Retirez le nom du hameau." in to_author[0].body
    assert "a été rejeté" in to_author[0].subject  # French, the author's language

    client.force_login(space.member)
    edit = text(client.get(reverse("wagtailadmin_pages:edit", args=[proposed.pk])))
    assert "Modifications demandées\xa0: «\xa0Retirez le nom du hameau.\xa0»" in edit  # the banner
    assert '"Retirez le nom du hameau."' in edit  # Wagtail's status panel
    assert "Soumettre à nouveau pour relecture" in edit


def test_a_proposal_goes_live_once_reviewed_and_the_author_hears_it_once(client, space, proposed):
    client.force_login(space.moderator)
    workflow_action(
        client,
        proposed,
        "approve",
        {
            "comment": "Merci, c'est clair.",
            "no_identifiable_person": "on",
            "photo_consent": "on",
            "audio_safe": "on",
            "sources_cited": "on",
        },
    )
    proposed.refresh_from_db()
    assert proposed.live
    confirmation = SafetyConfirmation.objects.get(revision=proposed.live_revision)
    assert confirmation.confirmed_by == space.moderator and confirmation.all_checked
    to_author = [message for message in mail.outbox if message.to == ["awa@example.org"]]
    assert len(to_author) == 1
    assert "Merci, c'est clair." in to_author[0].body
    assert "approuvée" in to_author[0].subject


# --- The admin as a member sees it -----------------------------------------------------------


def test_classification_fields_are_on_the_content_tab(admin_client, space):
    page = text(admin_client.get(reverse("wagtailadmin_pages:edit", args=[space.rfk_practice.pk])))
    content = page.index('id="tab-contenu"')
    promote = page.index('id="tab-promotion"')
    for name in ("communities", "themes", "tags"):
        assert content < page.index(f'name="{name}"') < promote, name
    # Under an organisation the page belongs to it: no field to choose another one.
    assert 'name="organization"' not in page


def test_submit_for_review_is_the_members_main_action(client, space):
    client.force_login(space.member)
    add = text(
        client.get(
            reverse("wagtailadmin_pages:add", args=["practices", "practicepage", space.aprofem.pk])
        )
    )
    footer = add[add.index("footer__container") :]
    assert footer.index("Soumettre pour relecture") < footer.index("Enregistrer le brouillon")


def test_the_dashboard_lists_the_members_pages_with_their_state(client, space, proposed):
    mine_live = make_practice(space.aprofem, title="Pratique publiée d'APROFEM")
    client.force_login(space.member)
    dashboard = text(client.get(reverse("wagtailadmin_home")))
    panel = dashboard[dashboard.index("Les pages de Association APROFEM") :]
    assert "Caravane de sensibilisation" in panel and "En relecture" in panel
    assert mine_live.title in panel and "Publiée" in panel
    assert "Nouvelle pratique" in panel and "Nouvel outil" in panel
    assert (
        reverse("wagtailadmin_pages:add", args=["practices", "practicepage", space.aprofem.pk])
        in panel
    )
    assert space.rfk_practice.title not in dashboard

    client.force_login(space.moderator)
    assert "Les pages de" not in text(client.get(reverse("wagtailadmin_home")))


def test_a_failure_half_way_leaves_no_page_no_document_no_file(client, space, monkeypatch):
    def broken_start(self, page, user):
        raise RuntimeError("panne pendant la soumission")

    monkeypatch.setattr(Workflow, "start", broken_start)
    client.force_login(space.member)
    before, files_before = counts(), stored_files(space)
    with pytest.raises(RuntimeError):
        client.post(PRACTICE_URL, practice_data(space, files=[pdf()]))
    assert counts() == before
    assert stored_files(space) == files_before


def test_without_a_review_workflow_nothing_is_saved(client, space):
    WorkflowPage.objects.all().delete()
    client.force_login(space.member)
    before = counts()
    response = client.post(PRACTICE_URL, practice_data(space, files=[pdf()]))
    assert response.status_code == 200
    assert "La relecture n'est pas encore en place" in text(response)
    assert counts() == before


def test_a_restricted_community_is_not_offered(client, space):
    PageViewRestriction.objects.create(page=space.kayes, restriction_type="login")
    client.force_login(space.member)
    form = text(client.get(PRACTICE_URL))
    assert f'value="{space.segou.pk}"' in form
    assert f'value="{space.kayes.pk}"' not in form
    response = client.post(PRACTICE_URL, practice_data(space, communities=[str(space.kayes.pk)]))
    assert response.status_code == 200
    assert not PracticePage.objects.filter(title="Caravane de sensibilisation").exists()


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_TYPES = (
    '<Types><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


@pytest.mark.parametrize(
    "name, content, accepted",
    [
        ("rapport.pdf", _pdf_bytes(2_000), True),
        ("rapport.PDF", _pdf_bytes(2_000), True),
        ("rapport.pdf", b"<html><script>alert(1)</script></html>", False),
        ("fiche.docx", _zip({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": "x"}), True),
        ("fiche.docx", _zip({"xl/workbook.xml": "x"}), False),
        ("fiche.odt", _zip({"mimetype": "application/vnd.oasis.opendocument.text"}), True),
        ("fiche.ods", _zip({"mimetype": "application/vnd.oasis.opendocument.text"}), False),
        ("liste.csv", "commune;femmes\nSégou;41\n".encode(), True),
        ("liste.csv", "commune;femmes\nSégou;41\n".encode("cp1252"), True),
        ("liste.csv", b"MZ\x00\x00binaire", False),
        ("chanson.mp3", b"ID3\x03\x00" + b"\x00" * 100, True),
        ("chanson.mp3", _pdf_bytes(2_000), False),
        ("programme.exe", b"MZ\x90\x00", False),
        ("sans-extension", _pdf_bytes(2_000), False),
        ("vide.pdf", b"", False),
    ],
)
def test_uploads_are_checked_by_extension_and_content(name, content, accepted):
    upload = SimpleUploadedFile(name, content)
    if accepted:
        validate_document_upload(upload)
    else:
        with pytest.raises(ValidationError):
            validate_document_upload(upload)
