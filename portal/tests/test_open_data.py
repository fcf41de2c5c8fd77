import csv
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from masterplans.tests.factories import make_masterplan
from monitoring.models import ProgressReport

pytestmark = pytest.mark.django_db


def test_the_regions_come_out_in_every_format(client: Client) -> None:
    text = client.get("/data-terbuka/wilayah.csv").content.decode("utf-8")
    assert text.startswith("\ufeffkode,nama,jenis")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 514
    bandung = next(r for r in rows if r["kode"] == "32.73")
    assert bandung["nama"] == "Kota Bandung" and bandung["kelompok_pulau"] == "jawa"
    body = json.loads(client.get("/data-terbuka/wilayah.json").content)
    assert body["count"] == 514 and body["licence"].startswith("ODbL")
    book = load_workbook(io.BytesIO(client.get("/data-terbuka/wilayah.xlsx").content))
    assert book["wilayah"].max_row == 515


def test_only_public_masterplans_and_their_rows_are_published(client: Client) -> None:
    public = make_masterplan("32.75", status="enacted")
    make_masterplan("32.73")  # a draft
    ProgressReport.objects.create(
        program=public.programs.get(code="GOV-01"), year=2027, quarter=1, status="on_track"
    )
    programs = json.loads(client.get("/data-terbuka/program.json").content)
    assert {item["kode_wilayah"] for item in programs["items"]} == {"32.75"}
    assert programs["count"] == 6
    budget = json.loads(client.get("/data-terbuka/anggaran.json").content)
    assert budget["count"] == 12  # six programs, two years each
    progress = json.loads(client.get("/data-terbuka/kemajuan.json").content)
    assert [(i["kode_program"], i["status"]) for i in progress["items"]] == [("GOV-01", "on_track")]


def test_a_program_title_typed_as_a_formula_reaches_the_csv_as_text(client: Client) -> None:
    public = make_masterplan("32.75", status="enacted")
    public.programs.filter(code="GOV-01").update(title='=HYPERLINK("http://x.invalid","klik")')
    text = client.get("/data-terbuka/program.csv").content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    titles = {row["kode"]: row["judul"] for row in rows}
    assert titles["GOV-01"] == '\'=HYPERLINK("http://x.invalid","klik")'
    assert not any(title.startswith(("=", "+", "-", "@")) for title in titles.values())


def test_progress_published_for_a_milestone_program_is_the_derived_percent(
    client: Client,
) -> None:
    from datetime import date

    from monitoring.models import Milestone

    public = make_masterplan("32.75", status="enacted")
    program = public.programs.get(code="GOV-01")
    program.progress_mode = "milestones"
    program.save()
    Milestone.objects.create(
        program=program, title="a", due_date=date(2027, 2, 1), done_on=date(2027, 2, 1), weight=1
    )
    Milestone.objects.create(program=program, title="b", due_date=date(2027, 9, 1), weight=1)
    ProgressReport.objects.create(
        program=program, year=2027, quarter=1, status="on_track", percent_entered=90
    )
    items = json.loads(client.get("/data-terbuka/kemajuan.json").content)["items"]
    assert [(i["kode_program"], i["persen_selesai"]) for i in items] == [("GOV-01", 50)]


def test_an_unknown_dataset_or_format_is_not_found(client: Client) -> None:
    assert client.get("/data-terbuka/rahasia.csv").status_code == 404
    assert client.get("/data-terbuka/wilayah.exe").status_code == 404


def test_kpis_milestones_and_awards_come_out_in_every_format_for_public_plans_only(
    client: Client,
) -> None:
    from datetime import date

    from evaluation.models import Award, Rubric
    from masterplans.models import Kpi
    from monitoring.models import KpiActual, Milestone
    from regions.models import Region

    public = make_masterplan("32.75", status="enacted")
    draft = make_masterplan("32.73")
    kpi = Kpi.objects.filter(program__masterplan=public, program__code="GOV-01").get()
    KpiActual.objects.create(kpi=kpi, year=public.start_year, value=7)
    for masterplan in (public, draft):
        Milestone.objects.create(
            program=masterplan.programs.get(code="GOV-01"),
            title="Uji coba",
            due_date=date(2027, 5, 1),
        )
    published = Rubric.objects.create(year=2027, title="2027", status="published")
    still_open = Rubric.objects.create(year=2028, title="2028")
    bekasi = Region.objects.get(code="32.75")
    Award.objects.create(rubric=published, category="overall", region=bekasi, proposed=bekasi)
    Award.objects.create(rubric=still_open, category="overall", region=bekasi)

    kpis = json.loads(client.get("/data-terbuka/kpi.json").content)["items"]
    assert {i["kode_wilayah"] for i in kpis} == {"32.75"}
    first = next(i for i in kpis if i["kode_program"] == "GOV-01" and i["tahun"] == 2027)
    assert (first["target"], first["capaian"], first["satuan"]) == (10.0, 7.0, "layanan")
    milestones = json.loads(client.get("/data-terbuka/tonggak.json").content)["items"]
    assert [(i["kode_wilayah"], i["tonggak"], i["jatuh_tempo"]) for i in milestones] == [
        ("32.75", "Uji coba", "2027-05-01")
    ]
    awards = json.loads(client.get("/data-terbuka/penghargaan.json").content)["items"]
    assert [(i["tahun"], i["kategori"], i["kode_wilayah"]) for i in awards] == [
        (2027, "Terbaik umum", "32.75")
    ]
    for slug in ("kpi", "tonggak", "penghargaan"):
        text = client.get(f"/data-terbuka/{slug}.csv").content.decode("utf-8")
        assert (
            len(list(csv.reader(io.StringIO(text.lstrip("\ufeff")))))
            == 1
            + {
                "kpi": len(kpis),
                "tonggak": 1,
                "penghargaan": 1,
            }[slug]
        )
        book = load_workbook(io.BytesIO(client.get(f"/data-terbuka/{slug}.xlsx").content))
        assert book[slug].max_row == 1 + {"kpi": len(kpis), "tonggak": 1, "penghargaan": 1}[slug]
