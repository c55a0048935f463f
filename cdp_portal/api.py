"""The read-only JSON API at /api/v2/: Wagtail's API v2 (pages, images, documents) limited to
what any visitor without an account may see.

- Pages: live, with no view restriction on them or an ancestor (whatever the request carries:
  a signed-in member or a page password given in this session changes nothing here), of the
  site asked for. A page in moderation shows its published content, never the draft. Each
  page type declares its fields in ``api_fields`` next to its model (``home.api_fields``).
- Images and documents: only those such a page uses (``home.file_access``, the rule the
  document downloads follow). Images are sent as renditions, never the original upload.
- ``search`` is answered by the project's own search engine (``search.engines``, the one
  behind /recherche/), never by Wagtail's search backend; filters by community, theme and
  tag are the search page's facets.
- Anonymous only, rate-limited per client address (``API_RATE``, counted in the configured
  cache: while it is down nothing is counted and the API keeps answering), cached by
  browsers and proxies (``API_MAX_AGE``) and by the anonymous page cache, open to every
  origin for reading (CORS).
- Bad input is a 400 (or 404) with a message, never an error page.
"""

import re
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.cache import patch_cache_control
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import AllowAny
from rest_framework.throttling import SimpleRateThrottle
from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from home.api_fields import FileSizeField
from home.content_version import public
from home.file_access import files_any_visitor_may_see
from search.analysis import clean_query
from search.engines import SearchRequest, get_engine
from search.facets import clean_filters
from search.records import searchable_models, spec_for

from .client_ip import client_ip

# Beyond these, a request is refused rather than handed to the database.
MAX_ID = 2**31 - 1
MAX_OFFSET = 5_000
MAX_VALUE_LENGTH = 200
NUMBER = re.compile(r"-?[0-9]+")
# The search page's facets the API filters on, and the spec entries that hold them.
TAXONOMY = {"community": "communities", "theme": "themes", "tag": "tags"}
# Wagtail's page filters that cannot be combined with a search answered by the engine.
NOT_WITH_SEARCH = ("order", "child_of", "ancestor_of", "descendant_of", "translation_of", "locale")
IMAGE_RENDITION = "max-1200x1200"


class ApiRateThrottle(SimpleRateThrottle):
    """``API_RATE`` requests per client address (``cdp_portal.client_ip``)."""

    scope = "api"

    def get_rate(self):
        return settings.API_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


def check_input(request, kwargs):
    """Refuse what no endpoint can answer: NUL characters, overlong values, numbers beyond
    the database's ids, an offset too far."""
    for name, values in request.GET.lists():
        for value in [name, *values]:
            if "\x00" in value:
                raise BadRequestError("null characters are not allowed")
            if len(value) > MAX_VALUE_LENGTH:
                raise BadRequestError(f"{name}: value too long")
            if name != "search" and NUMBER.fullmatch(value) and abs(int(value)) > MAX_ID:
                raise BadRequestError(f"{name}: number too large")
    offset = request.GET.get("offset", "")
    if offset.isdigit() and int(offset) > MAX_OFFSET:
        raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
    if int(kwargs.get("pk", 0)) > MAX_ID:
        raise Http404("not found")


def limit_and_offset(request):
    """The window asked for, checked as Wagtail's pagination checks it."""
    limit_max = settings.WAGTAILAPI_LIMIT_MAX
    try:
        offset = int(request.GET.get("offset", 0))
        limit = int(request.GET.get("limit", min(20, limit_max)))
    except ValueError as error:
        raise BadRequestError("limit and offset must be positive integers") from error
    if offset < 0 or limit < 0:
        raise BadRequestError("limit and offset must be positive integers")
    if limit > limit_max:
        raise BadRequestError(f"limit cannot be higher than {limit_max}")
    return limit, offset


class ApiPagination(WagtailPagination):
    """Wagtail's ``limit``/``offset``; a search comes already paginated by the engine."""

    def paginate_queryset(self, queryset, request, view=None):
        found = getattr(view, "search_results", None)
        if found is None:
            return super().paginate_queryset(queryset, request, view)
        self.view = view
        self.total_count = found.total
        return found.pages


def taxonomy_filters(request):
    """``{facet: values}`` for community (page ids), theme (ids) and tag (slugs), validated
    as the search page validates them; a value it would drop is a 400 here."""
    cleaned = clean_filters(request.GET)
    filters = {}
    for facet in TAXONOMY:
        asked = [value for value in request.GET.getlist(facet) if value.strip()]
        if not asked:
            continue
        if len(cleaned.get(facet, ())) != len(set(value.strip() for value in asked)):
            raise BadRequestError(f"{facet}: malformed value")
        filters[facet] = cleaned[facet]
    return filters


