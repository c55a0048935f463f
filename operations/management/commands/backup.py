"""``manage.py backup``: one dated archive with the database dump, the media and a manifest."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backup import create_backup
from operations.databases import BackupError, for_alias


class Command(BaseCommand):
    help = (
        "Écrit une sauvegarde datée (base de données cohérente, médias, manifeste avec "
        "les comptes et les sommes SHA-256) dans BACKUP_DIR (par défaut backups/)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=None,
            help="Dossier des archives (par défaut : réglage BACKUP_DIR).",
        )
        parser.add_argument("--database", default="default", help="Alias de la base.")

    def handle(self, *args, output_dir=None, database="default", **options):
        try:
            path, _manifest = create_backup(
                for_alias(database),
                settings.MEDIA_ROOT,
                output_dir or settings.BACKUP_DIR,
                write=self.stdout.write,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        return None
