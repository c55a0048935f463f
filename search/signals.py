"""The index follows the content: publish, unpublish, move, delete, privacy changes,
documents replaced and glossary edits each enqueue a task."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cdp_portal.follow_up import enqueue

from . import tasks
from .engines import get_elasticsearch_engine
from .glossary import bump_version, get_glossary
from .models import GlossaryTerm, IndexState
from .records import field_or_none, searchable_models


def _live_subtree_ids(page):
    return list(
        Page.objects.descendant_of(page, inclusive=True).live().values_list("pk", flat=True)
    )


@receiver(page_published, dispatch_uid="search_page_published")
def on_page_published(sender, instance, **kwargs):
    enqueue(tasks.index_pages_task, [instance.pk])


@receiver(page_unpublished, dispatch_uid="search_page_unpublished")
def on_page_unpublished(sender, instance, **kwargs):
    enqueue(tasks.unindex_pages_task, [instance.pk])


@receiver(post_page_move, dispatch_uid="search_page_moved")
def on_page_moved(sender, instance, **kwargs):
    # URLs of the whole subtree changed, and the new place may be private.
    ids = _live_subtree_ids(instance)
    if ids:
        enqueue(tasks.index_pages_task, ids)


@receiver(post_delete, dispatch_uid="search_page_deleted")
def on_page_deleted(sender, instance, **kwargs):
    """The database entry goes with the page (cascade); Elasticsearch is told."""
    if not isinstance(instance, Page):
        return
    IndexState.bump()
    if get_elasticsearch_engine() is not None:
        enqueue(tasks.unindex_pages_task, [instance.pk])


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        ids = _live_subtree_ids(page)
        if ids:
            enqueue(tasks.index_pages_task, ids)


@receiver(post_save, sender=get_document_model(), dispatch_uid="search_document_saved")
def on_document_saved(sender, instance, update_fields=None, **kwargs):
    if not instance.file:
        return
    if update_fields is not None and "file" not in update_fields:
        return  # Wagtail storing the file's size or hash: the file itself is unchanged
    enqueue(tasks.extract_document_text_task, instance.pk)


@receiver(post_save, sender=GlossaryTerm, dispatch_uid="search_glossary_saved")
@receiver(post_delete, sender=GlossaryTerm, dispatch_uid="search_glossary_deleted")
def on_glossary_changed(sender, instance, **kwargs):
    before = get_glossary().case_sensitive
    bump_version()
    after = get_glossary().case_sensitive
    if before != after:
        # Capitalised acronyms are analysed at indexing time: re-index everything.
        enqueue(tasks.reindex_everything_task)


def _related_text_handler(parent_attname):
    def handler(sender, instance, **kwargs):
        page_id = getattr(instance, parent_attname, None)
        if not page_id:
            return
        if kwargs.get("signal") is post_delete:
            # Possibly part of the page's own deletion: re-index once that has committed
            # (the page is then gone and leaves the index), never in the middle of it.
            enqueue(tasks.index_pages_task, [page_id], after_commit=True)
        else:
            enqueue(tasks.index_pages_task, [page_id])

    return handler


def related_text_relations():
    """(model, relation) for each declared text held by objects saved on their own, not
    with the page's revisions (a meeting's recommendations: plain foreign keys to the
    page, unlike its sessions and attachments, which are ParentalKey children)."""
    found = {}
    for model, spec in searchable_models():
        for path in (*spec.summary, *spec.body, *spec.keywords):
            field = field_or_none(model, path.split(".")[0])
            if field is None or not field.one_to_many:
                continue
            if not isinstance(field.remote_field, ParentalKey):
                found[(model, field.name)] = field
    return found


def connect():
    """Re-index a meeting when one of its recommendations changes (the receivers above
    connect when this module loads)."""
    for (model, name), relation in related_text_relations().items():
        handler = _related_text_handler(relation.field.attname)
        uid = f"search_related_{model._meta.label_lower}_{name}"
        for signal in (post_save, post_delete):
            signal.connect(
                handler, relation.related_model, weak=False, dispatch_uid=f"{uid}_{signal}"
            )
