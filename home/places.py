"""Which communes (``home.Place``) a text names: an organisation's « commune », a practice's
« lieux » (« Ségou, Markala, Bamako (6 communes) »). Names match whatever the accents, the case
and a note in brackets; a place nobody listed (« Région de Ségou ») matches nothing."""

import re
import unicodedata
from dataclasses import dataclass

from .content_version import cached_by_content
from .models.places import Place

BRACKETS = re.compile(r"\([^)]*\)")
SEPARATORS = re.compile(r"[\s\-'’]+")


def place_key(text):
    """« Sévaré », « SEVARE », « Sévaré (camps) » → « sevare »."""
    text = BRACKETS.sub(" ", text or "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return SEPARATORS.sub(" ", text).strip()


@dataclass(frozen=True)
class KnownPlace:
    pk: int
    slug: str
    name: str
    region: str
    latitude: float
    longitude: float


class Gazetteer:
    """Every ``Place`` by the keys of its names, read once per content change."""

    def __init__(self, places):
        self.places = [
            KnownPlace(p.pk, p.slug, p.name, p.region, float(p.latitude), float(p.longitude))
            for p in places
        ]
        self.by_slug = {place.slug: place for place in self.places}
        self.by_key = {}
        for model, place in zip(places, self.places, strict=True):
            for name in model.names:
                self.by_key.setdefault(place_key(name), place)

    @classmethod
    def load(cls):
        return cached_by_content(
            "gazetteer", lambda: cls(list(Place.objects.all())), per_language=False
        )

    def named_in(self, text, several=True):
        """The known places ``text`` names, in its order, once each. ``several``: a list
        separated by commas (a practice's places); else one name (an organisation's commune)."""
        parts = text.split(",") if several else [text or ""]
        found = []
        for part in parts:
            place = self.by_key.get(place_key(part))
            if place is not None and place not in found:
                found.append(place)
        return found
