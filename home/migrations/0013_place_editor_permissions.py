"""Editors and moderators may add and change the communes of the actor map (« Classement ›
Communes »); members may not. The permissions are created here if Django has not created them
yet (a fresh database creates them only after every migration has run)."""

from django.db import migrations

GROUPS = ("Éditeurs", "Modérateurs")
PERMISSIONS = (
    ("add_place", "Can add commune"),
    ("change_place", "Can change commune"),
    ("view_place", "Can view commune"),
)


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="place")
    return [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    groups = list(Group.objects.filter(name__in=GROUPS))
    if not groups:
        return
    permissions = _permissions(apps)
    for group in groups:
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="home", codename__in=[codename for codename, _ in PERMISSIONS]
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0012_safety_audio_check"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
