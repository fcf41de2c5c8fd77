"""The program's glossary, read from the developers' own ``docs/glossary.md``.

One file serves both: its Markdown table has a term, its meaning in English, its meaning in
Indonesian and where it is in the code. The help section shows the term and the meaning in the
reader's language only; the code column is for developers. Parsed here, without a Markdown
library: a table row is a line between pipes, a pipe inside a cell is written ``\\|``.
"""

import re
from dataclasses import dataclass
from pathlib import Path

# The table's heading names the columns read; the other columns are left alone.
TERM = "term"
MEANINGS = {"en": "meaning", "id": "arti"}
CODE_SPAN = re.compile(r"`([^`]*)`")
EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")
SEPARATOR = re.compile(r"^:?-{3,}:?$")


@dataclass(frozen=True)
class Entry:
    term: str
    meaning: str


class GlossaryError(ValueError):
    """The file has no table with the columns the help section reads."""


def _cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [cell.replace("\\|", "|").strip() for cell in re.split(r"(?<!\\)\|", inner)]


def plain(text: str) -> str:
    """A cell as people read it: inline code and emphasis marks dropped, their text kept."""
    return EMPHASIS.sub(r"\2", CODE_SPAN.sub(r"\1", text)).strip()


def parse(markdown: str, language: str) -> list[Entry]:
    """The entries of the glossary's first table with a term and a meaning column in
    ``language`` (``id`` or ``en``), in the file's order; a row without that meaning is
    left out."""
    wanted = MEANINGS[language]
    lines = markdown.splitlines()
    for start, line in enumerate(lines[:-1]):
        if not line.lstrip().startswith("|"):
            continue
        heading = [cell.lower() for cell in _cells(line)]
        rule = _cells(lines[start + 1])
        if not all(SEPARATOR.match(cell) for cell in rule) or TERM not in heading:
            continue
        if wanted not in heading:
            raise GlossaryError(f"the glossary table has no {wanted!r} column")
        term_at, meaning_at = heading.index(TERM), heading.index(wanted)
        entries = []
        for row in lines[start + 2 :]:
            if not row.lstrip().startswith("|"):
                break
            cells = _cells(row)
            if len(cells) <= max(term_at, meaning_at):
                continue
            term, meaning = plain(cells[term_at]), plain(cells[meaning_at])
            if term and meaning:
                entries.append(Entry(term, meaning))
        return entries
    raise GlossaryError("the glossary has no table with a term column")


def read(path: Path, language: str) -> list[Entry]:
    return parse(path.read_text(encoding="utf-8"), language)
