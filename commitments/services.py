"""Recording a region's commitments, each a keyword-only, atomic function that saves from the
version the editor opened (``StaleEdit`` otherwise) and writes nothing when nothing changed;
and what is still missing (``missing``), the masterplan's checklist's reasons.

A member or a contact person removed from a list is a soft delete (``trash``): a national
administrator can bring them back. A row names the record it shows by its id; a row without
one is the stored record with the same content not named by another row, else a new record.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.versioning import StaleEdit, fingerprint, save_versioned
from commitments.models import Body, BodyKind, Contact, Member, Statement
from kotacerdas.errors import DomainError
from regions.models import Region
from trash.services import trash_delete


class CommitmentError(DomainError):
    """A commitment refused as given, with the field it is about."""

    code = "commitment_refused"
    status = 422

    def __init__(self, message: str, *, field: str = "", status: int | None = None) -> None:
        super().__init__(message, status=status, details=[{"field": field, "message": message}])
        self.field = field


@dataclass(frozen=True)
class MemberInput:
    name: str
    role_in_body: str
    opd: str = ""
    position: str = ""
    id: int | None = None  # the stored member the row shows; None for a new row


@dataclass(frozen=True)
class ContactInput:
    name: str
    position: str = ""
    opd: str = ""
    email: str = ""
    phone: str = ""
    primary: bool = False
    id: int | None = None  # the stored contact person the row shows; None for a new row


Row = TypeVar("Row", MemberInput, ContactInput)
Stored = TypeVar("Stored", bound=models.Model)


def _content(rows: Sequence[Row]) -> list[Row]:
    """The rows as what they say, whichever record each names."""
    return [replace(row, id=None) for row in rows]


def _matched(
    rows: Sequence[Row], stored: list[Stored], content: Callable[[Stored], Row]
) -> tuple[list[Stored | None], list[Stored]]:
    """For each row the stored record it is (the one its id names, else one with the same
    content that no other row names), or None for a new one; and the stored records no row
    is: those removed."""
    by_pk = {record.pk: record for record in stored}
    claimed: set[Any] = set()
    found: list[Stored | None] = []
    for row in rows:
        record = by_pk.get(row.id) if row.id is not None else None
        if record is not None and record.pk not in claimed:
            claimed.add(record.pk)
        else:
            record = None
        found.append(record)
    for index, row in enumerate(rows):
        if found[index] is not None:
            continue
        same = replace(row, id=None)
        record = next(
            (r for r in stored if r.pk not in claimed and content(r) == same),
            None,
        )
        if record is not None:
            claimed.add(record.pk)
            found[index] = record
    return found, [record for record in stored if record.pk not in claimed]


def _remover(user: Any) -> Any:
    return user if user is not None else AnonymousUser()


def _not_in_future(day: date | None, field_name: str) -> None:
    if day is not None and day > timezone.localdate():
        raise CommitmentError(_("The date is in the future."), field=field_name)


def _member_input(member: Member) -> MemberInput:
    return MemberInput(member.name, member.role_in_body, member.opd, member.position)


def _member_rows(body: Body) -> list[MemberInput]:
    return [_member_input(m) for m in body.members.order_by("order", "pk")]


def _stripped_members(members: Sequence[MemberInput]) -> list[MemberInput]:
    return [
        replace(m, name=m.name.strip(), opd=m.opd.strip(), position=m.position.strip())
        for m in members
    ]


def body_removals(
    *, region: Region, kind: str, members: Sequence[MemberInput], base_version: int
) -> list[Member]:
    """The members saving ``members`` from ``base_version`` would remove from the body (what
    its editor asks to confirm); none when that save is refused as stale anyway."""
    body = Body.objects.filter(region=region, kind=kind).first()
    if body is None or body.version != base_version:
        return []
    stored = list(body.members.order_by("order", "pk"))
    return _matched(_stripped_members(members), stored, _member_input)[1]


def body_version(region: Region, kind: str) -> int:
    """The version a body is edited from: 0 before it is first recorded."""
    body = Body.objects.filter(region=region, kind=kind).first()
    return body.version if body else 0


@transaction.atomic
def body_save(
    *,
    region: Region,
    kind: str,
    decree_number: str,
    decree_date: date | None,
    decree_scan: UploadedFile | None,
    members: Sequence[MemberInput],
    base_version: int,
    user: Any,
) -> Body | None:
    """The Dewan or the Tim Pelaksana of ``region``: its SK and its members in order, from
    ``base_version``. A first save with nothing in it keeps nothing."""
    if kind not in BodyKind.values:
        raise CommitmentError(_("Unknown body."), field="kind")
    _not_in_future(decree_date, "decree_date")
    members = _stripped_members(members)
    values: dict[str, Any] = {"decree_number": decree_number.strip(), "decree_date": decree_date}
    if decree_scan is not None:
        values |= {"decree_scan": decree_scan, "decree_scan_name": decree_scan.name or "sk"}
    body = Body.objects.select_for_update().filter(region=region, kind=kind).first()
    if body is None:
        if base_version != 0:
            raise StaleEdit(0, base_version)
        if not members and not values["decree_number"] and decree_date is None and not decree_scan:
            return None
        body = Body.objects.create(region=region, kind=kind, **values)
        _write_members(body, members, user)
        return body
    before = _member_rows(body)
    body = save_versioned(
        body,
        base_version=base_version,
        values=values,
        changed_elsewhere=_content(members) != before,
    )
    _write_members(body, members, user)
    _real_once_changed(body, base_version)
    return body


def _real_once_changed(record: Body | Statement, base_version: int) -> None:
    """A demo record the region's team changes is its own from then on: no longer demo."""
    if record.is_demo and record.version != base_version:
        record.is_demo = False
        record.save(update_fields=["is_demo"])


