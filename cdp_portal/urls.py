from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cdp_portal.api import api_router
from home import views as home_views
from home.password_throttle import authenticate_with_password
from home.sitemaps import sitemap_index, sitemap_section, sitemap_taxonomy
from offline import views as offline_views
from practices.audio_views import voice_note_audio

# Outside the language prefix: the admin (its own language, the user's preference), the
# documents and voice notes (one address per file, its access checked by the page that uses
# it), the sitemaps and robots.txt (one each per site), the JavaScript catalogue.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Any text in both parts: the view answers « page introuvable » itself, rather than a
    # redirect to the same address with a slash for an id that is not a number.
    path("audio/<str:page_id>/<str:filename>", voice_note_audio, name="voice_note_audio"),
    # The JSON API: one address for every language, outside any language prefix.
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-pages.xml", sitemap_section, name="sitemap_section"),
    path("sitemap-taxonomy.xml", sitemap_taxonomy, name="sitemap_taxonomy"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Offline reading: the worker at the root (its scope is the whole site), one manifest.
    path("sw.js", offline_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline_views.manifest, name="web_manifest"),
]


def debug_media_urlpatterns():
    """Uploads served by the development server: image renditions only. Documents go through
    /documents/ (which checks who may see a page using them) and original images are never
    sent as uploaded (the proxy configuration in the README does the same)."""
    prefix = settings.MEDIA_URL.lstrip("/")
    return [
        re_path(rf"^{prefix}(?P<path>images/.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]


if settings.DEBUG:
    urlpatterns += debug_media_urlpatterns()

# The public site: French at the addresses it always had, English under /en/ (the language is
# in the address, no cookie; cdp_portal.i18n). Accept-Language never changes the language of
# an address without prefix (LocaleMiddleware with prefix_default_language=False).
urlpatterns += i18n_patterns(
    path("", include("accounts.urls")),
    # Wagtail's URL for the password of protected pages, throttled (before wagtail_urls, so
    # that /en/_util/… is throttled too).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include("home.urls")),
    path("", include("events.urls")),
    path("", include("practices.urls")),
    path("", include("search.urls")),
    path("", include("alerts.urls")),
    path("", include("offline.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "home.views.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
