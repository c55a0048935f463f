import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from wagtail.models import Page, Site

from home.content_version import bump_content_version
from home.models import CommunityIndexPage, HomePage, OrganizationIndexPage, StandardPage
from practices.models import ConcertationFrameIndexPage, PracticeIndexPage, ToolIndexPage

from .factories import add_page, publish

# Rows that data migrations create. Tests on live_server (transactional) flush every table,
# so the tests that run after them on the same worker would otherwise find these missing.
MIGRATION_DATA = [
    (
        "practices.migrations.0002_material_languages",
        "create_languages",
        "practices.MaterialLanguage",
    ),
    ("search.migrations.0003_glossary_initial_data", "load", "search.GlossaryTerm"),
    ("search.migrations.0008_glossary_sector_terms", "load", "search.GlossaryTerm"),
]


def restore_migration_data():
    import importlib

    from django.apps import apps

    from search.glossary import bump_version

    empty = {
        label for _module, _function, label in MIGRATION_DATA
        if not apps.get_model(label).objects.exists()
    }
    for module_name, function_name, model_label in MIGRATION_DATA:
        if model_label in empty:
            getattr(importlib.import_module(module_name), function_name)(apps, None)
    bump_version()


@pytest.fixture(autouse=True)
def fresh_content_version():
    """Each test starts from a new query-budget content version (home.content_version):
    values cached for a previous test's rolled-back content are never read again."""
    bump_content_version()


@pytest.fixture
def initial_data(db):
    """The data migrations' rows (languages, glossary), restored if a flush removed them."""
    restore_migration_data()


def build_site_tree():
    """``site_tree``'s work, for module-scoped fixtures that build their data once."""
    restore_migration_data()
    root = Page.objects.get(depth=1)
    for page in root.get_children():
        page.delete()
    home = HomePage(title="Accueil", slug="accueil")
    root.add_child(instance=home)
    publish(home)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Portail des CdP",
    )
    tree = SimpleNamespace(home=home)
    tree.communities = add_page(
        home, CommunityIndexPage(title="Communautés", slug="communautes", show_in_menus=True)
    )
    tree.organizations = add_page(
        home, OrganizationIndexPage(title="Organisations", slug="organisations", show_in_menus=True)
    )
    tree.practices = add_page(
        home, PracticeIndexPage(title="Pratiques", slug="pratiques", show_in_menus=True)
    )
    tree.tools = add_page(
        home, ToolIndexPage(title="Outils et modèles", slug="outils", show_in_menus=True)
    )
    tree.frames = add_page(
        home,
        ConcertationFrameIndexPage(
            title="Cadres de concertation", slug="cadres-de-concertation", show_in_menus=True
        ),
    )
    tree.quick_exit_help = add_page(home, StandardPage(title="Sortie rapide", slug="sortie-rapide"))
    return tree


@pytest.fixture
def site_tree(db):
    """The portal's skeleton, built for each test (see ``build_site_tree``)."""
    return build_site_tree()


# --- Browser tests (headless Chromium from Debian; Playwright cannot download browsers here) ---

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium: apt-get install chromium")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    # Playwright's sync API keeps an asyncio loop running in this thread: Django's ORM calls
    # from the tests stay synchronous, so its async guard must not refuse them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            # With a running loop, Django hands out other connection objects in this thread
            # (thread-critical storage): they need the data that serialized rollback restores.
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def live_tree(chromium, django_db_serialized_rollback, live_server, site_tree):
    """``site_tree`` committed to the database, served by ``live_server`` (``tree.url``).

    Serialized rollback restores Wagtail's root page and locale that the flush between
    transactional tests removes.
    """
    site_tree.url = live_server.url
    return site_tree


@pytest.fixture
def browser_page(chromium):
    """A fresh page (own cookies and history) in a phone-sized window; closed afterwards."""
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
