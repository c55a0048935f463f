"""``manage.py set_public_url [URL]``: the default site answers at PUBLIC_URL (or URL)."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from home.public_url import apply_public_url


class Command(BaseCommand):
    help = (
        "Donne au site par défaut l'adresse publique (réglage PUBLIC_URL, ou l'adresse "
        "passée en argument) : plan du site, liens canoniques, Open Graph, iCal, e-mails."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="par exemple https://portail.example.org")

    def handle(self, *args, url=None, **options):
        try:
            site, changed = apply_public_url(url)
        except (ImproperlyConfigured, IntegrityError) as error:
            raise CommandError(str(error)) from error
        if site is None:
            raise CommandError("Aucun site par défaut : lancez d'abord « manage.py migrate ».")
        state = "désormais" if changed else "déjà"
        self.stdout.write(f"Le site par défaut répond {state} à {site.root_url}.")
