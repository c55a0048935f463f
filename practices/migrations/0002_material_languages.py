from django.db import migrations

LANGUAGES = [
    ("fr", "Français"),
    ("bm", "Bambara"),
    ("ff", "Fulfulde (peul)"),
    ("ses", "Songhay"),
    ("snk", "Soninké"),
    ("tmh", "Tamasheq"),
    ("en", "Anglais"),
]


def create_languages(apps, schema_editor):
    MaterialLanguage = apps.get_model("practices", "MaterialLanguage")
    for position, (code, name) in enumerate(LANGUAGES):
        MaterialLanguage.objects.update_or_create(code=code, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(create_languages, migrations.RunPython.noop)]
