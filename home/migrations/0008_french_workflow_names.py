"""Wagtail's default workflow and task, « Moderators approval », get a French name (the admin
lists them beside the portal's own « Relecture avant publication »). Names an editor already
changed are left alone."""

from django.db import migrations

RENAMES = (("Moderators approval", "Validation par les modérateurs"),)


def rename(apps, schema_editor, renames=RENAMES):
    for model_name in ("Workflow", "Task"):
        model = apps.get_model("wagtailcore", model_name)
        for old_name, new_name in renames:
            model.objects.filter(name=old_name).update(name=new_name)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, renames=[(new, old) for old, new in RENAMES])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_french_verbose_names"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
