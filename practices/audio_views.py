"""Voice notes are sent by Django, like documents: to whoever may see the page that holds the
note (``home.file_access.may_see_page``), and to whoever may edit or review it for a note
still in a draft. Everyone else gets « page introuvable », so that an address reveals nothing.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Page

from home.file_access import may_edit_or_review, may_see_page
from home.views import page_not_found

from .models.voice import AUDIO_UPLOAD_DIRECTORY, AudioConversion
from .voice_notes import RELATION, names_in_revision, served_file


def page_holds(page, name, request):
    """Whether ``name`` is a note of the content of ``page`` that ``request`` may see: the
    published rows, or for its editors and reviewers, its latest revision too."""
    if getattr(page, RELATION).filter(audio=name).exists():
        return True
    user = request.user
    if not (user.is_authenticated and page.latest_revision and may_edit_or_review(page, user)):
        return False
    return name in names_in_revision(page.latest_revision.content)


def voice_note_audio(request, page_id, filename):
    page = Page.objects.filter(pk=page_id).select_related("latest_revision").first()
    page = page.specific if page is not None else None
    name = f"{AUDIO_UPLOAD_DIRECTORY}/{filename}"
    if (
        page is None
        or not hasattr(page, RELATION)
        or not may_see_page(request, page)
        or not page_holds(page, name, request)
    ):
        return page_not_found(request)
    stored, content_type = served_file(name, AudioConversion.objects.filter(source=name).first())
    try:
        handle = default_storage.open(stored, "rb")
    except FileNotFoundError:
        return page_not_found(request)
    # Named after what is sent (« ….opus » once converted), for whoever saves it.
    response = FileResponse(handle, content_type=content_type, filename=stored.rsplit("/", 1)[-1])
    # The page's visibility can change: never kept by a shared cache.
    patch_cache_control(response, private=True, max_age=3600)
    return response
