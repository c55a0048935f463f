"""The Django-facing side of the Elasticsearch engine: the engine from settings, with the
editors' glossary and the facet labels, and the index updates ``search.indexing`` makes.
The rest of this package takes its inputs as arguments."""

import logging
from functools import lru_cache

from django.conf import settings

from ... import glossary as glossary_module
from ...facets import facet_labels
from .engine import ElasticsearchEngine

logger = logging.getLogger(__name__)


def glossary() -> tuple[list[str], dict[str, str]]:
    """(Solr synonym rules, case-sensitive acronyms) from the editors' glossary."""
    try:
        return (
            list(glossary_module.glossary_synonym_rules()),
            dict(glossary_module.glossary_case_sensitive_acronyms()),
        )
    except Exception:  # noqa: BLE001 - index without synonyms rather than not at all
        logger.warning("Glossary unavailable: indexing without synonyms", exc_info=True)
        return [], {}


@lru_cache(maxsize=8)
def _cached_engine(url, index_prefix, timeout, connect_timeout) -> ElasticsearchEngine:
    return ElasticsearchEngine(
        url,
        index_prefix=index_prefix,
        timeout=timeout,
        connect_timeout=connect_timeout,
        acronyms=glossary_module.glossary_case_sensitive_acronyms,
        labels=facet_labels,
    )


def get_engine(url=None, index_prefix=None, timeout=None, connect_timeout=None):
    """The engine for the settings (or the given url, prefix, read and connect timeouts),
    one per process."""
    return _cached_engine(
        url or settings.ELASTICSEARCH_URL,
        index_prefix or getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "cdp"),
        float(timeout or getattr(settings, "ELASTICSEARCH_READ_TIMEOUT", 1.5)),
        float(connect_timeout or getattr(settings, "ELASTICSEARCH_CONNECT_TIMEOUT", 0.5)),
    )


def rebuild(records, url=None, index_prefix=None, synonyms=None, acronyms=None, progress=None):
    """Fill a new index from ``records`` and swap the alias onto it (``indexing.rebuild``),
    with the editors' glossary unless ``synonyms``/``acronyms`` are given."""
    rules, known = glossary() if synonyms is None or acronyms is None else (synonyms, acronyms)
    synonyms = rules if synonyms is None else synonyms
    acronyms = known if acronyms is None else acronyms
    return get_engine(url, index_prefix).rebuild(records, synonyms, progress, acronyms=acronyms)


def index_records(records, url=None, index_prefix=None) -> int:
    """Add or replace pages; creates the index (with the glossary) on first use."""
    records = list(records)
    if not records:
        return 0
    engine = get_engine(url, index_prefix)
    if not engine.has_index():
        engine.ensure_index(*glossary())
    return engine.bulk_index(records)


def delete_records(page_ids, url=None, index_prefix=None) -> int:
    return get_engine(url, index_prefix).delete_records(list(page_ids))


def count(url=None, index_prefix=None) -> int:
    """Documents behind the alias, for ``search_index check``."""
    return get_engine(url, index_prefix).count()
