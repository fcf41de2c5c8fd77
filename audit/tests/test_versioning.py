"""``save_versioned``: a save from the current version goes through; one from any other version,
an older one or one that never existed yet, is refused and writes nothing."""

import pytest

from audit.versioning import VersionConflict, save_versioned
from regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("base_version", [0, 2, 999])
def test_a_save_from_a_version_that_is_not_the_current_one_is_refused(base_version: int) -> None:
    bandung = Region.objects.get(code="32.73")
    assert bandung.version == 1
    with pytest.raises(VersionConflict):
        save_versioned(bandung, base_version=base_version, values={"description": "baru"})
    bandung.refresh_from_db()
    assert (bandung.version, bandung.description) == (1, "")


def test_a_save_from_the_current_version_writes_and_moves_the_version_on() -> None:
    bandung = Region.objects.get(code="32.73")
    saved = save_versioned(bandung, base_version=1, values={"description": "baru"})
    bandung.refresh_from_db()
    assert (saved.version, bandung.version, bandung.description) == (2, 2, "baru")


def test_a_save_that_changes_nothing_writes_nothing() -> None:
    bandung = Region.objects.get(code="32.73")
    save_versioned(bandung, base_version=1, values={"description": ""})
    bandung.refresh_from_db()
    assert bandung.version == 1
