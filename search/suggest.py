"""« Vouliez-vous dire … » from the site's own vocabulary (``VocabularyWord``): the
closest word by trigram similarity (``pg_trgm`` and its index on PostgreSQL, ``difflib`` on
SQLite)."""

import difflib

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Q

from .analysis import fold, word_forms
from .models import VocabularyWord

MIN_LENGTH = 4


def unknown_words(words):
    """The typed words (≥ 4 letters) that match nothing in the vocabulary, not even
    through their stem."""
    candidates = {
        word: fold(word.lower()) for word in words if len(word) >= MIN_LENGTH and word.isalpha()
    }
    if not candidates:
        return []
    forms = {form for key in candidates.values() for form in word_forms(key)}
    known = VocabularyWord.objects.filter(
        Q(word__in=candidates.values()) | Q(stem__in=forms)
    ).values_list("word", "stem")
    known_words, known_stems = set(), set()
    for word, stem in known:
        known_words.add(word)
        known_stems.add(stem)
    return [
        word
        for word, key in candidates.items()
        if key not in known_words and not set(word_forms(key)) & known_stems
    ]


MIN_SIMILARITY = 0.75  # difflib's ratio on SQLite
MIN_TRIGRAM_SIMILARITY = 0.4


def _candidates(key):
    """(word, display, frequency, similarity) of the vocabulary words close to ``key``."""
    nearby = VocabularyWord.objects.filter(
        length__gte=len(key) - 2, length__lte=len(key) + 2, word__startswith=key[:1]
    )
    if connection.vendor == "postgresql":
        rows = (
            nearby.filter(word__trigram_similar=key)
            .annotate(similarity=TrigramSimilarity("word", key))
            .filter(similarity__gte=MIN_TRIGRAM_SIMILARITY)
            .order_by("-similarity", "-frequency")
            .values_list("word", "display", "frequency", "similarity")[:5]
        )
        return [(w, d, f, round(s, 2)) for w, d, f, s in rows]
    pool = {w: (d, f) for w, d, f in nearby.values_list("word", "display", "frequency")}
    close = difflib.get_close_matches(key, list(pool), n=5, cutoff=MIN_SIMILARITY)
    return [(w, *pool[w], round(difflib.SequenceMatcher(None, key, w).ratio(), 2)) for w in close]


def closest_word(word):
    """The display form of the vocabulary word closest to ``word``, or None."""
    candidates = _candidates(fold(word.lower()))
    if not candidates:
        return None
    best = max(candidates, key=lambda row: (row[3], row[2]))
    return best[1]


def suggest(text, words):
    """A corrected query when some typed words are unknown, else None."""
    unknown = unknown_words(words)
    if not unknown:
        return None
    corrected = text
    changed = False
    for word in unknown:
        replacement = closest_word(word)
        if replacement and fold(replacement.lower()) != fold(word.lower()):
            corrected = corrected.replace(word, replacement, 1)
            changed = True
    return corrected if changed else None