def _write_members(body: Body, members: list[MemberInput], user: Any) -> None:
    """Rows that did not change are not touched; changed ones updated in place; new ones
    added; the members no row shows any more removed, to be restored."""
    stored = list(body.members.order_by("order", "pk"))
    found, removed = _matched(members, stored, _member_input)
    for order, (row, existing) in enumerate(zip(members, found, strict=True)):
        member = existing or Member(body=body)
        unchanged = existing is not None and _member_input(existing) == replace(row, id=None)
        if unchanged and member.order == order:
            continue
        member.name, member.role_in_body = row.name, row.role_in_body
        member.opd, member.position, member.order = row.opd, row.position, order
        member.full_clean()
        member.save()
    for member in removed:
        trash_delete(
            obj=member,
            user=_remover(user),
            label=partial(_member_label, member, body),
            region=body.region,
        )


def _member_label(member: Member, body: Body) -> str:
    return _("Member %(name)s of the %(body)s (%(region)s)") % {
        "name": member.name,
        "body": body.get_kind_display(),
        "region": body.region.name,
    }


def _contact_label(contact: Contact, region: Region) -> str:
    return _("Contact person %(name)s (%(region)s)") % {"name": contact.name, "region": region.name}


def statement_version(region: Region) -> int:
    statement = Statement.objects.filter(region=region).first()
    return statement.version if statement else 0


@transaction.atomic
def statement_save(
    *,
    region: Region,
    text: str,
    signed_by: str,
    signed_on: date | None,
    scan: UploadedFile | None,
    base_version: int,
    user: Any,
) -> Statement | None:
    """The region head's commitment statement, from ``base_version``."""
    _not_in_future(signed_on, "signed_on")
    values: dict[str, Any] = {"text": text.strip(), "signed_by": signed_by.strip()}
    values["signed_on"] = signed_on
    if scan is not None:
        values |= {"scan": scan, "scan_name": scan.name or "pernyataan"}
    statement = Statement.objects.select_for_update().filter(region=region).first()
    if statement is None:
        if base_version != 0:
            raise StaleEdit(0, base_version)
        if not values["text"] and not values["signed_by"] and signed_on is None and not scan:
            return None
        return Statement.objects.create(region=region, **values)
    statement = save_versioned(statement, base_version=base_version, values=values)
    _real_once_changed(statement, base_version)
    return statement


def _contact_input(contact: Contact) -> ContactInput:
    return ContactInput(
        contact.name, contact.position, contact.opd, contact.email, contact.phone, contact.primary
    )


def _stripped_contacts(contacts: Sequence[ContactInput]) -> list[ContactInput]:
    return [
        replace(
            c,
            name=c.name.strip(),
            position=c.position.strip(),
            opd=c.opd.strip(),
            email=c.email.strip(),
            phone=c.phone.strip(),
        )
        for c in contacts
    ]


def _same_person(contact: Contact) -> ContactInput:
    # Which record a row without an id is: the primary mark moves between rows on its own.
    return replace(_contact_input(contact), primary=False)


def _matched_contacts(
    rows: Sequence[ContactInput], stored: list[Contact]
) -> tuple[list[Contact | None], list[Contact]]:
    unmarked = [replace(row, primary=False) for row in rows]
    return _matched(unmarked, stored, _same_person)


