"""Each member organisation's own space in the admin.

A Wagtail group « Membres – <sigle ou nom> » may add and change pages (not publish) at and
below its OrganizationPage, so its users write practices and tools there and submit them for
moderation. It also gets a collection of its own for the images and documents they upload,
and may choose (not change) those of the shared « Commun » collection that editors fill.
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
SHARED_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
)
SHARED_COLLECTION_NAME = "Commun"
GROUP_NAME_MAX = 150


def shared_collection():
    """The collection of files every member may attach (logos of the CdP, common guides)."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=SHARED_COLLECTION_NAME).first()
    return collection or root.add_child(name=SHARED_COLLECTION_NAME)


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


def member_collection(organization):
    """The collection where the members of ``organization`` upload their files, or None."""
    row = (
        GroupCollectionPermission.objects.filter(
            group=member_group_for(organization), permission__codename="add_document"
        )
        .select_related("collection")
        .first()
    )
    return row.collection if row else None


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
    # Its own collection is the one it may add to (it may only choose in the shared one).
    row = (
        GroupCollectionPermission.objects.filter(group=group, permission__codename="add_document")
        .select_related("collection")
        .first()
    )
    if row:
        return row.collection
    root = Collection.get_first_root_node()
    name = organization.acronym or organization.title
    if name == SHARED_COLLECTION_NAME:
        name = f"{name} ({organization.pk})"
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
    _grant(group, collection, COLLECTION_PERMISSIONS)
    _grant(group, shared_collection(), SHARED_COLLECTION_PERMISSIONS)
    return group


def _grant(group, collection, permissions):
    for app_label, codename in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )


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
