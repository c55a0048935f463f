"""Keeping the indexes in step with the pages.

The database index (``SearchEntry`` + ``SearchFacet``; the database keeps its full-text
columns current, see ``SearchEntry``) is always written: it is the default engine and the
fallback when Elasticsearch is down.
Elasticsearch, when configured, is written through its module's ``index_records`` /
``delete_records``.
"""

import logging
import time
from collections import Counter
from functools import lru_cache

from django.db import connection, transaction
from django.utils import timezone

from .analysis import STOPWORDS, acronym_marks, fold, word_forms, words
from .engines import EngineUnavailable, get_elasticsearch_engine
from .engines.base import FACET_FIELDS
from .engines.sqlite_fts import entry_terms
from .glossary import get_glossary
from .models import IndexState, SearchEntry, SearchFacet, VocabularyWord
from .records import iter_records, record_batches, records_for_pages

logger = logging.getLogger(__name__)

VOCABULARY_MIN_LENGTH = 4


def facet_rows(record):
    """(facet, value) pairs of a record, as the ``FACETS`` keys name them."""
    rows = []
    for facet, key in FACET_FIELDS.items():
        values = record.get(key)
        values = values if isinstance(values, list) else [values] if values else []
        rows += [(facet, str(value)[:100]) for value in values]
    return list(dict.fromkeys(rows))


# Attachments' text beyond this is not indexed (PostgreSQL's tsvector is capped at 1 MB).
MAX_DOCUMENTS_CHARS = 300_000


def entry_for_record(record, case_sensitive):
    """The ``SearchEntry`` of a record: the raw text (PostgreSQL analyses it) or, on SQLite,
    also the analysed terms its FTS5 table indexes."""
    keywords = record.get("keywords") or " ".join(record.get("tags", [])).replace("-", " ")
    documents = record.get("documents", "")[:MAX_DOCUMENTS_CHARS]
    entry = SearchEntry(
        page_id=record["page_id"],
        content_type=record["content_type"],
        heading=record["title"][:255],
        summary=record["summary"],
        text=record["body"],
        keywords=keywords,
        documents=documents,
        url=record["url"][:500],
        date=record["date"],
        year=record["year"],
    )
    if connection.vendor == "postgresql":
        entry.acronyms = acronym_marks(
            " ".join((record["title"], record["summary"], record["body"], documents)),
            case_sensitive,
        )
    else:
        for column, terms in entry_terms(entry, case_sensitive).items():
            setattr(entry, column, terms)
    return entry


# Every column but the key and the ones the database writes (the full-text vectors).
UPDATE_FIELDS = [
    field.name
    for field in SearchEntry._meta.concrete_fields
    if field.name not in ("page", "search_vector", "rank_vector")
]


def _delete_facets(entry_ids):
    """The facet rows of these entries, in one statement. ``QuerySet.delete()`` would load
    every row to send ``post_delete`` (receivers for every model are connected), which cost
    a quarter of ``write_records`` when re-indexing pages already in the index."""
    placeholders = ", ".join(["%s"] * len(entry_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {SearchFacet._meta.db_table} WHERE entry_id IN ({placeholders})",
            entry_ids,
        )


def _insert_facets(records):
    """The facet rows of these records (about eight a page), without a model instance each:
    building them and the ORM's insert cost more than the rows are worth (BENCHMARKS.md)."""
    rows = [
        (record["page_id"], facet, value)
        for record in records
        for facet, value in facet_rows(record)
    ]
    table = SearchFacet._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one statement (a row each costs the server)
            cursor.execute(
                f"INSERT INTO {table} (entry_id, facet, value) "
                "SELECT * FROM unnest(%s::integer[], %s::text[], %s::text[])",
                [list(column) for column in zip(*rows, strict=True)] if rows else [[], [], []],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {table} (entry_id, facet, value) VALUES (%s, %s, %s)", rows
            )


def _upsert(entries):
    """Insert or update ``entries``; on PostgreSQL by one ``unnest`` of an array per column
    (``bulk_create`` sends literals, a fifth of the build's Python: BENCHMARKS.md)."""
    if connection.vendor != "postgresql":
        SearchEntry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=UPDATE_FIELDS,
            batch_size=200,
        )
        return
    fields = [SearchEntry._meta.get_field("page"), *map(SearchEntry._meta.get_field, UPDATE_FIELDS)]
    now = timezone.now()
    for entry in entries:
        entry.updated_at = now
    columns = ", ".join(field.column for field in fields)
    arrays = ", ".join(f"%s::{field.cast_db_type(connection)}[]" for field in fields)
    updates = ", ".join(f"{field.column} = EXCLUDED.{field.column}" for field in fields[1:])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SearchEntry._meta.db_table} ({columns}) SELECT * FROM unnest({arrays}) "
            f"ON CONFLICT (page_id) DO UPDATE SET {updates}",
            [[getattr(entry, field.attname) for entry in entries] for field in fields],
        )


