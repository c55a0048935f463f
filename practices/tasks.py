"""Background work of the practices app: converting voice notes (django-tasks)."""

from django_tasks import task

from home.content_version import bump_content_version

from .audio import convert
from .models.voice import AudioConversion


@task()
def convert_voice_note_task(conversion_id):
    """Convert one uploaded recording; pages showing it are rendered again (size, duration)."""
    conversion = AudioConversion.objects.filter(pk=conversion_id).first()
    if conversion is None:
        return None
    convert(conversion)
    bump_content_version()
    return conversion.status
