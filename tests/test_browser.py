"""The shell of every page as a visitor meets it in Chromium: keyboard order, skip link,
visible focus, no sideways scrolling on a 360 px phone, print style, the admin under its CSP."""

import pytest

from .conftest import live_data
from .factories import every_page_type

pytestmark = pytest.mark.browser


@pytest.fixture
def live_pages(request, live_tree):
    return live_data(request, lambda: every_page_type(live_tree))


def focused(page):
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName, text: e.textContent.trim(), href: e.getAttribute('href'),"
        " id: e.id,"
        " cls: e.className, outline: getComputedStyle(e).outlineStyle,"
        " top: e.getBoundingClientRect().top, height: e.getBoundingClientRect().height}; }"
    )


def test_keyboard_meets_skip_link_then_quick_exit_then_the_site(live_tree, browser_page):
    browser_page.goto(live_tree.url + "/")
    browser_page.keyboard.press("Tab")
    skip = focused(browser_page)
    assert skip["text"] == "Aller au contenu" and skip["href"] == "#main"
    assert skip["top"] >= 0 and skip["height"] > 0, "the skip link shows when focused"
    assert skip["outline"] == "solid", "focus is visible"
    browser_page.keyboard.press("Tab")
    exit_link = focused(browser_page)
    assert (
        exit_link["text"].endswith("Quitter ce site") and "quick-exit__button" in exit_link["cls"]
    )
    assert exit_link["outline"] == "solid"


def test_skip_link_moves_focus_to_the_main_content(live_tree, browser_page):
    browser_page.goto(live_tree.url + "/")
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.press("Enter")
    assert focused(browser_page)["id"] == "main"
    browser_page.keyboard.press("Tab")
    inside_main = browser_page.evaluate(
        "document.querySelector('main').contains(document.activeElement)"
        " || document.querySelector('footer').contains(document.activeElement)"
    )
    assert inside_main, "the next Tab continues after the header, not back at the top"


def test_no_page_scrolls_sideways_on_a_360_px_phone(live_tree, live_pages, browser_page):
    too_wide = {}
    for name, url in live_pages.items():
        browser_page.goto(live_tree.url + url)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            culprits = browser_page.evaluate(
                "[...document.querySelectorAll('body *')]"
                ".filter(e => e.getBoundingClientRect().right > 361)"
                ".slice(0, 3).map(e => e.tagName + '.' + e.className)"
            )
            too_wide[name] = (width, culprits)
    assert not too_wide, too_wide


def test_search_form_works_without_javascript(live_tree, chromium):
    context = chromium.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(live_tree.url + "/")
        page.get_by_role("searchbox", name="Rechercher sur le portail").fill("mariage")
        with page.expect_navigation():
            page.get_by_role("button", name="Rechercher").click()
        assert page.url == live_tree.url + "/recherche/?q=mariage"
    finally:
        context.close()


def test_no_request_leaves_the_site_and_nothing_breaks_the_csp(live_tree, live_pages, browser_page):
    requests, problems = [], []
    browser_page.on("request", lambda request: requests.append(request.url))
    browser_page.on(
        "console", lambda message: message.type == "error" and problems.append(message.text)
    )
    browser_page.on("pageerror", lambda error: problems.append(str(error)))
    for url in live_pages.values():
        browser_page.goto(live_tree.url + url)
    assert [url for url in requests if not url.startswith(live_tree.url)] == []
    # 404 pages log "Failed to load resource" for themselves; anything else is a real problem.
    assert [p for p in problems if "404" not in p] == []


def test_print_hides_the_controls_and_keeps_the_content(live_tree, browser_page):
    browser_page.goto(live_tree.url + "/")
    browser_page.emulate_media(media="print")
    assert not browser_page.locator(".quick-exit").is_visible()
    assert not browser_page.locator(".site-search").is_visible()
    assert browser_page.locator("main h1").is_visible()


def test_wagtail_admin_editor_runs_under_its_own_policy(live_tree, browser_page):
    from accounts.models import User

    User.objects.create_superuser("editrice", "editrice@example.org", "mot-de-passe-solide-42")
    violations = []
    browser_page.on(
        "console", lambda m: "Content Security Policy" in m.text and violations.append(m.text)
    )
    browser_page.goto(live_tree.url + "/admin/login/")
    browser_page.fill("#id_username", "editrice")
    browser_page.fill("#id_password", "mot-de-passe-solide-42")
    with browser_page.expect_navigation():
        browser_page.click("button[type=submit]")
    browser_page.goto(f"{live_tree.url}/admin/pages/{live_tree.quick_exit_help.pk}/edit/")
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.locator("#id_title").input_value() == "Sortie rapide"
    # The public page with the editor's user bar stays under the strict policy.
    browser_page.goto(live_tree.url + "/")
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.locator("wagtail-userbar").count() == 1
    assert violations == [], violations
