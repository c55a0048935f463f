"""search/data/glossary_sector_terms.csv gained rows (« égalité femme/homme », « équité »):
applied again as 0008 applies it (new terms created, missing variants added)."""

import importlib

from django.db import migrations

sector_terms = importlib.import_module("search.migrations.0008_glossary_sector_terms")


class Migration(migrations.Migration):
    dependencies = [("search", "0009_rank_vector")]

    operations = [migrations.RunPython(sector_terms.load, migrations.RunPython.noop)]
