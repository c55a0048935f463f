"""Checks on a document a member uploads from the public form: its extension must be one the
library accepts (WAGTAILDOCS_EXTENSIONS), its size under WAGTAILDOCS_MAX_UPLOAD_SIZE, and its
bytes must match that extension (``cdp_portal.uploads.check_document_content``, the check the
admin's document form uses too), so that a program renamed « rapport.pdf » is refused."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cdp_portal.uploads import check_document_content
from home.templatetags.portal_tags import human_size


def allowed_extensions():
    return [extension.lower() for extension in settings.WAGTAILDOCS_EXTENSIONS]


def max_upload_size():
    return settings.WAGTAILDOCS_MAX_UPLOAD_SIZE


def validate_document_upload(upload):
    """Raise ValidationError (in French, naming the file) unless ``upload`` may go in the
    document library."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in allowed_extensions():
        raise ValidationError(
            _("« %(name)s » : ce type de fichier n'est pas accepté (acceptés : %(allowed)s).")
            % {"name": name, "allowed": ", ".join(allowed_extensions())},
            code="file_extension",
        )
    if upload.size > max_upload_size():
        raise ValidationError(
            _("« %(name)s » est trop lourd (%(size)s) : %(max)s au plus.")
            % {
                "name": name,
                "size": human_size(upload.size),
                "max": human_size(max_upload_size()),
            },
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("« %(name)s » est vide.") % {"name": name}, code="file_empty")
    try:
        check_document_content(upload, extension)
    except ValidationError:
        raise ValidationError(
            _(
                "« %(name)s » ne contient pas un vrai fichier %(extension)s : "
                "il a peut-être été renommé. Enregistrez-le à nouveau dans le bon format."
            )
            % {"name": name, "extension": extension.upper()},
            code="file_content",
        ) from None
