"""The interface language, kept in the address: French at the addresses the site always had,
English under ``/en/`` (``i18n_patterns(..., prefix_default_language=False)`` in
cdp_portal.urls). No cookie, no banner, and the browser's Accept-Language never changes the
language of an address: a French address is French for everyone, so a shared cache may keep
it and a link sent to someone shows them what the sender saw.

The content is written in French only (one Wagtail locale). Under ``/en/`` the same French
pages are served with the English interface: every link to a page stays in the interface
language (:class:`InterfaceLanguageUrlMixin` on every page type; :func:`in_interface_language`
for URLs kept as text or read from plain ``Page`` objects), and the templates mark the French
content with ``lang="fr"`` (``{% content_lang %}`` in home.templatetags.portal_tags).
"""

import functools
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_of_path(path):
    """The language an address is served in: its prefix, else the default (French)."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def path_in_language(path, language):
    """``path`` (with its query string, if any) as served in ``language``; unchanged when
    it is not an address of the public site (the admin, the documents, an unknown one).
    Already in ``language`` (every link of a French page): returned as it is, without
    ``translate_url``'s resolve and reverse (half a millisecond per link)."""
    current = language_of_path(urlsplit(path).path)
    if current == language:
        return path
    return _translated(path, current, language)


@functools.lru_cache(maxsize=2048)
def _translated(path, current, language):
    """``translate_url`` (a resolve and a reverse, about 0.5 ms) once per address and
    language in each process: the language switch and the ``hreflang`` alternates ask it
    twice per request for the same address."""
    with translation.override(current):
        return translate_url(path, language)


@receiver(setting_changed)
def _forget_translated(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _translated.cache_clear()


def url_in_language(url, language):
    """The same for a full URL (scheme and host kept)."""
    parts = urlsplit(url)
    path = path_in_language(urlunsplit(("", "", parts.path, parts.query, "")), language)
    path_parts = urlsplit(path)
    return urlunsplit((parts.scheme, parts.netloc, path_parts.path, path_parts.query, ""))


def in_interface_language(url):
    """A URL of the public site (a path or a full URL, as a page's ``url`` or a search hit
    stored in French gives it) as served in the active interface language."""
    language = translation.get_language()
    if not url or language not in language_codes():
        return url
    if urlsplit(url).netloc:
        return url_in_language(url, language)
    return path_in_language(url, language)


class InterfaceLanguageUrlMixin:
    """A page's URL in the interface language being used: ``/en/pratiques/…`` while an
    English visitor browses, ``/pratiques/…`` otherwise. Wagtail itself reverses a page's URL
    in the page's own locale (French), which would send an English visitor back to the French
    interface at the first click. A page whose own locale is the interface language keeps
    Wagtail's URL (translated trees, if the site ever has them)."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if not parts or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, in_interface_language(page_path)


class PathLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, whose language here comes from the address alone
    (``prefix_default_language=False``: an address without prefix is French whatever the
    browser asks). It would still mark those answers ``Vary: Accept-Language``; they do not
    vary, so the header is dropped and shared caches keep one copy per address."""

    def process_response(self, request, response):
        vary = response.get("Vary")
        response = super().process_response(request, response)
        if vary is None:
            if response.has_header("Vary"):
                del response.headers["Vary"]
        else:
            response.headers["Vary"] = vary
        return response
