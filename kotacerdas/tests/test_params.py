"""Numbers from requests: nonsense falls back, it never raises."""

from django.test import RequestFactory

from kotacerdas.params import id_param, int_param, posted_id


def test_an_integer_parameter_falls_back_on_nonsense() -> None:
    assert int_param("12", 3) == 12
    assert [int_param(v, 3) for v in (None, "", "dua", "1.5")] == [3, 3, 3, 3]


def test_a_posted_id_is_zero_unless_it_is_a_plausible_id() -> None:
    values = ["17", "-1", "1e3", "99999999999", ""]
    requests = [RequestFactory().post("/", {"id": v}) for v in values]
    assert [posted_id(r, "id") for r in requests] == [17, 0, 0, 0, 0]


def test_digits_of_other_scripts_and_huge_numbers_are_not_numbers_here() -> None:
    # str.isdigit() accepts "²"; int() accepts Arabic-Indic digits: neither is a plain id.
    values = ["\u00b2", "\u0661\u0662\u0663", "\uff11", "9" * 30, " 7 "]
    assert [int_param(v, -5) for v in values] == [-5, -5, -5, -5, 7]
    assert [id_param(v) for v in ("0", "-3", "42", "\u00b2")] == [None, None, 42, None]
