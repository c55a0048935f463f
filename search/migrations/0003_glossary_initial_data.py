"""The first glossary (search/data/glossary.csv): acronyms and synonyms of the sector."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "glossary.csv"


def load(apps, schema_editor):
    GlossaryTerm = apps.get_model("search", "GlossaryTerm")
    with CSV_PATH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            variants = "\n".join(v.strip() for v in row["variantes"].split("|") if v.strip())
            GlossaryTerm.objects.get_or_create(
                term=row["terme"].strip(),
                defaults={"variants": variants, "definition": row["definition"].strip()},
            )


def unload(apps, schema_editor):
    GlossaryTerm = apps.get_model("search", "GlossaryTerm")
    with CSV_PATH.open(encoding="utf-8") as handle:
        terms = [row["terme"].strip() for row in csv.DictReader(handle)]
    GlossaryTerm.objects.filter(term__in=terms).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_models")]

    operations = [migrations.RunPython(load, unload)]
