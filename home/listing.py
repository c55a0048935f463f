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
from django.db.models import Q
from django.utils.translation import get_language, ngettext_lazy
from wagtail.models import Page

from . import registry
from .pagination import PAGE_PARAM, Pagination

PER_PAGE = 12

# Parameter names shared by every listing, so that links between pages agree.
PARAM_COMMUNITY = "communaute"
PARAM_THEME = "theme"
PARAM_TAG = "mot-cle"
PARAM_ORGANIZATION = "organisation"
PARAM_KIND = "type"
PARAM_LANGUAGE = "langue"
PARAM_CONTENT_TYPE = "contenu"

COUNT_RESULTS = ngettext_lazy("%(count)s résultat", "%(count)s résultats", "n")


def plural_number(count):
    """The number to give ngettext for our French source strings: French puts 0 and 1 in the
    singular, and without a French catalogue gettext would apply the English rule."""
    if (get_language() or "fr").startswith("fr"):
        return 1 if count <= 1 else count
    return count


def format_count(text, count):
    """``text`` is an ``ngettext_lazy(singular, plural, "n")`` with a ``%(count)s``."""
    return text % {"count": intcomma(count), "n": plural_number(count)}


def with_card_relations(queryset):
    """What a card shows, fetched in a constant number of queries."""
    names = {f.name for f in queryset.model._meta.get_fields()}
    if "organization" in names:
        queryset = queryset.select_related("organization")
    prefetch = [name for name in ("communities", "themes", "tags", "languages") if name in names]
    return queryset.prefetch_related(*prefetch) if prefetch else queryset


def carrying(lookups, models=None):
    """Live public pages of ``models`` (default: every classified type) matching ``lookups``
    (e.g. a theme), as one Page queryset, newest first. Types without the looked-up
    relation are left out."""
    condition = Q(pk__in=[])
    for model in registry.classified_models if models is None else models:
        names = {f.name for f in model._meta.get_fields()}
        if all(lookup.split("__")[0] in names for lookup in lookups):
            condition |= Q(pk__in=model.objects.filter(**lookups).values("pk"))
    return Page.objects.live().public().filter(condition).order_by("-first_published_at", "-pk")


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


class Listing:
    """A filtered, paginated queryset and everything its template needs."""

    def __init__(
        self,
        request,
        queryset,
        filterset_class,
        per_page=PER_PAGE,
        count_text=COUNT_RESULTS,
        prepare=None,
    ):
        self.request = request
        self.filterset = filterset_class(request.GET, queryset=queryset, request=request)
        self.filters = self.filterset.bound_filters
        self.paginator = Paginator(self.filterset.qs, per_page)
        self.pagination = Pagination.from_request(request, self.paginator, self.url)
        self.messages = self.filterset.messages + self.pagination.messages
        self.count = self.paginator.count
        self.count_text = format_count(count_text, self.count)
        self.page = self.pagination.page()
        items = list(self.page.object_list)
        self.items = prepare(items) if prepare else items

    @property
    def is_filtered(self):
        return self.filterset.is_filtered

    def query_pairs(self):
        return self.filterset.query_pairs()

    def url(self, page=None):
        """This listing's address with its valid filters, at ``page``."""
        pairs = self.query_pairs()
        if page and page > 1:
            pairs.append((PAGE_PARAM, page))
        return f"{self.request.path}?{urlencode(pairs)}" if pairs else self.request.path
