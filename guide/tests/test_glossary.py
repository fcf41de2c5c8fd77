"""The glossary: the developers' ``docs/glossary.md`` read as a Markdown table and shown as
term and meaning in the reader's language, never its code column."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from guide.glossary import Entry, GlossaryError, parse, read
from kotacerdas.tests.test_page_walk import INTERNAL, SNAKE, visible_text

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary.md"
TABLE = """# Words

Some prose | with a pipe.

| term | meaning | arti | in code |
|---|---|---|---|
| OPD | a regional agency | dinas daerah | `Program.opd` |
| a \\| b | either **one** or `other` | salah *satu* | |
| empty | | | `nothing` |

| term | something else |
|---|---|
| later | not read |
"""


def _code_cells() -> list[str]:
    """The identifiers the file's "in code" column names (dotted, snake_case or CamelCase)."""
    rows = [
        line for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("|")
    ]
    heading = [cell.strip() for cell in rows[0].strip("|").split("|")]
    at = heading.index("in code")
    return [
        name
        for row in rows[2:]
        for name in re.findall(r"`([^`]+)`", row.strip("|").split("|")[at])
        if re.search(r"[._]|[a-z][A-Z]", name)
    ]


def test_it_reads_the_term_and_the_meaning_of_a_language_and_nothing_else() -> None:
    assert parse(TABLE, "en") == [
        Entry("OPD", "a regional agency"),
        Entry("a | b", "either one or other"),
    ]
    assert parse(TABLE, "id") == [Entry("OPD", "dinas daerah"), Entry("a | b", "salah satu")]


def test_a_glossary_without_the_languages_column_is_refused() -> None:
    with pytest.raises(GlossaryError):
        parse(TABLE.replace("| arti |", "| makna |"), "id")
    with pytest.raises(GlossaryError):
        parse("# Words\n\nNo table here.\n", "en")


def test_every_row_of_the_glossary_has_both_meanings_and_no_code_in_them() -> None:
    rows = sum(
        1 for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("|")
    )
    indonesian, english = read(GLOSSARY, "id"), read(GLOSSARY, "en")

    assert len(indonesian) == len(english) == rows - 2 >= 30
    assert [e.term for e in indonesian] == [e.term for e in english]
    for entry in [*indonesian, *english]:
        assert "`" not in entry.term + entry.meaning, entry
        assert not SNAKE.search(entry.meaning), entry
    assert {e.meaning for e in indonesian}.isdisjoint({e.meaning for e in english})


def test_the_glossary_page_shows_indonesian_meanings_and_no_code(client: Client) -> None:
    page = client.get("/panduan/istilah/")

    assert page.status_code == 200
    text = visible_text(page.content.decode())
    assert "organisasi perangkat daerah: dinas atau badan pemerintah daerah" in text
    assert "a regional government agency owning a program" not in text
    assert "Istilah" in text
    assert not SNAKE.findall(text) and not INTERNAL.findall(text)
    names = _code_cells()
    shown = [name for name in names if name in text]
    assert len(names) > 30 and not shown, shown


def test_the_glossary_page_in_english_shows_the_english_meanings(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    text = visible_text(client.get("/panduan/istilah/").content.decode())

    assert "organisasi perangkat daerah: a regional government agency owning a program" in text
    assert "dinas atau badan pemerintah daerah" not in text
    assert "Glossary" in text


def test_each_term_can_be_linked_to(client: Client) -> None:
    page = client.get("/panduan/istilah/").content.decode()

    assert '<dt id="opd">' in page and 'href="#opd"' in page
    assert '<dt id="quick-win">' in page
