import fcntl
import io
import json
import os
import shutil
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections, models, transaction
from django.test.utils import override_settings
from django.utils import translation
from wagtail.models import Page, Site

from home.content_version import bump_content_version
from home.models import CommunityIndexPage, HomePage, OrganizationIndexPage, StandardPage
from practices.models import ConcertationFrameIndexPage, PracticeIndexPage, ToolIndexPage
from search import facets, query_log
from search.glossary import bump_version

from .browser import CHROMIUM, launch_chromium
from .factories import add_page, publish
from .table_copies import TableCopies, sqlite_copy

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


def copy_postgres_database(name, template):
    """PostgreSQL: the database ``name`` made anew as a copy of ``template`` (which may have no
    other connection while it is copied, hence the default connection closed first)."""
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def save_sqlite_database(path):
    """SQLite: the test database written whole to the file ``path`` (sqlite3 backup API)."""
    connection.ensure_connection()
    saved = sqlite3.connect(path)
    sqlite_copy(connection.connection, saved)
    saved.close()


def take_sqlite_database(path):
    """SQLite: the test database replaced whole by the file ``path`` (``save_sqlite_database``)."""
    connection.ensure_connection()
    with sqlite3.connect(path) as saved:
        sqlite_copy(saved, connection.connection)
    saved.close()


class DemoDatabase:
    """``load_demo`` run once per xdist worker, into a database of its own, and lent to the
    modules that read the demo (``loaded_demo``).

    The demo is loaded the first time a module asks for it and kept for the rest of the session:
    on PostgreSQL in a copy of the test database (``CREATE DATABASE … TEMPLATE``) that the
    connection switches to while a demo module runs; on SQLite as an in-memory copy (the sqlite3
    backup API) swapped into the test database while a demo module runs, the test database's
    own content being put back afterwards. Each module works inside a transaction rolled back
    at its end, so every module finds the demo as loaded.

    Under pytest-xdist, the workers of a run share one load: the first worker that needs the
    demo loads it and leaves a copy (SQLite: a database file; PostgreSQL: a template database
    that nobody connects to; the media files and the output) in a folder of the run
    (``shared_folder``), under a file lock; the others copy it in a second instead of loading
    it again."""

    def __init__(self, blocker, media_root):
        self.blocker = blocker
        self.media_root = media_root
        self.output = self.seconds = None
        self.loaded = False
        self.vendor = connection.vendor
        self.test_name = connection.settings_dict["NAME"]
        self.demo_name = f"{self.test_name}_demo"
        self.snapshot = None  # SQLite: the test database with the demo in it
        self.template = None  # PostgreSQL: the copy made for the other workers (``_save``)

    def _use(self, name):
        """PostgreSQL: the default connection points to the database ``name`` from now on."""
        connection.close()
        connection.settings_dict["NAME"] = name
        settings.DATABASES[connection.alias]["NAME"] = name

    def _load(self):
        restore_base_data()
        output = io.StringIO()
        started = time.perf_counter()
        call_command("load_demo", stdout=output)
        self.seconds = time.perf_counter() - started
        self.output = output.getvalue()
        self.loaded = True

    def shared_folder(self):
        """Under pytest-xdist: the folder where this run's workers share the demo (in the
        run's temporary folder, named after xdist's id of the run); None otherwise."""
        run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
        if not run or not os.environ.get("PYTEST_XDIST_WORKER"):
            return None
        # media_root: <run's temporary folder>/popen-gwN/demo-media0
        return Path(self.media_root).parent.parent / f"shared-demo-{run}"

    def _load_here(self):
        """``load_demo`` run by this worker (PostgreSQL: into a copy of its test database)."""
        if self.vendor != "sqlite":
            restore_base_data()
            copy_postgres_database(self.demo_name, self.test_name)
            self._use(self.demo_name)
        self._load()

    def _save(self, folder):
        """A copy of the loaded demo for the other workers: its name."""
        if self.vendor == "sqlite":
            save_sqlite_database(folder / "demo.sqlite3")
            return str(folder / "demo.sqlite3")
        # A template database may have no other connection while it is copied: the demo
        # database has this worker's, so the others copy this copy, that nobody uses.
        self.template = f"{self.demo_name}_shared"
        copy_postgres_database(self.template, self.demo_name)
        return self.template

    def _take(self, copy):
        """The demo from another worker's copy (``_save``)."""
        if self.vendor == "sqlite":
            take_sqlite_database(copy)
            return
        copy_postgres_database(self.demo_name, copy)
        self._use(self.demo_name)

    @contextmanager
    def _shared_lock(self, folder):
        with open(folder / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _load_shared(self):
        """The demo into this worker's database: loaded, or copied from the worker that
        loaded it first in this run (see the class's description)."""
        folder = self.shared_folder()
        if folder is None:
            self._load_here()
            return
        folder.mkdir(exist_ok=True)
        media, about = folder / "media", folder / "demo.json"
        with self._shared_lock(folder):
            if about.exists():
                loaded = json.loads(about.read_text())
                self._take(loaded["copy"])
                shutil.copytree(media, self.media_root, dirs_exist_ok=True)
                self.output, self.seconds = loaded["output"], loaded["seconds"]
                self.loaded = True
                ContentType.objects.clear_cache()
            else:
                self._load_here()
                copy = self._save(folder)
                shutil.copytree(self.media_root, media, dirs_exist_ok=True)
                about.write_text(
                    json.dumps({"output": self.output, "seconds": self.seconds, "copy": copy})
                )

    @contextmanager
    def active(self):
        """The demo in the default database for the duration of the block, inside a
        transaction rolled back at its end; the test database as it was afterwards."""
        assert not connection.in_atomic_block, "the demo needs the database to itself"
        with self.blocker.unblock(), override_settings(MEDIA_ROOT=str(self.media_root)):
            cache.clear()
            connection.ensure_connection()
            if self.vendor == "sqlite":
                before = sqlite_copy(connection.connection)
                if self.loaded:
                    sqlite_copy(self.snapshot, connection.connection)
                else:
                    self._load_shared()
                    self.snapshot = sqlite_copy(connection.connection)
            else:
                if not self.loaded:
                    self._load_shared()
                self._use(self.demo_name)
            try:
                forget_cached_content()
                with transaction.atomic():
                    try:
                        yield self
                    finally:
                        transaction.set_rollback(True)
            finally:
                forget_cached_content()
                if self.vendor == "sqlite":
                    sqlite_copy(before, connection.connection)
                    before.close()
                else:
                    self._use(self.test_name)

    def drop(self):
        if self.vendor == "sqlite":
            if self.snapshot is not None:
                self.snapshot.close()
        elif self.loaded:
            with self.blocker.unblock(), connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.demo_name}"')
        if self.template is not None:
            # Under the lock, with the note that says it is there: a worker that needs the
            # demo later loads it itself.
            folder = self.shared_folder()
            with self._shared_lock(folder), self.blocker.unblock():
                (folder / "demo.json").unlink(missing_ok=True)
                with connection._nodb_cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{self.template}"')


