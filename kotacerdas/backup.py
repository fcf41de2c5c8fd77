"""Backing up and restoring the whole platform database, the same on SQLite and PostgreSQL.

A backup is one zip file::

    data/<table>.jsonl   one JSON array per row, values in the manifest's column order
    manifest.json        format and version, created_at, migration state, per table its
                         model, columns, row count and SHA-256, and the SHA-256 of all data

Every table of every installed model is in it, M2M through tables, sessions, content types and
permissions included. Not in it: ``django_migrations`` (it is the manifest's migration state,
and ``migrate`` writes it), proxy models (no table of their own) and unmanaged models (Django
does not own their tables; the manifest lists them under ``skipped``).

A restore goes into a database just migrated to the same state, keeps every primary key and
writes in one transaction: the file is verified before anything is written, the content types
and permissions that ``migrate`` created are replaced by the backup's, and the row counts are
checked against the manifest before the commit.
"""

import base64
import datetime
import decimal
import hashlib
import json
import os
import time
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import django
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_string

T = TypeVar("T")
Progress = Callable[[Iterable[T], int, str], Iterator[T]]

FORMAT = "kotacerdas-backup"
VERSION = 1
MANIFEST = "manifest.json"
READ_BATCH = 2000
WRITE_BATCH = 1000
# Rows that `migrate` itself creates (post_migrate signals and data migrations such as the
# indicator catalogue); a restore replaces them with the backup's. A new data migration that
# seeds a table adds that model here.
MIGRATE_CREATED = ("auth.Permission", "contenttypes.ContentType", "selection.Indicator")


class BackupError(Exception):
    """The file or the target database is not fit for the operation; the message says why."""


@dataclass(frozen=True)
class TableDump:
    model: str
    table: str
    columns: list[str]
    rows: int
    sha256: str

    @property
    def member(self) -> str:
        return f"data/{self.table}.jsonl"


@dataclass(frozen=True)
class Manifest:
    created_at: str
    django: str
    vendor: str
    migrations: dict[str, str]
    tables: list[TableDump]
    data_sha256: str
    skipped: dict[str, str] = field(default_factory=dict)
    format: str = FORMAT
    version: int = VERSION

    @property
    def total_rows(self) -> int:
        return sum(table.rows for table in self.tables)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: bytes) -> "Manifest":
        try:
            raw = json.loads(text)
            if raw.get("format") != FORMAT:
                raise BackupError("Bukan berkas cadangan Kota Cerdas (manifest tidak dikenal).")
            if raw.get("version") != VERSION:
                raise BackupError(f"Versi format cadangan {raw.get('version')} tidak didukung.")
            raw["tables"] = [TableDump(**table) for table in raw["tables"]]
            return cls(**raw)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BackupError(f"Manifest cadangan tidak terbaca: {exc}") from exc


def _no_progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    yield from items


def backed_up_models() -> tuple[list[type[models.Model]], dict[str, str]]:
    """The models whose tables a backup holds, and the skipped ones with the reason."""
    chosen: list[type[models.Model]] = []
    skipped: dict[str, str] = {}
    tables: set[str] = set()
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy:
            continue
        if not opts.managed:
            skipped[opts.label] = "managed = False: tabelnya tidak dikelola Django"
        elif opts.db_table in tables:
            skipped[opts.label] = f"tabel {opts.db_table} sudah dicadangkan lewat model lain"
        else:
            tables.add(opts.db_table)
            chosen.append(model)
    return chosen, skipped


def _columns(model: type[models.Model]) -> "list[models.Field[Any, Any]]":
    # Generated columns are computed by the database and cannot be inserted.
    return [f for f in model._meta.local_concrete_fields if not f.generated]


