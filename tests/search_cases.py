"""French search cases every engine must pass, as plain data (no Django, no engine imports).

Engines' tests load CORPUS (as pages, or as SearchRecords with ``as_records()``), install
GLOSSARY (as glossary entries; Elasticsearch takes SYNONYM_RULES and
CASE_SENSITIVE_ACRONYMS), then run QUERY_CASES and SUGGESTION_CASES. Apart from the pages
that are meant to match them, the corpus avoids the glossary's phrases, so that an
unexpected title really is a wrong answer.
"""

import datetime
from typing import NamedTuple

# A subset of ../shared/glossary.csv: (term, variants), as editors would enter them.
GLOSSARY = [
    (
        "VBG",
        [
            "violences basées sur le genre",
            "violence basée sur le genre",
            "violences fondées sur le genre",
            "VSBG",
            "violences sexuelles et basées sur le genre",
        ],
    ),
    (
        "mariage d'enfants",
        [
            "mariage précoce",
            "mariages précoces",
            "mariage forcé",
            "mariage des enfants",
            "mariage de mineures",
        ],
    ),
    ("MGF", ["mutilations génitales féminines", "excision", "MGF/E"]),
    (
        "loi 052",
        [
            "loi n°2015-052",
            "loi 2015-052",
            "loi sur le quota",
            "quota de 30 %",
            "loi sur la représentativité",
        ],
    ),
    (
        "VSLA",
        [
            "AVEC",
            "associations villageoises d'épargne et de crédit",
            "groupes d'épargne",
            "épargne et crédit",
        ],
    ),
]

# Acronyms that are also French words count only in capitals: "AVEC" is VSLA, "avec" is not.
CASE_SENSITIVE_ACRONYMS = {"AVEC": "VSLA"}

# The glossary as Solr equivalence rules, without those acronyms (what
# ``search.glossary.glossary_synonym_rules()`` returns).
SYNONYM_RULES = [
    ", ".join(p for p in [term, *variants] if p not in CASE_SENSITIVE_ACRONYMS)
    for term, variants in GLOSSARY
]

