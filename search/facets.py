"""Facet parameters and labels, shared by the view and every engine."""

import re
import time

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page

from .engines.base import FACETS

TYPE_LABELS = {
    "practice": _("Pratique"),
    "tool": _("Outil ou modèle"),
    "frame": _("Cadre de concertation"),
    "meeting": _("Réunion"),
    "organization": _("Organisation"),
    "community": _("Communauté"),
    "page": _("Page"),
}
FACET_LABELS = {
    "type": _("Type de contenu"),
    "community": _("Communauté"),
    "theme": _("Thème"),
    "tag": _("Mot-clé"),
    "organization": _("Organisation"),
    "year": _("Année"),
    "language": _("Langue de l'outil"),
}
MAX_VALUES_PER_FACET = 20

_ID_RE = re.compile(r"^[0-9]{1,10}$")
_YEAR_RE = re.compile(r"^(19|20|21)[0-9]{2}$")
_SLUG_RE = re.compile(r"^[\w-]{1,100}$")

VALIDATORS = {
    "type": lambda value: value in TYPE_LABELS,
    "community": _ID_RE.match,
    "theme": _ID_RE.match,
    "organization": _ID_RE.match,
    "year": _YEAR_RE.match,
    "tag": _SLUG_RE.match,
    "language": lambda value: bool(_SLUG_RE.match(value)) and len(value) <= 12,
}


def clean_filters(params):
    """``{facet: (values…)}`` from a QueryDict-like object: malformed values are dropped
    (an unknown but well-formed value simply matches nothing)."""
    filters = {}
    for facet in FACETS:
        getter = getattr(params, "getlist", None)
        raw = getter(facet) if getter else params.get(facet, [])
        if isinstance(raw, str):
            raw = [raw]
        values = []
        for value in raw or []:
            value = str(value).strip()
            if value and VALIDATORS[facet](value) and value not in values:
                values.append(value)
        if values:
            filters[facet] = tuple(values[:MAX_VALUES_PER_FACET])
    return filters


# --- Labels ------------------------------------------------------------------------------

_LABEL_TTL = 300
_labels = {}  # (facet, value) -> (label, expires)


def _lookup(facet, values):
    if facet in ("community", "organization"):
        ids = [int(v) for v in values if v.isdigit()]
        return {
            str(pk): title
            for pk, title in Page.objects.filter(pk__in=ids).values_list("pk", "title")
        }
    if facet == "theme":
        Theme = apps.get_model("home", "Theme")
        ids = [int(v) for v in values if v.isdigit()]
        return {
            str(pk): name for pk, name in Theme.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    if facet == "tag":
        return dict(Tag.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet == "language":
        try:
            Language = apps.get_model("practices", "MaterialLanguage")
        except LookupError:
            return {}
        return dict(Language.objects.filter(code__in=values).values_list("code", "name"))
    return {}


def facet_labels(facet, values):
    """``{value: label}`` for values of one facet (cached a few minutes)."""
    if facet == "type":
        return {value: str(TYPE_LABELS.get(value, value)) for value in values}
    if facet == "year":
        return {value: value for value in values}
    now = time.monotonic()
    found, missing = {}, []
    for value in values:
        cached = _labels.get((facet, value))
        if cached and cached[1] > now:
            found[value] = cached[0]
        else:
            missing.append(value)
    if missing:
        looked_up = _lookup(facet, missing)
        if len(_labels) > 20_000:
            _labels.clear()
        for value in missing:
            label = looked_up.get(value, value)
            _labels[(facet, value)] = (label, now + _LABEL_TTL)
            found[value] = label
    return found
