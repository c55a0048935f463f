"""Django-facing entry points for indexing (``search.indexing``, ``search_index``).

The only module of this package that reads Django settings (``ELASTICSEARCH_URL``,
``ELASTICSEARCH_INDEX_PREFIX``, ``ELASTICSEARCH_CONNECT_TIMEOUT``,
``ELASTICSEARCH_READ_TIMEOUT``) and the glossary
(``search.glossary``, imported lazily); everything else takes its inputs as arguments.
"""

import logging
from functools import lru_cache

from django.conf import settings

from .engine import ElasticsearchEngine

logger = logging.getLogger(__name__)


def glossary() -> tuple[list[str], dict[str, str]]:
    """(Solr synonym rules, case-sensitive acronyms) from the editors' glossary."""
    try:
        from search.glossary import glossary_case_sensitive_acronyms, glossary_synonym_rules

        return list(glossary_synonym_rules()), dict(glossary_case_sensitive_acronyms())
    except Exception:  # noqa: BLE001 - index without synonyms rather than not at all
        logger.warning("Glossary unavailable: indexing without synonyms", exc_info=True)
        return [], {}


def _acronyms() -> dict[str, str]:
    return glossary()[1]


def _labels(facet, values):
    from search.facets import facet_labels

    return facet_labels(facet, values)


@lru_cache(maxsize=8)
def _cached_engine(
    url: str, index_prefix: str, timeout: float, connect_timeout: float
) -> ElasticsearchEngine:
    return ElasticsearchEngine(
        url,
        index_prefix=index_prefix,
        timeout=timeout,
        connect_timeout=connect_timeout,
        acronyms=_acronyms,
        labels=_labels,
    )


def get_engine(
    url: str | None = None,
    index_prefix: str | None = None,
    timeout: float | None = None,
    connect_timeout: float | None = None,
) -> ElasticsearchEngine:
    """The engine for the settings (or the given url/prefix/read and connect timeouts),
    one per process, with the glossary's acronyms and the facet labels of
    ``search.facets``."""
    return _cached_engine(
        url or settings.ELASTICSEARCH_URL,
        index_prefix or getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "cdp"),
        float(timeout or getattr(settings, "ELASTICSEARCH_READ_TIMEOUT", 1.5)),
        float(connect_timeout or getattr(settings, "ELASTICSEARCH_CONNECT_TIMEOUT", 0.5)),
    )


def rebuild(records, url=None, index_prefix=None, synonyms=None, acronyms=None, progress=None):
    """Fill a new index from ``records`` and swap the alias onto it (see ``indexing.rebuild``).

    The glossary is read from the database unless ``synonyms``/``acronyms`` are given.
    """
    if synonyms is None or acronyms is None:
        rules, known = glossary()
        synonyms = rules if synonyms is None else synonyms
        acronyms = known if acronyms is None else acronyms
    engine = get_engine(url, index_prefix)
    return engine.rebuild(records, synonyms, progress, acronyms=acronyms)


def index_records(records, url=None, index_prefix=None) -> int:
    """Add or replace pages; creates the index (with the glossary) on first use."""
    records = list(records)
    if not records:
        return 0
    engine = get_engine(url, index_prefix)
    if not engine.has_index():
        rules, acronyms = glossary()
        engine.ensure_index(rules, acronyms)
    return engine.bulk_index(records)


def delete_records(page_ids, url=None, index_prefix=None) -> int:
    return get_engine(url, index_prefix).delete_records(list(page_ids))


def count(url=None, index_prefix=None) -> int:
    """Documents behind the alias, for ``search_index check``."""
    return get_engine(url, index_prefix).count()
