"""The public search page: what a visitor sees, with and without JavaScript, whatever is typed."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cdp_portal.middleware import MAX_URL_LENGTH
from search import query_log
from search.engines import EngineUnavailable, SearchEngine
from search.models import SearchQueryStat

from .conftest import shared_data
from .factories import make_community, make_practice, make_tool

URL = "/recherche/"


@pytest.fixture
def content(request, _site_tree_pks):
    """Two communities, a practice and a tool: built once for consecutive tests (tests/conftest.py,
    ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_content)


def build_content(site_tree):
    segou = make_community(site_tree, "Ségou", region="Ségou")
    kayes = make_community(site_tree, "Kayes", region="Kayes")
    practice = make_practice(
        site_tree.practices,
        "Dialogue communautaire à Ségou",
        summary="Les leaders religieux s'engagent contre le mariage des enfants.",
        communities=[segou],
        tags=["leaders religieux"],
    )
    tool = make_tool(
        site_tree.tools,
        "Guide <script>alert(1)</script> du mariage",
        summary="Prévenir le mariage précoce : <b>fiche</b> & conseils.",
        communities=[kayes],
        tags=["mariage"],
    )
    return {"segou": segou, "kayes": kayes, "practice": practice, "tool": tool, "tree": site_tree}


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_empty_query_shows_a_helpful_page(client, content):
    page = html(client.get(URL))
    assert "Que cherchez-vous" in page
    assert 'href="/outils/"' in page
    assert "leaders religieux" in page  # popular tags


def test_results_with_type_label_excerpt_and_facets(client, content):
    page = html(client.get(URL, {"q": "leaders"}))
    assert "Dialogue communautaire à Ségou" in page
    assert '<span class="type t-practice">' in page and "</svg>Pratique</span>" in page
    assert "Les <mark>leaders</mark> religieux" in page
    assert 'name="community"' in page and 'type="checkbox"' in page
    assert "1\xa0résultat pour «\xa0leaders\xa0»" in page
    assert 'Ségou <span class="meta">(1)</span>' in page


def test_page_and_excerpt_text_are_escaped(client, content):
    page = html(client.get(URL, {"q": "mariage"}))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>fiche</b>" not in page


def test_titles_and_excerpts_keep_their_french_spaces_and_their_marks(client, content):
    page = html(client.get(URL, {"q": "précoce"}))
    # « précoce : » never leaves « : » alone at the start of a line; the match stays marked
    # and the editor's markup stays text.
    assert "<mark>précoce</mark>\xa0: &lt;b&gt;fiche&lt;/b&gt;" in page
    make_practice(content["tree"].practices, "Projet Kafamuya : droits des migrantes")
    page = html(client.get(URL, {"q": "Kafamuya"}))
    assert "Résumé de Projet <mark>Kafamuya</mark>\xa0: droits des migrantes." in page
    assert ">Projet Kafamuya\xa0: droits des migrantes</a></h3>" in page


def test_facet_filters_combine_and_survive_pagination(client, content):
    for number in range(22):
        make_practice(
            content["tree"].practices,
            f"Causerie sur le mariage {number}",
            communities=[content["kayes"]],
        )
    kayes = content["kayes"].pk
    page = html(client.get(URL, {"q": "mariage", "community": kayes, "type": "practice"}))
    assert "22\xa0résultats" in page
    next_link = re.search(r'href="(\?[^"]*page=2[^"]*)"', page).group(1).replace("&amp;", "&")
    assert (
        f"community={kayes}" in next_link
        and "type=practice" in next_link
        and "q=mariage" in next_link
    )
    second = html(client.get(URL + next_link))
    assert "22\xa0résultats" in second
    assert 'aria-current="page">2<' in second
    assert f'value="{kayes}" checked' in second
    # The site's one pagination include; a page far past the end says so and leads back.
    assert '<nav class="pagination" aria-label="Pages de résultats">' in second
    params = {"q": "mariage", "community": kayes, "type": "practice", "page": "99999"}
    beyond = html(client.get(URL, params))
    assert "Cette page de résultats n'existe pas\xa0: il y en a 2." in beyond
    # No page of the pagination is current (the language switch's current language is).
    assert "aria-current" not in beyond.split('class="pagination"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r'href="\?[^"]*page=2"[^>]*>Aller à la dernière page', beyond)


