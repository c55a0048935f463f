"""The search engines behind the public search page, all behind one small contract.

``get_engine()`` returns the configured engine: Elasticsearch when ``ELASTICSEARCH_URL`` is
set (wrapped so that the database engine answers when it is down or slow), else the
database engine. The view only knows ``SearchRequest`` and ``SearchResponse``.
"""

import logging

from django.conf import settings
from django.utils.translation import gettext_lazy as _

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

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = _(
    "Le moteur de recherche principal ne répond pas : ces résultats viennent de la recherche "
    "de secours et peuvent être moins complets."
)


class FallbackEngine(SearchEngine):
    """Asks ``primary``; when it is unavailable (or fails in any way) answers from
    ``fallback`` with a discreet notice. The visitor never sees an error page."""

    def __init__(self, primary, fallback):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name

    def search(self, request):
        try:
            return self.primary.search(request)
        except EngineUnavailable as error:
            logger.warning("Search engine %s unavailable: %s", self.primary.name, error)
        except Exception:
            logger.exception("Search engine %s failed", self.primary.name)
        response = self.fallback.search(request)
        response.notice = str(FALLBACK_NOTICE)
        return response

    def autocomplete(self, prefix, limit=8):
        try:
            return self.primary.autocomplete(prefix, limit)
        except Exception:
            logger.warning("Autocomplete on %s failed; using the database", self.primary.name)
            return self.fallback.autocomplete(prefix, limit)

    def count(self):
        return self.primary.count()


def get_database_engine():
    from .database import DatabaseEngine

    return DatabaseEngine()


def get_elasticsearch_engine():
    """The Elasticsearch engine from settings, or None when it is not configured."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return None
    try:
        from .elasticsearch import index as es_index
    except ImportError:
        logger.exception("ELASTICSEARCH_URL is set but the Elasticsearch engine cannot load")
        return None
    # One client per process and configuration, with the glossary's acronyms and the
    # facet labels of search.facets.
    return es_index.get_engine(
        url,
        getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "cdp"),
        getattr(settings, "ELASTICSEARCH_TIMEOUT", 2.0),
    )


def get_engine():
    """The engine the public search page uses."""
    database = get_database_engine()
    elasticsearch = get_elasticsearch_engine()
    if elasticsearch is None:
        return database
    return FallbackEngine(elasticsearch, database)


__all__ = [
    "FACETS",
    "SORT_DATE",
    "SORT_RELEVANCE",
    "EngineUnavailable",
    "FacetValue",
    "FallbackEngine",
    "Hit",
    "SearchEngine",
    "SearchRecord",
    "SearchRequest",
    "SearchResponse",
    "get_database_engine",
    "get_elasticsearch_engine",
    "get_engine",
]
