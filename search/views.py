"""The public search page (/recherche/) and its autocomplete endpoint."""

import logging
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from cdp_portal.i18n import in_interface_language
from home.pagination import Pagination, count_only
from home.views import RETRY_AFTER_SECONDS
from practices.models import ToolIndexPage

from . import query_log
from .analysis import clean_query
from .engines import SORT_DATE, SORT_RELEVANCE, SearchRequest, get_engine
from .engines.base import FACETS, MAX_PAGE
from .facets import FACET_LABELS, TYPE_LABELS, clean_filters, facet_labels
from .models import SearchFacet

logger = logging.getLogger(__name__)

PER_PAGE = 20
POPULAR_TAGS_KEY = "search:popular-tags"


def _first(params, name):
    values = params.getlist(name)
    return values[0] if values else ""


def parse_page(raw):
    try:
        page = int(str(raw).strip()[:6])
    except (TypeError, ValueError):
        return 1
    return max(1, min(page, MAX_PAGE))


def _url(query, sort, filters, **changes):
    params = [("q", query)] if query else []
    if sort == SORT_DATE:
        params.append(("sort", SORT_DATE))
    for facet in FACETS:
        params.extend((facet, value) for value in filters.get(facet, ()))
    page = changes.get("page")
    if page and page > 1:
        params.append(("page", page))
    return "?" + urlencode(params) if params else "?"


def _pagination(query, sort, filters, page, total):
    """The site's one pagination (home/pagination.py) over ``total`` results; ``page`` may
    lie beyond the last page (the template then says so and links to the last one)."""
    return Pagination(
        Paginator(count_only(total), PER_PAGE),
        page,
        lambda number: _url(query, sort, filters, page=number),
        on_each_side=2,
    )


def popular_tags(limit=12):
    """The most used tags in the index (cached ten minutes), for the zero-result page."""
    tags = cache.get(POPULAR_TAGS_KEY)
    if tags is None:
        rows = list(
            SearchFacet.objects.filter(facet="tag")
            .values("value")
            .annotate(count=Count("entry_id"))
            .order_by("-count", "value")[:limit]
        )
        labels = facet_labels("tag", [row["value"] for row in rows])
        tags = [
            {
                "slug": row["value"],
                "name": labels.get(row["value"], row["value"]),
                "count": row["count"],
            }
            for row in rows
        ]
        cache.set(POPULAR_TAGS_KEY, tags, 600)
    return tags


def tool_index_url():
    page = ToolIndexPage.objects.live().first()
    return page.url if page else None


def promoted_results(query):
    """Editors' picks for this exact query (wagtail.contrib.search_promotions)."""
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    visible = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[pick.page_id for pick in picks if pick.page_id])
        .values_list("pk", flat=True)
    )
    results = []
    for pick in picks:
        if pick.page_id:
            if pick.page_id not in visible:  # draft, or login/password-restricted
                continue
            results.append(
                {
                    "title": pick.page.title,
                    "url": in_interface_language(pick.page.url),
                    "description": pick.description,
                }
            )
        elif pick.external_link_url:
            results.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return results


@require_GET
def search(request):
    try:
        return _search(request)
    except DatabaseError:
        # The page itself needs the database (menus, facets, popular tags): never an error
        # page for that, the search form and a sentence saying to try again.
        logger.warning("Search page unavailable: the database did not answer", exc_info=True)
        query = clean_query(_first(request.GET, "q"))
        response = render(request, "search/unavailable.html", {"query": query}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def _search(request):
    query = clean_query(_first(request.GET, "q"))
    filters = clean_filters(request.GET)
    sort = SORT_DATE if _first(request.GET, "sort") == SORT_DATE else SORT_RELEVANCE
    page = parse_page(_first(request.GET, "page") or 1)

    context = {
        "query": query,
        "filters": filters,
        "active_filter_count": sum(len(values) for values in filters.values()),
        "sort": sort,
        "page_number": page,
        "facet_labels": FACET_LABELS,
        "response": None,
        "error": False,
    }
    if query or filters:
        try:
            response = get_engine().search(
                SearchRequest(query=query, filters=filters, sort=sort, page=page, per_page=PER_PAGE)
            )
        except Exception:  # the database itself failing: say so, never an error page
            logger.exception("Search failed for %r", query)
            response = None
            context["error"] = True
        if response is not None:
            for hit in response.hits:
                hit.type_label = TYPE_LABELS.get(hit.content_type, "")
                # Indexed with its French address: the interface language's.
                hit.url = in_interface_language(hit.url)
            context.update(
                response=response,
                facets=[
                    {
                        "key": key,
                        "label": FACET_LABELS[key],
                        "values": response.facets[key],
                        "open": key in filters or key == "type",
                    }
                    for key in FACETS
                    if response.facets.get(key)
                ],
                pagination=_pagination(query, sort, filters, page, response.total),
                first_index=(page - 1) * PER_PAGE + 1,
                out_of_range=response.total > 0 and not response.hits,
                sort_urls={
                    SORT_RELEVANCE: _url(query, SORT_RELEVANCE, filters),
                    SORT_DATE: _url(query, SORT_DATE, filters),
                },
                clear_filters_url=_url(query, sort, {}),
                suggestion_url=(
                    _url(response.suggestion, sort, filters) if response.suggestion else None
                ),
            )
            if page == 1 and query:
                context["promoted"] = promoted_results(query)
                query_log.record(query, response.total)
            if response.total == 0:
                context["popular_tags"] = popular_tags()
                context["tool_index_url"] = tool_index_url()
    else:
        context["popular_tags"] = popular_tags()
        context["tool_index_url"] = tool_index_url()
    context["title"] = _("Recherche : %(query)s") % {"query": query} if query else _("Recherche")
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    """Titles starting with what the visitor types (JSON, same origin)."""
    query = clean_query(_first(request.GET, "q"), limit=60)
    suggestions = []
    if len(query) >= 2:
        try:
            suggestions = get_engine().autocomplete(query, limit=8)
        except DatabaseError:  # as for the page: no suggestions rather than an error
            logger.warning("Autocomplete unavailable: the database did not answer", exc_info=True)
    response = JsonResponse({"query": query, "suggestions": suggestions})
    patch_cache_control(response, max_age=60, public=True)
    return response
