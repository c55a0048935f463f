"""Voice notes in the admin and on the pages: the upload check, the conversion queue, the
status editors read, what a page shows (``notes_for_display``) and what the JSON API and the
open-data files list (``VoiceNoteListField``, ``voice_note_urls``): always the published rows
of a page, never a note that exists only in a draft.

A conversion is queued once per uploaded file, whichever way the note arrives: a revision
saved in the admin (a note added to a live page exists only there until it is published)
or a row saved by code (``practices.signals``).
"""

from django import forms
from django.db.models import OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework.fields import Field
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import get_form_for_model
from wagtail.api.v2.utils import get_full_url

from cdp_portal.audio_uploads import AUDIO_KINDS, check_audio_upload
from cdp_portal.follow_up import enqueue
from home.api_fields import LanguageField
from home.panels import PortalInlinePanel

from .models.voice import AudioConversion, ConversionStatus
from .tasks import convert_voice_note_task
from .templatetags.voice_tags import audio_duration, audio_size
from .voice_storage import RELATION, names_in_revision

# The columns of a note's conversion that a player or a reuser needs.
CONVERSION_COLUMNS = ("status", "converted", "source_kind", "duration", "size")


def queue_conversion(name):
    """Create the conversion row of the uploaded file ``name`` and queue its work, once."""
    if not name:
        return None
    conversion, created = AudioConversion.objects.get_or_create(source=name)
    if created:
        enqueue(convert_voice_note_task, conversion.pk)
    return conversion


def conversions_for(names):
    return {c.source: c for c in AudioConversion.objects.filter(source__in=list(names))}


def status_text(conversion):
    """What an editor reads under the file: converted, waiting, or kept and why."""
    if conversion is None or conversion.status == ConversionStatus.PENDING:
        return str(ConversionStatus.PENDING.label)
    if conversion.status == ConversionStatus.CONVERTED:
        return _("Convertie en Opus : %(duration)s, %(size)s (%(original)s à l'envoi).") % {
            "duration": audio_duration(conversion.duration) or "?",
            "size": audio_size(conversion.size),
            "original": audio_size(conversion.source_size),
        }
    return _("%(label)s : %(value)s") % {
        "label": ConversionStatus.ORIGINAL.label,
        "value": conversion.message,
    }


def kept_originals(page):
    """Conversions of ``page``'s notes (its latest content) that serve the original, with
    their message: the admin warns about them after a save."""
    revision = page.latest_revision
    content = revision.content if revision else {}
    names = names_in_revision(content) or [n.audio.name for n in getattr(page, RELATION).all()]
    return [
        conversion
        for conversion in conversions_for(names).values()
        if conversion.status == ConversionStatus.ORIGINAL
    ]


# --- Admin form --------------------------------------------------------------------------


class StoredRecording:
    """The « Actuellement : … » of the file field: the file's name, linked to the address
    that checks who may listen (its storage address is never served)."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name.rsplit("/", 1)[-1]


class RecordingInput(forms.ClearableFileInput):
    listen_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"] and self.listen_url:
            context["widget"]["value"] = StoredRecording(value.name, self.listen_url)
        return context


class VoiceNoteForm(WagtailAdminModelForm):
    """Refuses anything but a recording, by its bytes; shows the conversion's state."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        note = self.instance
        if "audio" in self.fields and note is not None and note.audio:
            conversion = conversions_for([note.audio.name]).get(note.audio.name)
            self.fields["audio"].help_text = status_text(conversion)
            if note.page_id:
                widget = RecordingInput()
                widget.listen_url = audio_url(note.page_id, note)
                self.fields["audio"].widget = widget

    def clean_audio(self):
        uploaded = self.cleaned_data.get("audio")
        if uploaded and "audio" in self.changed_data:
            kind = check_audio_upload(uploaded)
            # Stored under the extension of what it is, whatever it was called.
            stem = uploaded.name.rsplit("/", 1)[-1].rsplit(".", 1)[0][:80] or "note"
            uploaded.name = f"{stem}.{AUDIO_KINDS[kind][0]}"
        return uploaded


