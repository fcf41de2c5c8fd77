from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Role, User
from conftest import make_user
from evaluation.models import Award, Rubric, Score
from evaluation.results import (
    AwardError,
    category_label,
    decide_award,
    propose_awards,
    results,
)
from regions.models import Region

pytestmark = pytest.mark.django_db
DIMS = ("governance", "branding", "economy", "living", "society", "environment")
COMPS = ("baseline", "output", "outcome", "impact", "quick_win")


def score_all(rubric: Rubric, code: str, value: float, **override: float) -> None:
    region = Region.objects.get(code=code)
    for dim in DIMS:
        for comp in COMPS:
            Score.objects.create(
                rubric=rubric,
                region=region,
                dimension=dim,
                component=comp,
                self_score=Decimal("4"),
                assessor_score=Decimal(str(override.get(f"{dim}.{comp}", value))),
                verified_at="2027-11-01T10:00:00+07:00",
            )


@pytest.fixture
def assessor(bandung: Region) -> User:
    return make_user("assessor.bandung", Role.ASSESSOR, bandung)


def grid(prefix: str, value: str, code: str = "32.73", year: int = 2027) -> dict[str, str]:
    """Every cell of one column, and the grid's version as the page would send it."""
    from evaluation.services import grid_version

    version = grid_version(Rubric.objects.get(year=year), Region.objects.get(code=code))
    return {"version": version, **{f"{prefix}_{d}_{c}": value for d in DIMS for c in COMPS}}


def test_the_assigned_assessor_scores_and_the_region_self_assesses(
    login, assessor: User, owner: User
) -> None:
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027")
    url = "/evaluasi/2027/wilayah/32.73/"
    assert login(owner).post(url, grid("self", "3,5")).status_code == 302
    assert login(assessor).post(url, grid("assessor", "2,75")).status_code == 302
    scores = Score.objects.filter(rubric=rubric)
    assert scores.count() == 30
    assert {(s.self_score, s.assessor_score) for s in scores} == {
        (Decimal("3.50"), Decimal("2.75"))
    }
    assert all(s.assessor == assessor and s.verified_at for s in scores)
    (row,) = results(rubric)
    assert row.index.overall == Decimal("2.75") and row.self_index.overall == Decimal("3.50")


def test_assessors_score_only_assigned_regions(login, bekasi: Region) -> None:
    Rubric.objects.create(year=2027, title="Evaluasi 2027")
    other = make_user("assessor.bekasi", Role.ASSESSOR, bekasi)
    national = make_user("assessor.national", Role.ASSESSOR)
    for user in (other, national):
        response = login(user).post("/evaluasi/2027/wilayah/32.73/", grid("assessor", "4"))
        assert response.status_code in (403, 404)
    assert not Score.objects.exists()


def test_a_score_above_the_scale_names_its_cell_and_writes_nothing(login, assessor: User) -> None:
    Rubric.objects.create(year=2027, title="Evaluasi 2027")
    data = grid("assessor", "3")
    data["assessor_living_impact"] = "5"
    response = login(assessor).post("/evaluasi/2027/wilayah/32.73/", data, follow=True)
    assert "Smart Living · dampak (impact)" in response.content.decode()
    assert not Score.objects.exists()


def test_ranking_ties_and_year_on_year_change(client: Client) -> None:
    previous = Rubric.objects.create(year=2026, title="2026", status="published")
    score_all(previous, "32.73", 2.0)
    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    score_all(rubric, "32.73", 3.0)
    score_all(rubric, "32.75", 3.0)
    score_all(rubric, "73.71", 3.5)  # Kota Makassar, Sulawesi
    rows = {r.region.code: r for r in results(rubric)}
    assert [
        (c, rows[c].national_rank, rows[c].group_rank) for c in ("73.71", "32.73", "32.75")
    ] == [
        ("73.71", 1, 1),
        ("32.73", 2, 1),
        ("32.75", 2, 1),
    ]
    assert rows["32.73"].change == Decimal("1.00") and rows["32.75"].change is None
    page = client.get("/evaluasi/2027/")
    assert [r.region.code for r in page.context["page"]] == ["73.71", "32.73", "32.75"]


