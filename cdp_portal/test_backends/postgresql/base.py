"""PostgreSQL for the tests: Django's backend, with a flush that deletes rows instead of
truncating tables.

Every transactional test (``transactional_db``, ``live_server``: the browser tests) ends with
Django's ``flush``, which on PostgreSQL is one ``TRUNCATE`` of every table (127 here). A
``TRUNCATE`` gives each table, index and TOAST table a new file and drops the old ones: 0.7 s
of server CPU and 5 s of wall time per flush on the shared 2-core machine, whatever the
tables hold. The tests' tables hold a few hundred rows, which ``DELETE`` removes in 30 ms of
server CPU (BENCHMARKS.md, « suite6b »). Every foreign key Django makes is ``DEFERRABLE
INITIALLY DEFERRED``, so the tables can be emptied in any order inside the flush's
transaction; a flush with ``allow_cascade`` (a test's ``available_apps``: only some tables
emptied, others may point to them) keeps Django's ``TRUNCATE … CASCADE``.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or allow_cascade:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        sql = [f"{style.SQL_KEYWORD('SET CONSTRAINTS ALL DEFERRED')};"]
        sql.extend(
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        )
        if reset_sequences:
            names = set(tables)
            sequences = [
                sequence
                for sequence in self.connection.introspection.sequence_list()
                if sequence["table"] in names
            ]
            sql.extend(self.sequence_reset_by_name_sql(style, sequences))
        return sql


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
