import io
import os
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, models, transaction
from django.test.utils import override_settings
from django.utils import translation
from wagtail.models import Page, Site

from home.content_version import bump_content_version
from home.models import CommunityIndexPage, HomePage, OrganizationIndexPage, StandardPage
from practices.models import ConcertationFrameIndexPage, PracticeIndexPage, ToolIndexPage
from search import facets
from search.glossary import bump_version

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
    ("home.migrations.0011_seed_places", "seed", "home.Place"),
]


@contextmanager
def loaded_demo(django_db_blocker, media_root):
    """``load_demo`` run once inside a transaction rolled back on exit (for module-scoped
    fixtures): yields its output and how long it took."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media_root)):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            cache.clear()
            output = io.StringIO()
            started = time.perf_counter()
            call_command("load_demo", stdout=output)
            yield output.getvalue(), time.perf_counter() - started
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def restore_migration_data():
    import importlib

    from django.apps import apps

    empty = {
        label
        for _module, _function, label in MIGRATION_DATA
        if not apps.get_model(label).objects.exists()
    }
    for module_name, function_name, model_label in MIGRATION_DATA:
        if model_label in empty:
            getattr(importlib.import_module(module_name), function_name)(apps, None)
    bump_version()


@pytest.fixture(autouse=True)
def french_interface():
    """Each test starts in French, the site's language: a request to /en/ activates English
    in the thread (as LocaleMiddleware does) and a later ``reverse()`` would add /en/."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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


TREE_PAGES = (
    "home",
    "communities",
    "organizations",
    "practices",
    "tools",
    "frames",
    "quick_exit_help",
)

# Fixtures and markers that make a test transactional (committed data, flushed afterwards):
# the shared tree below stays out of their way.
TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_serialized_rollback",
    "django_db_reset_sequences",
}


def is_transactional(item):
    if TRANSACTIONAL_FIXTURES & set(item.fixturenames):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    options = {"transaction": marker.args[0] if marker.args else False, **marker.kwargs}
    return any(
        options.get(name) for name in ("transaction", "reset_sequences", "serialized_rollback")
    )


class SharedTree:
    """``build_site_tree()`` done once and kept in an open transaction (one per xdist worker)
    while consecutive tests ask for ``site_tree``; each of those tests runs in a savepoint
    inside it (pytest-django's ``db``), so its changes are rolled back as before. The
    transaction is rolled back as soon as a test that did not ask for the tree comes (see
    ``pytest_runtest_setup``), so such tests find the database as they always did."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None
        self.pks = None

    def open(self):
        """The tree's page ids, building it if needed; None where it cannot be shared (a
        transaction of a module-scoped fixture is already open)."""
        if self.atomic is None:
            if connection.in_atomic_block:
                return None
            with self.blocker.unblock():
                self.atomic = transaction.atomic()
                self.atomic.__enter__()
                tree = build_site_tree()
                self.pks = {name: getattr(tree, name).pk for name in TREE_PAGES}
        return self.pks

    def close(self, force=False):
        """Roll the tree back, unless a module-scoped transaction is still open inside it."""
        if self.atomic is None or (connection.savepoint_ids and not force):
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = self.pks = None
        cache.clear()
        facets.reset()


_shared_tree = {"tree": None}


@pytest.fixture(scope="session")
def _shared_site_tree(django_db_setup, django_db_blocker):
    shared = _shared_tree["tree"] = SharedTree(django_db_blocker)
    yield shared
    shared.close(force=True)
    _shared_tree["tree"] = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture of ``item``: roll the shared tree back unless ``item`` uses it."""
    shared = _shared_tree["tree"]
    if shared is not None and ("site_tree" not in item.fixturenames or is_transactional(item)):
        shared.close()


@pytest.fixture
def _site_tree_pks(request, _shared_site_tree):
    """Runs before ``db`` (see ``site_tree``'s arguments) so that the test's transaction
    nests inside the shared tree's."""
    if is_transactional(request.node):
        return None
    return _shared_site_tree.open()


@pytest.fixture
def site_tree(_site_tree_pks, db):
    """The portal's skeleton (see ``build_site_tree``): fresh page objects for each test,
    built once for consecutive tests that use it and rolled back with each test's changes."""
    if _site_tree_pks is None:
        return build_site_tree()
    # What a fresh build did besides the rows: caches hold nothing of an earlier test.
    cache.clear()
    bump_version()
    facets.reset()
    return SimpleNamespace(
        **{name: Page.objects.get(pk=pk).specific for name, pk in _site_tree_pks.items()}
    )


@contextmanager
def module_data(shared, blocker):
    """For a module-scoped fixture: yields the shared tree (fresh objects) inside a transaction
    of the module's own, rolled back when the module ends. Its tests ask for ``site_tree``
    (directly or through a function-scoped fixture) and get their objects with
    ``refetched()``, so that each test starts from the data as built."""
    pks = shared.open()
    assert pks is not None, "module_data needs the shared tree: no transaction may be open"
    with blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            cache.clear()
            bump_version()
            yield SimpleNamespace(
                **{name: Page.objects.get(pk=pk).specific for name, pk in pks.items()}
            )
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()
            facets.reset()


def refetched(value):
    """``value`` (model objects in dicts, lists and namespaces) fresh from the database."""
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: refetched(item) for key, item in value.items()}
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**refetched(vars(value)))
    if isinstance(value, (list, tuple)):
        return type(value)(refetched(item) for item in value)
    return value


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
