"""The page document (mapping, SearchRecord → document) and the index lifecycle: names,
creation, bulk filling, alias swap, single-record updates, count.

Functions take an ``elasticsearch.Elasticsearch`` client (or anything with the same
methods) and let its exceptions through; ``ElasticsearchEngine`` wraps them.
"""

import datetime
import itertools
import logging
import re
from dataclasses import dataclass, field

from elasticsearch import NotFoundError
from elasticsearch.dsl import Completion, Date, Document, Index, Keyword, MetaField, Text

from . import analysis
from .analysis import clean_text

logger = logging.getLogger(__name__)

# Facet key (search.engines.base.FACETS) -> keyword field holding its values.
FACET_FIELDS = {
    "type": "content_type",
    "community": "communities",
    "theme": "themes",
    "tag": "tags",
    "organization": "organizations",
    "year": "year",
    "language": "languages",
}

SUGGEST_MAX_INPUT = 50
SUGGEST_MAX_SUFFIXES = 6


def _french_text(copy_to=("all_text", "spelling"), **options) -> Text:
    return Text(
        analyzer=analysis.FRENCH,
        search_analyzer=analysis.FRENCH_SEARCH,
        copy_to=list(copy_to),
        **options,
    )


class PageDocument(Document):
    """One live page. Text fields are French-analysed; facet fields are exact keywords."""

    page_id = Keyword()
    url = Keyword(index=False)
    title = _french_text()
    summary = _french_text()
    body = _french_text(index_options="offsets")  # long text: cheap highlighting
    keywords = _french_text()  # tag names, acronyms
    # Attachments' extracted text, weight C: kept out of all_text so that a page's own
    # words rank above its documents'.
    documents = _french_text(copy_to=("spelling",), index_options="offsets")
    # Everything searchable in one field, broadly stemmed: lets "all words must match"
    # span title and body, and catches verb forms the light stemmer keeps apart.
    all_text = Text(analyzer=analysis.BROAD, search_analyzer=analysis.BROAD_SEARCH)
    spelling = Text(analyzer=analysis.SPELLING)
    suggest = Completion(analyzer=analysis.AUTOCOMPLETE, max_input_length=SUGGEST_MAX_INPUT)
    content_type = Keyword()
    communities = Keyword()
    themes = Keyword()
    tags = Keyword()
    organizations = Keyword()
    languages = Keyword()
    year = Keyword()
    date = Date(format="strict_date")

    class Meta:
        dynamic = MetaField("strict")


def build_index(name: str, synonyms=(), acronyms=None, replicas: int | None = None) -> Index:
    """The index definition for ``name`` with the glossary: ``synonyms`` (Solr rules) and
    ``acronyms`` (case-sensitive acronym -> term)."""
    index = Index(name)
    settings = {"number_of_shards": 1, "max_result_window": 10_000}
    if replicas is not None:
        settings["number_of_replicas"] = replicas
    index.settings(**settings)
    index.mapping(PageDocument._doc_type.mapping)
    for definition in analysis.index_analyzers(acronyms) + analysis.search_analyzers(synonyms):
        index.analyzer(definition)
    return index


def index_body(name: str, synonyms=(), acronyms=None, replicas: int | None = None) -> dict:
    """``{"settings": ..., "mappings": ...}`` as sent to ``indices.create``."""
    return build_index(name, synonyms, acronyms, replicas).to_dict()


def suggest_inputs(title: str) -> list[str]:
    """The title and its word-boundary suffixes, so "ség" completes "Cadre … de Ségou"."""
    words = clean_text(title, max_chars=300, max_words=60).split(" ")
    inputs = []
    for start in range(min(len(words), SUGGEST_MAX_SUFFIXES)):
        text = " ".join(words[start:])[:SUGGEST_MAX_INPUT].strip()
        if len(text) > 1 and text not in inputs:
            inputs.append(text)
    return inputs


def _strings(values) -> list[str]:
    return [str(v) for v in values or () if v is not None and str(v) != ""]


