"""Facets: the parameters the page accepts, their labels (shared by the view and every
engine) and, for the database engine, their counts from bitmaps held in memory: one
Python int per facet value (AND and popcount run in C), rebuilt when ``IndexState``
changes. Why not SQL grouped counts (160 000 rows for a common word at 20 000 pages):
BENCHMARKS.md.
"""

import itertools
import re
import threading
from functools import reduce
from operator import and_, or_

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page

from home.content_version import cached_by_key

from .engines.base import FACETS, FacetValue
from .models import IndexState, SearchEntry, SearchFacet

TYPE_LABELS = {
    "practice": _("Pratique"),
    "tool": _("Outil ou modèle"),
    "frame": _("Cadre de concertation"),
    "meeting": _("Réunion"),
    "organization": _("Organisation"),
    "community": _("Communauté"),
    "page": _("Page"),
}
FACET_LABELS = {
    "type": _("Type de contenu"),
    "community": _("Communauté"),
    "theme": _("Thème"),
    "tag": _("Mot-clé"),
    "organization": _("Organisation"),
    "year": _("Année"),
    "language": _("Langue"),  # of a tool's material or of a voice note
}
MAX_VALUES_PER_FACET = 20
FACET_LIMITS = {"tag": 15, "organization": 12}  # values shown
TYPE_ORDER = list(TYPE_LABELS)

_ID_RE = re.compile(r"^[0-9]{1,10}$")
_YEAR_RE = re.compile(r"^(19|20|21)[0-9]{2}$")
_SLUG_RE = re.compile(r"^[\w-]{1,100}$")

VALIDATORS = {
    "type": lambda value: value in TYPE_LABELS,
    "community": _ID_RE.match,
    "theme": _ID_RE.match,
    "organization": _ID_RE.match,
    "year": _YEAR_RE.match,
    "tag": _SLUG_RE.match,
    "language": lambda value: bool(_SLUG_RE.match(value)) and len(value) <= 12,
}


def clean_filters(params):
    """``{facet: (values…)}`` from a QueryDict-like object: malformed values are dropped
    (an unknown but well-formed value simply matches nothing)."""
    filters = {}
    for facet in FACETS:
        getter = getattr(params, "getlist", None)
        raw = getter(facet) if getter else params.get(facet, [])
        if isinstance(raw, str):
            raw = [raw]
        values = []
        for value in raw or []:
            value = str(value).strip()
            if value and VALIDATORS[facet](value) and value not in values:
                values.append(value)
        if values:
            filters[facet] = tuple(values[:MAX_VALUES_PER_FACET])
    return filters


# --- Labels ------------------------------------------------------------------------------


