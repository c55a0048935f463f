"""The search engines behind the public search page, all behind one small contract.

``get_engine()`` returns the configured engine: Elasticsearch when ``ELASTICSEARCH_URL`` is
set (wrapped so that the database engine answers when it is down or slow), else the
database engine. The view only knows ``SearchRequest`` and ``SearchResponse``.
"""

import hashlib
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
    """Asks ``primary``; when it is unavailable (``EngineUnavailable``: down, slow or an
    unreadable answer) answers from ``fallback`` with a discreet notice.

    With a ``breaker`` (search.engines.circuit), ``primary`` is not even asked while the
    breaker is open: the fallback answers at once."""

    def __init__(self, primary, fallback, breaker=None):
        self.primary = primary
        self.fallback = fallback
        self.breaker = breaker
        self.name = primary.name

    def _ask_primary(self, call):
        """(True, answer) from the primary, or (False, None) when it must not be used."""
        if self.breaker is not None and not self.breaker.allow():
            return False, None
        try:
            answer = call()
        except EngineUnavailable as error:
            logger.warning("Search engine %s unavailable: %s", self.primary.name, error)
        else:
            if self.breaker is not None:
                self.breaker.success()
            return True, answer
        if self.breaker is not None:
            self.breaker.failure()
        return False, None

    def search(self, request):
        answered, response = self._ask_primary(lambda: self.primary.search(request))
        if answered:
            return response
        response = self.fallback.search(request)
        response.notice = str(FALLBACK_NOTICE)
        return response

    def autocomplete(self, prefix, limit=8):
        answered, suggestions = self._ask_primary(lambda: self.primary.autocomplete(prefix, limit))
        return suggestions if answered else self.fallback.autocomplete(prefix, limit)

    def count(self):
        return self.primary.count()


def get_database_engine():
    from .database import DatabaseEngine

    return DatabaseEngine()


def get_elasticsearch_engine():
    """The Elasticsearch engine from settings, or None when ``ELASTICSEARCH_URL`` is unset
    (the package loads only then)."""
    if not getattr(settings, "ELASTICSEARCH_URL", ""):
        return None
    from .elasticsearch import index as es_index

    return es_index.get_engine()


_breakers = {}


def get_elasticsearch_breaker():
    """The process's breaker for Elasticsearch (its state is shared through the cache)."""
    from .circuit import CircuitBreaker

    threshold = getattr(settings, "ELASTICSEARCH_BREAKER_FAILURES", 3)
    cooloff = getattr(settings, "ELASTICSEARCH_BREAKER_COOLOFF", 30.0)
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    key = (url, threshold, cooloff)
    if key not in _breakers:
        # One shared state per cluster; the URL is hashed (it may carry a password).
        name = "elasticsearch-" + hashlib.sha256(url.encode()).hexdigest()[:12]
        lease = 2 * (
            getattr(settings, "ELASTICSEARCH_CONNECT_TIMEOUT", 0.5)
            + getattr(settings, "ELASTICSEARCH_READ_TIMEOUT", 1.5)
        )
        _breakers[key] = CircuitBreaker(
            name, threshold=threshold, cooloff=cooloff, trial_lease=lease
        )
    return _breakers[key]


def get_engine():
    """The engine the public search page uses."""
    database = get_database_engine()
    elasticsearch = get_elasticsearch_engine()
    if elasticsearch is None:
        return database
    return FallbackEngine(elasticsearch, database, get_elasticsearch_breaker())


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
    "get_elasticsearch_breaker",
    "get_elasticsearch_engine",
    "get_engine",
]
