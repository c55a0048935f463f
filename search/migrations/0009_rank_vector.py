"""``rank_vector``: the weight-A part of ``search_vector`` (heading, summary, keywords) alone,
filled by the same trigger. Ranking every match on the whole weighted vector reads the body
and documents of each (large, TOASTed vectors): 0.5–2 s for a word most pages contain at
20 000 pages. The engine ranks every match on this small vector and uses the whole one only
for the few candidates that can reach the page asked for (``search.engines.postgres_fts``).
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

FORWARD = [
    VECTOR_FUNCTION.format(rank=f"NEW.rank_vector := {TITLE};\n        ", title="NEW.rank_vector"),
    "UPDATE search_searchentry SET heading = heading",
]
BACKWARD = [VECTOR_FUNCTION.format(rank="", title=TITLE)]


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
