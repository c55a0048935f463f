"""Text extraction from uploaded documents (PDF, DOCX, ODT), bounded in size and time."""

import hashlib
import io
import logging

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
MAX_PDF_PAGES = 300
EXTRACTABLE = ("pdf", "docx", "odt", "txt")


def _pdf(data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts, size = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_TEXT_CHARS:
            break
    return "\n".join(parts)


def _docx(data):
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _odt(data):
    from odf import teletype, text
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    parts = [
        teletype.extractText(element)
        for kind in (text.H, text.P)
        for element in document.getElementsByType(kind)
    ]
    return "\n".join(parts)


def _txt(data):
    return data.decode("utf-8", errors="replace")


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "odt": _odt, "txt": _txt}


def extract_text(data, extension):
    """The text of a document's bytes, or "" when the format is not handled. Raises on a
    corrupt file (the caller records the error)."""
    extractor = EXTRACTORS.get((extension or "").lower().lstrip("."))
    if extractor is None or len(data) > MAX_FILE_BYTES:
        return ""
    text = extractor(data)
    return " ".join(text.split())[:MAX_TEXT_CHARS]


def file_hash(data):
    return hashlib.sha1(data).hexdigest()  # noqa: S324 - a change detector, not security


def extract_document(document):
    """Extract and store the text of a Wagtail document; returns True when it changed."""
    from .models import DocumentText

    extension = (document.file_extension or "").lower()
    stored = DocumentText.objects.filter(document=document).first()
    try:
        with document.open_file() as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as error:
        logger.warning("Document %s unreadable: %s", document.pk, error)
        return False
    digest = file_hash(data)
    if stored and stored.file_hash == digest:
        return False
    text, error = "", ""
    if extension in EXTRACTABLE:
        try:
            text = extract_text(data, extension)
        except Exception as exc:  # corrupt or encrypted files: keep the page searchable
            logger.warning("Text extraction failed for document %s: %s", document.pk, exc)
            error = str(exc)[:255]
    DocumentText.objects.update_or_create(
        document=document, defaults={"text": text, "file_hash": digest, "error": error}
    )
    return True
