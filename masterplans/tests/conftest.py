from datetime import date

import pytest
from django.core.management import call_command

from masterplans.models import Workshop
from selection.models import SelectionRound


@pytest.fixture
def cohort(db) -> SelectionRound:  # type: ignore[no-untyped-def]
    """The 2017 cohort (25 regions, Kota Bandung and Kota Bekasi among them)."""
    call_command("load_history", verbosity=0)
    return SelectionRound.objects.get(year=2017)


@pytest.fixture
def workshop(cohort: SelectionRound) -> Workshop:
    """Its bimtek I, 13-15 Jun 2017 in Jakarta."""
    return Workshop.objects.create(
        cohort=cohort,
        number=1,
        start_date=date(2017, 6, 13),
        end_date=date(2017, 6, 15),
        place="Jakarta",
    )
