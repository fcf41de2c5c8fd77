import pytest
from django.conf import settings
from django.test import Client

from accounts.models import Membership, Role, User
from audit.context import acting_as_job
from audit.models import Action, AuditEvent
from regions.models import Region
from regions.services import regions_load

pytestmark = pytest.mark.django_db

PROFILE = {"website": "", "contact_email": "", "description": "Bandung Smart City", "version": "1"}


def test_a_profile_change_records_who_when_and_what(
    login,
    owner: User,  # type: ignore[no-untyped-def]
    bandung: Region,
) -> None:
    login(owner).post("/wilayah/32.73/ubah/", PROFILE)
    event = AuditEvent.objects.for_object(bandung).get(action=Action.UPDATE)
    assert event.actor == owner
    assert event.actor_label == "editor.bandung"
    assert event.changes["description"] == ["", "Bandung Smart City"]
    assert event.changes["version"] == [1, 2]
    assert event.ip == "127.0.0.1"


def test_a_change_through_the_api_records_the_token_owner(
    client: Client,
    owner: User,  # type: ignore[no-untyped-def]
    token_for,
    bandung: Region,
) -> None:
    client.patch(
        "/api/v1/regions/32.73",
        '{"description": "via API", "version": 1}',
        content_type="application/json",
        headers={"Authorization": token_for(owner)},
    )
    assert AuditEvent.objects.for_object(bandung).get(action=Action.UPDATE).actor == owner


def test_granting_and_revoking_a_role_is_recorded(bandung: Region) -> None:
    user = User.objects.create_user("baru")
    membership = Membership.objects.create(user=user, role=Role.REGIONAL_LEAD, region=bandung)
    membership.delete()
    actions = list(
        AuditEvent.objects.filter(object_label__contains="baru")
        .exclude(content_type__model="user")
        .values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "delete"]


def test_logins_and_failed_logins_go_to_the_audit_log(client: Client, owner: User) -> None:
    client.post("/akun/masuk/", {"username": "editor.bandung", "password": "salah"})
    client.post("/akun/masuk/", {"username": "editor.bandung", "password": "kata-sandi-uji-123"})
    failed = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert failed.actor_label == "editor.bandung"
    assert "salah" not in str(failed.changes)
    assert AuditEvent.objects.get(action=Action.LOGIN).actor == owner


def test_a_batch_job_is_named_as_the_actor(bandung: Region) -> None:
    with acting_as_job("load_regions"):
        Region.objects.filter(pk=bandung.pk).update(name="Kota Bandoeng")
        regions_load(data_dir=settings.KC_DATA_DIR)
    event = AuditEvent.objects.filter(action=Action.IMPORT).first()
    assert event is not None
    assert event.actor_label == "load_regions"
    assert event.changes == {"created": 0, "updated": 1}


def test_region_history_page_shows_changes_to_the_team(
    login,
    owner: User,  # type: ignore[no-untyped-def]
    colleague: User,
) -> None:
    login(owner).post("/wilayah/32.73/ubah/", PROFILE)
    response = login(colleague).get("/wilayah/32.73/riwayat/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "editor.bandung" in body
    assert "Bandung Smart City" in body


def test_region_history_is_closed_to_other_regions_and_the_public(
    client: Client,
    login,  # type: ignore[no-untyped-def]
    outsider: User,
) -> None:
    assert login(outsider).get("/wilayah/32.73/riwayat/").status_code == 403
    response = client.get("/wilayah/32.73/riwayat/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_audit_log_cannot_be_edited_in_the_admin(login) -> None:  # type: ignore[no-untyped-def]
    admin = User.objects.create_superuser("root", password="kata-sandi-uji-123")
    client = login(admin)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get("/admin/audit/auditevent/add/").status_code == 403


def test_behind_a_trusted_proxy_the_visitor_address_is_recorded(
    client: Client, owner: User, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.KC_TRUSTED_PROXIES = 1
    client.post(
        "/akun/masuk/",
        {"username": "editor.bandung", "password": "salah"},
        headers={"X-Forwarded-For": "10.9.9.9, 203.0.113.7"},
        REMOTE_ADDR="127.0.0.1",
    )
    assert AuditEvent.objects.get(action=Action.LOGIN_FAILED).ip == "203.0.113.7"


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(
    client: Client, owner: User
) -> None:
    client.post(
        "/akun/masuk/",
        {"username": "editor.bandung", "password": "salah"},
        headers={"X-Forwarded-For": "203.0.113.7"},
    )
    assert AuditEvent.objects.get(action=Action.LOGIN_FAILED).ip == "127.0.0.1"


def test_an_uploaded_file_is_recorded_by_its_name_in_storage(db) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from audit.models import AuditEvent
    from masterplans.tests.factories import make_masterplan
    from monitoring.models import Evidence, ProgressReport

    program = make_masterplan().programs.first()
    report = ProgressReport.objects.create(program=program, year=2027, quarter=1, status="done")
    evidence = Evidence.objects.create(
        report=report,
        file=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4"),
        kind="pdf",
        original_name="bukti.pdf",
        size=8,
    )
    event = AuditEvent.objects.for_object(evidence).get()
    assert event.changes["file"] == [None, evidence.file.name]
    assert evidence.file.name.startswith("bukti/") and evidence.file.name.endswith(".pdf")
