from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from tqdm import tqdm

from audit.context import acting_as_job
from regions.services import RegistryError, regions_load

T = TypeVar("T")


class Command(BaseCommand):
    help = "Load the 38 provinces and 514 kota/kabupaten from data/ (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=settings.KC_DATA_DIR)

    def handle(self, *args: Any, data_dir: Path, verbosity: int, **options: Any) -> None:
        def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
            yield from tqdm(
                items,
                total=total,
                desc=label,
                unit="baris",
                disable=verbosity == 0,
                file=self.stderr._out,
            )

        try:
            with acting_as_job("load_regions"):
                result = regions_load(data_dir=data_dir, progress=progress)
        except (RegistryError, FileNotFoundError, KeyError, ValueError) as exc:
            raise CommandError(f"Data wilayah tidak dimuat: {exc}") from exc
        except DatabaseError as exc:
            raise CommandError(
                f"Basis data belum siap (jalankan dahulu: manage.py migrate): {exc}"
            ) from exc
        self.stdout.write(
            f"Wilayah: {result.created} baru, {result.updated} diperbarui, "
            f"{result.unchanged} tidak berubah."
        )
