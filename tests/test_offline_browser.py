"""Offline reading in Chromium: the service worker keeps the public pages visited and serves
them when the network is gone; never the admin nor a search; « Garder hors ligne » keeps a
page with its documents, listed on /hors-ligne/ (screenshots at 360 px)."""

import os
from pathlib import Path

import pytest

from practices.models import PracticeAttachment

from .conftest import live_data
from .factories import (
    make_community,
    make_document,
    make_image,
    make_organization,
    make_practice,
    publish,
)

pytestmark = pytest.mark.browser

SCREENSHOT_DIR = Path(
    os.environ.get("SCREENSHOT_DIR")
    or Path(__file__).resolve().parent.parent / ".test-artifacts" / "screenshots"
)

CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const url = new URL(request.url);
      urls.push(url.pathname + url.search);
    }
  }
  return urls;
}"""


@pytest.fixture
def practice(request, live_tree):
    page = live_data(request, lambda: build_practice(live_tree))
    page.document = PracticeAttachment.objects.get(page=page).document
    return page


def build_practice(live_tree):
    segou = make_community(live_tree, title="Ségou", region="Ségou")
    org = make_organization(live_tree, title="APROFEM", communities=[segou])
    page = make_practice(
        org,
        title="Dialogue avec les chefs de village",
        summary="Des rencontres pour que les femmes siègent dans les conseils.",
        communities=[segou],
        approach="<p>Rencontres trimestrielles avec les chefs et les conseillers.</p>",
    )
    document = make_document("Rapport de la pratique", size=40_000)
    PracticeAttachment.objects.create(page=page, document=document)
    publish(page)
    return page


def controlled(page, base_url):
    """Opens the site and waits until the service worker controls the page."""
    page.goto(base_url + "/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def wait_until_kept(page, path):
    page.wait_for_function(
        f"(async () => (await (await caches.open('cdp-pages-v1')).keys())"
        f".some(r => new URL(r.url).pathname === {path!r}))()"
    )


def test_a_visited_page_is_read_offline_but_never_the_admin_nor_a_search(
    live_tree, practice, browser_page
):
    base = live_tree.url
    controlled(browser_page, base)
    browser_page.goto(base + practice.url)
    wait_until_kept(browser_page, practice.url)
    browser_page.goto(base + "/admin/login/")
    browser_page.goto(base + "/recherche/?q=mariage")
    assert browser_page.locator("main").is_visible()
    browser_page.goto(base + "/hors-ligne/")

    browser_page.context.set_offline(True)
    browser_page.goto(base + practice.url)
    assert browser_page.locator("h1").inner_text() == "Dialogue avec les chefs de village"
    # A search is never kept: offline, the « hors ligne » page answers instead.
    browser_page.goto(base + "/recherche/?q=mariage")
    assert browser_page.locator("h1").inner_text() == "Lecture hors ligne"

    kept = browser_page.evaluate(CACHED_URLS)
    assert practice.url in kept
    assert not [url for url in kept if url.startswith("/admin")], kept
    assert not [url for url in kept if "recherche" in url or "q=" in url], kept
    assert not [url for url in kept if url.startswith("/documents/")], kept


def test_keep_offline_then_read_it_and_its_document_without_network(
    live_tree, practice, browser_page
):
    base = live_tree.url
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    controlled(browser_page, base)
    browser_page.goto(base + practice.url)
    section = browser_page.locator("[data-keep-offline]")
    section.scroll_into_view_if_needed()
    assert "Cette page et son document (" in section.inner_text()
    browser_page.screenshot(path=SCREENSHOT_DIR / "offline-keep-360.png")
    browser_page.get_by_role("button", name="Garder hors ligne").click()
    status = section.locator("[data-keep-status]")
    status.filter(has_text="Gardée hors ligne").wait_for()
    assert browser_page.get_by_role("button", name="Retirer de la lecture hors ligne").is_visible()
    browser_page.screenshot(path=SCREENSHOT_DIR / "offline-kept-360.png")

    browser_page.context.set_offline(True)
    browser_page.goto(base + "/hors-ligne/")
    kept_list = browser_page.locator("[data-offline-results]")
    kept_list.get_by_role("heading", name="Gardées hors ligne").wait_for()
    assert "Dialogue avec les chefs de village" in kept_list.inner_text()
    browser_page.screenshot(path=SCREENSHOT_DIR / "offline-list-360.png", full_page=True)
    status = browser_page.evaluate(
        f"fetch({practice.document.url!r})"
        ".then(r => r.status + ' ' + r.headers.get('Content-Type'))"
    )
    assert status == "200 application/pdf"
    browser_page.get_by_role("link", name="Dialogue avec les chefs de village").click()
    browser_page.wait_for_load_state()
    assert browser_page.locator("h1").inner_text() == "Dialogue avec les chefs de village"
    browser_page.screenshot(path=SCREENSHOT_DIR / "offline-practice-360.png")

    # « Retirer » on /hors-ligne/ removes the page and its document.
    browser_page.goto(base + "/hors-ligne/")
    kept_list.get_by_role("heading", name="Gardées hors ligne").wait_for()
    browser_page.wait_for_function(
        f"(async () => (await caches.match({practice.document.url!r})) !== undefined)()"
    )
    kept_list.get_by_role("button", name="Retirer").click()
    browser_page.wait_for_function(
        "(async () => (await (await caches.open('cdp-kept-v1')).keys()).length === 0)()"
    )
    kept = browser_page.evaluate(CACHED_URLS)
    assert not [url for url in kept if url.startswith("/documents/")], kept


def test_the_images_of_a_visited_page_show_offline(live_tree, practice, browser_page):
    practice.main_image = make_image("Réunion avec les chefs", width=800, height=500)
    publish(practice)
    base = live_tree.url
    controlled(browser_page, base)
    browser_page.goto(base + practice.url)
    wait_until_kept(browser_page, practice.url)
    hero = browser_page.locator(".hero-image img")
    browser_page.wait_for_function(
        "(async () => (await (await caches.open('cdp-images-v1')).keys()).length > 0)()"
    )

    browser_page.context.set_offline(True)
    browser_page.reload()
    assert browser_page.locator("h1").inner_text() == "Dialogue avec les chefs de village"
    hero.wait_for()
    assert browser_page.evaluate(
        "img => img.complete && img.naturalWidth > 0", hero.element_handle()
    )
    kept = browser_page.evaluate(CACHED_URLS)
    assert any(url.startswith("/media/images/") for url in kept), kept
    # The admin's images are never kept: the admin's pages are not.
    assert not [url for url in kept if url.startswith("/admin")], kept
