"""One filter layer for the public listings and the admin: django-filter FilterSets.

A model's filters are declared once, in a FilterSet of its app (``home/filters.py``,
``practices/filters.py``, ``events/filters.py``). The public listing (``home.listing.Listing``)
and the admin (a ``WagtailFilterSet`` subclass of the same FilterSet, see
``events/wagtail_hooks.py``) both use it. To add a filter, add one attribute to the model's
FilterSet::

    class ToolFilterSet(ListingFilterSet):
        community = community_filter()
        kind = field_choice_filter(PARAM_KIND, _("Type d'outil"), "kind", ToolKind.choices)

Every ``ListingFilter`` is one GET parameter (its ``param``, shared between listings so that
links agree) whose choices are read from the database once per request. Several values of one
parameter mean "any of them", different filters combine with AND, empty values are ignored
silently, unknown or malformed ones are ignored and reported in French (``messages``), and
parameters that are no filter are ignored.
"""

import functools
from collections import OrderedDict
from dataclasses import dataclass, field

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from .content_version import cached_by_key, public
from .listing import (
    PARAM_COMMUNE,
    PARAM_COMMUNITY,
    PARAM_CONTENT_TYPE,
    PARAM_KIND,
    PARAM_ORGANIZATION,
    PARAM_TAG,
    PARAM_THEME,
)
from .models import CommunityPage, OrganizationKind, OrganizationPage, Theme
from .pagination import shown
from .places import Gazetteer


class ListingFilter(django_filters.MultipleChoiceFilter):
    """One GET parameter ``param`` narrowing a queryset.

    ``choices(queryset)`` returns ``(value, label)`` pairs for the filterset's unfiltered
    queryset; the default filtering is ``<field_name>__in`` through a sub-query on pks (so that
    many-to-many joins never duplicate rows), or ``method(queryset, name, values)``.
    ``models``: for a mixed listing of several page types (a Page queryset), the types whose
    own tables carry the relation. ``content_labels``: the choices' labels are content
    written in French (community, theme, tag, organisation names), not interface text: the
    form marks them ``lang="fr"`` under the English interface.
    """

    def __init__(
        self,
        param,
        label,
        choices,
        field_name=None,
        *,
        all_label=None,
        models=None,
        method=None,
        content_labels=False,
    ):
        super().__init__(field_name=field_name, label=label, method=method)
        self.param = param
        self.choice_source = choices
        self.all_label = all_label or gettext_lazy("Tous")
        self.models = models
        self.content_labels = content_labels

    def filter(self, queryset, value):
        if not value:
            return queryset
        return narrow(queryset, {f"{self.field_name}__in": list(value)}, self.models)


def _has_field(model, lookup):
    return lookup.split("__")[0] in {f.name for f in model._meta.get_fields()}


def narrow(queryset, lookups, models=None):
    """``queryset`` filtered through sub-queries on pks (see ``ListingFilter``)."""
    if not models:
        matching = queryset.model._base_manager.filter(**lookups).values("pk")
        return queryset.filter(pk__in=matching)
    condition = Q(pk__in=[])
    for model in models:
        if _has_field(model, next(iter(lookups))):
            condition |= Q(pk__in=model._base_manager.filter(**lookups).values("pk"))
    return queryset.filter(condition)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass
class BoundFilter:
    """A filter with this request's choices and valid selection, for the filter form."""

    param: str
    label: str
    all_label: str
    choices: list
    selected: list = field(default_factory=list)
    content_labels: bool = False

    @property
    def selected_labels(self):
        labels = {choice.value: choice.label for choice in self.choices}
        return [labels[value] for value in self.selected]


class ListingFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``ListingFilter`` values are cleaned leniently (see the module)."""

    @classmethod
    def get_filters(cls):
        """Filters are keyed by their GET parameter (``mot-cle`` is no attribute name)."""
        return OrderedDict(
            (getattr(filter_, "param", None) or name, filter_)
            for name, filter_ in super().get_filters().items()
        )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, cache_key=None):
        """``cache_key``: see ``home.listing.Listing`` (None: choices read every time)."""
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.cache_key = cache_key
        self.messages = []
        self.bound_filters = []
        all_choices = self._all_choices()
        for param, filter_ in self.filters.items():
            if not isinstance(filter_, ListingFilter):
                continue
            choices = all_choices[param]
            filter_.extra["choices"] = [(choice.value, choice.label) for choice in choices]
            self.bound_filters.append(
                BoundFilter(
                    param,
                    filter_.label,
                    filter_.all_label,
                    choices,
                    content_labels=filter_.content_labels,
                )
            )
        if data is not None:
            self.data = self._clean(data)

    def _read_choices(self):
        return {
            param: [
                Choice(str(value), str(label))
                for value, label in filter_.choice_source(self.queryset)
            ]
            for param, filter_ in self.filters.items()
            if isinstance(filter_, ListingFilter)
        }

    def _all_choices(self):
        """Every filter's choices (a query each), read once per content change for the same
        listing (``cache_key``)."""
        if self.cache_key is None:
            return self._read_choices()
        name = f"{type(self).__module__}.{type(self).__qualname__}"
        return cached_by_key(
            "filter-choices", (self.cache_key, name), self._read_choices, per_language=True
        )

    def _clean(self, data):
        """The request's data with only the known values of each filter, once each."""
        if not hasattr(data, "getlist"):
            data = MultiValueDict(
                {k: v if isinstance(v, (list, tuple)) else [v] for k, v in data.items()}
            )
        cleaned = data.copy()
        for bound in self.bound_filters:
            known = {choice.value for choice in bound.choices}
            for raw in data.getlist(bound.param):
                value = raw.strip()
                if not value or value in bound.selected:
                    continue
                if value in known:
                    bound.selected.append(value)
                else:
                    self.messages.append(
                        _(
                            "« %(value)s » n'est pas une valeur connue du filtre « %(filter)s » : "
                            "ce critère est ignoré."
                        )
                        % {"value": shown(value), "filter": bound.label}
                    )
            cleaned.setlist(bound.param, bound.selected)
        return cleaned

    def filter_queryset(self, queryset, skip=()):
        """``skip``: parameters left out (the follow-up page counts per status that way)."""
        for name, value in self.form.cleaned_data.items():
            if name not in skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filtered(self, queryset, skip=()):
        """Another queryset narrowed by this request's valid selections (counts, exports)."""
        self.errors  # noqa: B018 - validates the form, as FilterSet.qs does
        return self.filter_queryset(queryset, skip=skip)

    def selected(self, param):
        return next((b.selected for b in self.bound_filters if b.param == param), [])

    @property
    def is_filtered(self):
        return any(bound.selected for bound in self.bound_filters)

    def query_pairs(self):
        """(param, value) of the valid selections, for links that keep the filters."""
        return [(bound.param, value) for bound in self.bound_filters for value in bound.selected]


# Filters shared by several listings ------------------------------------------------------


def _choices_of(queryset, value, label):
    return queryset.order_by(label).values_list(value, label)


def community_filter(field_name="communities__slug", models=None, method=None):
    return ListingFilter(
        PARAM_COMMUNITY,
        gettext_lazy("Communauté"),
        lambda queryset: _choices_of(public(CommunityPage.objects.live()), "slug", "title"),
        field_name,
        all_label=gettext_lazy("Toutes"),
        models=models,
        method=method,
        content_labels=True,
    )


def theme_filter(field_name="themes__slug"):
    return ListingFilter(
        PARAM_THEME,
        gettext_lazy("Thème"),
        lambda queryset: _choices_of(Theme.objects.all(), "slug", "name"),
        field_name,
        content_labels=True,
    )


