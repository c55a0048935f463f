"""``ElasticsearchEngine``: the SearchEngine contract over an Elasticsearch 8 cluster."""

import contextlib
import logging
from functools import cached_property

import urllib3
from elastic_transport import ApiError, TransportError
from elasticsearch import Elasticsearch

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
        acronyms=None,
        labels=None,
        connect_timeout: float | None = None,
    ):
        self.url = url
        self.labels = labels  # (facet, values) -> {value: label}; None: label = value
        self.timeout = timeout
        self.connect_timeout = timeout if connect_timeout is None else connect_timeout
        self.indexing_timeout = indexing_timeout
        self.alias = indexing.alias_name(index_prefix, language)
        self._acronyms = acronyms
        if client is not None:
            self.client = client

    @property
    def acronyms(self) -> dict:
        """The glossary's case-sensitive acronyms: a mapping, or a callable giving one
        (read at each search, so glossary edits apply without a restart)."""
        source = self._acronyms
        if callable(source):
            try:
                source = source()
            except Exception:  # noqa: BLE001 - a glossary hiccup must not stop the search
                logger.warning("Could not read the glossary acronyms", exc_info=True)
                source = None
        return dict(source or {})

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
        options = getattr(self.client, "options", None)
        return options(request_timeout=self.indexing_timeout) if options else self.client

    # Searching (the SearchEngine contract)

    def search(self, request: SearchRequest) -> SearchResponse:
        body = build_search_body(request, self.acronyms)
        with unavailable_on_errors("search", ANSWER_ERRORS):
            raw = self.client.search(index=self.alias, body=body)
            return parse_search_response(_as_dict(raw), request, self.labels)

    def autocomplete(self, prefix: str, limit: int = 8) -> list[str]:
        body = build_autocomplete_body(prefix, limit)
        if body is None:
            return []
        with unavailable_on_errors("autocomplete", ANSWER_ERRORS):
            raw = self.client.search(index=self.alias, body=body)
            return parse_autocomplete_response(_as_dict(raw), limit)

    # Index management (for search_index and the index-update tasks)

    def rebuild(self, records, synonyms=(), progress=None, acronyms=None):
        """-> indexing.RebuildResult. ``acronyms`` defaults to the engine's."""
        acronyms = self.acronyms if acronyms is None else acronyms
        with unavailable_on_errors("rebuild"):
            return indexing.rebuild(
                self.admin_client, self.alias, records, synonyms, progress, acronyms=acronyms
            )

    def has_index(self) -> bool:
        with unavailable_on_errors("alias lookup"):
            return bool(self.client.indices.exists_alias(name=self.alias))

    def ensure_index(self, synonyms=(), acronyms=None) -> bool:
        acronyms = self.acronyms if acronyms is None else acronyms
        with unavailable_on_errors("index creation"):
            return indexing.ensure_alias(self.admin_client, self.alias, synonyms, acronyms)

    def bulk_index(self, records, progress=None) -> int:
        with unavailable_on_errors("bulk indexing"):
            return indexing.bulk_index(
                self.admin_client, self.alias, records, progress, require_alias=True
            )

    def index_record(self, record) -> None:
        with unavailable_on_errors("indexing"):
            indexing.index_record(self.admin_client, self.alias, record)

    def delete_record(self, page_id: int) -> bool:
        with unavailable_on_errors("deletion"):
            return indexing.delete_record(self.admin_client, self.alias, page_id)

    def delete_records(self, page_ids) -> int:
        with unavailable_on_errors("deletion"):
            return indexing.delete_records(self.admin_client, self.alias, page_ids)

    def count(self) -> int:
        with unavailable_on_errors("count"):
            return indexing.count(self.client, self.alias)


def _as_dict(response) -> dict:
    """The client's ObjectApiResponse (or a plain dict from a test double) as a dict."""
    body = getattr(response, "body", response)
    if not isinstance(body, dict):
        raise TypeError("unexpected Elasticsearch response")
    return body