class MigratedDatabase:
    """The test database migrated once per pytest-xdist run and copied by the other workers.

    Each worker of a run sets up a test database of its own (pytest-django's
    ``django_db_setup``). The first to get the lock (``shared_folder/lock``) runs the migrations
    as usual (all of them, RunSQL and RunPython included) and leaves a copy: on SQLite the
    database through the sqlite3 backup API, on PostgreSQL a template database
    (``<test database>_migrated``, ``CREATE DATABASE … TEMPLATE``). The others create theirs
    without migrations (Django's ``TEST["MIGRATE"] = False``: tables from the models) and then
    replace it whole with that copy, schema, triggers, full-text tables and data-migration rows
    included. Without xdist, with ``--reuse-db`` or ``--nomigrations``, nothing changes."""

    def __init__(self, folder):
        self.folder = folder
        self.lock = None
        self.copy = False  # True: this worker takes the first one's copy
        self.migrate = True  # the setting's value before
        self.template = None  # PostgreSQL, first worker: the template it made

    @classmethod
    def for_setup(cls, request):
        """None where the workers do not share (see the class's description)."""
        run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
        options = request.config.option
        if not run or not os.environ.get("PYTEST_XDIST_WORKER"):
            return None
        if getattr(options, "reuse_db", False) or getattr(options, "nomigrations", False):
            return None
        if connection.vendor not in ("sqlite", "postgresql"):
            return None
        if connection.vendor == "sqlite" and connection.settings_dict["TEST"].get("NAME") not in (
            None,
            "",
            ":memory:",
        ):
            return None
        base = request.getfixturevalue("tmp_path_factory").getbasetemp()
        # base: <run's temporary folder>/popen-gwN
        return cls(base.parent / f"shared-migrated-{run}")

    def before(self):
        """Waits for the lock (held by the worker that migrates, while it migrates)."""
        self.folder.mkdir(exist_ok=True)
        self.lock = open(self.folder / "lock", "w")
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        self.copy = (self.folder / "ready").exists()
        self.migrate = connection.settings_dict["TEST"].get("MIGRATE", True)
        if self.copy:
            connection.settings_dict["TEST"]["MIGRATE"] = False

    def after(self):
        """The migrated database saved (first worker) or taken (the others)."""
        try:
            connection.settings_dict["TEST"]["MIGRATE"] = self.migrate
            if self.copy:
                self._take()
            else:
                # PostgreSQL: the template's name, for the others
                (self.folder / "ready").write_text(self._save())
        finally:
            self.release()

    def release(self):
        if self.lock is not None:
            fcntl.flock(self.lock, fcntl.LOCK_UN)
            self.lock.close()
            self.lock = None
        connection.settings_dict["TEST"]["MIGRATE"] = self.migrate

    def _save(self):
        if connection.vendor == "sqlite":
            save_sqlite_database(self.folder / "migrated.sqlite3")
            return ""
        name = connection.settings_dict["NAME"]
        self.template = f"{name}_migrated"
        copy_postgres_database(self.template, name)
        return self.template

    def _take(self):
        if connection.vendor == "sqlite":
            take_sqlite_database(self.folder / "migrated.sqlite3")
        else:
            template = (self.folder / "ready").read_text()
            copy_postgres_database(connection.settings_dict["NAME"], template)
        ContentType.objects.clear_cache()
        # Serialized rollback (live_server tests) restores what the database held after its
        # setup: the copy's rows, not those of the tables made from the models.
        if hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()

    def drop(self):
        """PostgreSQL: the template, dropped by the worker that made it, at its end."""
        if self.template is not None:
            # Under the lock, with the note that says it is there: a worker that sets up its
            # database later migrates it itself.
            self.before()
            try:
                (self.folder / "ready").unlink(missing_ok=True)
                with connection._nodb_cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{self.template}"')
            finally:
                self.release()


