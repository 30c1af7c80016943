"""Compare the stored files with the document rows: files without rows, rows without files."""

from django.core.management.base import BaseCommand

from wirportal.documents.services import ORPHAN_MIN_AGE, files_check


class Command(BaseCommand):
    help = (
        "Zeigt Dateien ohne Dokumenteintrag und Dokumenteinträge ohne Datei; mit "
        "--delete-orphans werden Dateien ohne Eintrag gelöscht, die älter als einen Tag sind."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete-orphans",
            action="store_true",
            help="Dateien ohne Eintrag löschen, die älter als einen Tag sind.",
        )

    def handle(self, *args, delete_orphans=False, **options):
        report = files_check(remove_orphans_older_than=ORPHAN_MIN_AGE if delete_orphans else None)
        for name in report.orphan_files:
            mark = " (gelöscht)" if name in report.removed else ""
            self.stdout.write(f"Datei ohne Eintrag: {name}{mark}")
        for document in report.missing_files:
            self.stdout.write(
                f"Eintrag ohne Datei: {document.storage_name} "
                f"(Dokument {document.public_id}, „{document.display_name}“)"
            )
        self.stdout.write(
            f"{len(report.orphan_files)} Dateien ohne Eintrag, "
            f"{len(report.missing_files)} Einträge ohne Datei."
        )
        if report.missing_files:
            # a row without its file is data loss: make scripts and monitoring notice
            raise SystemExit(1)