def contact_removals(
    *, region: Region, contacts: Sequence[ContactInput], base_version: str
) -> list[Contact]:
    """The contact persons saving ``contacts`` from ``base_version`` would remove (what their
    editor asks to confirm); none when that save is refused as stale anyway."""
    if base_version != contacts_version(region):
        return []
    stored = list(Contact.objects.filter(region=region).order_by("order", "pk"))
    return _matched_contacts(_stripped_contacts(contacts), stored)[1]


def contacts_version(region: Region) -> str:
    """The version of the region's contact list (it has no version column of its own)."""
    return fingerprint(
        Contact.objects.filter(region=region)
        .order_by("order", "pk")
        .values_list("pk", "name", "position", "opd", "email", "phone", "primary")
    )


@transaction.atomic
def contacts_save(
    *, region: Region, contacts: Sequence[ContactInput], base_version: str, user: Any
) -> list[Contact]:
    """The region's contact persons in order, from ``base_version``. One is the primary
    contact: the one marked, else the first."""
    Region.objects.select_for_update().filter(pk=region.pk).first()
    current_version = contacts_version(region)
    if base_version != current_version:
        raise StaleEdit(current_version, base_version)
    rows = _stripped_contacts(contacts)
    if sum(c.primary for c in rows) > 1:
        raise CommitmentError(_("Mark one contact person as the primary one."), field="primary")
    for row in rows:
        if not row.email and not row.phone:
            raise CommitmentError(
                _("%(name)s: give an e-mail address or a phone number.") % {"name": row.name},
                field="email",
            )
    if rows and not any(c.primary for c in rows):
        rows[0] = replace(rows[0], primary=True)
    stored = list(Contact.objects.filter(region=region).order_by("order", "pk"))
    found, removed = _matched_contacts(rows, stored)
    for order, (row, existing) in enumerate(zip(rows, found, strict=True)):
        contact = existing or Contact(region=region)
        unchanged = existing is not None and _contact_input(existing) == replace(row, id=None)
        if unchanged and contact.order == order:
            continue
        contact.name, contact.position, contact.opd = row.name, row.position, row.opd
        contact.email, contact.phone, contact.primary = row.email, row.phone, row.primary
        contact.order = order
        contact.full_clean()
        contact.save()
    for contact in removed:
        # Kept as a further contact person: by the time it comes back another is the primary.
        contact.primary = False
        trash_delete(
            obj=contact,
            user=_remover(user),
            label=partial(_contact_label, contact, region),
            region=region,
        )
    return list(Contact.objects.filter(region=region).order_by("order", "pk"))


@dataclass
class Commitments:
    """What a region has recorded, for its page and the API."""

    region: Region
    bodies: dict[str, Body | None]
    statement: Statement | None
    contacts: list[Contact]
    missing: list[str] = field(default_factory=list)

    @property
    def council(self) -> Body | None:
        return self.bodies[BodyKind.COUNCIL]

    @property
    def team(self) -> Body | None:
        return self.bodies[BodyKind.TEAM]

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def recorded_anything(self) -> bool:
        return any(self.bodies.values()) or self.statement is not None or bool(self.contacts)

    @property
    def is_demo(self) -> bool:
        return any(
            record.is_demo
            for record in [*self.bodies.values(), self.statement, *self.contacts]
            if record is not None
        )


def commitments_of(region: Region) -> Commitments:
    found = {b.kind: b for b in Body.objects.filter(region=region).prefetch_related("members")}
    bodies: dict[str, Body | None] = {kind: found.get(kind) for kind in BodyKind.values}
    state = Commitments(
        region=region,
        bodies=bodies,
        statement=Statement.objects.filter(region=region).first(),
        contacts=list(Contact.objects.filter(region=region).order_by("order", "pk")),
    )
    state.missing = _missing(state)
    return state


def _missing(state: Commitments) -> list[str]:
    problems = []
    for kind, label in BodyKind.choices:
        body = state.bodies[kind]
        if body is None or not body.members.all():
            problems.append(_("%(body)s: no member is recorded.") % {"body": label})
        if body is None or not body.has_decree:
            problems.append(
                _("%(body)s: the SK forming it (number and date) is not recorded.")
                % {"body": label}
            )
    statement = state.statement
    if statement is None or not statement.text.strip():
        problems.append(_("The commitment statement is not recorded."))
    elif not statement.is_signed:
        problems.append(_("The commitment statement: who signed it and when is not recorded."))
    if not state.contacts:
        problems.append(_("No contact person (narahubung) is recorded."))
    return problems


def missing(region: Region) -> list[str]:
    """What the region has yet to record, one sentence per item; empty once complete."""
    return commitments_of(region).missing
