"""One contract, every reachable engine: the database engine always (SQLite in `make test`,
PostgreSQL when DATABASE_URL points there), Elasticsearch when CDP_TEST_ELASTICSEARCH_URL
is set. French queries a visitor would type, facets, and what must stay hidden."""

import os
import uuid

import pytest
from wagtail.models import PageViewRestriction

from practices.models import MaterialLanguage, PracticePage
from search.engines import SearchRequest, get_database_engine, get_elasticsearch_engine
from search.records import iter_records

from .conftest import module_data, refetched
from .factories import (
    ThemeFactory,
    make_community,
    make_frame,
    make_organization,
    make_practice,
    make_tool,
)

ES_URL = os.environ.get("CDP_TEST_ELASTICSEARCH_URL", "")


def _elasticsearch_engine():
    prefix = f"cdp_test_{uuid.uuid4().hex[:8]}"
    engine = get_elasticsearch_engine(url=ES_URL, index_prefix=prefix, timeout=10)
    engine.rebuild(iter_records())
    return engine


@pytest.fixture(params=["database", "elasticsearch"])
def engine_name(request):
    if request.param == "elasticsearch" and not ES_URL:
        pytest.skip("CDP_TEST_ELASTICSEARCH_URL is not set: no Elasticsearch to test against")
    return request.param


@pytest.fixture(scope="module")
def _corpus(_shared_site_tree, django_db_blocker):
    """The corpus built once for the module, on the shared tree, rolled back at its end."""
    with module_data(_shared_site_tree, django_db_blocker) as tree:
        yield build_corpus(tree)


@pytest.fixture
def corpus(_corpus, site_tree):
    """The corpus's objects, fresh from the database for each test."""
    return refetched(_corpus)


