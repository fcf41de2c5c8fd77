import pytest
from django.core.management import call_command

from accounts.models import ApiToken, Membership, Role, User
from accounts.services import admin_ensure
from demo.accounts import DEMO_ACCOUNTS, demo_accounts_load

pytestmark = pytest.mark.django_db


def test_ensure_admin_creates_the_first_national_admin() -> None:
    created = admin_ensure(username="admin", email="", password=None)
    assert created is not None and created.password
    user = User.objects.get(username="admin")
    assert user.check_password(created.password)
    assert user.is_staff and user.is_superuser
    assert Membership.objects.filter(user=user, role=Role.NATIONAL_ADMIN, region=None).exists()


def test_ensure_admin_does_nothing_when_an_admin_exists() -> None:
    admin_ensure(username="admin", email="", password="sandi-pertama-123")
    assert admin_ensure(username="other", email="", password=None) is None
    assert User.objects.count() == 1


def test_ensure_admin_takes_the_password_from_the_environment(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KC_ADMIN_USERNAME", "kominfo")
    monkeypatch.setenv("KC_ADMIN_PASSWORD", "sandi-dari-env-123")
    call_command("ensure_admin")
    assert User.objects.get(username="kominfo").check_password("sandi-dari-env-123")
    call_command("ensure_admin")
    assert "sudah ada" in capsys.readouterr().out


def test_demo_accounts_cover_every_role_and_load_once() -> None:
    first = demo_accounts_load(password=None)
    assert all(account.password for account in first)
    second = demo_accounts_load(password=None)
    assert not any(account.password for account in second)
    assert User.objects.filter(is_demo=True).count() == len(DEMO_ACCOUNTS)
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role) - {
        Role.NATIONAL_ADMIN
    }


def test_demo_editor_of_bandung_is_scoped_to_bandung() -> None:
    demo_accounts_load(password="sandi-demo-123")
    membership = Membership.objects.get(user__username="demo.bandung.editor")
    assert membership.region is not None and membership.region.code == "32.73"


def test_api_token_keeps_only_its_hash() -> None:
    user = User.objects.create_user("x")
    token, key = ApiToken.issue(user=user, name="sync")
    assert key.startswith("kc_")
    assert key not in (token.key_hash, token.hint)
    assert token.key_hash == ApiToken.hash_key(key)
