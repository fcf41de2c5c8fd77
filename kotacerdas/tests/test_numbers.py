"""The number parser against what people really type, in Indonesian and in English."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kotacerdas.numbers import NumberError, format_number, parse_number

D = Decimal

INDONESIAN_READ = [
    ("400.000.000", D(400_000_000)),
    ("400000000", D(400_000_000)),
    ("1.250.000,50", D("1250000.50")),
    ("2,5", D("2.5")),
    ("0,5", D("0.5")),
    (",5", D("0.5")),
    ("Rp 400.000.000", D(400_000_000)),
    ("Rp400.000.000", D(400_000_000)),
    ("Rp. 400.000", D(400_000)),
    ("rp 5.000", D(5_000)),
    ("IDR 5.000.000", D(5_000_000)),
    ("Rp 1,2 miliar", D(1_200_000_000)),
    ("1,2 milyar", D(1_200_000_000)),
    ("350 juta", D(350_000_000)),
    ("350 jt", D(350_000_000)),
    ("2,5 juta", D(2_500_000)),
    ("12 ribu", D(12_000)),
    ("1 triliun", D(10**12)),
    ("2 billion", D(2_000_000_000)),
    ("2.500", D(2_500)),
    ("1.000", D(1_000)),
    ("999", D(999)),
    ("0", D(0)),
    ("007", D(7)),
    ("  12  ", D(12)),
    ("1 250 000", D(1_250_000)),
    ("1\u00a0250\u00a0000", D(1_250_000)),
    ("-5", D(-5)),
    ("\u22123,5", D("-3.5")),
    ("+12", D(12)),
    ("Rp -5.000", D(-5_000)),
    ("-Rp 5.000", D(-5_000)),
    ("1.000.000,000", D("1000000.000")),
    ("3,14159", D("3.14159")),
    ("12.345.678,9", D("12345678.9")),
]

INDONESIAN_REFUSED = [
    ("2.5", "ambiguous"),
    ("12.3456", "ambiguous"),
    ("0.500", "ambiguous"),
    ("1,250,000.50", "ambiguous"),
    ("1.2.3", "grouping"),
    ("12.34.567", "grouping"),
    ("1.2345.678", "grouping"),
    ("1 2", "grouping"),
    ("12,34,5", "decimals"),
    ("400.000.000,", "trailing_mark"),
    ("1e9", "exponent"),
    ("1E+9", "exponent"),
    ("2,5e3", "exponent"),
    ("\u0661\u0662\u0663", "foreign_digits"),
    ("\u00b2", "foreign_digits"),
    ("\uff11\uff12", "foreign_digits"),
    ("3 M", "scale"),
    ("5 dozen", "scale"),
    ("abc", "malformed"),
    ("", "empty"),
    ("   ", "empty"),
    ("75%", "percent"),
    ("1" * 101, "too_long"),
    ("Rp", "malformed"),
    ("--5", "malformed"),
    ("1/2", "malformed"),
    ("1.000,5,0", "decimals"),
]

ENGLISH_READ = [
    ("400,000,000", D(400_000_000)),
    ("400000000", D(400_000_000)),
    ("1,250,000.50", D("1250000.50")),
    ("2.5", D("2.5")),
    ("0.5", D("0.5")),
    (".5", D("0.5")),
    ("Rp 400,000,000", D(400_000_000)),
    ("Rp. 400,000", D(400_000)),
    ("IDR 5,000,000", D(5_000_000)),
    ("Rp 1.2 billion", D(1_200_000_000)),
    ("1.2 miliar", D(1_200_000_000)),
    ("350 million", D(350_000_000)),
    ("350 juta", D(350_000_000)),
    ("12 thousand", D(12_000)),
    ("1 trillion", D(10**12)),
    ("2,500", D(2_500)),
    ("1,000", D(1_000)),
    ("999", D(999)),
    ("0", D(0)),
    ("007", D(7)),
    ("  12  ", D(12)),
    ("1 250 000", D(1_250_000)),
    ("-5", D(-5)),
    ("\u22123.5", D("-3.5")),
    ("+12", D(12)),
    ("Rp -5,000", D(-5_000)),
    ("3.14159", D("3.14159")),
    ("12,345,678.9", D("12345678.9")),
]

ENGLISH_REFUSED = [
    ("2,5", "ambiguous"),
    ("0,500", "ambiguous"),
    ("1.250.000,50", "ambiguous"),
    ("1,2,3", "grouping"),
    ("12,34,567", "grouping"),
    ("12.34.5", "decimals"),
    ("400,000,000.", "trailing_mark"),
    ("1e9", "exponent"),
    ("\u0661\u0662\u0663", "foreign_digits"),
    ("\u00b2", "foreign_digits"),
    ("3 M", "scale"),
    ("abc", "malformed"),
    ("", "empty"),
    ("75%", "percent"),
]


def test_the_tables_hold_at_least_forty_inputs_per_language() -> None:
    assert len(INDONESIAN_READ) + len(INDONESIAN_REFUSED) >= 40
    assert len(ENGLISH_READ) + len(ENGLISH_REFUSED) >= 40


@pytest.mark.parametrize(("text", "value"), INDONESIAN_READ)
def test_it_reads_indonesian_numbers_exactly(text: str, value: Decimal) -> None:
    assert parse_number(text, "id") == value


@pytest.mark.parametrize(("text", "code"), INDONESIAN_REFUSED)
def test_it_refuses_what_indonesian_notation_cannot_read_one_way(text: str, code: str) -> None:
    with pytest.raises(NumberError) as refused:
        parse_number(text, "id")
    assert refused.value.code == code


@pytest.mark.parametrize(("text", "value"), ENGLISH_READ)
def test_it_reads_english_numbers_exactly(text: str, value: Decimal) -> None:
    assert parse_number(text, "en") == value


@pytest.mark.parametrize(("text", "code"), ENGLISH_REFUSED)
def test_it_refuses_what_english_notation_cannot_read_one_way(text: str, code: str) -> None:
    with pytest.raises(NumberError) as refused:
        parse_number(text, "en")
    assert refused.value.code == code


def test_a_percent_sign_is_read_only_where_a_percent_is_asked_for() -> None:
    assert parse_number("75%", "id", percent=True) == 75
    assert parse_number("75 %", "en", percent=True) == 75


def test_a_scaled_amount_stays_a_plain_integer() -> None:
    value = parse_number("Rp 1,2 miliar", "id")
    assert str(value) == "1200000000"


@pytest.mark.parametrize(
    ("value", "indonesian", "english"),
    [
        (400_000_000, "400.000.000", "400,000,000"),
        (D("1250000.50"), "1.250.000,50", "1,250,000.50"),
        (2.5, "2,5", "2.5"),
        (0.1 + 0.2, "0,30000000000000004", "0.30000000000000004"),
        (-1_234_567.5, "-1.234.567,5", "-1,234,567.5"),
        (1e20, "100.000.000.000.000.000.000", "100,000,000,000,000,000,000"),
        (-0.0, "0,0", "0.0"),
        (999, "999", "999"),
    ],
)
def test_it_writes_numbers_the_way_each_language_reads_them(
    value: object, indonesian: str, english: str
) -> None:
    assert format_number(value, "id") == indonesian  # type: ignore[arg-type]
    assert format_number(value, "en") == english  # type: ignore[arg-type]


def test_a_year_is_written_without_a_thousands_mark() -> None:
    assert format_number(2027, "id", grouping=False) == "2027"


@given(
    st.one_of(
        st.integers(min_value=-(10**15), max_value=10**15),
        st.decimals(allow_nan=False, allow_infinity=False, places=4, max_value=10**12),
        # Measured values: nothing is typed to more than about thirty decimal places.
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15).filter(
            lambda x: x == 0 or abs(x) >= 1e-30
        ),
    ),
    st.sampled_from(["id", "en"]),
)
def test_what_is_written_reads_back_to_the_same_value(value: object, language: str) -> None:
    text = format_number(value, language)  # type: ignore[arg-type]
    read = parse_number(text, language)
    if isinstance(value, float):
        assert float(read) == value
    else:
        assert read == value
