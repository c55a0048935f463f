"""PostgreSQL: ``SearchEntry.search_vector`` (a weighted ``tsvector`` that a trigger keeps
current, with a GIN index: migration 0007; ``rank_vector``, its weight-A part:
0009), queried through ``django.contrib.postgres.search``.

PostgreSQL analyses both the text and the query (the ``cdp_french`` configuration: unaccent,
French stems, elision); Python only finds the glossary phrases and the words typed.
"""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
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


def _whole_and_query(parsed, case_sensitive):
    pairs = [_clause_queries(clause, case_sensitive) for clause in parsed.clauses]
    return reduce(and_, (pair[0] for pair in pairs)), reduce(and_, (pair[1] for pair in pairs))


def scored_matches(parsed, case_sensitive):
    """Every matching entry with its first score, in one query: [(page id, score)].

    Matching uses the whole vector (GIN index); the score reads ``rank_vector`` only, the
    small weight-A text (title, summary, tags), with ``ts_rank``: ranking every match on the
    whole vector would read every body, and cover density costs ten times more for the
    glossary's long alternatives (« VBG »: 0.6 s for 13 000 matches). The rank reads the
    whole words only, so a title matched through the beginning of a word alone ranks 0 with
    the body-only matches. ``refine`` orders the ties that can reach the page asked for."""
    whole, query = _whole_and_query(parsed, case_sensitive)
    rank = SearchRank(F("rank_vector"), whole, normalization=Value(RANK_NORMALIZATION))
    matches = SearchEntry.objects.filter(search_vector=query).annotate(score=rank)
    # The query the ORM builds, run on a cursor: psycopg already returns (int, float), and
    # Django's per-row value conversion cost ~15 ms for a word most pages contain.
    sql, params = matches.values_list("pk", "score").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def refine(parsed, case_sensitive, ids):
    """{page id: score on the whole vector} for ``ids``: title A, body B, documents C,
    whole words only, cover density (an exact phrase above scattered words, a whole word
    in the body above the beginning of a longer one)."""
    whole, _query = _whole_and_query(parsed, case_sensitive)
    rank = SearchRank(
        F("search_vector"), whole, cover_density=True, normalization=Value(RANK_NORMALIZATION)
    )
    return dict(
        SearchEntry.objects.filter(pk__in=ids).annotate(score=rank).values_list("pk", "score")
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
        .annotate(rank=SearchRank(F("rank_vector"), query))
        .order_by("-rank", "heading")
        .values_list("heading", flat=True)[: limit * 2]
    )
