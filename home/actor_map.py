"""The actor map (``home.ActorMapPage``): one point per commune where a public organisation
is based or a public practice was carried out, over Mali's outline (home/geodata/mali.json,
Natural Earth, drawn by scripts/make_mali_outline.py), and the same figures as a table.

Filters: community (organisations and practices), kind of organisation (organisations, and
practices through the organisation that carried them out), theme (practices). Each point and
each count links to the organisation directory or the practice listing with the filters that
give the same items (``commune``, ``communaute``, ``type``, ``theme``, ``organisation``).
Only what every visitor may see counts: live pages outside any view restriction (``public``).
"""

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy, ngettext
from wagtail.models import Site

from .content_version import cached_by_key, public
from .filters import ListingFilterSet, community_filter, field_choice_filter, theme_filter
from .listing import (
    PARAM_COMMUNE,
    PARAM_COMMUNITY,
    PARAM_KIND,
    PARAM_ORGANIZATION,
    PARAM_THEME,
    FilterFormMixin,
)
from .models import CommunityPage, OrganizationIndexPage, OrganizationKind, OrganizationPage
from .models.places import MaliRegion
from .places import Gazetteer, place_key

OUTLINE = Path(__file__).resolve().parent / "geodata" / "mali.json"
PRACTICE_MODEL = "practices.PracticePage"
PRACTICE_INDEX_MODEL = "practices.PracticeIndexPage"
RADIUS_MIN, RADIUS_MAX = 8, 16
LABELLED = 3  # the communes with the most organisations and practices are named on the map
REGION_LABELS = dict(MaliRegion.choices)


@functools.cache
def outline():
    return json.loads(OUTLINE.read_text(encoding="utf-8"))


def project(longitude, latitude):
    """(x, y) in the outline's viewBox, or None outside it."""
    data = outline()
    proj = data["projection"]
    x = (longitude - proj["lon_min"]) * proj["cos"] * proj["scale"] + proj["margin"]
    y = (proj["lat_max"] - latitude) * proj["scale"] + proj["margin"]
    if not (0 <= x <= data["width"] and 0 <= y <= data["height"]):
        return None
    return round(x, 1), round(y, 1)


class ActorMapFilterSet(ListingFilterSet):
    """The map's filters, cleaned like every listing's (unknown values ignored with a
    message); they are applied to organisations and practices by ``ActorMap``."""

    community = community_filter()
    kind = field_choice_filter(
        PARAM_KIND, gettext_lazy("Type d'organisation"), "kind", OrganizationKind.choices
    )
    theme = theme_filter()


@dataclass
class CommuneRow:
    place: object
    organizations: int = 0
    practices: int = 0
    owners: set = field(default_factory=set)  # slugs of the organisations behind its practices
    organizations_url: str = ""
    practices_url: str = ""
    x: float = 0
    y: float = 0

    @property
    def region_label(self):
        return REGION_LABELS.get(self.place.region, "")

    @property
    def url(self):
        """The point's link: the commune's organisations, else its practices."""
        return self.organizations_url or self.practices_url

    @property
    def label_x(self):
        """Its name starts beside the point."""
        return round(self.x + self.radius + 3, 1)

    @property
    def radius(self):
        total = self.organizations + self.practices
        return min(RADIUS_MAX, RADIUS_MIN + round(2 * math.sqrt(max(total - 1, 0))))

    @property
    def label(self):
        """The point's accessible name: the commune and what its link lists."""
        parts = []
        if self.organizations:
            parts.append(
                ngettext("%(n)s organisation", "%(n)s organisations", self.organizations)
                % {"n": self.organizations}
            )
        if self.practices:
            parts.append(
                ngettext("%(n)s pratique", "%(n)s pratiques", self.practices)
                % {"n": self.practices}
            )
        # The French colon takes a space before it; English none.
        return gettext("%(place)s : %(counts)s") % {
            "place": self.place.name,
            "counts": ", ".join(parts),
        }


def _listing_url(model_label, request):
    page = public(apps.get_model(model_label).objects.live()).first()
    return page.get_url(request) if page is not None else None


def _with_query(url, pairs):
    return f"{url}?{urlencode(pairs)}" if url else ""


