"""A region's commitments, complete (nothing missing), to break one piece at a time in tests."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile

from commitments.models import Body, BodyKind, Contact, Member, MemberRole, Statement
from regions.models import Region


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode(), content_type="application/pdf")


def _stored(scan: FieldFile) -> None:
    """A recorded scan's file back in storage (a test's own media directory starts empty)."""
    if scan and not scan.storage.exists(scan.name):
        scan.storage.save(scan.name, pdf(scan.name.rsplit("/", 1)[-1]))


def make_commitments(region: Region | str) -> Region:
    """Both bodies with an SK (number, date, scan) and members, the signed statement with its
    scan and a primary contact person; a region that has them already keeps its own (their
    scans put back in the test's storage)."""
    if isinstance(region, str):
        region = Region.objects.get(code=region)
    for body in Body.objects.filter(region=region):
        _stored(body.decree_scan)
    for statement in Statement.objects.filter(region=region):
        _stored(statement.scan)
    for kind, number, chair in (
        (BodyKind.COUNCIL, "050/Kep.101-Diskominfo/2017", "Kepala daerah"),
        (BodyKind.TEAM, "050/Kep.102-Diskominfo/2017", "Sekretaris daerah"),
    ):
        if Body.objects.filter(region=region, kind=kind).exists():
            continue
        body = Body(
            region=region,
            kind=kind,
            decree_number=number,
            decree_date=date(2017, 7, 3),
            decree_scan_name=f"sk-{kind}.pdf",
        )
        body.decree_scan.save(f"sk-{kind}.pdf", pdf(f"sk-{kind}.pdf"), save=False)
        body.save()
        Member.objects.create(
            body=body, name=chair, role_in_body=MemberRole.CHAIR, opd="Setda", order=0
        )
        Member.objects.create(
            body=body,
            name="Kepala Diskominfo",
            role_in_body=MemberRole.SECRETARY,
            opd="Dinas Komunikasi dan Informatika",
            position="Kepala Dinas",
            order=1,
        )
    if not Statement.objects.filter(region=region).exists():
        statement = Statement(
            region=region,
            text="Kami berkomitmen melaksanakan Gerakan Menuju 100 Smart City.",
            signed_by="Kepala daerah",
            signed_on=date(2017, 7, 10),
            scan_name="pernyataan.pdf",
        )
        statement.scan.save("pernyataan.pdf", pdf("pernyataan.pdf"), save=False)
        statement.save()
    if not Contact.objects.filter(region=region).exists():
        Contact.objects.create(
            region=region,
            name="Narahubung Diskominfo",
            position="Kepala Bidang Aplikasi Informatika",
            opd="Dinas Komunikasi dan Informatika",
            email="smartcity@contoh.go.id",
            phone="022 423 4567",
            primary=True,
        )
    return region


def body_post(body: Body, *, cleared: tuple[str, ...] = ()) -> dict[str, str]:
    """The body's editor posted as it opens, with the rows of the members named in ``cleared``
    emptied (the hidden id stays: it says which member the row was)."""
    members = list(body.members.order_by("order", "pk"))
    data = {
        "decree_number": body.decree_number,
        "decree_date": body.decree_date.isoformat() if body.decree_date else "",
        "version": str(body.version),
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": str(len(members)),
    }
    for i, member in enumerate(members):
        keep = member.name not in cleared
        data |= {
            f"members-{i}-id": str(member.pk),
            f"members-{i}-name": member.name if keep else "",
            f"members-{i}-role_in_body": member.role_in_body if keep else "",
            f"members-{i}-opd": member.opd if keep else "",
            f"members-{i}-position": member.position if keep else "",
        }
    return data


def contacts_post(region: Region, *, cleared: tuple[str, ...] = ()) -> dict[str, str]:
    """The contact persons' editor posted as it opens, the rows named in ``cleared`` emptied."""
    from commitments.services import contacts_version

    contacts = list(Contact.objects.filter(region=region).order_by("order", "pk"))
    data = {
        "version": contacts_version(region),
        "contacts-TOTAL_FORMS": str(len(contacts)),
        "contacts-INITIAL_FORMS": str(len(contacts)),
    }
    for i, contact in enumerate(contacts):
        keep = contact.name not in cleared
        data[f"contacts-{i}-id"] = str(contact.pk)
        for name in ("name", "position", "opd", "email", "phone"):
            data[f"contacts-{i}-{name}"] = getattr(contact, name) if keep else ""
        if keep and contact.primary:
            data[f"contacts-{i}-primary"] = "on"
    return data
