"""``rank_vector``: the weight-A part of ``search_vector`` (heading, summary, keywords) alone,
filled by the same trigger. Ranking every match on the whole weighted vector reads the body
and documents of each (large, TOASTed vectors): 0.5–2 s for a word most pages contain at
20 000 pages. The engine ranks every match on this small vector and uses the whole one only
for the few candidates that can reach the page asked for (``search.engines.postgres_fts``).

Both vectors are stored in the row (``STORAGE MAIN``) rather than moved to TOAST: a word
that most pages contain is matched by a sequential scan (the planner's choice, which is
right at that selectivity), and each TOASTed vector it reads costs an index lookup in the
TOAST table: 88 → 47 ms for « VBG », 61 → 18 ms for « femmes » at 20 000 pages.
"""

import django.contrib.postgres.search
from django.db import migrations

VECTOR_FUNCTION = """
    CREATE OR REPLACE FUNCTION search_entry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {rank}NEW.search_vector :=
            {title}
            || setweight(to_tsvector('cdp_french'::regconfig,
                NEW.text || ' ' || NEW.acronyms), 'B')
            || setweight(to_tsvector('cdp_french'::regconfig, NEW.documents), 'C');
        RETURN NEW;
    END
    $$
"""
TITLE = """setweight(to_tsvector('cdp_french'::regconfig,
                NEW.heading || ' ' || NEW.summary || ' ' || NEW.keywords), 'A')"""

# The vectors stay in the row (compressed if need be) and the long texts go to TOAST
# first: a search that scans the table to match a common word then reads no TOAST.
STORAGE = """ALTER TABLE search_searchentry
    ALTER COLUMN search_vector SET STORAGE {0}, ALTER COLUMN rank_vector SET STORAGE {0}"""

FORWARD = [
    VECTOR_FUNCTION.format(rank=f"NEW.rank_vector := {TITLE};\n        ", title="NEW.rank_vector"),
    STORAGE.format("MAIN"),
    "UPDATE search_searchentry SET heading = heading",
]
BACKWARD = [VECTOR_FUNCTION.format(rank="", title=TITLE), STORAGE.format("EXTENDED")]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0008_glossary_sector_terms"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="rank_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
