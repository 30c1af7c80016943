"""Remove files under MEDIA_ROOT/documents that no StoredDocument points to (rolled-back uploads)."""

from django.core.management.base import BaseCommand

from wirportal.documents.services import orphan_files, orphan_files_remove


class Command(BaseCommand):
    help = "Löscht Dateien ohne Dokumenteintrag (älter als eine Stunde); mehrfach ausführbar."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur anzeigen, nicht löschen.")
        parser.add_argument(
            "--older-than", type=int, default=3600, help="Mindestalter in Sekunden (3600)."
        )

    def handle(self, *args, dry_run=False, older_than=3600, **options):
        if dry_run:
            for name in orphan_files():
                self.stdout.write(name)
            return
        removed = orphan_files_remove(older_than_seconds=older_than)
        self.stdout.write(f"{len(removed)} verwaiste Datei(en) gelöscht.")
