from django.core.management.base import BaseCommand

from offline.packs import build_pack, every_pack


class Command(BaseCommand):
    help = "Builds the offline pack (ZIP) of every community and theme that has public sheets."

    def handle(self, *args, **options):
        for kind, slug in every_pack():
            name = build_pack(kind, slug)
            self.stdout.write(f"{kind} {slug}: {name or '-'}")
