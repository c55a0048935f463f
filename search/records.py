"""What both engines index: one ``SearchRecord`` per live, public page of a searchable type.

Page types plug in by model label (``register_searchable``), so a type that does not exist
yet (``events.MeetingPage``) is picked up when its app defines it. The text comes from the
page's own ``search_fields`` (as Wagtail indexes it), the text fields of its child objects
(minutes, recommendations, attachment titles) and the text extracted from attached
documents. ``records_for_pages`` builds many records with a constant number of queries.
"""

import datetime
import html
import logging
from collections import defaultdict

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch
from django.utils.html import strip_tags
from modelcluster.models import get_all_child_relations
from taggit.models import ItemBase
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .engines.base import SearchRecord

logger = logging.getLogger(__name__)

MAX_BODY_CHARS = 100_000
MAX_DOCUMENT_CHARS = 60_000
MAX_SUMMARY_CHARS = 600

# model label -> "type" facet value
SEARCHABLE_TYPES = {
    "practices.practicepage": "practice",
    "practices.toolpage": "tool",
    "practices.concertationframepage": "frame",
    "events.meetingpage": "meeting",
    "home.organizationpage": "organization",
    "home.communitypage": "community",
    "home.standardpage": "page",
}
# Reverse relations (not child relations) whose objects' text belongs to the page.
RELATED_TEXTS = {
    "events.meetingpage": ("recommendations",),
}
# Child and related text fields never indexed: people's names and contacts.
PRIVATE_FIELD_MARKERS = ("name", "email", "phone", "contact", "password")
DATE_ATTRIBUTES = ("date", "start_date", "starts_at", "start", "date_start", "period_start")
SUMMARY_ATTRIBUTES = ("summary", "introduction", "search_description")
COMMUNITY_FIELDS = ("communities", "community")
THEME_FIELDS = ("themes", "theme")
ORGANIZATION_FIELDS = ("organization", "organizations", "organizer", "organizers")
LANGUAGE_FIELDS = ("languages", "language")


def register_searchable(model_label, type_key, related_texts=()):
    SEARCHABLE_TYPES[model_label.lower()] = type_key
    if related_texts:
        RELATED_TEXTS[model_label.lower()] = tuple(related_texts)


def related_text_names(model):
    """Reverse relations of ``model`` listed in RELATED_TEXTS that exist."""
    names = []
    for name in RELATED_TEXTS.get(model._meta.label_lower, ()):
        field = _field(model, name)
        if field is not None and field.is_relation and (field.one_to_many or field.many_to_many):
            names.append(name)
    return names


def searchable_models():
    """[(model, type key)] for the registered labels whose app defines the model."""
    found = []
    for label, type_key in SEARCHABLE_TYPES.items():
        app_label, model_name = label.split(".")
        try:
            found.append((apps.get_model(app_label, model_name), type_key))
        except LookupError:
            continue
    return found


def type_for_model(model):
    return SEARCHABLE_TYPES.get(model._meta.label_lower)


def searchable_pages():
    """Live pages of searchable types (not yet filtered for view restrictions)."""
    content_types = ContentType.objects.get_for_models(*[m for m, _ in searchable_models()])
    return Page.objects.live().filter(content_type__in=list(content_types.values()))


def restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_restricted(path, paths):
    return any(path.startswith(restricted) for restricted in paths)


# --- Loading -----------------------------------------------------------------------------


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or a name that is a property
        return None


def _child_relations(model):
    """Child relations whose objects carry text (not tag links)."""
    relations = []
    for relation in get_all_child_relations(model):
        related = relation.related_model
        if issubclass(related, ItemBase):
            continue
        relations.append(relation)
    return relations


def _has_document(model):
    field = _field(model, "document")
    return field is not None and field.is_relation


def _queryset(model):
    """``model``'s queryset with every relation the record needs loaded in bulk."""
    select, prefetch = [], []
    for name in COMMUNITY_FIELDS + THEME_FIELDS + ORGANIZATION_FIELDS + LANGUAGE_FIELDS:
        field = _field(model, name)
        if field is None or not field.is_relation:
            continue
        if field.many_to_many:
            prefetch.append(name)
        elif field.many_to_one or field.one_to_one:
            select.append(name)
    if _field(model, "tags") is not None:
        prefetch.append("tags")
    for relation in _child_relations(model):
        related = relation.related_model
        related_qs = related._default_manager.all()
        related_select = [
            f.name
            for f in related._meta.get_fields()
            if f.name in ("document", "language") and f.is_relation and f.many_to_one
        ]
        if related_select:
            related_qs = related_qs.select_related(*related_select)
        prefetch.append(Prefetch(relation.get_accessor_name(), queryset=related_qs))
    prefetch.extend(related_text_names(model))
    for search_field in model.get_search_fields():
        if isinstance(search_field, index.RelatedFields) and search_field.field_name not in (
            "tags",
            *select,
        ):
            field = _field(model, search_field.field_name)
            if field is not None and (field.many_to_one or field.one_to_one):
                select.append(search_field.field_name)
    qs = model._default_manager.live()
    if select:
        qs = qs.select_related(*dict.fromkeys(select))
    if prefetch:
        qs = qs.prefetch_related(*prefetch)
    return qs


