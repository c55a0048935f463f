"""Elasticsearch engine: French analysis, faceted search, highlighting, suggestions.

Used when ``ELASTICSEARCH_URL`` is set (Elasticsearch 8, via ``elasticsearch.dsl``)::

    engine = ElasticsearchEngine(url, index_prefix="cdp", timeout=1.5, connect_timeout=0.5,
                                 acronyms=glossary_case_sensitive_acronyms)
    engine.search(SearchRequest(...)) -> SearchResponse
    engine.autocomplete("seg", limit=8) -> ["Dialogue communautaire à Ségou", ...]

Both raise ``EngineUnavailable`` on any connection error, HTTP error, connection slower
than ``connect_timeout`` or answer slower than ``timeout`` (no retries), so the caller
can fall back to the database engine.
``acronyms`` (a mapping or a callable returning one, read at each search) turns an
acronym typed in capitals ("AVEC") into its glossary term ("VSLA").

Index management (each raises ``EngineUnavailable`` when the cluster fails;
``bulk_index``/``rebuild``/``delete_records`` raise ``BulkIndexError`` when documents
are refused):

- ``engine.rebuild(records, synonyms, progress=None, acronyms=None) -> RebuildResult``
  fills a new timestamped index ``<prefix>-pages-fr-<timestamp>``, swaps the alias
  ``<prefix>-pages-fr`` onto it in one atomic request, then deletes the older indices.
  ``records``: any iterable of SearchRecord (consumed once, in chunks of 500);
  ``synonyms``: Solr-format rules (``glossary_synonym_rules()``); ``progress(done)`` is
  called after each chunk. Searches never see an empty or half-filled index.
- ``engine.ensure_index(synonyms, acronyms)``: an empty index behind the alias if none.
- ``engine.index_record(record)``, ``engine.bulk_index(records, progress=None)``,
  ``engine.delete_record(page_id)``, ``engine.delete_records(page_ids)``: keep pages
  current (writes go through the alias and never auto-create an index).
- ``engine.count() -> int``: documents behind the alias, for ``search_index check``.

The glossary is fixed when an index is created (synonyms at search time, acronyms at
index time; see ``analysis``): after a glossary change, rebuild — a new index and an
alias swap, with no downtime.

``index`` is the Django-facing module (settings and glossary read for you):
``index.rebuild(records, url=None, index_prefix=None, synonyms=None, acronyms=None,
progress=None)``, ``index.index_records(records)``, ``index.delete_records(page_ids)``,
``index.count()``, ``index.get_engine()``. It is not imported here, so the rest of the
package needs no Django.

Lower-level pure functions, unit-tested without a server: ``query.build_search_body``,
``query.build_autocomplete_body``, ``response.parse_search_response``,
``mapping.index_body``/``record_to_document``; and ``indexing.create_index(client,
name, synonyms)`` and friends, which take a client.
"""

from .engine import ElasticsearchEngine
from .indexing import (
    BulkIndexError,
    RebuildResult,
    alias_name,
    bulk_index,
    count,
    create_index,
    delete_record,
    delete_records,
    ensure_alias,
    index_record,
    rebuild,
)
from .mapping import PageDocument, index_body, record_to_document
from .query import build_autocomplete_body, build_search_body
from .response import parse_autocomplete_response, parse_search_response

__all__ = [
    "BulkIndexError",
    "ElasticsearchEngine",
    "PageDocument",
    "RebuildResult",
    "alias_name",
    "build_autocomplete_body",
    "build_search_body",
    "bulk_index",
    "count",
    "create_index",
    "delete_record",
    "delete_records",
    "ensure_alias",
    "index_body",
    "index_record",
    "parse_autocomplete_response",
    "parse_search_response",
    "rebuild",
    "record_to_document",
]
