"""Turning a phone's recording into a small Opus file with the system's ffmpeg.

Speech needs little: mono Opus at 20 kb/s (``-application voip``) is about 150 KB a minute,
against 0.5–1 MB for the phone's M4A or MP3. Metadata (the phone's name, a place) is
dropped. When ffmpeg is missing, fails or makes nothing smaller, the original is kept and
served as uploaded, and the conversion's ``message`` says why (the admin shows it).
"""

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from cdp_portal.audio_uploads import audio_kind

from .models.voice import AudioConversion, ConversionStatus

logger = logging.getLogger(__name__)

BITRATE = "20k"
COPY_CHUNK = 1024 * 1024


def timeout():
    return settings.VOICE_NOTE_CONVERSION_TIMEOUT


def ffmpeg_missing_message():
    return _(
        "ffmpeg n'est pas installé sur le serveur : l'enregistrement est servi tel qu'il a "
        "été envoyé, plus lourd pour les visiteurs et sans durée affichée. L'administrateur "
        "peut installer ffmpeg (voir le README) ; les prochaines notes seront alors converties."
    )


def tools():
    """(ffmpeg, ffprobe) paths, or None for each one missing."""
    return shutil.which("ffmpeg"), shutil.which("ffprobe")


def probe_duration(ffprobe, path):
    """Seconds, or None if ffprobe cannot tell."""
    result = subprocess.run(
        [
            ffprobe,
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "default=noprint_wrappers=1:nokey=1",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=timeout(),
        check=False,
    )
    try:
        return float(result.stdout.strip())
    except ValueError:
        return None


def encode(ffmpeg, source, target):
    """Run ffmpeg; '' on success, else the last line it wrote on error."""
    result = subprocess.run(
        [
            ffmpeg,
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-i",
            str(source),
            "-vn",
            "-map_metadata",
            "-1",
            "-ac",
            "1",
            "-c:a",
            "libopus",
            "-b:a",
            BITRATE,
            "-application",
            "voip",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=timeout(),
        check=False,
    )
    if result.returncode == 0 and target.exists() and target.stat().st_size > 0:
        return ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return lines[-1][:200] if lines else f"code {result.returncode}"


def _keep_original(conversion, message, duration=None):
    conversion.status = ConversionStatus.ORIGINAL
    conversion.message = message
    conversion.duration = duration
    conversion.size = conversion.source_size
    conversion.save()
    return conversion


def _copy_source(name, folder):
    local = Path(folder) / ("source." + name.rsplit(".", 1)[-1][:8])
    with default_storage.open(name, "rb") as source, local.open("wb") as target:
        shutil.copyfileobj(source, target, COPY_CHUNK)
    return local


def convert(conversion: AudioConversion):
    """Make ``conversion``'s Opus copy, or keep the original and say why."""
    with default_storage.open(conversion.source, "rb") as source:
        conversion.source_kind = audio_kind(source.read(64)) or ""
    conversion.source_size = default_storage.size(conversion.source)
    ffmpeg, ffprobe = tools()
    if not ffmpeg or not ffprobe:
        return _keep_original(conversion, ffmpeg_missing_message())
    with tempfile.TemporaryDirectory(prefix="cdp-voice-") as folder:
        local = _copy_source(conversion.source, folder)
        target = Path(folder) / "note.opus"
        try:
            error = encode(ffmpeg, local, target)
            duration = probe_duration(ffprobe, target if not error else local)
        except subprocess.TimeoutExpired:
            return _keep_original(
                conversion,
                _(
                    "La conversion a pris trop de temps : l'enregistrement est servi tel qu'il "
                    "a été envoyé."
                ),
            )
        if error:
            logger.warning("ffmpeg could not convert %s: %s", conversion.source, error)
            return _keep_original(
                conversion,
                _(
                    "ffmpeg n'a pas pu convertir cet enregistrement (%(error)s) : il est "
                    "servi tel qu'il a été envoyé. Vérifiez qu'il s'écoute sur le téléphone."
                )
                % {"error": error},
                duration,
            )
        if target.stat().st_size >= conversion.source_size:
            return _keep_original(
                conversion,
                _("L'original est déjà plus léger qu'une copie Opus : il est servi tel quel."),
                duration,
            )
        stem = conversion.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        with target.open("rb") as opus:
            conversion.converted.save(f"{stem}.opus", File(opus), save=False)
        conversion.status = ConversionStatus.CONVERTED
        conversion.duration = duration
        conversion.size = conversion.converted.size
        conversion.message = ""
        conversion.save()
    return conversion
