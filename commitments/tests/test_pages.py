"""The commitments pages as people use them: read by the program's people only, recorded by
the region's team, the scans uploaded and downloaded, the state shown on the region's page."""

from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from commitments.models import Body, BodyKind, Contact, Statement
from commitments.services import missing
from commitments.tests.factories import make_commitments, pdf
from regions.models import Region

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("commitments:overview", args=["32.73"])
COUNCIL = reverse("commitments:council", args=["32.73"])


def _client(user: User | None = None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def _council_post(**changes: Any) -> dict[str, Any]:
    data = {
        "decree_number": "050/Kep.101-Diskominfo/2024",
        "decree_date": "2024-07-03",
        "version": "0",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-0-name": "Muhammad Farhan",
        "members-0-role_in_body": "ketua",
        "members-0-opd": "Sekretariat Daerah",
        "members-0-position": "Wali Kota",
        "members-1-name": "",
        "members-1-role_in_body": "",
        "members-1-opd": "",
        "members-1-position": "",
    }
    data.update(changes)
    return data


def test_the_regions_team_records_the_council_with_its_sk_scan(
    owner: User, bandung: Region
) -> None:
    client = _client(owner)
    assert client.get(COUNCIL).status_code == 200
    response = client.post(COUNCIL, _council_post(decree_scan=pdf("sk-dewan.pdf")))
    assert response.status_code == 302 and response["Location"] == OVERVIEW
    body = Body.objects.get(region=bandung, kind=BodyKind.COUNCIL)
    assert body.decree_number == "050/Kep.101-Diskominfo/2024"
    assert body.decree_scan_name == "sk-dewan.pdf"
    assert [m.name for m in body.members.all()] == ["Muhammad Farhan"]
    page = client.get(OVERVIEW).content.decode()
    assert "Muhammad Farhan" in page and "050/Kep.101-Diskominfo/2024" in page
    download = client.get(reverse("commitments:scan", args=["32.73", "sk-dewan"]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_a_scan_that_is_not_a_pdf_or_photo_is_refused_with_the_file_named(
    owner: User,
) -> None:
    upload = SimpleUploadedFile("sk-dewan.docx", b"PK\x03\x04 not a scan")
    response = _client(owner).post(COUNCIL, _council_post(decree_scan=upload))
    html = response.content.decode()
    assert response.status_code == 200 and "field-error" in html
    assert "sk-dewan.docx" in html
    assert 'value="Muhammad Farhan"' in html  # what was typed stays
    assert not Body.objects.exists()


def test_a_member_row_without_a_name_is_refused_and_the_row_kept(owner: User) -> None:
    data = _council_post(**{"members-1-opd": "Bappeda", "members-1-role_in_body": "anggota"})
    response = _client(owner).post(COUNCIL, data)
    html = response.content.decode()
    assert response.status_code == 200 and "Name the member" in html
    assert 'value="Bappeda"' in html
    assert not Body.objects.exists()


def test_a_stale_save_is_refused_with_409_and_keeps_what_was_typed(
    owner: User, colleague: User
) -> None:
    _client(colleague).post(COUNCIL, _council_post())
    response = _client(owner).post(COUNCIL, _council_post(**{"members-0-name": "Nama lain"}))
    html = response.content.decode()
    assert response.status_code == 409 and 'id="conflict"' in html
    assert 'value="Nama lain"' in html
    assert Body.objects.get().members.get().name == "Muhammad Farhan"


def test_the_team_records_the_statement_and_the_contact_persons(
    owner: User, bandung: Region
) -> None:
    client = _client(owner)
    statement = reverse("commitments:statement", args=["32.73"])
    response = client.post(
        statement,
        {
            "text": "Kami berkomitmen.",
            "signed_by": "Wali Kota Bandung",
            "signed_on": "2024-07-10",
            "version": "0",
        },
    )
    assert response.status_code == 302
    assert Statement.objects.get(region=bandung).is_signed
    contacts = reverse("commitments:contacts", args=["32.73"])
    form = client.get(contacts).context["editor"].form
    response = client.post(
        contacts,
        {
            "version": form.initial["version"],
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Ani",
            "contacts-0-email": "ani@bandung.go.id",
            "contacts-0-phone": "022 423 4567",
        },
    )
    assert response.status_code == 302
    assert Contact.objects.get(region=bandung).primary


def test_a_phone_number_in_letters_is_refused(owner: User) -> None:
    contacts = reverse("commitments:contacts", args=["32.73"])
    version = _client(owner).get(contacts).context["editor"].form.initial["version"]
    response = _client(owner).post(
        contacts,
        {
            "version": version,
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Ani",
            "contacts-0-phone": "nomor kantor",
        },
    )
    assert response.status_code == 200 and "field-error" in response.content.decode()
    assert not Contact.objects.exists()


def test_the_programs_people_read_the_commitments_and_only_the_team_records_them(
    viewer: User, mentor: User, officer: User, owner: User
) -> None:
    make_commitments("32.73")
    for user in (viewer, mentor, officer, owner):
        page = _client(user).get(OVERVIEW)
        assert page.status_code == 200
        assert "smartcity@contoh.go.id" in page.content.decode()
    assert _client(viewer).get(COUNCIL).status_code == 403
    assert _client(mentor).post(COUNCIL, _council_post()).status_code == 403
    assert _client(officer).get(COUNCIL).status_code == 200


def test_an_editor_of_another_region_gets_no_page_no_scan_and_no_save(outsider: User) -> None:
    make_commitments("32.73")
    client = _client(outsider)
    assert client.get(OVERVIEW).status_code == 403
    assert client.get(reverse("commitments:scan", args=["32.73", "sk-dewan"])).status_code == 403
    assert client.post(COUNCIL, _council_post(version="1")).status_code == 403
    assert Body.objects.get(kind=BodyKind.COUNCIL).members.count() == 2


def test_an_anonymous_visitor_is_asked_to_log_in_and_never_sees_contacts(
    bandung: Region,
) -> None:
    make_commitments(bandung)
    client = _client()
    for url in (OVERVIEW, COUNCIL, reverse("commitments:scan", args=["32.73", "pernyataan"])):
        response = client.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    region_page = client.get(bandung.get_absolute_url()).content.decode()
    assert "smartcity@contoh.go.id" not in region_page
    assert 'data-testid="commitments"' not in region_page


def test_an_unknown_scan_or_region_is_not_found(owner: User) -> None:
    client = _client(owner)
    assert client.get(reverse("commitments:scan", args=["32.73", "sk-dewan"])).status_code == 404
    assert client.get(reverse("commitments:scan", args=["32.73", "lain"])).status_code == 404
    assert client.get(reverse("commitments:overview", args=["99.99"])).status_code == 404


def test_the_region_page_shows_what_is_missing_to_the_team_of_a_region_in_a_cohort(
    cohort: Any, owner: User, bandung: Region
) -> None:
    page = _client(owner).get(bandung.get_absolute_url()).content.decode()
    assert 'data-testid="commitments"' in page and OVERVIEW in page
    with translation.override("en"):
        items = missing(bandung)
    assert len(items) == 6 and all(item in page for item in items)
    make_commitments(bandung)
    page = _client(owner).get(bandung.get_absolute_url()).content.decode()
    assert 'data-testid="commitments"' in page
    assert "No contact person" not in page


def test_the_region_page_says_nothing_of_commitments_outside_a_cohort(
    owner: User, bandung: Region
) -> None:
    page = _client(owner).get(bandung.get_absolute_url()).content.decode()
    assert 'data-testid="commitments"' not in page
