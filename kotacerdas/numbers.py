"""Numbers as people type them, read exactly or refused, and written back the same way.

Indonesian: a dot groups thousands and a comma marks decimals (``400.000.000``, ``2,5``,
``1.250.000,50``). English: the other way round (``400,000,000``, ``2.5``). Both accept a Rupiah
sign (``Rp 400.000.000``) and a scale word (``Rp 1,2 miliar``, ``350 juta``, ``2.5 billion``).
What could be read two ways is refused, never guessed: ``2.5`` in Indonesian (a dot must group
three digits), ``1.2.3``, ``12,34,5``, ``1e9``, digits of another script (``١٢٣``, ``²``).

No Django here: callers say which language, and turn a ``NumberError``'s code into a message.
"""

import re
import unicodedata
from decimal import Context, Decimal, InvalidOperation, localcontext

MAX_LENGTH = 100

# Separators per language: (thousands, decimal).
SEPARATORS = {"id": (".", ","), "en": (",", ".")}

# Scale words, in either language: they cannot be read two ways. "M" and "B" can (miliar in
# Indonesian, million or billion in English), so they are refused.
SCALES = {
    "ribu": 3,
    "rb": 3,
    "thousand": 3,
    "juta": 6,
    "jt": 6,
    "million": 6,
    "miliar": 9,
    "milyar": 9,
    "billion": 9,
    "triliun": 12,
    "trilyun": 12,
    "trillion": 12,
}

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_SCALE = re.compile(r"\s*([a-z]+)\.?$", re.IGNORECASE)
_SIGNS = {"-": -1, "\u2212": -1, "+": 1}


class NumberError(ValueError):
    """Why a text is not a number. ``code`` is one of:

    ``empty``, ``too_long``, ``foreign_digits`` (digits of another script), ``exponent``,
    ``ambiguous`` (a separator that could be either: ``2.5`` in Indonesian), ``grouping``
    (thousands groups that are not of three digits: ``1.2.3``), ``decimals`` (two decimal marks:
    ``12,34,5``), ``trailing_mark`` (``400.000.000,``), ``scale`` (an unknown word),
    ``percent`` (a ``%`` where none is asked for), ``malformed`` (anything else).
    """

    def __init__(self, code: str, text: str) -> None:
        super().__init__(f"{code}: {text!r}")
        self.code = code
        self.text = text


def language_of(language: str | None) -> str:
    """``id`` or ``en`` for a Django language code (``en-us`` → ``en``); Indonesian otherwise."""
    return "en" if (language or "").lower().startswith("en") else "id"


def parse_number(text: str, language: str = "id", *, percent: bool = False) -> Decimal:
    """The exact value of ``text`` as typed in ``language`` (``id`` or ``en``).

    Raises NumberError when it is empty, malformed or could be read two ways.
    """
    language = language_of(language)
    raw = text
    text = _SPACES.sub(" ", text).strip()
    if not text:
        raise NumberError("empty", raw)
    if len(text) > MAX_LENGTH:
        raise NumberError("too_long", raw)
    if any(ch.isdigit() and ch not in "0123456789" for ch in text) or any(
        unicodedata.category(ch) == "No" for ch in text
    ):
        raise NumberError("foreign_digits", raw)

    sign, signed, currency = 1, False, False
    # A sign may come before or after the currency: -Rp 5.000 and Rp -5.000.
    for _ in range(2):
        if text[:1] in _SIGNS and not signed:
            sign, signed, text = _SIGNS[text[0]], True, text[1:].lstrip()
        elif not currency and (match := _CURRENCY.match(text)):
            currency, text = True, text[match.end() :]
    if percent and text.endswith("%"):
        text = text[:-1].rstrip()
    elif "%" in text:
        raise NumberError("percent", raw)

    exponent = 0
    if match := _SCALE.search(text):
        word = match.group(1).lower()
        if re.fullmatch(r"\d*e\d*", word) or re.search(r"\de[+-]?\d", text, re.IGNORECASE):
            raise NumberError("exponent", raw)
        if not re.search(r"\d", text[: match.start()]):
            raise NumberError("malformed", raw)
        if word not in SCALES:
            raise NumberError("scale", raw)
        exponent = SCALES[word]
        text = text[: match.start()].rstrip()
    if re.search(r"\d\s*e\s*[+-]?\s*\d", text, re.IGNORECASE):
        raise NumberError("exponent", raw)
    if not text or not re.fullmatch(r"[0-9., ]+", text) or not re.search(r"\d", text):
        raise NumberError("malformed", raw)

    try:
        value = _read(text, language, raw)
    except NumberError as error:
        # Written the other language's way (2.5 or 1,250,000.50 in Indonesian): say so.
        if error.code in ("grouping", "decimals") and _reads_as(text, _other(language), raw):
            raise NumberError("ambiguous", raw) from error
        raise
    # Exact arithmetic: Decimal's default context would round past 28 digits.
    with localcontext(Context(prec=2 * MAX_LENGTH)):
        if exponent:
            value = value.scaleb(exponent)
            # 1,2 miliar is 1200000000, not 1.2E+9: keep a plain integer where it is one.
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
        return value.copy_negate() if sign < 0 and value else value


def _other(language: str) -> str:
    return "en" if language == "id" else "id"


def _reads_as(text: str, language: str, raw: str) -> bool:
    try:
        _read(text, language, raw)
    except NumberError:
        return False
    return True


def _read(text: str, language: str, raw: str) -> Decimal:
    """The digits and separators of ``text`` (no sign, currency or scale) in ``language``."""
    group, decimal = SEPARATORS[language]
    if text.count(decimal) > 1:
        raise NumberError("decimals", raw)
    whole, mark, fraction = text.partition(decimal)
    if mark and not fraction.strip():
        raise NumberError("trailing_mark", raw)
    if not re.fullmatch(r"\d*", fraction):
        raise NumberError("grouping" if group in fraction else "malformed", raw)
    whole = _ungroup(whole.strip(), group, raw)
    try:
        return Decimal(f"{whole or '0'}.{fraction}") if fraction else Decimal(whole)
    except InvalidOperation as error:  # pragma: no cover - the patterns above exclude it
        raise NumberError("malformed", raw) from error


def _ungroup(whole: str, group: str, raw: str) -> str:
    """The digits of an integer part written with or without thousands groups."""
    if re.fullmatch(r"\d+", whole) or not whole:
        return whole
    for separator in (group, " "):
        parts = whole.split(separator)
        if len(parts) > 1 and all(re.fullmatch(r"\d+", p) for p in parts):
            if re.fullmatch(r"[1-9]\d{0,2}", parts[0]) and all(len(p) == 3 for p in parts[1:]):
                return "".join(parts)
            raise NumberError("grouping", raw)
    raise NumberError("grouping", raw)


def format_number(
    value: int | float | Decimal, language: str = "id", *, grouping: bool = True
) -> str:
    """``value`` written the way ``parse_number`` reads it back to the same value."""
    language = language_of(language)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number == 0:
        number = abs(number)  # no "-0"
    text = format(number, "f")
    negative = text.startswith("-")
    whole, _dot, fraction = text.lstrip("-").partition(".")
    group, decimal = SEPARATORS[language]
    if grouping and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(group + whole[i : i + 3] for i in range(head, len(whole), 3))
    return ("-" if negative else "") + whole + (decimal + fraction if fraction else "")
