"""The shared « Commun » collection, and members' permission to choose its files."""

from django.db import migrations

NAME = "Commun"
STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MEMBER_GROUP_PREFIX = "Membres – "
PERMISSIONS = (("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document"))


def _step(number):
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def create_shared_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    shared = children.filter(name=NAME).first()
    if shared is None:
        last = children.order_by("-path").first()
        number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
        shared = Collection.objects.create(
            name=NAME, path=root.path + _step(number), depth=2, numchild=0
        )
        root.numchild = children.count()
        root.save(update_fields=["numchild"])

    for group in Group.objects.filter(name__startswith=MEMBER_GROUP_PREFIX):
        for app_label, codename in PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=shared, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_alter_theme_slug_survivorsafetytask"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_shared_collection, migrations.RunPython.noop)]