# This worker's MigratedDatabase (None: not shared), made before its test database.
_migrated = {"database": None}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    """pytest-django's hook before the test databases are set up: the lock of
    ``MigratedDatabase`` taken (the first worker of a run migrates, the others wait for its
    copy; released in ``django_db_setup`` below, or at the end of the session if the setup
    failed)."""
    shared = _migrated["database"] = MigratedDatabase.for_setup(request)
    if shared is not None:
        shared.before()
        request.addfinalizer(shared.release)


def content_types_first(serialized):
    """Serialized rollback's rows (Django's JSON) with the content types first. Django writes
    them app by app in INSTALLED_APPS order, contenttypes after the project's apps: a signal
    handler run by an earlier row (``ContentType.objects.get_for_model`` with a cold cache)
    would create a content type under a new id, and its own row would then break the unique
    (app_label, model) constraint, depending on what the worker had cached before."""
    rows = json.loads(serialized)
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    return json.dumps(rows)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's ``django_db_setup``, then the migrated database saved for the other
    workers or taken from the first (``MigratedDatabase``)."""
    shared = _migrated["database"]
    if shared is not None:
        with django_db_blocker.unblock():
            shared.after()
    if hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = content_types_first(
            connection._test_serialized_contents
        )
    yield
    if shared is not None:
        with django_db_blocker.unblock():
            shared.drop()


# The worker's DemoDatabase, made by the first ``loaded_demo`` (dropped in pytest_sessionfinish).
_demo = {"database": None}


@contextmanager
def loaded_demo(django_db_blocker, media_root):
    """The demo (``load_demo``, indexes included) for a module-scoped fixture: loaded once per
    worker (``DemoDatabase``; its files in the ``media_root`` of the first call), lent inside a
    transaction rolled back on exit. Yields the first load's output and how long it took."""
    if _demo["database"] is None:
        _demo["database"] = DemoDatabase(django_db_blocker, media_root)
    with _demo["database"].active() as demo:
        yield demo.output, demo.seconds


