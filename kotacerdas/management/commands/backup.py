import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from tqdm import tqdm

from kotacerdas.backup import BackupError, backup_write

T = TypeVar("T")


class Command(BaseCommand):
    help = (
        "Back up every row of every table to one file: a zip of JSON lines per table and a "
        "manifest (migration state, row counts, SHA-256). Restore it with manage.py restore."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file to write, e.g. kc.zip.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, file: Path, database: str, verbosity: int, **options: Any) -> None:
        def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
            yield from tqdm(
                items,
                total=total,
                desc=label,
                unit="baris",
                leave=False,
                disable=verbosity == 0 or total == 0,
                file=self.stderr._out,
            )

        started = time.monotonic()
        try:
            manifest = backup_write(path=file, using=database, progress=progress)
        except BackupError as exc:
            raise CommandError(f"Cadangan tidak dibuat: {exc}") from exc
        except DatabaseError as exc:
            raise CommandError(f"Cadangan tidak dibuat, basis data tidak terbaca: {exc}") from exc
        except OSError as exc:
            raise CommandError(f"Cadangan tidak dibuat, berkas tidak tertulis: {exc}") from exc
        if verbosity >= 2:
            for table in manifest.tables:
                self.stdout.write(f"  {table.table}: {table.rows} baris")
        for label, reason in manifest.skipped.items():
            self.stdout.write(f"  tidak dicadangkan: {label} ({reason})")
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan ditulis: {file} ({len(manifest.tables)} tabel, "
                f"{manifest.total_rows} baris, {file.stat().st_size / 1024:.1f} KB, "
                f"{time.monotonic() - started:.1f} detik)."
            )
        )
