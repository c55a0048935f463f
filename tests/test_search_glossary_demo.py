"""The sector's terms a visitor types find the demo content that names them, through the
glossary shipped by the data migrations (every variant of a group finds the same pages).
The demo is loaded once for the module, inside a transaction rolled back at the end."""

import pytest

from search.engines import SearchRequest, get_engine
from search.glossary import get_glossary

# (what visitors type, the start of a demo page's title it must find)
TERMS = [
    (
        [
            "MGF",
            "mutilations génitales féminines",
            "excision",
            "PTN",
            "pratiques traditionnelles néfastes",
        ],
        "Conventions d'abandon des pratiques traditionnelles néfastes",
    ),
    (
        ["VBG", "violences basées sur le genre", "violences faites aux femmes", "VSBG"],
        "Comité régional d'orientation et de suivi des questions des VBG",
    ),
    (
        ["mariage précoce", "mariage d'enfants", "mariage forcé", "mariages précoces"],
        "Cadre de concertation sur le mariage d'enfants",
    ),
    (["AVEC", "VSLA", "tontine", "tontines"], "Les groupes AVEC (VSLA) face aux crises"),
    (["PTF", "partenaires techniques et financiers"], "Gouvernorat de la région de Ségou"),
    (["CCS", "comités consultatifs de sécurité"], "Former les comités consultatifs de sécurité"),
    (["RSS", "réforme du secteur de la sécurité"], "Commissariat à la Réforme du Secteur"),
    (["CRSS"], "Commissariat à la Réforme du Secteur"),
    (["FDS", "forces de défense et de sécurité"], "Commissariat à la Réforme du Secteur"),
    (
        ["OSC", "société civile", "organisations de la société civile"],
        "Cartographie interactive des acteurs de la migration",
    ),
    (["AGR", "activités génératrices de revenus"], "Autonomisation financière des femmes"),
    (["DRPFEF", "promotion de la femme"], "Direction régionale de la Promotion de la Femme"),
    (["loi 052", "quota", "loi n°2015-052", "loi n° 2015-052"], "Application de la loi 052"),
    (["plaidoyer", "advocacy"], "Feuille de route de plaidoyer des femmes"),
    (["ONG", "organisations non gouvernementales"], "Coordination des associations et ONG"),
    (["VLF", "voix et leadership des femmes"], "Association pour la Promotion de la Femme"),
]


def titles(query):
    response = get_engine().search(SearchRequest(query=query, per_page=100))
    return [hit.title for hit in response.hits]


@pytest.mark.parametrize(("variants", "title"), TERMS, ids=[t[0][0] for t in TERMS])
def test_each_term_finds_the_demo_content_it_names(demo, variants, title):
    found = {variant: titles(variant) for variant in variants}
    for variant, hits in found.items():
        assert any(hit.startswith(title) for hit in hits), (variant, hits)
    # One glossary group: every variant finds the same pages.
    first = set(found[variants[0]])
    assert all(set(hits) == first for hits in found.values()), found


def test_mgf_and_excision_are_one_group_with_the_harmful_practices(demo):
    """No demo page says « MGF » or « excision »: they used to find nothing. Editors' rows
    sharing a phrase (« excision » under MGF and PTN) now form one group."""
    glossary = get_glossary()
    group = next(g for g in glossary.groups if "excision" in g.phrases)
    assert {"MGF", "PTN", "pratiques traditionnelles néfastes"} <= set(group.phrases)
    assert titles("excision") and titles("MGF")
