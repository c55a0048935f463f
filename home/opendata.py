"""Open data: each app declares its datasets (``Dataset``, registered in its ``ready()``
through ``home.registry.register_dataset``); here they are written as CSV (``home.csv_writer``)
and JSON, with the listing's filters (the dataset's FilterSet, the listing's own), and
described on « Données ouvertes » with the site's licence (``PortalSettings.data_licence``).

A dataset carries only what a visitor sees on the site: live public pages (its ``queryset``
starts from ``.live().public()`` or ``visible_meetings()``), and in each row only the public
fields of the page, related pages included only when they are live.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError
from django.db.models import Max, Prefetch
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag, require_GET
from wagtail.fields import StreamField
from wagtail.models import Site

from . import registry
from .content_version import cached_by_content, content_version
from .csv_writer import csv_bytes, csv_chunks, safe_cell
from .feeds import absolute
from .listing import card_relations
from .models import PortalSettings
from .sitemaps import below_root

EXPORT_MAX_AGE = 900
FORMATS = ("csv", "json")
SIZE_SAMPLE = 50  # rows written out to weigh a dataset's files (see describe)
# Records read per query while a file is streamed (with their prefetches): the memory of
# an export is that of one chunk, whatever the number of rows.
EXPORT_CHUNK = 500


class SiteRoot(str):
    """The site's root URL (a ``str``: ``root + "/audio/…"`` as before) that also writes a
    page's address from its ``url_path``, as the sitemap does (``home.sitemaps.below_root``),
    after the address of the site's root page, read once: ``page.get_full_url()`` looked the
    site root paths up in the cache for every row (a Redis round trip each)."""

    def __new__(cls, site):
        root = super().__new__(cls, site.root_url if site else "")
        root.root_page = site.root_page if site else None
        root.prefix = root.root_page.get_full_url() if root.root_page else None
        return root

    def page_url(self, page):
        root_page = self.root_page
        if (
            self.prefix
            and page.url_path.startswith(root_page.url_path)
            and page.locale_id == root_page.locale_id
        ):
            return self.prefix + below_root(page.url_path, root_page.url_path)
        return page.get_full_url()  # another site or locale: Wagtail's own lookup


# Relations a row reads are prefetched into lists under this prefix (``Prefetch(to_attr=)``):
# Django's prefetch otherwise builds a related manager's queryset for every record to keep
# the results in (taggit's and modelcluster's managers: about 1 ms a record, most of an
# export's CPU).
PREFETCHED = "_export_"


def export_prefetch(queryset, *names, **querysets):
    """``queryset`` with each relation of ``names`` (and of ``querysets``: name -> queryset)
    prefetched as a list, read by ``related``."""
    lookups = [Prefetch(name, to_attr=PREFETCHED + name) for name in names]
    lookups += [
        Prefetch(name, queryset=related_queryset, to_attr=PREFETCHED + name)
        for name, related_queryset in querysets.items()
    ]
    return queryset.prefetch_related(*lookups)


def related(item, name):
    """The records of ``item``'s relation ``name``: the list ``export_prefetch`` read, else
    the relation's (prefetched) ``all()``."""
    try:
        return getattr(item, PREFETCHED + name)
    except AttributeError:
        return getattr(item, name).all()


def with_card_lists(queryset):
    """``home.listing.with_card_relations`` for an export: the same relations, as lists."""
    one, many = card_relations(queryset.model)
    return export_prefetch(queryset.select_related(*one) if one else queryset, *many)


