"""Daily: files without a document row and rows without a file are logged; orphan files older
than a day (left by a crash between writing a file and rolling back) are deleted."""

from datetime import timedelta

from wirportal.core.scheduling import Job


def _files_check() -> str:
    from .services import ORPHAN_MIN_AGE, files_check

    report = files_check(remove_orphans_older_than=ORPHAN_MIN_AGE)
    return (
        f"{len(report.orphan_files)} Dateien ohne Eintrag ({len(report.removed)} gelöscht), "
        f"{len(report.missing_files)} Einträge ohne Datei"
    )


JOBS = [Job("documents_files_check", every=timedelta(hours=24), run=_files_check)]
