"""Filtered, paginated listings driven by GET parameters, shared by every public listing.

A listing is a queryset, a few declarative ``Filter`` objects and a page size::

    listing = Listing(request, PracticePage.objects.live().public(),
                      filters=[community_filter(), theme_filter()], count_text=practice_count)

Rules every listing follows (tests/test_listings.py checks them):

- a filter is one GET parameter; values come from the database (``Filter.choices``);
  several values of one parameter (``?theme=a&theme=b``) mean "any of them", different
  filters combine with AND;
- empty values are ignored silently, unknown or malformed ones are ignored and reported in
  French (``listing.messages``), parameters that are no filter are ignored;
- page numbers: empty means 1; a page beyond the last shows the last page, anything that is
  not a positive number shows the first page; both with a message (never a 404 or a 500);
- pagination links and the filter form keep only the valid filter values.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

PER_PAGE = 12
PAGE_PARAM = "page"
MAX_SHOWN_VALUE = 40

# Parameter names shared by every listing, so that links between pages agree.
PARAM_COMMUNITY = "communaute"
PARAM_THEME = "theme"
PARAM_TAG = "mot-cle"
PARAM_ORGANIZATION = "organisation"
PARAM_KIND = "type"
PARAM_LANGUAGE = "langue"
PARAM_CONTENT_TYPE = "contenu"

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
# Beyond this many digits a page number is simply "too large" (and int() would refuse it).
_MAX_PAGE_DIGITS = 12


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


class Filter:
    """One GET parameter narrowing a queryset.

    ``choices`` is a callable returning ``(value, label)`` pairs (read from the database once
    per request); ``apply(queryset, values)`` returns the narrowed queryset.
    """

    def __init__(self, param, label, choices, apply, all_label=None):
        self.param = param
        self.label = label
        self._choices = choices
        self._apply = apply
        self.all_label = all_label or gettext_lazy("Tous")

    def get_choices(self):
        return [Choice(str(value), str(label)) for value, label in self._choices()]

    def apply(self, queryset, values):
        return self._apply(queryset, values)


def _has_field(model, lookup):
    return lookup.split("__")[0] in {f.name for f in model._meta.get_fields()}


def _narrow(queryset, lookups, models=None):
    """Filter through sub-queries on pks, so that many-to-many joins never duplicate rows.

    ``models``: for a mixed listing of several page types (a Page queryset), the types whose
    own tables carry the relation.
    """
    if not models:
        matching = queryset.model._base_manager.filter(**lookups).values("pk")
        return queryset.filter(pk__in=matching)
    condition = Q(pk__in=[])
    for model in models:
        if _has_field(model, next(iter(lookups))):
            condition |= Q(pk__in=model._base_manager.filter(**lookups).values("pk"))
    return queryset.filter(condition)


def relation_filter(param, label, choices, lookup, all_label=None, models=None):
    """A filter on a relation, matched by ``<lookup>__in`` (e.g. ``communities__slug``)."""
    return Filter(
        param,
        label,
        choices,
        lambda queryset, values: _narrow(queryset, {f"{lookup}__in": values}, models),
        all_label=all_label,
    )


def field_choice_filter(param, label, field_name, choices, all_label=None):
    """A filter on a field with fixed choices (``TextChoices.choices``)."""
    return Filter(
        param,
        label,
        lambda: choices,
        lambda queryset, values: queryset.filter(**{f"{field_name}__in": values}),
        all_label=all_label,
    )


def community_filter(lookup="communities__slug", models=None):
    from home.models import CommunityPage

    return relation_filter(
        PARAM_COMMUNITY,
        gettext_lazy("Communauté"),
        lambda: CommunityPage.objects.live().public().order_by("title")
        .values_list("slug", "title"),
        lookup,
        all_label=gettext_lazy("Toutes"),
        models=models,
    )


def theme_filter(lookup="themes__slug"):
    from home.models import Theme

    return relation_filter(
        PARAM_THEME,
        gettext_lazy("Thème"),
        lambda: Theme.objects.order_by("name").values_list("slug", "name"),
        lookup,
    )


def tag_filter(model):
    """Tags carried by live pages of ``model`` (one taggit vocabulary, one through model each)."""
    from taggit.models import Tag

    def choices():
        through = model.tags.through
        used = through.objects.filter(content_object__live=True).values("tag_id")
        return Tag.objects.filter(pk__in=used).order_by("name").values_list("slug", "name")

    return relation_filter(PARAM_TAG, gettext_lazy("Mot-clé"), choices, "tags__slug")


def organization_filter(model):
    """Organisations owning at least one visible page of ``model`` (``organization`` column)."""
    from home.models import OrganizationPage

    def choices():
        owners = (
            model.objects.live().public().filter(organization__isnull=False)
            .values("organization_id")
        )
        rows = OrganizationPage.objects.live().public().filter(pk__in=owners).order_by("title")
        return [
            (slug, acronym or title)
            for slug, acronym, title in rows.values_list("slug", "acronym", "title")
        ]

    return relation_filter(
        PARAM_ORGANIZATION,
        gettext_lazy("Organisation"),
        choices,
        "organization__slug",
        all_label=gettext_lazy("Toutes"),
    )


def content_type_filter(models):
    """Filter a mixed page listing by page type (theme, tag and community pages)."""
    by_name = {model._meta.model_name: model for model in models}

    def choices():
        return [
            (name, model._meta.verbose_name_plural.capitalize()) for name, model in by_name.items()
        ]

    def apply(queryset, values):
        types = ContentType.objects.get_for_models(*(by_name[v] for v in values)).values()
        return queryset.filter(content_type__in=list(types))

    return Filter(PARAM_CONTENT_TYPE, gettext_lazy("Type de contenu"), choices, apply)


def with_card_relations(queryset):
    """What a card shows, fetched in a constant number of queries."""
    names = {f.name for f in queryset.model._meta.get_fields()}
    if "organization" in names:
        queryset = queryset.select_related("organization")
    prefetch = [name for name in ("communities", "themes", "tags", "languages") if name in names]
    return queryset.prefetch_related(*prefetch) if prefetch else queryset


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


def plural_number(count):
    """The number to give ngettext for our French source strings: French puts 0 and 1 in the
    singular, and without a French catalogue gettext would apply the English rule."""
    if (get_language() or "fr").startswith("fr"):
        return 1 if count <= 1 else count
    return count


def count_results(count):
    return ngettext("%(count)s résultat", "%(count)s résultats", plural_number(count)) % {
        "count": intcomma(count)
    }


def _shown(value):
    return Truncator(value).chars(MAX_SHOWN_VALUE)


@dataclass
class BoundFilter:
    filter: Filter
    choices: list
    selected: list = field(default_factory=list)

    @property
    def param(self):
        return self.filter.param

    @property
    def label(self):
        return self.filter.label

    @property
    def all_label(self):
        return self.filter.all_label

    @property
    def selected_labels(self):
        labels = {choice.value: choice.label for choice in self.choices}
        return [labels[value] for value in self.selected]


class Listing:
    """A filtered, paginated queryset and everything its template needs."""

    def __init__(
        self,
        request,
        queryset,
        filters=(),
        per_page=PER_PAGE,
        count_text=count_results,
        prepare=None,
    ):
        self.request = request
        self.messages = []
        self.filters = []
        for filter_ in filters:
            bound = BoundFilter(filter_, filter_.get_choices())
            bound.selected = self._read_values(bound)
            if bound.selected:
                queryset = filter_.apply(queryset, bound.selected)
            self.filters.append(bound)

        self.paginator = Paginator(queryset, per_page)
        self.count = self.paginator.count
        self.count_text = count_text(self.count)
        self.page = self.paginator.page(self._read_page_number())
        items = list(self.page.object_list)
        self.items = prepare(items) if prepare else items

    # Reading the request -------------------------------------------------------------

    def _read_values(self, bound):
        known = {choice.value for choice in bound.choices}
        selected = []
        for raw in self.request.GET.getlist(bound.param):
            value = raw.strip()
            if not value or value in selected:
                continue
            if value in known:
                selected.append(value)
            else:
                self.messages.append(
                    _(
                        "« %(value)s » n'est pas une valeur connue du filtre « %(filter)s » : "
                        "ce critère est ignoré."
                    )
                    % {"value": _shown(value), "filter": bound.label}
                )
        return selected

    def _read_page_number(self):
        values = [v.strip() for v in self.request.GET.getlist(PAGE_PARAM) if v.strip()]
        if not values:
            return 1
        raw = values[0]
        digits = raw.lstrip("0")
        if not _DIGITS.fullmatch(raw) or not digits:
            self.messages.append(
                _("« %(value)s » n'est pas un numéro de page : voici la première page.")
                % {"value": _shown(raw)}
            )
            return 1
        last = self.paginator.num_pages
        if len(digits) > _MAX_PAGE_DIGITS or int(digits) > last:
            self.messages.append(
                ngettext(
                    "La page %(value)s n'existe pas : il n'y a qu'une seule page.",
                    "La page %(value)s n'existe pas : voici la dernière page (%(last)s).",
                    last,
                )
                % {"value": _shown(raw), "last": last}
            )
            return last
        return int(digits)

    # Building links ------------------------------------------------------------------

    @property
    def is_filtered(self):
        return any(bound.selected for bound in self.filters)

    def query_pairs(self):
        return [(bound.param, value) for bound in self.filters for value in bound.selected]

    def url(self, page=None):
        """This listing's address with its valid filters, at ``page``."""
        pairs = self.query_pairs()
        if page and page > 1:
            pairs.append((PAGE_PARAM, page))
        return f"{self.request.path}?{urlencode(pairs)}" if pairs else self.request.path

    def page_links(self):
        """(number or None for an ellipsis, url, is_current) for the pagination."""
        links = []
        for number in self.paginator.get_elided_page_range(
            self.page.number, on_each_side=1, on_ends=1
        ):
            if number == Paginator.ELLIPSIS:
                links.append((None, None, False))
            else:
                links.append((number, self.url(number), number == self.page.number))
        return links

    @property
    def previous_url(self):
        return self.url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self):
        return self.url(self.page.next_page_number()) if self.page.has_next() else None
