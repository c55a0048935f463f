"""Facet counts from bitmaps held in memory.

Counting facet values with SQL means grouping every facet row of every match (8 rows per
page, 20 000 pages: 160 000 rows per search). Here each facet value is a bitmap of the
entries that carry it (a Python int: AND and popcount run in C), so a search only fetches
the ids of its matches; each facet's counts under the *other* filters are a few bitwise
ANDs. The bitmaps are rebuilt when the index changes (``IndexState.version``), checked
with one primary-key lookup per search, so every process stays exact.
"""

import threading

from .models import IndexState, SearchEntry, SearchFacet

_lock = threading.Lock()
_current = {"matrix": None}


def _bitmap(positions, size):
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


class FacetMatrix:
    def __init__(self, signature, entries, rows):
        """``entries``: (id, date) of every entry; ``rows``: (entry id, facet, value)."""
        self.signature = signature
        entry_ids = [entry_id for entry_id, _date in entries]
        self.position = {entry_id: index for index, entry_id in enumerate(entry_ids)}
        self.size = len(entry_ids)
        # Newest first, undated last: the order of date-sorted results and of browsing.
        self.by_date = [
            entry_id
            for entry_id, _date in sorted(
                entries, key=lambda row: (row[1] is not None, row[1], row[0]), reverse=True
            )
        ]
        self.all = (1 << self.size) - 1
        grouped = {}
        for entry_id, facet, value in rows:
            index = self.position.get(entry_id)
            if index is not None:
                grouped.setdefault(facet, {}).setdefault(value, []).append(index)
        self.masks = {
            facet: {value: _bitmap(positions, self.size) for value, positions in values.items()}
            for facet, values in grouped.items()
        }

    def mask_of(self, entry_ids):
        position = self.position
        return _bitmap((position[i] for i in entry_ids if i in position), self.size)

    def filter_mask(self, facet, values):
        masks = self.masks.get(facet, {})
        mask = 0
        for value in values:
            mask |= masks.get(value, 0)
        return mask

    def selected(self, bitmap):
        """A membership test for the entries of ``bitmap``."""
        data = bitmap.to_bytes((self.size + 7) // 8 or 1, "little")
        position = self.position

        def contains(entry_id):
            index = position.get(entry_id)
            return index is not None and bool(data[index >> 3] >> (index & 7) & 1)

        return contains

    def newest(self, bitmap, offset, limit):
        """Entry ids of ``bitmap``, newest first, one page of them."""
        contains = self.selected(bitmap)
        page, skipped = [], 0
        for entry_id in self.by_date:
            if contains(entry_id):
                if skipped < offset:
                    skipped += 1
                    continue
                page.append(entry_id)
                if len(page) >= limit:
                    break
        return page

    def counts(self, matched, filters):
        """({facet: {value: count}}, total, bitmap of the results) for the ``matched``
        bitmap: each facet's counts apply the filters of the other facets; the total and
        the results apply them all."""
        filter_masks = {facet: self.filter_mask(facet, values) for facet, values in filters.items()}
        everything = matched
        for mask in filter_masks.values():
            everything &= mask
        counts = {}
        for facet, values in self.masks.items():
            base = matched
            for other, mask in filter_masks.items():
                if other != facet:
                    base &= mask
            if not base:
                continue
            facet_counts = {}
            for value, mask in values.items():
                count = (base & mask).bit_count()
                if count:
                    facet_counts[value] = count
            if facet_counts:
                counts[facet] = facet_counts
        return counts, everything.bit_count(), everything


def signature():
    return IndexState.current()


def get_matrix():
    """The bitmaps of the current index (rebuilt when the index changed)."""
    current_signature = signature()
    matrix = _current["matrix"]
    if matrix is not None and matrix.signature == current_signature:
        return matrix
    with _lock:
        matrix = _current["matrix"]
        if matrix is None or matrix.signature != current_signature:
            entries = list(SearchEntry.objects.order_by("pk").values_list("pk", "date"))
            rows = SearchFacet.objects.values_list("entry_id", "facet", "value").iterator(
                chunk_size=5000
            )
            matrix = FacetMatrix(current_signature, entries, rows)
            _current["matrix"] = matrix
    return matrix


def reset():
    _current["matrix"] = None
