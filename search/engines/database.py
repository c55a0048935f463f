"""The default engine: full-text search over ``SearchEntry`` on columns this project owns
(``postgres_fts`` or ``sqlite_fts``; no other database, see ``search.checks``).

A search costs a handful of queries whatever the site's size: the index version, every
match with its score, on PostgreSQL the ties that can reach the page ranked on the whole
text, the page of hits, the vocabulary for suggestions. Facets, filters and date order
come from in-memory bitmaps (``facets``; why not SQL: BENCHMARKS.md).
"""

import heapq

from django.db import connection

from ..analysis import highlight, parse_query
from ..facets import facet_values, get_matrix
from ..glossary import get_glossary
from ..models import SearchEntry
from ..suggest import suggest
from . import postgres_fts, sqlite_fts
from .base import SORT_DATE, Hit, SearchEngine, SearchRequest, SearchResponse


def _by_score(row):
    return (-row[1], -row[0])


class DatabaseEngine(SearchEngine):
    name = "database"

    def _scored_matches(self, parsed, glossary):
        """Every match with its score, in one query."""
        if connection.vendor == "postgresql":
            return postgres_fts.scored_matches(parsed, glossary.case_sensitive)
        return sqlite_fts.scored_matches(parsed)

    def _ranked(self, scored, keep, offset, count, parsed, glossary):
        """Hits ``offset`` to ``offset + count`` of ``scored`` that ``keep`` (if any) accepts, by
        score, then (PostgreSQL) by the rank on the whole vector, then by id: the first
        score reads the title only, so its ties (all the body-only matches score 0) are
        ordered on the whole text, for the entries that can reach the page asked for.
        (Sorting every match in SQL cost more than this selection: BENCHMARKS.md.)"""
        candidates = scored if keep is None else [row for row in scored if keep(row[0])]
        best = heapq.nsmallest(offset + count, candidates, key=_by_score)
        if best and connection.vendor == "postgresql":
            threshold = best[-1][1]
            tied = [row for row in candidates if row[1] >= threshold]
            full = postgres_fts.refine(parsed, glossary.case_sensitive, [pk for pk, _s in tied])
            best = heapq.nsmallest(
                offset + count, tied, key=lambda row: (-row[1], -full.get(row[0], 0), -row[0])
            )
        return best[offset:]

    def _entries(self, ranked):
        """Entries for ``[(id, score)]``, in that order."""
        by_id = SearchEntry.objects.only(
            "heading", "summary", "text", "url", "content_type", "date"
        ).in_bulk([pk for pk, _score in ranked])
        page = []
        for pk, score in ranked:
            if pk in by_id:
                by_id[pk]._score = score
                page.append(by_id[pk])
        return page

    def search(self, request: SearchRequest) -> SearchResponse:
        glossary = get_glossary()
        parsed = parse_query(request.query, glossary)
        filters, per_page = request.filters, request.per_page
        if parsed.is_empty and not filters:
            return SearchResponse(hits=[], total=0, facets={}, engine=self.name)
        offset = (request.page - 1) * per_page
        matrix = get_matrix()
        scored = None
        if parsed.is_empty:
            matched_mask = matrix.all
        else:
            scored = self._scored_matches(parsed, glossary)
            matched_mask = matrix.mask_of(pk for pk, _score in scored)
        counts, total, results = matrix.counts(matched_mask, filters)
        ranked = []
        if offset < total:
            if scored is not None and request.sort != SORT_DATE:
                keep = matrix.selected(results) if filters else None
                ranked = self._ranked(scored, keep, offset, per_page, parsed, glossary)
            else:
                ranked = [(pk, None) for pk in matrix.newest(results, offset, per_page)]
        entries = self._entries(ranked)

        forms, prefixes = parsed.forms, parsed.prefixes
        hits = []
        for entry in entries:
            if forms:
                excerpt = highlight(
                    entry.text or entry.summary, forms, glossary.case_sensitive, prefixes=prefixes
                )
                if "<mark>" not in excerpt and entry.summary:
                    excerpt = highlight(
                        entry.summary, forms, glossary.case_sensitive, prefixes=prefixes
                    )
            else:
                excerpt = highlight(entry.summary or entry.text, set())
            hits.append(
                Hit(
                    page_id=entry.page_id,
                    title=entry.heading,
                    url=entry.url,
                    content_type=entry.content_type,
                    excerpt_html=excerpt,
                    date=entry.date,
                    score=getattr(entry, "_score", None),
                )
            )

        suggestion = suggest(parsed.text, parsed.words) if parsed.words else None
        return SearchResponse(
            hits=hits,
            total=total,
            facets=facet_values(counts, filters),
            suggestion=suggestion,
            engine=self.name,
        )

    def autocomplete(self, prefix: str, limit: int = 8) -> list[str]:
        if len(prefix.strip()) < 2:
            return []
        module = postgres_fts if connection.vendor == "postgresql" else sqlite_fts
        return list(dict.fromkeys(module.autocomplete(prefix, limit)))[:limit]
