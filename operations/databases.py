"""Dump, restore and count a database: PostgreSQL through pg_dump/pg_restore, SQLite through
its online backup API. Each adapter only knows its engine; the archive is operations.backup."""

import os
import shutil
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.db import DatabaseError, connections, transaction


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to do."""


def model_tables():
    """{db_table: "app_label.model"} for every table Django manages (many-to-many included)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            tables.setdefault(meta.db_table, meta.label_lower)
    return dict(sorted(tables.items()))


def _count_rows(cursor, tables, quote, progress=None):
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
        if progress:
            progress.advance()
    if progress:
        progress.finish()
    return counts


def for_alias(alias="default"):
    settings_dict = connections[alias].settings_dict
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return SqliteDatabase(settings_dict["NAME"], alias=alias)
    if engine.endswith("postgresql"):
        return PostgresDatabase(settings_dict, alias=alias)
    raise BackupError(f"Moteur de base de données non pris en charge : {engine}.")


def _quote_sqlite(name):
    return '"' + name.replace('"', '""') + '"'


def _is_memory(name):
    name = str(name)
    return name == ":memory:" or "mode=memory" in name


class SqliteDatabase:
    engine = "sqlite"
    dump_name = "database.sqlite3"

    def __init__(self, name, alias=None):
        self.name, self.alias = name, alias

    def describe(self):
        return f"SQLite {self.name}"

    def _source_connection(self):
        """The live Django connection when there is one (an in-memory test database is only
        reachable through it), else a plain connection to the file."""
        if self.alias:
            connection = connections[self.alias]
            connection.ensure_connection()
            return connection.connection, False
        return sqlite3.connect(self.name), True

    def dump(self, directory, progress_factory):
        """Online backup (consistent even while the site writes) into directory; returns the
        file's path and the row counts read from that copy."""
        target = Path(directory) / self.dump_name
        source, owned = self._source_connection()
        progress = None

        def report(_status, remaining, total):
            nonlocal progress
            if progress is None:
                progress = progress_factory("Base SQLite (pages de 4 Ko)", total)
            progress.advance(total - remaining - progress.done)

        try:
            with closing(sqlite3.connect(target)) as copy:
                source.backup(copy, pages=256, progress=report)
        finally:
            if owned:
                source.close()
        if progress:
            progress.finish()
        return target, self.counts(path=target)

    def counts(self, path=None):
        path = path or self.name
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            existing = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            tables = [t for t in model_tables() if t in existing]
            return _count_rows(db.cursor(), tables, _quote_sqlite)

    def non_empty_tables(self):
        if _is_memory(self.name):
            raise BackupError("Impossible de restaurer dans une base SQLite en mémoire.")
        if not Path(self.name).exists() or Path(self.name).stat().st_size == 0:
            return {}
        with closing(sqlite3.connect(f"file:{self.name}?mode=ro", uri=True)) as db:
            tables = [
                row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            counts = {}
            for table in tables:
                try:
                    count = db.execute(f"SELECT COUNT(*) FROM {_quote_sqlite(table)}").fetchone()[0]
                except sqlite3.DatabaseError:
                    continue  # an FTS shadow or virtual table whose module is missing
                if count:
                    counts[table] = count
            return counts

    def emptying_hint(self):
        return (
            f"déplacez ou supprimez le fichier {self.name} (ou pointez DATABASE_URL vers "
            "un nouveau fichier, par exemple sqlite:////chemin/restauree.sqlite3)"
        )

    def restore(self, dump_path):
        """Copies the backup file into place (through a temporary name, then an atomic rename)."""
        if self.alias:
            connections[self.alias].close()
        target = Path(self.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".restoring")
        shutil.copyfile(dump_path, partial)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(partial, target)


class PostgresDatabase:
    engine = "postgresql"
    dump_name = "database.dump"

    def __init__(self, settings_dict, alias="default"):
        self.settings, self.alias = settings_dict, alias

    def describe(self):
        host = self.settings.get("HOST") or "socket local"
        return f"PostgreSQL {self.settings['NAME']} ({host})"

    @staticmethod
    def _binary(name):
        path = shutil.which(name)
        if not path:
            raise BackupError(
                f"{name} introuvable. Installez le client PostgreSQL de la même version que "
                f"le serveur (Debian/Ubuntu : apt install postgresql-client-15 ; macOS : "
                f"brew install libpq) et vérifiez que {name} est dans le PATH."
            )
        return path

    def _arguments(self):
        arguments = []
        for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if self.settings.get(key):
                arguments += [option, str(self.settings[key])]
        return arguments

    def _environment(self):
        environment = dict(os.environ)
        if self.settings.get("PASSWORD"):
            environment["PGPASSWORD"] = str(self.settings["PASSWORD"])
        return environment

    def _run(self, command):
        result = subprocess.run(command, env=self._environment(), capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(f"{Path(command[0]).name} a échoué : {result.stderr.strip()}")

    def dump(self, directory, progress_factory):
        """pg_dump -Fc on a snapshot exported by a read-only repeatable-read transaction, in
        which the row counts are taken too: the counts describe exactly what was dumped."""
        pg_dump = self._binary("pg_dump")
        target = Path(directory) / self.dump_name
        connection = connections[self.alias]
        tables = model_tables()
        with transaction.atomic(using=self.alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            existing = set(connection.introspection.table_names(cursor))
            present = [t for t in tables if t in existing]
            counts = _count_rows(
                cursor,
                present,
                connection.ops.quote_name,
                progress_factory("Tables comptées", len(present)),
            )
            started = time.monotonic()
            self._run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-owner",
                    "--no-acl",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    *self._arguments(),
                    self.settings["NAME"],
                ]
            )
        size = target.stat().st_size
        progress = progress_factory("pg_dump -Fc", size, size=True)
        progress.started = started
        progress.advance(size)
        progress.finish()
        return target, counts

    def counts(self):
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            existing = set(connection.introspection.table_names(cursor))
            tables = [t for t in model_tables() if t in existing]
            return _count_rows(cursor, tables, connection.ops.quote_name)

    def non_empty_tables(self):
        connection = connections[self.alias]
        try:
            with connection.cursor() as cursor:
                tables = connection.introspection.table_names(cursor)
                counts = {}
                for table in tables:
                    cursor.execute(
                        f"SELECT EXISTS (SELECT 1 FROM {connection.ops.quote_name(table)})"
                    )
                    if cursor.fetchone()[0]:
                        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                        counts[table] = cursor.fetchone()[0]
                self.has_tables = bool(tables)
                return counts
        except DatabaseError as error:
            raise BackupError(
                f"Connexion à {self.describe()} impossible : {error}. Créez la base vide "
                f"d'abord : createdb {self.settings['NAME']}"
            ) from error

    def emptying_hint(self):
        name = self.settings["NAME"]
        return (
            f"créez une base neuve : dropdb {name} && createdb {name} "
            "(ou une autre base, indiquée par DATABASE_URL)"
        )

    def restore(self, dump_path):
        pg_restore = self._binary("pg_restore")
        connections[self.alias].close()
        command = [
            pg_restore,
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            *self._arguments(),
            "--dbname",
            self.settings["NAME"],
            str(dump_path),
        ]
        if getattr(self, "has_tables", False):
            command[1:1] = ["--clean", "--if-exists"]  # empty tables left by a bare migrate
        self._run(command)
