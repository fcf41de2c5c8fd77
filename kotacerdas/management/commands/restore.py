import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from tqdm import tqdm

from kotacerdas.backup import BackupError, backup_restore

T = TypeVar("T")


class Command(BaseCommand):
    help = (
        "Restore a file written by manage.py backup into an empty database migrated to the "
        "same state (after manage.py migrate). All or nothing; the file is verified first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file to read.")
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
            manifest = backup_restore(path=file, using=database, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(f"Pemulihan dibatalkan, tidak ada yang ditulis: {exc}") from exc
        if verbosity >= 2:
            for table in manifest.tables:
                self.stdout.write(f"  {table.table}: {table.rows} baris")
        self.stdout.write(
            self.style.SUCCESS(
                f"Dipulihkan dari {file} (cadangan {manifest.created_at}): "
                f"{len(manifest.tables)} tabel, {manifest.total_rows} baris, jumlah baris cocok "
                f"dengan manifest ({time.monotonic() - started:.1f} detik)."
            )
        )
