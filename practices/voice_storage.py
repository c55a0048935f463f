"""Recordings leave the storage with the last thing that names them.

An uploaded recording (and its conversion row and Opus copy) is removed from the storage when
a voice note row stops naming it (the note deleted, its page deleted, a new file uploaded in
its place) or when a new revision of a page drops a note that only a draft had, once nothing
else names it: no voice note row of any page, no page's unpublished latest revision (a draft
waiting for publication, a page in moderation) and no revision waiting for its scheduled
publication.
Older revisions do not keep a file: a recording an editor removed (a survivor's voice by
mistake) must leave the server; reverting to such a revision gives a note without its sound.

The removal runs after the transaction commits (``transaction.on_commit``), so that a
rolled-back deletion loses nothing. Receivers: ``practices.signals``.
"""

import logging

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from wagtail.models import Page, Revision

from .models.voice import AudioConversion, VoiceNoteBase

logger = logging.getLogger(__name__)
RELATION = "voice_notes"


def voice_note_models():
    """Every concrete voice note model (practices, tools, meetings)."""
    return [model for model in apps.get_models() if issubclass(model, VoiceNoteBase)]


def voice_page_content_type_ids():
    """Content type ids of the page types that hold voice notes."""
    pages = [model._meta.get_field("page").related_model for model in voice_note_models()]
    return {content_type.pk for content_type in ContentType.objects.get_for_models(*pages).values()}


def names_in_revision(content):
    """The uploaded files of the voice notes in a revision's content."""
    if not isinstance(content, dict):
        return []
    return [note.get("audio") for note in content.get(RELATION) or [] if note.get("audio")]


def pending_revisions():
    """Revisions of voice pages that may still be published: each page's latest when it is
    not the live one (a draft, a page in moderation, a page never published), and those
    scheduled. A live page's latest revision is its rows, which are read instead."""
    drafts = Page.objects.exclude(latest_revision=F("live_revision")).values("latest_revision")
    return Revision.objects.filter(content_type_id__in=voice_page_content_type_ids()).filter(
        Q(pk__in=drafts) | Q(approved_go_live_at__isnull=False)
    )


def is_referenced(name):
    """Whether a voice note row or a revision that may still be published names ``name``."""
    if any(model.objects.filter(audio=name).exists() for model in voice_note_models()):
        return True
    return any(
        name in names_in_revision(content)
        for content in pending_revisions().values_list("content", flat=True).iterator()
    )


def discard_recording(name):
    """Remove the uploaded file ``name``, its conversion and Opus copy, unless still named.
    Returns whether it was removed."""
    if not name or is_referenced(name):
        return False
    for conversion in AudioConversion.objects.filter(source=name):
        if conversion.converted:
            default_storage.delete(conversion.converted.name)
        conversion.delete()
    default_storage.delete(name)
    logger.info("voice note recording removed from storage: %s", name)
    return True


def discard_after_commit(names):
    """``discard_recording`` each of ``names`` once the current transaction commits."""
    names = sorted({name for name in names if name})
    if names:
        transaction.on_commit(lambda: [discard_recording(name) for name in names])


def names_before_revision(revision):
    """The recordings a revision about to be saved replaces: those of its stored content
    when it is overwritten, else those of its page's latest revision."""
    if revision.content_type_id not in voice_page_content_type_ids():
        return []
    if revision.pk:
        stored = Revision.objects.filter(pk=revision.pk)
    else:
        stored = Revision.objects.filter(
            base_content_type_id=revision.base_content_type_id, object_id=revision.object_id
        ).order_by("-created_at", "-pk")
    return names_in_revision(stored.values_list("content", flat=True).first())
