import pytest

from accounts.models import Role, User
from conftest import make_user
from regions.models import Region


@pytest.fixture
def mentor(bandung: Region) -> User:
    return make_user("mentor.bandung", Role.MENTOR, bandung)
