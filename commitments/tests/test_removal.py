"""Removing a member of the Dewan or the Tim Pelaksana, or a contact person, is a soft delete:
the editor asks first, the record removed is the one whose row was cleared, and a national
administrator brings it back with its id from "Data terhapus" (Deleted records)."""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import Role, User
from commitments.models import Body, BodyKind, Contact, Member, MemberRole
from commitments.services import MemberInput, body_save
from commitments.tests.factories import body_post, contacts_post, make_commitments
from conftest import make_user
from regions.models import Region
from trash.models import Deleted
from trash.services import trash_restore

pytestmark = pytest.mark.django_db

COUNCIL = reverse("commitments:council", args=["32.73"])
CONTACTS = reverse("commitments:contacts", args=["32.73"])


@pytest.fixture(autouse=True)
def _in_english(client: Client) -> Iterator[None]:
    """The sentences as written (the Indonesian catalogue may change their wording)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def admin(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("admin.nasional", Role.NATIONAL_ADMIN)


@pytest.fixture
def council(bandung: Region) -> Body:
    make_commitments(bandung)
    body = Body.objects.get(region=bandung, kind=BodyKind.COUNCIL)
    Member.objects.create(
        body=body, name="Kepala Bappeda", role_in_body=MemberRole.MEMBER, opd="Bappeda", order=2
    )
    return body


def test_removing_a_member_asks_first_and_a_restore_brings_it_back_with_its_id(
    client: Client, owner: User, admin: User, council: Body
) -> None:
    client.force_login(owner)
    doomed = council.members.get(name="Kepala Diskominfo")
    data = body_post(council, cleared=("Kepala Diskominfo",))

    asked = client.post(COUNCIL, data)

    page = asked.content.decode()
    assert asked.status_code == 200 and 'data-testid="confirm"' in page
    assert "Remove 1 member from the Dewan Smart City?" in page
    assert "Kepala Diskominfo" in page and "Deleted records" in page
    assert council.members.count() == 3 and not Deleted.objects.exists()

    done = client.post(COUNCIL, {**data, "confirmed": "1"})

    assert done.status_code == 302
    assert list(council.members.values_list("name", flat=True)) == [
        "Kepala daerah",
        "Kepala Bappeda",
    ]
    entry = Deleted.objects.get()
    # in the platform's language, as the administrators who restore read it
    assert entry.label == "Anggota Kepala Diskominfo dari Dewan Smart City (Kota Bandung)"
    assert entry.region == council.region and entry.deleted_by == owner

    trash_restore(entry=entry, user=admin)

    back = Member.objects.get(pk=doomed.pk)
    assert (back.body, back.name, back.opd) == (council, "Kepala Diskominfo", doomed.opd)
    editor = client.get(COUNCIL).content.decode()
    assert 'value="Kepala Diskominfo"' in editor
    assert f'name="members-1-id" value="{doomed.pk}"' in editor  # which member a row is


def test_the_member_removed_is_the_one_whose_row_was_cleared(
    owner: User, council: Body, client: Client
) -> None:
    client.force_login(owner)
    kept = dict(council.members.values_list("name", "pk"))
    data = body_post(council, cleared=("Kepala Diskominfo",))
    data["members-2-position"] = "Kepala Badan"  # the last row changed, not moved up

    client.post(COUNCIL, {**data, "confirmed": "1"})

    rows = list(council.members.order_by("order").values_list("pk", "name", "position", "order"))
    assert rows == [
        (kept["Kepala daerah"], "Kepala daerah", "", 0),
        (kept["Kepala Bappeda"], "Kepala Bappeda", "Kepala Badan", 1),
    ]
    assert Deleted.objects.get().records["records"][0]["pk"] == kept["Kepala Diskominfo"]


def test_a_save_that_removes_no_one_asks_nothing(
    owner: User, council: Body, client: Client
) -> None:
    client.force_login(owner)
    data = body_post(council)
    data["decree_number"] = "050/Kep.9/2017"

    assert client.post(COUNCIL, data).status_code == 302
    assert council.members.count() == 3 and not Deleted.objects.exists()


def test_a_stale_save_that_would_remove_someone_is_refused_without_asking(
    owner: User, colleague: User, council: Body, client: Client
) -> None:
    data = body_post(council, cleared=("Kepala Diskominfo",))
    client.force_login(colleague)
    client.post(COUNCIL, {**body_post(council), "decree_number": "050/Kep.9/2017"})
    client.force_login(owner)

    assert client.post(COUNCIL, data).status_code == 409
    assert council.members.count() == 3


def test_an_editor_opened_before_a_member_was_restored_is_stale(
    owner: User, admin: User, council: Body, client: Client
) -> None:
    client.force_login(owner)
    client.post(COUNCIL, {**body_post(council, cleared=("Kepala Diskominfo",)), "confirmed": "1"})
    council.refresh_from_db()
    opened = body_post(council)  # the editor as it stood without the member

    trash_restore(entry=Deleted.objects.get(), user=admin)

    assert client.post(COUNCIL, {**opened, "confirmed": "1"}).status_code == 409
    assert council.members.filter(name="Kepala Diskominfo").exists()


def test_members_saved_without_ids_keep_the_records_they_repeat(council: Body) -> None:
    before = dict(council.members.values_list("name", "pk"))
    rows = [
        MemberInput(m.name, m.role_in_body, m.opd, m.position)
        for m in council.members.order_by("order")
        if m.name != "Kepala Diskominfo"
    ]
    body_save(
        region=council.region,
        kind=BodyKind.COUNCIL,
        decree_number=council.decree_number,
        decree_date=council.decree_date,
        decree_scan=None,
        members=rows,
        base_version=council.version,
        user=None,
    )
    after = dict(council.members.values_list("name", "pk"))
    assert after == {name: before[name] for name in ("Kepala daerah", "Kepala Bappeda")}
    assert Deleted.objects.get().deleted_by is None


def test_removing_a_contact_person_asks_first_and_a_restore_brings_it_back_not_primary(
    client: Client, owner: User, admin: User, bandung: Region
) -> None:
    make_commitments(bandung)
    first = Contact.objects.get(region=bandung)
    Contact.objects.create(region=bandung, name="Budi", email="budi@contoh.go.id", order=1)
    client.force_login(owner)
    data = contacts_post(bandung, cleared=(first.name,))

    asked = client.post(CONTACTS, data)

    assert "Remove 1 contact person?" in asked.content.decode()
    assert Contact.objects.filter(pk=first.pk).exists()
    assert client.post(CONTACTS, {**data, "confirmed": "1"}).status_code == 302
    assert [(c.name, c.primary) for c in Contact.objects.filter(region=bandung)] == [("Budi", True)]
    entry = Deleted.objects.get()
    assert entry.label == "Narahubung Narahubung Diskominfo (Kota Bandung)"

    trash_restore(entry=entry, user=admin)

    back = Contact.objects.get(pk=first.pk)
    assert (back.name, back.email, back.primary) == (first.name, first.email, False)
    assert Contact.objects.filter(region=bandung, primary=True).count() == 1


def test_the_administrator_restores_a_member_from_the_deleted_records(
    client: Client, owner: User, admin: User, council: Body
) -> None:
    client.force_login(owner)
    client.post(COUNCIL, {**body_post(council, cleared=("Kepala Bappeda",)), "confirmed": "1"})
    entry = Deleted.objects.get()
    client.force_login(admin)

    listed = client.get("/terhapus/?state=deleted&q=bappeda").content.decode()
    client.post(f"/terhapus/{entry.pk}/pulihkan/", {"confirmed": "1"})

    assert "Kepala Bappeda" in listed
    assert council.members.filter(name="Kepala Bappeda").exists()
