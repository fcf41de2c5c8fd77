"""Creating the first national administrator (the demo accounts: demo/accounts.py)."""

import secrets
from dataclasses import dataclass

from django.db import transaction

from accounts.models import Membership, Role, User


@dataclass(frozen=True)
class CreatedAccount:
    username: str
    password: str | None  # None when the account already existed


def new_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def admin_ensure(*, username: str, email: str, password: str | None) -> CreatedAccount | None:
    """Create the first national administrator unless one exists. Returns it, or None."""
    if Membership.objects.filter(role=Role.NATIONAL_ADMIN, region=None).exists():
        return None
    password = password or new_password()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, email=email, password=password)
    else:
        user.set_password(password)
    user.is_staff = True
    user.is_superuser = True
    user.save()
    Membership.objects.create(user=user, role=Role.NATIONAL_ADMIN)
    return CreatedAccount(username, password)


# (username, first name, role, region code or None, organisation)
