"""Uploaded files are checked by their content, not only by their extension.

``check_document_content(uploaded_file, extension)`` raises a ValidationError (in French)
when the bytes are not what the extension says: a program renamed ``.pdf`` is refused,
whoever uploads it (the Wagtail admin through ``DocumentForm`` below, public forms by
calling the function). It reads at most a few hundred kilobytes and leaves the file at
position 0.

Recordings (voice notes) are checked the same way by ``cdp_portal.audio_uploads``, a module
of its own because model modules import it (this one imports Wagtail's document forms).
"""

import codecs
import re
import zipfile

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

from .audio_uploads import is_mp3

SAMPLE_BYTES = 64 * 1024
MAX_MANIFEST_BYTES = 256 * 1024

# Office Open XML: the main part's content type in [Content_Types].xml.
OOXML_TYPES = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
# OpenDocument: the first member, "mimetype", holds the type.
ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
TEXT_EXTENSIONS = ("csv", "txt")
# Text has no control characters but tab, line breaks and form feed.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _read_sample(uploaded_file, size=SAMPLE_BYTES):
    uploaded_file.seek(0)
    sample = uploaded_file.read(size)
    uploaded_file.seek(0)
    return sample or b""


def _refuse(extension):
    raise ValidationError(
        _(
            "Le contenu de ce fichier ne correspond pas à un fichier « .%(extension)s ». "
            "Vérifiez le fichier (il est peut-être endommagé ou mal nommé) et "
            "réessayez."
        ),
        code="content_mismatch",
        params={"extension": extension},
    )


def _zip_member(uploaded_file, name):
    """The first bytes of one member of a zip upload, or None (not a zip, no member)."""
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            with archive.open(name) as member:
                return member.read(MAX_MANIFEST_BYTES)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, RuntimeError):
        return None
    finally:
        uploaded_file.seek(0)


def _is_text(sample, complete):
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)  # « Texte Unicode » exports: NUL bytes are part of it
    elif b"\x00" in sample:
        return False
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            text = decoder.decode(sample, final=complete)
        except UnicodeDecodeError:
            continue
        return not CONTROL_CHARACTERS.search(text)
    return False


def check_document_content(uploaded_file, extension):
    """Raise ValidationError unless ``uploaded_file``'s bytes match ``extension``
    (pdf, docx, xlsx, pptx, odt, ods, odp, csv, txt, mp3). Other extensions pass: the
    allowed list itself is checked elsewhere (WAGTAILDOCS_EXTENSIONS)."""
    extension = (extension or "").lower().lstrip(".")
    sample = _read_sample(uploaded_file)
    if not sample:
        raise ValidationError(_("Ce fichier est vide."), code="empty")
    if extension == "pdf":
        valid = b"%PDF-" in sample[:1024]
    elif extension in OOXML_TYPES:
        manifest = sample.startswith(b"PK\x03\x04") and _zip_member(
            uploaded_file, "[Content_Types].xml"
        )
        valid = bool(manifest) and OOXML_TYPES[extension] in manifest
    elif extension in ODF_TYPES:
        mimetype = sample.startswith(b"PK\x03\x04") and _zip_member(uploaded_file, "mimetype")
        valid = bool(mimetype) and mimetype.strip() == ODF_TYPES[extension]
    elif extension in TEXT_EXTENSIONS:
        valid = _is_text(sample, complete=len(sample) < SAMPLE_BYTES)
    elif extension == "mp3":
        valid = is_mp3(sample)
    else:
        valid = True
    if not valid:
        _refuse(extension)


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): the admin upload, the
    multiple upload and the chooser upload refuse a file whose content does not match
    its extension. On an existing document, the file field says whether its text is
    indexed for the search, and if not, why."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields and self.instance.pk:
            status = indexing_status(self.instance)
            if status:
                self.fields["file"].help_text = status

    content_error = None

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            extension = uploaded.name.rsplit(".", 1)[-1] if "." in uploaded.name else ""
            try:
                check_document_content(uploaded, extension)
            except ValidationError as error:
                self.content_error = error
                raise
        return uploaded

    def full_clean(self):
        super().full_clean()
        if self.content_error is not None and "file" in self.errors:
            # The model's own check then sees no file at all (« extension "" not
            # allowed »): only the content error is meaningful.
            self.errors["file"] = self.error_class(self.content_error.messages)


def indexing_status(document):
    """« Texte non indexé : … » and the like, for editors; "" before the first extraction."""
    # By name: practices imports this module, and search sits above practices.
    DocumentText = apps.get_model("search", "DocumentText")
    stored = DocumentText.objects.filter(document=document).first()
    if stored is None:
        return _("Texte en attente d'indexation pour la recherche.")
    return stored.explanation