def _date(value) -> str | None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, datetime.date) else None


def record_to_document(record) -> dict:
    """A SearchRecord as the JSON source stored in the index (ids and years as strings)."""
    body = clean_text(record.get("body") or "", max_chars=1_000_000, max_words=200_000)
    documents = clean_text(record.get("documents") or "", max_chars=1_000_000, max_words=200_000)
    document = {
        "page_id": str(record["page_id"]),
        "url": record.get("url") or "",
        "title": clean_text(record.get("title") or "", max_chars=1000, max_words=1000),
        "summary": clean_text(record.get("summary") or "", max_chars=5000, max_words=5000),
        "body": body,
        "keywords": clean_text(record.get("keywords") or "", max_chars=5000, max_words=1000),
        "documents": documents,
        "content_type": record.get("content_type") or "page",
        "communities": _strings(record.get("communities")),
        "themes": _strings(record.get("themes")),
        "tags": _strings(record.get("tags")),
        "organizations": _strings(record.get("organizations")),
        "languages": _strings(record.get("languages")),
        "year": str(record["year"]) if record.get("year") else None,
        "date": _date(record.get("date")),
    }
    inputs = suggest_inputs(document["title"])
    if inputs:
        document["suggest"] = {"input": inputs}
    return document


# --- Lifecycle ---------------------------------------------------------------------------

BULK_CHUNK = 500
MAX_REPORTED_FAILURES = 10


class BulkIndexError(Exception):
    """Some documents were refused; ``failures`` holds the first item errors."""

    def __init__(self, failures):
        super().__init__(f"{len(failures)} document(s) refused, first: {failures[:1]}")
        self.failures = failures


@dataclass
class RebuildResult:
    index: str
    count: int
    deleted: list[str] = field(default_factory=list)


def alias_name(prefix: str = "cdp", language: str = "fr") -> str:
    """The name searches use, e.g. ``cdp-pages-fr`` (one index per content language)."""
    return f"{prefix}-pages-{language}".lower()


def new_index_name(alias: str, now: datetime.datetime | None = None) -> str:
    """A concrete index for ``alias``, timestamped so that rebuilds never collide."""
    now = now or datetime.datetime.now(datetime.UTC)
    return f"{alias}-{now:%Y%m%d%H%M%S%f}"


def _is_generation(alias: str, name: str) -> bool:
    return re.fullmatch(re.escape(alias) + r"-\d{20}", name) is not None


def create_index(
    client, name: str, synonyms=(), acronyms=None, replicas: int | None = None, **settings
):
    """Create index ``name`` with the French analysis and the glossary (Solr ``synonyms``,
    case-sensitive ``acronyms``)."""
    body = index_body(name, synonyms, acronyms, replicas)
    body["settings"].update(settings)
    return client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])


def _chunks(iterable, size: int):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _failures(response) -> list[dict]:
    if not response.get("errors"):
        return []
    return [
        {"id": action.get("_id"), "error": action.get("error")}
        for item in response.get("items", ())
        for action in item.values()
        if action.get("error")
    ]


def bulk_index(
    client,
    index: str,
    records,
    progress=None,
    chunk_size: int = BULK_CHUNK,
    require_alias: bool = False,
) -> int:
    """Index ``records`` in chunks; ``progress(done)`` after each one. Returns the count."""
    done = 0
    for chunk in _chunks(records, chunk_size):
        operations = []
        for record in chunk:
            operations.append({"index": {"_index": index, "_id": str(record["page_id"])}})
            operations.append(record_to_document(record))
        kwargs = {"require_alias": True} if require_alias else {}
        failures = _failures(client.bulk(operations=operations, **kwargs))
        if failures:
            raise BulkIndexError(failures[:MAX_REPORTED_FAILURES])
        done += len(chunk)
        if progress:
            progress(done)
    return done


def current_indices(client, alias: str) -> list[str]:
    """Concrete indices behind ``alias`` (none if the alias does not exist)."""
    try:
        return sorted(client.indices.get_alias(name=alias).keys())
    except NotFoundError:
        return []


