"""French at the site's addresses, English under /en/ (cdp_portal.i18n): the language is the
address's, never the browser's; <html lang> follows the interface and the French content is
marked lang="fr" under the English interface; every page lists its alternates and offers the
switch; links stay in the language being read; the English catalogue is complete."""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

from cdp_portal.i18n import in_interface_language, language_of_path, path_in_language
from cdp_portal.page_cache import cache_key
from events.models import FollowUpPage, MeetingKind, ResultsPage
from home.password_throttle import authenticate_with_password

from .conftest import module_data, refetched
from .factories import (
    add_page,
    every_page_type,
    make_event_index,
    make_meeting,
    make_recommendation,
)
from .html_checks import elements

BASE = Path(__file__).resolve().parent.parent
HOST = "http://localhost"


# --- Reading the pages ----------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _Languages(HTMLParser):
    """Each text of the page with the language it is declared in (the nearest lang)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attributes = dict(attrs)
        inherited = self.stack[-1][1] if self.stack else None
        self.stack.append((tag, attributes.get("lang", inherited)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and self.stack and self.stack[-1][0] not in ("script", "style", "title"):
            self.texts.append((self.stack[-1][1], text))


def texts_by_language(html):
    parser = _Languages()
    parser.feed(html)
    return parser.texts


def language_of(html, text):
    """The declared language of every text node that is ``text``."""
    return {language for language, found in texts_by_language(html) if found == text}


def alternates(html):
    return {
        attrs["hreflang"]: attrs["href"]
        for _, attrs in elements(html, "link")
        if attrs.get("rel") == "alternate" and "hreflang" in attrs
    }


def switch_links(html):
    """The language switch's links (header and footer): [(hreflang, lang, href, current)]."""
    return [
        (attrs["hreflang"], attrs.get("lang"), attrs["href"], attrs.get("aria-current"))
        for _, attrs in elements(html, "a")
        if "hreflang" in attrs
    ]


def body_links(html):
    """Internal links of the page's body, the language switch left out."""
    body = html.split("<body", 1)[1]
    body = re.sub(r'<div class="language-switch".*?</div>', "", body, flags=re.S)
    return [
        href
        for href in re.findall(r'href="(/[^"]*)"', body)
        if not href.startswith(("/static/", "/documents/", "/media/", "/admin/"))
    ]


def english(path):
    return "/en" + path


# --- The pages: one of each type, built once ---------------------------------------------------


def build_pages(tree):
    paths = every_page_type(tree)
    org = tree.organizations.get_children().first().specific
    community = tree.communities.get_children().first().specific
    agenda = make_event_index(tree)
    meeting = make_meeting(
        agenda,
        "Comité régional VBG",
        kind=MeetingKind.COMMITTEE,
        start_date=datetime.date(2025, 10, 2),
        communities=[community],
        organizers=[org],
        participants_total=40,
        summary="Le comité a fait le point sur les cas référés.",
    )
    make_recommendation(meeting, text="Former les points focaux des communes.")
    follow_up = add_page(
        tree.home, FollowUpPage(title="Suivi des recommandations", slug="suivi-des-recommandations")
    )
    results = add_page(tree.home, ResultsPage(title="Résultats", slug="resultats"))
    paths.update(
        agenda=agenda.url, meeting=meeting.url, follow_up=follow_up.url, results=results.url
    )
    titles = {
        "community": community.title,
        "organization": org.title,
        "practice": "Associations villageoises d'épargne et de crédit",
        "tool": "Guide de la médiation communautaire",
        "frame": "Mariage d'enfants",
        "standard": "À propos",
        "meeting": meeting.title,
        "follow_up": follow_up.title,
        "results": results.title,
        "agenda": agenda.title,
        "practice_index": tree.practices.title,
        "tool_index": tree.tools.title,
        "community_index": tree.communities.title,
        "organization_index": tree.organizations.title,
        "frame_index": tree.frames.title,
        "home": tree.home.title,
    }
    return {"paths": paths, "titles": titles, "meeting": meeting}


@pytest.fixture(scope="module")
def _pages(_shared_site_tree, django_db_blocker):
    with module_data(_shared_site_tree, django_db_blocker) as tree:
        yield build_pages(tree)


@pytest.fixture
def pages(_pages, site_tree):
    return refetched(_pages)


