"""Back up the database and the media files into one tar archive (see docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wirportal.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sichert Datenbank und Dateien gemeinsam in ein tar-Archiv mit Manifest "
        "(Zeilen je Tabelle, SHA-256 jeder Datei)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Zieldatei, Vorgabe: var/backup-JJJJ-MM-TT-HHMMSS.tar",
        )

    def handle(self, *args, output=None, **options):
        output = output or Path("var") / f"backup-{timezone.localtime():%Y-%m-%d-%H%M%S}.tar"
        try:
            manifest = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(
            f"Sicherung geschrieben: {output} ({manifest['engine']}, "
            f"{len(manifest['tables'])} Tabellen, {rows} Zeilen, {files} Dateien)"
        )
