"""Copies of the test database's rows, kept aside and put back in a fraction of a second.

Browser tests need their data committed (the live server reads it through its own connection),
so each of them ends with Django's flush and the next one builds its pages again: about 3 s per
test for the site tree and every page type. ``TableCopies`` keeps what was built the first time
and puts it back for the next test that asks for the same data.

- PostgreSQL: each copy is a schema of the test database holding one table per Django table
  (``CREATE TABLE … AS TABLE``); putting it back deletes the rows of every Django table,
  inserts the copy's rows (generated columns left to the database, its triggers recomputing
  what they compute) and moves every sequence past the restored ids, in one transaction.
- SQLite: the whole in-memory database copied by the sqlite3 backup API (its full-text tables
  and their triggers included).
"""

import sqlite3

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction


def sqlite_copy(source, target=None):
    """The whole SQLite database ``source`` copied into ``target`` (a new in-memory one when
    None), through the sqlite3 backup API."""
    target = target if target is not None else sqlite3.connect(":memory:")
    source.backup(target)
    return target


class TableCopies:
    """Copies of every Django table's rows, by number (``save`` → number, ``restore``)."""

    SCHEMA = "test_table_copy_{}"

    def __init__(self):
        # SQLite: in-memory databases; PostgreSQL: the SQL that puts each copy back
        self.saved = []

    def save(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.saved.append(sqlite_copy(connection.connection))
        else:
            self.saved.append(self._save_postgresql(len(self.saved)))
        return len(self.saved) - 1

    def restore(self, number):
        """The copy's rows in place of the database's; the content types' ids cached since
        then are forgotten."""
        connection.ensure_connection()
        copy = self.saved[number]
        if connection.vendor == "sqlite":
            sqlite_copy(copy, connection.connection)
        else:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(copy)
        ContentType.objects.clear_cache()

    def close(self):
        """SQLite: the copies closed. PostgreSQL: the schemas go with the test database (dropping
        them first would cost seconds of file removal for nothing)."""
        if connection.vendor == "sqlite":
            for copy in self.saved:
                copy.close()
        self.saved = []

    def _save_postgresql(self, number):
        """The rows of every non-empty Django table copied into a schema of their own; returns
        the SQL that puts them back: every Django table emptied, the copies' rows inserted
        (generated columns are the database's to compute), every sequence moved past them."""
        schema = self.SCHEMA.format(number)
        quote = connection.ops.quote_name
        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND is_generated = 'NEVER'"
                " ORDER BY table_name, ordinal_position"
            )
            columns = {}
            for table, column in cursor.fetchall():
                columns.setdefault(table, []).append(quote(column))
            listed = [table for table in tables if table in columns]
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT {index} FROM {quote(table)} HAVING count(*) > 0"
                    for index, table in enumerate(listed)
                )
            )
            filled = [listed[index] for (index,) in cursor.fetchall()]
            # A test database kept by --reuse-db may still hold the copies of an earlier run.
            cursor.execute(
                f'DROP SCHEMA IF EXISTS "{schema}" CASCADE; CREATE SCHEMA "{schema}";'
                + "".join(
                    f'CREATE UNLOGGED TABLE "{schema}".{quote(table)} AS TABLE {quote(table)};'
                    for table in filled
                )
            )
        statements = ["SET CONSTRAINTS ALL DEFERRED;"]
        statements += connection.ops.sql_flush(no_style(), tables)
        for table in filled:
            names = ", ".join(columns[table])
            statements.append(
                f"INSERT INTO {quote(table)} ({names}) OVERRIDING SYSTEM VALUE"
                f' SELECT {names} FROM "{schema}".{quote(table)};'
            )
        statements += connection.ops.sequence_reset_sql(
            no_style(), apps.get_models(include_auto_created=True)
        )
        return "".join(statements)