PAGE_TYPES = [
    "home",
    "community_index",
    "community",
    "organization_index",
    "organization",
    "practice_index",
    "practice",
    "tool_index",
    "tool",
    "frame_index",
    "frame",
    "standard",
    "agenda",
    "meeting",
    "follow_up",
    "results",
    "theme_list",
    "theme",
    "tag",
    "search",
]
# Pages whose <h1> is the page's own (French) title.
# Pages whose heading is their (French) title; the home page's heading is interface text
# (what the portal is), not its title.
TITLED = [
    name for name in PAGE_TYPES if name not in ("theme_list", "theme", "tag", "search", "home")
]


# --- French at the usual addresses, English under /en/ -----------------------------------------


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_french_version_is_french_throughout(client, pages, name):
    path = pages["paths"][name]
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html and "Quitter ce site" in html
    # Nothing needs its own lang in a French page but the switch's link to English.
    marked = [(tag, attrs["lang"]) for tag, attrs in elements(html) if "lang" in attrs]
    assert ("a", "en") in marked
    assert set(marked) <= {("html", "fr"), ("a", "fr"), ("a", "en")}, marked


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_english_version_has_english_interface_and_french_content_marked(client, pages, name):
    path = english(pages["paths"][name])
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert response["Content-Language"] == "en"
    for interface in ("Skip to content", "Leave this site", "Quick exit: what it does"):
        assert language_of(html, interface) == {"en"}, interface
    assert "Aller au contenu" not in html and "Quitter ce site" not in html
    if name in TITLED:
        title = pages["titles"][name]
        assert language_of(html, title) >= {"fr"}, f"{title!r} must be marked French"
        assert "en" not in language_of(html, title) - {"fr"}
        h1 = [attrs for tag, attrs in elements(html, "h1")]
        assert h1 and h1[0].get("lang") == "fr"
    # The main menu's items are French page titles.
    assert language_of(html, "Pratiques") == {"fr"}


def test_english_practice_marks_each_piece_of_content(client, pages):
    html = client.get(english(pages["paths"]["practice"])).content.decode()
    languages = dict((text, language) for language, text in texts_by_language(html))
    # Interface: headings and labels in English.
    assert languages["Organisation"] == "en"
    assert languages["Themes"] == "en" and languages["Keywords"] == "en"
    # Content: the organisation, the theme and the tags, the breadcrumbs' titles.
    assert languages["Association pour le progrès des femmes"] == "fr"
    assert languages["Mariage d'enfants"] == "fr"
    assert languages["AVEC"] == "fr" and languages["autonomisation"] == "fr"
    assert languages["Organisations"] == "fr"


def test_english_listing_marks_cards_and_content_filter_choices(client, pages):
    html = client.get(english(pages["paths"]["practice_index"])).content.decode()
    options = {attrs.get("value"): attrs for _, attrs in elements(html, "option")}
    assert options["autonomisation"].get("lang") == "fr", "a tag is content"
    assert options[""].get("lang") is None, "« All » is interface"
    assert language_of(html, "Associations villageoises d'épargne et de crédit") == {"fr"}
    assert language_of(html, "Filter the practices") == {"en"}


def test_english_body_blocks_are_marked_french(client, pages):
    html = client.get(english(pages["paths"]["standard"])).content.decode()
    marked = {tag for tag, attrs in elements(html) if attrs.get("lang") == "fr" and tag != "a"}
    assert {"h1", "div", "h2", "figure", "p"} <= marked


def test_an_unprefixed_address_stays_french_whatever_the_browser_asks(pages):
    path = pages["paths"]["practice"]
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html and "Aller au contenu" in html
    assert "Skip to content" not in html
    assert response["Content-Language"] == "fr"
    assert "accept-language" not in response.get("Vary", "").lower(), "it does not vary"