def write_records(records, vocabulary=True):
    """Upsert the database entries of ``records`` (facets included; the database updates
    the full-text columns)."""
    if not records:
        return 0
    case_sensitive = get_glossary().case_sensitive
    entries = [entry_for_record(record, case_sensitive) for record in records]
    ids = [entry.page_id for entry in entries]
    with transaction.atomic():
        _upsert(entries)
        _delete_facets(ids)
        _insert_facets(records)
        IndexState.bump()
    if vocabulary:
        add_vocabulary(records)
    return len(entries)


def remove_pages(page_ids):
    """Drop pages from the database index (the database drops their full-text rows)."""
    _total, by_model = SearchEntry.objects.filter(page_id__in=list(page_ids)).delete()
    removed = by_model.get(SearchEntry._meta.label, 0)
    IndexState.bump()  # also after a page deletion that already cascaded to its entry
    return removed


@lru_cache(maxsize=200_000)
def _vocabulary_word(word):
    """(folded key, lowercased word) of a word suggestions may offer, else None. Cached:
    the same words recur on every page (folding each occurrence was a fifth of the build)."""
    word = word.lower()
    if (
        len(word) < VOCABULARY_MIN_LENGTH
        or len(word) > 40
        or word in STOPWORDS
        or not word.isalpha()
    ):
        return None
    return fold(word), word


def _vocabulary_counts(records):
    counts, display = Counter(), {}
    for record in records:
        text = " ".join((record["title"], record["summary"], record["body"][:20_000]))
        seen = set()
        for word in dict.fromkeys(words(text)):
            found = _vocabulary_word(word)
            if found is not None and found[0] not in seen:
                key, word = found
                seen.add(key)
                counts[key] += 1
                display.setdefault(key, word)
    return counts, display


def _vocabulary_rows(counts, display):
    return [
        VocabularyWord(
            word=key,
            display=display[key],
            stem=word_forms(display[key])[0][:40],
            length=len(key),
            frequency=count,
        )
        for key, count in counts.items()
    ]


def add_vocabulary(records):
    counts, display = _vocabulary_counts(records)
    VocabularyWord.objects.bulk_create(
        _vocabulary_rows(counts, display), ignore_conflicts=True, batch_size=500
    )


def rebuild_vocabulary(counts, display):
    with transaction.atomic():
        VocabularyWord.objects.all().delete()
        VocabularyWord.objects.bulk_create(_vocabulary_rows(counts, display), batch_size=500)


# --- Elasticsearch ---------------------------------------------------------------------


def _to_elasticsearch(action, payload):
    """The database index is written; Elasticsearch, when down, catches up on rebuild."""
    engine = get_elasticsearch_engine()
    if engine is not None:
        try:
            getattr(engine, action)(payload)
        except EngineUnavailable:
            logger.exception("Elasticsearch %s failed", action)


# --- What the tasks and commands call ------------------------------------------------------


def index_pages(page_ids):
    """Re-index these pages; the ones no longer searchable leave the index."""
    page_ids = [int(pk) for pk in page_ids]
    records = records_for_pages(page_ids)
    write_records(records)
    kept = {record["page_id"] for record in records}
    gone = [pk for pk in page_ids if pk not in kept]
    if gone:
        remove_pages(gone)
        _to_elasticsearch("delete_records", gone)
    if records:
        _to_elasticsearch("index_records", records)
    return len(records), len(gone)


def unindex_pages(page_ids):
    page_ids = [int(pk) for pk in page_ids]
    removed = remove_pages(page_ids)
    _to_elasticsearch("delete_records", page_ids)
    return removed


class Progress:
    """Prints "done/total, rate" at most every ``every`` seconds."""

    def __init__(self, write, label, every=2.0):
        self.write, self.label, self.every = write, label, every
        self.started = self.last = time.monotonic()

    def __call__(self, done, total):
        now = time.monotonic()
        if now - self.last >= self.every or done == total:
            self.last = now
            rate = done / max(now - self.started, 1e-6)
            self.write(f"{self.label}: {done}/{total} ({rate:.0f}/s)")

    @property
    def elapsed(self):
        return time.monotonic() - self.started


def rebuild_database_index(progress=None, batch_size=500):
    """Write every searchable page into the database index and drop stale entries."""
    written, keep, counts, display = 0, set(), Counter(), {}
    for records in record_batches(batch_size, progress):
        written += write_records(records, vocabulary=False)
        keep.update(record["page_id"] for record in records)
        batch_counts, batch_display = _vocabulary_counts(records)
        counts.update(batch_counts)
        for key, word in batch_display.items():
            display.setdefault(key, word)
    stale = set(SearchEntry.objects.values_list("page_id", flat=True)) - keep
    removed = remove_pages(sorted(stale))
    rebuild_vocabulary(counts, display)
    return written, removed


def rebuild_elasticsearch_index(progress=None):
    engine = get_elasticsearch_engine()
    return engine and engine.rebuild(iter_records(progress=progress))