def build_corpus(tree):
    segou = make_community(tree, "Ségou", region="Ségou")
    kayes = make_community(tree, "Kayes", region="Kayes")
    child_marriage = ThemeFactory(name="Mariage d'enfants")
    participation = ThemeFactory(name="Participation des femmes")
    aprofem = make_organization(
        tree, "Association pour la promotion des femmes", acronym="APROFEM", communities=[segou]
    )
    french = MaterialLanguage.objects.get(code="fr")
    bambara = MaterialLanguage.objects.get(code="bm")
    pages = {
        "segou": make_practice(
            aprofem,
            "Dialogue communautaire à Ségou",
            summary="Les leaders religieux s'engagent contre le mariage des enfants.",
            communities=[segou],
            themes=[child_marriage],
            tags=["leaders religieux"],
        ),
        "autonomy": make_practice(
            tree.practices,
            "Groupes d'épargne des femmes",
            summary="Les groupes AVEC soutiennent l'autonomisation économique des femmes à Kayes.",
            communities=[kayes],
            themes=[participation],
            tags=["épargne"],
        ),
        "vbg": make_tool(
            tree.tools,
            "Guide pour les agents de santé",
            summary="Accueillir les survivantes de violences basées sur le genre.",
            communities=[kayes],
            languages=[french, bambara],
            year=2023,
        ),
        "mgf": make_tool(
            aprofem,
            "Fiche de sensibilisation",
            summary="Informer les familles sur les MGF et leurs conséquences.",
            communities=[segou],
            languages=[french],
            year=2021,
            tags=["sensibilisation"],
        ),
        "quota": make_frame(
            tree,
            "Représentativité des femmes élues",
            summary="Suivi de l'application du quota dans les conseils communaux.",
            communities=[segou, kayes],
            themes=[participation],
        ),
        "precoce": make_practice(
            tree.practices,
            "Comités de veille villageois",
            summary="Les comités alertent sur les mariages précoces à Kayes.",
            communities=[kayes],
            themes=[child_marriage],
        ),
        "unrelated": make_tool(
            tree.tools,
            "Registre comptable",
            summary="Tenir les comptes de trésorerie d'une association.",
            communities=[kayes],
            year=2020,
        ),
    }
    from events.models import Recommendation

    from .factories import make_event_index, make_meeting

    agenda = make_event_index(tree)
    pages["meeting"] = make_meeting(
        agenda,
        "Rencontre semestrielle de la CdP de Kayes",
        communities=[kayes],
        organizers=[aprofem],
        summary="Bilan des actions de l'année.",
    )
    Recommendation.objects.create(
        meeting=pages["meeting"], text="Créer des clubs scolaires contre le harcèlement."
    )
    draft = PracticePage(
        title="Brouillon sur l'excision", summary="Texte non publié sur l'excision."
    )
    tree.practices.add_child(instance=draft)
    draft.save_revision()
    private = make_practice(
        tree.practices, "Pratique réservée", summary="Document interne sur l'excision et les MGF."
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    return {
        "pages": pages,
        "draft": draft,
        "private": private,
        "segou": segou,
        "kayes": kayes,
        "child_marriage": child_marriage,
        "participation": participation,
        "aprofem": aprofem,
    }


@pytest.fixture
def engine(engine_name, corpus):
    if engine_name == "database":
        return get_database_engine()
    return _elasticsearch_engine()


def ids(response):
    return {hit.page_id for hit in response.hits}


def search(engine, query="", **filters):
    sort = filters.pop("sort", "relevance")
    return engine.search(SearchRequest(query=query, filters=filters, sort=sort))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("segou", "segou"),  # accents optional
        ("SÉGOU", "segou"),  # any case
        ("mariages", "segou"),  # plural finds singular
        ("sensibiliser", "mgf"),  # verb form finds the noun
        ("l'autonomisation", "autonomy"),  # elision
        ("l’autonomisation", "autonomy"),  # typographic apostrophe
        ("autonomisations", "autonomy"),
        ("VBG", "vbg"),  # acronym finds the spelt-out words
        ("vbg", "vbg"),
        ("excision", "mgf"),  # synonym
        ("mutilations génitales féminines", "mgf"),
        ("mariage d'enfants", "precoce"),  # "mariage précoce" ⇄ "mariage d'enfants"
        ("loi 052", "quota"),
        ("VSLA", "autonomy"),  # "AVEC" written in capitals
        ("representativite", "quota"),  # accent-less query, accented text
        ("élues", "quota"),
        ("harcelement", "meeting"),  # a meeting's recommendation
        ("rencontres semestrielles", "meeting"),
    ],
)
def test_french_queries_find_the_page(engine, corpus, query, expected):
    response = search(engine, query)
    assert corpus["pages"][expected].pk in ids(response), (query, [h.title for h in response.hits])


def test_unrelated_pages_drafts_and_private_pages_are_not_found(engine, corpus):
    response = search(engine, "excision")
    found = ids(response)
    assert corpus["pages"]["mgf"].pk in found
    assert corpus["draft"].pk not in found
    assert corpus["private"].pk not in found
    assert corpus["pages"]["unrelated"].pk not in found
    assert corpus["pages"]["unrelated"].pk not in ids(search(engine, "violences"))


def test_common_word_avec_is_not_the_acronym(engine, corpus):
    # "avec" in lowercase is a stop word, not the savings groups.
    assert corpus["pages"]["autonomy"].pk not in ids(search(engine, "registre avec"))


def test_misspelling_gives_a_suggestion(engine, corpus):
    response = search(engine, "mariaje")
    assert response.suggestion is not None
    assert "mariage" in response.suggestion.lower()
    assert search(engine, "mariage").suggestion is None


def test_highlighted_excerpt_escapes_text_and_marks_matches(engine, corpus):
    response = search(engine, "religieux")
    hit = next(h for h in response.hits if h.page_id == corpus["pages"]["segou"].pk)
    assert "<mark>religieux</mark>" in hit.excerpt_html
    assert "<script" not in hit.excerpt_html


