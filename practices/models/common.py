from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from home.api_fields import attachment_api_fields
from home.models import OrganizationPage, organization_link
from home.tree_paths import ancestor_paths


class OrganizationOwnedMixin(models.Model):
    """The organisation a page belongs to, kept in a column so that listings can filter
    and display it without walking the tree. Under an OrganizationPage it is always that
    organisation, whatever was posted; only pages of the coordination's own library (under
    the practice or tool index) choose it, and the admin form shows the field only there."""

    organization = organization_link(
        _("organisation"),
        help_text=_(
            "Pour les pages de la bibliothèque de la coordination uniquement : sous une "
            "organisation, c'est toujours elle."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.take_organization_from_tree()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.take_organization_from_tree()

    def take_organization_from_tree(self):
        if self.path:
            self.organization_id = self.organization_from_tree() or self.organization_id

    def organization_from_tree(self):
        return (
            OrganizationPage.objects.filter(path__in=ancestor_paths(self.path))
            .order_by("-depth")
            .values_list("pk", flat=True)
            .first()
        )


class AttachmentBase(Orderable):
    """A downloadable document attached to a page."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(
        _("titre affiché"),
        max_length=255,
        blank=True,
        help_text=_("Laisser vide pour reprendre le titre du document."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = attachment_api_fields()

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def display_title(self):
        return self.title or self.document.title


class GalleryImageBase(Orderable):
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    caption = models.CharField(_("légende"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
    api_fields = [APIField("image"), APIField("caption")]

    class Meta(Orderable.Meta):
        abstract = True


def attachments_with_sizes(queryset):
    """Attachment rows (``document`` selected) ready to be cached: each document's file size
    read now, since a cached document without it would save it again on every request."""
    rows = list(queryset)
    for row in rows:
        try:
            row.document.get_file_size()
        except OSError:
            pass
    return rows
