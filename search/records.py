"""What every engine indexes: one ``SearchRecord`` per live, public page of a searchable type.

A page type is searchable when its model declares ``search_spec`` (``home.search_spec``):
the fields, related texts, attached documents and facets to index, nothing else. Pages that
are not live (drafts, pages in moderation never published, unpublished pages) or that sit
under a view restriction (login, password, groups: on the page or an ancestor) get no
record. ``records_for_pages`` builds many records with a constant number of queries.
"""

import datetime
import itertools
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch
from wagtail.models import Page, ReferenceIndex, get_page_models

from home.search_spec import SearchSpec

from .engines.base import SearchRecord
from .models import DocumentText

MAX_BODY_CHARS = 100_000
MAX_DOCUMENT_CHARS = 60_000
MAX_SUMMARY_CHARS = 600
TEXT_KEYS = ("summary", "body", "keywords")
FACET_KEYS = ("communities", "themes", "tags", "organizations", "languages")


def searchable_models():
    """[(model, spec)] for every page model that declares a ``search_spec``."""
    return [(model, spec_for(model)) for model in get_page_models() if spec_for(model)]


def spec_for(model) -> SearchSpec | None:
    spec = getattr(model, "search_spec", None)
    return spec if isinstance(spec, SearchSpec) else None


def searchable_pages():
    """Live, public pages of searchable types (Wagtail's ``public()`` reads the view
    restrictions afresh: a page restricted a moment ago is never indexed)."""
    content_types = ContentType.objects.get_for_models(*[m for m, _ in searchable_models()])
    return Page.objects.live().public().filter(content_type__in=list(content_types.values()))


# --- Reading the declaration ---------------------------------------------------------------


def field_or_none(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a property ("display_title"): read as an attribute
        return None


def resolve(model, path):
    """The relations a path goes through: (lookup, whether it can be joined, model at its
    end, the leaf's field or None). Raises FieldDoesNotExist for an unknown relation."""
    parts = path.split(".")
    joins, joinable = [], True
    for part in parts[:-1]:
        field = model._meta.get_field(part)
        if not field.is_relation:
            raise FieldDoesNotExist(f"{model.__name__}.{part} is not a relation ({path})")
        joinable = joinable and field.concrete and (field.many_to_one or field.one_to_one)
        joins.append(part)
        model = field.related_model
    leaf = field_or_none(model, parts[-1])
    if leaf is not None and leaf.is_relation and (leaf.many_to_many or leaf.one_to_many):
        joins.append(parts[-1])  # a facet of related objects: load them
        joinable = False
    return "__".join(joins), joinable, model, leaf


def spec_paths(spec):
    paths = [path for key in (*TEXT_KEYS, *FACET_KEYS, "date") for path in getattr(spec, key)]
    paths += [f"{relation}.document_id" for relation in spec.documents]
    return paths


# Prefix of the attributes that hold a relation's objects prefetched as a list (``values``).
PREFETCHED = "prefetched_"


def prefetches(model, lookups):
    """``prefetch_related`` arguments for ``lookups``: each relation holding many objects
    into a plain list (``Prefetch(to_attr=…)``). A prefetch into the relation's manager builds
    a queryset per page and per relation (a third of the index build: BENCHMARKS.md)."""
    parts = [lookup.split("__") for lookup in lookups]
    paths = {tuple(names[:end]) for names in parts for end in range(1, len(names) + 1)}
    out = []
    for names in sorted(paths):  # a relation before the ones reached through it
        current, through = model, []
        for name in names:
            field = current._meta.get_field(name)
            many = field.many_to_many or field.one_to_many
            through.append(PREFETCHED + name if many else name)
            current = field.related_model
        if many:
            out.append(Prefetch("__".join([*through[:-1], names[-1]]), to_attr=through[-1]))
        else:
            out.append("__".join(through))
    return out


def queryset(model, spec):
    """``model``'s live pages with every relation the declaration names loaded in bulk."""
    select, prefetch = set(), set()
    for path in spec_paths(spec):
        lookup, joinable, _model, _leaf = resolve(model, path)
        if lookup:
            (select if joinable else prefetch).add(lookup)
    qs = model._default_manager.live()
    if select:
        qs = qs.select_related(*sorted(select))
    if prefetch:
        qs = qs.prefetch_related(*prefetches(model, prefetch))
    return qs


def values(obj, path):
    """The values at ``path`` from ``obj``: one per related object for relations holding
    many; a foreign key at the end gives its id; rich text and stream fields their text."""
    parts = path.split(".")
    objects = [obj]
    for part in parts[:-1]:
        found = []
        for item in objects:
            prefetched = getattr(item, PREFETCHED + part, None)
            if prefetched is not None:
                found.extend(prefetched)
                continue
            value = getattr(item, part)
            if isinstance(value, models.Manager):
                found.extend(value.all())
            elif value is not None:
                found.append(value)
        objects = found
    name, out = parts[-1], []
    for item in objects:
        prefetched = getattr(item, PREFETCHED + name, None)
        if prefetched is not None:
            out.extend(related.pk for related in prefetched)
            continue
        field = field_or_none(type(item), name)
        if field is not None and field.is_relation and field.many_to_one:
            value = getattr(item, field.attname)
        else:
            value = getattr(item, name)
        if isinstance(value, models.Manager):
            out.extend(related.pk for related in value.all())
        elif hasattr(field, "get_searchable_content"):  # RichTextField, StreamField
            out.extend(field.get_searchable_content(value))
        elif value not in (None, ""):
            out.append(value)
    return out


# --- Loading -------------------------------------------------------------------------------


def records_for_pages(pages):
    """Records for the given pages (or page ids), skipping pages that are not live, not
    public or not of a searchable type. Queries: a few per page type, not per page."""
    ids = [page.pk if isinstance(page, models.Model) else int(page) for page in pages]
    if not ids:
        return []
    by_model = defaultdict(list)
    live = Page.objects.filter(pk__in=ids).live().public().values_list("pk", "content_type_id")
    for pk, content_type_id in live:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and spec_for(model) is not None:
            by_model[model].append(pk)
    if not by_model:
        return []
    loaded = [
        page
        for model, pks in by_model.items()
        for page in queryset(model, spec_for(model)).filter(pk__in=pks)
    ]
    document_ids = {
        document_id
        for page in loaded
        for relation in spec_for(type(page)).documents
        for document_id in values(page, f"{relation}.document_id")
    }
    texts = (
        dict(
            DocumentText.objects.filter(document_id__in=document_ids).values_list(
                "document_id", "text"
            )
        )
        if document_ids
        else {}
    )
    order = {pk: position for position, pk in enumerate(ids)}
    loaded.sort(key=lambda page: order[page.pk])
    return [build(page, spec_for(type(page)), texts) for page in loaded]


def record_for_page(page) -> SearchRecord | None:
    """The record of one page, or None when it must not be searchable (draft, private,
    unsearchable type)."""
    records = records_for_pages([page])
    return records[0] if records else None


def record_batches(batch_size=500, progress=None):
    """Every searchable page's record, in lists of up to ``batch_size`` pages (rebuilds);
    ``progress(done, total)`` after each."""
    ids = list(searchable_pages().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        yield records_for_pages(ids[start : start + batch_size])
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))


