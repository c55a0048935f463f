"""The date each public source text gives, and the source each page is written from: a page
carries its source's date as its publication date (« Mise à jour le … », the sitemap, the
listings' order), not the day the demo was loaded.

Rule: a dated text dates its pages at noon of that day (for a text about a period, the
period's last day: 002). The Ségou text (004) gives no date of its own (only the CdP's start,
February 2021, which is not when it was written): its pages carry no publication date at all
(``first_published_at`` and ``last_published_at`` empty) rather than a made-up one or the day
of the load; they come last in the « newest first » listings.

An organisation's page is written from the text that names it (the first that does, for the
few named by several: its section in demo.data.organisations) and carries that text's date.
The pages the project writes itself (home, index and standard pages: « À propos », « Contact »…)
come from no source text: they carry no publication date either, so that no search result,
sitemap entry or data set dates them to the day of the load. A reader expects the date next to
a search result to be when its text was written; a listing's items carry their own dates."""

import datetime

from demo.data.meetings import FOLLOW_UP, INDEX, RESULTS
from demo.data.pages import HOME, INDEX_PAGES, STANDARD_PAGE_SLUGS

SOURCE_DATES = {
    # Article of 2 October 2025 on the regional VBG steering committee in Ségou.
    "000": datetime.date(2025, 10, 2),
    # Article on the « She Leads in Crisis » workshop of 13 July 2023 (the article is undated).
    "001": datetime.date(2023, 7, 13),
    # CRSS article on the CCS workshops held from 26 May to 4 June 2025.
    "002": datetime.date(2025, 6, 4),
    # Malijet article on the launch of the Kafamuya project, 10 March 2022.
    "003": datetime.date(2022, 3, 10),
    # Communities of practice of Ségou (VLF-Musoya, APROFEM): undated.
    "004": None,
}

PAGE_SOURCES = {
    # Practices
    "murs-d-expressions-artistiques": "004",
    "conventions-d-abandon-des-pratiques-nefastes": "004",
    "autonomisation-financiere-des-femmes": "004",
    "comite-de-veille-mediatique": "004",
    "echanges-entre-cdp-segou-et-kayes": "004",
    "avec-vsla-face-aux-crises": "001",
    "ccs-securite-sensible-au-genre": "002",
    "projet-kafamuya": "003",
    # Tools and templates
    "fiche-animer-une-cdp": "004",
    "canevas-plan-de-perennisation": "004",
    "feuille-de-route-plaidoyer-she-leads-in-crisis": "001",
    "film-documentaire-kafamuya": "003",
    "blog-kafamuya": "003",
    "cartographie-des-acteurs-de-la-migration": "003",
    "groupes-de-parole-therapeutiques": "003",
    # Meetings
    "comite-regional-vbg-2-octobre-2025": "000",
    "atelier-she-leads-in-crisis-2023": "001",
    "ateliers-ccs-communaux-segou-2025": "002",
    "lancement-projet-kafamuya-2022": "003",
    "cadre-de-concertation-mariage-d-enfants": "004",
    "cadre-de-concertation-participation-des-femmes": "004",
    "cadre-de-concertation-loi-052": "004",
    "murs-d-expressions-artistiques-segou": "004",
    "visite-d-echange-segou-kayes": "004",
    "webinaires-semestriels-segou-kayes": "004",
    # Concertation frames and communities
    "mariage-d-enfants": "004",
    "participation-et-representativite-des-femmes": "004",
    "application-de-la-loi-052": "004",
    "segou": "004",
    "kayes": "004",
    # Organisations, by the text that names them (demo.data.organisations, by section).
    **dict.fromkeys(("aprofem", "drpfef-segou"), "004"),
    **dict.fromkeys(
        (
            "comite-regional-vbg-segou",
            "gouvernorat-segou",
            "mairie-segou",
            "prefecture-segou",
            "oxfam-g-force-segou",
            "cafo",
        ),
        "000",
    ),
    **dict.fromkeys(("care-mali", "care-us", "amapros", "assafe", "sgn-vsla", "mpfef"), "001"),
    **dict.fromkeys(("pnud", "crss"), "002"),
    **dict.fromkeys(
        ("cisp", "ue", "ministere-maliens-exterieur", "amsode", "atc", "aracem", "cas", "malijet"),
        "003",
    ),
}

# Written by the project, from no source text: no publication date.
PROJECT_PAGES = {
    HOME["slug"],
    *(slug for _, slug, _, _ in INDEX_PAGES),
    *(page["slug"] for page in (INDEX, FOLLOW_UP, RESULTS)),
    *STANDARD_PAGE_SLUGS,
}


def source_date(slug):
    """``(True, date or None)`` for a page written from a source, ``(False, None)`` otherwise."""
    if slug in PROJECT_PAGES:
        return True, None
    if slug not in PAGE_SOURCES:
        return False, None
    return True, SOURCE_DATES[PAGE_SOURCES[slug]]
