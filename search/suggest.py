"""« Vouliez-vous dire … » from the site's own vocabulary (``VocabularyWord``) and the
glossary's words (« excision » is a word visitors type although no page may say it): the
closest word by ``difflib``'s ratio, among the vocabulary words of about the same length
and first letter (on PostgreSQL, also trigram-similar: ``pg_trgm`` and its index)."""

import difflib
import functools

from django.db import connection
from django.db.models import Q

from . import analysis
from .analysis import fold, word_forms
from .glossary import get_glossary
from .models import VocabularyWord

MIN_LENGTH = 4
MIN_SIMILARITY = 0.75  # difflib's ratio


def glossary_words():
    """{folded word: word} of the glossary's phrases (four letters or more)."""
    return _words_of(get_glossary())


@functools.lru_cache(maxsize=2)
def _words_of(glossary):
    # Once per glossary (a new object after each edit), not on every search and again for
    # every unknown word.
    return {
        fold(word.lower()): word.lower()
        for group in glossary.groups
        for phrase in group.phrases
        for word in analysis.words(phrase)
        if len(word) >= MIN_LENGTH and word.isalpha() and not word.isupper()
    }


def unknown_words(typed):
    """The typed words (≥ 4 letters) that match nothing in the vocabulary or the glossary,
    not even through their stem."""
    candidates = {
        word: fold(word.lower()) for word in typed if len(word) >= MIN_LENGTH and word.isalpha()
    }
    in_glossary = glossary_words()
    candidates = {word: key for word, key in candidates.items() if key not in in_glossary}
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


def _candidates(key):
    """{word: (display, frequency)} of the vocabulary and glossary words near ``key``."""
    nearby = VocabularyWord.objects.filter(
        length__gte=len(key) - 2, length__lte=len(key) + 2, word__startswith=key[:1]
    )
    if connection.vendor == "postgresql":
        nearby = nearby.filter(word__trigram_similar=key)  # pg_trgm's index, threshold 0.3
    pool = {w: (d, f) for w, d, f in nearby.values_list("word", "display", "frequency")}
    for word, display in glossary_words().items():
        if word[:1] == key[:1] and abs(len(word) - len(key)) <= 2:
            pool.setdefault(word, (display, 1))
    return pool


def closest_word(word):
    """The display form of the vocabulary or glossary word closest to ``word``, or None."""
    key = fold(word.lower())
    pool = _candidates(key)
    close = difflib.get_close_matches(key, list(pool), n=5, cutoff=MIN_SIMILARITY)
    if not close:
        return None
    ratio = {w: round(difflib.SequenceMatcher(None, key, w).ratio(), 2) for w in close}
    return pool[max(close, key=lambda w: (ratio[w], pool[w][1]))][0]


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