def site_root(request):
    """The ``SiteRoot`` of the request's site (the default site without a request)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return SiteRoot(site)


@dataclass
class Column:
    key: str
    label: str  # lazy


@dataclass
class Dataset:
    """``queryset()``: the unfiltered public records; ``row(item, root)``: a dict of
    column key -> value (str, int, date, list of str or None; ``root`` is the site's root
    URL for absolute links); ``filterset``: the listing's FilterSet (dotted path);
    ``prepare(queryset)``: what a row reads, fetched in a constant number of queries."""

    slug: str
    title: str
    description: str
    columns: list
    queryset: object
    row: object
    position: int = 100
    filterset: str | None = None
    prepare: object = None
    updated: object = None
    rows_override: object = None  # rows(root) for datasets that are no queryset (figures)
    streamfields: tuple = ()  # the StreamFields ``row`` reads; the others are not loaded

    def records(self, request=None):
        """(items, filterset): the records, narrowed by the request's valid filters."""
        queryset = self.queryset()
        filterset = None
        if self.filterset:
            filterset = import_string(self.filterset)(
                request.GET if request is not None else None, queryset=queryset, request=request
            )
            queryset = filterset.qs
        if self.prepare:
            queryset = self.prepare(queryset)
        unread = [
            f.name
            for f in queryset.model._meta.concrete_fields
            if isinstance(f, StreamField) and f.name not in self.streamfields
        ]
        if unread:
            queryset = queryset.defer(*unread)
        return queryset, filterset

    def rows(self, request=None, root=""):
        if self.rows_override:
            return self.rows_override(root), None
        items, filterset = self.records(request)
        return [self.row(item, root) for item in items], filterset

    def stream(self, request=None, root=""):
        """(count, rows, filterset): the number of rows (one query) and the rows as an
        iterator over the records read ``EXPORT_CHUNK`` at a time."""
        if self.rows_override:
            rows = self.rows_override(root)
            return len(rows), iter(rows), None
        items, filterset = self.records(request)
        rows = (self.row(item, root) for item in items.iterator(chunk_size=EXPORT_CHUNK))
        return items.count(), rows, filterset

    def last_update(self):
        if self.updated:
            return self.updated()
        return self.queryset().aggregate(latest=Max("last_published_at"))["latest"]

    def file_name(self, fmt):
        return f"{self.slug}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def dataset_for(slug):
    for dataset in registry.datasets:
        if dataset.slug == slug:
            return dataset
    raise Http404(_("Jeu de données inconnu."))


def licence(request):
    try:
        settings = PortalSettings.for_request(request)
        return settings.data_licence, settings.data_licence_url
    except DatabaseError:
        field_ = PortalSettings._meta.get_field
        return field_("data_licence").default, field_("data_licence_url").default


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return safe_cell(", ".join(str(v) for v in value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return value
    return safe_cell(value)


def csv_table(dataset, rows):
    """(header, cells of each row): ``rows`` read one at a time, as they are written."""
    keys = [column.key for column in dataset.columns]
    header = [column.label for column in dataset.columns]
    return header, ([_cell(row.get(key)) for key in keys] for row in rows)


def as_csv(dataset, rows):
    return csv_bytes(*csv_table(dataset, rows))


def _document(dataset, count, request, filterset):
    name, url = licence(request)
    updated = dataset.last_update()
    document = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "licence": {"name": name, "url": url},
        "source": absolute(request, reverse("open_data")),
        "updated": updated,
        "filters": {
            param: values
            for param, values in _selections(filterset).items()
            if values  # only the valid selections that narrowed the rows
        },
        "fields": [{"name": c.key, "label": str(c.label)} for c in dataset.columns],
        "count": count,
    }
    return document


def _dumps(value):
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)


def as_json(dataset, rows, request, filterset=None):
    document = _document(dataset, len(rows), request, filterset)
    return _dumps({**document, "rows": rows}).encode()


def json_chunks(dataset, count, rows, request, filterset=None, chunk_size=64 * 1024):
    """The bytes of ``as_json`` (the same text) in pieces, the rows read one at a time."""
    head = _dumps(_document(dataset, count, request, filterset))
    head = head[: -len("\n}")] + ',\n "rows": ['  # the document without its closing brace
    piece, size, empty = [head], 0, True
    for row in rows:
        # A row at depth 2 of the document: each of its lines two spaces further in (a JSON
        # string holds no raw line break).
        text = "  " + _dumps(row).replace("\n", "\n  ")
        piece.append(("\n" if empty else ",\n") + text)
        empty = False
        size += len(text)
        if size >= chunk_size:
            yield "".join(piece).encode()
            piece, size = [], 0
    piece.append("]\n}" if empty else "\n ]\n}")
    yield "".join(piece).encode()


def _selections(filterset):
    if filterset is None:
        return {}
    return {bound.param: list(bound.selected) for bound in filterset.bound_filters}


