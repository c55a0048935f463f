"""The sector's terms visitors type (search/data/glossary_sector_terms.csv): new terms are
created, variants added to the terms editors already have (their own variants are kept)."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "glossary_sector_terms.csv"


def rows():
    with CSV_PATH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            variants = [v.strip() for v in row["variantes"].split("|") if v.strip()]
            yield row["terme"].strip(), variants, row["definition"].strip()


def load(apps, schema_editor):
    GlossaryTerm = apps.get_model("search", "GlossaryTerm")
    for term, variants, definition in rows():
        entry, created = GlossaryTerm.objects.get_or_create(
            term=term, defaults={"variants": "\n".join(variants), "definition": definition}
        )
        if created:
            continue
        known = [line.strip() for line in entry.variants.splitlines() if line.strip()]
        lowered = {line.lower() for line in known}
        added = [variant for variant in variants if variant.lower() not in lowered]
        if added:
            entry.variants = "\n".join(known + added)
            entry.save(update_fields=["variants"])


class Migration(migrations.Migration):
    dependencies = [("search", "0007_owned_search_columns")]

    # Going back leaves the terms: editors may have changed them since.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
