"""Packs follow the content: publishing or unpublishing a practice, a tool or a community
rebuilds the packs it belongs to; a change of privacy (view restriction) or a document saved
rebuilds them all. Until a pack is rebuilt, the old one is not served (offline.packs)."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from cdp_portal.follow_up import enqueue
from home.models import CommunityPage
from practices.models import PracticePage, ToolPage

from . import tasks
from .packs import COMMUNITY, THEME


def packs_of(page):
    """(kind, slug) of the packs ``page`` belongs to."""
    page = page.specific
    if isinstance(page, CommunityPage):
        return {(COMMUNITY, page.slug)}
    if isinstance(page, (PracticePage, ToolPage)):
        return {(COMMUNITY, slug) for slug in page.communities.values_list("slug", flat=True)} | {
            (THEME, slug) for slug in page.themes.values_list("slug", flat=True)
        }
    return set()


def on_page_changed(sender, instance, **kwargs):
    for kind, slug in sorted(packs_of(instance)):
        # After the commit even with the immediate backend: a pack is a file, which a
        # rolled-back transaction would leave holding content that was never published.
        enqueue(tasks.build_pack_task, kind, slug, after_commit=True)


def on_privacy_or_document_changed(sender, **kwargs):
    enqueue(tasks.build_every_pack_task, after_commit=True)


def connect():
    page_published.connect(on_page_changed, dispatch_uid="offline_page_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="offline_page_unpublished")
    for signal in (post_save, post_delete):
        signal.connect(
            on_privacy_or_document_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"offline_restriction_{signal is post_save}",
        )
    post_save.connect(
        on_privacy_or_document_changed,
        sender=get_document_model(),
        dispatch_uid="offline_document_saved",
    )
