from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .content_version import bump_content_version
from .member_spaces import ensure_member_group
from .models import OrganizationPage, Theme


@receiver(post_save, sender=OrganizationPage, dispatch_uid="home.organization_member_group")
def create_member_group(sender, instance, created, raw=False, **kwargs):
    """Every new organisation gets its own space (group, page permissions, collection)."""
    if created and not raw:
        ensure_member_group(instance)


OTHER_SHOWN_MODELS = (
    "practices.MaterialLanguage",
    "events.Recommendation",
    "events.FollowUpNote",
    "events.SustainabilityPlan",
)


# Saves that only record a file's size or hash (Wagtail does them while serving a page).
FILE_METADATA = frozenset({"file_size", "file_hash"})


def bump_unless_file_metadata(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= FILE_METADATA:
        return
    bump_content_version()


def _connect_content_version():
    """What bumps the query-budget content version (home.content_version)."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"home.content_version.{signal!r}")
    senders = [Page, PageViewRestriction, Locale, Theme, Tag]
    senders += [get_image_model(), get_document_model()]
    # Models of other apps that detail pages show beside the page's own fields.
    for label in OTHER_SHOWN_MODELS:
        try:
            senders.append(apps.get_model(label))
        except LookupError:
            pass
    for sender in senders:
        post_save.connect(
            bump_unless_file_metadata,
            sender=sender,
            dispatch_uid=f"home.content_version.{sender.__name__}.saved",
        )
        post_delete.connect(
            bump_content_version,
            sender=sender,
            dispatch_uid=f"home.content_version.{sender.__name__}.deleted",
        )


_connect_content_version()