def test_facets_combine_and_counts_reflect_the_other_filters(engine, corpus):
    kayes = str(corpus["kayes"].pk)
    response = search(engine, "femmes")
    everything = ids(response)
    assert {corpus["pages"]["autonomy"].pk, corpus["pages"]["quota"].pk} <= everything

    filtered = search(engine, "femmes", community=(kayes,), type=("practice",))
    assert ids(filtered) == {corpus["pages"]["autonomy"].pk}
    assert filtered.total == 1
    type_counts = {fv.value: fv.count for fv in filtered.facets["type"]}
    # The type facet ignores the type filter but applies the community filter.
    assert type_counts["practice"] == 1
    assert type_counts["frame"] == 1
    community_counts = {fv.value: fv.count for fv in filtered.facets["community"]}
    # The community facet applies the type filter only: practices about "femmes" in each
    # community (the frame, in both, is not counted; the Ségou practice names an
    # organisation "… des femmes").
    assert community_counts[kayes] == 1
    assert community_counts[str(corpus["segou"].pk)] == 1
    unfiltered = {fv.value: fv.count for fv in response.facets["community"]}
    assert unfiltered[kayes] == 2
    selected = [fv for fv in filtered.facets["community"] if fv.selected]
    assert [fv.value for fv in selected] == [kayes]
    assert selected[0].label == "Kayes"


def test_values_within_a_facet_are_ored(engine, corpus):
    response = search(engine, "", type=("tool", "frame"))
    assert ids(response) == {
        corpus["pages"][key].pk for key in ("vbg", "mgf", "quota", "unrelated")
    }


def test_tool_language_year_theme_and_organization_facets(engine, corpus):
    response = search(engine, "", type=("tool",))
    languages = {fv.value: fv.count for fv in response.facets["language"]}
    assert languages == {"fr": 2, "bm": 1}
    labels = {fv.value: fv.label for fv in response.facets["language"]}
    assert labels["bm"] == "Bambara"
    years = {fv.value: fv.count for fv in response.facets["year"]}
    assert years["2023"] == 1 and years["2021"] == 1
    by_language = search(engine, "", language=("bm",))
    assert ids(by_language) == {corpus["pages"]["vbg"].pk}
    theme = str(corpus["child_marriage"].pk)
    assert ids(search(engine, "", theme=(theme,))) == {
        corpus["pages"]["segou"].pk,
        corpus["pages"]["precoce"].pk,
    }
    organization = str(corpus["aprofem"].pk)
    found = ids(search(engine, "", organization=(organization,)))
    assert {corpus["pages"]["segou"].pk, corpus["pages"]["mgf"].pk, corpus["aprofem"].pk} <= found


def test_unknown_facet_value_finds_nothing_and_keeps_the_value_selected(engine, corpus):
    response = search(engine, "femmes", tag=("n-existe-pas",))
    assert response.total == 0 and response.hits == []
    assert [fv.value for fv in response.facets["tag"] if fv.selected] == ["n-existe-pas"]


def test_sort_by_date_and_pagination(engine, corpus):
    response = engine.search(
        SearchRequest(query="", filters={"type": ("tool",)}, sort="date", per_page=2, page=1)
    )
    assert response.total == 3
    assert [hit.date.year for hit in response.hits] == [2023, 2021]
    second = engine.search(
        SearchRequest(query="", filters={"type": ("tool",)}, sort="date", per_page=2, page=2)
    )
    assert [hit.date.year for hit in second.hits] == [2020]
    beyond = engine.search(SearchRequest(query="femmes", page=10_000))
    assert beyond.hits == [] and beyond.total > 0


def test_autocomplete_is_accent_insensitive(engine, corpus):
    assert "Dialogue communautaire à Ségou" in engine.autocomplete("dialogue comm")
    assert "Représentativité des femmes élues" in engine.autocomplete("represent")
    assert engine.autocomplete("") == []


def test_meetings_have_their_type_and_date(engine, corpus):
    response = search(engine, "", type=("meeting",))
    assert ids(response) == {corpus["pages"]["meeting"].pk}
    assert response.hits[0].date.isoformat() == "2025-10-02"
    assert {fv.value: fv.count for fv in response.facets["year"]} == {"2025": 1}


def test_hits_carry_what_the_page_shows(engine, corpus):
    response = search(engine, "registre")
    hit = response.hits[0]
    assert hit.page_id == corpus["pages"]["unrelated"].pk
    assert hit.content_type == "tool"
    assert hit.url.endswith("/")
    assert hit.title == "Registre comptable"


# --- The shared French cases (tests/search_cases.py) on the database engine ----------------
