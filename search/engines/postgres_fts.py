"""PostgreSQL: ``SearchEntry.search_vector`` (a weighted ``tsvector`` a trigger keeps
current, GIN-indexed: migration 0007) and ``rank_vector``, its weight-A part (0009),
queried through ``django.contrib.postgres.search``.

PostgreSQL analyses text and query (``cdp_french``: unaccent, French stems, elision).
Python only finds the glossary phrases and the words typed; each phrase is analysed once
by ``plainto_tsquery`` (cached in ``_analysed``) and the alternatives written as one
``tsquery`` without repetitions (« VBG »: 30 operands become 15; BENCHMARKS.md).
"""

from collections import OrderedDict
from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL

from ..analysis import ACRONYM_PREFIX, fold, query_prefix
from ..models import SearchEntry

CONFIG = "cdp_french"
RANK_NORMALIZATION = 32  # rank / (rank + 1)
MAX_ANALYSED = 5_000  # phrases kept analysed per process

_analysed = OrderedDict()  # phrase, or (word, ":*") -> frozenset of tsquery operands


def _analyse(phrases):
    """{phrase: operands} as PostgreSQL analyses each phrase (``plainto_tsquery``; for
    ``(word, ":*")``, the beginning of a word, ``to_tsquery``): an AND of quoted lexemes,
    kept as operand strings."""
    missing = [phrase for phrase in dict.fromkeys(phrases) if phrase not in _analysed]
    if missing:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT CASE WHEN b THEN to_TsQuery(%s::regconfig, p || ':*') "
                "ELSE plainto_TsQuery(%s::regconfig, p) END::text "
                "FROM unnest(%s::text[], %s::boolean[]) AS t(p, b)",
                [
                    CONFIG,
                    CONFIG,
                    [str(p) if isinstance(p, str) else p[0] for p in missing],
                    [not isinstance(p, str) for p in missing],
                ],
            )
            rows = cursor.fetchall()
        for phrase, (text,) in zip(missing, rows, strict=True):
            _analysed[phrase] = frozenset(text.split(" & ")) if text else frozenset()
            if len(_analysed) > MAX_ANALYSED:
                _analysed.popitem(last=False)
    return {phrase: _analysed[phrase] for phrase in phrases}


def _alternatives(operand_sets):
    """OR of ANDs without repetitions: a set that contains another one adds nothing."""
    unique = sorted({s for s in operand_sets if s}, key=lambda s: (len(s), sorted(s)))
    kept = [s for i, s in enumerate(unique) if not any(k < s for k in unique[:i])]
    return [" & ".join(sorted(s)) for s in kept]


def _or(parts):
    return parts[0] if len(parts) == 1 else "( " + " | ".join(parts) + " )"


def _phrase(phrase, case_sensitive):
    # An acronym that is also a French word is indexed as a mark (SearchEntry.acronyms).
    return ACRONYM_PREFIX + fold(phrase.lower()) if phrase in case_sensitive else phrase


def tsqueries(parsed, case_sensitive):
    """(the whole words or glossary phrases of every clause, the same or what the words
    cut short begin) as ``tsquery`` texts; (None, None) when PostgreSQL finds no word."""
    phrases = [[_phrase(p, case_sensitive) for p in clause.phrases] for clause in parsed.clauses]
    prefixes = [(clause.prefix, ":*") if clause.prefix else None for clause in parsed.clauses]
    analysed = _analyse([p for ps in phrases for p in ps] + [p for p in prefixes if p])
    whole, match = [], []
    for clause_phrases, prefix in zip(phrases, prefixes, strict=True):
        words = _alternatives([analysed[phrase] for phrase in clause_phrases])
        if not words:
            continue  # only words PostgreSQL ignores: as its ``&&`` does
        whole.append(_or(words))
        if prefix and len(analysed[prefix]) == 1:
            (beginning,) = analysed[prefix]
            # 'femm':* covers 'femm' itself.
            words = [w for w in words if f"{w}:*" != beginning] + [beginning]
        match.append(_or(words))
    if not whole:
        return None, None
    return " & ".join(whole), " & ".join(match)


class _TsQuery(SearchQuery):
    """A ``tsquery`` already analysed (``tsqueries``): cast, not parsed again."""

    template = "%(expressions)s::tsquery"


def scored_matches(parsed, case_sensitive):
    """Every matching entry with its first score, in one query: [(page id, score)].

    Matching uses the whole vector (GIN index, or a sequential scan for a word most pages
    contain: the planner's choice); the score reads ``rank_vector`` only, the small weight-A
    text (title, summary, tags), with ``ts_rank``, and only where that text holds the whole
    words (the others score 0): ranking every match on the whole vector would read every
    body, and cover density costs ten times more for the glossary's long alternatives.
    ``refine`` orders the ties that can reach the page asked for."""
    whole, query = tsqueries(parsed, case_sensitive)
    if whole is None:
        return []
    whole = _TsQuery(whole)
    rank = SearchRank(F("rank_vector"), whole, normalization=Value(RANK_NORMALIZATION))
    score = Case(When(Q(rank_vector=whole), then=rank), default=0.0, output_field=FloatField())
    matches = SearchEntry.objects.filter(search_vector=_TsQuery(query)).annotate(score=score)
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
    whole, _query = tsqueries(parsed, case_sensitive)
    rank = SearchRank(
        F("search_vector"),
        _TsQuery(whole),
        cover_density=True,
        normalization=Value(RANK_NORMALIZATION),
    )
    # One array parameter: an IN list of a thousand ties costs more to send and plan than
    # to rank (« mariage »: 1 616 ties at 20 000 pages).
    tied = RawSQL("SELECT unnest(%s::integer[])", [list(ids)])
    return dict(
        SearchEntry.objects.filter(pk__in=tied).annotate(score=rank).values_list("pk", "score")
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
