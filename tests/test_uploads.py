"""Uploads are checked by their content: a program renamed .pdf or .jpg is refused with a
French message, through every admin upload route; real files are accepted."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cdp_portal.uploads import check_document_content
from home.workflows import EDITORS_GROUP
from search.models import DocumentText

from .factories import _pdf_bytes
from .test_document_extraction import real_docx

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(2000)
REFUSAL = "ne correspond pas à un fichier"


def upload(name, data):
    return SimpleUploadedFile(name, data)


def odf(mimetype):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def ooxml(main_type):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/x.xml" ContentType="{main_type}"/></Types>',
        )
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"

GOOD = [
    ("pdf", _pdf_bytes(2000)),
    ("docx", real_docx()),
    ("xlsx", ooxml(XLSX)),
    ("pptx", ooxml(PPTX)),
    ("odt", odf("application/vnd.oasis.opendocument.text")),
    ("ods", odf("application/vnd.oasis.opendocument.spreadsheet")),
    ("odp", odf("application/vnd.oasis.opendocument.presentation")),
    ("csv", "nom;région\nSégou;Ségou\n".encode()),
    ("csv", "nom;région\nSégou;Ségou\n".encode("cp1252")),
    ("txt", "Compte rendu de la réunion".encode()),
    ("txt", "Compte rendu de la réunion".encode("utf-16")),  # with its BOM
    ("mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(100)),
    ("mp3", b"\xff\xfb\x90\x64" + bytes(100)),
]
BAD = [
    ("pdf", EXE),
    ("docx", EXE),
    ("docx", ooxml(XLSX)),  # a spreadsheet renamed .docx
    ("xlsx", odf("application/vnd.oasis.opendocument.spreadsheet")),
    ("odt", real_docx()),
    ("ods", odf("application/vnd.oasis.opendocument.text")),
    ("odt", b"PK\x03\x04 not a zip at all"),
    ("csv", EXE),
    ("txt", b"text\x00with a NUL"),
    ("txt", b"\xff\xfe" + EXE),  # a BOM in front of a program
    ("mp3", EXE),
    ("csv", b"\x7fELF\x02\x01\x01" + b"\x03" * 100),  # binary without NUL
    ("mp3", b"RIFF\x00\x00\x00\x00WAVE"),
]


@pytest.mark.parametrize(("extension", "data"), GOOD)
def test_real_files_pass(extension, data):
    file = upload(f"fichier.{extension}", data)
    check_document_content(file, extension)
    assert file.tell() == 0  # left ready to be saved


@pytest.mark.parametrize(("extension", "data"), BAD)
def test_files_that_are_not_what_their_extension_says_are_refused(extension, data):
    with pytest.raises(ValidationError) as refused:
        check_document_content(upload(f"fichier.{extension}", data), extension)
    assert REFUSAL in refused.value.messages[0]


def test_empty_file_is_refused():
    with pytest.raises(ValidationError, match="vide"):
        check_document_content(upload("vide.pdf", b""), "pdf")


# Through the admin, as an editor


def in_root():
    """The collection field: the site has several collections (« Commun », each member's)."""
    return {"collection": Collection.get_first_root_node().pk}


@pytest.fixture
def editor(client, site_tree):
    user = get_user_model().objects.create_user("editrice", password="x")  # noqa: S106 - test only
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    return user


def test_program_renamed_pdf_is_refused_by_the_upload_form(client, editor):
    response = client.post(
        "/admin/documents/add/",
        {"title": "Rapport", "file": upload("rapport.pdf", EXE), **in_root()},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and REFUSAL in errors[0]  # that error alone
    assert not get_document_model().objects.exists()


def test_real_pdf_is_accepted_by_the_upload_form(client, editor):
    response = client.post(
        "/admin/documents/add/",
        {"title": "Rapport", "file": upload("rapport.pdf", _pdf_bytes(3000)), **in_root()},
    )
    assert response.status_code == 302
    assert get_document_model().objects.get().title == "Rapport"


def test_multiple_upload_refuses_a_program_and_accepts_a_document(client, editor):
    refused = client.post(
        "/admin/documents/multiple/add/", {"files[]": upload("rapport.pdf", EXE), **in_root()}
    ).json()
    assert refused["success"] is False and REFUSAL in refused["error_message"]
    accepted = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": upload("guide.docx", real_docx()), **in_root()},
    ).json()
    assert accepted["success"] is True
    assert get_document_model().objects.get().file.name.endswith(".docx")


def test_chooser_upload_refuses_a_program(client, editor):
    response = client.post(
        "/admin/documents/chooser/create/",
        {
            "document-chooser-upload-title": "Rapport",
            "document-chooser-upload-file": upload("rapport.pdf", EXE),
            "document-chooser-upload-collection": Collection.get_first_root_node().pk,
        },
    )
    data = response.json()
    assert data["step"] == "reshow_creation_form" and REFUSAL in data["htmlFragment"]
    assert not get_document_model().objects.exists()


def test_program_renamed_jpg_is_refused_by_the_image_upload(client, editor):
    response = client.post(
        "/admin/images/add/", {"title": "Photo", "file": upload("photo.jpg", EXE), **in_root()}
    )
    assert response.status_code == 200
    assert "format" in response.content.decode().lower()
    assert not get_image_model().objects.exists()


def test_editor_sees_why_a_documents_text_is_not_indexed(client, editor):
    document = get_document_model().objects.create(
        title="Cassé", file=upload("casse.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8)
    )
    assert DocumentText.objects.get(document=document).status == "corrupt"
    page = client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    assert "Texte non indexé\xa0: fichier illisible ou endommagé" in page
    fine = get_document_model().objects.create(title="Bon", file=upload("bon.docx", real_docx()))
    page = client.get(f"/admin/documents/edit/{fine.pk}/").content.decode()
    assert "Texte indexé" in page and "non indexé" not in page


def test_report_lists_documents_whose_text_is_not_indexed(client, editor):
    broken = get_document_model().objects.create(
        title="Rapport cassé", file=upload("casse.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8)
    )
    get_document_model().objects.create(title="Guide lisible", file=upload("bon.docx", real_docx()))
    assert "/admin/reports/documents-non-indexes/" in client.get("/admin/").content.decode()
    page = client.get("/admin/reports/documents-non-indexes/").content.decode()
    assert "Rapport cassé" in page and "Texte non indexé\xa0: fichier illisible" in page
    assert f"/admin/documents/edit/{broken.pk}/" in page
    assert "Guide lisible" not in page


def test_report_is_refused_without_document_permissions(client, site_tree):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("lecteur", password="x")  # noqa: S106
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert "/admin/reports/documents-non-indexes/" not in client.get("/admin/").content.decode()
    get_document_model().objects.create(
        title="Rapport cassé", file=upload("casse.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8)
    )
    response = client.get("/admin/reports/documents-non-indexes/")
    assert response.status_code in (302, 403)
    assert "Rapport cassé" not in response.content.decode()
