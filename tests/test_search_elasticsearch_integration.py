"""Elasticsearch engine against a real cluster (CDP_TEST_ELASTICSEARCH_URL), throwaway indices."""

import os
import uuid

import pytest

from search.analysis import fold
from search.engines.base import FACETS, SORT_DATE, EngineUnavailable, SearchRequest
from search.engines.elasticsearch import ElasticsearchEngine

from . import search_cases as cases

URL = os.environ.get("CDP_TEST_ELASTICSEARCH_URL", "")
SKIP_REASON = "set CDP_TEST_ELASTICSEARCH_URL to run against a real Elasticsearch 8 cluster"

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.skipif(not URL, reason=SKIP_REASON),
    pytest.mark.django_db,  # facet labels (search.facets)
]

HOSTILE_NOTE = {
    "page_id": 9001,
    "content_type": "page",
    "title": "Note technique <b>brute</b>",
    "summary": "",
    "body": "Le texte <script>alert(1)</script> & la santé reproductive des adolescentes.",
    "url": "/pages/note/",
    "date": None,
    "year": None,
    "communities": [],
    "themes": [],
    "tags": [],
    "organizations": [],
    "languages": [],
}


def throwaway_engine() -> ElasticsearchEngine:
    return ElasticsearchEngine(
        URL,
        index_prefix=f"cdptest{uuid.uuid4().hex[:10]}",
        timeout=10.0,
        glossary=lambda: (cases.SYNONYM_RULES, cases.CASE_SENSITIVE_ACRONYMS),
    )


def drop(engine: ElasticsearchEngine) -> None:
    """Delete the engine's indices by name (wildcard deletes are refused by default)."""
    names = engine.client.indices.get(index=f"{engine.alias}*", expand_wildcards="all").keys()
    for name in names:
        engine.client.indices.delete(index=name)


@pytest.fixture(scope="module")
def engine():
    engine = throwaway_engine()
    engine.rebuild([*cases.as_records(), HOSTILE_NOTE])
    yield engine
    drop(engine)


@pytest.fixture
def fresh_engine():
    engine = throwaway_engine()
    yield engine
    drop(engine)


def titles(engine, query, **options):
    response = engine.search(SearchRequest(query=query, per_page=50, **options))
    return [hit.title for hit in response.hits]


@pytest.mark.parametrize(
    "case", [*cases.QUERY_CASES, *cases.PREFIX_CASES], ids=lambda c: f"{c.query} ({c.why})"
)
def test_french_queries(engine, case):
    found = titles(engine, case.query)
    assert set(case.expected) <= set(found), found
    assert not set(case.unexpected) & set(found), found


@pytest.mark.parametrize("case", cases.RANKING_CASES, ids=lambda c: c.why)
def test_ranking(engine, case):
    found = titles(engine, case.query)
    assert found.index(case.higher) < found.index(case.lower), found


def test_lowercase_avec_is_a_word_not_the_acronym(engine):
    found = titles(engine, "cotisations avec")
    assert cases.AVEC in found  # "une AVEC" contains the word
    assert cases.NIONO not in found  # savings groups that never write "avec"


@pytest.mark.parametrize("query, word", cases.SUGGESTION_CASES)
def test_did_you_mean(engine, query, word):
    suggestion = engine.search(SearchRequest(query=query)).suggestion
    assert suggestion and word in fold(suggestion.lower())


def test_correct_query_gets_no_suggestion(engine):
    assert engine.search(SearchRequest(query="excision")).suggestion is None


def expected_count(**where):
    return sum(all(page[k] in v for k, v in where.items()) for page in cases.CORPUS)


def test_facet_counts_reflect_the_other_filters(engine):
    response = engine.search(SearchRequest(filters={"community": ("1",)}))
    assert response.total == expected_count(community=["segou"])
    communities = {f.value: (f.count, f.selected) for f in response.facets["community"]}
    # Its own filter does not narrow the community facet: Kayes stays offered, with its count.
    assert communities == {
        "1": (expected_count(community=["segou"]), True),
        "2": (expected_count(community=["kayes"]), False),
    }
    types = {f.value: f.count for f in response.facets["type"]}
    assert types["practice"] == expected_count(community=["segou"], content_type=["practice"])
    assert set(response.facets) <= set(FACETS)


