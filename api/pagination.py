from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# Past this no list of ours reaches; unbounded offsets overflow the database's integers.
MAX_OFFSET = 2**31 - 1


class Pagination(LimitOffsetPagination):
    """``limit``/``offset`` paging answering ``{"count", "items"}``, with both bounded."""

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
