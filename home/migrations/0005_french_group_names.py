"""Wagtail's default groups get French names: « Editors » → « Éditeurs », « Moderators » →
« Modérateurs », with their permissions, users and workflow tasks. If a « Modérateurs »
group already exists (the workflow created one on a site without Wagtail's groups), the
English one is merged into it."""

from django.conf import settings
from django.db import migrations

RENAMES = (("Editors", "Éditeurs"), ("Moderators", "Modérateurs"))
TASK_MODELS = (("wagtailcore", "GroupApprovalTask"), ("home", "SurvivorSafetyTask"))


def _merge(apps, old, new):
    User = apps.get_model(settings.AUTH_USER_MODEL)
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    new.permissions.add(*old.permissions.all())
    for row in GroupPagePermission.objects.filter(group=old):
        GroupPagePermission.objects.get_or_create(
            group=new, page_id=row.page_id, permission_id=row.permission_id
        )
    for row in GroupCollectionPermission.objects.filter(group=old):
        GroupCollectionPermission.objects.get_or_create(
            group=new, collection_id=row.collection_id, permission_id=row.permission_id
        )
    Membership = User.groups.through
    for user_id in Membership.objects.filter(group=old).values_list("user_id", flat=True):
        Membership.objects.get_or_create(user_id=user_id, group=new)
    for app_label, model_name in TASK_MODELS:
        for task in apps.get_model(app_label, model_name).objects.filter(groups=old):
            task.groups.add(new)
    old.delete()


def rename(apps, schema_editor, renames=RENAMES):
    Group = apps.get_model("auth", "Group")
    for old_name, new_name in renames:
        old = Group.objects.filter(name=old_name).first()
        if old is None:
            continue
        new = Group.objects.filter(name=new_name).first()
        if new is None:
            old.name = new_name
            old.save(update_fields=["name"])
        else:
            _merge(apps, old, new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, renames=[(new, old) for old, new in RENAMES])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_safety_confirmation"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtailimages", "0002_initial_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
