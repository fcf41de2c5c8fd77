"""Check constraints for the invariants the forms enforce, so that a script, the admin or the
API cannot store what a form would refuse. Named ``<table>_<field>_<rule>``."""

from django.db import models

FIRST_YEAR, LAST_YEAR = 2015, 2100


def between(
    name: str, field: str, low: int, high: int, *, null: bool = False
) -> models.CheckConstraint:
    """``low <= field <= high`` (or empty, when ``null``)."""
    condition = models.Q(**{f"{field}__gte": low, f"{field}__lte": high})
    if null:
        condition |= models.Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=f"{name}_{field}_range")


def year(name: str, field: str = "year", *, null: bool = False) -> models.CheckConstraint:
    """A year of the program's time: 2015 to 2100."""
    return between(name, field, FIRST_YEAR, LAST_YEAR, null=null)


def not_negative(name: str, field: str, *, null: bool = False) -> models.CheckConstraint:
    """Money and counts: never below zero."""
    condition = models.Q(**{f"{field}__gte": 0})
    if null:
        condition |= models.Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=f"{name}_{field}_not_negative")


def not_blank(name: str, field: str) -> models.CheckConstraint:
    """A required text: not empty."""
    return models.CheckConstraint(condition=~models.Q(**{field: ""}), name=f"{name}_{field}_given")
