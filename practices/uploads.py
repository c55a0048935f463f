"""Checks on a document a member uploads from the public form: its extension must be one the
library accepts (WAGTAILDOCS_EXTENSIONS), its size under WAGTAILDOCS_MAX_UPLOAD_SIZE, and its
first bytes must match that extension, so that a program renamed « rapport.pdf » is refused."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from home.templatetags.portal_tags import human_size

# Office Open XML and OpenDocument files are zip archives; they are told apart by a member.
ZIP_MEMBERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
OPENDOCUMENT_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
TEXT_EXTENSIONS = {"csv", "txt"}
HEAD_SIZE = 8192


def allowed_extensions():
    return [extension.lower() for extension in settings.WAGTAILDOCS_EXTENSIONS]


def max_upload_size():
    return settings.WAGTAILDOCS_MAX_UPLOAD_SIZE


def _read_head(upload):
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    return head


def _is_office_file(upload, extension):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension in ZIP_MEMBERS:
                return ZIP_MEMBERS[extension] in names
            return (
                "mimetype" in names
                and archive.read("mimetype").strip() == OPENDOCUMENT_MIMETYPES[extension]
            )
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return False
    finally:
        upload.seek(0)


def _is_text(head):
    """UTF-8 (a character cut at the end of the head is fine) or Windows-1252, no NUL byte."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3 and len(head) == HEAD_SIZE:
            return True
    try:
        head.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _is_mp3(head):
    if head.startswith(b"ID3"):
        return True
    return len(head) > 1 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0


def content_matches_extension(upload, extension):
    """True when the first bytes of ``upload`` are those of an ``extension`` file."""
    head = _read_head(upload)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ZIP_MEMBERS or extension in OPENDOCUMENT_MIMETYPES:
        return head.startswith(b"PK\x03\x04") and _is_office_file(upload, extension)
    if extension in TEXT_EXTENSIONS:
        return _is_text(head)
    if extension == "mp3":
        return _is_mp3(head)
    return False  # an extension added to the settings without a check here is refused


def validate_document_upload(upload):
    """Raise ValidationError (in French, naming the file) unless ``upload`` may go in the
    document library."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in allowed_extensions():
        raise ValidationError(
            _("« %(name)s » : ce type de fichier n'est pas accepté (acceptés : %(allowed)s).")
            % {"name": name, "allowed": ", ".join(allowed_extensions())},
            code="file_extension",
        )
    if upload.size > max_upload_size():
        raise ValidationError(
            _("« %(name)s » est trop lourd (%(size)s) : %(max)s au plus.")
            % {
                "name": name,
                "size": human_size(upload.size),
                "max": human_size(max_upload_size()),
            },
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("« %(name)s » est vide.") % {"name": name}, code="file_empty")
    if not content_matches_extension(upload, extension):
        raise ValidationError(
            _(
                "« %(name)s » ne contient pas un vrai fichier %(extension)s : "
                "il a peut-être été renommé. Enregistrez-le à nouveau dans le bon format."
            )
            % {"name": name, "extension": extension.upper()},
            code="file_content",
        )
