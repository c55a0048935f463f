"""The search engines behind the public search page, all behind one small contract.

``get_engine()`` returns the configured engine: Elasticsearch when ``ELASTICSEARCH_URL`` is
set, else the database engine. The view only knows ``SearchRequest`` and ``SearchResponse``.
"""

from .base import (
    FACETS,
    SORT_DATE,
    SORT_RELEVANCE,
    EngineUnavailable,
    FacetValue,
    Hit,
    SearchEngine,
    SearchRecord,
    SearchRequest,
    SearchResponse,
)

__all__ = [
    "FACETS",
    "SORT_DATE",
    "SORT_RELEVANCE",
    "EngineUnavailable",
    "FacetValue",
    "Hit",
    "SearchEngine",
    "SearchRecord",
    "SearchRequest",
    "SearchResponse",
]
