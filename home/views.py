import sys

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import InterfaceError, OperationalError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from taggit.models import Tag

from . import registry
from .content_version import cached_by_content, cached_by_key, public
from .feeds import serve_feed, site_feed_source, tag_feed_source, theme_feed_source
from .filters import carrying_filterset
from .listing import Listing, carrying, specific_items
from .models import Theme


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /recherche/",
        f"Sitemap: {settings.PUBLIC_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _type_counts(queryset):
    """(label, count) per page type, in registry order, for the summary above the list."""
    rows = dict(queryset.order_by().values_list("content_type").annotate(n=Count("pk")))
    counts = []
    for model in registry.classified_models:
        content_type = ContentType.objects.get_for_model(model)
        if rows.get(content_type.pk):
            counts.append((model._meta.verbose_name_plural.capitalize(), rows[content_type.pk]))
    return counts


def _carrying_listing(request, lookups, cache_key):
    queryset = carrying(lookups)
    filterset_class = carrying_filterset(tuple(registry.classified_models))
    listing = Listing(
        request, queryset, filterset_class, prepare=specific_items, cache_key=cache_key
    )
    # Per language: the labels are the types' translated names.
    counts = cached_by_key(
        "type-counts", cache_key, lambda: _type_counts(queryset), per_language=True
    )
    return listing, counts


@require_GET
def site_feed(request, kind="rss"):
    """Everything new: every classified page type."""
    return serve_feed(request, site_feed_source(request), kind)


# A theme's and a tag's pages: the model, the pages' relation to it, its feed.
TAXONOMIES = {
    "theme": (Theme, "themes", theme_feed_source),
    "tag": (Tag, "tags", tag_feed_source),
}


def _taxonomy_feed(request, taxonomy, slug, kind):
    model, _relation, feed_source = TAXONOMIES[taxonomy]
    item = get_object_or_404(model, slug=slug)
    return serve_feed(request, feed_source(request, item), kind)


@require_GET
def theme_feed(request, slug, kind="rss"):
    return _taxonomy_feed(request, "theme", slug, kind)


@require_GET
def tag_feed(request, slug, kind="rss"):
    return _taxonomy_feed(request, "tag", slug, kind)


def _theme_counts():
    counts = {}
    for model in registry.classified_models:
        if "themes" not in {f.name for f in model._meta.get_fields()}:
            continue
        rows = (
            public(model.objects.live())
            .filter(themes__isnull=False)
            .values_list("themes")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for theme_id, count in rows:
            counts[theme_id] = counts.get(theme_id, 0) + count
    return [(theme, counts.get(theme.pk, 0)) for theme in Theme.objects.order_by("name")]


@require_GET
def theme_list(request):
    themes = cached_by_content("theme-counts", _theme_counts, per_language=False)
    return render(
        request,
        "home/theme_list.html",
        {
            "themes": themes,
            "page_title": _("Thèmes"),
        },
    )


def _taxonomy_detail(request, taxonomy, slug):
    """A theme's or a tag's page: every public page carrying it, by type."""
    model, relation, feed_source = TAXONOMIES[taxonomy]
    item = get_object_or_404(model, slug=slug)
    listing, type_counts = _carrying_listing(request, {relation: item}, (taxonomy, item.pk))
    return render(
        request,
        f"home/{taxonomy}_detail.html",
        {
            taxonomy: item,
            "feeds": feed_source(request, item).alternates(),
            "listing": listing,
            "type_counts": type_counts,
            "page_title": item.name,
        },
    )


@require_GET
def theme_detail(request, slug):
    return _taxonomy_detail(request, "theme", slug)


@require_GET
def tag_detail(request, slug):
    return _taxonomy_detail(request, "tag", slug)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    """An address or request no view can read (see cdp_portal.middleware.MalformedUrlMiddleware)."""
    return render(request, "400.html", status=400)


# Seconds a visitor (or a crawler) is asked to wait while the database restarts.
RETRY_AFTER_SECONDS = 30


def _database_unavailable(exception):
    """True when ``exception`` (or what caused it) says the database cannot be reached."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, (OperationalError, InterfaceError)):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def service_unavailable(request):
    """The 503 page: its template touches neither the database nor the settings."""
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """Django's handler500, called while the exception is being handled: a database that
    is restarting or unreachable gets the 503 page, anything else the 500 page."""
    if _database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    return render(request, "500.html", status=500)
