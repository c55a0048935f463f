"""Template tags for listings and cards (filters form, result count); the pagination is
templates/includes/pagination.html."""

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst

register = template.Library()

SUMMARY_CHARS = 220


@register.inclusion_tag("tags/listing_filters.html")
def listing_filters(listing, legend=""):
    # The request: the form is a {% content_fragment %}, kept per host and never for a preview.
    return {"listing": listing, "legend": legend, "request": listing.request}


@register.inclusion_tag("tags/listing_status.html")
def listing_status(listing):
    return {"listing": listing}


@register.filter
def type_label(item):
    """The page type as a visitor reads it ("Pratique", "Outil ou modèle")."""
    return capfirst(item._meta.verbose_name)


@register.filter
def type_key(item):
    """The page type's short key ("practice", "tool", "meeting"…), from its search declaration:
    the card's colour band and icon (includes/type_label.html, portal.css)."""
    spec = getattr(item, "search_spec", None)
    return getattr(spec, "type", None) or "page"


@register.filter
def card_summary(item):
    """A short plain-text summary: the summary field, else the introduction or description."""
    for name in ("summary", "introduction", "search_description"):
        text = getattr(item, name, "") or ""
        if text:
            return Truncator(strip_tags(str(text))).chars(SUMMARY_CHARS)
    return ""


@register.filter
def card_meta(item):
    """Short facts under a card's title; a model can define ``card_meta()`` to choose its own."""
    if callable(getattr(item, "card_meta", None)):
        return item.card_meta()
    parts = []
    organization = getattr(item, "organization", None)
    if organization is not None:
        parts.append(organization.acronym or organization.title)
    if callable(getattr(item, "get_kind_display", None)):
        parts.append(item.get_kind_display())
    for name in ("year", "region", "commune"):
        value = getattr(item, name, None)
        if value:
            parts.append(str(value))
    languages = getattr(item, "languages", None)
    if languages is not None and hasattr(languages, "all"):
        names = ", ".join(language.name for language in languages.all())
        if names:
            parts.append(names)
    return parts
