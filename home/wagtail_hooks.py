from wagtail import hooks

from .file_access import may_download_document
from .views import page_not_found


@hooks.register("before_serve_document")
def serve_documents_like_the_pages_using_them(document, request):
    """A document is downloadable only by whoever may see a page using it; anyone else gets the
    ordinary « page not found », so that an id reveals nothing."""
    if not may_download_document(request, document):
        return page_not_found(request)
    return None
