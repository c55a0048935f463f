"""The search engines behind the public search page, all behind one small contract.

``get_engine()`` returns the configured engine: Elasticsearch when ``ELASTICSEARCH_URL`` is
set (wrapped so that the database engine answers when it is down or slow), else the
database engine. The view only knows ``SearchRequest`` and ``SearchResponse``.
"""

import hashlib
import logging
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..glossary import glossary_case_sensitive_acronyms, glossary_synonym_rules
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
from .circuit import CircuitBreaker

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


def get_database_engine():
    # Not at the top: the database engine reads search.facets, which imports this package's
    # contract (engines.base) and would find this package half loaded.
    from .database import DatabaseEngine

    return DatabaseEngine()


@lru_cache(maxsize=8)
def _elasticsearch_engine(url, index_prefix, timeout, connect_timeout):
    # The client package is slow to import: it loads only when ELASTICSEARCH_URL is set.
    from .elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine(
        url,
        index_prefix=index_prefix,
        timeout=timeout,
        connect_timeout=connect_timeout,
        glossary=lambda: (glossary_synonym_rules(), glossary_case_sensitive_acronyms()),
    )


def get_elasticsearch_engine(url=None, index_prefix=None, timeout=None):
    """The Elasticsearch engine for the settings (or the given url, index prefix and read
    timeout), one per process; None when ``ELASTICSEARCH_URL`` is unset (the package,
    slow to import, loads only then)."""
    url = url or getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return None
    return _elasticsearch_engine(
        url,
        index_prefix or getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "cdp"),
        float(timeout or getattr(settings, "ELASTICSEARCH_READ_TIMEOUT", 1.5)),
        float(getattr(settings, "ELASTICSEARCH_CONNECT_TIMEOUT", 0.5)),
    )


_breakers = {}


def get_elasticsearch_breaker():
    """The process's breaker for Elasticsearch (its state is shared through the cache)."""
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
