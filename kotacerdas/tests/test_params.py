"""Numbers from requests: nonsense falls back, it never raises."""

from django.test import RequestFactory

from kotacerdas.params import int_param, posted_id


def test_an_integer_parameter_falls_back_on_nonsense() -> None:
    assert int_param("12", 3) == 12
    assert [int_param(v, 3) for v in (None, "", "dua", "1.5")] == [3, 3, 3, 3]


def test_a_posted_id_is_zero_unless_it_is_a_plausible_id() -> None:
    values = ["17", "-1", "1e3", "99999999999", ""]
    requests = [RequestFactory().post("/", {"id": v}) for v in values]
    assert [posted_id(r, "id") for r in requests] == [17, 0, 0, 0, 0]
