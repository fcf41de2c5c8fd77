"""Finding a region for a user: every region page and endpoint asks here."""

from django.http import Http404

from accounts.access import AnyUser, require
from regions.models import Region


def get_region_for_user(user: AnyUser, code: str, action: str = "") -> Region:
    """The region with Kemendagri ``code``, or 404; PermissionDenied unless ``user`` may do
    ``action`` there ("region.edit", "region.history"; reading a region is public)."""
    try:
        region = Region.objects.select_related("province").get(code=code)
    except Region.DoesNotExist:
        raise Http404 from None
    require(user, action or "region.view", region)
    return region
