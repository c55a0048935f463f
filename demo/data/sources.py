"""The date each public source text gives, and the source each page is written from: a page
carries its source's date as its publication date (« Mise à jour le … », the sitemap, the
listings' order), not the day the demo was loaded.

Rule: a dated text dates its pages at noon of that day (for a text about a period, the
period's last day: 002). The Ségou text (004) gives no date of its own (only the CdP's start,
February 2021, which is not when it was written): its pages carry no publication date at all
(``first_published_at`` and ``last_published_at`` empty) rather than a made-up one or the day
of the load; they come last in the « newest first » listings. Pages not written from one
text (organisations, index and standard pages) keep the day they were loaded."""

import datetime

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
}


def source_date(slug):
    """``(True, date or None)`` for a page written from a source, ``(False, None)`` otherwise."""
    if slug not in PAGE_SOURCES:
        return False, None
    return True, SOURCE_DATES[PAGE_SOURCES[slug]]
