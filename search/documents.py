"""The text the search indexes from uploaded documents: extracted by
``cdp_portal.extraction`` in a child process, within the bounds of the settings, and
stored with its outcome (``DocumentText``) for editors to see."""

import hashlib
import logging

from django.conf import settings

from cdp_portal import extraction
from cdp_portal.extraction import TOO_LARGE, Extraction

from .models import DocumentText

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 25 * 1024 * 1024


def run_extraction(data, extension):
    """-> Extraction, under ``DOCUMENT_EXTRACTION_LIMITS`` (over the defaults) and
    ``DOCUMENT_EXTRACTION_TIMEOUT`` seconds."""
    return extraction.run_in_child(
        data,
        extension,
        getattr(settings, "DOCUMENT_EXTRACTION_LIMITS", {}),
        float(getattr(settings, "DOCUMENT_EXTRACTION_TIMEOUT", 30)),
    )


def extract_document(document):
    """Extract and store the text of a Wagtail document with its status; returns True when
    it changed."""
    extension = (document.file_extension or "").lower()
    stored = DocumentText.objects.filter(document=document).first()
    try:
        with document.open_file() as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as error:
        logger.warning("Document %s unreadable: %s", document.pk, error)
        return False
    digest = hashlib.sha1(data).hexdigest()  # noqa: S324 - a change detector, not security
    if stored and stored.file_hash == digest:
        return False
    if extension not in extraction.EXTRACTORS:
        result = Extraction(DocumentText.Status.NO_TEXT)
    elif len(data) > MAX_FILE_BYTES:
        result = Extraction(TOO_LARGE, "", f"plus de {MAX_FILE_BYTES // 2**20} Mo")
    else:
        result = run_extraction(data, extension)
    if result.status not in (extraction.INDEXED, DocumentText.Status.NO_TEXT):
        logger.warning("Document %s: text %s (%s)", document.pk, result.status, result.detail)
    DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "text": result.text,
            "file_hash": digest,
            "status": result.status,
            "error": result.detail[:255],
        },
    )
    return True
