"""Quick exit: on every page, first after the skip link, a plain link to the neutral site
that also answers Shift pressed three times (GOV.UK "Exit this page")."""

import re

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from home.models import PortalSettings

from .conftest import live_data, shared_data
from .factories import every_page_type
from .html_checks import elements, focusable_links

NEUTRAL = "https://meteo.example.org/"


@pytest.fixture
def pages(request, _site_tree_pks):
    """One page of each type, the quick exit leading to NEUTRAL: built once for consecutive
    tests (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_pages)


def build_pages(site_tree):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = NEUTRAL
    settings.save()
    return every_page_type(site_tree)


def test_every_page_type_offers_quick_exit_right_after_the_skip_link(client, pages):
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), name
        html = response.content.decode()
        first, second = focusable_links(html)[:2]
        assert first[1]["href"] == "#main", name
        assert second[1]["href"] == NEUTRAL, name
        assert "noreferrer" in second[1]["rel"], name
        assert "Quitter ce site" in html, name


def test_quick_exit_note_is_linked_from_the_footer_and_the_bar(client, pages):
    html = client.get(pages["practice"]).content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/sortie-rapide/"' in footer
    assert "Sortie rapide\xa0: ce qu'elle fait" in footer
    bar = html[html.index("data-quick-exit") : html.index("<header")]
    assert 'href="/sortie-rapide/"' in bar


def test_shortcut_script_is_same_origin_and_deferred_and_nothing_inline(client, pages):
    html = client.get("/").content.decode()
    scripts = elements(html, "script")
    quick_exit = [attrs for _, attrs in scripts if "quick-exit" in attrs.get("src", "")]
    assert quick_exit and quick_exit[0]["src"].startswith("/static/") and "defer" in quick_exit[0]
    assert all(attrs.get("src") for _, attrs in scripts), "inline scripts are forbidden by the CSP"
    assert not [attrs for _, attrs in elements(html) if "style" in attrs]


def test_quick_exit_target_follows_the_site_setting(client, site_tree):
    assert (
        f'href="{PortalSettings._meta.get_field("quick_exit_url").default}"'
        in client.get("/").content.decode()
    )
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = "https://www.rfi.fr/fr/"
    settings.save()
    assert 'href="https://www.rfi.fr/fr/"' in client.get("/").content.decode()


def test_screen_reader_messages_are_in_french_and_announced_politely(client, site_tree):
    html = client.get("/").content.decode()
    ((_, root),) = [(tag, attrs) for tag, attrs in elements(html) if "data-quick-exit" in attrs]
    assert root["aria-label"] == "Sortie rapide", (
        "a named region, reachable from the landmarks list"
    )
    assert "appuyez encore 2\xa0fois" in root["data-press-two-more"]
    assert "appuyez encore 1\xa0fois" in root["data-press-one-more"]
    status = [attrs for _, attrs in elements(html, "span") if "data-quick-exit-status" in attrs]
    assert status and status[0]["role"] == "status"
    assert re.search(
        r'<span class="visually-hidden">Sortie d.urgence\xa0:\s*</span>Quitter ce site', html
    )


def test_server_error_page_keeps_the_quick_exit_without_the_database():
    """No ``db`` fixture: any query here raises, so the 500 page must not make one."""
    from home.views import server_error

    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    links = focusable_links(html)
    assert links[0][1]["href"] == "#main"
    assert links[1][1]["href"] == PortalSettings._meta.get_field("quick_exit_url").default
    assert "Le portail rencontre un problème" in html


# --- In Chromium -------------------------------------------------------------------------


@pytest.fixture
def exit_url(request, live_tree):
    """A neutral target on the live server, so that nothing leaves the machine."""
    return live_data(request, lambda: set_exit_url(live_tree))


def set_exit_url(live_tree):
    url = live_tree.url + "/robots.txt"
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = url
    settings.save()
    return url


@pytest.fixture
def practice_url(request, live_tree):
    return live_data(request, lambda: make_practice_url(live_tree))


def make_practice_url(live_tree):
    from .factories import make_organization, make_practice

    org = make_organization(live_tree, title="APROFEM")
    return live_tree.url + make_practice(org, title="Murs d'expression artistique").url


def press_shift(page, times):
    for _ in range(times):
        page.keyboard.press("Shift")


@pytest.mark.browser
def test_click_leaves_for_the_neutral_site_and_out_of_the_history(
    live_tree, exit_url, practice_url, browser_page
):
    browser_page.goto(live_tree.url + "/")
    browser_page.goto(practice_url)
    length = browser_page.evaluate("history.length")
    with browser_page.expect_navigation(url=exit_url):
        browser_page.get_by_role("link", name="Quitter ce site").click()
    assert browser_page.evaluate("history.length") == length, (
        "the practice page was replaced, not pushed"
    )
    browser_page.go_back()
    assert browser_page.url == live_tree.url + "/", "Back skips the page that was left"


@pytest.mark.browser
def test_shift_three_times_leaves(live_tree, exit_url, practice_url, browser_page):
    browser_page.goto(practice_url)
    press_shift(browser_page, 2)
    assert browser_page.url == practice_url
    with browser_page.expect_navigation(url=exit_url):
        press_shift(browser_page, 1)


@pytest.mark.browser
def test_shift_counts_while_typing_in_a_field_as_gov_uk_does(live_tree, exit_url, browser_page):
    browser_page.goto(live_tree.url + "/")
    browser_page.get_by_label("Rechercher sur le portail").click()
    with browser_page.expect_navigation(url=exit_url):
        press_shift(browser_page, 3)


@pytest.mark.browser
def test_capital_letters_and_other_keys_do_not_count(live_tree, exit_url, browser_page):
    browser_page.goto(live_tree.url + "/")
    field = browser_page.get_by_label("Rechercher sur le portail")
    field.click()
    # Shift+S then Shift+A: Shift used as a modifier is not a press of its own.
    browser_page.keyboard.press("Shift+S")
    browser_page.keyboard.press("Shift+A")
    browser_page.keyboard.press("Shift+B")
    # Two presses, a letter (resets), two presses: still four short of leaving.
    press_shift(browser_page, 2)
    browser_page.keyboard.press("x")
    press_shift(browser_page, 2)
    browser_page.wait_for_timeout(300)
    assert browser_page.url == live_tree.url + "/"
    assert field.input_value() == "SABx"


@pytest.mark.browser
def test_presses_expire_after_five_seconds(live_tree, exit_url, browser_page):
    browser_page.clock.install()
    browser_page.goto(live_tree.url + "/")
    press_shift(browser_page, 2)
    status = browser_page.locator("[data-quick-exit-status]")
    assert status.text_content() == "Touche Maj\xa0: appuyez encore 1\xa0fois pour quitter le site."
    browser_page.clock.run_for(5100)
    assert status.text_content() == ""
    press_shift(browser_page, 1)
    browser_page.wait_for_timeout(300)
    assert browser_page.url == live_tree.url + "/"
    with browser_page.expect_navigation(url=exit_url):
        press_shift(browser_page, 2)


@pytest.mark.browser
def test_button_is_a_plain_link_without_javascript(live_tree, exit_url, chromium):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="fr-FR"
    )
    try:
        page = context.new_page()
        page.goto(live_tree.url + "/")
        with page.expect_navigation(url=exit_url):
            page.get_by_role("link", name="Quitter ce site").click()
    finally:
        context.close()


@pytest.mark.browser
def test_button_is_visible_on_a_phone_even_after_scrolling(
    live_tree, exit_url, practice_url, browser_page
):
    browser_page.goto(practice_url)
    browser_page.mouse.wheel(0, 3000)
    button = browser_page.get_by_role("link", name="Quitter ce site")
    box = button.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740 and box["x"] + box["width"] <= 360
    assert box["height"] >= 24 and box["width"] >= 24  # WCAG 2.2 target size
