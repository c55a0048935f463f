"""The default engine: Wagtail's database search backend (SQLite FTS5, PostgreSQL full-text
search) over ``SearchEntry``, with facets counted from ``SearchFacet``.

A search costs a handful of queries whatever the size of the site: one for every match
with its score, one for the page of hits (by primary key) and the vocabulary check for
suggestions. Facet counts, filters, ranking and date order come from in-memory bitmaps
(``facet_matrix``); labels are cached.
"""

import heapq
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.search.backends import get_search_backend

from ..analysis import fts5_match, highlight, parse_query, tsquery
from ..facet_matrix import get_matrix
from ..facets import TYPE_LABELS, facet_labels
from ..glossary import get_glossary
from ..models import SearchEntry
from ..suggest import suggest
from .base import (
    FACETS,
    SORT_DATE,
    FacetValue,
    Hit,
    SearchEngine,
    SearchRequest,
    SearchResponse,
)

MAX_PAGE = 10_000
FACET_LIMITS = {"tag": 15, "organization": 12}
TYPE_ORDER = list(TYPE_LABELS)


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self, backend_name="default"):
        self.backend_name = backend_name

    @property
    def backend(self):
        return get_search_backend(self.backend_name)

    def matching(self, parsed):
        """Entries matching the analysed query through Wagtail's query compiler (used on
        databases other than SQLite and PostgreSQL), with a ``_score``."""
        results = self.backend.search(
            parsed.to_search_query(), SearchEntry, order_by_relevance=True
        ).annotate_score("_score")
        return results.get_queryset()

    # On SQLite and PostgreSQL the index tables that Wagtail's backend writes are queried
    # directly: its SQLite compiler joins the FTS5 table in an order that re-runs the
    # MATCH for every row, and its PostgreSQL one filters on ``title || body`` (no index)
    # and ranks every match on the whole body: seconds at 20 000 pages. Here the body
    # (which also holds the title terms) is matched through its index and ranked on the
    # small "title" column (title, summary, tags; BM25 with the body on SQLite).

    def _vendor(self):
        name = type(self.backend).__name__
        if connection.vendor == "sqlite" and name == "SQLiteSearchBackend":
            return "sqlite"
        if connection.vendor == "postgresql" and name == "PostgresSearchBackend":
            return "postgresql"
        return None

    def _tables(self):
        from wagtail.search.models import IndexEntry

        content_type = ContentType.objects.get_for_model(SearchEntry).pk
        fts = None
        if self._vendor() == "sqlite":
            from wagtail.search.models import SQLiteFTSIndexEntry

            fts = SQLiteFTSIndexEntry._meta.db_table
        return fts, IndexEntry._meta.db_table, content_type

    def _scored_matches(self, parsed, matrix):
        """Every match with its score, in one query (ids for the facet bitmaps, scores to
        rank an unfiltered search without a second query)."""
        vendor = self._vendor()
        if vendor is None:
            return list(self.matching(parsed).values_list("pk", "_score"))
        fts, entries, content_type = self._tables()
        if vendor == "sqlite":
            # No join: FTS rowids map to pages through a dict cached with the bitmaps.
            rowids = matrix.cache.get("sqlite_rowids")
            if rowids is None:
                from wagtail.search.models import IndexEntry

                rowids = {
                    pk: int(object_id)
                    for pk, object_id in IndexEntry.objects.filter(
                        content_type_id=content_type
                    ).values_list("pk", "object_id")
                }
                matrix.cache["sqlite_rowids"] = rowids
            sql = (
                f'SELECT "rowid", -bm25("{fts}", 0.0, 1.0, 4.0) FROM "{fts}" '
                f'WHERE "{fts}" MATCH %s'
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [fts5_match(parsed)])
                rows = cursor.fetchall()
            return [(rowids[rowid], score) for rowid, score in rows if rowid in rowids]
        sql = (
            f'SELECT ie."object_id"::bigint, ts_rank(ie."title", q) '
            f'FROM "{entries}" ie CROSS JOIN to_tsquery(%s::regconfig, %s) q '
            f'WHERE ie."body" @@ q AND ie."content_type_id" + 0 = %s'
        )
        params = [self.backend.config or "simple", tsquery(parsed), content_type]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _entries(self, ranked):
        """Entries for ``[(id, score)]``, in that order."""
        by_id = SearchEntry.objects.defer(
            "title_terms", "body_terms", "autocomplete_terms"
        ).in_bulk([pk for pk, _score in ranked])
        page = []
        for pk, score in ranked:
            if pk in by_id:
                by_id[pk]._score = score
                page.append(by_id[pk])
        return page

    @contextmanager
    def _planner(self, active=True):
        """On PostgreSQL, make the planner use the full-text GIN index: it underrates the
        cost of evaluating ``@@`` on every row (5 µs each) when a word is common."""
        if not active or self._vendor() != "postgresql":
            yield
            return
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            yield

    def search(self, request: SearchRequest) -> SearchResponse:
        glossary = get_glossary()
        parsed = parse_query(request.query, glossary)
        filters = {
            key: tuple(values)
            for key, values in request.filters.items()
            if key in FACETS and values
        }
        if parsed.is_empty and not filters:
            return SearchResponse(hits=[], total=0, facets={}, engine=self.name)

        per_page = max(1, min(int(request.per_page), 100))
        page = max(1, min(int(request.page), MAX_PAGE))
        offset = (page - 1) * per_page
        with self._planner(active=not parsed.is_empty):
            matrix = get_matrix()
            scored = None
            if parsed.is_empty:
                matched_mask = matrix.all
            else:
                scored = self._scored_matches(parsed, matrix)
                matched_mask = matrix.mask_of(pk for pk, _score in scored)
            counts, total, results = matrix.counts(matched_mask, filters)
            ranked = []
            if offset < total:
                if scored is not None and request.sort != SORT_DATE:
                    candidates = scored
                    if filters:
                        keep = matrix.selected(results)
                        candidates = [row for row in scored if keep(row[0])]
                    ranked = heapq.nsmallest(
                        offset + per_page, candidates, key=lambda row: (-row[1], -row[0])
                    )[offset:]
                else:
                    ranked = [(pk, None) for pk in matrix.newest(results, offset, per_page)]
            entries = self._entries(ranked)

        forms = parsed.forms
        hits = []
        for entry in entries:
            if forms:
                excerpt = highlight(entry.text or entry.summary, forms, glossary.case_sensitive)
                if "<mark>" not in excerpt and entry.summary:
                    excerpt = highlight(entry.summary, forms, glossary.case_sensitive)
            else:
                excerpt = highlight(entry.summary or entry.text, set())
            hits.append(
                Hit(
                    page_id=entry.page_id, title=entry.heading, url=entry.url,
                    content_type=entry.content_type, excerpt_html=excerpt, date=entry.date,
                    score=getattr(entry, "_score", None),
                )
            )

        suggestion = suggest(parsed.text, parsed.words) if parsed.words else None
        return SearchResponse(
            hits=hits,
            total=total,
            facets=self._facet_values(counts, filters),
            suggestion=suggestion,
            engine=self.name,
        )

    def _facet_values(self, counts, filters):
        facets = {}
        for facet in FACETS:
            values = dict(counts.get(facet, {}))
            selected = filters.get(facet, ())
            for value in selected:
                values.setdefault(value, 0)
            if not values:
                continue
            if facet == "type":
                ordered = sorted(
                    values, key=lambda v: TYPE_ORDER.index(v) if v in TYPE_ORDER else 99
                )
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

    def autocomplete(self, prefix: str, limit: int = 8) -> list[str]:
        from ..analysis import query_prefix

        text = query_prefix(prefix)
        if len(text) < 2:
            return []
        results = self.backend.autocomplete(text, SearchEntry)[: limit * 2]
        return list(dict.fromkeys(entry.heading for entry in results))[:limit]

    def count(self):
        return SearchEntry.objects.count()