def swap_alias(client, alias: str, new_index: str) -> list[str]:
    """Point ``alias`` at ``new_index`` in one atomic request; return the indices it left."""
    old = [name for name in current_indices(client, alias) if name != new_index]
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    if not old and client.indices.exists(index=alias):
        # A concrete index squats the alias's name (made by hand or by a write
        # without require_alias): drop it in the same atomic step.
        actions.append({"remove_index": {"index": alias}})
    actions.append({"add": {"index": new_index, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    return old


def _delete_quietly(client, name: str) -> bool:
    try:
        client.indices.delete(index=name)
        return True
    except NotFoundError:
        return False


def _abandon(client, name: str) -> None:
    """Best-effort removal of a half-built index; the original error matters more."""
    try:
        _delete_quietly(client, name)
    except Exception:  # noqa: BLE001 - cluster may be the reason we are here
        logger.warning("Could not delete the abandoned index %s", name, exc_info=True)


def stale_indices(client, alias: str, keep: str) -> list[str]:
    """Older generations of ``alias`` that no longer serve it (left by failed rebuilds)."""
    names = client.indices.get(index=f"{alias}-*", expand_wildcards="open,closed").keys()
    return sorted(n for n in names if _is_generation(alias, n) and n < keep)


def rebuild(
    client,
    alias: str,
    records,
    synonyms=(),
    progress=None,
    acronyms=None,
    replicas: int | None = None,
    now: datetime.datetime | None = None,
) -> RebuildResult:
    """Fill a new index, then swap ``alias`` onto it and delete the previous ones.

    Searches keep using the old index until the swap; if filling fails the new index is
    deleted and the alias is left untouched. With concurrent rebuilds, the last to swap wins.
    """
    name = new_index_name(alias, now)
    create_index(client, name, synonyms, acronyms, replicas, refresh_interval="-1")
    try:
        count = bulk_index(client, name, records, progress)
        client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
        client.indices.refresh(index=name)
        previous = swap_alias(client, alias, name)
    except BaseException:
        _abandon(client, name)
        raise
    leftovers = sorted(set(previous) | set(stale_indices(client, alias, keep=name)))
    deleted = [n for n in leftovers if _delete_quietly(client, n)]
    logger.info("Index %s now serves %s (%d documents); deleted %s", name, alias, count, deleted)
    return RebuildResult(index=name, count=count, deleted=deleted)


def ensure_alias(client, alias: str, synonyms=(), acronyms=None) -> bool:
    """Create an empty index behind ``alias`` if there is none yet; True if created."""
    if client.indices.exists_alias(name=alias):
        return False
    rebuild(client, alias, [], synonyms, acronyms=acronyms)
    return True


def index_record(client, alias: str, record) -> None:
    """Add or replace one page. ``require_alias``: never auto-create an unmapped index."""
    client.index(
        index=alias,
        id=str(record["page_id"]),
        document=record_to_document(record),
        require_alias=True,
    )


def delete_records(client, alias: str, page_ids) -> int:
    """Remove several pages in one bulk request; returns how many were indexed."""
    operations = [{"delete": {"_index": alias, "_id": str(pk)}} for pk in page_ids]
    if not operations:
        return 0
    response = client.bulk(operations=operations, require_alias=True)
    items = [action for item in response.get("items", ()) for action in item.values()]
    failures = [
        {"id": a.get("_id"), "error": a.get("error")}
        for a in items
        if a.get("error") and a.get("status") != 404
    ]
    if failures:
        raise BulkIndexError(failures[:MAX_REPORTED_FAILURES])
    return sum(1 for a in items if a.get("result") == "deleted")


def delete_record(client, alias: str, page_id: int) -> bool:
    """Remove one page; False if it was not indexed."""
    try:
        client.delete(index=alias, id=str(page_id))
        return True
    except NotFoundError:
        return False


def count(client, alias: str) -> int:
    return int(client.count(index=alias)["count"])
