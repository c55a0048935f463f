import functools

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .content_version import bump_content_version
from .member_spaces import ensure_member_group
from .models import OrganizationPage


@receiver(post_save, sender=OrganizationPage, dispatch_uid="home.organization_member_group")
def create_member_group(sender, instance, created, raw=False, **kwargs):
    """Every new organisation gets its own space (group, page permissions, collection)."""
    if created and not raw:
        ensure_member_group(instance)


# What a visitor sees, besides the pages: privacy, sites, languages, taxonomy, settings, images,
# documents, and every model of the apps whose models are content shown on pages (snippets,
# follow-up, plans).
SHOWN_MODELS = (
    Page,
    PageViewRestriction,  # a page becoming private must leave every kept list and page at once
    Site,
    Locale,
    Tag,
    BaseSiteSetting,
    BaseGenericSetting,
    AbstractImage,
    AbstractDocument,
)
CONTENT_APPS = ("home", "practices", "events")

# Saves that change nothing a visitor sees: a file's size or hash (Wagtail records them while
# serving a page), a page's draft, lock or comments (an editor at work, nothing published).
UNSEEN_FIELDS = frozenset(
    {
        "file_size",
        "file_hash",
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)


@functools.cache
def shown_on_pages(model):
    return issubclass(model, SHOWN_MODELS) or model._meta.app_label in CONTENT_APPS


def on_saved(sender, raw=False, created=False, update_fields=None, **kwargs):
    if raw or not shown_on_pages(sender):
        return
    if created and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        # Wagtail creates a site's settings with their defaults the first time a page reads
        # them: the page already showed those.
        return
    if update_fields and set(update_fields) <= UNSEEN_FIELDS:
        return
    bump_content_version()


def on_deleted(sender, **kwargs):
    if shown_on_pages(sender):
        bump_content_version()


def connect_content_version():
    """Every change that draws a new content version (home.content_version): publish,
    unpublish, move, and any save or deletion of a model shown on pages. The page cache
    and the cached sections, menus and figures all follow it."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"home.content_version.{signal!r}")
    post_save.connect(on_saved, dispatch_uid="home.content_version.saved")
    post_delete.connect(on_deleted, dispatch_uid="home.content_version.deleted")


connect_content_version()
