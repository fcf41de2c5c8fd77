from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role, User
from conftest import make_user
from masterplans.models import Masterplan
from masterplans.tests.factories import make_masterplan
from participation.models import ConsultationWindow, PublicComment
from participation.services import consultation_window_open, public_comment_submit
from regions.models import Region


@pytest.fixture
def mentor(bandung: Region) -> User:
    """The mentor assigned to Kota Bandung, with an e-mail address."""
    user = make_user("mentor.bandung", Role.MENTOR, bandung)
    user.email = "mentor@itb.ac.id"
    user.save()
    return user


@pytest.fixture
def masterplan(bandung: Region) -> Masterplan:
    """Kota Bandung's complete draft masterplan."""
    return make_masterplan()


@pytest.fixture
def window(masterplan: Masterplan, colleague: User) -> ConsultationWindow:
    """A public consultation on the draft, opened by Bandung's lead for a week."""
    return consultation_window_open(
        masterplan=masterplan, user=colleague, closes_at=timezone.now() + timedelta(days=7)
    )


def resident_comment(masterplan: Masterplan, data: dict, address: str = "a") -> PublicComment:
    """A resident's comment, its e-mail confirmed (as after opening the link sent to it)."""
    email = data.get("email") or "warga@example.id"
    comment = public_comment_submit(
        masterplan=masterplan,
        data={**data, "email": email},
        address=address,
        confirmed_emails=frozenset({email}),
    )
    assert comment is not None
    return comment