def _used_tags(queryset):
    """Tags carried by live pages of the listed model (one taggit vocabulary, one through
    model each)."""
    through = queryset.model.tags.through
    used = through.objects.filter(content_object__live=True).values("tag_id")
    return _choices_of(Tag.objects.filter(pk__in=used), "slug", "name")


def tag_filter():
    return ListingFilter(
        PARAM_TAG, gettext_lazy("Mot-clé"), _used_tags, "tags__slug", content_labels=True
    )


def organization_choices(organizations):
    """(slug, acronym or title) of ``organizations``, by title."""
    rows = organizations.order_by("title").values_list("slug", "acronym", "title")
    return [(slug, acronym or title) for slug, acronym, title in rows]


def _owning_organizations(queryset):
    """Organisations owning at least one visible page of the listed model."""
    owners = public(queryset.model.objects.live().filter(organization__isnull=False)).values(
        "organization_id"
    )
    return organization_choices(public(OrganizationPage.objects.live()).filter(pk__in=owners))


def organization_filter(label=None, field_name="organization__slug", choices=_owning_organizations):
    return ListingFilter(
        PARAM_ORGANIZATION,
        label or gettext_lazy("Organisation"),
        choices,
        field_name,
        all_label=gettext_lazy("Toutes"),
        content_labels=True,
    )


def commune_filter(text_field, several=False):
    """The communes (``home.Place``) that ``text_field`` names: an organisation's commune,
    a practice's places (``several``: a list separated by commas). Choices: the communes
    named by a live public page of the listed model."""

    def texts(queryset):
        """Each different text once (a few hundred at 20 000 pages): the communes are
        found per text, not per page."""
        return queryset.order_by().values_list(text_field, flat=True).distinct()

    def choices(queryset):
        gazetteer = Gazetteer.load()
        rows = texts(public(queryset.model.objects.live()))
        used = {place.slug for text in rows for place in gazetteer.named_in(text, several)}
        return [(place.slug, place.name) for place in gazetteer.places if place.slug in used]

    def apply(queryset, name, values):
        gazetteer = Gazetteer.load()
        matching = [
            text
            for text in texts(queryset)
            if any(place.slug in values for place in gazetteer.named_in(text, several))
        ]
        return queryset.filter(**{f"{text_field}__in": matching})

    return ListingFilter(
        PARAM_COMMUNE,
        gettext_lazy("Commune"),
        choices,
        method=apply,
        all_label=gettext_lazy("Toutes"),
        content_labels=True,
    )


def field_choice_filter(param, label, field_name, choices, all_label=None):
    """A filter on a field with fixed choices (``TextChoices.choices``)."""
    return ListingFilter(
        param,
        label,
        lambda queryset: choices,
        method=lambda queryset, name, values: queryset.filter(**{f"{field_name}__in": values}),
        all_label=all_label,
    )


def content_type_filter(models):
    """Filter a mixed page listing by page type (theme, tag and community pages)."""
    by_name = {model._meta.model_name: model for model in models}

    def choices(queryset):
        return [
            (name, model._meta.verbose_name_plural.capitalize()) for name, model in by_name.items()
        ]

    def apply(queryset, name, values):
        types = ContentType.objects.get_for_models(*(by_name[v] for v in values)).values()
        return queryset.filter(content_type__in=list(types))

    return ListingFilter(PARAM_CONTENT_TYPE, gettext_lazy("Type de contenu"), choices, method=apply)


# The home app's listings -----------------------------------------------------------------


class OrganizationFilterSet(ListingFilterSet):
    community = community_filter()
    kind = field_choice_filter(
        PARAM_KIND, gettext_lazy("Type d'organisation"), "kind", OrganizationKind.choices
    )
    commune = commune_filter("commune")


@functools.cache
def carrying_filterset(models):
    """The filters of a theme's or a tag's page: what carries it, of every classified type
    (``models``: a tuple, the registry's classified models)."""

    class CarryingFilterSet(ListingFilterSet):
        content_type = content_type_filter(models)
        community = community_filter(models=models)

    return CarryingFilterSet
