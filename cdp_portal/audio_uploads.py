"""Voice notes are checked by their content, not their name: whatever it is called, an
upload must begin like a recording a phone makes (Ogg/Opus from WhatsApp, M4A/3GP, MP3, AMR,
WAV, WebM, AAC) and weigh at most ``MAX_AUDIO_BYTES``; anything else is refused with a French
message (``check_audio_upload``, used by ``practices.voice_notes.VoiceNoteForm``)."""

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_AUDIO_BYTES = 20 * 1024 * 1024
# ISO base media (MP4) brands of audio files from phones: M4A, 3GP, plain MP4.
MP4_AUDIO_BRANDS = (b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2", b"3gp", b"3g2", b"dash")
# kind: (extension of the stored file, content type it is served with)
AUDIO_KINDS = {
    "ogg": ("ogg", "audio/ogg"),
    "mp4": ("m4a", "audio/mp4"),
    "mp3": ("mp3", "audio/mpeg"),
    "wav": ("wav", "audio/wav"),
    "amr": ("amr", "audio/amr"),
    "webm": ("webm", "audio/webm"),
    "aac": ("aac", "audio/aac"),
}


def is_mp3(sample):
    if sample.startswith(b"ID3"):
        return True
    # An MPEG audio frame: 11 sync bits, then a valid version and layer.
    return (
        len(sample) >= 2
        and sample[0] == 0xFF
        and sample[1] & 0xE0 == 0xE0
        and (sample[1] >> 3) & 0x03 != 0x01
        and (sample[1] >> 1) & 0x03 != 0x00
    )


def _first_bytes(uploaded_file, size=64):
    uploaded_file.seek(0)
    sample = uploaded_file.read(size)
    uploaded_file.seek(0)
    return sample or b""


def audio_kind(sample):
    """The kind of recording these first bytes begin (a key of ``AUDIO_KINDS``), or None."""
    if sample.startswith(b"OggS"):
        return "ogg"
    if sample[4:8] == b"ftyp" and sample[8:12].startswith(MP4_AUDIO_BRANDS):
        return "mp4"
    if sample.startswith(b"RIFF") and sample[8:12] == b"WAVE":
        return "wav"
    if sample.startswith(b"#!AMR"):
        return "amr"
    if sample.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    # ADTS (raw AAC): 12 sync bits, layer 0.
    if len(sample) >= 2 and sample[0] == 0xFF and sample[1] & 0xF6 == 0xF0:
        return "aac"
    if is_mp3(sample):
        return "mp3"
    return None


def _megabytes(size):
    return _("%(size)s Mo") % {"size": number_format(size / 1024**2, decimal_pos=1)}


def check_audio_upload(uploaded_file):
    """Raise ValidationError (in French) unless ``uploaded_file`` is a recording we can play
    or convert, by its bytes (never its name), of at most ``MAX_AUDIO_BYTES``. Returns its
    kind (``AUDIO_KINDS``)."""
    size = uploaded_file.size or 0
    if size == 0:
        raise ValidationError(_("Ce fichier est vide."), code="empty")
    if size > MAX_AUDIO_BYTES:
        raise ValidationError(
            _(
                "Cet enregistrement est trop lourd (%(size)s) : %(max)s au plus. Enregistrez "
                "une note plus courte, ou envoyez-la en plusieurs parties."
            ),
            code="audio_size",
            params={"size": _megabytes(size), "max": _megabytes(MAX_AUDIO_BYTES)},
        )
    kind = audio_kind(_first_bytes(uploaded_file))
    if kind is None:
        raise ValidationError(
            _(
                "Ce fichier n'est pas un enregistrement audio (acceptés : notes vocales "
                "WhatsApp .opus ou .ogg, .m4a, .mp3, .amr, .wav, .webm, .aac). Il a peut-être "
                "été renommé : envoyez le fichier tel que le téléphone l'a enregistré."
            ),
            code="audio_content",
        )
    return kind
