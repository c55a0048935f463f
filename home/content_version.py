"""The content version: one number for "what visitors see", and what is kept under it.

``content_version()`` is a number kept in the configured cache (Redis in production) and
drawn again (``bump_content_version``) whenever something a visitor sees may change: a page
published, unpublished, moved or deleted, a view restriction added or removed, a snippet, a
setting, a site, a theme, a tag, an image or a document saved or deleted (``home.signals``
connects them). Two things are kept under it:

- values a page shows (sections, menus, key figures, a detail page's lists):
  ``cached_by_content(name, compute)`` keeps ``compute()``'s result under the version, so
  the first request after a change computes it again and the next ones read it;
- whole pages for anonymous visitors (``cdp_portal.page_cache``), which carry the version
  they were kept under and count only while it is current.

The version is drawn at once (so the request that published, and tests, see the change) and
again when the transaction commits (so that a request rendering the old content while the
transaction was open cannot keep it under the new version).

With a local-memory cache (no ``REDIS_URL``), each gunicorn worker has its own copy of the
version, so ``content_version()`` also includes the last ids of Wagtail's action logs, read
once per request (two small queries): a publication made through another worker is seen at
once. The page cache is off by default in that case (``PAGE_CACHE_ENABLED``).

A cache outage never breaks a page: the value is then computed for the request, as without a
cache.
"""

import hashlib
import logging
import time

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_started
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import ModelLogEntry, PageLogEntry, PageViewRestriction

logger = logging.getLogger(__name__)

VERSION_KEY = "cdp:content-version"
# Long enough to matter, short enough that a missed bump (cache outage during a publish)
# heals by itself.
TIMEOUT = 60 * 60


def new_version():
    # The clock: a fresh or flushed cache never reuses an old version's keys.
    return time.time_ns()


def shared_version(found=None):
    """The version in the shared cache (drawn if the cache has none), or None if the cache
    cannot be read. ``found``: the value already read with other keys (``get_many``)."""
    if found is not None:
        return found
    now = time.monotonic()
    if _memo.get("version_at", -MEMO_SECONDS) + MEMO_SECONDS >= now:
        # Read once per request (a page asks for it once per kept value or fragment).
        return _memo["version"]
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = new_version()
            cache.add(VERSION_KEY, version, timeout=None)
            version = cache.get(VERSION_KEY, version)
    except Exception:  # noqa: BLE001 - any cache failure: compute without the cache
        logger.warning("content version unreadable (cache unavailable)", exc_info=True)
        return None
    _memo.update(version=version, version_at=now)
    return version


def content_version():
    """The version values are kept under (see the module for the local-memory case)."""
    version = shared_version()
    if version is not None and _process_local():
        return f"{version}-{_logged_changes()}"
    return version


def _process_local():
    """A local-memory cache is not shared by gunicorn's workers: a bump made by the worker
    that published is not seen by the others."""
    return isinstance(caches["default"], (LocMemCache, DummyCache))


# The shared version and the logged changes, read once per request: ``request_started``
# clears them, and so does a bump (``_draw``).
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


def _draw():
    _memo.clear()
    try:
        cache.set(VERSION_KEY, new_version(), timeout=None)
    except Exception:  # noqa: BLE001
        logger.warning("content version not bumped (cache unavailable)", exc_info=True)


def bump_content_version(**kwargs):
    """Signal receiver and plain function: what visitors see may have changed. Drawn now,
    and again once the transaction commits (at once outside a transaction)."""
    _draw()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_draw)


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


def cached_by_key(name, parts, compute, *, per_language=False, per_day=False):
    """``compute()`` once per content change for the same ``parts`` (strings, numbers, pairs
    that say what is computed: a listing's page, its valid filters, its page number)."""
    text = repr(tuple(parts))
    digest = hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
    return cached_by_content(
        f"{name}-{digest}", compute, per_language=per_language, per_day=per_day
    )


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