class ActorMap(FilterFormMixin):
    """The points, the table and the filter form of the map for ``request``; reads like a
    ``home.listing.Listing`` for the shared filter form (tags/listing_filters.html)."""

    def __init__(self, request):
        self.request = request
        self.filterset = ActorMapFilterSet(
            request.GET,
            queryset=OrganizationPage.objects.none(),
            request=request,
            cache_key=("actor-map",),
        )
        self.filters = self.filterset.bound_filters
        self.messages = self.filterset.messages
        self.communities = self.filterset.selected(PARAM_COMMUNITY)
        self.kinds = self.filterset.selected(PARAM_KIND)
        self.themes = self.filterset.selected(PARAM_THEME)
        # Read once per content change for the same site, language and valid filters (the
        # rows hold addresses: /en/… under the English interface).
        site = Site.find_for_request(request)
        self._key = (site.pk if site else 0, *self.filterset.query_pairs())

    @cached_property
    def _computed(self):
        return cached_by_key(
            "actor-map", self._key, lambda: (self._rows(), self._regions()), per_language=True
        )

    @property
    def rows(self):
        return self._computed[0]

    @property
    def regions(self):
        return self._computed[1]

    @property
    def results_key(self):
        """The map and table depend on the site and the *valid* filters only (unknown values
        are dropped first, so made-up query strings add no cache entries): the key of their
        kept fragment (actor_map_page.html); besides it, the rows are read only for the
        count."""
        return ("actor-map", *self._key)

    @property
    def organization_total(self):
        return sum(row.organizations for row in self.rows)

    @property
    def practice_total(self):
        return sum(row.practices for row in self.rows)

    # What the map shows --------------------------------------------------------------------

    def organizations(self):
        queryset = public(OrganizationPage.objects.live()).exclude(commune="")
        if self.communities:
            queryset = queryset.filter(
                pk__in=OrganizationPage.objects.filter(
                    communities__slug__in=self.communities
                ).values("pk")
            )
        if self.kinds:
            queryset = queryset.filter(kind__in=self.kinds)
        return queryset

    def practices(self):
        model = apps.get_model(PRACTICE_MODEL)
        queryset = public(model.objects.live()).exclude(places="")
        if self.communities:
            queryset = queryset.filter(
                pk__in=model.objects.filter(communities__slug__in=self.communities).values("pk")
            )
        if self.themes:
            queryset = queryset.filter(
                pk__in=model.objects.filter(themes__slug__in=self.themes).values("pk")
            )
        if self.kinds:
            owners = public(OrganizationPage.objects.live()).filter(kind__in=self.kinds)
            queryset = queryset.filter(organization__in=owners)
        return queryset

    def _rows(self):
        gazetteer = Gazetteer.load()
        rows = {}

        def row(place):
            if place.slug not in rows:
                rows[place.slug] = CommuneRow(place)
            return rows[place.slug]

        # Counted in SQL per different text (a few hundred at 20 000 pages), then placed.
        organizations = (
            self.organizations().order_by().values_list("commune").annotate(n=Count("pk"))
        )
        for commune, n in organizations:
            for place in gazetteer.named_in(commune, several=False):
                row(place).organizations += n
        practices = (
            self.practices()
            .order_by()
            .values_list("places", "organization__slug")
            .annotate(n=Count("pk"))
        )
        for places, owner, n in practices:
            for place in gazetteer.named_in(places):
                found = row(place)
                found.practices += n
                if owner:
                    found.owners.add(owner)
        shown = []
        directory = _listing_url(OrganizationIndexPage._meta.label, self.request)
        practice_index = _listing_url(PRACTICE_INDEX_MODEL, self.request)
        for found in sorted(rows.values(), key=lambda r: place_key(r.place.name)):
            point = project(found.place.longitude, found.place.latitude)
            if point is None:
                continue
            found.x, found.y = point
            self._link(found, directory, practice_index)
            shown.append(found)
        return shown

    def _link(self, row, directory, practice_index):
        common = [(PARAM_COMMUNE, row.place.slug)]
        common += [(PARAM_COMMUNITY, slug) for slug in self.communities]
        if row.organizations:
            pairs = common + [(PARAM_KIND, kind) for kind in self.kinds]
            row.organizations_url = _with_query(directory, pairs)
        if row.practices:
            pairs = common + [(PARAM_THEME, slug) for slug in self.themes]
            if self.kinds:
                pairs += [(PARAM_ORGANIZATION, slug) for slug in sorted(row.owners)]
            row.practices_url = _with_query(practice_index, pairs)

    @property
    def outline(self):
        return outline()

    @property
    def points(self):
        """Biggest first, so that a small point beside a big one stays on top."""
        return sorted(self.rows, key=lambda row: -row.radius)

    @property
    def labelled(self):
        ranked = sorted(self.rows, key=lambda r: (-(r.organizations + r.practices), r.place.name))
        return ranked[:LABELLED]

    @property
    def community_regions(self):
        return [region["label"] for region in self.regions if region["community"]]

    @property
    def count_text(self):
        communes = len(self.rows)
        return ngettext("%(n)s commune sur la carte", "%(n)s communes sur la carte", communes) % {
            "n": communes
        }

    def _regions(self):
        """Mali's regions, those of a community of practice (its « région ») marked."""
        rows = public(CommunityPage.objects.live()).values_list("region", flat=True)
        named = {place_key(region) for region in rows}
        regions = []
        for shape in outline()["regions"]:
            label = REGION_LABELS.get(shape["iso"], shape["name"])
            regions.append({**shape, "label": label, "community": place_key(label) in named})
        return regions
