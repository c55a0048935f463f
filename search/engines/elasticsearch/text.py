"""Cleaning of user text before it reaches Elasticsearch, and the folding used to compare it."""

import re
import unicodedata

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 32
MAX_PREFIX_CHARS = 50

_SPACES = re.compile(r"\s+")


def _drop_unsafe(text: str) -> str:
    """Replace control/format characters and lone surrogates by spaces (JSON/UTF-8 safe)."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        out.append(" " if category in ("Cc", "Cf", "Cs", "Co", "Cn") else char)
    return "".join(out)


def clean_text(value, max_chars: int = MAX_QUERY_CHARS, max_words: int = MAX_QUERY_WORDS) -> str:
    """User input as plain, bounded text: no control characters, no surrogates, NFC.

    The text only ever goes into ``multi_match``/``match`` and suggesters, which have no
    query syntax, so quotes and operators stay ordinary characters; the bounds keep the
    number of clauses (and synonym expansions) small whatever is pasted into the box.
    """
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    text = unicodedata.normalize("NFC", _drop_unsafe(value[: max_chars * 4]))
    words = _SPACES.sub(" ", text).strip().split(" ")[:max_words]
    text = " ".join(words)
    if len(text) > max_chars:
        cut = text[:max_chars]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return text.strip()


def fold(text: str) -> str:
    """Lowercase, accent-free form, to tell whether a suggestion differs from the query."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