# Pages: ``community`` is "segou", "kayes" or None; ``tags`` are slugs.
CORPUS = [
    {
        "title": "Dialogue communautaire à Ségou",
        "summary": "Causeries entre les chefs de village et les femmes leaders.",
        "body": "Trois causeries ont réuni les chefs de village, les imams et les femmes leaders.",
        "content_type": "practice",
        "community": "segou",
        "year": 2024,
        "date": "2024-03-12",
        "tags": ["dialogue"],
        "languages": [],
    },
    {
        "title": "Atelier régional à Kayes",
        "summary": "Les participantes ont élaboré une feuille de route commune.",
        "body": "L'atelier a duré deux jours dans la salle de la mairie.",
        "content_type": "meeting",
        "community": "kayes",
        "year": 2023,
        "date": "2023-11-20",
        "tags": ["atelier"],
        "languages": [],
    },
    {
        "title": "Campagne contre le mariage d'enfants",
        "summary": "Sensibilisation des parents dans douze villages.",
        "body": "Les parents et les chefs religieux ont signé un engagement public contre le "
        "mariage d'enfants.",
        "content_type": "practice",
        "community": "kayes",
        "year": 2024,
        "date": "2024-06-01",
        "tags": ["sensibilisation"],
        "languages": [],
    },
    {
        "title": "Guide sur l'autonomisation économique des femmes",
        "summary": "Un guide pratique pour les formatrices.",
        "body": "Formation en gestion de petits commerces et en tenue de cahiers de caisse.",
        "content_type": "tool",
        "community": "segou",
        "year": 2022,
        "date": "2022-09-15",
        "tags": ["guide"],
        "languages": ["fr", "bm"],
    },
    {
        "title": "Prise en charge des violences basées sur le genre",
        "summary": "Orientation vers les services de santé et d'écoute.",
        "body": "Le circuit d'orientation relie les centres de santé, la police et les juristes.",
        "content_type": "practice",
        "community": "segou",
        "year": 2023,
        "date": "2023-04-02",
        "tags": ["orientation"],
        "languages": [],
    },
    {
        "title": "Fiche de signalement des VBG",
        "summary": "Un modèle de fiche pour les points focaux.",
        "body": "La fiche se remplit sans nom ni adresse, puis part au point focal.",
        "content_type": "tool",
        "community": "kayes",
        "year": 2024,
        "date": "2024-01-10",
        "tags": ["fiche"],
        "languages": ["fr"],
    },
    {
        "title": "Plaidoyer pour l'application de la loi 052",
        "summary": "Suivi des nominations dans les conseils communaux.",
        "body": "Les organisations ont rencontré les préfets pour le suivi des nominations.",
        "content_type": "frame",
        "community": "segou",
        "year": 2021,
        "date": "2021-05-18",
        "tags": ["plaidoyer"],
        "languages": [],
    },
    {
        "title": "Lutte contre l'excision dans le cercle de Kita",
        "summary": "Dialogue inter-générationnel entre exciseuses et jeunes mères.",
        "body": "Les anciennes exciseuses ont déposé les couteaux lors d'une cérémonie publique.",
        "content_type": "practice",
        "community": "kayes",
        "year": 2022,
        "date": "2022-02-06",
        "tags": ["sante"],
        "languages": [],
    },
    {
        "title": "Caisse des femmes de Macina",
        "summary": "Une AVEC de trente membres tient ses réunions chaque semaine.",
        "body": "Les cotisations financent de petits prêts aux membres.",
        "content_type": "practice",
        "community": "segou",
        "year": 2023,
        "date": "2023-08-30",
        "tags": ["economie"],
        "languages": [],
    },
    {
        "title": "Groupes d'épargne de Niono",
        "summary": "Les membres épargnent chaque semaine.",
        "body": "Les cotisations servent à acheter des semences.",
        "content_type": "practice",
        "community": "segou",
        "year": 2021,
        "date": "2021-10-04",
        "tags": ["economie"],
        "languages": [],
    },
    {
        "title": "Émissions de radio pour les jeunes filles",
        "summary": "Des animatrices préparent chaque émission.",
        "body": "Chaque semaine une émission en bambara.",
        "content_type": "practice",
        "community": "segou",
        "year": 2022,
        "date": "2022-05-03",
        "tags": ["medias"],
        "languages": [],
    },
    {
        "title": "Clubs de lecture à Bla",
        "summary": "Une émission radiophonique annonce les séances du samedi.",
        "body": "Les clubs accueillent les jeunes filles déscolarisées du quartier.",
        "content_type": "practice",
        "community": "segou",
        "year": 2023,
        "date": "2023-02-11",
        "tags": ["lecture"],
        "languages": [],
    },
    {
        "title": "Tournoi sportif à San",
        "summary": "Une journée de matchs.",
        "body": "Les jeunes du quartier ont joué, la radio a diffusé les matchs, et les "
        "filles ont tenu la buvette.",
        "content_type": "meeting",
        "community": "segou",
        "year": 2024,
        "date": "2024-07-21",
        "tags": ["sport"],
        "languages": [],
    },
    {
        "title": "Rapport annuel de la coordination",
        "summary": "Bilan des activités de l'année écoulée.",
        "body": "Le rapport présente les dépenses et les recrutements.",
        "content_type": "page",
        "community": None,
        "year": 2024,
        "date": "2024-12-20",
        "tags": [],
        "languages": [],
    },
]

SEGOU = "Dialogue communautaire à Ségou"
KAYES = "Atelier régional à Kayes"
MARIAGE = "Campagne contre le mariage d'enfants"
AUTONOMISATION = "Guide sur l'autonomisation économique des femmes"
VBG_LONG = "Prise en charge des violences basées sur le genre"
VBG_SHORT = "Fiche de signalement des VBG"
LOI_052 = "Plaidoyer pour l'application de la loi 052"
EXCISION = "Lutte contre l'excision dans le cercle de Kita"
AVEC = "Caisse des femmes de Macina"
NIONO = "Groupes d'épargne de Niono"
REPORT = "Rapport annuel de la coordination"
RADIO = "Émissions de radio pour les jeunes filles"
READING = "Clubs de lecture à Bla"
TOURNAMENT = "Tournoi sportif à San"


