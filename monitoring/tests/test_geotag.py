"""Where and when an evidence photo was taken: read from a real JPEG's EXIF
(fixtures/geotagged.jpg, made by fixtures/make_geotagged.py), else picked on the map; before and
after pairs; the region's map of photos."""

import io
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import User
from masterplans.tests.factories import make_masterplan
from monitoring.geotag import photo_place
from monitoring.models import Evidence, ProgramStage
from monitoring.tests.fixtures.make_geotagged import geotagged_jpeg

FIXTURES = Path(__file__).parent / "fixtures"
GEOTAGGED = (FIXTURES / "geotagged.jpg").read_bytes()
NO_EXIF = (FIXTURES / "no_exif.jpg").read_bytes()
WIB = ZoneInfo("Asia/Jakarta")


def test_the_fixture_photo_tells_where_and_when_it_was_taken() -> None:
    place = photo_place(io.BytesIO(GEOTAGGED), WIB)
    # Balai Kota Bandung, written by the camera as 6° 54' 40.68" S, 107° 36' 35.28" E.
    assert (place.latitude, place.longitude) == (Decimal("-6.911300"), Decimal("107.609800"))
    assert place.taken_at == datetime(2027, 5, 12, 2, 30, tzinfo=UTC)


def test_a_photo_without_exif_tells_nothing() -> None:
    place = photo_place(io.BytesIO(NO_EXIF), WIB)
    assert (place.latitude, place.longitude, place.taken_at, place.located) == (
        None,
        None,
        None,
        False,
    )


def test_a_time_without_its_offset_is_read_in_the_given_zone() -> None:
    photo = geotagged_jpeg(position=None, offset=None)
    place = photo_place(io.BytesIO(photo), ZoneInfo("Asia/Makassar"))  # WITA, UTC+8
    assert place.taken_at == datetime(2027, 5, 12, 1, 30, tzinfo=UTC)
    assert not place.located


def test_a_camera_without_a_fix_and_a_broken_file_give_no_place() -> None:
    assert not photo_place(io.BytesIO(geotagged_jpeg(position=(0.0, 0.0))), WIB).located
    northern = photo_place(io.BytesIO(geotagged_jpeg(position=(3.5952, 98.6722))), WIB)
    assert (northern.latitude, northern.longitude) == (Decimal("3.595200"), Decimal("98.672200"))
    assert photo_place(io.BytesIO(GEOTAGGED[:200]), WIB).taken_at is None
    assert not photo_place(io.BytesIO(b"%PDF-1.4 bukan foto"), WIB).located


@pytest.fixture
def program(db):  # type: ignore[no-untyped-def]
    return make_masterplan(status="approved").programs.get(code="GOV-01")


def upload(client: Client, program, name: str, content: bytes, **data: object):  # type: ignore[no-untyped-def]
    fields: dict[str, object] = {
        "year": 2027,
        "quarter": 2,
        "status": "on_track",
        "percent_entered": 40,
        "note": "",
        "evidence": SimpleUploadedFile(name, content, content_type="image/jpeg"),
    }
    fields.update(data)
    return client.post(f"/pemantauan/program/{program.pk}/laporan/", fields)


def test_an_uploaded_photo_keeps_the_place_and_time_of_its_exif(
    login, owner: User, program
) -> None:
    # A place picked on the map does not override the camera's.
    response = upload(
        login(owner), program, "balai-kota.jpg", GEOTAGGED, latitude="-6,2", longitude="106,8"
    )
    assert response.status_code == 302
    photo = Evidence.objects.get()
    assert (photo.kind, photo.location_source) == ("photo", "exif")
    assert (photo.latitude, photo.longitude) == (Decimal("-6.911300"), Decimal("107.609800"))
    assert photo.taken_at == datetime(2027, 5, 12, 2, 30, tzinfo=UTC)


def test_a_photo_without_exif_has_no_place_unless_one_is_picked_on_the_map(
    login, owner: User, program
) -> None:
    client = login(owner)
    upload(client, program, "tanpa-exif.jpg", NO_EXIF)
    plain = Evidence.objects.get()
    assert (plain.location_source, plain.latitude, plain.taken_at) == ("none", None, None)
    # Picked on the map, written the Indonesian way (decimal comma).
    upload(
        client, program, "dipilih.jpg", NO_EXIF, latitude="-6,9175", longitude="107,6191", version=1
    )
    picked = Evidence.objects.exclude(pk=plain.pk).get()
    assert (picked.location_source, picked.latitude, picked.longitude) == (
        "map",
        Decimal("-6.917500"),
        Decimal("107.619100"),
    )
    half = upload(client, program, "separuh.jpg", NO_EXIF, latitude="-6,9175", version=1)
    assert half.status_code == 200
    assert "lintang dan bujurnya sekaligus" in str(half.context["report_form"].errors)
    assert Evidence.objects.count() == 2


