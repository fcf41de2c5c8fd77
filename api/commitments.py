"""A region's commitments over the API: its Dewan Smart City and Tim Pelaksana Smart City with
their SKs and members, the commitment statement, the contact persons and what is still
missing, read from the same state as the region's commitments page (same access: never
public)."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema

from api.auth import READ_AUTH
from api.errors import documented_errors
from commitments.access import get_region_commitments_for_user
from commitments.models import Body, Contact, Statement
from commitments.services import commitments_of
from enrolment.services import cohort_of

router = Router(tags=["regions"])


class MemberOut(Schema):
    name: str
    role: Literal["pengarah", "ketua", "wakil_ketua", "sekretaris", "anggota"]
    opd: str
    position: str


class DecreeOut(Schema):
    number: str = Field(description="The SK's number; empty: not recorded")
    date: date | None
    scan_url: str | None = Field(description="The scanned SK; null: none recorded")


class BodyOut(Schema):
    kind: Literal["council", "team"] = Field(
        description="council: Dewan Smart City; team: Tim Pelaksana Smart City"
    )
    name: str
    decree: DecreeOut = Field(description="The decree (SK) of the region head forming it")
    members: list[MemberOut]
    is_demo: bool


class StatementOut(Schema):
    text: str
    signed_by: str
    signed_on: date | None
    scan_url: str | None
    is_demo: bool


class ContactOut(Schema):
    name: str
    position: str
    opd: str
    email: str
    phone: str
    primary: bool


class CommitmentsOut(Schema):
    region: str
    cohort: int | None = Field(description="The cohort the region is in; null: none yet")
    bodies: list[BodyOut] = Field(description="The bodies recorded, council first")
    statement: StatementOut | None
    contacts: list[ContactOut]
    missing: list[str] = Field(
        description="What is still to record, one sentence each; empty: complete. A region in "
        "a cohort submits its masterplan once this is empty."
    )


def _scan_url(code: str, document: str, recorded: bool) -> str | None:
    return reverse("commitments:scan", args=[code, document]) if recorded else None


def _body_out(code: str, body: Body) -> dict[str, Any]:
    document = "sk-dewan" if body.kind == "council" else "sk-tim"
    return {
        "kind": body.kind,
        "name": body.get_kind_display(),
        "decree": {
            "number": body.decree_number,
            "date": body.decree_date,
            "scan_url": _scan_url(code, document, bool(body.decree_scan)),
        },
        "members": [
            {"name": m.name, "role": m.role_in_body, "opd": m.opd, "position": m.position}
            for m in body.members.all()
        ],
        "is_demo": body.is_demo,
    }


def _statement_out(code: str, statement: Statement | None) -> dict[str, Any] | None:
    if statement is None:
        return None
    return {
        "text": statement.text,
        "signed_by": statement.signed_by,
        "signed_on": statement.signed_on,
        "scan_url": _scan_url(code, "pernyataan", bool(statement.scan)),
        "is_demo": statement.is_demo,
    }


@router.get(
    "/regions/{code}/commitments",
    response={200: CommitmentsOut, **documented_errors(401, 403, 404)},
    auth=READ_AUTH,
    summary="A region's commitments: Dewan Smart City, Tim Pelaksana, SKs, statement, contacts",
    description="For national roles and the region's own people (team, mentors, technology "
    "advisors); never public, as the contact persons' e-mail addresses and phone numbers are "
    "in it. `missing` names what is still to record.",
)
def get_commitments(request: HttpRequest, code: str) -> Any:
    region = get_region_commitments_for_user(request.user, code)
    state = commitments_of(region)
    cohort = cohort_of(region.code)
    return {
        "region": region.code,
        "cohort": cohort.pk if cohort else None,
        "bodies": [_body_out(region.code, body) for body in state.bodies.values() if body],
        "statement": _statement_out(region.code, state.statement),
        "contacts": [{name: getattr(c, name) for name in Contact.FIELDS} for c in state.contacts],
        "missing": state.missing,
    }
