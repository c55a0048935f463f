"""The shared French cases (tests/search_cases.py) on the database engine, over the corpus
alone: in a module of their own, so that no other module-scoped data shares the site."""

from functools import reduce
from operator import or_

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage
from search.analysis import fold, parse_query
from search.engines import SearchRequest, get_database_engine, postgres_fts
from search.glossary import bump_version, get_glossary
from search.indexing import index_pages, write_records
from search.models import GlossaryTerm, SearchEntry

from . import search_cases as cases
from .factories import add_page


@pytest.fixture
def shared_corpus(site_tree):
    """search_cases.CORPUS as pages of the site, indexed from its records (as the
    Elasticsearch integration tests index them) with search_cases.GLOSSARY."""
    GlossaryTerm.objects.all().delete()
    for term, variants in cases.GLOSSARY:
        GlossaryTerm.objects.create(term=term, variants="\n".join(variants))
    bump_version()
    pages = [add_page(site_tree.home, StandardPage(title=page["title"])) for page in cases.CORPUS]
    records = cases.as_records()
    for page, record in zip(pages, records, strict=True):
        record["page_id"] = page.pk
        record["url"] = page.url
    write_records(records)
    return get_database_engine()


def titles(engine, query):
    return [hit.title for hit in engine.search(SearchRequest(query=query, per_page=50)).hits]


def test_shared_french_and_prefix_cases(shared_corpus):
    failures = []
    for case in [*cases.QUERY_CASES, *cases.PREFIX_CASES]:
        found = titles(shared_corpus, case.query)
        if not set(case.expected) <= set(found) or set(case.unexpected) & set(found):
            failures.append((case.query, case.why, found))
    assert failures == []


def test_shared_ranking_cases(shared_corpus):
    failures = []
    for case in cases.RANKING_CASES:
        found = titles(shared_corpus, case.query)
        if case.higher not in found or case.lower not in found:
            failures.append((case.query, case.why, "missing", found))
        elif found.index(case.higher) > found.index(case.lower):
            failures.append((case.query, case.why, found))
    assert failures == []


def test_shared_suggestion_cases(shared_corpus):
    for query, word in cases.SUGGESTION_CASES:
        suggestion = shared_corpus.search(SearchRequest(query=query)).suggestion
        assert suggestion is not None and word in fold(suggestion.lower()), (query, suggestion)


def test_lowercase_avec_is_a_word_not_the_acronym_on_the_database(shared_corpus):
    found = titles(shared_corpus, "cotisations avec")
    assert cases.AVEC in found and cases.NIONO in found  # both have "cotisations"
    assert titles(shared_corpus, "avec") == []


def test_search_reads_only_the_projects_tables(shared_corpus):
    """Wagtail may change its search tables: neither searching, nor autocomplete, nor
    writing the index touches them."""
    with CaptureQueriesContext(connection) as queries:
        assert titles(shared_corpus, "violences basées sur le genre")
        assert titles(shared_corpus, "plaid")
        assert shared_corpus.autocomplete("dialogue comm") == [cases.SEGOU]
        shared_corpus.search(SearchRequest(query="radio", filters={"type": ("practice",)}))
        index_pages([SearchEntry.objects.values_list("pk", flat=True).first()])
    statements = [query["sql"].lower() for query in queries.captured_queries]
    assert statements
    assert not [sql for sql in statements if "wagtailsearch" in sql]
    assert not [sql for sql in statements if "set local" in sql]


def test_alternatives_are_written_once():
    """An alternative repeated, or containing another one, adds nothing to an OR."""
    sets = [frozenset({"'a'", "'b'", "'c'"}), frozenset({"'b'", "'a'"}), frozenset({"'a'", "'b'"})]
    assert postgres_fts._alternatives([*sets, frozenset({"'d'"}), frozenset()]) == [
        "'d'",
        "'a' & 'b'",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's analysis")
def test_glossary_query_without_repetitions_finds_what_every_phrase_finds(shared_corpus):
    """Each glossary group is one tsquery without the variants PostgreSQL analyses alike,
    and it matches exactly the pages that any of its phrases, analysed on its own, matches."""
    glossary = get_glossary()
    checked = 0
    for group in glossary.groups:
        parsed = parse_query(group.term, glossary)
        if [clause.phrases for clause in parsed.clauses] != [group.phrases]:
            continue  # a term that is itself several words of other groups
        whole, match = postgres_fts.tsqueries(parsed, glossary.case_sensitive)
        alternatives = whole.strip("( )").split(" | ")
        assert len(alternatives) == len(set(alternatives)), group.term
        found = set(postgres_fts.search(parsed, glossary.case_sensitive, {}, 0)[0])
        phrases = [postgres_fts._phrase(p, glossary.case_sensitive) for p in group.phrases]
        every = reduce(or_, (SearchQuery(p, config=postgres_fts.CONFIG) for p in phrases))
        assert found == set(
            SearchEntry.objects.filter(search_vector=every).values_list("pk", flat=True)
        ), group.term
        checked += bool(found)
    assert checked >= 3