def test_a_before_and_an_after_photo_are_paired(login, owner: User, program) -> None:
    client = login(owner)
    upload(client, program, "sebelum.jpg", NO_EXIF, phase="before", caption="Simpang sebelum")
    before = Evidence.objects.get()
    report = before.report
    upload(
        client,
        program,
        "sesudah.jpg",
        GEOTAGGED,
        phase="after",
        pair_with=before.pk,
        version=report.version,
    )
    after = Evidence.objects.exclude(pk=before.pk).get()
    before.refresh_from_db()
    assert (after.phase, after.pair_id, before.pair_id) == ("after", before.pk, after.pk)
    page = client.get(f"/pemantauan/program/{program.pk}/")
    assert page.context["pairs"] == [(before, after)]
    # Two photos "after" make no pair.
    refused = upload(
        client, program, "lagi.jpg", NO_EXIF, phase="after", pair_with=after.pk, version=1
    )
    assert refused.status_code == 200
    assert "keduanya" in str(refused.context["report_form"].errors["pair_with"])


def test_the_team_picks_the_place_of_a_photo_later_and_pairs_it(
    login, owner: User, colleague: User, program
) -> None:
    client = login(owner)
    upload(client, program, "sebelum.jpg", NO_EXIF, phase="before")
    upload(client, program, "sesudah.jpg", GEOTAGGED, version=1)
    before = Evidence.objects.get(original_name="sebelum.jpg")
    after = Evidence.objects.get(original_name="sesudah.jpg")
    url = f"/pemantauan/bukti/{before.pk}/lokasi/"
    data = {
        f"bukti{before.pk}-latitude": "-6,9113",
        f"bukti{before.pk}-longitude": "107,6098",
        f"bukti{before.pk}-phase": "before",
        f"bukti{before.pk}-version": before.version,
    }
    assert client.post(url, data).status_code == 302
    before.refresh_from_db()
    assert (before.location_source, before.latitude) == ("map", Decimal("-6.911300"))
    # The place the camera wrote stays, whatever is posted; the phase and the pair change.
    url_after = f"/pemantauan/bukti/{after.pk}/lokasi/"
    data_after = {
        f"bukti{after.pk}-latitude": "0",
        f"bukti{after.pk}-longitude": "0",
        f"bukti{after.pk}-phase": "after",
        f"bukti{after.pk}-pair_with": before.pk,
        f"bukti{after.pk}-version": after.version,
    }
    assert client.post(url_after, data_after).status_code == 302
    after.refresh_from_db()
    before.refresh_from_db()
    assert (after.location_source, after.latitude) == ("exif", Decimal("-6.911300"))
    assert (after.pair_id, before.pair_id) == (before.pk, after.pk)
    # Opened before that change, a colleague's save is refused and shows what changed.
    stale = login(colleague).post(url, {**data, f"bukti{before.pk}-phase": ""})
    assert stale.status_code == 409
    before.refresh_from_db()
    assert before.phase == "before"
    # Unpairing undoes both sides.
    again = {**data, f"bukti{before.pk}-version": before.version}
    assert client.post(url, again).status_code == 302
    after.refresh_from_db()
    assert after.pair_id is None


def test_only_the_team_changes_a_photos_place(
    login, owner: User, outsider: User, viewer: User, program
) -> None:
    upload(login(owner), program, "foto.jpg", NO_EXIF)
    photo = Evidence.objects.get()
    url = f"/pemantauan/bukti/{photo.pk}/lokasi/"
    data = {
        f"bukti{photo.pk}-latitude": "-6,9",
        f"bukti{photo.pk}-longitude": "107,6",
        f"bukti{photo.pk}-version": photo.version,
    }
    assert login(viewer).post(url, data).status_code == 403
    assert login(outsider).post(url, data).status_code == 403
    assert Client().post(url, data).status_code == 302
    photo.refresh_from_db()
    assert photo.location_source == "none"


def test_the_regions_map_shows_each_located_photo_with_its_stage(
    login, owner: User, outsider: User, viewer: User, program
) -> None:
    client = login(owner)
    upload(client, program, "balai-kota.jpg", GEOTAGGED, phase="after")
    upload(client, program, "tanpa-exif.jpg", NO_EXIF, version=1)
    ProgramStage.objects.create(program=program, stage="planned", actual_date="2027-01-10")
    ProgramStage.objects.create(program=program, stage="build", actual_date="2027-04-01")
    ProgramStage.objects.create(program=program, stage="operation", actual_date="2027-06-01")
    page = client.get("/pemantauan/wilayah/32.73/peta/")
    assert page.status_code == 200
    (point,) = page.context["points"]
    assert (point["lat"], point["lon"], point["phase_code"]) == (-6.9113, 107.6098, "after")
    # Taken on 12 May 2027, when the program was being built.
    assert point["stage"] == "pembangunan / penerapan"
    assert point["title"] == "GOV-01 Program governance 1"
    assert 'class="evidence-map"' in page.content.decode()
    assert login(viewer).get("/pemantauan/wilayah/32.73/peta/").status_code == 200
    assert login(outsider).get("/pemantauan/wilayah/32.73/peta/").status_code == 403
    assert Client().get("/pemantauan/wilayah/32.73/peta/").status_code == 302
    assert login(owner).get("/pemantauan/wilayah/99.99/peta/").status_code == 404
