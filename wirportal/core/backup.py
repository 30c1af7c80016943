"""Backup and restore of the database and the media files together, in one tar archive (T13).

The archive holds
- `manifest.json`: format, time, database engine, the row count of every table and the SHA-256
  of every other member (the database dump and each media file),
- `database.sqlite3` (SQLite: a copy made with SQLite's online backup API, consistent while the
  portal runs) or `database.pgdump` (PostgreSQL: `pg_dump -Fc` of one snapshot),
- `media/...`: every file under MEDIA_ROOT.

Why pg_dump and not dumpdata/loaddata for PostgreSQL: pg_dump restores the database as it was —
the append-only trigger and its function on `audit_auditentry`, sequences at their values, the
cache and task tables, history rows — without running model code. loaddata would fire signals
(django-simple-history writes extra history rows), needs the trigger-free path for the audit
table and resets no sequences; the restored database would not be the backed-up one.

The database is dumped first and the files copied afterwards: a file uploaded during the backup is
at worst an orphan in the archive (`check_files` reports it), never a row without its file, except
for a document deleted during the backup. Run backups while the portal is quiet if possible.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore cannot be done; the message (German) says why."""


@dataclass(frozen=True)
class RestoreReport:
    tables: dict[str, int]
    files: int
    differences: list[str]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _tables() -> list[str]:
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    names.add(MigrationRecorder.Migration._meta.db_table)
    return sorted(names)


def table_counts() -> dict[str, int]:
    """Rows per table of every model (and of django_migrations) in the current database."""
    existing = set(connection.introspection.table_names())
    counts = {}
    models: list[type[Model]] = [
        *apps.get_models(include_auto_created=True),
        MigrationRecorder.Migration,
    ]
    for model in models:
        table = model._meta.db_table
        if model._meta.managed and not model._meta.proxy and table in existing:
            counts[table] = model._base_manager.using(connection.alias).count()
    return dict(sorted(counts.items()))


def _sqlite_counts(path: Path) -> dict[str, int]:
    """The same counts, read from the copy itself (so they match the dump exactly)."""
    copy = sqlite3.connect(path)
    try:
        existing = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
        counts = {}
        for table in _tables():
            if table in existing:
                # table names come from our models and sqlite_master, quoted; no user input
                query = "SELECT COUNT(*) FROM " + connection.ops.quote_name(table)  # noqa: S608
                counts[table] = copy.execute(query).fetchone()[0]
        return counts
    finally:
        copy.close()


def _pg_environment() -> dict[str, str]:
    params = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if params.get(key):
            env[name] = str(params[key])
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} fehlt. Bitte die PostgreSQL-Client-Programme installieren "
            "(Debian: apt-get install postgresql-client), in der Version des Servers oder neuer."
        )
    return path


def _dump_database(folder: Path) -> tuple[Path, dict[str, int]]:
    vendor = connection.vendor
    if vendor == "sqlite":
        target = folder / DUMP_NAMES["sqlite"]
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target, _sqlite_counts(target)
    if vendor == "postgresql":
        target = folder / DUMP_NAMES["postgresql"]
        pg_dump = _pg_tool("pg_dump")
        # One snapshot for the dump and the counts: what the manifest says is what the dump holds.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            counts = table_counts()
            subprocess.run(  # noqa: S603 (fixed program, no shell)
                [
                    pg_dump,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    str(connection.settings_dict["NAME"]),
                ],
                env=_pg_environment(),
                check=True,
                capture_output=True,
            )
        return target, counts
    raise BackupError(f"Datenbank {vendor} wird nicht unterstützt (nur SQLite und PostgreSQL).")


