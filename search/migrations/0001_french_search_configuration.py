"""PostgreSQL: a French text search configuration that also folds accents.

The stock ``french`` configuration stems but is accent-sensitive ("segou" misses "Ségou").
``cdp_french`` passes words through ``unaccent`` and then ``french_stem``. Nothing happens on
other databases.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'cdp_french') THEN
        CREATE TEXT SEARCH CONFIGURATION cdp_french (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION cdp_french
            ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart
            WITH unaccent, french_stem;
    END IF;
END
$$;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS cdp_french;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create, drop)]
