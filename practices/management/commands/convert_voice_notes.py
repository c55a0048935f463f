"""Convert again the voice notes that have no Opus copy: those uploaded while ffmpeg was
missing, failed or timed out (``--all``: every note, for instance after changing the bitrate).

    python manage.py convert_voice_notes [--all]

Each note is converted here, one after the other, by ``practices.audio.convert`` (not queued):
a line per note with ``done/total`` and the rate, the reason when a note stays as uploaded,
and a one-line summary at the end. A note that was converted keeps its Opus copy when the new
attempt fails. The command exits with an error when ffmpeg is missing or a note failed."""

import time

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from home.content_version import bump_content_version
from practices.audio import convert, ffmpeg_missing_message, tools
from practices.models.voice import AudioConversion, ConversionStatus
from practices.templatetags.voice_tags import audio_duration, audio_size
from practices.voice_storage import voice_note_models

KEPT_FIELDS = ("status", "converted", "duration", "size", "message")


def uploaded_names():
    """Every recording a voice note row or a conversion names (a note only in a draft
    revision has its conversion row)."""
    names = set(AudioConversion.objects.values_list("source", flat=True))
    for model in voice_note_models():
        names.update(model.objects.exclude(audio="").values_list("audio", flat=True))
    return sorted(name for name in names if name)


def to_convert(redo_all):
    conversions = {c.source: c for c in AudioConversion.objects.all()}
    names = uploaded_names()
    if not redo_all:
        names = [
            name for name in names if name not in conversions or not conversions[name].is_converted
        ]
    return [(name, conversions.get(name)) for name in names]


class Command(BaseCommand):
    help = (
        "Convertit en Opus les notes vocales restées telles qu'envoyées (ffmpeg absent ou en "
        "échec) ; --all : toutes les notes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Reconvertir toutes les notes, même celles déjà converties.",
        )

    def handle(self, *args, **options):
        todo = to_convert(options["all"])
        total = len(todo)
        if not total:
            self.stdout.write("Notes vocales : aucune à convertir.")
            return
        ffmpeg, ffprobe = tools()
        if not ffmpeg or not ffprobe:
            for name, _conversion in todo:
                self.stderr.write(f"  {name} : non convertie (ffmpeg ou ffprobe introuvable)")
            raise CommandError(
                f"Notes vocales : 0/{total} convertie, {total} en attente. "
                f"{ffmpeg_missing_message()}"
            )
        started = time.perf_counter()
        converted, failed = 0, []
        for done, (name, conversion) in enumerate(todo, start=1):
            ok, detail = self.convert_one(name, conversion)
            elapsed = time.perf_counter() - started
            line = f"  {done}/{total}  {done / elapsed if elapsed else 0:.1f} notes/s  {name} : "
            if ok:
                converted += 1
                self.stdout.write(line + detail)
            else:
                failed.append(name)
                self.stderr.write(line + "ÉCHEC, " + detail)
        bump_content_version()
        elapsed = time.perf_counter() - started
        summary = (
            f"Notes vocales : {converted}/{total} convertie{'s' if converted > 1 else ''}, "
            f"{len(failed)} en échec, "
            f"en {elapsed:.1f} s ({total / elapsed if elapsed else 0:.1f} notes/s)."
        )
        if failed:
            raise CommandError(f"{summary} En échec : {', '.join(failed)}.")
        self.stdout.write(self.style.SUCCESS(summary))

    def convert_one(self, name, conversion):
        """(converted?, what to print) for one uploaded file."""
        if not default_storage.exists(name):
            return False, "fichier introuvable dans le stockage"
        if conversion is None:
            conversion = AudioConversion.objects.create(source=name)
        before = {field: getattr(conversion, field) for field in KEPT_FIELDS}
        old_copy = conversion.converted.name if conversion.is_converted else ""
        convert(conversion)
        if conversion.status == ConversionStatus.CONVERTED:
            if old_copy and old_copy != conversion.converted.name:
                default_storage.delete(old_copy)
            return True, (
                f"{audio_duration(conversion.duration) or '?'}, {audio_size(conversion.size)} "
                f"(original : {audio_size(conversion.source_size)})"
            )
        reason = conversion.message
        if old_copy:  # the earlier Opus copy stays served
            for field, value in before.items():
                setattr(conversion, field, value)
            conversion.save()
        return False, reason
