"""PostgreSQL: ``SearchEntry.search_vector`` (a weighted ``tsvector`` a trigger keeps
current, GIN-indexed: migration 0007) and ``rank_vector``, its weight-A part (0009),
matched and ranked through ``django.contrib.postgres.search`` (``scored_matches``,
``autocomplete``); one statement per search (``search``) reads the matches once.

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

from ..analysis import ACRONYM_PREFIX, fold, query_prefix
from ..models import SearchEntry, SearchFacet

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


def scored_matches(query, whole, rank):
    """Every entry whose whole vector matches ``query``, with its first score: ``ts_rank``
    on ``rank_vector`` (title, summary, tags) where it holds the ``whole`` words, else 0."""
    score = Value(0.0, output_field=FloatField())
    if rank:
        whole = _TsQuery(whole)
        rank_a = SearchRank(F("rank_vector"), whole, normalization=Value(RANK_NORMALIZATION))
        score = Case(When(Q(rank_vector=whole), then=rank_a), default=score)
    matches = SearchEntry.objects.filter(search_vector=_TsQuery(query))
    return matches.annotate(score=score).values("page_id", "score")


# Ties at the page's lowest score (body-only matches all score 0) ranked on the whole vector:
# at most this many, newest first (all the matches of a common word: 0.5–2 s, see 0009).
MAX_TIED = 2_000

# The matches (``scored_matches``, built by the ORM) read once, materialised: their ids for
# the facet bitmaps, and the page of hits. The ORM has no materialised CTE, and without one
# PostgreSQL matches a common word twice (BENCHMARKS.md, « Search at 20 000 pages, stop 21 »).
SEARCH_SQL = """
WITH matched AS MATERIALIZED ({matched}), scored AS (
    SELECT page_id, score FROM matched WHERE {filters}
), tied AS (
    SELECT page_id, score FROM scored
    WHERE score >= (SELECT min(score) FROM (
        SELECT score FROM scored ORDER BY score DESC LIMIT %s) AS best)
    ORDER BY score DESC, page_id DESC LIMIT %s
), ranked AS (
    SELECT tied.page_id, tied.score FROM tied JOIN {table} USING (page_id)
    ORDER BY tied.score DESC, ts_rank_cd(search_vector, %s::tsquery, {n}) DESC,
        tied.page_id DESC LIMIT %s
)
SELECT (SELECT array_agg(page_id) FROM matched),
    (SELECT array_agg(page_id) FROM ranked), (SELECT array_agg(score) FROM ranked)
"""


def facet_condition(facet, values):
    """The pages that have one of ``values`` for ``facet``, as SQL on ``page_id``."""
    entries = SearchFacet.objects.filter(facet=facet, value__in=list(values)).values("entry_id")
    sql, params = entries.query.sql_with_params()
    return f"page_id IN ({sql})", list(params)


def search(parsed, case_sensitive, filters, end, rank=True):
    """(ids of every match, the first ``end`` that pass ``filters`` as [(id, score)], best
    first; none unless ``rank``). The score is ``scored_matches``'; the ties at the page's
    lowest score are ordered on the whole vector (cover density: title above body, exact
    phrase above scattered words, whole word above the beginning of a longer one)."""
    whole, query = tsqueries(parsed, case_sensitive)
    if whole is None:
        return [], []
    end = end if rank else 0
    matched, params = scored_matches(query, whole, rank).query.sql_with_params()
    params, conditions = list(params), ["TRUE"]
    for facet, values in filters.items():
        condition, condition_params = facet_condition(facet, values)
        conditions.append(condition)
        params += condition_params
    sql = SEARCH_SQL.format(
        matched=matched,
        filters=" AND ".join(conditions),
        table=SearchEntry._meta.db_table,
        n=RANK_NORMALIZATION,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, end, end + MAX_TIED, whole, end])
        ids, ranked, scores = cursor.fetchone()
    return ids or [], list(zip(ranked or [], scores or [], strict=True))


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
