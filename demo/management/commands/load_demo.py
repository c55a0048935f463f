"""``manage.py load_demo``: build the demo site from the data in demo/data (idempotent)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from demo.indexes import paused_indexing, rebuild_indexes
from demo.loader import STATUS_LABELS, STATUSES, Context, LoadError, hint_for
from demo.steps import STEPS
from demo.steps import demo_users as demo_users_step
from demo.steps.demo_users import PASSWORD_VARIABLE
from home.models import HomePage


def site_has_content():
    """True when a HomePage exists and already holds content (children, introduction, body)."""
    home = HomePage.objects.first()
    return home is not None and bool(
        home.get_children().exists() or home.introduction or len(home.body)
    )


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration (communautés, organisations, pratiques, outils, "
        "cadres de concertation…). Relancer la commande ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne rien faire si le site a déjà une page d'accueil avec du contenu.",
        )
        parser.add_argument(
            "--skip-index",
            action="store_true",
            help="Ne pas reconstruire les index de recherche et de références ni les paquets "
            "hors ligne à la fin (ils ne sont pas tenus à jour pendant le chargement).",
        )
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Créer aussi, pour chaque organisation qui publie des pratiques ou des outils, "
            "un compte éditeur, modérateur et membre, avec le mot de passe de la variable "
            f"d'environnement {PASSWORD_VARIABLE} (obligatoire avec cette option).",
        )

    def handle(
        self, *args, if_empty=False, skip_index=False, demo_users=False, verbosity=1, **options
    ):
        context = Context(stdout=self.stdout, verbosity=verbosity)
        if demo_users:
            try:
                context.extra["demo_password"] = demo_users_step.demo_password()
            except demo_users_step.DemoPasswordError as exc:
                raise CommandError(str(exc)) from exc
        try:
            skip_content = if_empty and site_has_content()
        except DatabaseError as exc:
            raise CommandError(f"Base de données pas prête : {exc}\n→ {hint_for(exc)}") from exc
        if skip_content:
            self.stdout.write(
                "Le site a déjà une page d'accueil avec du contenu : rien à charger (--if-empty)."
            )
            if demo_users:
                self._run_steps(context, [demo_users_step])
                self._list_demo_users(context)
            return

        started = time.perf_counter()
        steps = [*STEPS, demo_users_step] if demo_users else STEPS
        self.stdout.write(f"Chargement du contenu de démonstration ({len(steps)} étapes)…")
        self._run_steps(context, steps)

        index_note = "index et paquets hors ligne non reconstruits (--skip-index)"
        if not skip_index:
            try:
                seconds = rebuild_indexes(self.stdout, verbosity)
            except Exception as exc:  # the content is saved: say how to finish by hand
                raise CommandError(
                    f"Contenu chargé, mais la reconstruction des index a échoué : {exc}\n"
                    "→ Lancez « python manage.py update_index », "
                    "« python manage.py rebuild_references_index », "
                    "« python manage.py search_index update » et "
                    "« python manage.py build_offline_packs »."
                ) from exc
            index_note = (
                f"index de recherche et de références et paquets hors ligne reconstruits en "
                f"{seconds:.1f} s"
            )

        elapsed = time.perf_counter() - started
        counts = ", ".join(f"{context.counts[s]} {STATUS_LABELS[s]}" for s in STATUSES)
        self.stdout.write(
            self.style.SUCCESS(
                f"Démo chargée en {elapsed:.1f} s : {counts} ({len(context.pages)} pages, "
                f"{len(context.documents)} documents, {len(context.images)} images) ; {index_note}."
            )
        )
        if demo_users:
            self._list_demo_users(context)

    def _run_steps(self, context, steps):
        try:
            with transaction.atomic(), paused_indexing():
                for number, step in enumerate(steps, start=1):
                    context.write(f"[{number}/{len(steps)}] {step.__name__.rsplit('.', 1)[-1]}")
                    step.run(context)
        except LoadError as exc:
            raise CommandError(f"{exc}\nRien n'a été enregistré (transaction annulée).") from exc

    def _list_demo_users(self, context):
        """The demo accounts' user names (never their password)."""
        self.stdout.write(
            f"Comptes de démonstration (mot de passe : celui de {PASSWORD_VARIABLE}) :"
        )
        for username, group in context.extra["demo_users"]:
            self.stdout.write(f"  {username:<28} {group}")
