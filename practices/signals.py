from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Revision
from wagtail.signals import post_page_move

from .models import OrganizationOwnedMixin, VoiceNoteBase
from .voice_notes import names_in_revision, queue_conversion


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


def convert_voice_note_of_row(sender, instance, **kwargs):
    """A note saved directly (a page created with it, code, a publication)."""
    if kwargs.get("raw"):
        return
    queue_conversion(instance.audio.name if instance.audio else "")


for model in apps.get_models():
    if issubclass(model, VoiceNoteBase):
        post_save.connect(
            convert_voice_note_of_row,
            sender=model,
            dispatch_uid=f"practices.convert_voice_note_of_{model._meta.label_lower}",
        )
