"""Indonesian written one way: the Indonesian catalogue, the Indonesian help pages and the
glossary's Indonesian meanings follow a word list of the program's terms and of common
misspellings (``kotacerdas/tests/data/id_terms.toml``); each rule carries a wrong and a right
example, checked too."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORD_LIST = Path(__file__).parent / "data" / "id_terms.toml"
CATALOGUE = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
GUIDES = ROOT / "templates" / "guide" / "id"
GLOSSARY = ROOT / "docs" / "glossary.md"

# What is not Indonesian prose: placeholders, codes people type, markup, addresses.
NOT_PROSE = [
    re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[sdif%]"),
    re.compile(r"\{[^{}]*\}"),
    re.compile(r"<code\b.*?</code>", re.S),
    re.compile(r"<[^>]+>"),
    re.compile(r"https?://\S+"),
]
PO_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    write: str
    wrong: str
    right: str


def _rules() -> list[Rule]:
    data = tomllib.loads(WORD_LIST.read_text(encoding="utf-8"))
    return [
        Rule(re.compile(r["pattern"]), r["write"], r["wrong"], r["right"])
        for kind in ("term", "misspelling")
        for r in data[kind]
    ]


RULES = _rules()


def prose(text: str) -> str:
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return text


def findings(text: str) -> list[str]:
    """Each rule ``text`` breaks, as "found → write"."""
    text = prose(text)
    return [
        f"“{found.group(0)}” → {rule.write}"
        for rule in RULES
        for found in [rule.pattern.search(text)]
        if found
    ]


def _unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    return PO_ESCAPE.sub(lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def translations(po: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every entry in use, each plural form on its own; obsolete entries
    (``#~``) and the header are left out."""
    entries: list[tuple[str, str]] = []
    msgid: str | None = None
    current: list[str] = []
    target = ""

    def close() -> None:
        if target == "msgstr" and msgid:
            entries.append((msgid, "".join(current)))

    for line in po.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        keyword = line.split(" ", 1)[0]
        if keyword.startswith("msgstr"):
            if target == "msgid":
                msgid = "".join(current)
            close()
            target, current = "msgstr", [_unquote(line)]
        elif keyword in ("msgid", "msgid_plural", "msgctxt"):
            close()
            if keyword == "msgid":
                msgid = None
            elif keyword == "msgid_plural":
                msgid = "".join(current) if target == "msgid" else msgid
            target, current = ("msgid" if keyword == "msgid" else keyword), [_unquote(line)]
        elif line.startswith('"'):
            current.append(_unquote(line))
    close()
    return entries


@pytest.mark.parametrize("rule", RULES, ids=[r.write for r in RULES])
def test_each_rule_catches_its_wrong_example_and_lets_the_right_one_pass(rule: Rule) -> None:
    assert rule.pattern.search(prose(rule.wrong)), rule.wrong
    assert not rule.pattern.search(prose(rule.right)), rule.right


def test_the_word_list_has_the_programs_terms_and_the_common_misspellings() -> None:
    data = tomllib.loads(WORD_LIST.read_text(encoding="utf-8"))
    assert len(data["term"]) >= 15 and len(data["misspelling"]) >= 20


def test_the_catalogue_reader_reads_every_form_and_skips_what_is_not_in_use() -> None:
    po = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#: a.py:1
msgid "Quick win"
msgstr "Quick win"

#, python-format
msgid "%(n)s region"
msgid_plural "%(n)s regions"
msgstr[0] "%(n)s wilayah"

msgid ""
"A long "
"one \"quoted\""
msgstr ""
"Yang "
"panjang"

#~ msgid "Old"
#~ msgstr "Lama"
"""
    assert translations(po) == [
        ("Quick win", "Quick win"),
        ("%(n)s region", "%(n)s wilayah"),
        ('A long one "quoted"', "Yang panjang"),
    ]


def test_placeholders_codes_and_markup_are_not_read_as_words() -> None:
    assert not findings("Impor dari %(file)s atau {link} dengan kolom <code>opd</code>.")
    assert findings('Pilih file di <a href="https://contoh.id/link">tautan</a> ini.') == [
        "“file” → berkas"
    ]


def test_the_indonesian_catalogue_follows_the_word_list() -> None:
    entries = translations(CATALOGUE.read_text(encoding="utf-8"))
    assert len(entries) > 1000
    broken = [
        f"{msgid!r} → {msgstr!r}: {', '.join(found)}"
        for msgid, msgstr in entries
        if (found := findings(msgstr))
    ]
    assert not broken, "fix these translations:\n" + "\n".join(broken)


def test_the_indonesian_help_pages_and_glossary_follow_the_word_list() -> None:
    from guide.glossary import read

    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(GUIDES.glob("*.html"))}
    texts |= {f"glossary: {e.term}": e.meaning for e in read(GLOSSARY, "id")}
    assert len(texts) > 30
    broken = [
        f"{name}: {', '.join(found)}" for name, text in texts.items() if (found := findings(text))
    ]
    assert not broken, "\n".join(broken)