def test_sort_by_date_is_offered_and_kept(client, content):
    page = html(client.get(URL, {"q": "mariage", "sort": "date"}))
    assert '<option value="date" selected>' in page
    assert "par pertinence</a>" in page


def test_zero_results_page_suggests_a_spelling_and_ways_out(client, content):
    page = html(client.get(URL, {"q": "mariaje"}))
    assert "0\xa0résultat pour" in page
    assert "Vouliez-vous dire" in page and "mariage" in page
    assert 'href="/outils/"' in page
    assert "leaders religieux" in page


def test_promoted_results_come_first(client, content):
    query = Query.get("mariage")
    SearchPromotion.objects.create(
        query=query, page=content["practice"], description="À lire en premier."
    )
    page = html(client.get(URL, {"q": "Mariage"}))
    assert "Recommandé par l'équipe éditoriale" in page
    assert page.index("À lire en premier.") < page.index('class="results"')


def test_fallback_notice_when_elasticsearch_is_down(client, content, settings, monkeypatch):
    class DownEngine(SearchEngine):
        name = "elasticsearch"

        def search(self, request):
            raise EngineUnavailable("timeout")

        def autocomplete(self, prefix, limit=8):
            raise EngineUnavailable("timeout")

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    monkeypatch.setattr("search.engines.get_elasticsearch_engine", lambda: DownEngine())
    page = html(client.get(URL, {"q": "segou"}))
    assert "recherche de secours" in page
    assert "Dialogue communautaire à Ségou" in page
    data = client.get(URL + "suggestions/", {"q": "dialog"}).json()
    assert data["suggestions"] == ["Dialogue communautaire à Ségou"]


def test_database_failure_is_a_clear_page_not_a_500(client, content, monkeypatch):
    def broken(self, request):
        raise RuntimeError("database gone")

    monkeypatch.setattr("search.engines.database.DatabaseEngine.search", broken)
    page = html(client.get(URL, {"q": "segou"}))
    assert "momentanément indisponible" in page


def test_autocomplete_endpoint_is_json_and_accent_insensitive(client, content):
    response = client.get(URL + "suggestions/", {"q": "dialogue seg"})
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["suggestions"] == ["Dialogue communautaire à Ségou"]
    assert client.get(URL + "suggestions/", {"q": "d"}).json()["suggestions"] == []


def test_page_loads_the_autocomplete_script_from_the_same_origin(client, content):
    page = html(client.get(URL, {"q": "segou"}))
    assert re.search(r'<script src="/static/js/search-autocomplete\.js[^"]*" defer>', page)
    assert "<script>" not in page.replace("&lt;script&gt;", "")


def test_search_page_is_small(client, content):
    assert len(client.get(URL, {"q": "mariage"}).content) < 35_000


def test_query_count_does_not_grow_with_results(client, content):
    def count(query):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"q": query}).status_code == 200
        return len(queries)

    for number in range(3):
        make_practice(content["tree"].practices, f"Veille villageoise {number}")
    count("veille")  # warm the label, site and facet caches
    few = count("veille")
    for number in range(3, 12):
        make_practice(content["tree"].practices, f"Veille villageoise {number}")
    count("veille")
    assert count("veille") == few


