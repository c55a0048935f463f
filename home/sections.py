"""Short "what belongs here" lists on community and organisation pages, each linking to the
full filtered listing. Page models plug in through ``home.registry.classified_models``;
an index page declares the model it lists with ``listed_model = "app.Model"``."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.text import capfirst
from wagtail.models import get_page_models

from home import registry
from home.listing import with_card_relations

SECTION_SIZE = 4


def index_page_for(model):
    """The live index page listing ``model``, or None."""
    label = model._meta.label
    for page_model in get_page_models():
        if getattr(page_model, "listed_model", None) == label:
            return page_model.objects.live().first()
    return None


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

    ``param``/``value`` build the link to the model's filtered index ("see all");
    ``requires_field`` skips models without that field (e.g. ``organization``).
    """
    sections = []
    for model in registry.classified_models if models is None else models:
        if not getattr(model, "show_in_related_sections", True):
            continue
        if requires_field and requires_field not in {f.name for f in model._meta.get_fields()}:
            continue
        queryset = model.objects.live().public().filter(**lookups)
        count = queryset.count()
        if not count:
            continue
        ordered = with_card_relations(queryset.defer_streamfields())
        items = list(ordered.order_by("-first_published_at", "-pk")[:size])
        index = index_page_for(model)
        more_url = None
        if index is not None:
            more_url = index.get_url(request)
            if param:
                more_url = f"{more_url}?{urlencode({param: value})}"
        sections.append(Section(model, items, count, more_url))
    return sections