def test_an_english_browser_reaches_english_through_the_switch_only(client, pages):
    html = client.get(pages["paths"]["home"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ("en", "en", "/en/", None) in switch_links(html)
    assert "Skip to content" not in html, "no automatic English, no banner"


# --- Alternates and the switch -------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_each_page_lists_its_alternates_in_both_versions(client, pages, name):
    path = pages["paths"][name]
    canonical_path = path.split("?")[0]
    expected = {
        "fr": HOST + canonical_path,
        "en": HOST + english(canonical_path),
        "x-default": HOST + canonical_path,
    }
    for address in (path, english(path)):
        html = client.get(address).content.decode()
        assert alternates(html) == expected, address


@pytest.mark.parametrize("name", ["home", "practice", "meeting", "theme", "search"])
def test_the_switch_links_to_the_same_page_in_the_other_language(client, pages, name):
    path = pages["paths"][name]
    french = client.get(path).content.decode()
    links = switch_links(french)
    assert len(links) == 4, "in the header and in the footer"
    assert set(links) == {("fr", "fr", path, "true"), ("en", "en", english(path), None)}
    other = client.get(english(path)).content.decode()
    assert set(switch_links(other)) == {
        ("fr", "fr", path, None),
        ("en", "en", english(path), "true"),
    }


def test_the_switch_keeps_the_filters(client, pages):
    theme = pages["paths"]["theme"].strip("/").split("/")[-1]
    path = pages["paths"]["practice_index"] + f"?theme={theme}"
    html = client.get(path).content.decode()
    assert ("en", "en", english(path), None) in switch_links(html)
    # An unknown value is not carried over (the listing ignores it and says so).
    unknown = client.get(path + "&theme=inconnu").content.decode()
    assert ("en", "en", english(path), None) in switch_links(unknown)


def test_a_missing_page_has_its_language_and_no_alternates(client, pages):
    response = client.get("/en/nulle-part/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html and "Skip to content" in html
    assert alternates(html) == {}
    french = client.get("/nulle-part/")
    assert french.status_code == 404 and '<html lang="fr">' in french.content.decode()


@pytest.mark.parametrize("name", TITLED + ["theme", "tag", "search"])
def test_links_stay_in_the_language_being_read(client, pages, name):
    path = pages["paths"][name]
    english_links = body_links(client.get(english(path)).content.decode())
    assert english_links and all(href.startswith("/en/") for href in english_links), [
        href for href in english_links if not href.startswith("/en/")
    ]
    french_links = body_links(client.get(path).content.decode())
    assert french_links and not [href for href in french_links if href.startswith("/en/")]


def test_french_addresses_are_unchanged(pages):
    assert pages["paths"]["practice"].startswith("/organisations/")
    assert reverse("search") == "/recherche/"
    assert reverse("theme_list") == "/themes/"
    assert reverse("sitemap") == "/sitemap.xml"
    with translation.override("en"):
        assert reverse("search") == "/en/recherche/"
        assert pages["meeting"].url == english(pages["paths"]["meeting"])
        # Outside the language prefix: one address each.
        assert reverse("sitemap") == "/sitemap.xml"
        assert reverse("wagtailadmin_home") == "/admin/"


def test_admin_and_documents_have_no_english_prefix(client, pages):
    assert client.get("/en/admin/").status_code == 404
    assert client.get("/en/sitemap.xml").status_code == 404
    assert client.get("/admin/").status_code == 302


def test_protected_page_passwords_are_throttled_in_every_language():
    for prefix in ("", "/en"):
        path = f"{prefix}/_util/authenticate_with_password/1/2/"
        with translation.override(language_of_path(path)):  # as PathLanguageMiddleware does
            match = resolve(path)
        assert match.func is authenticate_with_password


def test_urls_kept_as_text_follow_the_interface_language():
    assert path_in_language("/pratiques/?theme=x", "en") == "/en/pratiques/?theme=x"
    assert path_in_language("/en/pratiques/", "fr") == "/pratiques/"
    assert path_in_language("/admin/pages/", "en") == "/admin/pages/"
    with translation.override("en"):
        assert in_interface_language("/pratiques/") == "/en/pratiques/"
        assert in_interface_language("/en/pratiques/") == "/en/pratiques/"
        assert in_interface_language(HOST + "/pratiques/") == HOST + "/en/pratiques/"
    with translation.override("fr"):
        assert in_interface_language("/en/pratiques/") == "/pratiques/"


def test_the_sitemap_lists_each_page_with_its_english_alternate(client, pages):
    xml = client.get(reverse("sitemap_section")).content.decode()
    practice = pages["paths"]["practice"]
    entry = re.search(rf"<url><loc>{re.escape(HOST + practice)}</loc>.*?</url>", xml)
    assert entry, "the French address stays the page's location"
    links = dict(
        re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', entry[0])
    )
    assert links == {
        "fr": HOST + practice,
        "en": HOST + english(practice),
        "x-default": HOST + practice,
    }


# --- The page cache ---------------------------------------------------------------------------


def test_the_page_cache_keys_by_the_address_language(settings, pages):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    try:
        path = pages["paths"]["practice"]
        french = Client().get(path)
        english_page = Client().get(english(path))
        assert "Aller au contenu" in french.content.decode()
        assert "Skip to content" in english_page.content.decode()
        # Kept now: an English browser on the French address still gets the French copy,
        # and the English address its own.
        again = Client().get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert again.content == french.content
        assert Client().get(english(path)).content == english_page.content
        request = RequestFactory().get(path)
        assert cache_key(request, "fr") != cache_key(request, "en")
    finally:
        cache.clear()


# --- The English catalogue ------------------------------------------------------------------

# Sources whose strings only the admin shows (members and editors): they may wait for a
# translation. Everything else is public (templates, views, forms, filters, models' choices).
ADMIN_ONLY = re.compile(
    r"^(templates/(wagtailadmin|[a-z_]+/admin)/|.*/(wagtail_hooks|admin_views|snippet_views|"
    r"member_admin|onboarding_admin|admin_visibility|page_forms|publish_gate_hooks)\.py|"
    r".*/management/|.*/migrations/)"
)


def po_entries(text):
    """(references, msgctxt, msgid, msgid_plural, [msgstr…], fuzzy) of a PO file's entries."""

    def unquote(value):
        return re.sub(
            r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), value.strip()[1:-1]
        )

    entries = []
    for block in re.split(r"\n\s*\n", text):
        # Obsolete entries ("#~ msgid …") are comments here: they have no msgid line.
        lines = block.strip().splitlines()
        references, fields, current, fuzzy = [], {}, None, False
        for line in lines:
            if line.startswith("#:"):
                references += [ref.rsplit(":", 1)[0] for ref in line[2:].split()]
            elif line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in line
            elif line.startswith('"') and current:
                fields[current] += unquote(line)
            elif not line.startswith("#"):
                match = re.match(
                    r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line
                )
                if match:
                    current = match[1]
                    fields[current] = unquote(match[2])
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        strings = [value for key, value in sorted(fields.items()) if key.startswith("msgstr")]
        entries.append(
            (
                references,
                fields.get("msgctxt"),
                fields["msgid"],
                fields.get("msgid_plural"),
                strings,
                fuzzy,
            )
        )
    return entries


def translated(entry):
    _refs, _ctx, _msgid, plural, strings, fuzzy = entry
    return not fuzzy and len(strings) == (2 if plural else 1) and all(strings)


def untranslated_public(catalogue, fragments=()):
    """msgids of ``catalogue`` used by public sources and translated neither there nor in a
    fragment (locale/fragments/*.po, the English that helpers hand in before the merge)."""
    done = {
        (entry[1], entry[2])
        for text in fragments
        for entry in po_entries(text)
        if translated(entry)
    }
    return sorted(
        entry[2]
        for entry in po_entries(catalogue)
        if not translated(entry)
        and (entry[1], entry[2]) not in done
        and any(not ADMIN_ONLY.match(reference) for reference in entry[0])
    )


def test_the_english_catalogue_translates_every_public_string():
    catalogue = (BASE / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    fragments = [
        path.read_text(encoding="utf-8")
        for path in sorted((BASE / "locale" / "fragments").glob("*.po"))
    ]
    entries = po_entries(catalogue)
    assert len(entries) > 600
    assert untranslated_public(catalogue, fragments) == []


def test_the_catalogue_check_finds_what_is_missing():
    """The check above can fail: an empty, a fuzzy and a half-translated plural entry."""
    catalogue = """msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#: templates/base.html:3
msgid "Aller au contenu"
msgstr ""

#: practices/forms.py:10
#, fuzzy
msgid "Titre"
msgstr "Title"

#: templates/search/search.html:60
#, python-format
msgid "%(counter)s résultat"
msgid_plural "%(counter)s résultats"
msgstr[0] "%(counter)s result"
msgstr[1] ""

#: events/wagtail_hooks.py:12
msgid "Importer un suivi (CSV)"
msgstr ""

#: home/views.py:20
msgid "Rechercher"
msgstr "Search"

#~ msgid "Ancien"
#~ msgstr ""
"""
    assert untranslated_public(catalogue) == ["%(counter)s résultat", "Aller au contenu", "Titre"]
    fragment = """#: templates/base.html:3
msgid "Aller au contenu"
msgstr "Skip to content"
"""
    assert untranslated_public(catalogue, [fragment]) == ["%(counter)s résultat", "Titre"]


def test_the_english_interface_uses_the_plural_forms(client, pages):
    html = client.get(english(pages["paths"]["practice_index"])).content.decode()
    assert "1 practice" in html
    html = client.get(english(pages["paths"]["organization_index"])).content.decode()
    assert re.search(r"\b1 organisation\b", html)
