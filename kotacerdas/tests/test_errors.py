"""The base of the domain's refusals: its code, status, message and details."""

from kotacerdas.errors import DomainError


class Locked(DomainError):
    code = "locked"
    status = 423


def test_a_refusal_is_a_409_conflict_without_details_by_default() -> None:
    refusal = DomainError("Tidak bisa sekarang.")
    assert (refusal.status, refusal.code, refusal.details) == (409, "conflict", [])
    assert refusal.message == "Tidak bisa sekarang."


def test_str_of_a_refusal_is_its_message_as_people_read_it() -> None:
    assert str(DomainError("Tidak bisa sekarang.", code="other", status=422)) == (
        "Tidak bisa sekarang."
    )
    assert str(Locked("Terkunci.")) == "Terkunci."


def test_a_subclass_sets_its_own_code_and_status() -> None:
    refusal = Locked("Terkunci.")
    assert (refusal.status, refusal.code) == (423, "locked")
    assert isinstance(refusal, DomainError)


def test_a_raise_site_overrides_code_status_and_details_for_that_refusal_only() -> None:
    refusal = Locked(
        "Sudah ada.", code="exists", status=409, details=[{"field": "year", "message": "2027"}]
    )
    assert (refusal.status, refusal.code) == (409, "exists")
    assert refusal.details == [{"field": "year", "message": "2027"}]
    assert (Locked.status, Locked.code) == (423, "locked")
    assert (Locked("Terkunci.").status, Locked("Terkunci.").code) == (423, "locked")


def test_details_are_the_refusals_own_and_only_field_and_message() -> None:
    given = [{"field": "title", "message": "Wajib diisi.", "extra": "dropped"}]
    refusal = DomainError("Tidak valid.", details=given)
    given[0]["message"] = "changed after the raise"
    given.append({"field": "year", "message": "later"})
    assert refusal.details == [{"field": "title", "message": "Wajib diisi."}]
    first, second = DomainError("a"), DomainError("b")
    first.details.append({"field": "x", "message": "y"})
    assert second.details == []
