"""Finding one's way (issue 16, first slice): a region's page says which cohort it is in, the
program library and the late reports are linked where people look for them, the new-round form
explains its fields, and the dashboard counts a region's masterplan in force once."""

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from masterplans.models import Masterplan, Status
from masterplans.tests.factories import make_masterplan
from masterplans.workflow import masterplan_edition_create

pytestmark = pytest.mark.django_db


def test_a_regions_page_says_which_cohort_it_is_in(client: Client) -> None:
    call_command("load_history", verbosity=0)

    bandung = client.get("/wilayah/32.73/").content.decode()
    jakarta_timur = client.get("/wilayah/31.75/").content.decode()

    assert "Peserta gerakan sejak" in bandung
    assert "Gerakan Menuju 100 Smart City, Tahap I (2017)</a>" in bandung
    assert "Belum menjadi peserta gerakan" in jakarta_timur


def test_the_library_and_the_late_reports_are_linked(client: Client, officer: User) -> None:
    assert 'href="/masterplan/program/"' in client.get("/masterplan/").content.decode()
    assert "/pemantauan/terlambat/" not in client.get("/pemantauan/quick-win/").content.decode()
    client.force_login(officer)
    assert 'href="/pemantauan/terlambat/"' in client.get("/pemantauan/quick-win/").content.decode()


def test_the_new_round_form_explains_its_fields(client: Client, officer: User) -> None:
    client.force_login(officer)

    page = client.get("/seleksi/putaran/baru/").content.decode()

    assert 'id="id_indicator_year_helptext"' in page
    assert "nilai terbitan yang lebih lama dibawa ke tahun ini" in page
    assert 'aria-describedby="id_imputation_helptext"' in page


def test_the_dashboard_counts_a_regions_masterplan_in_force_once(
    client: Client, colleague: User
) -> None:
    first = make_masterplan("32.73", status=Status.ENACTED)  # colleague: Bandung's lead
    second = masterplan_edition_create(masterplan=first, user=colleague)
    Masterplan.objects.filter(pk=second.pk).update(status=Status.ENACTED)

    board = client.get("/dasbor/").context["board"]

    counts = {bar.key: bar.value for bar in board.masterplans}
    assert counts["enacted"] == 1  # the second edition; the first no longer is in force
    # The list behind the figure holds the same rows: the second edition only.
    enacted = next(bar for bar in board.masterplans if bar.key == "enacted")
    rows = client.get(enacted.url).context["page"].object_list
    assert [m.pk for m in rows] == [second.pk]
    everything = client.get("/masterplan/?status=enacted").context["page"].object_list
    assert {m.pk for m in everything} == {first.pk, second.pk}  # the archive keeps both
    programs = second.programs.filter(is_quick_win=True).count()
    assert sum(bar.value for bar in board.quick_wins) == programs


def test_the_home_page_shows_the_movement_and_where_to_comment(client: Client) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from participation.models import ConsultationWindow

    call_command("load_history", verbosity=0)
    draft = make_masterplan("32.75")
    make_masterplan("32.73", status=Status.ENACTED)
    now = timezone.now()
    ConsultationWindow.objects.create(
        masterplan=draft, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=20)
    )

    home = client.get("/").content.decode()
    bekasi = client.get("/wilayah/32.75/").content.decode()
    bandung = client.get("/wilayah/32.73/").content.decode()

    movement = home[home.index('data-testid="movement"') : home.index("</section>")]
    assert "<strong>251</strong><span>wilayah peserta gerakan (115 diketahui namanya)" in movement
    assert "<strong>1</strong><span>masterplan yang berlaku" in movement
    assert f'href="/partisipasi/masterplan/{draft.pk}/konsultasi/"' in movement
    assert "Beri masukan" in movement
    assert 'data-testid="open-consultation"' in bekasi
    assert 'data-testid="open-consultation"' not in bandung


def test_the_committee_picks_a_region_by_its_name(
    client: Client, officer: User, indicator_values
) -> None:  # type: ignore[no-untyped-def]
    from selection.rounds import round_compute
    from selection.tests.factories import make_round

    selection_round = round_compute(selection_round=make_round(sensitivity_draws=0))
    client.force_login(officer)

    page = client.get(f"/seleksi/putaran/{selection_round.pk}/").content.decode()
    client.post(
        f"/seleksi/putaran/{selection_round.pk}/keputusan/",
        {"region": "99.99", "action": "add", "reason": "Komitmen kepala daerah yang kuat"},
    )

    assert '<option value="32.73">Kota Bandung (Jawa Barat)</option>' in page
    assert '<option value="32.04">Kabupaten Bandung (Jawa Barat)</option>' in page
    assert not selection_round.overrides.exists()
