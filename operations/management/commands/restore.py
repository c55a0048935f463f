"""``manage.py restore ARCHIVE``: into an empty database and an empty media folder only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backup import restore_backup
from operations.databases import BackupError, for_alias


class Command(BaseCommand):
    help = (
        "Restaure une archive de `manage.py backup` dans une base de données vide et un "
        "dossier de médias vide (refuse sinon, sans rien modifier), vérifie les sommes "
        "SHA-256 et compare les comptes au manifeste."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Chemin de l'archive cdp-AAAAmmjj-HHMMSS.tar.gz")
        parser.add_argument("--database", default="default", help="Alias de la base.")

    def handle(self, *args, archive, database="default", **options):
        try:
            restore_backup(
                archive, for_alias(database), settings.MEDIA_ROOT, write=self.stdout.write
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
