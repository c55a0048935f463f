"""The page document (mapping, SearchRecord → document) and the index lifecycle: names,
creation, bulk filling, alias swap, deletions, count.

Functions take an ``elasticsearch.Elasticsearch`` client (or anything with the same
methods) and let its exceptions through; ``ElasticsearchEngine`` wraps them.
"""

import datetime
import itertools
import logging
import re
from dataclasses import dataclass, field

from elasticsearch import ApiError, NotFoundError, TransportError, helpers
from elasticsearch.dsl import Completion, Date, Document, Index, Keyword, MetaField, Text

from ...analysis import PREFIX_MIN_LENGTH, clean_query
from ..base import FACET_FIELDS
from . import analysis

logger = logging.getLogger(__name__)


SUGGEST_MAX_INPUT = 50
SUGGEST_MAX_SUFFIXES = 6
BULK_CHUNK = 500


def _french_text(copy_to=("all_text", "prefix_text", "spelling"), **options) -> Text:
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
    documents = _french_text(copy_to=("prefix_text", "spelling"), index_options="offsets")
    # Everything searchable in one field, broadly stemmed: lets "all words must match"
    # span title and body, and catches verb forms the light stemmer keeps apart.
    all_text = Text(analyzer=analysis.BROAD, search_analyzer=analysis.BROAD_SEARCH)
    # The same words folded, unstemmed, with their beginnings indexed: « violen » finds
    # « violences » (query.text_query) without scanning the terms.
    prefix_text = Text(
        analyzer=analysis.AUTOCOMPLETE,
        index_prefixes={"min_chars": PREFIX_MIN_LENGTH, "max_chars": 19},
    )
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


def index_body(name: str, synonyms=(), acronyms=None, **settings) -> dict:
    """``{"settings": ..., "mappings": ...}`` for index ``name`` with the glossary:
    ``synonyms`` (Solr rules) and ``acronyms`` (case-sensitive acronym -> term)."""
    index = Index(name)
    index.settings(number_of_shards=1, max_result_window=10_000, **settings)
    index.mapping(PageDocument._doc_type.mapping)
    for definition in analysis.index_analyzers(acronyms) + analysis.search_analyzers(synonyms):
        index.analyzer(definition)
    return index.to_dict()


def suggest_inputs(title: str) -> list[str]:
    """The title and its word-boundary suffixes, so "ség" completes "Cadre … de Ségou"."""
    words = title.split()
    inputs = []
    for start in range(min(len(words), SUGGEST_MAX_SUFFIXES)):
        text = " ".join(words[start:])[:SUGGEST_MAX_INPUT].strip()
        if len(text) > 1 and text not in inputs:
            inputs.append(text)
    return inputs


def record_to_document(record) -> dict:
    """A SearchRecord as the JSON source stored in the index (ids and years as strings,
    texts without control characters)."""
    text = {
        key: clean_query(record.get(key) or "", limit=limit)
        for key, limit in (
            ("title", 1000),
            ("summary", 5000),
            ("keywords", 5000),
            ("body", 1_000_000),
            ("documents", 1_000_000),
        )
    }
    date = record.get("date")
    document = {
        "page_id": str(record["page_id"]),
        "url": record.get("url") or "",
        **text,
        "content_type": record.get("content_type") or "page",
        **{
            FACET_FIELDS[key]: [
                str(v) for v in record.get(FACET_FIELDS[key]) or () if v not in (None, "")
            ]
            for key in ("community", "theme", "tag", "organization", "language")
        },
        "year": str(record["year"]) if record.get("year") else None,
        "date": date.isoformat() if isinstance(date, datetime.date) else None,
    }
    inputs = suggest_inputs(document["title"])
    if inputs:
        document["suggest"] = {"input": inputs}
    return document


# --- Lifecycle ---------------------------------------------------------------------------


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


def bulk_index(client, index: str, records, progress=None, require_alias=False) -> int:
    """Index ``records`` in chunks; ``progress(done)`` after each one. Returns the count.
    Raises ``elasticsearch.helpers.BulkIndexError`` when some documents are refused."""
    done, records = 0, iter(records)
    options = {"require_alias": True} if require_alias else {}
    while chunk := list(itertools.islice(records, BULK_CHUNK)):
        actions = (
            {"_index": index, "_id": str(r["page_id"]), "_source": record_to_document(r)}
            for r in chunk
        )
        done += helpers.bulk(client, actions, chunk_size=BULK_CHUNK, **options)[0]
        if progress:
            progress(done)
    return done


def delete_records(client, alias: str, page_ids) -> int:
    """Remove pages in bulk (500 a request); returns how many were indexed (a page not
    indexed is not an error)."""
    actions = [{"_op_type": "delete", "_index": alias, "_id": str(pk)} for pk in page_ids]
    if not actions:
        return 0
    deleted, _ = helpers.bulk(client, actions, ignore_status=404, require_alias=True)
    return deleted


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


def stale_indices(client, alias: str, keep: str) -> list[str]:
    """Older generations of ``alias`` that no longer serve it (left by failed rebuilds)."""
    names = client.indices.get(index=f"{alias}-*", expand_wildcards="open,closed").keys()
    generation = re.compile(re.escape(alias) + r"-\d{20}")
    return sorted(n for n in names if generation.fullmatch(n) and n < keep)


def rebuild(
    client, alias: str, records, synonyms=(), progress=None, acronyms=None, now=None
) -> RebuildResult:
    """Fill a new index, then swap ``alias`` onto it and delete the previous ones.

    Searches keep using the old index until the swap; if filling fails the new index is
    deleted and the alias is left untouched. With concurrent rebuilds, the last to swap wins.
    """
    name = new_index_name(alias, now)
    client.indices.create(index=name, **index_body(name, synonyms, acronyms, refresh_interval="-1"))
    try:
        count = bulk_index(client, name, records, progress)
        client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
        client.indices.refresh(index=name)
        previous = swap_alias(client, alias, name)
    except BaseException:
        try:  # best effort: the original error matters more
            _delete_quietly(client, name)
        except (ApiError, TransportError):  # the cluster may be why we are here
            logger.warning("Could not delete the abandoned index %s", name, exc_info=True)
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


def count(client, alias: str) -> int:
    return int(client.count(index=alias)["count"])
