"""Each member organisation's own space in the admin.

A Wagtail group « Membres – <sigle ou nom> » may add and change pages (not publish) at and
below its OrganizationPage, so its users write practices and tools there and submit them for
moderation. It also gets a collection of its own for the images and documents they upload.
The group is found again through its page permission, so renaming the organisation never
creates a second group.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .models import OrganizationPage

GROUP_PREFIX = "Membres – "
PAGE_PERMISSIONS = ("add_page", "change_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)
GROUP_NAME_MAX = 150


def member_group_for(organization):
    """The member group of ``organization``, or None."""
    return (
        Group.objects.filter(
            name__startswith=GROUP_PREFIX,
            page_permissions__page=organization,
            page_permissions__permission__codename="add_page",
        )
        .order_by("pk")
        .first()
    )


def _free_group_name(organization):
    short = organization.acronym or organization.title
    candidates = [
        f"{GROUP_PREFIX}{short}",
        f"{GROUP_PREFIX}{short} ({organization.title})",
        f"{GROUP_PREFIX}{short} ({organization.pk})",
    ]
    for name in candidates:
        name = name[:GROUP_NAME_MAX]
        if not Group.objects.filter(name=name).exists():
            return name
    return candidates[-1][:GROUP_NAME_MAX]


def _collection_for(group, organization):
    existing = GroupCollectionPermission.objects.filter(group=group).select_related("collection")
    row = existing.first()
    if row:
        return row.collection
    root = Collection.get_first_root_node()
    name = organization.acronym or organization.title
    collection = root.get_children().filter(name=name).first()
    return collection or root.add_child(name=name)


@transaction.atomic
def ensure_member_group(organization):
    """Create (or complete) the member group of ``organization``; safe to call again."""
    group = member_group_for(organization)
    if group is None:
        group = Group.objects.create(name=_free_group_name(organization))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=organization,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    collection = _collection_for(group, organization)
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    return group


# --- Looking a member's organisations up (public contribution form, admin dashboard) ---


def organizations_of(user):
    """The organisations whose member group ``user`` belongs to (add_page at the
    OrganizationPage itself), by title. Empty for anonymous users and non-members."""
    if not user.is_authenticated:
        return OrganizationPage.objects.none()
    return (
        OrganizationPage.objects.filter(
            group_permissions__group__in=user.groups.filter(name__startswith=GROUP_PREFIX),
            group_permissions__permission__codename="add_page",
        )
        .distinct()
        .order_by("title")
    )


def collection_of(organization):
    """The collection where the organisation's members upload images and documents, or None."""
    group = member_group_for(organization)
    if group is None:
        return None
    row = (
        GroupCollectionPermission.objects.filter(group=group, permission__codename="add_document")
        .select_related("collection")
        .order_by("pk")
        .first()
    )
    return row.collection if row else None
