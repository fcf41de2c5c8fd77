# The comment and consultation world of participation's tests: a mentor, a draft, a window.
from participation.tests.conftest import masterplan, mentor, window

__all__ = ["masterplan", "mentor", "window"]
