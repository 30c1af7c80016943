"""Restore a backup written by `manage.py backup` into an empty database and media folder."""

from pathlib import Path

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from wirportal.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Spielt eine Sicherung (manage.py backup) zurück: prüft zuerst jede Prüfsumme, ersetzt "
        "dann die Datenbank und schreibt die Dateien; vergleicht danach Zeilen und Prüfsummen."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Die Sicherung (.tar).")
        parser.add_argument(
            "--replace-media",
            action="store_true",
            help="Auch in einen nicht leeren Medienordner schreiben (vorhandene Dateien werden "
            "überschrieben).",
        )

    def handle(self, *args, archive, replace_media=False, **options):
        try:
            report = restore(archive, replace_media=replace_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for line in report.differences:
            self.stderr.write(line)
        if report.differences:
            raise CommandError(f"{len(report.differences)} Abweichungen nach dem Zurückspielen.")
        self.stdout.write(
            f"Zurückgespielt: {len(report.tables)} Tabellen, {sum(report.tables.values())} "
            f"Zeilen, {report.files} Dateien; alle Zeilenzahlen und Prüfsummen stimmen."
        )
        if "check_files" in get_commands():
            call_command("check_files", stdout=self.stdout)
