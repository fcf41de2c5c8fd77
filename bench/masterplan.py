"""Masterplan documents benchmark: prints one name=value per line, all measured in one run.

    .venv/bin/python bench/masterplan.py [--programs 150] [--pdf-repeats 3] [--pdf-out book.pdf]
                                         [--xlsx-out x.xlsx]

Sets Django up against a throwaway SQLite database in a temporary directory (migrate, the real
region registry), builds a demo masterplan for Kota Bandung (32.73) with N programs spread over
the six dimensions, each with a budget line per year of its run (one or two funding sources), two
KPIs with a target in each of the 10 years and four action steps, then times the PDF book, the
Excel export and the Excel import of that workbook into the masterplan emptied of programs. The
book's figures are those of the first render in the process (wall clock and CPU time), and the
median of the ``--pdf-repeats`` renders after it, each of a new version, as the warm figure.

Targets: pdf_150_programs_s <= 3 (Typst: docs/decisions/0004-book-on-typst.md),
excel_150_programs_s <= 2.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TITLES = {
    "governance": [
        "Perizinan daring terpadu",
        "Satu data daerah",
        "Tanda tangan elektronik ASN",
        "Pengaduan warga terpadu",
        "E-budgeting dan e-planning",
    ],
    "branding": [
        "Portal wisata kota",
        "Kalender acara kreatif",
        "Penataan wajah koridor utama",
        "Promosi produk unggulan daerah",
    ],
    "economy": [
        "Pasar digital UMKM",
        "Pembayaran retribusi non-tunai",
        "Inkubator usaha rintisan",
        "Pelatihan kewirausahaan digital",
    ],
    "living": [
        "Rekam medis elektronik puskesmas",
        "Transportasi umum terintegrasi",
        "Manajemen lalu lintas adaptif",
        "Sistem informasi tata ruang",
    ],
    "society": [
        "Kelas coding untuk pelajar",
        "Perpustakaan digital",
        "CCTV dan ruang kendali keamanan",
        "Relawan TIK kelurahan",
    ],
    "environment": [
        "Bank sampah digital",
        "Pemantauan kualitas udara",
        "Penerangan jalan hemat energi",
        "Peringatan dini banjir",
    ],
}
OPD = {
    "governance": "Diskominfo",
    "branding": "Dinas Kebudayaan dan Pariwisata",
    "economy": "Dinas Koperasi dan UMKM",
    "living": "Dinas Kesehatan",
    "society": "Dinas Pendidikan",
    "environment": "Dinas Lingkungan Hidup",
}
PREFIX = {
    "governance": "GOV",
    "branding": "BRA",
    "economy": "ECO",
    "living": "LIV",
    "society": "SOC",
    "environment": "ENV",
}


def setup_django(directory: str) -> None:
    os.environ["KC_VAR_DIR"] = directory
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from regions.services import regions_load

    call_command("migrate", verbosity=0, interactive=False)
    regions_load(data_dir=settings.KC_DATA_DIR)


def build_masterplan(programs: int, seed: int = 2027):  # type: ignore[no-untyped-def]
    """A full demo masterplan with ``programs`` programs, written in bulk."""
    from masterplans.models import (
        ELEMENTS,
        ActionStep,
        AnalysisItem,
        BudgetLine,
        Kpi,
        KpiTarget,
        Masterplan,
        Mission,
        Program,
        Target,
    )
    from regions.models import Region

    rng = random.Random(seed)
    masterplan = Masterplan.objects.create(
        region=Region.objects.get(code="32.73"),
        title="Masterplan Smart City Kota Bandung 2027\u20132036",
        start_year=2027,
        vision="Bandung kota cerdas yang melayani, terbuka dan berkelanjutan bagi seluruh warga",
        strategy=(
            "Membangun fondasi data dan infrastruktur digital pada dua tahun pertama, lalu "
            "memperluas layanan ke seluruh kecamatan.\nSetiap program dimiliki satu OPD dan "
            "diukur dengan indikator yang dilaporkan setiap tahun."
        ),
        budget_envelope=60_000_000_000,
        consultation_summary=(
            "Konsultasi publik daring 1\u201330 Mei 2026: 412 tanggapan warga, 37 dari "
            "komunitas. Usulan terbanyak: transportasi umum dan pengelolaan sampah."
        ),
        is_demo=True,
    )
    Mission.objects.bulk_create(
        Mission(masterplan=masterplan, position=i, text=text)
        for i, text in enumerate(
            [
                "Layanan publik digital yang cepat dan terbuka",
                "Ekonomi kreatif yang tumbuh bersama UMKM",
                "Lingkungan kota yang bersih, hijau dan tangguh",
            ],
            start=1,
        )
    )
    Target.objects.bulk_create(
        [
            Target(masterplan=masterplan, position=1, text="80% perizinan daring pada 2030"),
            Target(
                masterplan=masterplan,
                position=2,
                text="Timbulan sampah ke TPA turun 30% pada 2036",
                dimension="environment",
            ),
        ]
    )
    analysis = []
    for dimension in PREFIX:
        for kind, text in (
            ("strength", "Komunitas dan perguruan tinggi yang aktif"),
            ("weakness", "Data antar-OPD belum terhubung"),
            ("opportunity", "Dukungan program nasional dan mitra swasta"),
            ("threat", "Keamanan siber dan keberlanjutan anggaran"),
            ("challenge", f"Layanan {TITLES[dimension][0].lower()} belum merata"),
        ):
            analysis.append(
                AnalysisItem(
                    masterplan=masterplan,
                    kind=kind,
                    dimension=dimension,
                    text=text,
                    readiness_ref="suprastruktur 2.1" if kind == "weakness" else "",
                )
            )
    analysis = AnalysisItem.objects.bulk_create(analysis)
    challenges = {a.dimension: a for a in analysis if a.kind == "challenge"}
    dimensions = list(PREFIX)
    rows = []
    for index in range(programs):
        dimension = dimensions[index % 6]
        number = index // 6 + 1
        elements = ELEMENTS[dimension]
        title = TITLES[dimension][(number - 1) % len(TITLES[dimension])]
        quick_win = number == 1
        start = 2027 if quick_win else rng.randint(2027, 2032)
        end = 2028 if quick_win else rng.randint(start + 1, 2036)
        term = "short" if end - start <= 2 else ("medium" if end - start <= 5 else "long")
        rows.append(
            Program(
                masterplan=masterplan,
                code=f"{PREFIX[dimension]}-{number:02d}",
                dimension=dimension,
                element=elements[(number - 1) % 3][0],
                title=title if number <= len(TITLES[dimension]) else f"{title} tahap {number}",
                description=(
                    f"Program {title.lower()} untuk warga Kota Bandung, dikerjakan bertahap "
                    "dari kajian kebutuhan sampai operasi penuh."
                ),
                answers=challenges[dimension] if number == 1 else None,
                technology="Aplikasi web dan seluler, API satu data",
                opd=OPD[dimension],
                partners="Perguruan tinggi; komunitas TIK",
                term=term,
                start_year=start,
                end_year=end,
                funding_source="apbd",
                rpjmd_program="Peningkatan kualitas layanan publik",
                is_quick_win=quick_win,
                position=index + 1,
            )
        )
    created = Program.objects.bulk_create(rows)
    lines, kpis, steps = [], [], []
    for program in created:
        for year in range(program.start_year, program.end_year + 1):
            lines.append(
                BudgetLine(
                    program=program,
                    year=year,
                    amount=rng.randrange(100, 900) * 1_000_000,
                    source="apbd",
                )
            )
            if rng.random() < 0.3:
                lines.append(
                    BudgetLine(
                        program=program,
                        year=year,
                        amount=rng.randrange(50, 500) * 1_000_000,
                        source=rng.choice(["apbn", "dak", "kpbu", "csr"]),
                    )
                )
        for position, (name, unit) in enumerate(
            [("Warga yang memakai layanan", "%"), ("Layanan yang tersedia daring", "layanan")]
        ):
            kpis.append(Kpi(program=program, name=name, unit=unit, baseline=5, position=position))
        for position, (offset, text) in enumerate(
            [
                (0, "Kajian kebutuhan dan desain layanan"),
                (0, "Pengadaan dan integrasi sistem"),
                (1, "Uji coba di kecamatan percontohan"),
                (1, "Operasi penuh dan evaluasi"),
            ],
            start=1,
        ):
            year = min(program.start_year + offset, program.end_year)
            steps.append(ActionStep(program=program, position=position, text=text, year=year))
    BudgetLine.objects.bulk_create(lines, batch_size=500)
    ActionStep.objects.bulk_create(steps, batch_size=500)
    kpis = Kpi.objects.bulk_create(kpis, batch_size=500)
    KpiTarget.objects.bulk_create(
        (
            KpiTarget(kpi=kpi, year=year, value=round(5 + 9.5 * (year - 2026), 1))
            for kpi in kpis
            for year in masterplan.years
        ),
        batch_size=500,
    )
    return masterplan


def editor():  # type: ignore[no-untyped-def]
    from accounts.models import Membership, Role, User
    from regions.models import Region

    user = User.objects.create_user(username="bench.editor", password=os.urandom(12).hex())
    Membership.objects.create(
        user=user, role=Role.REGIONAL_EDITOR, region=Region.objects.get(code="32.73")
    )
    return user


def pdf_pages(pdf: bytes) -> int | None:
    """The page count from poppler's pdfinfo, when it is installed."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return None
    done = subprocess.run([pdfinfo, "-"], input=pdf, capture_output=True, check=True)  # noqa: S603
    for line in done.stdout.decode().splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=150)
    parser.add_argument("--pdf-repeats", type=int, default=3)
    parser.add_argument("--pdf-out", help="also save the PDF book here")
    parser.add_argument("--xlsx-out", help="also save the workbook here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kc-bench-masterplan-") as directory:
        setup_django(directory)
        import io

        from masterplans.book import masterplan_pdf
        from masterplans.models import BudgetLine, KpiTarget
        from masterplans.workbook_export import masterplan_xlsx
        from masterplans.workbook_import import import_workbook

        masterplan = build_masterplan(args.programs)
        user = editor()
        n = args.programs

        # The first book of the process is the one timed: fonts read, nothing laid out before.
        # Typst keeps what it laid out in memory; the books after it, each of a new version
        # (its cover changes), are printed apart as the warm figure, to show whether a
        # worker's later books gain from that.
        walls, cpus = [], []
        for repeat in range(max(1, args.pdf_repeats)):
            if repeat:
                masterplan.version += 1
                masterplan.save(update_fields=["version"])
            start, cpu = time.perf_counter(), time.process_time()
            pdf = masterplan_pdf(masterplan)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        pdf_s, pdf_cpu_s = walls[0], cpus[0]
        warm_s = statistics.median(walls[1:]) if len(walls) > 1 else None

        start = time.perf_counter()
        xlsx = masterplan_xlsx(masterplan)
        excel_s = time.perf_counter() - start

        masterplan.programs.all().delete()  # the import then makes every program anew
        start = time.perf_counter()
        result = import_workbook(masterplan, io.BytesIO(xlsx), user)
        import_s = time.perf_counter() - start

        if args.pdf_out:
            Path(args.pdf_out).write_bytes(pdf)
        if args.xlsx_out:
            Path(args.xlsx_out).write_bytes(xlsx)
        pages = pdf_pages(pdf)

        print(f"programs={n}")
        print(f"budget_lines={BudgetLine.objects.filter(program__masterplan=masterplan).count()}")
        print(
            f"kpi_targets={KpiTarget.objects.filter(kpi__program__masterplan=masterplan).count()}"
        )
        if pages is not None:
            print(f"pdf_pages={pages}")
        print(f"pdf_kb={len(pdf) // 1024}")
        print(f"xlsx_kb={len(xlsx) // 1024}")
        print(f"pdf_{n}_programs_s={pdf_s:.2f}")
        print(f"pdf_{n}_programs_cpu_s={pdf_cpu_s:.2f}")
        if warm_s is not None:
            print(f"pdf_{n}_programs_warm_s={warm_s:.2f}")
        print(f"excel_{n}_programs_s={excel_s:.2f}")
        print(f"import_{n}_programs_s={import_s:.2f}")
        print(f"imported_programs={result.created}")


if __name__ == "__main__":
    main()
