"""Bounded text extraction from uploaded document bytes (PDF, DOCX, ODT, TXT), without
Django: beside ``uploads`` (which checks an upload's bytes are what its extension says),
the other reader of untrusted files; the search indexes the text (``search.documents``).

``extract(data, extension, limits)`` -> ``Extraction(status, text, detail)``. It refuses
zip archives whose members are too large, declared or actual (a zip bomb never gets
decompressed past ``max_uncompressed_bytes``), reads at most ``max_pages`` PDF pages and
``max_paragraphs`` paragraphs, and keeps at most ``max_chars`` characters.

Run as a program (``python -m cdp_portal.extraction EXT LIMITS_JSON`` < bytes) it first
limits its own memory and CPU time (``resource.setrlimit``) and prints the result as JSON:
that is how ``run_in_child`` runs it, in a child process it can kill, so a hostile file
costs a few seconds of a worker and ends in a recorded status, never in a stuck or dead
worker.
"""

import io
import json
import logging
import os
import resource
import signal
import subprocess
import sys
import warnings
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Statuses (the same values as search.models.DocumentText.Status)
INDEXED = "indexed"
PARTIAL = "partial"
TOO_LARGE = "too_large"
CORRUPT = "corrupt"
TIMEOUT = "timeout"
MEMORY = "memory"

DEFAULT_LIMITS = {
    "max_uncompressed_bytes": 100 * 1024 * 1024,  # all members of a DOCX/ODT together
    "max_xml_member_bytes": 20 * 1024 * 1024,  # one XML part (document.xml, content.xml)
    "max_members": 5_000,
    "max_pages": 100,
    "max_paragraphs": 5_000,
    "max_chars": 200_000,
    "memory_bytes": 512 * 1024 * 1024,
    "cpu_seconds": 20,
}
CHUNK = 1024 * 1024


@dataclass
class Extraction:
    status: str
    text: str = ""
    detail: str = ""


class Refused(Exception):
    def __init__(self, status, detail):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _megabytes(size):
    return f"{size / 2**20:,.0f} Mo".replace(",", " ")


