"""Elasticsearch engine without a server: mapping, queries, parsing, index swaps, faults."""

import datetime
import http.server
import json
import socket
import threading
import time

import pytest
from django.db import DatabaseError
from elastic_transport import (
    ApiResponseMeta,
    ConnectionError,
    ConnectionTimeout,
    HttpHeaders,
    ObjectApiResponse,
)
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError
from hypothesis import given, settings
from hypothesis import strategies as st

from search.engines.base import (
    FACETS,
    SORT_DATE,
    EngineUnavailable,
    SearchRequest,
)
from search.engines.elasticsearch import ElasticsearchEngine, indexing
from search.engines.elasticsearch.indexing import (
    FACET_FIELDS,
    index_body,
    rebuild,
    record_to_document,
)
from search.engines.elasticsearch.query import (
    MAX_RESULT_WINDOW,
    build_autocomplete_body,
    build_search_body,
    clean_highlight,
    expand_acronyms,
    parse_autocomplete_response,
    parse_search_response,
    prefixes,
)
from search.facets import clean_filters

from .search_cases import SYNONYM_RULES

RULES = ["VBG, violences basées sur le genre", "AVEC, VSLA"]


def walk(node):
    """Every key and every string value of a JSON-like structure."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from walk(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from walk(item)
    else:
        yield node


def whole_match(body):
    """The whole-word multi_match of a search body (beside the words cut short, if any)."""
    must = body["query"]["bool"]["must"][0]
    return must["bool"]["should"][0]["multi_match"] if "bool" in must else must["multi_match"]


def record(page_id=1, **overrides):
    base = {
        "page_id": page_id,
        "content_type": "tool",
        "title": "Dialogue communautaire à Ségou",
        "summary": "Causeries <b>entre</b> chefs de village.",
        "body": "Texte\x00 du guide\x1f extrait du PDF.",
        "documents": "Annexe : grille de suivi.",
        "keywords": "dialogue communautaire",
        "url": f"/outils/page-{page_id}/",
        "date": datetime.date(2024, 3, 12),
        "year": 2024,
        "communities": [3],
        "themes": [7, 8],
        "tags": ["dialogue"],
        "organizations": [12],
        "languages": ["fr", "bm"],
    }
    return base | overrides


def response_meta(status=200):
    return ApiResponseMeta(
        status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0, node=None
    )


def api_error(cls=ApiError, status=500):
    return cls(message="error", meta=response_meta(status), body={"error": "x"})


# Mapping and analysis


def test_index_analyzers_elide_lowercase_fold_then_stem():
    analysis = index_body("cdp-pages-fr-1", RULES)["settings"]["analysis"]
    chain = analysis["analyzer"]["cdp_french"]["filter"]
    assert chain == ["cdp_french_elision", "lowercase", "asciifolding", "cdp_french_stemmer"]
    broad = analysis["analyzer"]["cdp_french_broad"]["filter"]
    assert broad == ["cdp_french_elision", "lowercase", "asciifolding", "cdp_french_broad_stemmer"]
    elision = analysis["filter"]["cdp_french_elision"]
    assert elision["type"] == "elision" and elision["articles_case"] is True
    assert {"l", "d", "qu", "jusqu"} <= set(elision["articles"])
    stemmer = analysis["filter"]["cdp_french_stemmer"]
    assert stemmer == {"type": "stemmer", "language": "light_french"}
    assert analysis["filter"]["cdp_french_broad_stemmer"]["language"] == "french"


@pytest.mark.parametrize(
    "index_analyzer, search_analyzer",
    [("cdp_french", "cdp_french_search"), ("cdp_french_broad", "cdp_french_broad_search")],
)
def test_glossary_is_a_search_time_synonym_graph_after_the_stemmer(index_analyzer, search_analyzer):
    analysis = index_body("cdp-pages-fr-1", RULES)["settings"]["analysis"]
    search_chain = analysis["analyzer"][search_analyzer]["filter"]
    assert search_chain[-1] == "cdp_glossary"
    assert search_chain[:-1] == analysis["analyzer"][index_analyzer]["filter"]
    glossary = analysis["filter"]["cdp_glossary"]
    assert glossary["type"] == "synonym_graph"
    assert glossary["synonyms"] == RULES
    assert glossary["lenient"] is True
    # Not at index time: documents are analysed without the glossary.
    assert "cdp_glossary" not in analysis["analyzer"][index_analyzer]["filter"]


def test_without_rules_there_is_no_empty_synonym_filter():
    analysis = index_body("cdp-pages-fr-1", [])["settings"]["analysis"]
    assert "cdp_glossary" not in analysis["filter"]
    assert (
        analysis["analyzer"]["cdp_french_search"]["filter"]
        == (analysis["analyzer"]["cdp_french"]["filter"])
    )


def test_case_sensitive_acronyms_are_index_time_character_filters():
    analysis = index_body("x", RULES, {"AVEC": "VSLA"})["settings"]["analysis"]
    assert analysis["char_filter"]["cdp_acronym_0"] == {
        "type": "pattern_replace",
        "pattern": r"(?<![\p{L}\p{N}])AVEC(?![\p{L}\p{N}])",
        "replacement": "$0 VSLA",
    }
    for name in ("cdp_french", "cdp_french_broad"):
        assert analysis["analyzer"][name]["char_filter"] == ["cdp_acronym_0"]
    for name in ("cdp_french_search", "cdp_french_broad_search", "cdp_autocomplete"):
        assert "char_filter" not in analysis["analyzer"][name]
    assert "char_filter" not in index_body("x", RULES)["settings"]["analysis"]


def test_acronym_terms_are_literal_java_replacements():
    acronyms = {"AVEC": "VSLA", "ÉTÉ": "saison $1 \\ fin"}
    filters = index_body("x", [], acronyms)["settings"]["analysis"]["char_filter"]
    assert filters["cdp_acronym_1"]["replacement"] == "$0 saison \\$1 \\\\ fin"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("AVEC", "VSLA"),
        ("groupes AVEC de Kayes", "groupes VSLA de Kayes"),
        ("travail avec les chefs", "travail avec les chefs"),
        ("Avec", "Avec"),
        ("AVECS AVEC-2", "AVECS VSLA-2"),
    ],
)
def test_query_acronyms_in_capitals_become_their_term(query, expected):
    assert expand_acronyms(query, {"AVEC": "VSLA"}) == expected
    body = build_search_body(SearchRequest(query=query), {"AVEC": "VSLA"})
    assert whole_match(body)["query"] == expected
    assert body["suggest"]["did_you_mean"]["text"] == query  # spelling is checked on what was typed


def test_shared_glossary_rules_pass_through_unchanged():
    analysis = index_body("x", SYNONYM_RULES)["settings"]["analysis"]
    assert analysis["filter"]["cdp_glossary"]["synonyms"] == SYNONYM_RULES


def test_mapping_fields():
    mapping = index_body("x", RULES)["mappings"]
    props = mapping["properties"]
    assert mapping["dynamic"] == "strict"
    for name in ("title", "summary", "body"):
        assert props[name]["type"] == "text"
        assert props[name]["analyzer"] == "cdp_french"
        assert props[name]["search_analyzer"] == "cdp_french_search"
    assert props["all_text"]["analyzer"] == "cdp_french_broad"
    assert props["all_text"]["search_analyzer"] == "cdp_french_broad_search"
    assert props["title"]["copy_to"] == ["all_text", "prefix_text", "spelling"]
    for field in FACET_FIELDS.values():
        assert props[field]["type"] == "keyword"
    assert props["date"]["type"] == "date"
    assert props["suggest"] == {
        "type": "completion",
        "analyzer": "cdp_autocomplete",
        "max_input_length": 50,
    }
    analyzers = index_body("x", RULES)["settings"]["analysis"]["analyzer"]
    assert "asciifolding" in analyzers["cdp_autocomplete"]["filter"]
    assert "cdp_french_stemmer" not in analyzers["cdp_autocomplete"]["filter"]
    assert "cdp_shingles" in analyzers[props["spelling"]["analyzer"]]["filter"]


def test_words_cut_short_have_an_unstemmed_field_with_indexed_beginnings():
    body = index_body("x", RULES)
    prefix_text = body["mappings"]["properties"]["prefix_text"]
    assert prefix_text == {
        "type": "text",
        "analyzer": "cdp_autocomplete",  # folded, unstemmed: « violen » begins « violences »
        "index_prefixes": {"min_chars": 4, "max_chars": 19},
    }
    for name in ("title", "summary", "body", "keywords", "documents"):
        assert "prefix_text" in body["mappings"]["properties"][name]["copy_to"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("violen", ["violen"]),
        ("autonomi des femmes", ["autonomi", "femmes"]),
        ("Plaid", ["plaid"]),
        ("Ségou", ["segou"]),
        ("VBG au Mali", ["mali"]),  # three letters and fewer: whole words only
        ("2024 l'état", ["etat"]),
        ("sans avec", ["sans"]),  # "avec" is a stop word
    ],
)
def test_words_of_four_letters_or_more_may_be_cut_short(query, expected):
    assert prefixes(query) == expected


def test_prefix_matches_rank_below_whole_words():
    body = build_search_body(SearchRequest(query="violen Mali"))
    alternatives = body["query"]["bool"]["must"][0]["bool"]
    assert alternatives["minimum_should_match"] == 1
    whole, prefixed = alternatives["should"]
    assert whole["multi_match"]["query"] == "violen Mali"
    assert prefixed == {
        "constant_score": {
            "filter": {
                "bool": {
                    "must": [
                        {"prefix": {"prefix_text": "violen"}},
                        {"prefix": {"prefix_text": "mali"}},
                    ]
                }
            },
            "boost": 0.01,
        }
    }
    # Nothing to cut short: the whole-word query alone.
    short = build_search_body(SearchRequest(query="VBG"))["query"]["bool"]["must"][0]
    assert set(short) == {"multi_match"}
    json.dumps(body)


def test_record_becomes_a_document_the_strict_mapping_accepts():
    document = record_to_document(record())
    props = index_body("x")["mappings"]["properties"]
    assert set(document) <= set(props)
    assert document["page_id"] == "1"
    assert document["date"] == "2024-03-12"
    assert document["year"] == "2024"
    assert document["communities"] == ["3"] and document["themes"] == ["7", "8"]
    assert "\x00" not in document["body"] and "\x1f" not in document["body"]
    inputs = document["suggest"]["input"]
    assert inputs[0] == "Dialogue communautaire à Ségou"
    assert "Ségou" in inputs  # "ség" completes a title that does not start with it
    json.dumps(document)


def test_record_without_date_or_year():
    document = record_to_document(record(date=None, year=None, tags=[], title=""))
    assert document["date"] is None and document["year"] is None and document["tags"] == []
    assert "suggest" not in document


# Queries


def test_plain_query_is_a_boosted_multi_match_without_query_syntax():
    body = build_search_body(SearchRequest(query="  VBG   Ségou "))
    match = whole_match(body)
    assert match["query"] == "VBG Ségou"
    assert match["fields"][0] == "title^4" and "body" in match["fields"]
    assert "all_text" in match["fields"]
    assert match["minimum_should_match"]
    assert "query_string" not in set(walk(body))
    assert "post_filter" not in body
    assert body["sort"][0] == "_score"
    assert set(body["aggs"]) == set(FACETS)
    json.dumps(body)


def test_empty_query_matches_everything_newest_first_without_highlight():
    body = build_search_body(SearchRequest(query=" \x00 "))
    assert body["query"] == {"match_all": {}}
    assert list(body["sort"][0]) == ["date"]
    assert "highlight" not in body and "suggest" not in body


def test_filters_go_to_post_filter_and_each_facet_counts_under_the_others():
    request = SearchRequest(
        query="guide",
        filters={"type": ("tool", "practice"), "community": ("3",), "year": ("2024",)},
    )
    body = build_search_body(request)
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"content_type": ["tool", "practice"]}},  # OR within a facet
                {"terms": {"communities": ["3"]}},
                {"terms": {"year": ["2024"]}},
            ]
        }
    }  # AND across facets
    type_scope = body["aggs"]["type"]["filter"]["bool"]["filter"]
    assert {"terms": {"content_type": ["tool", "practice"]}} not in type_scope
    assert {"terms": {"communities": ["3"]}} in type_scope
    assert {"terms": {"year": ["2024"]}} in type_scope
    community_scope = body["aggs"]["community"]["filter"]["bool"]["filter"]
    assert {"terms": {"communities": ["3"]}} not in community_scope
    assert {"terms": {"content_type": ["tool", "practice"]}} in community_scope
    # A facet with no other filter active counts everything the query matches.
    theme_scope = body["aggs"]["theme"]["filter"]["bool"]["filter"]
    assert len(theme_scope) == 3
    assert body["aggs"]["type"]["aggs"]["values"]["terms"]["field"] == "content_type"
    # Selected values are counted even when they fall off the top list.
    assert body["aggs"]["type"]["aggs"]["selected"]["terms"]["include"] == ["tool", "practice"]
    assert "selected" not in body["aggs"]["theme"]["aggs"]
    # The query itself is not filtered: facets must see the unfiltered result set.
    assert "filter" not in body["query"]["bool"]


def test_facet_without_other_filters_counts_the_whole_result():
    body = build_search_body(SearchRequest(query="guide", filters={"tag": ("guide",)}))
    assert body["aggs"]["tag"]["filter"] == {"match_all": {}}


def test_unknown_facets_blank_and_repeated_values_are_dropped():
    request = SearchRequest(
        filters={"colour": ("red",), "tag": ("", "guide", "guide", " "), "theme": "7", "year": ()}
    )
    assert request.filters == {"theme": ("7",), "tag": ("guide",)}
    body = build_search_body(request)
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"themes": ["7"]}}, {"terms": {"tags": ["guide"]}}]}
    }


def test_sort_by_date():
    body = build_search_body(SearchRequest(query="guide", sort=SORT_DATE))
    assert body["sort"][0] == {
        "date": {"order": "desc", "missing": "_last", "unmapped_type": "date"}
    }
    assert body["sort"][-1] == {"page_id": {"order": "asc"}}  # stable pages


@pytest.mark.parametrize(
    "page, per_page, expected",
    [
        (1, 20, (1, 20)),
        (3, 20, (3, 20)),
        (0, 20, (1, 20)),
        (-7, 20, (1, 20)),
        ("abc", "x", (1, 20)),
        (None, None, (1, 20)),
        (10**30, 20, (500, 20)),
        (float("inf"), 20, (1, 20)),
        (2, 10**9, (2, 100)),
        (10**9, 1, (MAX_RESULT_WINDOW, 1)),
    ],
)
def test_pagination_is_clamped(page, per_page, expected):
    body = build_search_body(SearchRequest(query="guide", page=page, per_page=per_page))
    assert (body["from"] // body["size"] + 1, body["size"]) == expected


def test_huge_page_stays_inside_the_result_window():
    body = build_search_body(SearchRequest(query="guide", page=10**30, per_page=20))
    assert body["from"] + body["size"] <= MAX_RESULT_WINDOW
    assert body["from"] == 9980


def test_highlight_escapes_text_and_marks_matches():
    highlight = build_search_body(SearchRequest(query="guide"))["highlight"]
    assert highlight["encoder"] == "html"
    assert highlight["pre_tags"] == ["<mark>"] and highlight["post_tags"] == ["</mark>"]
    assert set(highlight["fields"]) == {"title", "summary", "body", "documents"}
    assert highlight["fields"]["title"]["number_of_fragments"] == 0


def test_suggester_uses_the_sites_words_and_checks_the_fix_finds_pages():
    suggest = build_search_body(SearchRequest(query="excission"))["suggest"]
    assert suggest["did_you_mean"]["text"] == "excission"
    phrase = suggest["did_you_mean"]["phrase"]
    assert phrase["field"] == "spelling"
    assert phrase["direct_generator"][0]["field"] == "spelling"
    assert "{{suggestion}}" in json.dumps(phrase["collate"]["query"])


def test_autocomplete_body():
    body = build_autocomplete_body("  Ség ", limit=5)
    assert body["suggest"]["autocomplete"]["prefix"] == "Ség"
    completion = body["suggest"]["autocomplete"]["completion"]
    assert completion["field"] == "suggest" and completion["skip_duplicates"] is True
    assert completion["size"] == 10
    assert body["size"] == 0
    assert build_autocomplete_body(" \x07 ") is None
    assert build_autocomplete_body("a" * 5000)["suggest"]["autocomplete"]["prefix"] == "a" * 50
    assert (
        build_autocomplete_body("x", limit=10**9)["suggest"]["autocomplete"]["completion"]["size"]
        == 40
    )


def test_5000_character_query_is_bounded():
    body = build_search_body(SearchRequest(query="mariage " * 700))
    text = whole_match(body)["query"]
    assert len(text) <= 200 and len(text.split()) <= 32


HOSTILE = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=300),
    st.sampled_from(
        [
            '"mariage" AND (VBG OR NOT kayes)',
            "title:*ségou* ~2 ^3 /re.*/",
            "' OR 1=1; --",
            "<script>alert(1)</script>",
            "\ud800 lone surrogate \udfff",
            "\x00\x1b[31m\u202e",
            "x" * 5000,
            "{{suggestion}}",
            "\\",
            "*",
        ]
    ),
)
FILTER_VALUES = st.lists(st.one_of(HOSTILE, st.integers(), st.none()), max_size=30)


@settings(max_examples=200, deadline=None)
@given(
    query=HOSTILE,
    filters=st.dictionaries(st.sampled_from([*FACETS, "other", ""]), FILTER_VALUES, max_size=9),
    page=st.one_of(st.integers(), st.text(max_size=30), st.none(), st.floats()),
    per_page=st.one_of(st.integers(), st.none()),
    sort=st.text(max_size=20),
)
def test_any_input_gives_a_valid_request_without_query_syntax(query, filters, page, per_page, sort):
    filters = clean_filters({key: [str(v) for v in values] for key, values in filters.items()})
    request = SearchRequest(query=query, filters=filters, page=page, per_page=per_page, sort=sort)
    body = build_search_body(request)
    encoded = json.dumps(body, ensure_ascii=False).encode("utf-8")  # what the client sends
    assert b"query_string" not in encoded
    assert 0 <= body["from"] and body["from"] + body["size"] <= MAX_RESULT_WINDOW
    for value in walk(body):
        if isinstance(value, str):
            assert not any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in value)
    if "bool" in body["query"]:
        assert 0 < len(whole_match(body)["query"]) <= 200
    autocomplete = build_autocomplete_body(query)
    if autocomplete is not None:
        json.dumps(autocomplete, ensure_ascii=False).encode("utf-8")


# Response parsing (shapes recorded from Elasticsearch 8 answers)

RECORDED = {
    "took": 7,
    "timed_out": False,
    "hits": {
        "total": {"value": 42, "relation": "eq"},
        "max_score": 3.2,
        "hits": [
            {
                "_index": "cdp-pages-fr-20260101000000000000",
                "_id": "17",
                "_score": 3.2,
                "_source": {
                    "page_id": "17",
                    "title": "Fiche de signalement des VBG",
                    "url": "/outils/fiche-vbg/",
                    "content_type": "tool",
                    "summary": "Un modèle de fiche.",
                    "date": "2024-01-10",
                    "year": "2024",
                    "communities": ["2"],
                    "themes": [],
                    "tags": ["fiche"],
                    "organizations": ["5"],
                    "languages": ["fr"],
                },
                "highlight": {
                    "title": ["Fiche de signalement des <mark>VBG</mark>"],
                    "body": [
                        "Orientation des survivantes de <mark>violences</mark> &lt;b&gt; &amp; co",
                        "texte sans correspondance",
                    ],
                },
            },
            {
                "_index": "cdp-pages-fr-20260101000000000000",
                "_id": "18",
                "_score": 1.1,
                "_source": {
                    "page_id": "18",
                    "title": "Atelier <régional>",
                    "url": "/a/",
                    "content_type": "meeting",
                    "summary": "Résumé <i>court</i> & net",
                    "date": None,
                },
                "highlight": {"body": ["Le début du texte sans mot trouvé"]},
            },
            {
                "_id": "19",
                "_score": 0.5,
                "_source": {
                    "page_id": "19",
                    "title": "Sans résumé",
                    "url": "/b/",
                    "content_type": "page",
                    "summary": "",
                },
                "highlight": {
                    "summary": ["le <mark>guide</mark> d&#x27;écoute"],
                    "body": ["Début du corps"],
                },
            },
        ],
    },
    "aggregations": {
        "type": {
            "doc_count": 42,
            "values": {
                "buckets": [{"key": "tool", "doc_count": 30}, {"key": "practice", "doc_count": 12}]
            },
            "selected": {"buckets": [{"key": "tool", "doc_count": 30}]},
        },
        "community": {"doc_count": 30, "values": {"buckets": [{"key": "2", "doc_count": 30}]}},
        "year": {
            "doc_count": 30,
            "values": {
                "buckets": [{"key": "2024", "doc_count": 20}, {"key": "2023", "doc_count": 10}]
            },
            "selected": {"buckets": [{"key": "2019", "doc_count": 0}]},
        },
    },
    "suggest": {
        "did_you_mean": [
            {
                "text": "fiche vbj",
                "offset": 0,
                "length": 9,
                "options": [{"text": "fiche vbg", "score": 0.2, "collate_match": True}],
            }
        ]
    },
}


def parse(request=None):
    request = request or SearchRequest(
        query="fiche vbj", filters={"type": ("tool",), "year": ("2019",)}
    )
    return parse_search_response(RECORDED, request)


@pytest.mark.django_db
def test_hits_are_parsed():
    response = parse()
    assert response.total == 42 and response.engine == "elasticsearch"
    first = response.hits[0]
    assert (first.page_id, first.title, first.url, first.content_type) == (
        17,
        "Fiche de signalement des VBG",
        "/outils/fiche-vbg/",
        "tool",
    )
    assert first.date == datetime.date(2024, 1, 10) and first.score == 3.2
    assert response.hits[1].date is None


@pytest.mark.django_db
def test_excerpt_prefers_marked_body_passages_and_keeps_text_escaped():
    first = parse().hits[0]
    assert first.excerpt_html == (
        "Orientation des survivantes de <mark>violences</mark> &lt;b&gt; &amp; co"
    )


@pytest.mark.django_db
def test_excerpt_falls_back_to_escaped_summary_then_highlighted_summary():
    hits = parse().hits
    assert hits[1].excerpt_html == "Résumé &lt;i&gt;court&lt;/i&gt; &amp; net"
    assert hits[2].excerpt_html == "le <mark>guide</mark> d'écoute"


def test_excerpt_uses_body_start_when_nothing_else():
    raw = {
        "hits": {
            "total": {"value": 1},
            "hits": [
                {
                    "_id": "3",
                    "_source": {"page_id": "3"},
                    "highlight": {"body": ["Début <du> corps"]},
                }
            ],
        }
    }
    hit = parse_search_response(raw, SearchRequest()).hits[0]
    assert hit.excerpt_html == "Début &lt;du&gt; corps…"
    assert hit.title == "" and hit.content_type == "page"


@pytest.mark.parametrize(
    "fragment, expected",
    [
        ("a <mark>b</mark> c", "a <mark>b</mark> c"),
        ("<script>x</script><mark>y</mark>", "&lt;script&gt;x&lt;/script&gt;<mark>y</mark>"),
        ("&lt;b&gt; already escaped", "&lt;b&gt; already escaped"),
        ("<mark>open", "<mark>open</mark>"),
        ("</mark>close<mark onclick=x>", "close&lt;mark onclick=x&gt;"),
        ("", ""),
    ],
)
def test_clean_highlight(fragment, expected):
    assert clean_highlight(fragment) == expected


@pytest.mark.django_db
def test_facets_are_shown_as_every_engine_shows_them():
    facets = parse().facets
    assert list(facets) == ["type", "community", "year"]  # no empty facet
    types = {f.value: f for f in facets["type"]}
    assert types["tool"].count == 30 and types["tool"].selected
    assert types["practice"].count == 12 and not types["practice"].selected
    assert str(types["tool"].label) == "Outil ou modèle"  # facets.facet_values labels them
    assert len(facets["type"]) == 2  # "selected" bucket merged, not duplicated
    years = [(f.value, f.count, f.selected) for f in facets["year"]]
    assert years == [("2024", 20, False), ("2023", 10, False), ("2019", 0, True)]


@pytest.mark.django_db
def test_selected_value_unknown_to_the_index_is_shown_with_zero():
    request = SearchRequest(filters={"tag": ("inconnu",)})
    tags = parse_search_response(RECORDED, request).facets["tag"]
    assert [(f.value, f.count, f.selected) for f in tags] == [("inconnu", 0, True)]


@pytest.mark.django_db
def test_suggestion():
    assert parse().suggestion == "fiche vbg"


@pytest.mark.parametrize(
    "query, option, expected",
    [
        ("segou", {"text": "ségou"}, None),  # only accents differ: not a correction
        ("Fiche", {"text": "fiche"}, None),
        ("excission", {"text": "excision", "collate_match": False}, None),
        ("excission", {"text": "excision", "collate_match": True}, "excision"),
    ],
)
def test_suggestion_is_dropped_when_not_a_real_correction(query, option, expected):
    raw = {
        "hits": {"total": {"value": 0}, "hits": []},
        "suggest": {"did_you_mean": [{"text": query, "options": [option]}]},
    }
    assert parse_search_response(raw, SearchRequest(query=query)).suggestion == expected


def test_empty_answer():
    response = parse_search_response(
        {"hits": {"total": {"value": 0}, "hits": []}}, SearchRequest(query="zzz")
    )
    assert response.hits == [] and response.total == 0 and response.suggestion is None
    assert response.facets == {}


def test_autocomplete_answer_gives_distinct_titles():
    raw = {
        "suggest": {
            "autocomplete": [
                {
                    "text": "seg",
                    "options": [
                        {"text": "Ségou", "_source": {"title": "Dialogue communautaire à Ségou"}},
                        {
                            "text": "Ségou 2024",
                            "_source": {"title": "Dialogue communautaire à Ségou"},
                        },
                        {"text": "Segment", "_source": {"title": "Segment de marché"}},
                        {"text": "Sans source"},
                    ],
                }
            ]
        }
    }
    assert parse_autocomplete_response(raw, 8) == [
        "Dialogue communautaire à Ségou",
        "Segment de marché",
        "Sans source",
    ]
    assert parse_autocomplete_response(raw, 1) == ["Dialogue communautaire à Ségou"]


# Index management with a fake cluster


class FakeIndices:
    def __init__(self, cluster):
        self.cluster = cluster

    def _log(self, call, **kwargs):
        self.cluster.calls.append((call, kwargs))

    def create(self, index, settings, mappings):
        self._log("create", index=index, settings=settings)
        self.cluster.store[index] = {}

    def put_settings(self, index, settings):
        self._log("put_settings", index=index, settings=settings)

    def refresh(self, index):
        self._log("refresh", index=index)

    def get_alias(self, name):
        self._log("get_alias", name=name)
        holders = {i: {"aliases": {name: {}}} for i, a in self.cluster.aliases.items() if a == name}
        if not holders:
            raise api_error(NotFoundError, 404)
        return holders

    def exists(self, index):
        return index in self.cluster.store or index in self.cluster.aliases.values()

    def exists_alias(self, name):
        return name in self.cluster.aliases.values()

    def update_aliases(self, actions):
        self._log("update_aliases", actions=actions)
        for action in actions:  # the real API applies them atomically
            ((kind, spec),) = action.items()
            if kind == "remove":
                del self.cluster.aliases[spec["index"]]
            elif kind == "add":
                self.cluster.aliases[spec["index"]] = spec["alias"]
            elif kind == "remove_index":
                del self.cluster.store[spec["index"]]

    def get(self, index, expand_wildcards):
        prefix = index.rstrip("*")
        return {name: {} for name in self.cluster.store if name.startswith(prefix)}

    def delete(self, index):
        self._log("delete", index=index)
        if index not in self.cluster.store:
            raise api_error(NotFoundError, 404)
        del self.cluster.store[index]
        self.cluster.aliases.pop(index, None)


class FakeCluster(Elasticsearch):
    """A client that never reaches a server: indices, aliases, documents and a call log
    stand in for the requests (the client's own serializers serve ``helpers.bulk``)."""

    def __init__(self):
        super().__init__("http://unused:9200")
        self.calls = []
        self.store = {}  # index name -> {id: document}
        self.aliases = {}  # index -> alias
        self.refuse = set()  # ids the bulk API rejects
        self.indices = FakeIndices(self)

    def resolve(self, name):
        if name in self.store:
            return name
        targets = [i for i, a in self.aliases.items() if a == name]
        if not targets:
            raise api_error(NotFoundError, 404)
        return targets[0]

    def options(self, **kwargs):
        self.calls.append(("options", kwargs))
        return self

    def bulk(self, operations, **kwargs):
        operations = [json.loads(line) for line in operations]  # the NDJSON lines sent
        self.calls.append(
            ("bulk", {"count": sum("index" in o or "delete" in o for o in operations), **kwargs})
        )
        items, queue = [], list(operations)
        while queue:
            action = queue.pop(0)
            ((kind, meta),) = action.items()
            target, doc_id = self.resolve(meta["_index"]), meta["_id"]
            if kind == "delete":
                found = self.store[target].pop(doc_id, None) is not None
                items.append(
                    {
                        "delete": {
                            "_id": doc_id,
                            "status": 200 if found else 404,
                            "result": "deleted" if found else "not_found",
                        }
                    }
                )
                continue
            document = queue.pop(0)
            if doc_id in self.refuse:
                items.append(
                    {
                        "index": {
                            "_id": doc_id,
                            "status": 400,
                            "error": {"type": "mapper_parsing_exception"},
                        }
                    }
                )
            else:
                self.store[target][doc_id] = document
                items.append({"index": {"_id": doc_id, "status": 201}})
        errors = any("error" in a for item in items for a in item.values())
        return ObjectApiResponse(body={"errors": errors, "items": items}, meta=response_meta())

    def index(self, index, id, document, require_alias=False):
        self.calls.append(("index", {"index": index, "id": id, "require_alias": require_alias}))
        self.store[self.resolve(index)][id] = document

    def delete(self, index, id):
        documents = self.store[self.resolve(index)]
        if id not in documents:
            raise api_error(NotFoundError, 404)
        del documents[id]

    def count(self, index):
        return {"count": len(self.store[self.resolve(index)])}


@pytest.fixture
def cluster():
    return FakeCluster()


@pytest.fixture
def client(cluster):
    return cluster


ALIAS = "cdp-pages-fr"
T1 = datetime.datetime(2026, 1, 1, 10, 0, 0)
T2 = datetime.datetime(2026, 1, 2, 10, 0, 0)


def names(cluster):
    return [c[0] for c in cluster.calls if c[0] != "options"]


def test_first_rebuild_creates_the_alias(client, cluster):
    result = rebuild(client, ALIAS, [record(1), record(2)], RULES, now=T1)
    assert result.index == "cdp-pages-fr-20260101100000000000"
    assert result.count == 2 and result.deleted == []
    assert cluster.aliases == {result.index: ALIAS}
    assert set(cluster.store[result.index]) == {"1", "2"}
    create = cluster.calls[0]
    assert create[0] == "create"
    assert create[1]["settings"]["refresh_interval"] == "-1"
    assert create[1]["settings"]["analysis"]["filter"]["cdp_glossary"]["synonyms"] == RULES
    swap = [c for c in cluster.calls if c[0] == "update_aliases"]
    assert swap == [
        ("update_aliases", {"actions": [{"add": {"index": result.index, "alias": ALIAS}}]})
    ]


def test_rebuild_swaps_the_alias_atomically_after_filling_then_deletes_old(client, cluster):
    old = rebuild(client, ALIAS, [record(1)], RULES, now=T1).index
    cluster.calls.clear()
    seen_during_fill = []

    def progress(done):  # a search during the rebuild still sees the old, full index
        seen_during_fill.append((done, cluster.count(ALIAS)["count"], cluster.resolve(ALIAS)))

    new = rebuild(
        client, ALIAS, (record(i) for i in range(1, 1201)), RULES, progress=progress, now=T2
    )
    assert seen_during_fill == [(500, 1, old), (1000, 1, old), (1200, 1, old)]
    assert names(cluster) == [
        "create",
        "bulk",
        "bulk",
        "bulk",
        "put_settings",
        "refresh",
        "get_alias",
        "update_aliases",
        "delete",
    ]
    swap = next(c for c in cluster.calls if c[0] == "update_aliases")
    assert swap[1]["actions"] == [  # one request: never a moment without the alias
        {"remove": {"index": old, "alias": ALIAS}},
        {"add": {"index": new.index, "alias": ALIAS}},
    ]
    assert new.deleted == [old]
    assert list(cluster.store) == [new.index]
    assert cluster.count(ALIAS)["count"] == 1200
    assert (
        "put_settings",
        {"index": new.index, "settings": {"index": {"refresh_interval": None}}},
    ) in cluster.calls


def test_rebuild_failure_keeps_the_old_index_and_drops_the_new(client, cluster):
    old = rebuild(client, ALIAS, [record(1)], RULES, now=T1).index
    cluster.refuse = {"3"}
    with pytest.raises(BulkIndexError) as caught:
        rebuild(client, ALIAS, [record(2), record(3)], RULES, now=T2)
    assert [e["index"]["_id"] for e in caught.value.errors] == ["3"]
    assert cluster.aliases == {old: ALIAS}
    assert list(cluster.store) == [old]


def test_rebuild_removes_leftovers_of_crashed_rebuilds_and_squatting_index(client, cluster):
    cluster.store[ALIAS] = {"9": {}}  # auto-created concrete index with the alias's name
    cluster.store["cdp-pages-fr-20250101000000000000"] = {}  # crashed earlier rebuild
    cluster.store["cdp-pages-fr-notes"] = {}  # not ours: untouched
    result = rebuild(client, ALIAS, [record(1)], RULES, now=T1)
    swap = next(c for c in cluster.calls if c[0] == "update_aliases")
    assert {"remove_index": {"index": ALIAS}} in swap[1]["actions"]
    assert result.deleted == ["cdp-pages-fr-20250101000000000000"]
    assert set(cluster.store) == {result.index, "cdp-pages-fr-notes"}


def test_delete_records_in_one_request(client, cluster):
    rebuild(client, ALIAS, [record(1), record(2), record(3)], RULES, now=T1)
    cluster.calls.clear()
    assert indexing.delete_records(client, ALIAS, [1, 3, 99]) == 2
    assert names(cluster) == ["bulk"]
    assert indexing.count(client, ALIAS) == 1
    assert indexing.delete_records(client, ALIAS, []) == 0


def test_ensure_alias_creates_an_empty_index_once(client, cluster):
    assert indexing.ensure_alias(client, ALIAS, RULES) is True
    assert indexing.ensure_alias(client, ALIAS, RULES) is False
    assert indexing.count(client, ALIAS) == 0


def test_engine_index_management_uses_a_longer_timeout(cluster):
    engine = ElasticsearchEngine("http://unused:9200", client=cluster)
    engine.rebuild([record(1)], glossary=(RULES, {}))
    engine.index_records([record(3), record(4)])
    assert engine.count() == 3
    assert engine.delete_records([4, 99]) == 1
    assert engine.index_records([]) == 0
    assert ("options", {"request_timeout": 60.0}) in cluster.calls
    assert ("bulk", {"count": 2, "require_alias": True}) in cluster.calls  # through the alias


def test_first_index_update_creates_the_index_with_the_glossary_once(cluster):
    engine = ElasticsearchEngine("http://x:9200", client=cluster, glossary=lambda: (RULES, {}))
    assert engine.index_records([record(1)]) == 1
    assert engine.index_records([record(2)]) == 1
    creates = [c for c in cluster.calls if c[0] == "create"]
    assert len(creates) == 1
    assert creates[0][1]["settings"]["analysis"]["filter"]["cdp_glossary"]["synonyms"] == RULES
    assert engine.count() == 2


def test_engine_reads_acronyms_at_each_search(cluster):
    bodies, acronyms = [], {"AVEC": "VSLA"}

    class Recording:
        def search(self, index, body):
            bodies.append(body)
            return {"hits": {"total": {"value": 0}, "hits": []}}

    engine = ElasticsearchEngine(
        "http://x:9200", client=Recording(), glossary=lambda: ([], acronyms)
    )
    engine.search(SearchRequest(query="groupes AVEC"))
    acronyms.clear()
    engine.search(SearchRequest(query="groupes AVEC"))
    queries = [whole_match(b)["query"] for b in bodies]
    assert queries == ["groupes VSLA", "groupes AVEC"]

    def broken():
        raise DatabaseError("database down")

    engine = ElasticsearchEngine("http://x:9200", client=Recording(), glossary=broken)
    assert engine.search(SearchRequest(query="AVEC")).total == 0


def test_rebuild_uses_the_engine_acronyms_by_default(cluster):
    engine = ElasticsearchEngine(
        "http://x:9200", client=cluster, glossary=lambda: (RULES, {"AVEC": "VSLA"})
    )
    engine.rebuild([record(1)])
    create = next(c for c in cluster.calls if c[0] == "create")
    assert "cdp_acronym_0" in create[1]["settings"]["analysis"]["char_filter"]


def test_new_index_names_sort_by_time():
    assert indexing.new_index_name(ALIAS, T1) < indexing.new_index_name(ALIAS, T2)
    assert indexing.alias_name("CDP", "fr") == "cdp-pages-fr"


# Faults: every failure is EngineUnavailable, quickly


class RaisingClient:
    def __init__(self, error):
        self.error = error
        self.searches = 0

    def search(self, **kwargs):
        self.searches += 1
        if isinstance(self.error, Exception):
            raise self.error
        return self.error


@pytest.mark.parametrize(
    "error",
    [
        ConnectionTimeout("timed out"),
        ConnectionError("refused"),
        api_error(ApiError, 503),
        api_error(NotFoundError, 404),  # alias missing: never rebuilt
        {"hits": {"hits": [{"_source": {}}]}, "suggest": {"autocomplete": ["no options"]}},
        "not json",
    ],
)
def test_search_errors_become_engine_unavailable(error):
    engine = ElasticsearchEngine("http://unused:9200", client=RaisingClient(error))
    with pytest.raises(EngineUnavailable):
        engine.search(SearchRequest(query="ségou"))
    with pytest.raises(EngineUnavailable):
        engine.autocomplete("seg")


def test_indexing_errors_become_engine_unavailable():
    class Down:
        def __getattr__(self, name):
            raise ConnectionError("down")

    engine = ElasticsearchEngine("http://unused:9200", client=Down())
    for call in (
        lambda: engine.count(),
        lambda: engine.delete_records([1]),
        lambda: engine.index_records([record()]),
        lambda: engine.rebuild([], glossary=(RULES, {})),
    ):
        with pytest.raises(EngineUnavailable):
            call()


def test_blank_autocomplete_does_not_call_the_cluster():
    client = RaisingClient(ConnectionError("down"))
    assert ElasticsearchEngine("http://x:9200", client=client).autocomplete("  ") == []
    assert client.searches == 0


def test_invalid_url_is_engine_unavailable():
    with pytest.raises(EngineUnavailable):
        ElasticsearchEngine("not a url at all").search(SearchRequest(query="x"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_cluster_fails_fast():
    engine = ElasticsearchEngine(f"http://127.0.0.1:{free_port()}", timeout=0.5)
    start = time.monotonic()
    with pytest.raises(EngineUnavailable):
        engine.search(SearchRequest(query="ségou"))
    assert time.monotonic() - start < 1.5


@pytest.fixture
def silent_server():
    """Accepts connections and never answers: a cluster that hangs."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server.getsockname()[1]
    server.close()


def test_slow_cluster_times_out_without_retrying(silent_server):
    engine = ElasticsearchEngine(f"http://127.0.0.1:{silent_server}", timeout=0.4)
    start = time.monotonic()
    with pytest.raises(EngineUnavailable):
        engine.search(SearchRequest(query="ségou"))
    elapsed = time.monotonic() - start
    assert 0.3 < elapsed < 1.2  # one timeout, no retry


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    """Answers like Elasticsearch 8 with a canned body and records each request."""

    def do_POST(self):  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        self.server.requests.append((self.path, json.loads(self.rfile.read(length) or b"{}")))
        payload = json.dumps(self.server.answer).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_es():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)
    server.requests, server.answer, server.status = [], RECORDED, 200
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_search_over_http_sends_the_built_body_to_the_alias(fake_es):
    engine = ElasticsearchEngine(f"http://127.0.0.1:{fake_es.server_port}", index_prefix="test")
    request = SearchRequest(query="fiche vbj", filters={"type": ("tool",)}, page=2)
    response = engine.search(request)
    path, body = fake_es.requests[0]
    assert path.startswith("/test-pages-fr/_search")
    assert body == json.loads(json.dumps(build_search_body(request)))
    assert body["from"] == 20
    assert response.total == 42 and response.hits[0].page_id == 17
    assert response.suggestion == "fiche vbg"


def test_http_error_from_cluster_is_engine_unavailable(fake_es):
    fake_es.status, fake_es.answer = 503, {"error": {"type": "cluster_block_exception"}}
    engine = ElasticsearchEngine(f"http://127.0.0.1:{fake_es.server_port}")
    with pytest.raises(EngineUnavailable):
        engine.search(SearchRequest(query="x"))
    assert len(fake_es.requests) == 1  # no retry


# The engine from settings, as search.indexing and the view use it


def test_engine_from_settings_is_shared(settings):
    from search.engines import get_elasticsearch_engine

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX_PREFIX = "site"
    engine = get_elasticsearch_engine()
    assert engine is get_elasticsearch_engine()
    assert engine.alias == "site-pages-fr" and engine.timeout == settings.ELASTICSEARCH_READ_TIMEOUT
    other = get_elasticsearch_engine(index_prefix="test", timeout=10)
    assert other.alias == "test-pages-fr" and other.timeout == 10.0 and other is not engine
    settings.ELASTICSEARCH_URL = ""
    assert get_elasticsearch_engine() is None


def test_engine_from_settings_reads_the_editors_glossary(settings, db):
    from search.engines import get_elasticsearch_engine
    from search.glossary import bump_version
    from search.models import GlossaryTerm

    GlossaryTerm.objects.all().delete()
    GlossaryTerm.objects.create(term="VSLA", variants="AVEC\ngroupes d'épargne")
    bump_version()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:8"
    rules, acronyms = get_elasticsearch_engine().glossary()
    assert rules == ["VSLA, groupes d'épargne"]  # "AVEC" only counts in capitals
    assert acronyms == {"AVEC": "VSLA"}


# --- One source for every engine: the record's keys, the elisions, the glossary ---------------


def test_documents_and_keywords_are_indexed_with_their_weights():
    from search.engines.elasticsearch.query import TEXT_FIELDS

    document = record_to_document(record())
    assert document["documents"] == "Annexe : grille de suivi."
    assert document["keywords"] == "dialogue communautaire"
    props = index_body("x")["mappings"]["properties"]
    assert props["keywords"]["analyzer"] == props["documents"]["analyzer"] == "cdp_french"
    # Documents are weight C: below the page's body, and kept out of the catch-all field.
    assert "all_text" not in props["documents"]["copy_to"]
    boosts = dict((f.split("^") + ["1"])[:2] for f in TEXT_FIELDS)
    assert float(boosts["keywords"]) > float(boosts["body"]) > float(boosts["documents"])
    assert "documents" not in build_search_body(SearchRequest(query="x"))["_source"]
    older = {key: value for key, value in record().items() if key not in ("documents", "keywords")}
    assert record_to_document(older)["documents"] == ""


def test_elisions_are_the_database_engines_stop_words():
    from search.analysis import STOPWORDS

    analysis = index_body("x")["settings"]["analysis"]
    assert analysis["filter"]["cdp_french_elision"]["articles"] == sorted(STOPWORDS)


def test_excerpt_falls_back_to_a_matching_passage_of_the_documents():
    from search.engines.elasticsearch.query import excerpt_html

    highlight = {"body": ["Début du texte"], "documents": ["la <mark>grille</mark> de suivi"]}
    assert excerpt_html({}, highlight) == "la <mark>grille</mark> de suivi"


def test_glossary_groups_sharing_a_phrase_give_one_synonym_rule(db):
    from search.glossary import bump_version, glossary_synonym_rules
    from search.models import GlossaryTerm

    GlossaryTerm.objects.all().delete()
    GlossaryTerm.objects.create(term="MGF", variants="excision\nmutilations génitales féminines")
    GlossaryTerm.objects.create(term="PTN", variants="pratiques néfastes\nexcision")
    bump_version()
    assert glossary_synonym_rules() == [
        "MGF, excision, mutilations génitales féminines, PTN, pratiques néfastes"
    ]
