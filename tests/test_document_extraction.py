"""Document text extraction is bounded in size, pages, memory and time, runs in a child
process, and every document ends in a recorded status that editors can read."""

import io
import struct
import time
import zipfile
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cdp_portal import extraction
from search import documents
from search.models import DocumentText

GIB = 1024**3


def pdf_with_pages(count, text="Registre des forages villageois page"):
    """A real PDF of ``count`` pages, each with a line of text."""
    font = 3 + 2 * count
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(count))
        + b"] /Count %d >>" % count,
    ]
    for number in range(count):
        stream = f"BT /F1 12 Tf 72 712 Td ({text} {number + 1}) Tj ET".encode()
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * number, font)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def real_docx(text="Grille de suivi des cantines scolaires"):
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zeros_deflated(size):
    """Raw DEFLATE of ``size`` zero bytes, built without ever holding them: one
    full-flushed megabyte block, repeated (full flushes make the blocks independent)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(2**20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    return block * (size // 2**20) + final


def write_zip(entries):
    """A zip archive from (name, method, raw data, crc, declared size) entries, written by
    hand so that a member can carry precompressed data and any declared size."""
    out, central = io.BytesIO(), []
    for name, method, data, crc, declared in entries:
        offset, encoded = out.tell(), name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                declared,
                len(encoded),
                0,
            )
            + encoded
            + data
        )
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                declared,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    directory = b"".join(central)
    start = out.tell()
    out.write(directory)
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), start, 0
        )
    )
    return out.getvalue()


def docx_bomb(declared_size=GIB):
    """A real .docx whose word/document.xml inflates to 1 GiB of zeros; its headers
    declare ``declared_size`` (the truth, or a lie)."""
    entries = []
    with zipfile.ZipFile(io.BytesIO(real_docx())) as source:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                entries.append(
                    (info.filename, zipfile.ZIP_DEFLATED, zeros_deflated(GIB), 0, declared_size)
                )
                continue
            content = source.read(info)
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = compressor.compress(content) + compressor.flush()
            entries.append(
                (info.filename, zipfile.ZIP_DEFLATED, packed, zlib.crc32(content), len(content))
            )
    return write_zip(entries)


def test_the_bomb_is_what_it_claims():
    bomb = docx_bomb()
    assert len(bomb) < 1.2 * 2**20  # ~1 MB on disk (DEFLATE's ratio is at most ~1000:1)
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert archive.getinfo("word/document.xml").file_size == GIB
        with archive.open("word/document.xml") as member:
            assert member.read(10 * 2**20) == bytes(10 * 2**20)


@pytest.mark.parametrize(
    ("declared", "status"),
    [(GIB, extraction.TOO_LARGE), (4096, extraction.CORRUPT)],
    ids=["declared", "lying-headers"],
)
def test_zip_bomb_is_refused_quickly_in_a_child_process(declared, status):
    # Headers that lie about the size: reading stops at the declared size and the
    # checksum fails, so the member never inflates further.
    start = time.monotonic()
    result = documents.run_extraction(docx_bomb(declared), "docx")
    assert result.status == status and result.text == ""
    assert time.monotonic() - start < 5


def test_corrupt_pdf_and_truncated_docx_are_recorded_as_unreadable():
    for data, extension in [
        (b"%PDF-1.7\n" + bytes(range(256)) * 40, "pdf"),
        (real_docx()[:-300], "docx"),
    ]:
        start = time.monotonic()
        result = documents.run_extraction(data, extension)
        assert result.status == extraction.CORRUPT, extension
        assert result.detail
        assert time.monotonic() - start < 5


def test_long_pdf_gives_its_first_pages_only():
    start = time.monotonic()
    result = documents.run_extraction(pdf_with_pages(200), "pdf")
    assert time.monotonic() - start < 10
    assert result.status == extraction.PARTIAL
    assert "100 premières pages sur 200" in result.detail
    assert "page 100" in result.text and "page 101" not in result.text


def test_paragraphs_are_capped(settings):
    import docx

    document = docx.Document()
    for number in range(30):
        document.add_paragraph(f"Paragraphe numéro {number}")
    buffer = io.BytesIO()
    document.save(buffer)
    settings.DOCUMENT_EXTRACTION_LIMITS = {"max_paragraphs": 10}
    result = documents.run_extraction(buffer.getvalue(), "docx")
    assert result.status == extraction.PARTIAL
    assert "numéro 9" in result.text and "numéro 10" not in result.text


def test_a_child_over_its_time_is_killed(settings, monkeypatch):
    settings.DOCUMENT_EXTRACTION_TIMEOUT = 1
    # A child that never ends (and uses no CPU) stands in for a parser stuck waiting.
    original = extraction.subprocess.run

    def run(command, **kwargs):
        return original(["/bin/sleep", "30"], **kwargs)

    monkeypatch.setattr(extraction.subprocess, "run", run)
    start = time.monotonic()
    result = documents.run_extraction(b"%PDF-", "pdf")
    assert result.status == extraction.TIMEOUT
    assert time.monotonic() - start < 3


def run_limited(code, **limits):
    import subprocess
    import sys

    setup = (
        "from cdp_portal.extraction import limit_resources, DEFAULT_LIMITS\n"
        f"limit_resources({{**DEFAULT_LIMITS, **{limits!r}}})\n"
    )
    return subprocess.run(
        [sys.executable, "-c", setup + code],
        cwd=extraction.PROJECT_ROOT,
        timeout=10,
        check=False,
        capture_output=True,
    )


def test_memory_limit_stops_a_greedy_child():
    child = run_limited("bytearray(400 * 2**20)", memory_bytes=128 * 2**20)
    assert child.returncode != 0 and b"MemoryError" in child.stderr
    assert run_limited("bytearray(40 * 2**20)", memory_bytes=128 * 2**20).returncode == 0


def test_cpu_limit_ends_a_busy_child():
    start = time.monotonic()
    child = run_limited("while True: pass", cpu_seconds=1)
    assert child.returncode < 0  # killed by SIGXCPU
    assert time.monotonic() - start < 5


# Through the task, as the worker runs it


def upload(title, name, data):
    return get_document_model().objects.create(title=title, file=ContentFile(data, name=name))


def test_hostile_documents_are_kept_served_and_marked_not_indexed(db, client):
    bomb = upload("Bombe", "bombe.docx", docx_bomb())
    broken = upload("Cassé", "casse.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8)
    long = upload("Long", "long.pdf", pdf_with_pages(200))
    fine = upload("Bon", "bon.docx", real_docx())
    states = {
        document.title: DocumentText.objects.get(document=document)
        for document in (bomb, broken, long, fine)
    }
    assert states["Bombe"].status == DocumentText.Status.TOO_LARGE
    assert not states["Bombe"].is_indexed
    assert states["Bombe"].explanation.startswith("Texte non indexé\xa0: document trop volumineux")
    assert states["Cassé"].status == DocumentText.Status.CORRUPT
    assert states["Long"].status == DocumentText.Status.PARTIAL
    assert states["Bon"].status == DocumentText.Status.INDEXED
    assert "cantines" in states["Bon"].text
    # The file is kept and served as uploaded (here to an editor: no page uses it yet).
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "x"))
    response = client.get(bomb.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == docx_bomb()


def test_formats_without_text_are_recorded_as_such(db):
    document = upload("Tableau", "tableau.csv", b"a;b\n1;2\n")
    assert DocumentText.objects.get(document=document).status == DocumentText.Status.NO_TEXT