def check_zip(data, limits):
    """Raise Refused unless every member's declared and actual sizes are within bounds.
    Reads (decompresses) at most the allowed total, and never stores it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Refused(CORRUPT, f"archive illisible ({error})") from error
    if len(members) > limits["max_members"]:
        raise Refused(TOO_LARGE, f"{len(members)} fichiers dans l'archive")
    declared = sum(member.file_size for member in members)
    if declared > limits["max_uncompressed_bytes"]:
        raise Refused(TOO_LARGE, f"{_megabytes(declared)} une fois décompressé")
    total = 0
    for member in members:
        own_limit = limits["max_uncompressed_bytes"]
        if member.filename.endswith(".xml"):
            own_limit = min(own_limit, limits["max_xml_member_bytes"])
        if member.file_size > own_limit:
            raise Refused(TOO_LARGE, f"{member.filename} : {_megabytes(member.file_size)}")
        size = 0
        try:
            with archive.open(member) as handle:
                while chunk := handle.read(CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    # A member may lie about its size: the actual bytes count.
                    if size > member.file_size or size > own_limit:
                        raise Refused(TOO_LARGE, f"{member.filename} plus grand qu'annoncé")
                    if total > limits["max_uncompressed_bytes"]:
                        raise Refused(TOO_LARGE, "archive trop grande une fois décompressée")
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise Refused(CORRUPT, f"{member.filename} illisible ({error})") from error
    return archive


def _pdf(data, limits):
    # Parser libraries load in the child process only, after its memory limit (see main).
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = reader.pages
    count = len(pages)
    parts, size = [], 0
    for page in pages[: limits["max_pages"]]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > limits["max_chars"]:
            break
    detail = ""
    if count > limits["max_pages"]:
        detail = f"{limits['max_pages']} premières pages sur {count}"
    return parts, detail


def _capped_paragraphs(texts, limits):
    parts = []
    for number, text in enumerate(texts):
        if number >= limits["max_paragraphs"]:
            return parts, f"{limits['max_paragraphs']} premiers paragraphes"
        parts.append(text)
    return parts, ""


def _docx(data, limits):
    import docx  # in the child process only, like pypdf (see _pdf)

    check_zip(data, limits)
    document = docx.Document(io.BytesIO(data))

    def texts():
        for paragraph in document.paragraphs:
            yield paragraph.text
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield cell.text

    return _capped_paragraphs(texts(), limits)


def _odt(data, limits):
    # In the child process only, like pypdf (see _pdf).
    from odf import teletype, text
    from odf.opendocument import load

    check_zip(data, limits)
    document = load(io.BytesIO(data))
    elements = (
        element for kind in (text.H, text.P) for element in document.getElementsByType(kind)
    )
    return _capped_paragraphs((teletype.extractText(element) for element in elements), limits)


def _txt(data, limits):
    return [data.decode("utf-8", errors="replace")], ""


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "odt": _odt, "txt": _txt}


def _out_of_memory(error):
    message = str(error).lower()
    return any(sign in message for sign in ("failed to map", "cannot allocate", "memory"))


def extract(data, extension, limits=None):
    """Never raises for a bad file: the outcome is in the status."""
    limits = {**DEFAULT_LIMITS, **(limits or {})}
    extractor = EXTRACTORS[extension]
    try:
        parts, detail = extractor(data, limits)
    except Refused as refused:
        return Extraction(refused.status, "", refused.detail)
    except MemoryError:
        return Extraction(MEMORY, "", "mémoire insuffisante")
    except (ImportError, OSError) as error:
        if _out_of_memory(error):  # a library that could not be mapped under RLIMIT_AS
            return Extraction(MEMORY, "", "mémoire insuffisante")
        return Extraction(CORRUPT, "", f"{type(error).__name__}: {error}"[:200])
    except RecursionError:
        return Extraction(CORRUPT, "", "structure trop profonde")
    except Exception as error:  # noqa: BLE001 - corrupt or encrypted files of every kind
        return Extraction(CORRUPT, "", f"{type(error).__name__}: {error}"[:200])
    # Cut before normalising the spaces: splitting megabytes of words costs memory.
    raw = " ".join(parts)
    text = " ".join(raw[: limits["max_chars"] * 2].split())
    if len(text) > limits["max_chars"] or len(raw) > limits["max_chars"] * 2:
        text = text[: limits["max_chars"]]
        detail = detail or f"{limits['max_chars']} premiers caractères"
    return Extraction(PARTIAL if detail else INDEXED, text, detail)


def limit_resources(limits):
    memory = int(limits["memory_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(limits["cpu_seconds"])
    # SIGXCPU at the soft limit ends the process; SIGKILL a second later if it lingers.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def run_in_child(data, extension, limits=None, timeout=30.0):
    """``extract`` in a child process; never raises for a bad file, and the child is
    killed when it outlives ``timeout`` seconds."""
    limits = {**DEFAULT_LIMITS, **(limits or {})}
    command = [sys.executable, "-m", "cdp_portal.extraction", extension, json.dumps(limits)]
    try:
        child = subprocess.run(  # noqa: S603 - our own interpreter and module, no shell
            command,
            input=data,
            capture_output=True,
            timeout=timeout,
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
            check=False,
        )
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child
        return Extraction(TIMEOUT, "", f"plus de {timeout:g} s")
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


def main(argv):
    extension, limits = argv[1], {**DEFAULT_LIMITS, **json.loads(argv[2])}
    logging.disable(logging.CRITICAL)  # pypdf warns about every oddity of a file
    warnings.simplefilter("ignore")
    limit_resources(limits)
    data = sys.stdin.buffer.read()
    result = extract(data, extension, limits)
    sys.stdout.write(json.dumps(asdict(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
