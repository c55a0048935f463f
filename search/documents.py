"""Text extraction from uploaded documents (PDF, DOCX, ODT, TXT), bounded in size, pages,
memory and time: the parsing runs in a child process (``search.extraction``) with
resource limits and a wall-clock timeout, so a hostile file costs a few seconds of a
worker and ends in a recorded status, never in a stuck or dead worker."""

import hashlib
import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from . import extraction
from .extraction import CORRUPT, MEMORY, TIMEOUT, TOO_LARGE, Extraction
from .models import DocumentText

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 25 * 1024 * 1024
EXTRACTABLE = tuple(extraction.EXTRACTORS)
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def extraction_limits():
    """The bounds, from ``DOCUMENT_EXTRACTION_LIMITS`` over the defaults."""
    return {**extraction.DEFAULT_LIMITS, **getattr(settings, "DOCUMENT_EXTRACTION_LIMITS", {})}


def extraction_timeout():
    return float(getattr(settings, "DOCUMENT_EXTRACTION_TIMEOUT", 30))


def run_extraction(data, extension):
    """Extract in a child process; -> Extraction (status, text, detail). Never raises for
    a bad file; the child is killed when it outlives the timeout."""
    limits = extraction_limits()
    command = [sys.executable, "-m", "search.extraction", extension, json.dumps(limits)]
    try:
        child = subprocess.run(  # noqa: S603 - our own interpreter and module, no shell
            command,
            input=data,
            capture_output=True,
            timeout=extraction_timeout(),
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
            check=False,
        )
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child
        return Extraction(TIMEOUT, "", f"plus de {extraction_timeout():g} s")
    except OSError as error:  # no process to be had: the machine is short of resources
        logger.warning("Could not start the extraction child: %s", error)
        return Extraction(MEMORY, "", "processus de lecture impossible à lancer")
    if child.returncode == 0:
        try:
            return Extraction(**json.loads(child.stdout))
        except (ValueError, TypeError):
            pass
    if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return Extraction(TIMEOUT, "", f"plus de {limits['cpu_seconds']} s de calcul")
    if b"MemoryError" in child.stderr[-2000:]:
        return Extraction(MEMORY, "", f"plus de {limits['memory_bytes'] // 2**20} Mo")
    logger.warning(
        "Extraction child ended with %s: %s",
        child.returncode,
        child.stderr[-500:].decode(errors="replace"),
    )
    return Extraction(CORRUPT, "", f"extraction interrompue (code {child.returncode})")


def file_hash(data):
    return hashlib.sha1(data).hexdigest()  # noqa: S324 - a change detector, not security


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
    digest = file_hash(data)
    if stored and stored.file_hash == digest:
        return False
    if extension not in EXTRACTABLE:
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