def taxonomy_condition(facet, values):
    """Pages carrying one of ``values`` for ``facet``, as each searchable page type declares
    it in its ``search_spec`` (the same relations the search index reads)."""
    condition = Q(pk__in=[])
    for model, spec in searchable_models():
        for path in getattr(spec, TAXONOMY[facet]):
            lookup = path.replace(".", "__") + "__in"
            condition |= Q(pk__in=model.objects.filter(**{lookup: values}).values("pk"))
        if spec.is_facet == TAXONOMY[facet]:
            condition |= Q(pk__in=model.objects.filter(pk__in=values).values("pk"))
    return condition


class TaxonomyFilter(BaseFilterBackend):
    """``?community=<page id>``, ``?theme=<id>``, ``?tag=<slug>`` (repeat one for « or »)."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            return queryset  # the engine applies them
        for facet, values in taxonomy_filters(request).items():
            queryset = queryset.filter(taxonomy_condition(facet, values))
        return queryset


def search_types(request):
    """The search index's types for ``?type=`` (None: every type)."""
    if "type" not in request.GET:
        return None
    try:
        models = page_models_from_string(request.GET["type"])
    except (LookupError, ValueError) as error:
        raise BadRequestError("type doesn't exist") from error
    return tuple(spec_for(model).type for model in models if spec_for(model))


class EngineSearchFilter(BaseFilterBackend):
    """``?search=`` answered by the site's search engine, ranked as on /recherche/ (French
    stemming, accents, glossary, document texts). Only the pages the engine indexes (live,
    public, of a searchable type) can be found; the engine paginates, so ``order`` and the
    tree filters cannot be combined with it."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        combined = [name for name in NOT_WITH_SEARCH if name in request.GET]
        combined += [name for name in request.GET if name in view.filterable_fields(queryset)]
        if combined:
            names = ", ".join(sorted(set(combined)))
            raise BadRequestError(f"search cannot be combined with: {names}")
        limit, offset = limit_and_offset(request)
        filters = dict(taxonomy_filters(request))
        types = search_types(request)
        if types is not None:
            if not types:
                view.search_results = SimpleNamespace(pages=[], total=0)
                return queryset.none()
            filters["type"] = types
        query = clean_query(request.GET["search"])
        hits, total = engine_window(query, filters, limit, offset)
        by_id = queryset.filter(pk__in=hits).in_bulk()
        view.search_results = SimpleNamespace(
            pages=[by_id[pk] for pk in hits if pk in by_id], total=total
        )
        return queryset.filter(pk__in=hits)


def engine_window(query, filters, limit, offset):
    """Page ids of hits ``offset`` to ``offset + limit`` in rank order, and the total, from
    the engine's pages of ``limit`` hits (two of them when the offset falls inside one)."""
    engine = get_engine()
    size = max(limit, 1)
    first = offset // size + 1
    numbers = [first] if offset % size == 0 else [first, first + 1]
    hits, total = [], 0
    for number in numbers:
        response = engine.search(
            SearchRequest(query=query, filters=filters, page=number, per_page=size)
        )
        hits += [hit.page_id for hit in response.hits]
        total = response.total
    start = offset % size
    return hits[start : start + limit], total


def related_lookups(model, api_fields):
    """``select_related`` and ``prefetch_related`` lookups for the ``api_fields`` of
    ``model``: its foreign keys, its lists of related objects, the foreign keys of the
    inline rows it lists (an attachment's document) and what a serializer says it reads
    (its ``prefetch``, or the ``Prefetch`` its ``prefetch_for`` builds)."""
    select, prefetch = [], []
    for api_field in api_fields:
        name = api_field.name
        if hasattr(api_field.serializer, "prefetch_for"):
            # The serializer knows how to read its rows (practices.voice_notes).
            prefetch.append(api_field.serializer.prefetch_for(model, name))
            continue
        prefetch += [
            f"{name}__{lookup}" for lookup in getattr(api_field.serializer, "prefetch", ())
        ]
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.is_relation:
            continue
        if field.many_to_one:
            select.append(name)
            continue
        prefetch.append(name)
        child = field.related_model
        for child_name in getattr(child, "api_fields", ()):
            child_name = getattr(child_name, "name", child_name)
            try:
                child_field = child._meta.get_field(child_name)
            except FieldDoesNotExist:
                continue
            if child_field.many_to_one:
                prefetch.append(f"{name}__{child_name}")
    return select, prefetch


