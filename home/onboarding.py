"""Adding a member organisation: its page in the directory, its own space (group, collection,
permissions: ``home.member_spaces.ensure_member_group``) and an invitation by e-mail to its
first member, who chooses a password through Django's password-reset link.

One service for ``manage.py add_member_organisation`` and the admin view « Ajouter une
organisation membre ». The organisation's page is created as a draft: like every page it
becomes public only after the safety review. Running it again for the same organisation
completes what is missing and never duplicates anything.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .member_spaces import ensure_member_group, member_group_for
from .models import OrganizationIndexPage, OrganizationKind, OrganizationPage

NAME_MAX = 255
ACRONYM_MAX = OrganizationPage._meta.get_field("acronym").max_length
USERNAME_MAX = 150  # the member's user name is their address


class OnboardingError(Exception):
    """Bad input or a conflict: the message names the object and what to do. Nothing changed."""


@dataclass
class Onboarding:
    organization: OrganizationPage
    organization_created: bool
    group: object
    user: object
    user_created: bool
    invitation_sent: bool


def _clean(name, acronym, email, kind):
    name, acronym, email = (name or "").strip(), (acronym or "").strip(), (email or "").strip()
    if not name:
        raise OnboardingError(_("Le nom de l'organisation est vide : indiquez son nom complet."))
    if len(name) > NAME_MAX:
        raise OnboardingError(
            _(
                "Le nom de l'organisation dépasse %(max)s caractères : "
                "raccourcissez-le (le sigle a son propre champ)."
            )
            % {"max": NAME_MAX}
        )
    if len(acronym) > ACRONYM_MAX:
        raise OnboardingError(
            _("Le sigle « %(acronym)s » dépasse %(max)s caractères.")
            % {"acronym": acronym, "max": ACRONYM_MAX}
        )
    if kind not in OrganizationKind.values:
        raise OnboardingError(
            _("Type d'organisation « %(kind)s » inconnu : choisissez parmi %(choices)s.")
            % {"kind": kind, "choices": ", ".join(OrganizationKind.values)}
        )
    if len(email) > USERNAME_MAX:
        raise OnboardingError(
            _("L'adresse « %(email)s » dépasse %(max)s caractères : indiquez-en une plus courte.")
            % {"email": email, "max": USERNAME_MAX}
        )
    try:
        validate_email(email)
    except ValidationError:
        raise OnboardingError(
            _(
                "L'adresse « %(email)s » n'est pas une adresse électronique "
                "valide : corrigez-la (exemple : prenom@organisation.org)."
            )
            % {"email": email}
        ) from None
    return name, acronym, email.lower()


def _existing_organization(name, acronym):
    """The organisation of that name, if any. A sigle that another organisation already
    uses is refused: the member must never land in the wrong organisation's space."""
    organization = OrganizationPage.objects.filter(title__iexact=name).order_by("pk").first()
    if organization is not None:
        if acronym and organization.acronym and organization.acronym.lower() != acronym.lower():
            raise OnboardingError(
                _(
                    "L'organisation « %(name)s » existe déjà avec le sigle « %(existing)s », pas "
                    "« %(acronym)s » : reprenez son sigle, ou corrigez-le d'abord sur sa page dans "
                    "l'administration."
                )
                % {"name": organization.title, "existing": organization.acronym, "acronym": acronym}
            )
        return organization
    if acronym:
        other = OrganizationPage.objects.filter(acronym__iexact=acronym).order_by("pk").first()
        if other is not None:
            raise OnboardingError(
                _(
                    "Le sigle « %(acronym)s » est déjà celui de « %(name)s » : si c'est la même "
                    "organisation, indiquez son nom exact ; sinon, choisissez un autre sigle."
                )
                % {"acronym": acronym, "name": other.title}
            )
    return None


def _existing_user(email):
    users = get_user_model().objects
    return users.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()


def _free_slug(directory, base):
    base = slugify(base)[:200] or "organisation"
    taken = set(directory.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _directory():
    directory = OrganizationIndexPage.objects.order_by("path").first()
    if directory is None:
        raise OnboardingError(
            _(
                "Aucun annuaire des organisations n'existe : créez une page « annuaire des "
                "organisations » sous l'accueil dans l'administration (ou lancez load_demo), "
                "puis recommencez."
            )
        )
    return directory


def _create_organization(directory, name, acronym, kind, community, user):
    page = OrganizationPage(
        title=name,
        acronym=acronym,
        kind=kind,
        slug=_free_slug(directory, acronym or name),
        live=False,
    )
    if community is not None:
        page.communities.set([community])
    directory.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=user)
    page.save_revision(user=user, log_action=False)
    return page


def invitation_link(user):
    """The absolute address where ``user`` chooses a password (Django's reset machinery)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_invitation(user, organization):
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "organization": organization,
        "username": user.get_username(),
        "link": invitation_link(user),
        "login_url": base_url + reverse("wagtailadmin_login"),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    with translation.override("fr"):
        subject = render_to_string("onboarding/invitation_subject.txt", context).strip()
        body = render_to_string("onboarding/invitation_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def add_member_organisation(*, name, email, kind, acronym="", community=None, invited_by=None):
    """Create (or complete) the organisation, its space and its first member's invitation.

    The invitation is sent when the member is new, and again while they have not chosen a
    password yet (a lost e-mail); never once they have. Raises ``OnboardingError``.
    """
    name, acronym, email = _clean(name, acronym, email, kind)
    directory = _directory()
    organization = _existing_organization(name, acronym)
    user = _existing_user(email)
    if user is not None:
        group = member_group_for(organization) if organization is not None else None
        if group is None or not user.groups.filter(pk=group.pk).exists():
            raise OnboardingError(
                _(
                    "Un compte existe déjà pour l'adresse « %(email)s » (utilisateur "
                    "« %(username)s ») et il n'est pas membre de « %(name)s » : pour lui "
                    "donner accès, ajoutez-le au groupe de l'organisation dans Paramètres › "
                    "Utilisateurs ; sinon, indiquez une autre adresse."
                )
                % {"email": email, "username": user.get_username(), "name": name}
            )

    with transaction.atomic():
        organization_created = organization is None
        if organization_created:
            organization = _create_organization(
                directory, name, acronym, kind, community, invited_by
            )
        group = ensure_member_group(organization)
        user_created = user is None
        if user_created:
            user = get_user_model()(username=email, email=email)
            user.set_unusable_password()
            user.save()
            user.groups.add(group)

    invitation_sent = False
    if not user.has_usable_password():
        try:
            send_invitation(user, organization)
        except Exception as exc:  # SMTP and the like: what exists is kept, say how to finish
            raise OnboardingError(
                _(
                    "L'organisation « %(name)s » et le compte « %(email)s » sont prêts, mais "
                    "l'envoi du courriel a échoué (%(error)s) : vérifiez la configuration de "
                    "l'envoi (EMAIL_URL) puis recommencez, l'invitation sera renvoyée."
                )
                % {"name": organization.title, "email": email, "error": exc}
            ) from exc
        invitation_sent = True
    return Onboarding(
        organization, organization_created, group, user, user_created, invitation_sent
    )
