"""Production queues costly work (TASKS_BACKEND=database) for `manage.py db_worker`: the
upload request only enqueues, and the worker records every outcome and keeps going."""

import time

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model

from search.models import DocumentText

from .factories import _pdf_bytes
from .test_document_extraction import docx_bomb, pdf_with_pages, real_docx
from .test_uploads import editor, in_root, upload  # noqa: F401 - fixture

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EXTRACTION = "search.tasks.extract_document_text_task"


def queued_extractions():
    return DBTaskResult.objects.ready().filter(task_path=EXTRACTION).count()


@pytest.fixture
def queued(settings):
    settings.TASKS = DATABASE_TASKS
    return settings


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


# The worker closes its database connections between tasks: on PostgreSQL that ends the test's
# transaction. SQLite's in-memory test database keeps its one connection, so the worker runs
# there; on PostgreSQL the drill and `make worker` exercise it.
needs_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="db_worker closes the test's PostgreSQL connection; runs on SQLite",
)


@needs_sqlite
def test_upload_request_enqueues_and_the_worker_extracts(
    client,
    editor,  # noqa: F811
    queued,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/documents/add/",
            {"title": "Guide", "file": upload("guide.docx", real_docx()), **in_root()},
        )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert not DocumentText.objects.exists()  # nothing ran inside the request
    assert queued_extractions() == 1  # (with Wagtail's own index tasks)
    run_worker()
    assert "cantines" in DocumentText.objects.get(document=document).text
    assert not DBTaskResult.objects.ready().exists()


@needs_sqlite
def test_worker_records_hostile_files_and_keeps_serving(
    db, queued, django_capture_on_commit_callbacks
):
    files = [
        ("bombe.docx", docx_bomb()),
        ("casse.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8),
        ("long.pdf", pdf_with_pages(200)),
        ("vide.pdf", _pdf_bytes(2000)),
        ("bon.docx", real_docx()),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        documents = [
            get_document_model().objects.create(title=name, file=upload(name, data))
            for name, data in files
        ]
    assert queued_extractions() == len(files)
    start = time.monotonic()
    run_worker()
    assert time.monotonic() - start < 30
    states = {
        document.title: DocumentText.objects.get(document=document).status for document in documents
    }
    assert states == {
        "bombe.docx": "too_large",
        "casse.pdf": "corrupt",
        "long.pdf": "partial",
        "vide.pdf": "indexed",
        "bon.docx": "indexed",
    }
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
