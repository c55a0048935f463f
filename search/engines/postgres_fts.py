"""PostgreSQL: ``SearchEntry.search_vector`` (a weighted ``tsvector`` that a trigger keeps
current, with a GIN index: migration 0006), queried through ``django.contrib.postgres.search``.

PostgreSQL analyses both the text and the query (the ``cdp_french`` configuration: unaccent,
French stems, elision); Python only finds the glossary phrases and the words typed.
"""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Value

from ..analysis import ACRONYM_PREFIX, fold, query_prefix
from ..models import SearchEntry

CONFIG = "cdp_french"
RANK_NORMALIZATION = 32  # rank / (rank + 1)


def _phrase_query(phrase, case_sensitive):
    if phrase in case_sensitive:
        # Indexed as a mark in SearchEntry.acronyms (the text lowercased would be a stop word).
        return SearchQuery(ACRONYM_PREFIX + fold(phrase.lower()), config=CONFIG)
    return SearchQuery(phrase, config=CONFIG)


def _clause_queries(clause, case_sensitive):
    """(the whole words or glossary phrases of a clause, the same or what they begin)."""
    whole = reduce(or_, (_phrase_query(phrase, case_sensitive) for phrase in clause.phrases))
    if not clause.prefix:
        return whole, whole
    # ``clause.prefix`` is letters only; PostgreSQL stems it as it stems the text.
    return whole, whole | SearchQuery(f"{clause.prefix}:*", search_type="raw", config=CONFIG)


def scored_matches(parsed, case_sensitive):
    """Every matching entry with its score, in one query: [(page id, score)].

    The rank reads the whole words only (cover density: the nearer the words, the higher;
    weights A/B/C), so an entry found through the beginning of a word alone ranks 0, below
    every whole-word match, without a second full-text condition per row."""
    pairs = [_clause_queries(clause, case_sensitive) for clause in parsed.clauses]
    whole = reduce(and_, (pair[0] for pair in pairs))
    query = reduce(and_, (pair[1] for pair in pairs))
    rank = SearchRank(
        F("search_vector"), whole, cover_density=True, normalization=Value(RANK_NORMALIZATION)
    )
    return list(
        SearchEntry.objects.filter(search_vector=query)
        .annotate(score=rank)
        .values_list("pk", "score")
    )


def autocomplete(text, limit):
    """Titles (and summaries, tags) whose words begin with every word of ``text``."""
    words = [word for word in query_prefix(text).split() if word.isalnum()]
    if not words:
        return []
    # Letters and digits only; ":*A" = a prefix, in the weight-A text.
    query = reduce(
        and_, (SearchQuery(f"{word}:*A", search_type="raw", config=CONFIG) for word in words)
    )
    return list(
        SearchEntry.objects.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "heading")
        .values_list("heading", flat=True)[: limit * 2]
    )
