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


# --- The demo (``load_demo``) as a French-speaking visitor searches it ------------------
# Each case: the query, the beginnings of demo titles that must be among the hits, those
# that must not be, and why. The glossary is the one the data migrations ship.

D_SEGOU = "Ségou"  # the community page (a title of its own: matched exactly)
D_KAYES = "Kayes"
D_LOI_052 = "Application de la loi 052"
D_MARIAGE = "Mariage d'enfants"
D_CONVENTIONS = "Conventions d'abandon des pratiques traditionnelles néfastes"
D_CADRE_MARIAGE = "Cadre de concertation sur le mariage d'enfants"
D_PARTICIPATION = "Participation et représentativité des femmes"
D_AUTONOMISATION = "Autonomisation financière des femmes"
D_COMITE_VBG = "Comité régional d'orientation et de suivi des questions des VBG"
D_MURS = "Deux murs d'expressions artistiques contre les violences"
D_AVEC = "Les groupes AVEC (VSLA) face aux crises"
D_SGN = "Saving Group Network VSLA Mali"
D_ROADMAP = "Feuille de route de plaidoyer des femmes des réseaux VSLA"
D_SHE_LEADS = "Atelier national « She Leads in Crisis »"
D_OXFAM = "Consortium Oxfam G-Force Ségou"
D_GOUVERNORAT = "Gouvernorat de la région de Ségou"
D_CCS = "Former les comités consultatifs de sécurité communaux"
D_CCS_MEETING = "Ateliers de renforcement des capacités des CCS communaux"
D_CRSS = "Commissariat à la Réforme du Secteur de la Sécurité"
D_PNUD = "Programme des Nations Unies pour le Développement"
D_CARTO = "Cartographie interactive des acteurs de la migration"
D_DRPFEF = "Direction régionale de la Promotion de la Femme"
D_MPFEF = "Ministère de la Promotion de la Femme"
D_APROFEM = "Association pour la Promotion de la Femme et de l'Enfant au Mali"
D_CAFO = "Coordination des associations et ONG féminines du Mali"
D_VEILLE = "Un comité de veille médiatique"
D_VISITE = "Visite d'échange entre les CdP de Ségou et de Kayes"
D_WEBINAIRES = "Rencontres d'échanges semestrielles Ségou–Kayes par webinaire"
D_CANEVAS = "Canevas de plan de pérennisation"
D_KAFAMUYA = "Projet Kafamuya"
D_LANCEMENT = "Lancement officiel du projet « Kafamuya »"
D_UE = "Délégation de l'Union européenne au Mali"
D_CARE = "CARE Mali"
D_CISP = "CISP Mali"
D_SORTIE = "Sortie rapide"
D_MALIJET = "Malijet"
D_LEGAL = "Mentions légales"

