"""Accessibility: block markup read by screen readers, and axe-core (bundled with the
axe-playwright-python package, no network) on every page type in headless Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from home.models import StandardPage

from .browser import each_width, load_at
from .conftest import live_data, shared_data
from .factories import add_page, body_with_every_block, every_page_type, make_document, make_image
from .html_checks import elements


@pytest.fixture
def body_html(request, _site_tree_pks):
    """A page's body with every block, as HTML: built once for the consecutive tests that ask
    for it (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_body_html)


def build_body_html(site_tree):
    page = add_page(
        site_tree.home,
        StandardPage(
            title="Blocs",
            body=body_with_every_block(image=make_image(), document=make_document(size=1_234_567)),
        ),
    )
    return str(page.body)


def test_heading_block_is_a_second_level_heading(body_html):
    assert "<h2>Ce que la communauté a appris</h2>" in body_html


def test_quote_names_its_speaker_and_role_in_a_caption(body_html):
    quote = body_html[body_html.index('<figure class="quote">') :]
    quote = quote[: quote.index("</figure>")]
    assert (
        "<blockquote><p>Le suivi des recommandations est la clé de notre réussite.</p></blockquote>"
        in quote
    )
    assert (
        '<figcaption><span class="quote__speaker">Présidente du comité</span>, '
        '<span class="quote__role">Gouvernorat de Ségou</span></figcaption>' in quote
    )


def test_figure_block_reads_as_number_then_what_it_counts(body_html):
    assert (
        '<p class="key-figure"><strong>41</strong>&nbsp;'
        "<span>participants au cadre sur le mariage d&#x27;enfants</span></p>" in body_html
    )


def test_document_block_shows_format_and_size_before_download(body_html):
    link = [
        attrs for _, attrs in elements(body_html, "a") if "/documents/" in attrs.get("href", "")
    ]
    assert len(link) == 1
    assert 'Télécharger le guide</a> <span class="meta">(PDF · 1,2\xa0Mo)</span>' in body_html


def test_decorative_image_has_empty_alt(site_tree):
    image = make_image()
    page = add_page(
        site_tree.home,
        StandardPage(
            title="Décor", body=[("image", {"image": image, "decorative": True, "alt_text": ""})]
        ),
    )
    ((_, attrs),) = elements(str(page.body), "img")
    assert attrs["alt"] == ""


def test_skip_link_targets_main_and_search_form_is_labelled(client, site_tree):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">Aller au contenu</a>' in html
    assert '<main id="main" tabindex="-1">' in html
    labels = {attrs["for"] for _, attrs in elements(html, "label")}
    search = [attrs for _, attrs in elements(html, "input") if attrs.get("name") == "q"]
    assert search[0]["id"] in labels
    form = [attrs for _, attrs in elements(html, "form") if attrs.get("role") == "search"]
    assert form[0]["action"] == "/recherche/" and form[0]["method"] == "get"
    navs = [attrs.get("aria-label") for _, attrs in elements(html, "nav")]
    assert "Navigation principale" in navs and "Pied de page" in navs
    for landmark in ("<header", "<main", "<footer"):
        assert html.count(landmark) == 1, landmark


# --- axe-core in Chromium ---------------------------------------------------------------

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
    "quick_exit_note",
    "theme_list",
    "theme",
    "tag",
    "search",
    "not_found",
]


@pytest.fixture
def live_pages(request, live_tree):
    return live_data(request, lambda: every_page_type(live_tree))


def axe_results(page):
    """axe-core's findings on ``page``, after checking that axe really ran there: its engine
    answered and it applied its rules (an empty run would pass every page)."""
    results = Axe().run(page).response
    assert results["testEngine"]["name"] == "axe-core", results.get("testEngine")
    assert len(results["passes"]) >= 10, "axe-core applied almost no rule"
    return results


def serious_violations(page):
    results = axe_results(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["html"][:120] for n in v["nodes"][:3])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.browser
def test_axe_finds_no_serious_violation_on_any_page_type(live_tree, live_pages, browser_page):
    failures = {}
    for name in PAGE_TYPES:
        load_at(browser_page, live_tree.url + live_pages[name], 360, 900)
        for width in each_width(browser_page, (360, 1280), 900):
            found = serious_violations(browser_page)
            if found:
                failures[f"{name}@{width}"] = found
    assert not failures, failures


SHELL = ".skip-link, .quick-exit, .site-header, .breadcrumbs, .site-footer"


@pytest.mark.browser
def test_axe_finds_nothing_at_all_in_the_shell_of_the_page(live_tree, live_pages, browser_page):
    """The parts every page shares (quick exit, header, breadcrumbs, footer): not even a
    minor or moderate finding."""
    found = []
    load_at(browser_page, live_tree.url + live_pages["practice"], 360, 900)
    for width in each_width(browser_page, (360, 1280), 900):
        for violation in axe_results(browser_page)["violations"]:
            for node in violation["nodes"]:
                in_shell = browser_page.evaluate(
                    "([selector, shell]) => !!document.querySelector(selector)?.closest(shell)",
                    [node["target"][0], SHELL],
                )
                if in_shell:
                    found.append((width, violation["id"], violation["impact"], node["html"][:80]))
    assert not found, found


@pytest.mark.browser
def test_axe_checks_the_quick_exit_status_after_a_shift_press(live_tree, browser_page):
    """The live region filled by the script must stay valid markup too."""
    browser_page.goto(live_tree.url + "/")
    browser_page.keyboard.press("Shift")
    status = browser_page.locator("[data-quick-exit-status]")
    assert "appuyez encore 2\xa0fois" in status.text_content()
    assert not serious_violations(browser_page)


# --- Languages: French at the usual addresses, English under /en/ (tests/test_languages.py) ---


def test_english_browser_keeps_the_french_page_and_english_is_under_en(client, site_tree):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr">' in html, "the address is French, whatever the browser asks"
    assert "Quitter ce site" in html and "Aller au contenu" in html
    english = client.get("/en/").content.decode()
    assert '<html lang="en">' in english, "screen readers read the English interface so"
    ((_, bar),) = [(tag, attrs) for tag, attrs in elements(english) if "data-quick-exit" in attrs]
    assert bar["aria-label"] == "Quick exit"
    assert "Leave this site" in english and "Skip to content" in english
    ((_, heading),) = elements(english, "h1")
    assert "lang" not in heading, "the home heading says what the portal is, in English"


def test_compiled_english_catalogue_matches_its_source():
    """The committed django.mo must be compiled from the current django.po."""
    import gettext
    import re
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    entries = (folder / "django.po").read_text(encoding="utf-8").split("\n\n")[1:]
    checked = 0
    for entry in entries:
        if "msgid_plural" in entry or entry.lstrip().startswith("#~") or "#, fuzzy" in entry:
            continue
        msgid = re.search(r'^msgid ((?:".*"\n)+)', entry + "\n", re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', entry + "\n", re.M)
        if not (msgid and msgstr):
            continue
        parts = [re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)) for m in (msgid, msgstr)]
        source, translation = (
            "".join(p).encode().decode("unicode_escape").encode("latin-1").decode() for p in parts
        )
        if translation:
            assert catalogue.gettext(source) == translation, source
            checked += 1
    assert checked > 100
