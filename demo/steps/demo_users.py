"""Demo accounts (``load_demo --demo-users`` only): for each organisation that publishes demo
practices or tools, an editor, a moderator and a contributor (a member of the organisation's
own group), so that anyone can try the member experience. All share the password given in the
environment variable CDP_DEMO_PASSWORD, which is never printed nor stored in clear."""

import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from demo.data.practices import PRACTICES
from demo.data.tools import TOOLS
from demo.loader import CREATED, UNCHANGED, UPDATED, apply_fields
from home.member_spaces import ensure_member_group
from home.models import OrganizationPage
from home.workflows import EDITORS_GROUP, MODERATORS_GROUP

PASSWORD_VARIABLE = "CDP_DEMO_PASSWORD"
# (suffix of the user name, first name shown in the admin, group name or None for the
# organisation's member group)
ROLES = (
    ("editeur", "Éditeur", EDITORS_GROUP),
    ("moderateur", "Modérateur", MODERATORS_GROUP),
    ("membre", "Membre", None),
)
EMAIL_DOMAIN = "example.org"
# What editors and moderators may do besides pages (as home/migrations/0013 grants them): the
# communes of the actor map. Given again here for a group the demo had to create.
STAFF_MODEL_PERMISSIONS = ("add_place", "change_place", "view_place")


class DemoPasswordError(Exception):
    """CDP_DEMO_PASSWORD is missing or too weak; the message says what to do."""


def demo_password(environ=None):
    """The demo accounts' password from the environment, checked by the site's validators."""
    environ = os.environ if environ is None else environ
    password = environ.get(PASSWORD_VARIABLE, "")
    if not password:
        raise DemoPasswordError(
            f"--demo-users : la variable d'environnement {PASSWORD_VARIABLE} n'est pas définie "
            "(the environment variable is not set).\n"
            f"→ Choisissez un mot de passe pour les comptes de démonstration et relancez, par "
            f"exemple : {PASSWORD_VARIABLE}='…' python manage.py load_demo --demo-users"
        )
    try:
        password_validation.validate_password(password)
    except ValidationError as exc:
        raise DemoPasswordError(
            f"--demo-users : le mot de passe de {PASSWORD_VARIABLE} est refusé : "
            f"{' '.join(exc.messages)}\n→ Choisissez-en un plus solide et relancez."
        ) from exc
    return password


def member_organisation_slugs():
    """The organisations that carried out a demo practice or made a demo tool, in data order."""
    slugs = [item["organization"] for item in [*PRACTICES, *TOOLS] if item["organization"]]
    return list(dict.fromkeys(slugs))


def username_for(organization, suffix):
    return f"{slugify(organization.acronym) or organization.slug}-{suffix}"


def _upsert_user(username, fields, password, group):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, **fields)
        user.set_password(password)
        user.save()
        user.groups.set([group])
        return user, CREATED
    changed = apply_fields(user, fields)
    if not user.check_password(password):
        user.set_password(password)
        changed = True
    if changed:
        user.save()
    if set(user.groups.values_list("pk", flat=True)) != {group.pk}:
        user.groups.set([group])
        changed = True
    return user, UPDATED if changed else UNCHANGED


def run(context):
    password = context.extra["demo_password"]
    slugs = member_organisation_slugs()
    accounts = context.extra.setdefault("demo_users", [])
    with context.step("comptes de démonstration", total=len(slugs) * len(ROLES)) as progress:
        found = OrganizationPage.objects.filter(slug__in=slugs)
        organisations = {page.slug: page for page in found}
        missing = [slug for slug in slugs if slug not in organisations]
        if missing:
            raise KeyError(
                f"organisations absentes : {', '.join(missing)} (chargez d'abord la démo : "
                "python manage.py load_demo, sans --if-empty)"
            )
        for slug in slugs:
            organization = organisations[slug]
            short = organization.acronym or organization.title
            for suffix, label, group_name in ROLES:
                username = username_for(organization, suffix)
                context.current = f"compte « {username} »"
                if group_name is None:
                    group = ensure_member_group(organization)
                else:
                    group, _ = Group.objects.get_or_create(name=group_name)
                    group.permissions.add(
                        *Permission.objects.filter(
                            content_type__app_label="home", codename__in=STAFF_MODEL_PERMISSIONS
                        )
                    )
                fields = {
                    "first_name": label,
                    "last_name": short[:150],
                    "email": f"{username}@{EMAIL_DOMAIN}",
                    "is_active": True,
                }
                _, status = _upsert_user(username, fields, password, group)
                accounts.append((username, group.name))
                progress.done(status, username)
