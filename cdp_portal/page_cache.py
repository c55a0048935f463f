"""Whole pages for anonymous visitors, kept in the configured cache (Redis in production).

Django's own cache middleware was not enough here: it keys on the learned ``Vary`` headers, so
once the session is read every distinct cookie (a logged-in member's included) gets its own
entry, and its key prefix is fixed at start-up, so a publish cannot invalidate it. This one
serves and stores only for requests without a session (or any other personal cookie), stores
only plain 200 answers that used no CSRF token, set no cookie and wrote nothing to the session,
and keeps the site's content version (``home.content_version``, the same one the cached
sections and menus follow) with every page: any content change (``home.signals``) draws a new
version, and every page is rendered afresh once.

A cache outage costs nothing but speed: with Redis, the settings make every failed call a miss
(``IGNORE_EXCEPTIONS``), so the page is rendered as if the cache were empty.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from cdp_portal.i18n import language_codes, language_of_path
from home.content_version import VERSION_KEY, shared_version

CACHEABLE_METHODS = ("GET", "HEAD")
# Never served from the cache, whoever asks: the admin, previews and downloads (their own
# permission checks), Wagtail's password form for protected pages (in every language).
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/audio/",
    "/_util/",
    *(f"/{code}/_util/" for code in language_codes()),
)
# Query parameters that carry what a visitor typed: their pages are neither kept here nor by
# shared caches (the words a survivor searched for must not sit in Redis or in a proxy), and
# free text would make the number of keys unbounded. Search stays fast without it.
PERSONAL_PARAMETERS = ("q", "search")  # "search": the JSON API's (cdp_portal.api)
# As GZipMiddleware reads the header.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Directives after which a response must not be shared.
UNSHAREABLE = ("private", "no-store", "no-cache")


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def cache_key(request, language):
    # The host and scheme (one process may serve several sites), the interface language (the
    # address's, as PathLanguageMiddleware will choose it: /en/… English, else French; the
    # path holds it already, the key says it anyway) and whether GZipMiddleware will
    # compress: a kept answer is the one sent.
    address = "|".join(
        (
            request.scheme,
            request.get_host(),
            language,
            "gzip" if accepts_gzip(request) else "",
            request.get_full_path(),
        )
    )
    digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
    return f"page-cache:{digest}"


def neutral_cookies():
    """Cookies that say nothing about who the visitor is (the page does not depend on them)."""
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def without_personal_cookies(request):
    """No session cookie, no messages cookie, nothing but the neutral ones."""
    return not (set(request.COOKIES) - neutral_cookies())


def signed_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def may_use_cache(request):
    return (
        request.method in CACHEABLE_METHODS
        # Wagtail's previews and moderation views render a draft through a dummy request
        # to the page's own address, without cookies: never the kept live page.
        and not getattr(request, "is_dummy", False)
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and not any(name in request.GET for name in PERSONAL_PARAMETERS)
        and without_personal_cookies(request)
    )


def shareable(request, response):
    """The same answer for every anonymous visitor: a plain 200, or the 304 that confirms
    one (a browser revalidating its copy merges the 304's headers into it, so the 304 must
    say ``public`` too). Any cookie set (the CSRF cookie of a page with a form, a session
    written, a message queued) keeps it out."""
    return (
        request.method == "GET"
        and response.status_code in (200, 304)
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "is_preview", False)
        and not signed_in(request)
        and not any(word in response.get("Cache-Control", "") for word in UNSHAREABLE)
    )


def storable(request, response):
    """What this cache keeps: a shareable 200."""
    return response.status_code == 200 and shareable(request, response)


def mark_public(response):
    """The signal every shared cache, and the service worker's offline copies, rely on."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)


def mark_private(request, response):
    if not response.has_header("Cache-Control"):
        if signed_in(request) or not without_personal_cookies(request):
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, private=True, no_cache=True)


class PageCacheMiddleware:
    """Serves anonymous visitors the answer kept for their address, language and encoding,
    else lets the site answer and keeps it for ``PAGE_CACHE_TIMEOUT`` seconds. Tells browsers
    and proxies how long they may keep it: ``public, max-age=PAGE_CACHE_MAX_AGE`` when the
    page is public, else ``private`` (``no-store`` for signed-in members).

    Sits right after SecurityMiddleware (its HTTPS redirect and headers apply to every
    answer) and WhiteNoise, before everything else: a kept answer already carries the
    headers, compression and ETag the other middleware gave it, and a hit costs none of
    them. It answers conditional requests (304) itself, as ConditionalGetMiddleware does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            # Nothing kept here, but browsers, proxies and the service worker (offline
            # reading, /sw.js) still learn which answers are public.
            response = self.get_response(request)
            if may_use_cache(request) and shareable(request, response):
                mark_public(response)
            else:
                mark_private(request, response)
            return response
        if not may_use_cache(request):
            response = self.get_response(request)
            mark_private(request, response)
            return response

        key = cache_key(request, language_of_path(request.path_info))
        # One round trip: the answer carries the content version it was kept under, and
        # counts only if that is still the current one.
        found = cache.get_many([VERSION_KEY, key])
        version = shared_version(found.get(VERSION_KEY))
        kept = found.get(key)
        if version is not None and kept is not None and kept[0] == version:
            _version, content, headers = kept
            response = HttpResponse(content, headers=headers)
            return get_conditional_response(
                request,
                etag=headers.get("ETag"),
                last_modified=parse_http_date_safe(headers.get("Last-Modified")),
                response=response,
            )

        response = self.get_response(request)
        if storable(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            response.headers.setdefault("Last-Modified", http_date())
            mark_public(response)
            if version is not None:  # None: the cache is down, nothing to keep it in
                kept = (version, response.content, dict(response.items()))
                cache.set(key, kept, settings.PAGE_CACHE_TIMEOUT)
        elif shareable(request, response):
            mark_public(response)
        else:
            mark_private(request, response)
        return response
