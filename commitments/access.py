"""Finding a region's commitments for a user: every commitments page and endpoint asks here."""

from accounts.access import AnyUser, require
from regions.access import get_region_for_user
from regions.models import Region


def get_region_commitments_for_user(user: AnyUser, code: str, action: str = "") -> Region:
    """The region of Kemendagri ``code`` whose commitments ``user`` may read, or 404;
    PermissionDenied unless ``user`` may read them ("commitment.view": never public, the
    contact persons are in them) and, if given, do ``action`` ("commitment.edit")."""
    region = get_region_for_user(user, code)
    require(user, "commitment.view", region)
    if action:
        require(user, action, region)
    return region