def _lookup(facet, values):
    if facet in ("community", "organization"):
        ids = [int(v) for v in values if v.isdigit()]
        return {
            str(pk): title
            for pk, title in Page.objects.filter(pk__in=ids).values_list("pk", "title")
        }
    if facet == "theme":
        Theme = apps.get_model("home", "Theme")
        ids = [int(v) for v in values if v.isdigit()]
        return {
            str(pk): name for pk, name in Theme.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    if facet == "tag":
        return dict(Tag.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet == "language":
        try:
            Language = apps.get_model("practices", "MaterialLanguage")
        except LookupError:
            return {}
        return dict(Language.objects.filter(code__in=values).values_list("code", "name"))
    return {}


def facet_labels(facet, values):
    """``{value: label}`` for values of one facet (kept until the content changes)."""
    if facet == "type":
        return {value: str(TYPE_LABELS.get(value, value)) for value in values}
    if facet == "year":
        return {value: value for value in values}
    values = sorted(values)
    return cached_by_key("facet-labels", (facet, *values), lambda: _lookup(facet, values))


def facet_values(counts, filters):
    """The facets as the page shows them: {facet: [FacetValue]}, with the selected values
    kept even when they count 0."""
    facets = {}
    for facet in FACETS:
        values = dict(counts.get(facet, {}))
        selected = filters.get(facet, ())
        for value in selected:
            values.setdefault(value, 0)
        if not values:
            continue
        if facet == "type":
            ordered = sorted(values, key=lambda v: TYPE_ORDER.index(v) if v in TYPE_ORDER else 99)
        elif facet == "year":
            ordered = sorted(values, reverse=True)
        else:
            ordered = sorted(values, key=lambda v: (-values[v], v))
        limit = FACET_LIMITS.get(facet)
        if limit and len(ordered) > limit:
            ordered = ordered[:limit] + [v for v in ordered[limit:] if v in selected]
        labels = facet_labels(facet, ordered)
        facets[facet] = [
            FacetValue(
                value=value,
                label=labels.get(value, value),
                count=values[value],
                selected=value in selected,
            )
            for value in ordered
        ]
        if facet not in ("type", "year"):
            facets[facet].sort(key=lambda fv: (-fv.count, fv.label.lower()))
    return facets


# --- Counts (database engine) ----------------------------------------------------------

_lock = threading.Lock()
_current = {"matrix": None}


class FacetMatrix:
    """Bit ``i`` of each bitmap stands for the entry of page ``i``."""

    def __init__(self, signature, entries, rows):
        """``entries``: (id, date) of every entry; ``rows``: (entry id, facet, value)."""
        self.signature = signature
        self.size = max((entry_id for entry_id, _date in entries), default=0) + 1
        # Newest first, undated last: the order of date-sorted results and of browsing.
        self.by_date = [
            entry_id
            for entry_id, _date in sorted(
                entries, key=lambda row: (row[1] is not None, row[1], row[0]), reverse=True
            )
        ]
        self.all = self.mask_of(entry_id for entry_id, _date in entries)
        grouped = {}
        for entry_id, facet, value in rows:
            grouped.setdefault(facet, {}).setdefault(value, []).append(entry_id)
        self.masks = {
            facet: {value: self.mask_of(ids) & self.all for value, ids in values.items()}
            for facet, values in grouped.items()
        }

    def mask_of(self, entry_ids):
        """The bitmap of ``entry_ids`` (pages indexed since the matrix was built left out)."""
        buffer, size = bytearray((self.size + 7) // 8), self.size
        for entry_id in entry_ids:
            if entry_id < size:
                buffer[entry_id >> 3] |= 1 << (entry_id & 7)
        return int.from_bytes(buffer, "little")

    def selected(self, bitmap):
        """A membership test for the entries of ``bitmap``."""
        data, size = bitmap.to_bytes((self.size + 7) // 8, "little"), self.size
        return lambda entry_id: entry_id < size and bool(data[entry_id >> 3] >> (entry_id & 7) & 1)

    def newest(self, bitmap, offset, limit):
        """Entry ids of ``bitmap``, newest first, one page of them."""
        contains = self.selected(bitmap)
        return list(itertools.islice(filter(contains, self.by_date), offset, offset + limit))

    def counts(self, matched, filters):
        """({facet: {value: count}}, total, bitmap of the results) for the ``matched``
        bitmap: each facet's counts apply the filters of the other facets; the total and
        the results apply them all."""
        filter_masks = {}
        for facet, values in filters.items():
            masks = self.masks.get(facet, {})
            filter_masks[facet] = reduce(or_, (masks.get(value, 0) for value in values), 0)
        everything = reduce(and_, filter_masks.values(), matched)
        counts = {}
        for facet, values in self.masks.items():
            base = matched
            for other, mask in filter_masks.items():
                if other != facet:
                    base &= mask
            if base:
                found = {value: (base & mask).bit_count() for value, mask in values.items()}
                if found := {value: count for value, count in found.items() if count}:
                    counts[facet] = found
        return counts, everything.bit_count(), everything


def get_matrix():
    """The bitmaps of the current index (rebuilt when the index changed)."""
    current_signature = IndexState.current()
    matrix = _current["matrix"]
    if matrix is not None and matrix.signature == current_signature:
        return matrix
    with _lock:
        matrix = _current["matrix"]
        if matrix is None or matrix.signature != current_signature:
            entries = list(SearchEntry.objects.values_list("pk", "date"))
            rows = SearchFacet.objects.values_list("entry_id", "facet", "value").iterator(
                chunk_size=5000
            )
            matrix = FacetMatrix(current_signature, entries, rows)
            _current["matrix"] = matrix
    return matrix


def reset():
    _current["matrix"] = None
