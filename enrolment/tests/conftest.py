from typing import Any

import pytest

from accounts.models import Membership, Role, User
from regions.models import Region
from selection.models import RoundResult, RoundStatus, SelectionRound

# Ranked 1 to 5; the quota selection chose the first two.
RANKED = ["32.73", "32.75", "32.77", "32.79", "32.71"]


@pytest.fixture
def ranked_round(db: Any) -> SelectionRound:
    """A published ranking of five regions of which the quota selection chose two."""
    selection_round = SelectionRound.objects.create(
        name="Tahap uji 2026",
        year=2026,
        total=2,
        indicator_year=2024,
        weights={"kkd": 1},
        status=RoundStatus.PUBLISHED,
    )
    for rank, code in enumerate(RANKED, start=1):
        RoundResult.objects.create(
            round=selection_round,
            region=Region.objects.get(code=code),
            rank=rank,
            score=1 - rank / 10,
            selected=rank <= 2,
            reason="selected" if rank <= 2 else "below_cut",
        )
    return selection_round


def _user(name: str, role: Role, code: str | None = None) -> User:
    user = User.objects.create_user(name, first_name=name.title())
    region = Region.objects.get(code=code) if code else None
    Membership.objects.create(user=user, role=role, region=region)
    return user


@pytest.fixture
def officer(db: Any) -> User:
    return _user("petugas", Role.PROGRAM_OFFICER)


@pytest.fixture
def assessors(db: Any) -> tuple[User, User]:
    return _user("asesor.satu", Role.ASSESSOR), _user("asesor.dua", Role.ASSESSOR)


@pytest.fixture
def lead(db: Any) -> User:
    return _user("ketua.bandung", Role.REGIONAL_LEAD, "32.73")