def iter_records(batch_size=500, progress=None):
    return itertools.chain.from_iterable(record_batches(batch_size, progress))


# --- Building ------------------------------------------------------------------------------


FIELD_SEPARATOR = " · "
SENTENCE_END = (".", "!", "?", "…", ":", ";")


def _joined(texts, limit, separator=" "):
    """The distinct texts, in order, as one line. With ``separator`` (" · " for the text an
    excerpt is cut from) fields stay apart when shown (« Ségou · Mariage d'enfants »), except
    after a text that already ends a sentence."""
    unique = [text for text in dict.fromkeys(" ".join(str(t).split()) for t in texts) if text]
    joined = ""
    for text in unique:
        if joined:
            joined += " " if joined.endswith(SENTENCE_END) else separator
        joined += text
        if len(joined) >= limit:
            break
    return joined[:limit]


def _facet(page, spec, key):
    found = [value for path in getattr(spec, key) for value in values(page, path)]
    if spec.is_facet == key:
        found.insert(0, page.pk)
    return list(dict.fromkeys(found))


def _date(page, spec):
    for path in spec.date:
        for value in values(page, path):
            if isinstance(value, datetime.datetime):
                return value.date()
            if isinstance(value, datetime.date):
                return value
            if isinstance(value, int):
                return datetime.date(value, 1, 1)
    published = page.first_published_at or page.last_published_at
    return published.date() if published else None


def build(page, spec, document_texts) -> SearchRecord:
    summary = next(
        (text for path in spec.summary for text in values(page, path) if str(text).strip()), ""
    )
    documents = [
        document_texts.get(document_id, "")[:MAX_DOCUMENT_CHARS]
        for relation in spec.documents
        for document_id in values(page, f"{relation}.document_id")
    ]
    date = _date(page, spec)
    return SearchRecord(
        page_id=page.pk,
        content_type=spec.type,
        title=page.title,
        summary=_joined([summary], MAX_SUMMARY_CHARS),
        body=_joined(
            (t for path in spec.body for t in values(page, path)), MAX_BODY_CHARS, FIELD_SEPARATOR
        ),
        documents=_joined(documents, MAX_BODY_CHARS, FIELD_SEPARATOR),
        keywords=_joined((t for path in spec.keywords for t in values(page, path)), 5_000),
        url=page.get_url() or page.url_path,
        date=date,
        year=date.year if date else None,
        communities=_facet(page, spec, "communities"),
        themes=_facet(page, spec, "themes"),
        tags=sorted(set(_facet(page, spec, "tags"))),
        organizations=_facet(page, spec, "organizations"),
        languages=_facet(page, spec, "languages"),
    )


def pages_using_document(document):
    """Live pages that attach (``documents`` of their declaration) or link ``document``."""
    ids = set()
    for model, spec in searchable_models():
        for relation in spec.documents:
            field = model._meta.get_field(relation)
            ids.update(
                field.related_model._default_manager.filter(document=document).values_list(
                    field.field.attname, flat=True
                )
            )
    page_type = ContentType.objects.get_for_model(Page)
    ids.update(
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        if str(object_id).isdigit()
    )
    return list(Page.objects.filter(pk__in=ids).live().values_list("pk", flat=True))