def pytest_sessionfinish(session):
    if _demo["database"] is not None:
        _demo["database"].drop()
        _demo["database"] = None


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """``loaded_demo`` lent to every test of a module (through ``demo``)."""
    with loaded_demo(django_db_blocker, tmp_path_factory.mktemp("demo-media")) as loaded:
        yield loaded


@pytest.fixture
def demo(demo_site, db):
    """The demo for one test of a module that uses it throughout (``demo_site``), caches
    cleared: the first load's output and how long it took."""
    cache.clear()
    return demo_site


@pytest.fixture
def _demo_for_one_test(django_db_setup, django_db_blocker, tmp_path_factory):
    with loaded_demo(django_db_blocker, tmp_path_factory.mktemp("demo-media")) as loaded:
        yield loaded


@pytest.fixture
def demo_db(_demo_for_one_test, db):
    """``loaded_demo`` for one test of a module whose other tests do not use the demo (with
    ``db``, set up after it and torn down before: the test's own changes are rolled back)."""
    return _demo_for_one_test


def forget_cached_content():
    """What a test's pages leave in caches besides the rows: pages and fragments (the cache),
    the glossary's version, the search facets' counts."""
    cache.clear()
    bump_version()
    facets.reset()


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


# The test database as the migrations left it, dumped at the start of a session that has
# transactional tests (``_base_data_dump``): each of them ends with a flush of every table, and
# the tests that run after it on the same worker need Wagtail's root page and locale, the
# content types and the data migrations' rows back (``restore_base_data``).
_base_data = {"dump": None, "blocker": None, "flushed": False}


def restore_base_data():
    """The rows the migrations made, put back if a transactional test flushed them (Django's
    ``flush`` then ``loaddata`` of the dump taken at the start of the session); the data
    migrations' rows checked in any case (``restore_migration_data``)."""
    if _base_data["flushed"] and _base_data["dump"] is not None:
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(_base_data["dump"]), verbosity=0)
        # The ids cached since the flush (post_migrate recreates content types) are stale.
        ContentType.objects.clear_cache()
        cache.clear()
    _base_data["flushed"] = False
    restore_migration_data()


@pytest.fixture(scope="session", autouse=True)
def _base_data_dump(request, tmp_path_factory):
    """``dumpdata`` of the fresh test database, for ``restore_base_data`` (only in a session
    with transactional tests: no flush otherwise)."""
    if not any(is_transactional(item) for item in request.session.items):
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    path = tmp_path_factory.mktemp("base-data") / "base.json"
    with blocker.unblock():
        call_command("dumpdata", all=True, output=str(path), verbosity=0)
    # loaddata writes the rows in the file's order: the content types first, for the same
    # reason as serialized rollback's (``content_types_first``).
    path.write_text(content_types_first(path.read_text()))
    _base_data.update(dump=path, blocker=blocker)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    yield
    if is_transactional(item):
        _base_data["flushed"] = True
    for alias, rows in item.stash.get(_serialized_rows, {}).items():
        connections[alias]._test_serialized_contents = rows


# What serialized rollback restores, kept aside during a browser test (``live_data``).
_serialized_rows = pytest.StashKey[dict]()


def restore_nothing_by_serialized_rollback(item):
    """For a browser test, whose rows all come from ``live_data``: its serialized rollback,
    asked for so that Django's flush after the test does not send post_migrate (which would
    fill the emptied tables with new content types and permissions, and break the next
    serialized rollback), restores no rows before it (the 0.5 s it took was thrown away)."""
    kept = {}
    for database in connections.all():
        if hasattr(database, "_test_serialized_contents"):
            kept[database.alias] = database._test_serialized_contents
            database._test_serialized_contents = "[]"
    item.stash[_serialized_rows] = kept


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


