"""The default engine: full-text search over ``SearchEntry`` on columns this project owns
(``postgres_fts`` or ``sqlite_fts``; no other database, see ``search.checks``).

A search costs a handful of queries whatever the site's size: the index version, the
matches (on PostgreSQL with the page of hits that pass the filters), the hits' entries,
the vocabulary for suggestions. Counts and date order come from bitmaps (``facets``).
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


class DatabaseEngine(SearchEngine):
    name = "database"

    def _entries(self, ranked):
        """Entries for ``[(id, score)]``, in that order."""
        by_id = SearchEntry.objects.only(
            "heading", "summary", "text", "url", "content_type", "date"
        ).in_bulk([pk for pk, _score in ranked])
        for pk, score in ranked:
            if pk in by_id:
                by_id[pk]._score = score
        return [by_id[pk] for pk, _score in ranked if pk in by_id]

    def search(self, request: SearchRequest) -> SearchResponse:
        glossary = get_glossary()
        parsed = parse_query(request.query, glossary)
        filters, per_page = request.filters, request.per_page
        if parsed.is_empty and not filters:
            return SearchResponse(hits=[], total=0, facets={}, engine=self.name)
        offset = (request.page - 1) * per_page
        matrix = get_matrix()
        rank = not parsed.is_empty and request.sort != SORT_DATE
        best, end = None, offset + per_page
        if parsed.is_empty:
            matched = matrix.all
        elif connection.vendor == "postgresql":
            ids, best = postgres_fts.search(parsed, glossary.case_sensitive, filters, end, rank)
            matched = matrix.mask_of(ids)
        else:
            scored = sqlite_fts.scored_matches(parsed)
            matched = matrix.mask_of(pk for pk, _score in scored)
        counts, total, results = matrix.counts(matched, filters)
        if not rank:
            ranked = [(pk, None) for pk in matrix.newest(results, offset, per_page)]
        elif best is not None:
            ranked = best[offset:]
        else:
            keep, key = matrix.selected(results), lambda row: (-row[1], -row[0])
            ranked = heapq.nsmallest(end, (r for r in scored if keep(r[0])), key=key)[offset:]
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
