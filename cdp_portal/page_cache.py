"""Whole pages for anonymous visitors, kept in the configured cache (Redis in production).

Django's own cache middleware was not enough here: it keys on the learned ``Vary`` headers, so
once the session is read every distinct cookie (a logged-in member's included) gets its own
entry, and its key prefix is fixed at start-up, so a publish cannot invalidate it. This one
serves and stores only for requests without a session (or any other personal cookie), stores
only plain 200 answers that used no CSRF token, set no cookie and wrote nothing to the session,
and puts a site-wide version in every key: any content change (see ``CONTENT_SIGNALS``) draws a
new version, and every page is rendered afresh once.

A cache outage costs nothing but speed: with Redis, the settings make every failed call a miss
(``IGNORE_EXCEPTIONS``), so the page is rendered as if the cache were empty.
"""

import functools
import hashlib
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date
from taggit.models import Tag
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "page-cache:version"
CACHEABLE_METHODS = ("GET", "HEAD")
# Never served from the cache, whoever asks: the admin, previews and downloads (their own
# permission checks), Wagtail's password form for protected pages.
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/_util/")
# Query parameters that carry what a visitor typed: their pages are neither kept here nor by
# shared caches (the words a survivor searched for must not sit in Redis or in a proxy), and
# free text would make the number of keys unbounded. Search stays fast without it.
PERSONAL_PARAMETERS = ("q",)
# Directives after which a response must not be shared.
UNSHAREABLE = ("private", "no-store", "no-cache")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_version(cache):
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(6), None)
        version = cache.get(VERSION_KEY)
    return version


def new_version():
    """Every page kept so far becomes unreachable (and expires by itself)."""
    page_cache().set(VERSION_KEY, secrets.token_hex(6), None)


def cache_key(request, version):
    # The host and scheme: one process may serve several sites; the language chosen by
    # LocaleMiddleware (cookie or Accept-Language), which must sit before this middleware.
    address = "|".join(
        (request.scheme, request.get_host(), request.LANGUAGE_CODE, request.get_full_path())
    )
    digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
    return f"page-cache:{version}:{digest}"


def neutral_cookies():
    """Cookies that say nothing about who the visitor is (the page does not depend on them)."""
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def anonymous(request):
    """No session, no other personal cookie, not authenticated."""
    return not (set(request.COOKIES) - neutral_cookies()) and not request.user.is_authenticated


def may_use_cache(request):
    return (
        request.method in CACHEABLE_METHODS
        # Wagtail's previews and moderation views render a draft through a dummy request
        # to the page's own address, without cookies: never the kept live page.
        and not getattr(request, "is_dummy", False)
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and not any(name in request.GET for name in PERSONAL_PARAMETERS)
        and anonymous(request)
    )


def storable(request, response):
    """A plain public answer, the same for every anonymous visitor."""
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The page holds a CSRF token (a form): the CSRF middleware, after this one, will
        # set its cookie. A view decorated with csrf_protect set it already (cookies above).
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "is_preview", False)
        and not request.session.modified
        and not len(messages.get_messages(request))
        and not any(word in response.get("Cache-Control", "") for word in UNSHAREABLE)
    )


class PageCacheMiddleware:
    """Serves anonymous visitors the page kept for their address and language, else renders
    it and keeps it for ``PAGE_CACHE_TIMEOUT`` seconds. Tells browsers and proxies how long
    they may keep it: ``public, max-age=PAGE_CACHE_MAX_AGE`` when the page is public, else
    ``private`` (``no-store`` for signed-in members).

    Sits after SessionMiddleware, LocaleMiddleware and AuthenticationMiddleware (it reads
    the session, the language and the user), and after the middleware that add security
    headers and the ETag (ConditionalGetMiddleware), so that a kept page gets them fresh.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        if not may_use_cache(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                if anonymous(request):
                    patch_cache_control(response, private=True, no_cache=True)
                else:
                    patch_cache_control(response, private=True, no_store=True)
            return response

        cache = page_cache()
        key = cache_key(request, current_version(cache))
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            return HttpResponse(content, headers=headers)

        response = self.get_response(request)
        if storable(request, response):
            set_response_etag(response)
            response.headers.setdefault("Last-Modified", http_date())
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
            cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_TIMEOUT)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


# Invalidation ---------------------------------------------------------------------------------

# The apps whose models are content shown on pages (snippets, taxonomy, follow-up), besides
# the pages themselves and the Wagtail models below.
CONTENT_APPS = ("home", "practices", "events")
SHOWN_MODELS = (
    Page,
    PageViewRestriction,  # a page becoming private must leave the cache at once
    Site,
    Locale,
    Tag,
    BaseSiteSetting,
    BaseGenericSetting,
    AbstractImage,
    AbstractDocument,
)


@functools.cache
def shown_on_pages(model):
    return issubclass(model, SHOWN_MODELS) or model._meta.app_label in CONTENT_APPS


def on_content_change(sender, **kwargs):
    """A new version once the change is committed: drawn earlier, a request could render
    the old content under the new version while the transaction is still open."""
    if settings.PAGE_CACHE_ENABLED:
        transaction.on_commit(new_version)


def on_model_change(sender, raw=False, **kwargs):
    if not raw and shown_on_pages(sender):
        on_content_change(sender)


def connect_signals():
    """Called from ``home.apps.HomeConfig.ready``: publish, unpublish, move, and any save or
    deletion of a model shown on pages (page, privacy, snippet, setting, image, document)."""
    page_published.connect(on_content_change, dispatch_uid="page_cache.published")
    page_unpublished.connect(on_content_change, dispatch_uid="page_cache.unpublished")
    post_page_move.connect(on_content_change, dispatch_uid="page_cache.moved")
    post_save.connect(on_model_change, dispatch_uid="page_cache.post_save")
    post_delete.connect(on_model_change, dispatch_uid="page_cache.post_delete")
