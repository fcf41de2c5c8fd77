from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from accounts.models import User
from audit.context import acting_as_job
from selection.imports import ImportFailed, indicators_import


class Command(BaseCommand):
    help = (
        "Import indicator values from a CSV or Excel file (kode_wilayah, tahun, indikator, "
        "nilai, sumber). Any problem: every one is listed, nothing is written, exit 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", help="Username recorded as the importer.")
        parser.add_argument(
            "--numbers",
            choices=["id", "en"],
            default="id",
            help="Notation of numbers typed as text: id (1.234,5, the default) or en (1,234.5).",
        )

    def handle(
        self,
        *args: Any,
        file: Path,
        user: str | None,
        numbers: str,
        verbosity: int,
        **options: Any,
    ) -> None:
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {file} ({exc.strerror})") from exc
        importer = None
        if user:
            importer = User.objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"Pengguna tidak dikenal: {user}")

        def progress(rows: list[tuple[int, list[Any]]]) -> Any:
            return tqdm(
                rows, desc="memeriksa", unit="baris", disable=verbosity == 0, file=self.stderr._out
            )

        try:
            with acting_as_job(f"import_indicators {file.name}"):
                run = indicators_import(
                    content=content,
                    file_name=file.name,
                    numbers=numbers,
                    user=importer,
                    progress=progress,
                )
        except ImportFailed as exc:
            for problem in exc.problems:
                column = f", kolom {problem.column}" if problem.column else ""
                self.stderr.write(f"baris {problem.row}{column}: {problem.message}")
            if exc.total > len(exc.problems):
                self.stderr.write(f"… dan {exc.total - len(exc.problems)} masalah lain.")
            raise CommandError(
                f"{exc.total} masalah; tidak ada yang disimpan dari {file.name}."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.rows} nilai diimpor dari {file.name} (SHA-256 {run.sha256[:12]}…); "
                f"{run.replaced} nilai lama digantikan dan tetap tersimpan di riwayat."
            )
        )
