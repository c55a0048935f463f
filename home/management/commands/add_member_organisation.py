"""``manage.py add_member_organisation``: a new member organisation, its space and the
invitation of its first member (see ``home.onboarding``)."""

from django.core.management.base import BaseCommand, CommandError

from home.models import CommunityPage, OrganizationKind
from home.onboarding import OnboardingError, add_member_organisation


def find_community(value):
    if not value:
        return None
    community = (
        CommunityPage.objects.filter(slug=value).first()
        or CommunityPage.objects.filter(title__iexact=value).first()
    )
    if community is None:
        known = ", ".join(CommunityPage.objects.order_by("title").values_list("slug", flat=True))
        raise CommandError(
            f"Communauté « {value} » introuvable : indiquez l'adresse courte "
            f"(slug) ou le titre d'une communauté existante ({known or 'aucune'})."
        )
    return community


class Command(BaseCommand):
    help = (
        "Ajoute une organisation membre : sa page dans l'annuaire (brouillon, publiée après "
        "relecture), son groupe, sa collection et ses droits, et invite un premier membre par "
        "courriel à choisir son mot de passe. Relancer la commande complète sans dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Nom complet de l'organisation.")
        parser.add_argument("--acronym", default="", help="Sigle (facultatif).")
        parser.add_argument(
            "--email",
            required=True,
            help="Adresse électronique du premier membre, qui reçoit l'invitation.",
        )
        parser.add_argument(
            "--kind",
            required=True,
            choices=OrganizationKind.values,
            help="Type d'organisation : "
            + ", ".join(f"{value} ({label})" for value, label in OrganizationKind.choices),
        )
        parser.add_argument(
            "--community", default="", help="Communauté de pratique (slug ou titre), facultatif."
        )

    def handle(self, *args, name, acronym, email, kind, community, **options):
        try:
            result = add_member_organisation(
                name=name,
                acronym=acronym,
                email=email,
                kind=kind,
                community=find_community(community),
            )
        except OnboardingError as exc:
            raise CommandError(str(exc)) from exc
        organization = result.organization
        if result.organization_created:
            self.stdout.write(
                f"Organisation « {organization.title} » créée en brouillon dans "
                "l'annuaire : elle sera publique après relecture (le membre la "
                "complète puis la soumet)."
            )
        else:
            self.stdout.write(
                f"Organisation « {organization.title} » déjà présente : complétée si besoin."
            )
        self.stdout.write(
            f"Espace de l'organisation : groupe « {result.group.name} », "
            "collection et droits en place."
        )
        if result.user_created:
            self.stdout.write(f"Compte « {result.user.get_username()} » créé (sans mot de passe).")
        else:
            self.stdout.write(f"Compte « {result.user.get_username()} » déjà membre.")
        if result.invitation_sent and result.user_created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Invitation envoyée à {result.user.email} : le lien permet de choisir "
                    "un mot de passe."
                )
            )
        elif result.invitation_sent:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Invitation renvoyée à {result.user.email} : ce membre n'a pas encore choisi "
                    "son mot de passe."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    "Aucune invitation envoyée : ce membre a déjà choisi son mot de passe."
                )
            )