def records_for_pages(pages):
    """Records for the given pages (or page ids), skipping pages that are not live, not
    public or not of a searchable type. Queries: a few per page type, not per page."""
    from .models import DocumentText

    ids = [page.pk if isinstance(page, models.Model) else int(page) for page in pages]
    if not ids:
        return []
    types = dict(Page.objects.filter(pk__in=ids).live().values_list("pk", "content_type_id"))
    by_model = defaultdict(list)
    for pk, content_type_id in types.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and type_for_model(model):
            by_model[model].append(pk)
    if not by_model:
        return []
    paths = restricted_paths()
    loaded = []
    for model, pks in by_model.items():
        for page in _queryset(model).filter(pk__in=pks):
            if not is_restricted(page.path, paths):
                loaded.append(page)
    document_ids = {
        child.document_id
        for page in loaded
        for _relation, children in _children(page)
        for child in children
        if getattr(child, "document_id", None)
    }
    document_texts = (
        dict(
            DocumentText.objects.filter(document_id__in=document_ids).values_list(
                "document_id", "text"
            )
        )
        if document_ids
        else {}
    )
    order = {pk: position for position, pk in enumerate(ids)}
    loaded.sort(key=lambda page: order.get(page.pk, 0))
    records = []
    for page in loaded:
        try:
            records.append(_build(page, document_texts))
        except Exception:  # a broken page must not stop the others from being indexed
            logger.exception("Could not build the search record of page %s", page.pk)
    return records


def record_for_page(page) -> SearchRecord | None:
    """The record of one page, or None when it must not be searchable (draft, private,
    unsearchable type)."""
    records = records_for_pages([page])
    return records[0] if records else None


def iter_records(batch_size=500, progress=None):
    """Every searchable page's record, in batches (for rebuilds)."""
    ids = list(searchable_pages().order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        records = records_for_pages(batch)
        done += len(batch)
        if progress:
            progress(done, len(ids))
        yield from records


# --- Building ----------------------------------------------------------------------------


def _text(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text(item) for item in value.values())
    text = str(value)
    if "<" in text or "&" in text:
        text = html.unescape(strip_tags(text))
    return " ".join(text.split())


def _search_field_texts(obj, fields):
    for search_field in fields:
        if isinstance(search_field, index.SearchField):
            if search_field.field_name == "title":
                continue
            try:
                yield _text(search_field.get_value(obj))
            except Exception:
                logger.debug("Search field %s of %r unreadable", search_field.field_name, obj)
        elif isinstance(search_field, index.RelatedFields):
            try:
                related = search_field.get_value(obj)
            except Exception:
                continue
            if related is None:
                continue
            if isinstance(related, models.Manager):
                related = list(related.all())
            elif callable(related):
                related = related()
            for item in related if isinstance(related, (list, tuple)) else [related]:
                for sub_field in search_field.fields:
                    if isinstance(sub_field, index.SearchField):
                        try:
                            yield _text(sub_field.get_value(item))
                        except Exception:
                            continue


def _children(page):
    for relation in _child_relations(type(page)):
        yield relation, list(getattr(page, relation.get_accessor_name()).all())
    for name in related_text_names(type(page)):
        yield name, list(getattr(page, name).all())


def _child_texts(child):
    search_fields = getattr(child, "search_fields", None)
    if search_fields:
        yield from _search_field_texts(child, search_fields)
        return
    for field in child._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
            continue
        if field.is_relation or any(marker in field.name for marker in PRIVATE_FIELD_MARKERS):
            continue
        yield _text(getattr(child, field.name, ""))


def _related_ids(page, names):
    ids = []
    for name in names:
        field = _field(type(page), name)
        if field is None or not field.is_relation:
            continue
        if field.many_to_many:
            ids.extend(obj.pk for obj in getattr(page, name).all())
        else:
            value = getattr(page, field.attname, None)
            if value:
                ids.append(value)
    return list(dict.fromkeys(ids))


def _date(page):
    for name in DATE_ATTRIBUTES:
        value = getattr(page, name, None)
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
    year = getattr(page, "year", None)
    if isinstance(year, int) and 1900 < year < 2200:
        return datetime.date(year, 1, 1)
    published = page.first_published_at or page.last_published_at
    return published.date() if published else None


def _build(page, document_texts) -> SearchRecord:
    model = type(page)
    type_key = type_for_model(model)
    summary = ""
    for name in SUMMARY_ATTRIBUTES:
        summary = _text(getattr(page, name, ""))
        if summary:
            break
    parts = [text for text in _search_field_texts(page, model.get_search_fields()) if text]
    languages = []
    for name in LANGUAGE_FIELDS:
        field = _field(model, name)
        if field is not None and field.many_to_many:
            languages.extend(language.code for language in getattr(page, name).all())
    for _relation, children in _children(page):
        for child in children:
            parts.extend(text for text in _child_texts(child) if text)
            document_id = getattr(child, "document_id", None)
            if document_id:
                document = child.document
                parts.append(_text(document.title))
                parts.append(document_texts.get(document_id, "")[:MAX_DOCUMENT_CHARS])
            language = getattr(child, "language", None)
            if getattr(language, "code", None):
                languages.append(language.code)
    body = " ".join(dict.fromkeys(part for part in parts if part))[:MAX_BODY_CHARS]

    communities = _related_ids(page, COMMUNITY_FIELDS)
    organizations = _related_ids(page, ORGANIZATION_FIELDS)
    if type_key == "community":
        communities = [page.pk, *communities]
    if type_key == "organization":
        organizations = [page.pk, *organizations]
    tags = []
    if _field(model, "tags") is not None:
        tags = sorted({tag.slug for tag in page.tags.all()})
    date = _date(page)
    return SearchRecord(
        page_id=page.pk,
        content_type=type_key,
        title=page.title,
        summary=summary[:MAX_SUMMARY_CHARS],
        body=body,
        url=page.get_url() or page.url_path,
        date=date,
        year=date.year if date else None,
        communities=list(dict.fromkeys(communities)),
        themes=_related_ids(page, THEME_FIELDS),
        tags=tags,
        organizations=list(dict.fromkeys(organizations)),
        languages=list(dict.fromkeys(languages)),
    )
