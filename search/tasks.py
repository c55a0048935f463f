"""Background work of the search app (django-tasks: immediate in development and tests,
the database queue in production when ``TASKS_BACKEND=database``). The query log's flush task
lives beside the log it flushes (``search.query_log.flush_query_log_task``)."""

from django_tasks import task
from wagtail.documents import get_document_model

from .documents import extract_document
from .indexing import index_pages, rebuild_database_index, unindex_pages
from .records import pages_using_document


@task()
def index_pages_task(page_ids):
    return index_pages(page_ids)


@task()
def unindex_pages_task(page_ids):
    return unindex_pages(page_ids)


@task()
def extract_document_text_task(document_id):
    """Extract a document's text, then re-index the live pages that show it."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or not extract_document(document):
        return 0
    page_ids = pages_using_document(document)
    if page_ids:
        index_pages(page_ids)
    return len(page_ids)


@task()
def reindex_everything_task():
    return rebuild_database_index()
