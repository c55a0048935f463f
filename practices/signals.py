from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Revision
from wagtail.signals import post_page_move

from .models import OrganizationOwnedMixin
from .voice_notes import queue_conversion
from .voice_storage import (
    discard_after_commit,
    names_before_revision,
    names_in_revision,
    voice_note_models,
)


@receiver(post_page_move, dispatch_uid="practices.organization_follows_a_move")
def organization_follows_a_move(sender, instance, **kwargs):
    """A practice or tool moved under another organisation page now belongs to it (Wagtail
    saves the moved page as a plain Page, which skips OrganizationOwnedMixin.save)."""
    page = instance.specific
    if not isinstance(page, OrganizationOwnedMixin):
        return
    page.take_organization_from_tree()
    type(page).objects.filter(pk=page.pk).update(organization_id=page.organization_id)


@receiver(post_save, sender=Revision, dispatch_uid="practices.convert_voice_notes_of_revision")
def convert_voice_notes_of_revision(sender, instance, created, **kwargs):
    """A note added in the admin is first stored in a revision: convert it from there."""
    if created and isinstance(instance.content, dict):
        for name in names_in_revision(instance.content):
            queue_conversion(name)


@receiver(pre_save, sender=Revision, dispatch_uid="practices.voice_notes_before_revision")
def voice_notes_before_revision(sender, instance, raw=False, **kwargs):
    if not raw:
        instance._voice_notes_before = names_before_revision(instance)


@receiver(post_save, sender=Revision, dispatch_uid="practices.discard_voice_notes_of_revision")
def discard_voice_notes_of_revision(sender, instance, **kwargs):
    """A recording that only a draft had, dropped by a newer revision, leaves the storage."""
    before = getattr(instance, "_voice_notes_before", [])
    if before:
        after = set(names_in_revision(instance.content))
        discard_after_commit(name for name in before if name not in after)


def remember_stored_recording(sender, instance, raw=False, **kwargs):
    """The file a note row names before this save (a new upload may replace it)."""
    if raw or instance.pk is None:
        instance._stored_audio = ""
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("audio", flat=True).first()
    instance._stored_audio = stored or ""


def convert_voice_note_of_row(sender, instance, **kwargs):
    """A note saved directly (a page created with it, code, a publication); the file it
    named before, if another one replaced it, leaves the storage."""
    if kwargs.get("raw"):
        return
    name = instance.audio.name if instance.audio else ""
    queue_conversion(name)
    previous = getattr(instance, "_stored_audio", "")
    if previous and previous != name:
        discard_after_commit([previous])


def discard_recording_of_row(sender, instance, **kwargs):
    """A note deleted, alone or with its page."""
    discard_after_commit([instance.audio.name if instance.audio else ""])


for model in voice_note_models():
    label = model._meta.label_lower
    pre_save.connect(
        remember_stored_recording, sender=model, dispatch_uid=f"practices.stored_audio_{label}"
    )
    post_save.connect(
        convert_voice_note_of_row,
        sender=model,
        dispatch_uid=f"practices.convert_voice_note_of_{label}",
    )
    post_delete.connect(
        discard_recording_of_row, sender=model, dispatch_uid=f"practices.discard_audio_{label}"
    )