def test_a_region_nobody_verified_is_not_ranked_and_an_open_year_is_no_baseline(
    client: Client,
) -> None:
    still_open = Rubric.objects.create(year=2026, title="2026", status="open")
    score_all(still_open, "32.73", 1.0)
    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    score_all(rubric, "32.73", 3.0)
    # Bekasi assessed itself and was scored, but no assessor has verified a score yet.
    bekasi = Region.objects.get(code="32.75")
    for dim in DIMS:
        for comp in COMPS:
            Score.objects.create(
                rubric=rubric,
                region=bekasi,
                dimension=dim,
                component=comp,
                self_score=Decimal("4"),
                assessor_score=Decimal("2"),
            )
    rows = results(rubric)
    assert [(r.region.code, r.national_rank) for r in rows] == [("32.73", 1)]
    assert rows[0].change is None  # 2026 is still open: no year-on-year change against it
    page = client.get("/evaluasi/2027/")
    assert page.context["awaiting"] == 1
    assert "1 wilayah lagi memiliki nilai yang belum diverifikasi asesor" in page.content.decode()


def test_awards_are_proposed_and_an_override_needs_a_reason(officer: User) -> None:
    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    score_all(rubric, "32.73", 3.0, **{"economy.output": 4.0})
    score_all(rubric, "32.75", 3.2)
    awards = {a.category: a for a in propose_awards(rubric)}
    assert awards["overall"].proposed.code == "32.75"
    # Economy: Bandung 3.0 + 0.2 * (4.0 - 3.0) = 3.20 ties Bekasi's 3.20: the lower code leads.
    assert awards["dimension:economy"].proposed.code == "32.73"
    assert awards["dimension:living"].proposed.code == "32.75"
    bandung = Region.objects.get(code="32.73")
    with pytest.raises(AwardError, match="alasan tertulis"):
        decide_award(awards["overall"], officer, bandung, "")
    award = decide_award(awards["overall"], officer, bandung, "Komitmen kepala daerah")
    assert award.is_override and award.reason == "Komitmen kepala daerah"
    confirmed = decide_award(awards["quick_win"], officer, None)
    assert confirmed.region == confirmed.proposed and not confirmed.is_override


def test_only_national_staff_decide_awards(login, colleague: User, viewer: User) -> None:
    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    score_all(rubric, "32.73", 3.0)
    award = propose_awards(rubric)[0]
    for user in (colleague, viewer):
        assert login(user).post(f"/evaluasi/penghargaan/{award.pk}/putuskan/").status_code == 403
    award.refresh_from_db()
    assert award.region is None


