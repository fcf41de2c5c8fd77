"""Recording a region's commitments, each a keyword-only, atomic function that saves from the
version the editor opened (``StaleEdit`` otherwise) and writes nothing when nothing changed;
and what is still missing (``missing``), the masterplan's checklist's reasons."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.versioning import StaleEdit, fingerprint, save_versioned
from commitments.models import Body, BodyKind, Contact, Member, Statement
from kotacerdas.errors import DomainError
from regions.models import Region


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


@dataclass(frozen=True)
class ContactInput:
    name: str
    position: str = ""
    opd: str = ""
    email: str = ""
    phone: str = ""
    primary: bool = False


def _not_in_future(day: date | None, field_name: str) -> None:
    if day is not None and day > timezone.localdate():
        raise CommitmentError(_("The date is in the future."), field=field_name)


def _member_rows(body: Body) -> list[MemberInput]:
    return [
        MemberInput(m.name, m.role_in_body, m.opd, m.position)
        for m in body.members.order_by("order", "pk")
    ]


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
    members = [
        MemberInput(m.name.strip(), m.role_in_body, m.opd.strip(), m.position.strip())
        for m in members
    ]
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
        _write_members(body, members, [])
        return body
    before = _member_rows(body)
    body = save_versioned(
        body, base_version=base_version, values=values, changed_elsewhere=members != before
    )
    _write_members(body, members, before)
    _real_once_changed(body, base_version)
    return body


def _real_once_changed(record: Body | Statement, base_version: int) -> None:
    """A demo record the region's team changes is its own from then on: no longer demo."""
    if record.is_demo and record.version != base_version:
        record.is_demo = False
        record.save(update_fields=["is_demo"])


def _write_members(body: Body, members: list[MemberInput], before: list[MemberInput]) -> None:
    """Rows that did not change are not touched; changed ones updated in place; the rest
    added or removed."""
    if members == before:
        return
    stored = list(body.members.order_by("order", "pk"))
    for order, row in enumerate(members):
        if order < len(stored):
            member = stored[order]
            if before[order] != row or member.order != order:
                member.name, member.role_in_body = row.name, row.role_in_body
                member.opd, member.position, member.order = row.opd, row.position, order
                member.full_clean()
                member.save()
        else:
            member = Member(
                body=body,
                name=row.name,
                role_in_body=row.role_in_body,
                opd=row.opd,
                position=row.position,
                order=order,
            )
            member.full_clean()
            member.save()
    for member in stored[len(members) :]:
        member.delete()


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


def _contact_rows(region: Region) -> list[ContactInput]:
    return [
        ContactInput(c.name, c.position, c.opd, c.email, c.phone, c.primary)
        for c in Contact.objects.filter(region=region).order_by("order", "pk")
    ]


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
    rows = [
        ContactInput(
            c.name.strip(),
            c.position.strip(),
            c.opd.strip(),
            c.email.strip(),
            c.phone.strip(),
            c.primary,
        )
        for c in contacts
    ]
    if sum(c.primary for c in rows) > 1:
        raise CommitmentError(_("Mark one contact person as the primary one."), field="primary")
    for row in rows:
        if not row.email and not row.phone:
            raise CommitmentError(
                _("%(name)s: give an e-mail address or a phone number.") % {"name": row.name},
                field="email",
            )
    if rows and not any(c.primary for c in rows):
        first = rows[0]
        rows[0] = ContactInput(
            first.name, first.position, first.opd, first.email, first.phone, primary=True
        )
    stored = list(Contact.objects.filter(region=region).order_by("order", "pk"))
    before = _contact_rows(region)
    for order, row in enumerate(rows):
        if order < len(stored):
            contact = stored[order]
            if before[order] == row and contact.order == order:
                continue
        else:
            contact = Contact(region=region)
        contact.name, contact.position, contact.opd = row.name, row.position, row.opd
        contact.email, contact.phone, contact.primary = row.email, row.phone, row.primary
        contact.order = order
        contact.full_clean()
        contact.save()
    for contact in stored[len(rows) :]:
        contact.delete()
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