def test_searches_are_logged_in_batches_off_the_request_path(client, content, monkeypatch):
    monkeypatch.setattr(query_log, "BATCH_SIZE", 3)  # the buffer starts empty (conftest)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"q": "segou"})
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert not [sql for sql in writes if "searchquerystat" in sql or "task" in sql.lower()]
    client.get(URL, {"q": "introuvablexyz"})
    assert SearchQueryStat.objects.count() == 0
    client.get(URL, {"q": "Segou"})  # third search: the batch is written
    stats = {stat.query: stat for stat in SearchQueryStat.objects.all()}
    assert stats["segou"].hits == 2 and stats["segou"].zero_hits == 0
    assert stats["introuvablexyz"].zero_hits == 1


def test_personal_looking_queries_are_not_logged():
    assert query_log.normalise("awa@example.org") == ""
    assert query_log.normalise("appeler 76 12 34 56") == ""
    assert query_log.normalise("  Mariage   précoce ") == "mariage précoce"


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 4000},
        {"q": '"mariage" AND (excision OR NOT vbg)'},
        {"q": "'; DROP TABLE search_searchentry; --"},
        {"q": "<script>alert(1)</script>"},
        {"q": "\x01\x1b[31m ségou \x7f"},
        {"q": "mariage", "page": "99999999999999999999"},
        {"q": "mariage", "page": "-3"},
        {"q": "mariage", "page": "abc"},
        {"q": "mariage", "community": ["abc", "99999", ""], "year": "20x4", "type": "nope"},
        {"q": "mariage", "tag": "<b>", "language": "x" * 300, "sort": "random"},
        {"q": ["a", "b"], "page": ["1", "2"]},
        {"q": "*"},
        {"q": "-"},
        {"q": '"'},
        {"q": "NOT"},
        {"q": "l'"},
    ],
)
def test_bad_input_gives_a_clear_page(client, content, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "q=%ED%A0%80%FF%FE&page=1",
        "q=mariage&page=%00",
        "q=mariage&community=%C0",
        "q=a%00b",
        "q=" + "x" * 5000,
    ],
)
def test_unreadable_or_overlong_query_string_gives_the_400_page(client, content, query):
    response = client.get(URL + "?" + query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Cette adresse n'est pas valide" in page
    assert "Quitter ce site" in page


def test_lone_surrogates_are_dropped(rf, content):
    from django.http import QueryDict

    from search.views import search

    request = rf.get(URL)
    request.GET = QueryDict(mutable=True)
    request.GET.setlist("q", ["s\ud800égou\udfff"])
    request.GET.setlist("tag", ["\ud83d"])
    response = search(request)
    assert response.status_code == 200
    assert "Dialogue communautaire" in response.content.decode()


text_values = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    q=text_values,
    page=st.one_of(st.integers(min_value=-(10**12), max_value=10**12).map(str), text_values),
    sort=text_values,
    facets=st.dictionaries(
        st.sampled_from(["type", "community", "theme", "tag", "organization", "year", "language"]),
        st.lists(text_values, max_size=4),
        max_size=4,
    ),
)
def test_any_query_and_parameters_give_a_page(client, content, q, page, sort, facets):
    """A page, or the 400 page for NUL bytes and addresses past gunicorn's length limit."""
    params = {"q": q, "page": page, "sort": sort, **facets}
    too_long = len(URL) + len(urlencode(params, doseq=True)) > MAX_URL_LENGTH
    values = [q, page, sort, *(v for listed in facets.values() for v in listed)]
    refused = too_long or any("\x00" in value for value in values)
    response = client.get(URL, params)
    assert response.status_code == (400 if refused else 200)
    response = client.get(URL + "suggestions/", {"q": q})
    assert response.status_code == (400 if "\x00" in q else 200)


def test_unreachable_elasticsearch_falls_back_to_the_database(client, content, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.ELASTICSEARCH_READ_TIMEOUT = 0.5
    page = html(client.get(URL, {"q": "segou"}))
    assert "recherche de secours" in page
    assert "Dialogue communautaire à Ségou" in page
    # Publishing while Elasticsearch is down still updates the database index.
    make_practice(content["tree"].practices, "Cantines scolaires")
    assert "Cantines scolaires" in html(client.get(URL, {"q": "cantines"}))
