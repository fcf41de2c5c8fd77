"""The demo accounts: one per role, in the demo organisations (refused in production by
``load_demo``)."""

from django.db import transaction

from accounts.models import Membership, Organisation, OrganisationKind, Role, User
from accounts.services import CreatedAccount, new_password
from regions.models import Region

DEMO_ACCOUNTS = [
    ("demo.pusat", "Petugas Program", Role.PROGRAM_OFFICER, None, "Kementerian (demo)"),
    (
        "demo.bandung.lead",
        "Ketua Tim Kota Bandung",
        Role.REGIONAL_LEAD,
        "32.73",
        "Pemerintah Kota Bandung (demo)",
    ),
    (
        "demo.bandung.editor",
        "Editor Kota Bandung",
        Role.REGIONAL_EDITOR,
        "32.73",
        "Pemerintah Kota Bandung (demo)",
    ),
    (
        "demo.bekasi.editor",
        "Editor Kota Bekasi",
        Role.REGIONAL_EDITOR,
        "32.75",
        "Pemerintah Kota Bekasi (demo)",
    ),
    ("demo.mentor", "Mentor Universitas", Role.MENTOR, "32.73", "Universitas (demo)"),
    (
        "demo.advisor",
        "Penasihat Teknologi",
        Role.TECH_ADVISOR,
        "32.73",
        "Operator Telekomunikasi (demo)",
    ),
    ("demo.asesor", "Asesor", Role.ASSESSOR, None, "Universitas (demo)"),
    ("demo.viewer", "Pengamat", Role.VIEWER, None, "Komunitas (demo)"),
]
DEMO_ORGANISATIONS = {
    "Kementerian (demo)": (OrganisationKind.MINISTRY, None),
    "Pemerintah Kota Bandung (demo)": (OrganisationKind.REGIONAL_GOVERNMENT, "32.73"),
    "Pemerintah Kota Bekasi (demo)": (OrganisationKind.REGIONAL_GOVERNMENT, "32.75"),
    "Universitas (demo)": (OrganisationKind.UNIVERSITY_AGENCY, None),
    "Operator Telekomunikasi (demo)": (OrganisationKind.COMPANY, None),
    "Komunitas (demo)": (OrganisationKind.COMMUNITY, None),
}


@transaction.atomic
def demo_accounts_load(*, password: str | None) -> list[CreatedAccount]:
    """Create the demo organisations and one demo user per role; a second run changes nothing.

    All new demo users share one password, returned so the caller can show it once.
    """
    regions = {r.code: r for r in Region.objects.filter(code__in=["32.73", "32.75"])}
    organisations = {}
    for name, (kind, code) in DEMO_ORGANISATIONS.items():
        organisations[name], _ = Organisation.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "region": regions.get(code or ""), "is_demo": True},
        )
    password = password or new_password()
    results = []
    for username, first_name, role, code, organisation in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": "(demo)", "is_demo": True},
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user,
            role=role,
            region=regions[code] if code else None,
            defaults={"organisation": organisations[organisation]},
        )
        results.append(CreatedAccount(username, password if created else None))
    return results