class SearchCase(NamedTuple):
    query: str
    expected: tuple[str, ...]  # titles that must be among the hits
    unexpected: tuple[str, ...]  # titles that must not be
    why: str


QUERY_CASES = [
    SearchCase("segou", (SEGOU,), (KAYES, REPORT), "accents optional"),
    SearchCase("SÉGOU", (SEGOU,), (KAYES,), "any case"),
    SearchCase("KAYES", (KAYES,), (SEGOU,), "any case"),
    SearchCase("mariages", (MARIAGE,), (REPORT, SEGOU), "plural finds singular"),
    SearchCase("causerie", (SEGOU,), (KAYES,), "singular finds plural"),
    SearchCase("l'autonomisation", (AUTONOMISATION,), (REPORT,), "elision in the query"),
    SearchCase("l’autonomisation", (AUTONOMISATION,), (REPORT,), "typographic apostrophe"),
    SearchCase("autonomisation", (AUTONOMISATION,), (REPORT,), "elision in the text"),
    SearchCase("VBG", (VBG_LONG, VBG_SHORT), (MARIAGE, REPORT), "acronym finds expansion"),
    SearchCase(
        "violences basées sur le genre", (VBG_LONG, VBG_SHORT), (REPORT,), "expansion finds acronym"
    ),
    SearchCase("mariage précoce", (MARIAGE,), (REPORT, VBG_LONG), "synonym phrase"),
    SearchCase("MGF", (EXCISION,), (MARIAGE, REPORT), "acronym finds synonym"),
    SearchCase("excision", (EXCISION,), (REPORT,), "plain word"),
    SearchCase("loi sur le quota", (LOI_052,), (REPORT,), "synonym of a law's number"),
    SearchCase("VSLA", (AVEC, NIONO), (REPORT, KAYES), "English acronym finds French one"),
    SearchCase("AVEC", (AVEC, NIONO), (REPORT, KAYES), "acronym in capitals is VSLA"),
]

# Words cut short, as people type on a phone: four letters or more find what they begin.
PREFIX_CASES = [
    SearchCase("autonomi", (AUTONOMISATION,), (REPORT,), "cut short"),
    SearchCase("violen", (VBG_LONG,), (REPORT, KAYES), "cut short"),
    SearchCase("plaid", (LOI_052,), (REPORT,), "cut short"),
    SearchCase("sensibilis", (MARIAGE,), (REPORT,), "cut short, accents optional"),
    SearchCase("cotisa", (AVEC, NIONO), (REPORT, KAYES), "cut short inside the stem"),
    SearchCase("rap", (), (REPORT,), "three letters are not a prefix"),
]


class RankingCase(NamedTuple):
    query: str
    higher: str  # this title must come before …
    lower: str  # … this one
    why: str


RANKING_CASES = [
    RankingCase("radio", RADIO, TOURNAMENT, "a title match above a body match"),
    RankingCase("jeunes filles", READING, TOURNAMENT, "an exact phrase above scattered words"),
    RankingCase("radio", TOURNAMENT, READING, "a whole word above the beginning of a longer one"),
]

# (misspelt query, a word the suggestion must contain once folded)
SUGGESTION_CASES = [
    ("excission", "excision"),
    ("autonomisasion", "autonomisation"),
]


def as_records(community_ids=None, first_id=1000) -> list[dict]:
    """CORPUS as SearchRecord dicts, for engines that index records directly."""
    community_ids = community_ids or {"segou": 1, "kayes": 2}
    return [
        {
            "page_id": first_id + number,
            "content_type": page["content_type"],
            "title": page["title"],
            "summary": page["summary"],
            "body": page["body"],
            "url": f"/pages/{first_id + number}/",
            "date": datetime.date.fromisoformat(page["date"]),
            "year": page["year"],
            "communities": [community_ids[page["community"]]] if page["community"] else [],
            "themes": [],
            "tags": list(page["tags"]),
            "organizations": [],
            "languages": list(page["languages"]),
        }
        for number, page in enumerate(CORPUS)
    ]
