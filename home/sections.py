"""Short "what belongs here" lists on community and organisation pages, each linking to the
full filtered listing. Page models plug in through ``home.registry.classified_models``;
an index page declares the model it lists with ``listed_model = "app.Model"``."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.text import capfirst
from wagtail.models import Site, get_page_models

from home import registry
from home.content_version import cached_by_content, public
from home.listing import NEWEST_FIRST, with_card_relations

SECTION_SIZE = 3  # one row of cards on a wide screen, then « Voir tout (n) »


def index_page_for(model):
    """The live index page listing ``model``, or None."""
    label = model._meta.label

    def find():
        for page_model in get_page_models():
            if getattr(page_model, "listed_model", None) == label:
                return [page_model.objects.live().first()]
        return [None]

    # In a list: a cached None would read as "not cached".
    return cached_by_content(f"index-page-{label}", find, per_language=False)[0]


@dataclass
class Section:
    model: type
    items: list
    count: int
    more_url: str | None

    @property
    def title(self):
        return capfirst(self.model._meta.verbose_name_plural)

    @property
    def model_name(self):
        return self.model._meta.model_name


def related_sections(
    request, lookups, param=None, value=None, requires_field=None, size=SECTION_SIZE, models=None
):
    """One section per model (default: the registered ones) with live public pages matching
    ``lookups``, newest first.

    ``param``/``value`` build the link to the model's filtered index ("see all"), given only
    when that listing shows more than the section does;
    ``requires_field`` skips models without that field (e.g. ``organization``).
    """
    sections = []
    for model in registry.classified_models if models is None else models:
        if not getattr(model, "show_in_related_sections", True):
            continue
        if requires_field and requires_field not in {f.name for f in model._meta.get_fields()}:
            continue
        queryset = public(model.objects.live()).filter(**lookups)
        count = queryset.count()
        if not count:
            continue
        ordered = with_card_relations(queryset.defer_streamfields())
        items = list(ordered.order_by(*NEWEST_FIRST)[:size])
        index = index_page_for(model)
        more_url = None
        if index is not None and count > len(items):
            more_url = index.get_url(request)
            if param:
                more_url = f"{more_url}?{urlencode({param: value})}"
        sections.append(Section(model, items, count, more_url))
    return sections


def cached_sections(page, request, compute):
    """A community's or organisation's "what belongs here" sections, computed once per
    content change (never for an editor's preview of a draft)."""
    if getattr(request, "is_preview", False):
        return compute()
    site = Site.find_for_request(request)
    return cached_by_content(f"sections-{page.pk}-{site.pk if site else 0}", compute)