@pytest.fixture(autouse=True)
def empty_search_log_buffer():
    """Each test starts with an empty buffer of logged searches (search.query_log): the batch
    that an earlier test's searches fill is never written during this test's requests, whose
    queries a test may count."""
    query_log._take()


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


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """A fixture made with ``shared_data`` asks for the database only when it runs (after its
    data, so that the test's transaction nests inside them): ``db`` goes at the end of its
    tests' fixtures, so that pytest-django sets the test database up for them and orders them
    with the other database tests (before the transactional ones). Runs before pytest-django's
    own hook."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is not None and "_site_tree_pks" in names and "db" not in names:
            if not is_transactional(item):
                names.append("db")


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
        # A fixture's data built on the tree, shared the same way (see ``shared_data``):
        # (fixture name, build function, its transaction, the objects built).
        self.layer = None

    def open(self):
        """The tree's page ids, building it if needed; None where it cannot be shared (a
        transaction of a module-scoped fixture is already open)."""
        if self.atomic is None:
            if connection.in_atomic_block:
                return None
            with self.blocker.unblock():
                restore_base_data()
                self.atomic = transaction.atomic()
                self.atomic.__enter__()
                tree = build_site_tree()
                self.pks = {name: getattr(tree, name).pk for name in TREE_PAGES}
        return self.pks

    def open_layer(self, name, build, module):
        """``build(tree)``'s objects for the fixture ``name`` asked for by the tests of
        ``module``, built on the shared tree in a transaction of their own kept while
        consecutive tests of that module ask for ``name``; None where they cannot be shared
        (the tree is not shared, or another transaction is open inside it)."""
        key = (name, build, module)
        if self.layer is not None:
            # Another fixture's layer stays until the next test (``pytest_runtest_setup``):
            # a test that asks for two of them gets the second built for itself alone.
            return self.layer["value"] if self.layer["key"] == key else None
        if self.atomic is None or connection.atomic_blocks != [self.atomic]:
            return None
        with self.blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                forget_cached_content()
                tree = SimpleNamespace(
                    **{page: Page.objects.get(pk=pk).specific for page, pk in self.pks.items()}
                )
                value = build(tree)
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self.layer = {"key": key, "atomic": atomic, "value": value}
        return value

    def keeps_layer_for(self, item):
        """Whether ``item`` asks for the shared fixture data as built (same fixture, same
        module, not transactional)."""
        name, _build, module = self.layer["key"]
        return (
            name in item.fixturenames
            and item.module.__name__ == module
            and not is_transactional(item)
        )

    def close_layer(self):
        """Roll the shared fixture data back (see ``open_layer``)."""
        if self.layer is None:
            return
        atomic = self.layer["atomic"]
        assert connection.atomic_blocks[-1] is atomic, "a transaction is open inside the layer"
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        self.layer = None
        cache.clear()
        facets.reset()

    def close(self, force=False):
        """Roll the tree back, unless a module-scoped transaction is still open inside it."""
        if force:
            self.close_layer()
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
    """Before any fixture of ``item``: roll the shared fixture data (``shared_data``) back
    unless ``item`` asks for that fixture, and the shared tree unless ``item`` uses it; then,
    if a transactional test flushed the database, put its migration rows back for a test that
    is not transactional itself (those start from a flushed database as Django's do). A
    browser test's serialized rollback restores nothing (``live_data`` does)."""
    shared = _shared_tree["tree"]
    transactional = is_transactional(item)
    if shared is not None:
        if shared.layer is not None and not shared.keeps_layer_for(item):
            shared.close_layer()
        if "_site_tree_pks" not in item.fixturenames or transactional:
            shared.close()
    uses_db = "db" in item.fixturenames
    if _base_data["flushed"] and uses_db and not transactional and _base_data["blocker"]:
        if not connection.in_atomic_block:
            with _base_data["blocker"].unblock():
                restore_base_data()
    if "_live_copies" in item.fixturenames:
        restore_nothing_by_serialized_rollback(item)


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
    forget_cached_content()
    return SimpleNamespace(
        **{name: Page.objects.get(pk=pk).specific for name, pk in _site_tree_pks.items()}
    )


def shared_data(request, site_tree_pks, build):
    """For a function-scoped fixture that builds data on ``site_tree``: ``build(tree)`` run
    once for consecutive tests that ask for the fixture (in a transaction kept open inside the
    shared tree's, rolled back when a test that does not ask for it comes), each test getting
    fresh objects (``refetched``) and its own savepoint, as with ``site_tree``. Where the tree
    is not shared (transactional tests, another transaction open), built for the test alone.

        @pytest.fixture
        def catalogue(request, _site_tree_pks):
            return shared_data(request, _site_tree_pks, build_catalogue)

    (``_site_tree_pks`` in the fixture's arguments: the tree is opened before the data, and
    kept for the next test that asks for the fixture.)
    """
    shared = request.getfixturevalue("_shared_site_tree")
    if site_tree_pks is not None:
        value = shared.open_layer(request.fixturename, build, request.node.module.__name__)
        if value is not None:
            request.getfixturevalue("site_tree")
            return refetched(value)
    return build(request.getfixturevalue("site_tree"))


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


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium: apt-get install chromium")
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
            browser = launch_chromium(playwright)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# The data of browser tests, built once per worker (``live_data``): the fixtures that built
# it, in the order a test asked for them (a chain), and the chain whose rows the database holds
# during a test (both kept in the test's stash).
_live_chain = pytest.StashKey[tuple]()
_live_in_database = pytest.StashKey[tuple]()


class LiveCopies(TableCopies):
    """``TableCopies`` of browser tests' data, by chain (see ``live_data``)."""

    def __init__(self):
        super().__init__()
        self.built = {}  # chain → (the copy's number, what its last fixture returned)

    def deepest(self, chain, item):
        """The longest chain built on ``chain`` from fixtures that ``item`` asks for too, of its
        module or shared across modules (one copy put back for all of them, instead of one per
        fixture)."""
        names = set(item.fixturenames)
        modules = {None, item.module.__name__}
        return max(
            (
                built
                for built in self.built
                if built[: len(chain)] == chain
                and all(module in modules and name in names for module, name in built[len(chain) :])
            ),
            key=len,
        )


@pytest.fixture(scope="session")
def _live_copies(django_db_setup):
    copies = LiveCopies()
    yield copies
    copies.close()


def live_data(request, build, *, across_modules=False):
    """For a fixture of browser tests (committed data, flushed after each test): ``build()``
    run the first time a test asks for the fixture after the same others, its rows then copied
    (``TableCopies``); the next tests that ask for it the same way get those rows put back in
    place of the database's, in a fraction of the time. Each test gets fresh objects
    (``refetched``). The data is the module's own unless ``across_modules``.

        @pytest.fixture
        def live_pages(request, live_tree):
            return live_data(request, lambda: every_page_type(live_tree))
    """
    copies = request.getfixturevalue("_live_copies")
    item = request.node
    link = (None if across_modules else request.module.__name__, request.fixturename)
    chain = (*item.stash.get(_live_chain, ()), link)
    item.stash[_live_chain] = chain
    in_database = item.stash.get(_live_in_database, ())
    if chain in copies.built:
        if in_database[: len(chain)] != chain:
            in_database = copies.deepest(chain, item)
            copies.restore(copies.built[in_database][0])
        value = copies.built[chain][1]
    else:
        if in_database != chain[:-1]:
            # A deeper copy was put back for fixtures this test asks for later.
            copies.restore(copies.built[chain[:-1]][0])
        value = build()
        copies.built[chain] = (copies.save(), value)
        in_database = chain
    item.stash[_live_in_database] = in_database
    forget_cached_content()
    return refetched(value)


def build_live_site_tree():
    restore_base_data()
    return build_site_tree()


@pytest.fixture
def live_tree(request, chromium, django_db_serialized_rollback, live_server, _live_copies):
    """``build_site_tree()`` committed to the database (``live_data``), served by
    ``live_server`` (``tree.url``). ``_live_copies`` is named here, not only asked for by
    ``live_data``, so that it is among the test's fixtures before they run: its serialized
    rollback then restores nothing (``pytest_runtest_setup``), the copy put back holding every
    row."""
    tree = live_data(request, build_live_site_tree, across_modules=True)
    tree.url = live_server.url
    return tree


@pytest.fixture
def browser_page(chromium):
    """A fresh page (own cookies and history) in a phone-sized window; closed afterwards."""
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
