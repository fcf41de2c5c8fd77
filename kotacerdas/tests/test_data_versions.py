"""Versions of the data behind cached public pages: moved by every save and delete of the models
those pages read, for everyone once committed, never reused, never in the way of a write."""

import logging

import pytest
from django.core.cache import cache
from django.db import transaction

from accounts.models import User
from kotacerdas import data_versions
from masterplans.tests.factories import make_masterplan

pytestmark = pytest.mark.cache


@pytest.mark.django_db
def test_saving_and_deleting_a_watched_model_moves_the_versions_that_read_it() -> None:
    before = {name: data_versions.version(name) for name in data_versions.WATCHED}
    masterplan = make_masterplan("32.73")
    saved = {name: data_versions.version(name) for name in data_versions.WATCHED}
    assert all(saved[name] != before[name] for name in data_versions.WATCHED)
    masterplan.delete()
    assert all(data_versions.version(name) != saved[name] for name in data_versions.WATCHED)


@pytest.mark.django_db
def test_a_model_no_cached_page_reads_leaves_the_versions_alone() -> None:
    before = data_versions.version("dashboard")
    User.objects.create_user(username="pembaca", password="kata-sandi-uji-123")
    assert data_versions.version("dashboard") == before


@pytest.mark.django_db
def test_everyone_sees_the_new_version_once_the_transaction_commits(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    data_versions.version("regions")
    shared = cache.get("data-version:regions")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_masterplan("32.73")
    # Uncommitted: the writer has versions of its own, the others keep the shared one.
    assert data_versions.version("regions").startswith(f"{shared}.")
    assert cache.get("data-version:regions") == shared
    for callback in callbacks:  # one per row written; the first bumps for all
        callback()
    assert cache.get("data-version:regions") == shared + 1


@pytest.mark.django_db
def test_a_lost_version_never_comes_back_as_a_number_used_before() -> None:
    data_versions.version("dashboard")
    for _ in range(3):
        data_versions.bump("dashboard")
    last = cache.get("data-version:dashboard")
    cache.delete("data-version:dashboard")
    data_versions.version("dashboard")
    assert cache.get("data-version:dashboard") > last


@pytest.mark.django_db
def test_a_cache_outage_does_not_fail_the_write(
    monkeypatch,  # type: ignore[no-untyped-def]
    caplog,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    def down(*args: object, **kwargs: object) -> None:
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "incr", down)
    with (
        caplog.at_level(logging.ERROR, logger="kotacerdas.data_versions"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        masterplan = make_masterplan("32.73")
    assert masterplan.pk is not None
    assert "could not bump the data version" in caplog.text


def test_a_commit_moves_the_shared_version_and_a_rollback_does_not(registry_committed) -> None:  # type: ignore[no-untyped-def]
    shared = data_versions.version("dashboard")
    with pytest.raises(RuntimeError), transaction.atomic():
        make_masterplan("32.73")
        assert data_versions.version("dashboard") != shared
        raise RuntimeError("rolled back")
    assert data_versions.version("dashboard") == shared
    with transaction.atomic():
        make_masterplan("32.75")
    after = data_versions.version("dashboard")
    assert after == str(cache.get("data-version:dashboard")) and int(after) > int(shared)


@pytest.mark.django_db
def test_a_cached_value_is_computed_once_per_version_of_its_data() -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert data_versions.cached("regions", "test-count", compute, 60) == 1
    assert data_versions.cached("regions", "test-count", compute, 60) == 1
    make_masterplan()  # a watched model of "regions" changes
    assert data_versions.cached("regions", "test-count", compute, 60) == 2
