"""« Vouliez-vous dire … » from the site's own vocabulary (``VocabularyWord``)."""

import difflib

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


def closest_word(word):
    key = fold(word.lower())
    pool = dict(
        VocabularyWord.objects.filter(
            length__gte=len(key) - 2, length__lte=len(key) + 2, word__startswith=key[:1]
        ).values_list("word", "frequency")
    )
    if not pool:
        return None
    close = difflib.get_close_matches(key, list(pool), n=5, cutoff=0.75)
    if not close:
        return None
    best = max(
        close, key=lambda w: (round(difflib.SequenceMatcher(None, key, w).ratio(), 2), pool[w])
    )
    return VocabularyWord.objects.filter(word=best).values_list("display", flat=True).first()


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