DEMO_CASES = [
    # The sector's acronyms and their long forms (the glossary).
    SearchCase("MGF", (D_CONVENTIONS,), (D_SORTIE, D_CRSS), "acronym, no page says it"),
    SearchCase("excision", (D_CONVENTIONS,), (D_SORTIE, D_MALIJET), "harmful practice"),
    SearchCase("l'excision", (D_CONVENTIONS,), (D_SORTIE,), "elision"),
    SearchCase("L’EXCISION", (D_CONVENTIONS,), (D_SORTIE,), "capitals, typographic apostrophe"),
    SearchCase("mutilations génitales féminines", (D_CONVENTIONS,), (D_SORTIE,), "long form"),
    SearchCase("mutilation genitale feminine", (D_CONVENTIONS,), (D_SORTIE,), "no accents"),
    SearchCase("pratiques néfastes", (D_CONVENTIONS, D_MARIAGE), (D_SORTIE,), "phrase"),
    SearchCase("VBG", (D_COMITE_VBG, D_OXFAM, D_MURS), (D_SORTIE, D_MALIJET), "acronym"),
    SearchCase("vbg", (D_COMITE_VBG, D_OXFAM), (D_SORTIE,), "acronym in lower case"),
    SearchCase("VSBG", (D_COMITE_VBG, D_OXFAM), (D_SORTIE,), "variant acronym"),
    SearchCase("violences faites aux femmes", (D_MURS, D_COMITE_VBG), (D_SORTIE,), "synonym"),
    SearchCase("violence faite aux femmes", (D_MURS, D_COMITE_VBG), (D_SORTIE,), "singular"),
    SearchCase("violences basees sur le genre", (D_COMITE_VBG, D_MURS), (D_SORTIE,), "accents"),
    SearchCase("GBV", (D_COMITE_VBG,), (D_SORTIE,), "English acronym"),
    SearchCase("mariage précoce", (D_MARIAGE, D_CONVENTIONS), (D_SORTIE, D_CRSS), "synonym"),
    SearchCase("mariage d'enfants", (D_MARIAGE, D_CADRE_MARIAGE), (D_SORTIE,), "the term"),
    SearchCase("mariage d’enfants", (D_MARIAGE,), (D_SORTIE,), "typographic apostrophe"),
    SearchCase("mariages d'enfants", (D_MARIAGE,), (D_SORTIE,), "plural"),
    SearchCase("mariage forcé", (D_MARIAGE,), (D_SORTIE, D_CRSS), "synonym"),
    SearchCase("mariage force", (D_MARIAGE,), (D_SORTIE,), "no accent"),
    SearchCase("MARIAGES PRÉCOCES", (D_MARIAGE,), (D_SORTIE,), "capitals, plural"),
    SearchCase("AVEC", (D_AVEC, D_SGN), (D_SORTIE, D_CRSS), "acronym in capitals"),
    SearchCase("VSLA", (D_AVEC, D_SGN, D_ROADMAP), (D_SORTIE,), "English acronym"),
    SearchCase("tontine", (D_AVEC, D_SGN), (D_SORTIE,), "what people call it"),
    SearchCase("tontines", (D_AVEC, D_SGN), (D_SORTIE,), "plural"),
    SearchCase("groupes d'épargne", (D_AVEC, D_SGN), (D_SORTIE,), "long form"),
    SearchCase("PTF", (D_OXFAM, D_GOUVERNORAT), (D_SORTIE, D_MALIJET), "acronym"),
    SearchCase("partenaires techniques et financiers", (D_OXFAM,), (D_SORTIE,), "long form"),
    SearchCase("bailleurs", (D_OXFAM,), (D_SORTIE,), "synonym"),
    SearchCase("CCS", (D_CCS, D_CCS_MEETING, D_CRSS), (D_SORTIE, D_MALIJET), "acronym"),
    SearchCase("comités consultatifs de sécurité", (D_CCS, D_CRSS), (D_SORTIE,), "long form"),
    SearchCase("RSS", (D_CRSS, D_CCS), (D_SORTIE, D_MALIJET), "acronym"),
    SearchCase("réforme du secteur de la sécurité", (D_CRSS,), (D_SORTIE,), "long form"),
    SearchCase("reforme securite", (D_CRSS,), (D_SORTIE,), "two words, no accents"),
    SearchCase("OSC", (D_CARTO,), (D_SORTIE,), "acronym"),
    SearchCase("société civile", (D_CARTO, D_GOUVERNORAT), (D_SORTIE,), "long form"),
    SearchCase("societe civile", (D_CARTO,), (D_SORTIE,), "no accents"),
    SearchCase("AGR", (D_AUTONOMISATION, D_PARTICIPATION), (D_SORTIE, D_CRSS), "acronym"),
    SearchCase("activités génératrices de revenus", (D_AUTONOMISATION,), (D_SORTIE,), "long"),
    SearchCase("activite generatrice de revenu", (D_AUTONOMISATION,), (D_SORTIE,), "singular"),
    SearchCase("DRPFEF", (D_DRPFEF,), (D_SORTIE, D_MALIJET), "acronym"),
    SearchCase("promotion de la femme", (D_DRPFEF, D_MPFEF), (D_SORTIE,), "long form"),
    SearchCase("loi 052", (D_LOI_052, D_VEILLE), (D_SORTIE, D_MARIAGE), "law by number"),
    SearchCase("loi n°2015-052", (D_LOI_052,), (D_SORTIE,), "law's full number"),
    SearchCase("loi n° 2015-052", (D_LOI_052,), (D_SORTIE,), "with a space"),
    SearchCase("loi 2015-052", (D_LOI_052,), (D_SORTIE,), "without n°"),
    SearchCase("quota", (D_LOI_052,), (D_SORTIE,), "what the law sets"),
    SearchCase("quota de 30 %", (D_LOI_052,), (D_SORTIE,), "the figure"),
    SearchCase("quotas", (D_LOI_052,), (D_SORTIE,), "plural"),
    SearchCase("plaidoyer", (D_ROADMAP,), (D_SORTIE, D_MALIJET), "plain word"),
    SearchCase("advocacy", (D_ROADMAP,), (D_SORTIE,), "English word"),
    SearchCase("leadership féminin", (D_VEILLE, D_LOI_052), (D_SORTIE,), "tag"),
    SearchCase("leadership feminin", (D_VEILLE,), (D_SORTIE,), "no accent"),
    SearchCase("autonomisation", (D_AUTONOMISATION,), (D_SORTIE,), "plain word"),
    SearchCase("autonomisation des femmes", (D_AUTONOMISATION,), (D_SORTIE,), "phrase"),
    SearchCase("empowerment", (D_AUTONOMISATION,), (D_SORTIE,), "English word"),
    SearchCase("ONG", (D_CAFO, D_APROFEM), (D_SORTIE,), "acronym"),
    SearchCase("PNUD", (D_PNUD, D_CCS), (D_SORTIE,), "organisation acronym"),
    SearchCase("UNDP", (D_PNUD,), (D_SORTIE,), "English acronym"),
    SearchCase("UE", (D_UE, D_LANCEMENT), (D_SORTIE,), "acronym"),
    SearchCase("Union européenne", (D_UE,), (D_SORTIE,), "long form"),
    SearchCase("CRSS", (D_CRSS,), (D_SORTIE,), "acronym"),
    SearchCase("CAFO", (D_CAFO,), (D_SORTIE,), "acronym"),
    SearchCase("APROFEM", (D_APROFEM,), (D_SORTIE,), "acronym"),
    SearchCase("aprofem", (D_APROFEM,), (D_SORTIE,), "acronym in lower case"),
    SearchCase("VLF", (D_APROFEM,), (D_SORTIE,), "programme's acronym"),
    SearchCase("Musoya", (D_APROFEM, D_SEGOU), (D_SORTIE,), "programme's name"),
    SearchCase("CdP", (D_VISITE, D_CANEVAS), (D_SORTIE, D_MALIJET), "acronym"),
    SearchCase("communauté de pratique", (D_CANEVAS, D_SEGOU), (D_MALIJET,), "long form"),
    SearchCase("déplacés internes", (D_CARTO, D_KAFAMUYA), (D_SORTIE,), "synonym"),
    SearchCase("PDI", (D_CARTO,), (D_SORTIE,), "acronym"),
    SearchCase("prise en charge des survivantes", (D_OXFAM,), (D_SORTIE,), "phrase"),
    SearchCase("pérennisation", (D_CANEVAS, D_VISITE), (D_SORTIE,), "plain word"),
    SearchCase("egalite femme homme", (D_SEGOU,), (D_MALIJET,), "no accents"),
    SearchCase("cadre de concertation", (D_CADRE_MARIAGE, D_PARTICIPATION), (D_SORTIE,), "term"),
    # Places and organisations, with and without accents, any case.
    SearchCase("Ségou", (D_SEGOU, D_GOUVERNORAT), (D_MALIJET,), "place"),
    SearchCase("Segou", (D_SEGOU, D_GOUVERNORAT), (D_MALIJET,), "no accent"),
    SearchCase("SEGOU", (D_SEGOU,), (D_MALIJET,), "capitals"),
    SearchCase("Kayes", (D_KAYES, D_VISITE), (D_MALIJET, D_CRSS), "place"),
    SearchCase("kayes", (D_KAYES,), (D_MALIJET,), "lower case"),
    SearchCase("Bla", (D_CCS,), (D_SORTIE,), "a commune of three letters"),
    SearchCase("Niono", (D_CCS,), (D_SORTIE,), "commune"),
    SearchCase("Mopti", (D_KAFAMUYA, D_CARTO), (D_SORTIE,), "place"),
    SearchCase("Bamako", (D_LANCEMENT, D_CISP), (D_SORTIE,), "capital city"),
    SearchCase("Sévaré", (D_CARTO,), (D_SORTIE,), "place"),
    SearchCase("Sevare", (D_CARTO,), (D_SORTIE,), "no accent"),
    SearchCase("Katiena", (D_COMITE_VBG,), (D_SORTIE,), "no accent"),
    SearchCase("Kafamuya", (D_KAFAMUYA, D_LANCEMENT), (D_SORTIE,), "project name"),
    SearchCase("She Leads in Crisis", (D_SHE_LEADS, D_ROADMAP), (D_SORTIE,), "English name"),
    SearchCase("care mali", (D_CARE,), (D_SORTIE,), "organisation"),
    SearchCase("Oxfam", (D_OXFAM,), (D_SORTIE,), "organisation"),
    # Plurals, missing accents, words cut short on a phone.
    SearchCase("webinaires", (D_WEBINAIRES,), (D_SORTIE,), "plural"),
    SearchCase("migrantes", (D_KAFAMUYA,), (D_SORTIE,), "feminine plural"),
    SearchCase("migrant", (D_KAFAMUYA,), (D_SORTIE,), "masculine singular"),
    SearchCase("representativite", (D_PARTICIPATION,), (D_SORTIE,), "no accents"),
    SearchCase("représentation", (D_PARTICIPATION,), (D_SORTIE,), "close word"),
    SearchCase("equite", (D_SEGOU,), (D_MALIJET,), "equity: equality's glossary group"),
    SearchCase("violen", (D_MURS, D_COMITE_VBG), (D_SORTIE,), "cut short"),
    SearchCase("autonomi", (D_AUTONOMISATION,), (D_SORTIE,), "cut short"),
    SearchCase("plaid", (D_ROADMAP,), (D_SORTIE,), "cut short"),
    SearchCase("pérenni", (D_CANEVAS,), (D_SORTIE,), "cut short"),
    SearchCase("perenni", (D_CANEVAS,), (D_SORTIE,), "cut short, no accent"),
    SearchCase("cartograph", (D_CARTO,), (D_SORTIE,), "cut short"),
    SearchCase("sensibilis", (D_MURS,), (D_SORTIE,), "cut short"),
]

