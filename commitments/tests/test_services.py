"""Recording commitments: what is missing, saves from a version, nothing written when nothing
changed, the primary contact person."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from audit.models import AuditEvent
from audit.versioning import StaleEdit
from commitments.models import Body, BodyKind, Contact, Member, MemberRole, Statement
from commitments.services import (
    CommitmentError,
    ContactInput,
    MemberInput,
    body_save,
    body_version,
    contacts_save,
    contacts_version,
    missing,
    statement_save,
)
from commitments.tests.factories import make_commitments
from regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """The sentences as written (the Indonesian catalogue may change their wording)."""
    with translation.override("en"):
        yield


CHAIR = MemberInput("Kepala daerah", MemberRole.CHAIR, "Setda", "Wali Kota")


def _council(region: Region, **changes: object) -> Body | None:
    values: dict[str, object] = {
        "region": region,
        "kind": BodyKind.COUNCIL,
        "decree_number": "050/Kep.1/2017",
        "decree_date": date(2017, 7, 3),
        "decree_scan": None,
        "members": [CHAIR],
        "base_version": body_version(region, BodyKind.COUNCIL),
        "user": None,
    }
    values.update(changes)
    return body_save(**values)  # type: ignore[arg-type]


def test_a_region_with_nothing_recorded_misses_every_item(bandung: Region) -> None:
    problems = missing(bandung)
    assert len(problems) == 6
    assert sum("Dewan Smart City" in p for p in problems) == 2
    assert sum("Tim Pelaksana Smart City" in p for p in problems) == 2
    assert any("SK" in p for p in problems)
    assert any("commitment statement" in p for p in problems)
    assert any("narahubung" in p for p in problems)


def test_complete_commitments_miss_nothing(bandung: Region) -> None:
    make_commitments(bandung)
    assert missing(bandung) == []


def test_a_body_without_its_sk_date_or_members_is_named(bandung: Region) -> None:
    make_commitments(bandung)
    Body.objects.filter(region=bandung, kind=BodyKind.TEAM).update(decree_date=None)
    Member.objects.filter(body__kind=BodyKind.COUNCIL).delete()
    Statement.objects.filter(region=bandung).update(signed_on=None)
    assert missing(bandung) == [
        "Dewan Smart City: no member is recorded.",
        "Tim Pelaksana Smart City: the SK forming it (number and date) is not recorded.",
        "The commitment statement: who signed it and when is not recorded.",
    ]


def test_a_body_is_saved_with_its_members_in_order(bandung: Region) -> None:
    member = MemberInput("Kepala Diskominfo", MemberRole.SECRETARY, "Diskominfo", "Kepala Dinas")
    body = _council(bandung, members=[CHAIR, member])
    assert body is not None and body.version == 1
    assert [(m.name, m.order) for m in body.members.all()] == [
        ("Kepala daerah", 0),
        ("Kepala Diskominfo", 1),
    ]


def test_a_first_save_with_nothing_in_it_keeps_nothing(bandung: Region) -> None:
    assert _council(bandung, decree_number="", decree_date=None, members=[]) is None
    assert not Body.objects.exists()


def test_saving_the_same_body_again_writes_nothing(bandung: Region) -> None:
    _council(bandung)
    before = AuditEvent.objects.count()
    body = _council(bandung)
    assert body is not None and body.version == 1
    assert AuditEvent.objects.count() == before


def test_a_changed_member_moves_the_version_on_and_a_cleared_one_is_removed(
    bandung: Region,
) -> None:
    _council(bandung, members=[CHAIR, MemberInput("Anggota", MemberRole.MEMBER)])
    body = _council(bandung, members=[MemberInput("Ketua baru", MemberRole.CHAIR)])
    assert body is not None and body.version == 2
    assert list(body.members.values_list("name", flat=True)) == ["Ketua baru"]


def test_a_body_saved_from_an_old_version_is_refused_and_nothing_is_written(
    bandung: Region,
) -> None:
    _council(bandung)
    _council(bandung, decree_number="050/Kep.2/2017")
    with pytest.raises(StaleEdit):
        _council(bandung, decree_number="050/Kep.3/2017", base_version=1)
    assert Body.objects.get().decree_number == "050/Kep.2/2017"


def test_a_first_save_from_a_version_that_never_was_is_refused(bandung: Region) -> None:
    with pytest.raises(StaleEdit):
        _council(bandung, base_version=4)


def test_an_sk_dated_in_the_future_is_refused(bandung: Region) -> None:
    with pytest.raises(CommitmentError) as refused:
        _council(bandung, decree_date=timezone.localdate() + timedelta(days=1))
    assert refused.value.field == "decree_date"


def test_the_statement_is_saved_and_a_stale_save_refused(bandung: Region) -> None:
    values = {"text": "Kami berkomitmen.", "signed_by": "Wali Kota", "scan": None, "user": None}
    statement = statement_save(
        region=bandung, signed_on=date(2017, 7, 10), base_version=0, **values
    )
    assert statement is not None and statement.is_signed
    with pytest.raises(StaleEdit):
        statement_save(region=bandung, signed_on=None, base_version=0, **values)


def test_the_first_contact_is_the_primary_one_unless_another_is_marked(bandung: Region) -> None:
    rows = [ContactInput("Ani", email="ani@contoh.go.id"), ContactInput("Budi", phone="0812 1")]
    saved = contacts_save(
        region=bandung, contacts=rows, base_version=contacts_version(bandung), user=None
    )
    assert [c.primary for c in saved] == [True, False]
    rows = [
        ContactInput("Ani", email="ani@contoh.go.id"),
        ContactInput("Budi", phone="0812 1", primary=True),
    ]
    saved = contacts_save(
        region=bandung, contacts=rows, base_version=contacts_version(bandung), user=None
    )
    assert [c.primary for c in saved] == [False, True]


def test_contacts_saved_from_an_old_list_are_refused(bandung: Region) -> None:
    old = contacts_version(bandung)
    contacts_save(
        region=bandung, contacts=[ContactInput("Ani", email="a@b.id")], base_version=old, user=None
    )
    with pytest.raises(StaleEdit):
        contacts_save(region=bandung, contacts=[], base_version=old, user=None)
    assert Contact.objects.count() == 1


def test_a_contact_without_email_or_phone_is_refused(bandung: Region) -> None:
    with pytest.raises(CommitmentError):
        contacts_save(
            region=bandung,
            contacts=[ContactInput("Ani")],
            base_version=contacts_version(bandung),
            user=None,
        )


def test_a_demo_body_the_team_changes_is_no_longer_demo_and_one_saved_unchanged_stays_demo(
    bandung: Region,
) -> None:
    from commitments.demo import commitments_demo_load
    from commitments.models import Body
    from commitments.services import _member_rows, body_save

    commitments_demo_load(region=bandung, year=2017)
    council = Body.objects.get(region=bandung, kind="council")
    assert council.is_demo
    same = {
        "region": bandung,
        "kind": "council",
        "decree_date": council.decree_date,
        "decree_scan": None,
        "members": _member_rows(council),
        "user": None,
    }
    body_save(**same, decree_number=council.decree_number, base_version=council.version)
    council.refresh_from_db()
    assert council.is_demo  # nothing changed: still the demo record
    body_save(**same, decree_number="050/Kep.77-Diskominfo/2017", base_version=council.version)
    council.refresh_from_db()
    assert not council.is_demo and council.decree_number == "050/Kep.77-Diskominfo/2017"
