"""Query statistics without a database write on the request path.

Each search appends to an in-process buffer; every ``BATCH_SIZE`` queries (or when the
oldest is ``MAX_AGE`` seconds old, or at exit) one task writes the whole batch as
per-day counters. Queries are trimmed and anything that looks like an e-mail address or a
phone number is dropped: the site must not store data identifying a person.
"""

import atexit
import datetime
import re
import threading
import time

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task, task_backends
from django_tasks.backends.immediate import ImmediateBackend

from .analysis import clean_query
from .models import SearchQueryStat

BATCH_SIZE = 50
MAX_AGE = 300
MAX_QUERY_CHARS = 100
RETENTION_DAYS = 180

_PERSONAL_RE = re.compile(r"@|\d[\d .-]{6,}\d")
_lock = threading.Lock()
_buffer = []
_first_at = [None]


def normalise(query):
    query = clean_query(query, limit=MAX_QUERY_CHARS).lower()
    if not query or _PERSONAL_RE.search(query):
        return ""
    return query


def record(query, total):
    """Remember one search; enqueue a batch write when the buffer is full or old."""
    query = normalise(query)
    if not query:
        return
    now = time.monotonic()
    with _lock:
        _buffer.append((query, timezone.localdate().isoformat(), int(total)))
        if _first_at[0] is None:
            _first_at[0] = now
        if len(_buffer) < BATCH_SIZE and now - _first_at[0] < MAX_AGE:
            return
        rows = _take()
    _enqueue(rows)


def _take():
    rows = list(_buffer)
    _buffer.clear()
    _first_at[0] = None
    return rows


def flush():
    with _lock:
        rows = _take()
    if rows:
        _enqueue(rows)


def _enqueue(rows):
    try:
        flush_query_log_task.enqueue(rows)
    except Exception:  # statistics are never worth an error page
        pass


def write_rows(rows):
    """Add a batch of (query, ISO date, total) to the per-day counters."""
    grouped = {}
    for query, day, total in rows:
        hits, zero, _last = grouped.get((query, day), (0, 0, 0))
        grouped[(query, day)] = (hits + 1, zero + (1 if total == 0 else 0), total)
    with transaction.atomic():
        for (query, day), (hits, zero, last) in grouped.items():
            updated = SearchQueryStat.objects.filter(query=query, date=day).update(
                hits=F("hits") + hits, zero_hits=F("zero_hits") + zero, last_total=last
            )
            if not updated:
                SearchQueryStat.objects.create(
                    query=query, date=day, hits=hits, zero_hits=zero, last_total=last
                )
        cutoff = timezone.localdate() - datetime.timedelta(days=RETENTION_DAYS)
        SearchQueryStat.objects.filter(date__lt=cutoff).delete()
    return len(grouped)


@task()
def flush_query_log_task(rows):
    """The background half of ``flush`` (here rather than in search.tasks, which would
    import this module back)."""
    return write_rows(rows)


def _flush_at_exit():
    """Hand the last batch to the task queue when a worker process stops (with the
    immediate backend of development and tests the database may already be gone)."""
    try:
        if not isinstance(task_backends[flush_query_log_task.backend], ImmediateBackend):
            flush()
    except Exception:
        pass


atexit.register(_flush_at_exit)
