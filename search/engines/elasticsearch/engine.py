"""``ElasticsearchEngine``: the SearchEngine contract over an Elasticsearch 8 cluster, and
the index updates ``search.indexing`` makes."""

import contextlib
import logging
from functools import cached_property

import urllib3
from django.db import DatabaseError
from elasticsearch import ApiError, Elasticsearch, TransportError

from ..base import EngineUnavailable, SearchEngine, SearchRequest, SearchResponse
from . import indexing
from .query import (
    build_autocomplete_body,
    build_search_body,
    parse_autocomplete_response,
    parse_search_response,
)

logger = logging.getLogger(__name__)

INDEXING_TIMEOUT = 60.0  # bulk requests carry whole PDFs: far above the 2 s search budget

CLUSTER_ERRORS = (ApiError, TransportError)
# An answer we cannot read is, for a visitor, the same as no answer.
ANSWER_ERRORS = (*CLUSTER_ERRORS, AttributeError, KeyError, TypeError, ValueError)


@contextlib.contextmanager
def unavailable_on_errors(action: str, errors=CLUSTER_ERRORS):
    """Turn transport and HTTP errors (and, for searches, unreadable answers) into
    EngineUnavailable."""
    try:
        yield
    except errors as error:
        # Never log the query text: it may name a person.
        logger.warning("Elasticsearch %s failed: %s", action, type(error).__name__)
        raise EngineUnavailable(f"Elasticsearch {action} failed: {type(error).__name__}") from error


class ElasticsearchEngine(SearchEngine):
    """Searches the alias ``<prefix>-pages-<language>``; every call fails within
    ``connect_timeout`` + ``timeout`` (the read timeout).

    The client makes no retries, so an unreachable or slow cluster costs at most one
    timeout before EngineUnavailable lets the caller fall back to the database.
    ``glossary()`` gives the editors' glossary, (Solr synonym rules, case-sensitive
    acronyms): read at each search and index creation, so edits apply without a restart.
    """

    name = "elasticsearch"

    def __init__(
        self,
        url: str = "",
        index_prefix: str = "cdp",
        timeout: float = 2.0,
        language: str = "fr",
        client=None,
        indexing_timeout: float = INDEXING_TIMEOUT,
        glossary=None,
        connect_timeout: float | None = None,
    ):
        self.url = url
        self.timeout = timeout
        self.connect_timeout = timeout if connect_timeout is None else connect_timeout
        self.indexing_timeout = indexing_timeout
        self.alias = indexing.alias_name(index_prefix, language)
        self._glossary = glossary
        if client is not None:
            self.client = client

    def glossary(self) -> tuple[list[str], dict[str, str]]:
        """(Solr synonym rules, acronyms); none when the database cannot say."""
        try:
            rules, acronyms = self._glossary() if self._glossary else ((), {})
        except DatabaseError:
            logger.warning("Glossary unavailable: searching without it", exc_info=True)
            return [], {}
        return list(rules), dict(acronyms)

    @cached_property
    def client(self):
        with unavailable_on_errors("connection setup", ANSWER_ERRORS):
            client = Elasticsearch(
                self.url,
                request_timeout=self.connect_timeout + self.timeout,
                max_retries=0,
                retry_on_timeout=False,
            )
            # Separate connect and read timeouts: the urllib3 node hands the per-request
            # timeout to urllib3 as is, which takes a Timeout as well as a number.
            return client.options(
                request_timeout=urllib3.Timeout(connect=self.connect_timeout, read=self.timeout)
            )

    @property
    def admin_client(self):
        """The same connection with a timeout fit for bulk indexing."""
        return self.client.options(request_timeout=self.indexing_timeout)

    # Searching (the SearchEngine contract)

    def search(self, request: SearchRequest) -> SearchResponse:
        body = build_search_body(request, self.glossary()[1])
        with unavailable_on_errors("search", ANSWER_ERRORS):
            raw = self.client.search(index=self.alias, body=body)
            return parse_search_response(_as_dict(raw), request)

    def autocomplete(self, prefix: str, limit: int = 8) -> list[str]:
        body = build_autocomplete_body(prefix, limit)
        if body is None:
            return []
        with unavailable_on_errors("autocomplete", ANSWER_ERRORS):
            raw = self.client.search(index=self.alias, body=body)
            return parse_autocomplete_response(_as_dict(raw), limit)

    # Index management (for search_index and search.indexing)

    def rebuild(self, records, progress=None, glossary=None) -> indexing.RebuildResult:
        """A new index filled from ``records``, with ``glossary`` (rules, acronyms) or the
        engine's, then the alias swapped onto it (``indexing.rebuild``)."""
        synonyms, acronyms = glossary or self.glossary()
        with unavailable_on_errors("rebuild"):
            return indexing.rebuild(
                self.admin_client, self.alias, records, synonyms, progress, acronyms=acronyms
            )

    def index_records(self, records) -> int:
        """Add or replace pages; creates the index (with the glossary) on first use."""
        records = list(records)
        if not records:
            return 0
        with unavailable_on_errors("indexing"):
            indexing.ensure_alias(self.admin_client, self.alias, *self.glossary())
            return indexing.bulk_index(self.admin_client, self.alias, records, require_alias=True)

    def delete_records(self, page_ids) -> int:
        with unavailable_on_errors("deletion"):
            return indexing.delete_records(self.admin_client, self.alias, list(page_ids))

    def count(self) -> int:
        with unavailable_on_errors("count"):
            return indexing.count(self.client, self.alias)


def _as_dict(response) -> dict:
    """The client's ObjectApiResponse (or a plain dict from a test double) as a dict."""
    body = getattr(response, "body", response)
    if not isinstance(body, dict):
        raise TypeError("unexpected Elasticsearch response")
    return body
