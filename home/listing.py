"""A public listing: a queryset narrowed by its FilterSet, counted, paginated, ready for cards.

    listing = Listing(request, queryset, PracticeFilterSet, count_text=page.count_text)

Where to change what:

- a filter: the model's FilterSet (``home/filters.py``, ``practices/filters.py``,
  ``events/filters.py``); the admin uses the same FilterSet;
- a count text: the index page's ``count_text`` (``ngettext_lazy`` with the ``"n"`` key,
  see ``home.models.ListingIndexPage``);
- the pagination: ``home/pagination.py`` and ``templates/includes/pagination.html``.

Rules every listing follows (tests/test_listings.py and tests/test_bad_input_pages.py):
filters combine with AND, several values of one filter mean "any of them", unknown values are
ignored with a French message, the count and the pagination links keep only the valid filters.
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import ngettext_lazy
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page

from . import registry
from .content_version import cached_by_key, public
from .pagination import PAGE_PARAM, Pagination

# Newest first; a page with no publication date (written from an undated source, see
# demo.data.sources) comes after the dated ones on every database.
NEWEST_FIRST = (F("first_published_at").desc(nulls_last=True), "-pk")
PER_PAGE = 12

# The renditions of a card's picture ({% picture %} in templates/home/includes/page_card.html:
# keep the two in step).
CARD_IMAGE_SPECS = Filter.expand_spec("format-{avif,webp,jpeg} fill-{360x203,720x405}")

# Parameter names shared by every listing, so that links between pages agree.
PARAM_COMMUNITY = "communaute"
PARAM_THEME = "theme"
PARAM_TAG = "mot-cle"
PARAM_ORGANIZATION = "organisation"
PARAM_KIND = "type"
PARAM_LANGUAGE = "langue"
PARAM_CONTENT_TYPE = "contenu"
PARAM_COMMUNE = "commune"

COUNT_RESULTS = ngettext_lazy("%(count)s résultat", "%(count)s résultats", "n")


def format_count(text, count):
    """``text`` is an ``ngettext_lazy(singular, plural, "n")`` with a ``%(count)s``; the French
    catalogue (locale/fr, plural rule n > 1) gives « 0 résultat », « 2 résultats »."""
    return text % {"count": intcomma(count), "n": count}


def card_relations(model):
    """(the one-valued relations, the many-valued ones) a card of ``model`` shows."""
    names = {f.name for f in model._meta.get_fields()}
    one = [name for name in ("organization",) if name in names]
    many = [name for name in ("communities", "themes", "tags", "languages") if name in names]
    return one, many


def with_card_relations(queryset):
    """What a card shows, fetched in a constant number of queries."""
    one, many = card_relations(queryset.model)
    if one:
        queryset = queryset.select_related(*one)
    return queryset.prefetch_related(*many) if many else queryset


def carrying(lookups, models=None):
    """Live public pages of ``models`` (default: every classified type) matching ``lookups``
    (e.g. a theme), as one Page queryset, newest first. Types without the looked-up
    relation are left out."""
    condition = Q(pk__in=[])
    for model in registry.classified_models if models is None else models:
        names = {f.name for f in model._meta.get_fields()}
        if all(lookup.split("__")[0] in names for lookup in lookups):
            condition |= Q(pk__in=model.objects.filter(**lookups).values("pk"))
    return public(Page.objects.live()).filter(condition).order_by(*NEWEST_FIRST)


def specific_items(pages):
    """Specific instances of ``pages`` (in their order), each type fetched once with its card
    relations: a mixed listing costs a query or so per page type, not per item."""
    pages = list(pages)
    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    fetched = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        queryset = model.objects.filter(pk__in=pks)
        if hasattr(queryset, "defer_streamfields"):
            queryset = queryset.defer_streamfields()
        fetched.update({item.pk: item for item in with_card_relations(queryset)})
    return [fetched[page.pk] for page in pages if page.pk in fetched]


class Deferred:
    """A listing's queryset, built only when its objects or an uncounted total are read:
    a page of results kept whole (``Listing.results_key``) needs neither, and building a
    FilterSet's ``qs`` validates its form (a few thousand calls per request).

    Enough of a sequence for ``Paginator`` and ``Page``: ``count()``, ``len()``, slicing
    (deferred too), iteration. ``ordered``: what ``Paginator`` checks to warn about an
    unordered queryset; the listings' querysets are all ordered (``NEWEST_FIRST`` or their
    own ``order_by``)."""

    ordered = True

    def __init__(self, make, index=None):
        self._make = make
        self._index = index

    @cached_property
    def queryset(self):
        queryset = self._make()
        return queryset if self._index is None else queryset[self._index]

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return len(self.queryset)

    def __iter__(self):
        return iter(self.queryset)

    def __getitem__(self, index):
        if isinstance(index, slice) and self._index is None:
            return Deferred(self._make, index)
        return self.queryset[index]


class CountedOncePaginator(Paginator):
    """A Paginator whose ``COUNT(*)`` is read once per content change and day for the same
    ``key`` (a listing and its valid filters), not once per request."""

    def __init__(self, object_list, per_page, key=None):
        super().__init__(object_list, per_page)
        self.key = key

    @cached_property
    def count(self):
        count = Paginator.count.func
        if self.key is None:
            return count(self)
        return cached_by_key("listing-count", self.key, lambda: count(self), per_day=True)


def attach_card_images(items):
    """Set ``card_image`` on each item whose model names its picture field
    (``card_image_field``), the images fetched in one query with their card renditions.

    Missing renditions are made here: the items are often kept in the cache, and an image
    kept with an incomplete list of prefetched renditions would make Wagtail generate the
    missing ones again (AVIF and WebP encodings, about a second) on every request that reads
    it, until the next content change."""
    fields = {item.pk: getattr(type(item), "card_image_field", None) for item in items}
    ids = {getattr(item, f"{fields[item.pk]}_id", None) for item in items if fields[item.pk]} - {
        None
    }
    images = (
        {
            image.pk: image
            for image in get_image_model()
            .objects.filter(pk__in=ids)
            .prefetch_renditions(*CARD_IMAGE_SPECS)
        }
        if ids
        else {}
    )
    for image in images.values():
        image.get_renditions(*CARD_IMAGE_SPECS)
    for item in items:
        field = fields[item.pk]
        item.card_image = images.get(getattr(item, f"{field}_id", None)) if field else None
    return items


class FilterFormMixin:
    """What the shared filter form (tags/listing_filters.html) reads besides ``filters``
    (the ``filterset``'s bound filters): a listing's, the actor map's."""

    @property
    def is_filtered(self):
        return self.filterset.is_filtered

    @property
    def active_filter_count(self):
        """How many filter values are chosen (the « Filtrer » button says it on a phone)."""
        return sum(len(bound.selected) for bound in self.filters)


class Listing(FilterFormMixin):
    """A filtered, paginated queryset and everything its template needs."""

    def __init__(
        self,
        request,
        queryset,
        filterset_class,
        per_page=PER_PAGE,
        count_text=COUNT_RESULTS,
        prepare=None,
        cache_key=None,
    ):
        """``cache_key``: what identifies this listing's unfiltered queryset (an index page's
        id, a theme's slug): its filter choices, counts and cards are then read once per
        content change and day for the same filters and page. None: read every time."""
        self.request = request
        self.filterset = filterset_class(
            request.GET, queryset=queryset, request=request, cache_key=cache_key
        )
        self.filters = self.filterset.bound_filters
        key = None if cache_key is None else (cache_key, *self.filterset.query_pairs())
        self.paginator = CountedOncePaginator(
            Deferred(lambda: self.filterset.qs), per_page, key=key
        )
        self.pagination = Pagination.from_request(request, self.paginator, self.url)
        self.messages = self.filterset.messages + self.pagination.messages
        self.count = self.paginator.count
        self.count_text = format_count(count_text, self.count)
        self.page = self.pagination.page()
        self._key = key
        self._prepare = prepare

    @cached_property
    def items(self):
        """The cards of this page, with what they show: read only when shown (a kept
        ``results_key`` fragment does not need them)."""

        def read():
            items = list(self.page.object_list)
            return self._prepare(items) if self._prepare else items

        if self._key is None:
            return read()
        # The day too: cards may say whether a meeting is still to come.
        page = (self.paginator.per_page, self.page.number)
        return cached_by_key("listing-items", (*self._key, *page), read, per_day=True)

    @property
    def results_key(self):
        """What this page of results (cards and pagination) depends on besides the content
        version, language, host and day: the listing, its address, its *valid* filters and
        page number (unknown values are dropped and a wrong page number is brought back into
        range before this key is made, so made-up query strings cannot add cache entries).
        None for a listing without a ``cache_key``: rendered every time."""
        if self._key is None:
            return None
        return (*self._key, self.request.path, self.paginator.per_page, self.page.number)

    @property
    def queryset(self):
        """Every item of the listing with its valid filters (all pages)."""
        return self.filterset.qs

    def query_pairs(self):
        return self.filterset.query_pairs()

    @property
    def query_string(self):
        """The valid filters as a query string, for links that carry them elsewhere."""
        return urlencode(self.query_pairs())

    def url(self, page=None):
        """This listing's address with its valid filters, at ``page``."""
        pairs = self.query_pairs()
        if page and page > 1:
            pairs.append((PAGE_PARAM, page))
        return f"{self.request.path}?{urlencode(pairs)}" if pairs else self.request.path
