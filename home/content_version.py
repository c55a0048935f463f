"""What pages show, computed once per content change instead of once per request.

``content_version()`` is a number kept in the configured cache and bumped (``home.signals``)
whenever something a visitor sees may change: a page published, unpublished, moved or
deleted, a view restriction added or removed, a theme, tag, language or image edited.
``cached_by_content(name, compute)`` keeps ``compute()``'s result under that version, so
the first request after a change computes it again and the next ones read it.

With a local-memory cache (no ``REDIS_URL``), each gunicorn worker has its own copy of the
version, so the version also includes the last ids of Wagtail's action logs, read once per
request (two small queries): a publication made through another worker is seen at once.

This is the query-budget cache (issue 11): not the anonymous page cache. A cache outage
never breaks a page: the value is then computed for the request, as without a cache.
"""

import logging
import time

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_started
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import ModelLogEntry, PageLogEntry, PageViewRestriction

logger = logging.getLogger(__name__)

VERSION_KEY = "cdp:query-budget:content-version"
# Long enough to matter, short enough that a missed bump (cache outage during a publish)
# heals by itself.
TIMEOUT = 60 * 60


def content_version():
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            # A fresh cache starts from the clock, so it never reuses an old version's keys.
            version = time.time_ns()
            cache.add(VERSION_KEY, version, timeout=None)
            version = cache.get(VERSION_KEY, version)
    except Exception:  # noqa: BLE001 - any cache failure: compute without the cache
        logger.warning("content version unreadable (cache unavailable)", exc_info=True)
        return None
    if _process_local():
        return f"{version}-{_logged_changes()}"
    return version


def _process_local():
    """A local-memory cache is not shared by gunicorn's workers: a bump made by the worker
    that published is not seen by the others."""
    return isinstance(caches["default"], (LocMemCache, DummyCache))


_memo = {}
MEMO_SECONDS = 10.0  # outside requests; each request starts afresh


def forget_logged_changes(**kwargs):
    _memo.clear()


def _logged_changes():
    """With a process-local cache, what every worker can see: the last entries of Wagtail's
    action logs (publish, unpublish, move, delete, view restrictions, snippet, image and
    document edits), read once per request (``request_started`` clears the memo)."""
    now = time.monotonic()
    if _memo.get("at", -MEMO_SECONDS) + MEMO_SECONDS < now:
        pages = PageLogEntry.objects.aggregate(last=Max("pk"))["last"]
        models = ModelLogEntry.objects.aggregate(last=Max("pk"))["last"]
        _memo.update(value=f"{pages}.{models}", at=now)
    return _memo["value"]


request_started.connect(forget_logged_changes, dispatch_uid="home.content_version.memo")


def bump_content_version(**kwargs):
    """Signal receiver and plain function: what visitors see may have changed."""
    _memo.clear()
    try:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:  # noqa: BLE001
        logger.warning("content version not bumped (cache unavailable)", exc_info=True)


def cached_by_content(name, compute, *, per_language=True, per_day=False):
    """``compute()``'s result for the current content version (and language, and day)."""
    version = content_version()
    if version is None:
        return compute()
    parts = ["cdp:query-budget", name, str(version)]
    if per_language:
        parts.append(get_language() or "")
    if per_day:
        parts.append(timezone.localdate().isoformat())
    key = ":".join(parts)
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout=TIMEOUT)
        except Exception:  # noqa: BLE001
            logger.warning("%s not cached", name, exc_info=True)
    return value


def cached_for_page(page, request, name, compute, per_day=False):
    """``compute()`` for ``page`` once per content change and interface language (what it
    computes may hold addresses, /en/… under the English interface, and translated labels);
    always fresh for an editor's preview (the draft's own values)."""
    if getattr(request, "is_preview", False):
        return compute()
    return cached_by_content(f"{name}-{page.pk}", compute, per_day=per_day)


def view_restrictions():
    """``(page path, restriction id)`` of every view restriction (login, password, groups)."""
    return cached_by_content(
        "view-restrictions",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "pk")),
        per_language=False,
    )


def restricted_paths():
    """Tree paths of the pages with a view restriction: the pages at or below them are not
    public."""
    return sorted({path for path, _pk in view_restrictions()})


class CachedViewRestrictionsMixin:
    """``get_view_restrictions`` from the cached list: serving a page no longer costs two
    queries (its ancestors, then their restrictions) when nothing restricts it."""

    def get_view_restrictions(self):
        if self.alias_of_id:
            # An alias follows its source page's restrictions: Wagtail's own lookup.
            return super().get_view_restrictions()
        ids = [pk for path, pk in view_restrictions() if self.path.startswith(path)]
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


def public_q():
    """The condition Wagtail's ``.public()`` applies, from the cached restricted paths
    (one query per content change instead of one per ``.public()`` call)."""
    condition = Q()
    for path in restricted_paths():
        condition &= ~Q(path__startswith=path)
    return condition


def public(queryset):
    """``queryset.public()`` without its query on the view restrictions."""
    return queryset.filter(public_q())
