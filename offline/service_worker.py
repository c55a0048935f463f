"""What the service worker (``/sw.js``) is made of: the files it keeps at install, the
addresses it must never keep, and its version.

The version is a digest of the worker's own template and of every file it keeps at install
(their addresses, which carry the content hash in production, and their bytes): a deploy that
changes a stylesheet, a script, an icon or the worker itself gives a new ``/sw.js``, which the
browser installs beside the old one; the visitor is offered « Nouvelle version disponible »
and the old caches are deleted when the new worker takes over.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from cdp_portal.i18n import language_codes
from cdp_portal.page_cache import EXCLUDED_PREFIXES, PERSONAL_PARAMETERS

TEMPLATE = "offline/sw.js"
# Kept at install: what every page needs to be read offline.
PRECACHED_STATIC = (
    "css/portal.css",
    "css/sheet.css",
    "js/quick-exit.js",
    "js/offline.js",
    "js/offline-keep.js",
    "img/favicon.svg",
    "img/app-icon.svg",
    "img/app-icon-192.png",
)
# Names of URL patterns whose answers depend on what the visitor typed or who they are:
# never kept, even when public (search words must not sit on a shared phone either).
PERSONAL_ROUTES = ("search", "search_autocomplete", "propose_practice", "propose_tool")
# Images of the pages kept (Wagtail's renditions): at most this many, the oldest dropped.
MAX_IMAGES = 150


def static_urls():
    return [static(name) for name in PRECACHED_STATIC]


def offline_urls():
    """The « hors ligne » page in every language (the worker shows it when a page is missing)."""
    urls = {}
    for code in language_codes():
        with translation.override(code):
            urls[code] = reverse("offline_page")
    return urls


def never_kept_prefixes():
    prefixes = set(EXCLUDED_PREFIXES) | {"/api/", "/sw.js"}
    for code in language_codes():
        with translation.override(code):
            for name in PERSONAL_ROUTES:
                prefixes.add(reverse(name))
            prefixes.add(reverse("password_reset_complete").rsplit("/", 2)[0] + "/")
    return sorted(prefixes)


def images_prefix():
    """Where Wagtail's renditions are served (the images pages show)."""
    return settings.MEDIA_URL.rstrip("/") + "/images/"


@cache
def worker_version():
    """Digest of the worker's template and of the files it keeps (once per process: a
    deploy restarts the processes)."""
    digest = hashlib.sha256()
    template = get_template(TEMPLATE)
    digest.update(Path(template.origin.name).read_bytes())
    for name in PRECACHED_STATIC:
        digest.update(static(name).encode())
        found = finders.find(name)
        if found:
            digest.update(Path(found).read_bytes())
    digest.update(settings.STATIC_URL.encode())
    return digest.hexdigest()[:16]


def worker_context():
    return {
        "version": worker_version(),
        "static_url": settings.STATIC_URL,
        "precache": json.dumps(static_urls()),
        "offline_urls": json.dumps(offline_urls()),
        "never_kept": json.dumps(never_kept_prefixes()),
        "personal_parameters": json.dumps(list(PERSONAL_PARAMETERS)),
        "max_images": MAX_IMAGES,
        "images_prefix": images_prefix(),
    }
