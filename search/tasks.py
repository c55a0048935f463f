"""Background work of the search app (django-tasks: immediate in development and tests,
the database queue in production when ``TASKS_BACKEND=database``)."""

from django_tasks import task


@task()
def index_pages_task(page_ids):
    from .indexing import index_pages

    return index_pages(page_ids)


@task()
def unindex_pages_task(page_ids):
    from .indexing import unindex_pages

    return unindex_pages(page_ids)


@task()
def extract_document_text_task(document_id):
    """Extract a document's text, then re-index the live pages that show it."""
    from wagtail.documents import get_document_model

    from .documents import extract_document
    from .signals import pages_using_document

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or not extract_document(document):
        return 0
    page_ids = pages_using_document(document)
    if page_ids:
        from .indexing import index_pages

        index_pages(page_ids)
    return len(page_ids)


@task()
def flush_query_log_task(rows):
    from .query_log import write_rows

    return write_rows(rows)


@task()
def reindex_everything_task():
    from .indexing import rebuild_database_index

    return rebuild_database_index()
