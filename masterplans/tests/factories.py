"""A complete masterplan that passes every check, to break one piece at a time in tests."""

from typing import Any

from masterplans.models import (
    ELEMENTS,
    ActionStep,
    AnalysisItem,
    AnalysisKind,
    BudgetLine,
    Dimension,
    Kpi,
    KpiTarget,
    Masterplan,
    Mission,
    Program,
)
from regions.models import Region

PREFIX = {
    Dimension.GOVERNANCE: "GOV",
    Dimension.BRANDING: "BRA",
    Dimension.ECONOMY: "ECO",
    Dimension.LIVING: "LIV",
    Dimension.SOCIETY: "SOC",
    Dimension.ENVIRONMENT: "ENV",
}


def make_program(masterplan: Masterplan, dimension: str, number: int, **fields: Any) -> Program:
    """A program with an OPD, a budget in each of its years, a KPI with targets, two steps."""
    values: dict[str, Any] = {
        "code": f"{PREFIX[dimension]}-{number:02d}",
        "dimension": dimension,
        "element": ELEMENTS[dimension][0][0],
        "title": f"Program {dimension} {number}",
        "opd": "Diskominfo",
        "start_year": masterplan.start_year,
        "end_year": masterplan.start_year + 1,
        "is_quick_win": number == 1,
        "position": number,
    }
    values.update(fields)
    program = Program.objects.create(masterplan=masterplan, **values)
    for year in range(program.start_year, program.end_year + 1):
        BudgetLine.objects.create(program=program, year=year, amount=500_000_000, source="apbd")
    kpi = Kpi.objects.create(program=program, name="Layanan daring", unit="layanan", baseline=0)
    for offset, year in enumerate(range(program.start_year, program.end_year + 1)):
        KpiTarget.objects.create(kpi=kpi, year=year, value=10 * (offset + 1))
    ActionStep.objects.create(program=program, position=1, text="Kajian kebutuhan")
    ActionStep.objects.create(program=program, position=2, text="Pengadaan dan uji coba")
    return program


def make_masterplan(region_code: str = "32.73", **fields: Any) -> Masterplan:
    values: dict[str, Any] = {
        "title": "Masterplan Smart City 2027\u20132036",
        "start_year": 2027,
        "vision": "Kota yang melayani warganya dengan cepat dan terbuka",
        "budget_envelope": 10_000_000_000,
    }
    values.update(fields)
    masterplan = Masterplan.objects.create(region=Region.objects.get(code=region_code), **values)
    Mission.objects.create(masterplan=masterplan, position=1, text="Layanan publik digital")
    challenge = AnalysisItem.objects.create(
        masterplan=masterplan,
        kind=AnalysisKind.CHALLENGE,
        dimension=Dimension.GOVERNANCE,
        text="Perizinan masih manual dan lambat",
    )
    AnalysisItem.objects.create(
        masterplan=masterplan,
        kind=AnalysisKind.STRENGTH,
        dimension=Dimension.SOCIETY,
        text="Komunitas TIK yang aktif",
    )
    for dimension in Dimension.values:
        make_program(
            masterplan,
            dimension,
            1,
            answers=challenge if dimension == Dimension.GOVERNANCE else None,
        )
    return masterplan


def rich_masterplan() -> Masterplan:
    """The factory's masterplan plus programs that use every field and several funding sources."""
    masterplan = make_masterplan()
    opportunity = AnalysisItem.objects.create(
        masterplan=masterplan,
        kind=AnalysisKind.OPPORTUNITY,
        dimension="economy",
        text="UMKM kreatif tumbuh pesat",
    )
    program = make_program(
        masterplan,
        "economy",
        2,
        title="Pasar digital UMKM",
        element="transactions",
        description="Lokapasar daerah untuk UMKM.\nDengan pembayaran QRIS.",
        answers=opportunity,
        technology="Aplikasi web, QRIS",
        opd="Dinas Koperasi dan UMKM",
        partners="Bank BJB; asosiasi UMKM",
        term="medium",
        start_year=2028,
        end_year=2031,
        funding_source="kpbu",
        rpjmd_program="Peningkatan daya saing UMKM",
        is_quick_win=False,
        progress_mode="milestones",
    )
    BudgetLine.objects.create(program=program, year=2029, amount=1_250_000_000, source="csr")
    BudgetLine.objects.create(program=program, year=2030, amount=0, source="swasta")
    kpi = Kpi.objects.create(
        program=program, name="UMKM yang berjualan daring", unit="%", baseline=12.5, position=1
    )
    KpiTarget.objects.create(kpi=kpi, year=2028, value=20.5)
    KpiTarget.objects.create(kpi=kpi, year=2031, value=60)
    ActionStep.objects.create(program=program, position=3, text="Peluncuran", year=2029)
    make_program(masterplan, "living", 2, element="health", term="long", end_year=2036)
    return masterplan
