"""Search columns the project owns (issue 9): nothing reads Wagtail's search tables.

PostgreSQL: a trigger keeps ``search_vector`` current from the raw text (weights A/B/C, the
``cdp_french`` configuration of 0001) with a GIN index; ``pg_trgm`` with a trigram index
on the vocabulary for spelling suggestions. SQLite: an external-content FTS5 table over
the ``*_terms`` columns, kept in sync by triggers. Each part runs on its database only.
"""

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

PG_FORWARD = [
    """
    CREATE FUNCTION search_entry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('cdp_french'::regconfig,
                NEW.heading || ' ' || NEW.summary || ' ' || NEW.keywords), 'A')
            || setweight(to_tsvector('cdp_french'::regconfig,
                NEW.text || ' ' || NEW.acronyms), 'B')
            || setweight(to_tsvector('cdp_french'::regconfig, NEW.documents), 'C');
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER search_entry_vector
    BEFORE INSERT OR UPDATE OF heading, summary, keywords, text, acronyms, documents
    ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_entry_vector()
    """,
    "UPDATE search_searchentry SET heading = heading",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
    """CREATE INDEX search_vocabulary_trgm ON search_vocabularyword
       USING gin (word gin_trgm_ops)""",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_vocabulary_trgm",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_vector()",
]

FTS_COLUMNS = "title_terms, body_terms, document_terms, autocomplete_terms"
_NEW = "new.page_id, new.title_terms, new.body_terms, new.document_terms, new.autocomplete_terms"
_OLD = "old.page_id, old.title_terms, old.body_terms, old.document_terms, old.autocomplete_terms"
SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE search_entry_fts USING fts5({FTS_COLUMNS},
        content='search_searchentry', content_rowid='page_id', prefix='2 3 4')""",
    f"""CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(rowid, {FTS_COLUMNS}) VALUES ({_NEW});
    END""",
    f"""CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', {_OLD});
    END""",
    f"""CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', {_OLD});
        INSERT INTO search_entry_fts(rowid, {FTS_COLUMNS}) VALUES ({_NEW});
    END""",
    "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TABLE IF EXISTS search_entry_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_glossary_revisions_draft_locking'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchentry',
            name='acronyms',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='document_terms',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='documents',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='keywords',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        TrigramExtension(),
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
