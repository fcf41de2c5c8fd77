import pytest

from accounts.models import Role, User
from conftest import make_user
from readiness.defaults import questionnaire_for
from readiness.models import Assessment
from regions.models import Region
from selection.models import SelectionRound


@pytest.fixture
def assessor(bandung: Region) -> User:
    """The assessor assigned to Kota Bandung."""
    return make_user("assessor.bandung", Role.ASSESSOR, bandung)


@pytest.fixture
def record(cohort: SelectionRound, bandung: Region) -> Assessment:
    """Kota Bandung's assessment in the 2017 cohort, not started."""
    return Assessment.objects.create(region=bandung, questionnaire=questionnaire_for(cohort))
