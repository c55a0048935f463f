"""Documents and images follow the page that uses them; members attach only their own files."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageViewRestriction, Revision
from wagtail.test.utils.form_data import querydict_from_html

from cdp_portal import urls as portal_urls
from home.member_spaces import SHARED_COLLECTION_NAME, member_collection, member_group_for
from home.models import StandardPage
from home.page_forms import files_of
from home.workflows import EDITORS_GROUP
from practices.models import PracticeAttachment, PracticePage, ToolDocument

from .conftest import build_site_tree
from .factories import (
    add_page,
    make_document,
    make_image,
    make_organization,
    make_practice,
    make_tool,
)

PASSWORD = "un-mot-de-passe-assez-long"
PAGE_PASSWORD = "reunion-privee"

# This module doubles as the site's URL configuration as `make run` (DEBUG) builds it.
urlpatterns = portal_urls.debug_media_urlpatterns() + portal_urls.urlpatterns
handler404 = portal_urls.handler404


def in_collection(document_or_image, collection):
    document_or_image.collection = collection
    document_or_image.save()
    return document_or_image


def add_draft(parent, page):
    """A page saved in the tree but never published."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def user(username, *groups, **fields):
    account = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, **fields
    )
    account.groups.add(*groups)
    return account


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Two organisations, their files and pages in every state, built once for the module."""
    from wagtail.models import Collection

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            w = build_site_tree()
            w.a = make_organization(w, title="Association pour le progrès des femmes", acronym="A")
            w.b = make_organization(w, title="Réseau des femmes de Kayes", acronym="B")
            own, theirs = member_collection(w.a), member_collection(w.b)
            w.shared = Collection.objects.get(name=SHARED_COLLECTION_NAME)

            w.docs = {
                name: in_collection(make_document(f"Fichier {name}", size=2000), own)
                for name in (
                    "public",
                    "draft",
                    "login",
                    "password",
                    "groups",
                    "unused",
                    "linked",
                    "block",
                    "revision",
                )
            }
            w.their_doc = in_collection(make_document("Fichier de B", size=2000), theirs)
            w.shared_doc = in_collection(make_document("Fichier commun", size=2000), w.shared)
            w.their_image = in_collection(make_image("Photo de B", width=40, height=30), theirs)

            w.public_tool = make_tool(w.a, title="Guide public")
            ToolDocument.objects.create(page=w.public_tool, document=w.docs["public"])
            draft = add_draft(w.a, PracticePage(title="Brouillon", summary="Pas encore relu."))
            PracticeAttachment.objects.create(page=draft, document=w.docs["draft"])
            w.draft = draft
            council = Group.objects.create(name="Conseil")
            for kind in ("login", "password", "groups"):
                tool = make_tool(w.a, title=f"Outil réservé {kind}")
                ToolDocument.objects.create(page=tool, document=w.docs[kind])
                restriction = PageViewRestriction.objects.create(
                    page=tool, restriction_type=kind, password=PAGE_PASSWORD
                )
                restriction.groups.add(council)
                setattr(w, f"{kind}_tool", tool)
                setattr(w, f"{kind}_restriction", restriction)
            # a live tool whose newest revision (not the live row) adds a document
            revised = make_tool(w.a, title="Outil en cours de révision")
            revised.documents = [ToolDocument(document=w.docs["revision"])]
            revised.save_revision()
            link = f'<p><a linktype="document" id="{w.docs["linked"].pk}">le guide</a></p>'
            make_tool(w.a, title="Outil qui cite un guide", description=link)
            w.about = add_page(
                w.home,
                StandardPage(
                    title="À propos",
                    body=[
                        ("document", {"document": w.docs["block"], "title": "Le guide"}),
                        (
                            "image",
                            {"image": w.their_image, "decorative": False, "alt_text": "Photo"},
                        ),
                    ],
                ),
            )

            w.practice = make_practice(w.a, title="Pratique de A")
            w.member_a = user("membre-a", member_group_for(w.a))
            w.member_b = user("membre-b", member_group_for(w.b))
            w.visitor = user("visiteuse")
            w.editor = user("editrice", Group.objects.get(name=EDITORS_GROUP))
            w.council_member = user("conseillere", council)
            reviewers = Group.objects.create(name="Relecteurs sans bibliothèque")
            reviewers.permissions.add(Permission.objects.get(codename="access_admin"))
            GroupPagePermission.objects.create(
                group=reviewers,
                page=w.home,
                permission=Permission.objects.get(codename="change_page"),
            )
            w.reviewer = user("relectrice", reviewers)
            yield w
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def w(world, db):
    return world


def download(client, document):
    return client.get(document.url)


# --- Serving documents ------------------------------------------------------------------------


def test_document_of_a_live_public_tool_keeps_its_public_address(client, w):
    document = w.docs["public"]
    assert document.url == f"/documents/{document.pk}/{document.filename}"
    response = download(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("name", ["linked", "block"])
def test_document_linked_from_rich_text_or_a_block_of_a_public_page_is_served(client, w, name):
    assert download(client, w.docs[name]).status_code == 200


@pytest.mark.parametrize("name", ["draft", "login", "password", "groups", "unused", "revision"])
def test_anonymous_visitor_gets_not_found_for_documents_not_public(client, w, name):
    response = download(client, w.docs[name])
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_login_restricted_document_is_served_to_a_logged_in_visitor(client, w):
    client.force_login(w.visitor)
    assert download(client, w.docs["login"]).status_code == 200
    assert download(client, w.docs["draft"]).status_code == 404
    assert download(client, w.docs["password"]).status_code == 404


def test_group_restricted_document_is_served_to_the_groups_members_only(client, w):
    client.force_login(w.visitor)
    assert download(client, w.docs["groups"]).status_code == 404
    client.force_login(w.council_member)
    assert download(client, w.docs["groups"]).status_code == 200


def test_document_added_in_a_revision_is_served_to_who_may_review_it(client, w):
    client.force_login(w.member_b)
    assert download(client, w.docs["revision"]).status_code == 404
    client.force_login(w.reviewer)
    assert download(client, w.docs["revision"]).status_code == 200


def test_password_protected_document_is_served_once_the_password_is_given(client, w):
    url = reverse(
        "wagtailcore_authenticate_with_password",
        args=[w.password_restriction.pk, w.password_tool.pk],
    )
    client.post(url, {"password": "pas-le-bon", "return_url": "/"})
    assert download(client, w.docs["password"]).status_code == 404
    client.post(url, {"password": PAGE_PASSWORD, "return_url": "/"})
    assert download(client, w.docs["password"]).status_code == 200
    assert download(client, w.docs["login"]).status_code == 404


def test_draft_and_unused_documents_are_served_to_their_organisation_only(client, w):
    client.force_login(w.member_b)
    assert download(client, w.docs["draft"]).status_code == 404
    assert download(client, w.docs["unused"]).status_code == 404
    client.force_login(w.member_a)
    assert download(client, w.docs["draft"]).status_code == 200
    assert download(client, w.docs["unused"]).status_code == 200


def test_unpublishing_a_tool_withdraws_its_document(client, w):
    w.public_tool.unpublish()
    assert download(client, w.docs["public"]).status_code == 404


# --- Media folder (development server; the README gives the same rule to the proxy) ---------


@pytest.mark.urls(__name__)
def test_media_serves_renditions_but_neither_originals_nor_documents(client, w):
    image = w.their_image
    rendition = image.get_rendition("fill-20x20")
    assert client.get(rendition.url).status_code == 200
    assert "/original_images/" in image.file.url
    assert client.get(image.file.url).status_code == 404
    assert client.get(w.docs["public"].file.url).status_code == 404


# --- Choosing files in the admin ----------------------------------------------------------------


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["result_figures-count"] = "0"  # the StreamField's own counter is written by JavaScript
    return data


def with_attachment(data, document):
    index = int(data["attachments-TOTAL_FORMS"])
    data["attachments-TOTAL_FORMS"] = str(index + 1)
    data.update(
        {
            f"attachments-{index}-id": "",
            f"attachments-{index}-ORDER": str(index + 1),
            f"attachments-{index}-DELETE": "",
            f"attachments-{index}-document": str(document.pk),
            f"attachments-{index}-title": "Pièce jointe",
        }
    )
    return data


def rich_text_linking(document):
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": "le guide",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 8, "key": 0}],
                }
            ],
            "entityMap": {
                "0": {"type": "DOCUMENT", "mutability": "MUTABLE", "data": {"id": document.pk}}
            },
        }
    )


def post_edit(client, page, data):
    before = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    response = client.post(edit_url(page), data)
    after = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    return response, after - before


def latest(page):
    """The page as its newest revision has it, read again from the database."""
    return page.__class__.objects.get(pk=page.pk).get_latest_revision_as_object()


REFUSED_DOCUMENT = "Ce document n&#x27;appartient pas à votre organisation"
REFUSED_IMAGE = "Cette image n&#x27;appartient pas à votre organisation"


def test_members_may_choose_but_not_add_in_the_shared_collection(w):
    from wagtail.models import GroupCollectionPermission

    codenames = set(
        GroupCollectionPermission.objects.filter(
            group=member_group_for(w.a), collection=w.shared
        ).values_list("permission__codename", flat=True)
    )
    assert codenames == {"choose_image", "choose_document"}
    assert member_collection(w.a) != w.shared


def test_member_cannot_attach_another_organisations_document_by_its_id(client, w):
    client.force_login(w.member_a)
    response, new_revisions = post_edit(
        client, w.practice, with_attachment(edit_form(client, w.practice), w.their_doc)
    )
    assert response.status_code == 200
    assert REFUSED_DOCUMENT in response.content.decode()
    assert new_revisions == 0


def test_member_cannot_set_another_organisations_image_by_its_id(client, w):
    client.force_login(w.member_a)
    data = edit_form(client, w.practice)
    data["main_image"] = str(w.their_image.pk)
    response, new_revisions = post_edit(client, w.practice, data)
    assert response.status_code == 200
    assert REFUSED_IMAGE in response.content.decode()
    assert new_revisions == 0


def test_member_cannot_link_another_organisations_document_in_rich_text(client, w):
    client.force_login(w.member_a)
    data = edit_form(client, w.practice)
    data["approach"] = rich_text_linking(w.their_doc)
    response, new_revisions = post_edit(client, w.practice, data)
    assert response.status_code == 200
    assert REFUSED_DOCUMENT in response.content.decode()
    assert new_revisions == 0


def test_member_may_attach_its_own_and_shared_documents(client, w):
    client.force_login(w.member_a)
    data = with_attachment(edit_form(client, w.practice), w.shared_doc)
    data = with_attachment(data, w.docs["unused"])
    data["approach"] = rich_text_linking(w.shared_doc)
    response, new_revisions = post_edit(client, w.practice, data)
    assert response.status_code == 302
    assert new_revisions == 1
    draft = latest(w.practice)
    assert {row.document_id for row in draft.attachments.all()} == {
        w.shared_doc.pk,
        w.docs["unused"].pk,
    }
    # and the member can edit again with those files kept
    response, new_revisions = post_edit(client, w.practice, edit_form(client, w.practice))
    assert (response.status_code, new_revisions) == (302, 1)


def test_editor_may_attach_any_document(client, w):
    client.force_login(w.editor)
    data = with_attachment(edit_form(client, w.practice), w.their_doc)
    data["main_image"] = str(w.their_image.pk)
    response, new_revisions = post_edit(client, w.practice, data)
    assert (response.status_code, new_revisions) == (302, 1)
    draft = latest(w.practice)
    assert draft.main_image_id == w.their_image.pk


def test_file_an_editor_chose_stays_when_a_member_edits_the_page(client, w):
    client.force_login(w.editor)
    data = edit_form(client, w.practice)
    data["main_image"] = str(w.their_image.pk)
    post_edit(client, w.practice, data)
    client.force_login(w.member_a)
    data = edit_form(client, w.practice)
    assert data["main_image"] == str(w.their_image.pk)
    response, new_revisions = post_edit(client, w.practice, data)
    assert (response.status_code, new_revisions) == (302, 1)


def test_the_form_check_sees_the_files_of_stream_blocks(w):
    assert files_of(w.about) == {
        ("document", str(w.docs["block"].pk)),
        ("image", str(w.their_image.pk)),
    }


# --- The organisation of a practice follows the tree ---------------------------------------


def test_member_does_not_see_the_organisation_field_and_a_forged_value_is_ignored(client, w):
    client.force_login(w.member_a)
    data = edit_form(client, w.practice)
    assert "organization" not in data
    data["organization"] = str(w.b.pk)
    response, new_revisions = post_edit(client, w.practice, data)
    assert (response.status_code, new_revisions) == (302, 1)
    assert latest(w.practice).organization_id == w.a.pk
    assert PracticePage.objects.get(pk=w.practice.pk).organization_id == w.a.pk


def test_saving_under_an_organisation_takes_that_organisation(w):
    practice = PracticePage.objects.get(pk=w.practice.pk)
    practice.organization_id = w.b.pk
    practice.save()
    assert PracticePage.objects.get(pk=practice.pk).organization_id == w.a.pk


def test_a_practice_moved_to_another_organisation_belongs_to_it(w):
    from wagtail.actions.move_page import MovePageAction

    practice = make_practice(w.a, title="Pratique déplacée")
    MovePageAction(practice, w.b, pos="last-child").execute(skip_permission_checks=True)
    assert PracticePage.objects.get(pk=practice.pk).organization_id == w.b.pk


def test_editor_chooses_the_organisation_of_a_library_page(client, w):
    library_practice = make_practice(w.practices, title="Pratique de la coordination")
    client.force_login(w.editor)
    data = edit_form(client, library_practice)
    assert "organization" in data
    data["organization"] = str(w.b.pk)
    response, _ = post_edit(client, library_practice, data)
    assert response.status_code == 302
    assert latest(library_practice).organization_id == w.b.pk
