"""Serving a page without walking the tree one level at a time.

Wagtail's ``Page.route`` costs two queries per level of the URL (the child by slug, then
its specific object): six for a practice at /organisations/aprofem/murs/. ``route_in_one``
finds the whole chain at once by ``url_path`` (which Wagtail keeps equal to the slugs of
the ancestors) and fetches the page's specific object with what its template shows
(``route_select_related`` on the page class): two queries at any depth. It only answers
when every page on the way routes the default way; otherwise (a routable page, a missing
slug) it returns None and Wagtail's own walk decides, so the result is always the same.
A routable page (feeds beside a listing) on the way counts as routing the default way when
none of its own routes matches the rest of the URL, which is what Wagtail's walk would see.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from home.content_version import cached_by_key


def _routes_by_default(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model is not None and model.route is Page.route, model


def _routes_rest_by_default(content_type_id, rest):
    """True when the page passes ``rest`` (the slugs below it) on to its children."""
    routes_by_default, model = _routes_by_default(content_type_id)
    if routes_by_default:
        return True
    if model is None or not issubclass(model, RoutablePageMixin):
        return False
    if model.route is not RoutablePageMixin.route:
        return False
    try:
        model.get_resolver().resolve("/" + "/".join(rest) + "/")
    except Resolver404:
        return True
    return False


def _find_chain(root, prefixes):
    chain = list(
        Page.objects.filter(
            path__startswith=root.path, depth__gt=root.depth, url_path__in=prefixes
        ).order_by("depth")
    )
    if len(chain) != len(prefixes) or any(
        page.depth != root.depth + i + 1 or page.url_path != prefixes[i]
        for i, page in enumerate(chain)
    ):
        return None
    return chain


def _chain(root, prefixes, request=None):
    """The pages from below ``root`` down to the last prefix, or None. An address that
    exists is read once per content change (a publication, move or unpublication draws a
    new version); one that does not is looked up each time (nothing kept for it, so made-up
    addresses cannot fill the cache)."""
    if getattr(request, "is_preview", False):
        return _find_chain(root, prefixes)

    def compute():
        chain = _find_chain(root, prefixes)
        if chain is None:
            raise _NoChain
        return chain

    try:
        return cached_by_key("route-chain", [root.pk, *prefixes], compute)
    except _NoChain:
        return None


class _NoChain(Exception):
    pass


def route_in_one(root, request, path_components):
    """The ``RouteResult`` for ``path_components`` below ``root``, or None to let Wagtail
    walk the tree. The ancestors found on the way are kept on the page as
    ``route_ancestors`` (from the site root, for the breadcrumbs)."""
    prefixes = [
        root.url_path + "".join(f"{slug}/" for slug in path_components[: i + 1])
        for i in range(len(path_components))
    ]
    chain = _chain(root, prefixes, request)
    if chain is None:
        return None
    for i, page in enumerate(chain[:-1]):
        if not _routes_rest_by_default(page.content_type_id, path_components[i + 1 :]):
            return None
    _default, model = _routes_by_default(chain[-1].content_type_id)
    if model is None:
        return None
    queryset = model.objects.all()
    related = getattr(model, "route_select_related", ())
    if related:
        queryset = queryset.select_related(*related)
    page = queryset.get(pk=chain[-1].pk)
    page.route_ancestors = [root, *chain[:-1]]
    return page.route(request, [])