def _media_files() -> list[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    found = []
    for directory, _subdirectories, names in os.walk(root):
        for name in names:
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def backup(output: Path) -> dict:
    """Write the archive to `output` (a .tar file); returns the manifest."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory() as folder:
        dump, counts = _dump_database(Path(folder))
        media = _media_files()
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database": dump.name,
            "tables": counts,
            "files": {dump.name: sha256_of(dump)}
            | {f"media/{name}": sha256_of(path) for name, path in media},
        }
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for name, path in media:
                archive.add(path, arcname=f"media/{name}")
    partial.replace(output)  # a half-written archive never carries the final name
    return manifest


# --- restore -------------------------------------------------------------------------------------


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in name


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        handle = archive.extractfile(member)
        manifest = json.load(handle) if handle else None
    except (KeyError, ValueError) as error:
        raise BackupError("Das Archiv enthält kein lesbares manifest.json.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Das Archiv hat ein unbekanntes Format.")
    return manifest


def _verify_archive(archive: tarfile.TarFile, manifest: dict) -> None:
    """Every member named in the manifest is there, a regular file, with the recorded SHA-256."""
    expected = dict(manifest["files"])
    for member in archive.getmembers():
        if member.name == MANIFEST:
            continue
        if not member.isfile() or not _safe_member(member.name):
            raise BackupError(f"Unzulässiger Eintrag im Archiv: {member.name}")
        want = expected.pop(member.name, None)
        if want is None:
            raise BackupError(f"Eintrag nicht im Manifest: {member.name}")
        digest = hashlib.sha256()
        handle = archive.extractfile(member)
        assert handle is not None
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
        if digest.hexdigest() != want:
            raise BackupError(f"Prüfsumme stimmt nicht: {member.name}")
    if expected:
        raise BackupError(f"Im Archiv fehlen {len(expected)} Einträge, z. B. {min(expected)}")


def _restore_database(archive: tarfile.TarFile, manifest: dict, folder: Path) -> None:
    engine = manifest["engine"]
    if engine != connection.vendor:
        raise BackupError(
            f"Die Sicherung stammt aus {engine}, eingestellt ist {connection.vendor}. "
            "Bitte in eine Datenbank derselben Art zurückspielen."
        )
    archive.extract(manifest["database"], folder, filter="data")
    dump = folder / manifest["database"]
    if engine == "sqlite":
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise BackupError("Zurückspielen ist innerhalb einer Transaktion nicht möglich.")
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)  # replaces the whole database
        finally:
            source.close()
        return
    pg_restore = _pg_tool("pg_restore")
    connection.close()
    result = subprocess.run(  # noqa: S603 (fixed program, no shell)
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        env=_pg_environment(),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(
            "pg_restore ist fehlgeschlagen: " + result.stderr.decode("utf-8", "replace")[-2000:]
        )


def _restore_media(archive: tarfile.TarFile, manifest: dict) -> int:
    root = Path(settings.MEDIA_ROOT)
    count = 0
    for member in archive.getmembers():
        if not member.name.startswith("media/"):
            continue
        relative = member.name.removeprefix("media/")
        target = root.joinpath(*PurePosixPath(relative).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = archive.extractfile(member)
        assert handle is not None
        with target.open("wb") as out:
            shutil.copyfileobj(handle, out, CHUNK)
        os.chmod(target, 0o640)
        count += 1
    return count


def restore(path: Path, *, replace_media: bool = False) -> RestoreReport:
    """Check the archive, then replace the database and write the media files; compare after."""
    root = Path(settings.MEDIA_ROOT)
    if not replace_media and root.exists() and any(p.is_file() for p in root.rglob("*")):
        raise BackupError(
            f"Der Medienordner {root} ist nicht leer. Bitte in einen leeren Ordner zurückspielen "
            "oder --replace-media angeben."
        )
    try:
        with tarfile.open(path, "r:") as archive, tempfile.TemporaryDirectory() as folder:
            manifest = read_manifest(archive)
            _verify_archive(archive, manifest)
            _restore_database(archive, manifest, Path(folder))
            files = _restore_media(archive, manifest)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Zurückspielen aus {path} fehlgeschlagen: {error}") from error
    counts = table_counts()
    differences = [
        f"Tabelle {table}: {manifest['tables'].get(table)} erwartet, {counts.get(table)} vorhanden"
        for table in sorted(set(counts) | set(manifest["tables"]))
        if counts.get(table) != manifest["tables"].get(table)
    ]
    for name, want in manifest["files"].items():
        if name.startswith("media/"):
            target = root.joinpath(*PurePosixPath(name.removeprefix("media/")).parts)
            if not target.is_file() or sha256_of(target) != want:
                differences.append(f"Datei {name}: Prüfsumme weicht ab")
    return RestoreReport(tables=counts, files=files, differences=differences)