class PublicEndpointMixin:
    """What every endpoint shares: anonymous, throttled, checked input, CORS, caching."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ApiRateThrottle]
    pagination_class = ApiPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_input(request, kwargs)

    @classmethod
    def filterable_fields(cls, queryset):
        """The fields ``?name=value`` may filter or ``order`` sort on: the model's own
        columns and foreign keys among its API fields (not lists of related objects)."""
        names = set()
        for name in cls.get_available_fields(queryset.model, db_fields_only=True):
            field = queryset.model._meta.get_field(name)
            if field.concrete and (not field.is_relation or field.many_to_one):
                names.add(name)
        return names - {"locale"}

    def check_query_parameters(self, queryset):
        allowed = self.filterable_fields(queryset) | self.known_query_parameters
        unknown = set(self.request.GET) - allowed
        if unknown:
            names = ", ".join(sorted(unknown))
            raise BadRequestError(
                f"query parameter is not an operation or a recognised field: {names}"
            )
        order = self.request.GET.get("order", "")
        if order and order != "random":
            fields = {name.lstrip("-") for name in order.split(",")}
            refused = fields - self.filterable_fields(queryset)
            if refused:
                raise BadRequestError(f"cannot order by: {', '.join(sorted(refused))}")

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except (ValueError, ValidationError) as error:
            raise BadRequestError("invalid filter value") from error

    def find_object(self, queryset, request):
        if "id" in request.GET and not request.GET["id"].isdigit():
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)

    def get_renderer_context(self):
        """Compact JSON (Wagtail indents it): the bytes count on a phone's connection."""
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        if "search" in request.GET:
            # The words typed stay out of shared caches, as on the search page.
            patch_cache_control(response, private=True, no_store=True)
        elif response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_MAX_AGE)
        return response


class PagesEndpoint(PublicEndpointMixin, PagesAPIViewSet):
    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        TaxonomyFilter,
        EngineSearchFilter,  # last: it paginates
    ]
    # No ?site= (one site per deployment) and no ?search_operator= (Wagtail's backend).
    known_query_parameters = (
        PagesAPIViewSet.known_query_parameters - {"site", "search_operator"}
    ) | set(TAXONOMY)
    # No alias_of: an alias would name a page that may not be public.
    meta_fields = [name for name in PagesAPIViewSet.meta_fields if name != "alias_of"]

    def get_queryset(self):
        """With what the listed fields read fetched in a few queries, whatever the count."""
        queryset = super().get_queryset().select_related("locale")
        if queryset.model is Page:
            return queryset
        select, prefetch = related_lookups(queryset.model, self.get_body_fields(queryset.model))
        return queryset.select_related(*select).prefetch_related(*prefetch)

    def get_base_queryset(self):
        """Live, unrestricted pages of the request's site (and its translations)."""
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        roots = Q(path__startswith=site.root_page.path)
        for translation in site.root_page.get_translations():
            roots |= Q(path__startswith=translation.path)
        return public(Page.objects.live()).filter(roots)


class PublicFilesMixin(PublicEndpointMixin):
    """Images or documents that a public page uses; no search (the engine finds the pages
    that hold them), no tags."""

    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters - {"search", "search_operator"}

    def get_queryset(self):
        return self.model.objects.filter(pk__in=files_any_visitor_may_see(self.model)).order_by(
            "id"
        )

    def check_query_parameters(self, queryset):
        if "search" in self.request.GET:
            raise BadRequestError("search is available on pages only (/api/v2/pages/?search=)")
        super().check_query_parameters(queryset)


class ImagesEndpoint(PublicFilesMixin, ImagesAPIViewSet):
    rendition = APIField("rendition", serializer=ImageRenditionField(IMAGE_RENDITION, source="*"))
    body_fields = BaseAPIViewSet.body_fields + ["title", "width", "height", rendition]
    meta_fields = BaseAPIViewSet.meta_fields
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["title", "rendition"]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["title", "rendition"]

    def get_queryset(self):
        return super().get_queryset().prefetch_renditions(IMAGE_RENDITION)


class DocumentsEndpoint(PublicFilesMixin, DocumentsAPIViewSet):
    body_fields = BaseAPIViewSet.body_fields + [
        "title",
        "file_extension",
        APIField("file_size", serializer=FileSizeField(source="*")),
    ]
    meta_fields = BaseAPIViewSet.meta_fields + ["download_url"]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "title",
        "file_extension",
        "file_size",
        "download_url",
    ]
    nested_default_fields = listing_default_fields


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