class VoiceNotesPanel(PortalInlinePanel):
    """The « Notes vocales » of a page, each form checked by ``VoiceNoteForm``."""

    def get_form_options(self):
        options = super().get_form_options()
        meta = {}
        deferred = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
        if deferred:
            meta["defer_required_on_fields"] = deferred
        options["formsets"][self.relation_name]["form"] = get_form_for_model(
            self.db_field.related_model, form_class=VoiceNoteForm, **meta
        )
        return options


def voice_notes_panel():
    return VoiceNotesPanel(
        RELATION,
        heading=_("Notes vocales"),
        label=_("note vocale"),
        add_label=_("Ajouter une note vocale"),
    )


# --- Pages ---------------------------------------------------------------------------------


def audio_url(page_id, note):
    return reverse("voice_note_audio", args=[page_id, note.file_name])


def notes_for_display(page):
    """The page's notes with what the player needs: address, content type, size, duration."""
    return with_playback(page.pk, list(getattr(page, RELATION).select_related("language")))


def with_conversion_columns(queryset):
    """Voice notes with their conversion's columns (``conversion_<column>``) read in the
    same query: a listing of many pages costs no query per note."""
    match = AudioConversion.objects.filter(source=OuterRef("audio"))
    return queryset.annotate(
        **{f"conversion_{name}": Subquery(match.values(name)[:1]) for name in CONVERSION_COLUMNS}
    )


def annotated_conversion(note):
    """The conversion read by ``with_conversion_columns`` (unsaved), None if there is none."""
    if note.conversion_status is None:
        return None
    columns = {name: getattr(note, f"conversion_{name}") for name in CONVERSION_COLUMNS}
    return AudioConversion(source=note.audio.name, **columns)


def with_playback(page_id, notes):
    """``notes`` (of the page ``page_id``) given ``conversion``, ``url``, ``content_type``
    and ``size`` (bytes, None if unknown)."""
    others = [note.audio.name for note in notes if not hasattr(note, "conversion_status")]
    conversions = conversions_for(others) if others else {}
    for note in notes:
        if hasattr(note, "conversion_status"):
            note.conversion = annotated_conversion(note)
        else:
            note.conversion = conversions.get(note.audio.name)
        note.url = audio_url(page_id, note)
        note.content_type = served_content_type(note.audio.name, note.conversion)
        note.size = note.conversion.size if note.conversion and note.conversion.size else None
        if note.size is None:
            try:
                note.size = note.audio.size
            except OSError:
                note.size = None
    return notes


class VoiceNoteListField(Field):
    """A page's voice notes in the JSON API: language, transcript, and the address that
    sends the recording (``audio_views``, which checks the page again), with its content
    type, size in bytes and duration in seconds (null while unknown). The API lists public
    pages only, and their published notes only."""

    def prefetch_for(self, model, name):
        """The notes of every page of a listing, with their conversions, in one query
        (``cdp_portal.api.related_lookups``)."""
        notes = model._meta.get_field(name).related_model.objects.select_related("language")
        return Prefetch(name, queryset=with_conversion_columns(notes))

    def to_representation(self, manager):
        notes = list(manager.all())
        if not notes:
            return []
        request = self.context["request"]
        return [
            {
                "id": note.pk,
                "language": LanguageField().to_representation(note.language)
                if note.language is not None
                else None,
                "transcript": note.transcript,
                "audio_url": get_full_url(request, note.url),
                "content_type": note.content_type,
                "file_size": note.size,
                "duration": round(note.conversion.duration, 1)
                if note.conversion is not None and note.conversion.duration
                else None,
            }
            for note in with_playback(notes[0].page_id, notes)
        ]


def voice_note_urls(page, root):
    """Full addresses of a page's published voice notes (open-data files; prefetched)."""
    return [root + audio_url(page.pk, note) for note in getattr(page, RELATION).all()]


def served_file(name, conversion):
    """(storage name, content type) of what is sent for the uploaded file ``name``."""
    if conversion is not None and conversion.is_converted:
        return conversion.converted.name, "audio/ogg"
    return name, served_content_type(name, conversion)


def served_content_type(name, conversion):
    if conversion is not None and conversion.is_converted:
        return "audio/ogg"
    kind = conversion.source_kind if conversion is not None else ""
    if not kind:
        extension = name.rsplit(".", 1)[-1].lower()
        kind = next((k for k, (ext, _t) in AUDIO_KINDS.items() if ext == extension), "")
    return AUDIO_KINDS[kind][1] if kind else "application/octet-stream"
