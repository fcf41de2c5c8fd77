from datetime import date

import pytest

from mentoring.models import Workshop
from selection.models import SelectionRound


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
