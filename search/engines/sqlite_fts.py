"""SQLite: the project's FTS5 table ``search_entry_fts`` (migration 0006), an external-content
table over ``SearchEntry``'s ``*_terms`` columns that triggers keep in sync.

SQLite does not stem, so the text is analysed in Python (``search.analysis``) when the entry
is written and when the query is parsed; this module is the only one that reads the table.
"""

import itertools

from django.db import connection

from ..analysis import fold, index_terms, prefix_terms, query_prefix

TABLE = "search_entry_fts"
# BM25 weights in the table's column order: title_terms (title, summary, keywords), body,
# documents, autocomplete (prefixes of the title, not ranked).
WEIGHTS = (10.0, 3.0, 1.0, 0.0)
MATCH_COLUMNS = "{title_terms body_terms document_terms}"
# Ranking tiers above BM25 (which stays far below 1 000 on these texts): a match of the
# whole words before a match of their beginnings, then the exact phrase before scattered
# words.
WHOLE_BONUS = 20_000.0
PHRASE_BONUS = 10_000.0
TITLE_BONUS = 1_000.0  # every word typed is in the title itself (not only the summary)
MAX_PHRASE_COMBINATIONS = 16


def entry_terms(entry, case_sensitive):
    """The analysed columns of a ``SearchEntry``."""
    return {
        "title_terms": index_terms(
            f"{entry.heading} {entry.summary} {entry.keywords}", case_sensitive
        ),
        "body_terms": index_terms(entry.text, case_sensitive),
        "document_terms": index_terms(entry.documents, case_sensitive),
        "autocomplete_terms": prefix_terms(entry.heading),
    }


def _quoted(term):
    return '"' + term.replace('"', '""') + '"'


def _any(parts, operator="OR"):
    return parts[0] if len(parts) == 1 else "(" + f" {operator} ".join(parts) + ")"


def match_expression(parsed, prefixes=True):
    """The query as an FTS5 MATCH expression: every clause (AND), each one any of its
    alternatives; a word that may be cut short also matches what it begins."""
    clauses = []
    for clause in parsed.clauses:
        options = [
            _any([_any([_quoted(f) for f in forms]) for forms in alternative], "AND")
            for alternative in clause.alternatives
        ]
        if prefixes and clause.prefix:
            beginnings = {clause.prefix, *(f for forms in clause.alternatives[0] for f in forms)}
            options += [_quoted(term) + "*" for term in sorted(beginnings)]
        clauses.append(_any(options))
    return f"{MATCH_COLUMNS} : ({' AND '.join(clauses)})"


def phrase_expression(parsed):
    """The words typed next to each other, in any of their forms (None for one word)."""
    if not parsed.phrase:
        return None
    forms = [clause.alternatives[0][0] for clause in parsed.clauses]
    combinations = list(itertools.islice(itertools.product(*forms), MAX_PHRASE_COMBINATIONS))
    near = [
        "NEAR(" + " ".join(_quoted(term) for term in terms) + f", {len(terms)})"
        for terms in combinations
    ]
    return f"{MATCH_COLUMNS} : ({' OR '.join(near)})"


def title_expressions(parsed):
    """Every word typed, as written, in the title (``autocomplete_terms``); the title
    beginning with the first one: what PostgreSQL's first score gives the title through
    its shorter weight-A text."""
    terms = [_quoted(fold(w.lower())) for clause in parsed.clauses for w in clause.text.split()]
    return "{autocomplete_terms} : (" + " AND ".join(terms) + ")", (
        "{autocomplete_terms} : ^" + terms[0]
    )


def scored_matches(parsed):
    """Every matching entry with its score, in one query: [(page id, score)]."""
    score, params = f"-bm25({TABLE}, {', '.join(map(str, WEIGHTS))})", []
    bonuses = []
    if parsed.prefixes:
        bonuses.append((match_expression(parsed, prefixes=False), WHOLE_BONUS))
    phrase = phrase_expression(parsed)
    if phrase:
        bonuses.append((phrase, PHRASE_BONUS))
    if parsed.clauses:
        bonuses += [(expression, TITLE_BONUS) for expression in title_expressions(parsed)]
    for expression, bonus in bonuses:
        score += (
            f" + CASE WHEN rowid IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s) "
            f"THEN {bonus} ELSE 0 END"
        )
        params.append(expression)
    sql = f"SELECT rowid, {score} FROM {TABLE} WHERE {TABLE} MATCH %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, match_expression(parsed)])
        return cursor.fetchall()


def autocomplete(text, limit):
    """Titles whose words begin with every word of ``text``, best first."""
    words = query_prefix(text).split()
    if not words:
        return []
    expression = "{autocomplete_terms} : (" + " AND ".join(_quoted(w) + "*" for w in words) + ")"
    sql = (
        f"SELECT e.heading FROM {TABLE} JOIN search_searchentry e ON e.page_id = {TABLE}.rowid "
        f"WHERE {TABLE} MATCH %s ORDER BY rank LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, limit * 2])
        return [row[0] for row in cursor.fetchall()]
