"""Demo commitments for the demo masterplans' regions: labelled demo, with SK numbers that say
"(demo)" and members named by their position only (no real person is named)."""

from datetime import date

from django.db import transaction

from commitments.models import Body, BodyKind, Contact, Member, MemberRole, Statement
from regions.models import Region


def _place(region: Region) -> str:
    return region.name.removeprefix("Kota ").removeprefix("Kabupaten ")


@transaction.atomic
def commitments_demo_load(*, region: Region, year: int) -> bool:
    """Both bodies with their SKs and members, the statement and a contact person for
    ``region``, once (a region with any commitments of its own is left alone); True if made."""
    if (
        Body.objects.filter(region=region).exists()
        or Statement.objects.filter(region=region).exists()
        or Contact.objects.filter(region=region).exists()
    ):
        return False
    head = region.head_title
    place = _place(region)
    for number, kind, rows in (
        (
            1,
            BodyKind.COUNCIL,
            [
                (head, MemberRole.CHAIR, "Sekretariat Daerah", head),
                ("Ketua DPRD", MemberRole.MEMBER, "DPRD", "Ketua"),
                ("Sekretaris Daerah", MemberRole.SECRETARY, "Sekretariat Daerah", "Sekda"),
            ],
        ),
        (
            2,
            BodyKind.TEAM,
            [
                ("Sekretaris Daerah", MemberRole.CHAIR, "Sekretariat Daerah", "Sekda"),
                ("Kepala Diskominfo", MemberRole.SECRETARY, "Diskominfo", "Kepala Dinas"),
                ("Kepala Bappeda", MemberRole.MEMBER, "Bappeda", "Kepala Badan"),
            ],
        ),
    ):
        body = Body.objects.create(
            region=region,
            kind=kind,
            decree_number=f"Keputusan {head} {place} Nomor 050/{number}/{year} (demo)",
            decree_date=date(year, 7, number),
            is_demo=True,
        )
        for order, (name, role, opd, position) in enumerate(rows):
            Member.objects.create(
                body=body, name=name, role_in_body=role, opd=opd, position=position, order=order
            )
    Statement.objects.create(
        region=region,
        text=f"Data demo. Pemerintah {region.name} berkomitmen melaksanakan Gerakan Menuju 100 "
        "Smart City: membentuk Dewan Smart City dan Tim Pelaksana Smart City, menyusun "
        "masterplan smart city dan melaksanakannya.",
        signed_by=f"{head} {place} (demo)",
        signed_on=date(year, 6, 1),
        is_demo=True,
    )
    Contact.objects.create(
        region=region,
        name="Narahubung Diskominfo (demo)",
        position="Kepala Bidang Aplikasi Informatika",
        opd="Diskominfo",
        email=f"smartcity.{region.code.replace('.', '')}@demo.invalid",
        primary=True,
        is_demo=True,
    )
    return True
