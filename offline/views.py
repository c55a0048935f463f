"""The installable site (manifest, service worker), the « hors ligne » page, the packs."""

import json

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import packs
from .service_worker import worker_context

THEME_COLOR = "#6b1f5c"
BACKGROUND_COLOR = "#faf6f0"


@require_GET
def service_worker(request):
    """``/sw.js``: at the root, so that its scope is the whole site. Always checked again
    by the browser (``no-cache``), so that a deploy reaches every visitor."""
    body = render_to_string("offline/sw.js", worker_context())
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def manifest(request):
    """The web app manifest: installs the portal on a phone's home screen."""
    data = {
        "name": settings.WAGTAIL_SITE_NAME,
        "short_name": _("Portail CdP"),
        "description": _(
            "Pratiques, outils et comptes rendus des communautés de pratique pour les droits "
            "des femmes et des filles, régions de Ségou et de Kayes (Mali)."
        ),
        "lang": "fr",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "id": "/",
        "display": "standalone",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": static("img/app-icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("img/app-icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/app-icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/app-icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [
            {"name": _("Lecture hors ligne"), "url": reverse("offline_page")},
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/manifest+json; charset=utf-8",
    )
    response["Cache-Control"] = f"public, max-age={settings.PAGE_CACHE_MAX_AGE}"
    return response


@require_GET
def offline_page(request):
    """What this browser keeps for offline reading: listed by the page's script from the
    browser's own storage (the server knows nothing of it); without JavaScript, explains."""
    return render(request, "offline/offline_page.html", {"page_title": _("Lecture hors ligne")})


@require_GET
def pack_download(request, kind, slug):
    """The current pack of a community or theme. Only a pack built from exactly the public
    content of now is served: after any change, until it is rebuilt, there is none (404)."""
    pack = packs.current_pack(kind, slug)
    if pack is None or not pack.available:
        raise Http404
    response = FileResponse(
        default_storage.open(pack.name, "rb"),
        as_attachment=True,
        filename=pack.download_name,
        content_type="application/zip",
    )
    response["Cache-Control"] = f"public, max-age={settings.PAGE_CACHE_MAX_AGE}"
    return response