def test_or_within_a_facet_and_across_facets(engine):
    request = SearchRequest(
        filters={"community": ("2",), "type": ("practice", "tool")}, per_page=50
    )
    response = engine.search(request)
    expected = expected_count(community=["kayes"], content_type=["practice", "tool"])
    assert response.total == expected == len(response.hits)
    assert {hit.content_type for hit in response.hits} == {"practice", "tool"}
    years = {f.value: f.count for f in response.facets["year"]}
    assert sum(years.values()) == expected


def test_unknown_filter_value_gives_nothing_but_stays_listed(engine):
    response = engine.search(SearchRequest(filters={"tag": ("inconnu",)}))
    assert response.total == 0 and response.hits == []
    assert ("inconnu", 0, True) in [(f.value, f.count, f.selected) for f in response.facets["tag"]]


def test_highlight_marks_matches_in_escaped_text(engine):
    response = engine.search(SearchRequest(query="reproductive"))
    hit = next(h for h in response.hits if h.page_id == HOSTILE_NOTE["page_id"])
    assert "<mark>reproductive</mark>" in hit.excerpt_html
    assert "<script>" not in hit.excerpt_html and "&lt;script&gt;" in hit.excerpt_html
    assert hit.title == "Note technique <b>brute</b>"  # plain text: the template escapes it


def test_highlight_in_accent_free_query(engine):
    hit = engine.search(SearchRequest(query="segou")).hits[0]
    assert hit.title == cases.SEGOU


def test_sort_by_date_and_pagination(engine):
    first = engine.search(SearchRequest(sort=SORT_DATE, per_page=3, page=1))
    second = engine.search(SearchRequest(sort=SORT_DATE, per_page=3, page=2))
    dates = [h.date for h in first.hits + second.hits]
    assert dates == sorted(dates, reverse=True)
    assert not {h.page_id for h in first.hits} & {h.page_id for h in second.hits}
    far = engine.search(SearchRequest(page=10**12))
    assert far.hits == [] and far.total == first.total


HOSTILE_QUERIES = [
    '"mariage" AND (VBG OR NOT kayes)',
    "title:*ségou* ~2 ^3 /re.*/",
    "' OR 1=1; --",
    "<script>alert(1)</script>",
    "\ud800 seul \udfff",
    "\x00\x1b[31m",
    "mariage " * 700,
    "*",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_queries_answer(engine, query):
    engine.search(SearchRequest(query=query))
    engine.autocomplete(query)


def test_autocomplete(engine):
    assert cases.SEGOU in engine.autocomplete("seg")
    assert cases.AUTONOMISATION in engine.autocomplete("auton")
    assert cases.KAYES in engine.autocomplete("Atelier r")
    assert len(engine.autocomplete("d", limit=2)) <= 2


def test_rebuild_swaps_alias_and_deletes_old_index(fresh_engine):
    records = cases.as_records()
    first = fresh_engine.rebuild(records)
    assert fresh_engine.count() == len(records)
    assert cases.VBG_LONG in titles(fresh_engine, "VBG")
    # A glossary change is a rebuild: same pages, new synonyms, alias swapped.
    second = fresh_engine.rebuild(records[:-1], glossary=([], {}))
    indices = fresh_engine.client.indices
    assert list(indices.get_alias(name=fresh_engine.alias).keys()) == [second.index]
    assert not indices.exists(index=first.index)
    assert second.deleted == [first.index]
    assert fresh_engine.count() == len(records) - 1
    found = titles(fresh_engine, "VBG")
    assert cases.VBG_SHORT in found and cases.VBG_LONG not in found


def test_single_page_updates(fresh_engine):
    assert fresh_engine.index_records([HOSTILE_NOTE]) == 1  # creates the index
    fresh_engine.client.indices.refresh(index=fresh_engine.alias)
    assert fresh_engine.count() == 1
    assert titles(fresh_engine, "adolescentes") == [HOSTILE_NOTE["title"]]
    assert fresh_engine.delete_records([HOSTILE_NOTE["page_id"]]) == 1
    assert fresh_engine.delete_records([HOSTILE_NOTE["page_id"]]) == 0
    fresh_engine.client.indices.refresh(index=fresh_engine.alias)
    assert fresh_engine.count() == 0


def test_missing_index_is_engine_unavailable(fresh_engine):
    with pytest.raises(EngineUnavailable):
        fresh_engine.search(SearchRequest(query="ségou"))