def export_urls(dataset, query_pairs=()):
    query = f"?{urlencode(list(query_pairs))}" if query_pairs else ""
    return {
        fmt: reverse(f"open_data_{fmt}", kwargs={"slug": dataset.slug}) + query for fmt in FORMATS
    }


def export_etag(request, slug, fmt):
    """The file's version: the same while the content version (any publication, change of
    privacy or settings draws a new one), the address with its query, the language, the site
    and the day are. None without a shared content version. Only an ETag: a Last-Modified
    from the rows' dates would let an unpublished page's file pass as current."""
    dataset = dataset_for(slug)  # an unknown dataset: 404, whatever the request's ETag
    version = content_version()
    if version is None:
        return None
    site = Site.find_for_request(request)
    parts = [
        str(version),
        dataset.slug,
        fmt,
        request.get_full_path(),
        get_language() or "",
        site.root_url if site else "",
        timezone.localdate().isoformat(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


@require_GET
@cache_control(public=True, max_age=EXPORT_MAX_AGE)
@etag(export_etag)
def export(request, slug, fmt):
    """The file, streamed (its memory does not grow with the rows). Django's ``etag``
    answers a browser's current copy with a 304 before any row is read (neither it nor
    ``ConditionalGetMiddleware`` can hash a streamed body); ``cache_control`` marks both."""
    dataset = dataset_for(slug)
    root = site_root(request)
    if fmt == "csv":
        _count, rows, _filterset = dataset.stream(request, root)
        chunks = csv_chunks(*csv_table(dataset, rows))
    else:
        count, rows, filterset = dataset.stream(request, root)
        chunks = json_chunks(dataset, count, rows, request, filterset)
    content_type = "text/csv" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(chunks, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset.file_name(fmt)}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def export_csv(request, slug):
    return export(request, slug, "csv")


def export_json(request, slug):
    return export(request, slug, "json")


def describe(dataset, request):
    """What « Données ouvertes » says of a dataset (computed once per content change).

    The number of rows is counted in SQL; the sizes of the files are those of the first
    ``SIZE_SAMPLE`` rows written out, scaled to the count (``estimated``) when there are
    more: writing every row of every dataset to weigh the files took 50 s of CPU and
    290 MB at 20 000 pages, for a page that shows two figures per dataset."""
    root = site_root(request)

    def compute():
        if dataset.rows_override:
            rows, filterset = dataset.rows(None, root)
            count, sample = len(rows), rows
        else:
            # The unfiltered records: no FilterSet (its choices would read every page).
            items, filterset = dataset.queryset(), None
            if dataset.prepare:
                items = dataset.prepare(items)
            count = items.count()
            sample = [dataset.row(item, root) for item in items[:SIZE_SAMPLE]]
        csv_size = _scaled(len(as_csv(dataset, [])), len(as_csv(dataset, sample)), sample, count)
        json_size = _scaled(
            len(as_json(dataset, [], request, filterset)),
            len(as_json(dataset, sample, request, filterset)),
            sample,
            count,
        )
        return {
            "count": count,
            "csv_size": csv_size,
            "json_size": json_size,
            "estimated": count > len(sample),
            "updated": dataset.last_update(),
        }

    return cached_by_content(f"open-data-{dataset.slug}-{root}", compute)


def _scaled(empty, written, sample, count):
    """The size of ``count`` rows, from the size with none and with ``sample``'s."""
    if not sample or count <= len(sample):
        return written
    return empty + round((written - empty) * count / len(sample))


@require_GET
def open_data(request):
    name, url = licence(request)
    datasets = []
    for dataset in registry.datasets:
        datasets.append(
            {
                "dataset": dataset,
                "urls": export_urls(dataset),
                **describe(dataset, request),
            }
        )
    return render(
        request,
        "home/open_data.html",
        {
            "datasets": datasets,
            "licence_name": name,
            "licence_url": url,
            "page_title": _("Données ouvertes"),
            "meta_description": _(
                "Les jeux de données du portail des CdP à télécharger en CSV et JSON, "
                "et leurs flux RSS et Atom."
            ),
        },
    )
