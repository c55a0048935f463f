"""The demo searched as a French-speaking visitor would (tests/search_cases.py, DEMO_*):
the sector's terms and their long forms, places with and without accents, elisions,
plurals, words cut short, misspellings, empty and hostile input. Run on the configured
database (SQLite or PostgreSQL); the demo is loaded once for the module."""

from urllib.parse import quote

from cdp_portal.middleware import MAX_URL_LENGTH
from search.analysis import fold
from search.engines import SearchRequest, get_engine

from . import search_cases as cases

URL = "/recherche/"


def search(query):
    return get_engine().search(SearchRequest(query=query, per_page=100))


def titles(query):
    return [hit.title for hit in search(query).hits]


def found(title, hits):
    return any(
        hit == title or hit.startswith(title) and title not in ("Ségou", "Kayes") for hit in hits
    )


def test_every_demo_query_finds_what_it_names(demo):
    failures = []
    for case in cases.DEMO_CASES:
        hits = titles(case.query)
        missing = [title for title in case.expected if not found(title, hits)]
        wrong = [title for title in case.unexpected if found(title, hits)]
        if missing or wrong:
            failures.append((case.query, case.why, missing, wrong, hits[:5]))
    assert failures == []
    assert len(cases.DEMO_CASES) >= 80


def test_demo_ranking(demo):
    failures = []
    for case in cases.DEMO_RANKING_CASES:
        hits = titles(case.query)
        ranks = [
            next((i for i, hit in enumerate(hits) if found(title, [hit])), None)
            for title in (case.higher, case.lower)
        ]
        if None in ranks or ranks[0] > ranks[1]:
            failures.append((case.query, case.why, ranks, hits[:5]))
    assert failures == []


def test_demo_misspellings_get_a_suggestion(demo, client):
    failures = []
    for query, word in cases.DEMO_SUGGESTION_CASES:
        suggestion = search(query).suggestion
        if suggestion is None or word not in fold(suggestion.lower()):
            failures.append((query, suggestion))
    assert failures == []
    page = client.get(URL, {"q": "excission"}).content.decode()
    assert "Vouliez-vous dire" in page and "excision" in page


def test_demo_queries_without_a_word_find_nothing_and_say_so(demo, client):
    for query in cases.DEMO_EMPTY_QUERIES:
        assert search(query).hits == [], query
        response = client.get(URL, {"q": query})
        assert response.status_code == 200, query
        page = response.content.decode()
        assert "Aucun résultat" in page or "Que cherchez-vous" in page, query


def test_demo_hostile_queries_get_an_answer(demo, client):
    for query in cases.DEMO_HOSTILE_QUERIES:
        search(query)  # the engine copes with any text, whatever the view refuses
        address = URL + "?q=" + quote(query, safe="", errors="surrogatepass")
        # The 400 page: a NUL byte, a lone surrogate (not UTF-8), past the length limit.
        refused = "\x00" in query or "\ud800" in query or len(address) > MAX_URL_LENGTH
        response = client.get(address)
        assert response.status_code == (400 if refused else 200), query
        if response.status_code == 200:
            assert "résultat" in response.content.decode(), query
        suggestions = client.get(address.replace("?", "suggestions/?", 1))
        assert suggestions.status_code == (400 if refused else 200), query