# (query, a title that must come first or before the other one, the other one, why)
DEMO_RANKING_CASES = [
    RankingCase("Ségou", D_SEGOU, D_OXFAM, "the page named so above pages naming it"),
    RankingCase("Kayes", D_KAYES, D_CANEVAS, "the page named so above pages naming it"),
    RankingCase("Kafamuya", D_KAFAMUYA, D_MALIJET, "a title match above a summary match"),
    RankingCase("loi 052", D_LOI_052, D_APROFEM, "a title match above a body match"),
    RankingCase("mariage d'enfants", D_MARIAGE, D_APROFEM, "a title match above a body match"),
    RankingCase("plaidoyer", D_ROADMAP, D_KAFAMUYA, "a title match above a body match"),
]

# Misspelt queries: the suggestion (« Vouliez-vous dire ») must contain the word, folded.
DEMO_SUGGESTION_CASES = [
    ("excission", "excision"),
    ("autonomisasion", "autonomisation"),
    ("violance", "violence"),
    ("segu", "segou"),
    ("pérénisation", "perennisation"),
    ("migrantte", "migrante"),
    ("webinnaire", "webinaire"),
]

# Queries with no meaningful word: no hit, a clear answer.
DEMO_EMPTY_QUERIES = ["", "   ", "le la les de", "de", "et ou", "AND OR NOT", "*", '""', "-"]

# Hostile or odd input: a page (or the 400 page for a NUL byte), never a 500.
DEMO_HOSTILE_QUERIES = [
    "excision\x00",
    "a" * 5_000,
    "violences " * 300,
    '"mariage',
    'mariage"',
    "excision*",
    "*excision",
    "NEAR(mariage enfants)",
    "NEAR(mariage enfants, 2)",
    "mariage AND enfants",
    "mariage OR excision",
    "NOT excision",
    "-excision",
    "(mariage",
    "mariage)",
    "((((",
    "title_terms:excision",
    "{title_terms}: excision",
    "^excision",
    "' OR 1=1 --",
    "'; DROP TABLE search_searchentry; --",
    "excision:*",
    "excision & mariage | !vbg",
    "<script>alert(1)</script>",
    "\ud800excision",
    "💜 violences 💜",
    "ségou\u0301",
    "١٢٣",
]