def test_the_certificate_names_the_region_and_category(client: Client, officer: User) -> None:
    import shutil
    import subprocess

    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    score_all(rubric, "32.73", 3.0)
    award = next(a for a in propose_awards(rubric) if a.category == "overall")
    decide_award(award, officer, None)
    response = client.get(f"/evaluasi/penghargaan/{award.pk}/sertifikat.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "PIAGAM PENGHARGAAN" in text and "Kota Bandung" in text and "Terbaik umum" in text
    assert award.decided_at is not None
    assert date_format(timezone.localtime(award.decided_at).date(), "DATE_FORMAT") in text
    living = next(a for a in propose_awards(rubric) if a.category == "dimension:living")
    assert str(category_label(living.category)) == "Smart Living terbaik"


def test_an_open_evaluation_is_hidden_from_the_public(client: Client, login, viewer: User) -> None:
    Rubric.objects.create(year=2027, title="2027")
    assert client.get("/evaluasi/2027/").status_code == 404
    assert client.get("/evaluasi/").context["rubrics"].count() == 0
    assert login(viewer).get("/evaluasi/2027/").status_code == 200


def test_weights_must_add_up_to_100(login, officer: User) -> None:
    data = {
        "year": 2028,
        "title": "Evaluasi 2028",
        "scale_max": 4,
        "weight_baseline": 10,
        "weight_output": 20,
        "weight_outcome": 30,
        "weight_impact": 30,
        "weight_quick_win": 20,
        "categories": ["overall"],
    }
    response = login(officer).post("/evaluasi/baru/", data)
    assert "berjumlah 110" in response.content.decode()
    data["weight_quick_win"] = 10
    assert login(officer).post("/evaluasi/baru/", data).status_code == 302
    assert Rubric.objects.get(year=2028).weights["quick_win"] == 10


def test_the_form_for_a_new_evaluation_offers_this_years_weights_and_says_where_they_come_from(
    login, officer: User
) -> None:
    page = login(officer).get("/evaluasi/baru/")
    form = page.context["form"]
    assert form["year"].value() == str(timezone.localdate().year)
    offered = {c: form[f"weight_{c}"].value() for c in COMPS}  # as the inputs show them
    assert offered == {
        "baseline": "10",
        "output": "20",
        "outcome": "30",
        "impact": "20",
        "quick_win": "20",
    }
    assert "sebelum 2021" in page.content.decode()


def test_award_count_matches_the_categories() -> None:
    rubric = Rubric.objects.create(year=2027, title="2027")
    assert len(propose_awards(rubric)) == 9 == Award.objects.count()


def test_the_national_team_changes_an_open_evaluations_weights_and_the_index_follows(
    login, officer: User, viewer: User
) -> None:  # type: ignore[no-untyped-def]
    rubric = Rubric.objects.create(year=2027, title="2027")
    score_all(rubric, "32.73", 2.0, **{f"{d}.impact": 4.0 for d in DIMS})
    assert results(rubric)[0].index.overall == Decimal("2.40")  # impact weighs 20 (2021 on)
    weights = {"baseline": 0, "output": 20, "outcome": 30, "impact": 50, "quick_win": 0}
    data = {
        "title": "Evaluasi 2027",
        "categories": ["overall", "quick_win"],
        **{f"weight_{c}": w for c, w in weights.items()},
    }
    assert login(viewer).post("/evaluasi/2027/ubah/", data).status_code == 403
    client = login(officer)
    form = client.get("/evaluasi/2027/ubah/").context["form"]
    assert form.fields["year"].disabled and form.fields["scale_max"].disabled  # scored already
    data["version"] = rubric.version
    wrong = client.post("/evaluasi/2027/ubah/", {**data, "weight_impact": 40})
    assert "Bobot berjumlah 90" in wrong.content.decode()
    assert client.post("/evaluasi/2027/ubah/", data).status_code == 302
    rubric.refresh_from_db()
    assert (rubric.title, rubric.weights, rubric.year) == ("Evaluasi 2027", weights, 2027)
    assert results(rubric)[0].index.overall == Decimal("3.00")  # 2 x 0.5 + 4 x 0.5
    Rubric.objects.filter(pk=rubric.pk).update(status="published")
    assert client.post("/evaluasi/2027/ubah/", {**data, "title": "x"}).status_code == 302
    rubric.refresh_from_db()
    assert rubric.title == "Evaluasi 2027"  # a published evaluation no longer changes


def test_ranks_are_announced_nationally_per_island_group_and_per_province(
    client: Client, token_for, viewer: User
) -> None:  # type: ignore[no-untyped-def]
    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    for code, value in [
        ("73.71", 3.5),  # Kota Makassar, Sulawesi Selatan
        ("33.72", 3.25),  # Kota Surakarta, Jawa Tengah
        ("32.73", 3.0),  # Kota Bandung, Jawa Barat
        ("32.71", 3.0),  # Kota Bogor, Jawa Barat: tied with Bandung
        ("32.75", 2.5),  # Kota Bekasi, Jawa Barat
    ]:
        score_all(rubric, code, value)
    rows = {r.region.code: r for r in results(rubric)}
    ranks = {c: (r.national_rank, r.group_rank, r.province_rank) for c, r in rows.items()}
    assert ranks == {
        "73.71": (1, 1, 1),
        "33.72": (2, 1, 1),
        "32.71": (3, 2, 1),
        "32.73": (3, 2, 1),
        "32.75": (5, 4, 3),
    }
    west_java = client.get("/evaluasi/2027/?province=32")
    assert [r.region.code for r in west_java.context["page"]] == ["32.71", "32.73", "32.75"]
    assert "Peringkat di provinsi" in west_java.content.decode()
    bekasi = client.get("/evaluasi/2027/wilayah/32.75/")
    assert bekasi.context["standing"]["ranked_in_province"] == 3
    assert "peringkat di Jawa Barat dari 3" in bekasi.content.decode()
    api = client.get(
        "/api/v1/evaluations/2027/results", headers={"Authorization": token_for(viewer)}
    )
    assert {r["region"]: r["province_rank"] for r in api.json()["items"]}["32.75"] == 3


def test_a_regions_page_heads_with_its_index_ranks_and_change(client: Client) -> None:
    previous = Rubric.objects.create(year=2026, title="2026", status="published")
    score_all(previous, "32.73", 2.0)
    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    score_all(rubric, "32.73", 3.0)
    score_all(rubric, "32.75", 3.25)  # Kota Bekasi, Jawa too
    score_all(rubric, "73.71", 3.5)  # Kota Makassar, Sulawesi
    response = client.get("/evaluasi/2027/wilayah/32.73/")
    standing = response.context["standing"]
    assert (standing["result"].national_rank, standing["ranked"]) == (3, 3)
    assert (standing["result"].group_rank, standing["ranked_in_group"]) == (2, 2)
    assert standing["previous"] == previous
    page = response.content.decode()
    for text in ("3,00", "peringkat nasional dari 3 wilayah", "peringkat di Jawa dari 2", "+1,00"):
        assert text in page
    assert "perubahan dari 2026" in page
    makassar = client.get("/evaluasi/2027/wilayah/73.71/").content.decode()
    assert "tidak diperingkat pada 2026" in makassar


def test_a_region_nobody_verified_is_awaiting_verification_on_its_page(client: Client) -> None:
    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    score_all(rubric, "32.73", 3.0)
    Score.objects.create(
        rubric=rubric,
        region=Region.objects.get(code="32.75"),
        dimension="living",
        component="impact",
        self_score=Decimal("4"),
        assessor_score=Decimal("2"),
    )
    response = client.get("/evaluasi/2027/wilayah/32.75/")
    assert response.context["standing"] is None
    assert "Belum diperingkat: menunggu verifikasi" in response.content.decode()


def test_a_demo_evaluation_says_demo_once_not_in_every_cell(client: Client) -> None:
    rubric = Rubric.objects.create(year=2027, title="2027", status="published", is_demo=True)
    score_all(rubric, "32.73", 3.0)
    Score.objects.filter(rubric=rubric).update(assessor_note="Data demo.")
    page = client.get("/evaluasi/2027/wilayah/32.73/").content.decode()
    assert page.count("Evaluasi demo: nilai buatan") == 1
    assert "Data demo." not in page
    awards = client.get("/evaluasi/2027/penghargaan/").content.decode()
    assert 'class="badge badge-demo"' in awards


def test_an_assessors_own_note_stays_in_its_cell(client: Client) -> None:
    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    score_all(rubric, "32.73", 3.0)
    Score.objects.filter(rubric=rubric, dimension="living", component="impact").update(
        assessor_note="Bukti foto lengkap."
    )
    assert "Bukti foto lengkap." in client.get("/evaluasi/2027/wilayah/32.73/").content.decode()


def test_the_weights_read_as_component_labels(client: Client) -> None:
    Rubric.objects.create(year=2027, title="2027", status="published")
    for url in ("/evaluasi/", "/evaluasi/2027/"):
        page = client.get(url).content.decode()
        assert "nilai awal 10%" in page and "dampak (impact) 20%" in page
        assert "quick win 20%" in page and "quick_win" not in page


def test_an_assessors_note_is_shown_only_once_its_score_is_verified(
    client: Client, login, owner: User, viewer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027")
    score = Score.objects.create(
        rubric=rubric,
        region=Region.objects.get(code="32.73"),
        dimension="living",
        component="output",
        assessor_score=Decimal(2),
        assessor_note="Bukti belum lengkap",
    )
    page = login(owner).get("/evaluasi/2027/wilayah/32.73/").content.decode()
    api = client.get(
        "/api/v1/evaluations/2027/regions/32.73", headers={"Authorization": token_for(viewer)}
    ).json()
    assert "Bukti belum lengkap" not in page
    assert api["cells"][0]["assessor_note"] == ""
    Score.objects.filter(pk=score.pk).update(verified_at=timezone.now())
    page = login(owner).get("/evaluasi/2027/wilayah/32.73/").content.decode()
    assert "Bukti belum lengkap" in page


def test_a_ranked_region_gets_its_result_letter_once_the_evaluation_is_published(
    client: Client,
) -> None:
    from masterplans.tests.test_book import pdf_text

    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027", status="open")
    score_all(rubric, "32.73", 3.0, **{"living.impact": 4.0})  # Kota Bandung
    score_all(rubric, "32.75", 2.5)  # Kota Bekasi
    score_all(rubric, "32.01", 3.5)  # Kabupaten Bogor
    letter = "/evaluasi/2027/wilayah/32.73/surat-hasil.pdf"
    assert client.get(letter).status_code == 404  # open: nothing announced yet
    Rubric.objects.filter(pk=rubric.pk).update(status="published")
    assert 'surat-hasil.pdf"' in client.get("/evaluasi/2027/wilayah/32.73/").content.decode()
    response = client.get(letter)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('hasil-evaluasi-2027-32.73.pdf"')
    text = " ".join(pdf_text(response.content).split())
    assert "Yth. Wali Kota Bandung" in text and "Halaman 1 dari 1" in text
    assert "Peringkat nasional 2 dari 3 wilayah" in text
    assert "Peringkat di Provinsi Jawa Barat 2 dari 3 wilayah" in text
    # Living: impact 4, the rest 3, weights 10/20/30/20/20 -> 3 + 0.2 = 3.20; overall
    # (5 * 3.00 + 3.20) / 6 = 3.0333 -> 3,03; impact component (5 * 3 + 4) / 6 = 3,17
    assert "Smart Living 3,20" in text and "3,03" in text and "dampak (impact) 3,17" in text
    assert "DATA DEMO" not in text
    assert "Yth. Bupati Bogor" in pdf_text(
        client.get("/evaluasi/2027/wilayah/32.01/surat-hasil.pdf").content
    )
    assert client.get("/evaluasi/2027/wilayah/35.78/surat-hasil.pdf").status_code == 404


def test_the_national_team_sets_the_year_s_award_categories_and_the_jury_awards_its_own(
    login, officer: User
) -> None:  # type: ignore[no-untyped-def]
    rubric = Rubric.objects.create(year=2027, title="2027")
    score_all(rubric, "32.73", 3.0)
    score_all(rubric, "32.75", 2.0)
    data = {
        "title": "Evaluasi 2027",
        "version": rubric.version,
        "categories": ["overall", "quick_win"],
        "other_categories": "Kota Cerdas Inklusif\n\nKota Cerdas Inklusif\n",
        **{f"weight_{c}": w for c, w in rubric.weights.items()},
    }
    client = login(officer)
    assert (
        client.post("/evaluasi/baru/", {**data, "year": 2028, "categories": []}).status_code == 200
    )
    assert client.post("/evaluasi/2027/ubah/", data).status_code == 302
    rubric.refresh_from_db()
    assert rubric.award_categories == ["overall", "quick_win", "custom:Kota Cerdas Inklusif"]
    awards = {a.category: a for a in propose_awards(rubric)}
    assert list(awards) == ["overall", "quick_win", "custom:Kota Cerdas Inklusif"]
    assert awards["overall"].proposed.code == "32.73"
    assert awards["custom:Kota Cerdas Inklusif"].proposed is None  # no score proposes it
    page = client.get("/evaluasi/2027/penghargaan/").content.decode()
    assert "Kota Cerdas Inklusif" in page and "Kemajuan terbesar" not in page
    award = awards["custom:Kota Cerdas Inklusif"]
    refused = client.post(f"/evaluasi/penghargaan/{award.pk}/putuskan/", {"region": ""})
    assert refused.status_code == 302
    award.refresh_from_db()
    assert award.region is None
    client.post(
        f"/evaluasi/penghargaan/{award.pk}/putuskan/",
        {"region": "32.75", "reason": "Layanan disabilitas terpadu", "confirmed": "1"},
    )
    award.refresh_from_db()
    assert (award.region.code, award.reason) == ("32.75", "Layanan disabilitas terpadu")
    # A category dropped later goes, unless already decided.
    rubric.award_categories = ["overall"]
    rubric.save()
    assert [a.category for a in propose_awards(rubric)] == ["overall"]
    assert set(Award.objects.values_list("category", flat=True)) == {
        "overall",
        "custom:Kota Cerdas Inklusif",
    }


def test_stage_two_starts_from_stage_one_and_what_it_scores_supersedes_it(
    login, officer: User, viewer: User
) -> None:  # type: ignore[no-untyped-def]
    from evaluation.services import scores_save, stage_two_open

    rubric = Rubric.objects.create(year=2027, title="2027")
    score_all(rubric, "32.73", 2.0)
    # Stage I: every cell 2, so the index is 2.00.
    assert results(rubric)[0].index.overall == Decimal("2.00")
    assert login(viewer).post("/evaluasi/2027/tahap-ii/").status_code == 403
    assert login(officer).post("/evaluasi/2027/tahap-ii/").status_code == 302
    rubric.refresh_from_db()
    assert rubric.open_stage == 2
    assert Score.objects.filter(rubric=rubric, stage=2).count() == 30
    assert results(rubric)[0].index.overall == Decimal("2.00")  # carried over
    # The interview of stage II raises every impact cell to 4: impact weighs 20 since 2021,
    # so the index becomes 2 × 0.8 + 4 × 0.2 = 2.40; stage I's cells stay as they were.
    assessor = make_user("asesor.bandung", Role.ASSESSOR, Region.objects.get(code="32.73"))
    scores_save(
        rubric=rubric,
        region=Region.objects.get(code="32.73"),
        user=assessor,
        cells={(d, "impact"): {"assessor_score": "4"} for d in DIMS},
    )
    assert results(rubric)[0].index.overall == Decimal("2.40")
    assert set(
        Score.objects.filter(rubric=rubric, stage=1).values_list("assessor_score", flat=True)
    ) == {Decimal("2")}
    # There is no third stage.
    response = login(officer).post("/evaluasi/2027/tahap-ii/", follow=True)
    assert "sudah dibuka" in response.content.decode()
    Rubric.objects.filter(pk=rubric.pk).update(status="published", open_stage=1)
    rubric.refresh_from_db()
    from kotacerdas.errors import DomainError

    with pytest.raises(DomainError):
        stage_two_open(rubric=rubric, user=officer)


@pytest.mark.django_db(transaction=True)
def test_the_second_stage_opens_in_a_transaction_of_its_own(registry_committed) -> None:  # type: ignore[no-untyped-def]
    """Outside a test's wrapping transaction, as in production: the lock needs one."""
    from evaluation.services import stage_two_open

    officer = make_user("officer.tahap", Role.PROGRAM_OFFICER)
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027")
    assert stage_two_open(rubric=rubric, user=officer).open_stage == 2


def test_the_ranking_sorts_by_a_dimension_and_downloads_with_every_column(client: Client) -> None:
    import csv
    import io

    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    score_all(rubric, "32.73", 3.0, **{"economy.output": 1.0})
    score_all(rubric, "32.75", 2.0)
    url = "/evaluasi/2027/?urut=-dim_economy&unduh=csv"
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode().removeprefix("\ufeff"))))
    assert rows[0][:6] == [
        "Peringkat",
        "Peringkat di kelompok pulau",
        "Peringkat di provinsi",
        "Wilayah",
        "Provinsi",
        "Indeks",
    ]
    assert [row[3] for row in rows[1:]] == ["Kota Bandung", "Kota Bekasi"]
    economy = rows[0].index("Smart Economy")
    assert float(rows[1][economy]) > float(rows[2][economy])
    by_index = client.get("/evaluasi/2027/?urut=index").context["page"].object_list
    assert [r.region.code for r in by_index] == ["32.75", "32.73"]
