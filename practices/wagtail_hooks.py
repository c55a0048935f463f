"""Admin hooks of the practices app: after a page with voice notes is saved, say which ones
are served as uploaded (no ffmpeg, a failed conversion) and why."""

from django.contrib import messages
from wagtail import hooks

from .admin_listings import PracticeListingViewSet, ToolListingViewSet
from .voice_notes import RELATION, kept_originals


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_unconverted_voice_notes(request, page):
    if not hasattr(page, RELATION):
        return
    for text in dict.fromkeys(conversion.message for conversion in kept_originals(page)):
        messages.warning(request, text)


@hooks.register("register_admin_viewset")
def register_practice_listing():
    return PracticeListingViewSet()


@hooks.register("register_admin_viewset")
def register_tool_listing():
    return ToolListingViewSet()