def migration_state(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The latest applied migration per app (Django numbers them, so the greatest name)."""
    latest: dict[str, str] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        latest[app_label] = max(name, latest.get(app_label, ""))
    return dict(sorted(latest.items()))


def _refuse_unapplied_migrations(connection: BaseDatabaseWrapper) -> None:
    # The models describe the migrated schema; an older one lacks some of their columns.
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        pending = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan)
        raise BackupError(
            f"Basis data belum dimigrasi penuh ({pending}); jalankan manage.py migrate dahulu."
        )


def _encode(value: Any) -> Any:
    """JSON for the values json cannot write itself; the field's to_python reads them back."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} tidak bisa ditulis ke cadangan")


_ROW_ENCODER = json.JSONEncoder(default=_encode, ensure_ascii=False, separators=(",", ":"))


@contextmanager
def _one_snapshot(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """All tables read as of one moment, so the foreign keys in the file agree."""
    if connection.in_atomic_block:  # the caller's transaction already fixes what is seen
        yield
    elif connection.vendor == "sqlite":
        # atomic() would BEGIN IMMEDIATE (settings: transaction_mode) and hold the site's
        # writers off for the whole backup; a deferred read transaction sees one WAL snapshot.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic(using=connection.alias):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield


def backup_write(
    *, path: Path, using: str = DEFAULT_DB_ALIAS, progress: Progress[Any] = _no_progress
) -> Manifest:
    """Write every row of every table to ``path``, replacing it only once complete."""
    connection = connections[using]
    chosen, skipped = backed_up_models()
    partial = path.with_name(path.name + ".partial")
    everything = hashlib.sha256()
    tables: list[TableDump] = []
    try:
        with (
            _one_snapshot(connection),
            zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            _refuse_unapplied_migrations(connection)
            created_at = timezone.now()
            migrations = migration_state(connection)
            for model in chosen:
                columns = _columns(model)
                rows = model._base_manager.using(using).order_by("pk")
                values = rows.values_list(*[f.attname for f in columns])
                digest, count, batch = hashlib.sha256(), 0, []
                table = model._meta.db_table
                member = zipfile.ZipInfo(f"data/{table}.jsonl", time.localtime()[:6])
                member.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(member, "w", force_zip64=True) as out:
                    for row in progress(values.iterator(READ_BATCH), rows.count(), table):
                        batch.append(_ROW_ENCODER.encode(row) + "\n")
                        count += 1
                        if len(batch) == WRITE_BATCH:
                            _write(out, batch, digest, everything)
                    _write(out, batch, digest, everything)
                tables.append(
                    TableDump(
                        model=model._meta.label,
                        table=table,
                        columns=[f.column for f in columns],
                        rows=count,
                        sha256=digest.hexdigest(),
                    )
                )
            manifest = Manifest(
                created_at=created_at.isoformat(),
                django=django.get_version(),
                vendor=connection.vendor,
                migrations=migrations,
                tables=tables,
                data_sha256=everything.hexdigest(),
                skipped=skipped,
            )
            archive.writestr(MANIFEST, manifest.to_json())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _write(out: Any, batch: list[str], *digests: Any) -> None:
    data = "".join(batch).encode("utf-8")
    out.write(data)
    for digest in digests:
        digest.update(data)
    batch.clear()


MAX_COMPRESSION_RATIO = 1000


@contextmanager
def _open_backup(path: Path) -> Iterator[zipfile.ZipFile]:
    """The archive, with every way a file can be damaged turned into one clear refusal."""
    try:
        with zipfile.ZipFile(path) as archive:
            # A backup is JSON lines, which compress well, but not a thousandfold: a part that
            # claims to is a zip bomb, refused before a byte of it is inflated.
            for member in archive.infolist():
                if member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
                    raise BackupError(
                        f"Berkas cadangan tidak wajar: {member.filename} dimampatkan lebih dari "
                        f"{MAX_COMPRESSION_RATIO}:1; tidak ada yang dipulihkan."
                    )
            yield archive
    except FileNotFoundError as exc:
        raise BackupError(f"Berkas cadangan tidak ditemukan: {path}") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise BackupError(
            f"Berkas cadangan rusak atau terpotong ({exc}); tidak ada yang dipulihkan."
        ) from exc


def _rows(
    archive: zipfile.ZipFile, table: TableDump, everything: Any, progress: Progress[Any], label: str
) -> Iterator[bytes]:
    """The table's lines, checked against its row count and SHA-256 once all are read."""
    if table.member not in archive.namelist():
        raise BackupError(f"Berkas cadangan tidak lengkap: {table.member} tidak ada.")
    digest, count = hashlib.sha256(), 0
    with archive.open(table.member) as data:
        for line in progress(data, table.rows, label):
            digest.update(line)
            everything.update(line)
            count += 1
            yield line
    if digest.hexdigest() != table.sha256:
        raise BackupError(
            f"Berkas cadangan rusak: checksum SHA-256 data tabel {table.table} tidak cocok "
            "dengan manifest; tidak ada yang dipulihkan."
        )
    if count != table.rows:
        raise BackupError(
            f"Berkas cadangan rusak: tabel {table.table} berisi {count} baris, "
            f"manifest mencatat {table.rows}; tidak ada yang dipulihkan."
        )


def _check_everything(manifest: Manifest, everything: Any) -> None:
    if everything.hexdigest() != manifest.data_sha256:
        raise BackupError(
            "Berkas cadangan rusak: checksum SHA-256 seluruh data tidak cocok dengan manifest; "
            "tidak ada yang dipulihkan."
        )


def backup_verify(*, path: Path, progress: Progress[Any] = _no_progress) -> Manifest:
    """Read the whole file and check it against its manifest, without touching the database."""
    with _open_backup(path) as archive:
        if MANIFEST not in archive.namelist():
            raise BackupError(f"Berkas cadangan tidak lengkap: {MANIFEST} tidak ada.")
        manifest = Manifest.from_json(archive.read(MANIFEST))
        everything = hashlib.sha256()
        for table in manifest.tables:
            for _line in _rows(archive, table, everything, progress, f"periksa {table.table}"):
                pass
        _check_everything(manifest, everything)
    return manifest


def _models_for(manifest: Manifest) -> dict[str, type[models.Model]]:
    """This installation's model for each table of the backup; refuses any mismatch."""
    chosen, _skipped = backed_up_models()
    here = {model._meta.db_table: model for model in chosen}
    there = {table.table: table for table in manifest.tables}
    if set(here) != set(there):
        raise BackupError(
            "Tabel cadangan tidak cocok dengan aplikasi ini: "
            f"hanya di cadangan {sorted(set(there) - set(here))}, "
            f"hanya di basis data {sorted(set(here) - set(there))}."
        )
    for name, table in there.items():
        columns = sorted(f.column for f in _columns(here[name]))
        if sorted(table.columns) != columns:
            raise BackupError(
                f"Kolom tabel {name} berbeda: cadangan {sorted(table.columns)}, "
                f"basis data {columns}."
            )
    return here


def _refuse_migration_difference(manifest: Manifest, current: dict[str, str]) -> None:
    if manifest.migrations == current:
        return
    if not current:
        raise BackupError("Basis data tujuan belum dimigrasi: jalankan manage.py migrate dahulu.")
    differences = [
        f"{app}: cadangan {manifest.migrations.get(app, '-')}, basis data {current.get(app, '-')}"
        for app in sorted(set(manifest.migrations) | set(current))
        if manifest.migrations.get(app) != current.get(app)
    ]
    raise BackupError(
        "Keadaan migrasi basis data berbeda dari cadangan ("
        + "; ".join(differences)
        + "). Pulihkan ke basis data baru yang dimigrasi dengan versi kode yang sama "
        "(manage.py migrate), lalu jalankan migrate versi baru sesudahnya."
    )


def _migrate_created() -> list[type[models.Model]]:
    found = []
    for label in MIGRATE_CREATED:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return found


def _insert_sql(
    connection: BaseDatabaseWrapper, model: type[models.Model], columns: list[str]
) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    # Identifiers come from this installation's models, never from the file.
    return f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608


def _load_table(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    table: TableDump,
    lines: Iterable[bytes],
) -> None:
    by_column = {f.column: f for f in _columns(model)}
    fields = [by_column[column] for column in table.columns]
    sql = _insert_sql(connection, model, [f.column for f in fields])
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for line in lines:
            try:
                batch.append(
                    [
                        f.get_db_prep_save(f.to_python(value), connection=connection)
                        for f, value in zip(fields, json.loads(line), strict=True)
                    ]
                )
            except (ValueError, ValidationError) as exc:
                raise BackupError(f"Baris tabel {table.table} tidak terbaca: {exc}") from exc
            if len(batch) == WRITE_BATCH:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)


def backup_restore(
    *, path: Path, using: str = DEFAULT_DB_ALIAS, progress: Progress[Any] = _no_progress
) -> Manifest:
    """Load a verified backup into an empty database at the same migration state, atomically."""
    manifest = backup_verify(path=path, progress=progress)
    connection = connections[using]
    _refuse_migration_difference(manifest, migration_state(connection))
    by_table = _models_for(manifest)
    replaced = _migrate_created()
    with transaction.atomic(using=using), _open_backup(path) as archive:
        occupied = [
            table
            for table, model in by_table.items()
            if model not in replaced and model._base_manager.using(using).exists()
        ]
        if occupied:
            raise BackupError(
                "Basis data tujuan sudah berisi data (" + ", ".join(occupied) + "). "
                "Pulihkan hanya ke basis data baru yang kosong: buat basis data, jalankan "
                "manage.py migrate, lalu manage.py restore."
            )
        with connection.cursor() as cursor:
            for model in replaced:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
        # The file is read again: its checksums are checked again before the commit.
        everything = hashlib.sha256()
        for table in manifest.tables:
            lines = _rows(archive, table, everything, progress, table.table)
            _load_table(connection, by_table[table.table], table, lines)
        _check_everything(manifest, everything)
        connection.check_constraints(table_names=list(by_table))
        for table in manifest.tables:
            count = by_table[table.table]._base_manager.using(using).count()
            if count != table.rows:
                raise BackupError(
                    f"Tabel {table.table} berisi {count} baris setelah dimuat, manifest "
                    f"mencatat {table.rows}; pemulihan dibatalkan."
                )
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(by_table.values())):
                cursor.execute(sql)
    if apps.is_installed("django.contrib.contenttypes"):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
    return manifest
