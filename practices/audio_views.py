"""Voice notes are sent by Django, like documents: to whoever may see the page that holds the
note (``home.file_access.may_see_page``), and to whoever may edit or review it for a note
still in a draft. Everyone else gets « page introuvable », so that an address reveals nothing.
"""

import re

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Page

from home.file_access import may_edit_or_review, may_see_page
from home.views import page_not_found

from .models.voice import AUDIO_UPLOAD_DIRECTORY, AudioConversion
from .voice_notes import RELATION, names_in_revision, served_file

# One range only ("bytes=0-", "bytes=100-199", "bytes=-500"): what players ask for to read
# an Ogg file's duration at its end and to seek. Anything else gets the whole file.
SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def page_holds(page, name, request):
    """Whether ``name`` is a note of the content of ``page`` that ``request`` may see: the
    published rows, or for its editors and reviewers, its latest revision too."""
    if getattr(page, RELATION).filter(audio=name).exists():
        return True
    user = request.user
    if not (user.is_authenticated and page.latest_revision and may_edit_or_review(page, user)):
        return False
    return name in names_in_revision(page.latest_revision.content)


def byte_range(header, size):
    """(first, last) byte asked for by a ``Range`` header, None to send everything, or
    False when no byte of the file is in it."""
    match = SINGLE_RANGE.match(header or "")
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        return (max(0, size - length), size - 1) if length else False
    first = int(first)
    last = min(int(last), size - 1) if last else size - 1
    if first >= size or last < first:
        return False
    return first, last


def partial(handle, content_type, wanted, size):
    if wanted is False:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    first, last = wanted
    with handle:
        handle.seek(first)
        body = handle.read(last - first + 1)
    response = HttpResponse(body, status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response


def voice_note_audio(request, page_id, filename):
    page = None
    if page_id.isdigit() and len(page_id) <= 10:
        page = Page.objects.filter(pk=int(page_id)).select_related("latest_revision").first()
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
    size = default_storage.size(stored)
    wanted = byte_range(request.headers.get("Range"), size)
    if wanted is None:
        # Named after what is sent (« ….opus » once converted), for whoever saves it.
        response = FileResponse(
            handle, content_type=content_type, filename=stored.rsplit("/", 1)[-1]
        )
    else:
        response = partial(handle, content_type, wanted, size)
    response["Accept-Ranges"] = "bytes"
    # The page's visibility can change: never kept by a shared cache.
    patch_cache_control(response, private=True, max_age=3600)
    return response
