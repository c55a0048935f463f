"""Voice notes: a recording in a local language, with its transcript, attached to a practice,
a tool or a meeting (``VoiceNoteBase``), and its small Opus copy (``AudioConversion``).

The conversion is kept beside the inline row, keyed by the original file's name, and not on
the row itself: a new note on a live page exists only in a revision until it is published,
and publishing copies the revision's values onto the rows, which would wipe out a
conversion finished in between.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

AUDIO_UPLOAD_DIRECTORY = "voice_notes/original"
CONVERTED_DIRECTORY = "voice_notes/opus"


class ConversionStatus(models.TextChoices):
    PENDING = "pending", _("Conversion en attente")
    CONVERTED = "converted", _("Convertie en Opus")
    ORIGINAL = "original", _("Original conservé")


class AudioConversion(models.Model):
    """The served form of one uploaded recording: its Opus copy when ffmpeg could make one
    smaller, else the original as uploaded (``message`` says why)."""

    source = models.CharField(_("fichier d'origine"), max_length=255, unique=True)
    source_kind = models.CharField(_("format d'origine"), max_length=10, blank=True)
    source_size = models.PositiveBigIntegerField(_("taille d'origine"), null=True, blank=True)
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=ConversionStatus.choices,
        default=ConversionStatus.PENDING,
    )
    converted = models.FileField(
        _("fichier converti"), upload_to=CONVERTED_DIRECTORY, max_length=255, blank=True
    )
    duration = models.FloatField(_("durée (secondes)"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("taille servie"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    updated_at = models.DateTimeField(_("mise à jour"), auto_now=True)

    class Meta:
        verbose_name = _("conversion d'une note vocale")
        verbose_name_plural = _("conversions des notes vocales")

    def __str__(self):
        return self.source

    @property
    def is_converted(self):
        return self.status == ConversionStatus.CONVERTED and bool(self.converted)


class VoiceNoteBase(Orderable):
    """A recording as a phone made it, its language, and what it says in writing (for deaf
    visitors, for those who do not speak the language, and for the search)."""

    audio = models.FileField(
        _("enregistrement"),
        upload_to=AUDIO_UPLOAD_DIRECTORY,
        max_length=255,
        help_text=_(
            "Note vocale telle que le téléphone l'a enregistrée (WhatsApp .opus ou .ogg, "
            ".m4a, .mp3), 20 Mo au plus. Ni nom ni voix de survivante, de mineur ou de "
            "personne en danger."
        ),
    )
    language = models.ForeignKey(
        "practices.MaterialLanguage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("langue parlée"),
    )
    transcript = models.TextField(
        _("transcription ou résumé en français"),
        help_text=_(
            "Obligatoire : ce que dit l'enregistrement, pour les personnes sourdes, pour "
            "celles qui ne parlent pas la langue, et pour la recherche."
        ),
    )

    # A plain list: a handful of languages, chosen without JavaScript.
    panels = [
        FieldPanel("audio"),
        FieldPanel("language", widget=forms.Select),
        FieldPanel("transcript"),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("note vocale")
        verbose_name_plural = _("notes vocales")

    @property
    def file_name(self):
        return self.audio.name.rsplit("/", 1)[-1] if self.audio else ""
