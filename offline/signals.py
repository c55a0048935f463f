"""Packs follow the content: publishing or unpublishing a practice, a tool or a community
rebuilds the packs it belongs to; a change of privacy (view restriction) or a document saved
rebuilds them all. Until a pack is rebuilt, the old one is not served (offline.packs)."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from home.models import CommunityPage
from practices.models import PracticePage, ToolPage

from . import tasks
from .packs import COMMUNITY, THEME

logger = logging.getLogger(__name__)


def _enqueue(task, *args):
    """Once the transaction has committed (the task reads the published content; the
    database worker cannot see it before)."""

    def enqueue():
        try:
            task.enqueue(*args)
        except Exception:  # a pack must never break an editor's publish
            logger.exception("Could not enqueue %s", task.name)

    transaction.on_commit(enqueue)


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
        _enqueue(tasks.build_pack_task, kind, slug)


def on_privacy_or_document_changed(sender, **kwargs):
    _enqueue(tasks.build_every_pack_task)


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
