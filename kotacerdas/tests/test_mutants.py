"""scripts/mutants.sh plants bugs by finding code that is there exactly once. Code moves (a
type annotation, an error mapped elsewhere) and the script then stops at that mutant, or
worse, plants a bug that does not parse and counts it killed. This checks every line of it
on every run, in a few milliseconds; the script itself takes a minute."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "mutants.sh"


def mutants() -> list[list[str]]:
    block = re.search(r"^mutants=\($(.*?)^\)$", SCRIPT.read_text(), re.M | re.S)
    assert block, "no mutants=( ... ) in scripts/mutants.sh"
    lines = [line.strip() for line in block.group(1).splitlines() if line.strip()]
    return [line[1:-1].replace('\\"', '"').split("|") for line in lines]


def test_every_mutant_names_its_file_its_code_once_a_bug_and_tests_that_exist() -> None:
    found = mutants()
    assert len(found) == 8
    for fields in found:
        assert len(fields) == 5, f"a | inside a field splits the line: {fields}"
        name, file, original, planted, tests = fields
        text = (ROOT / file).read_text(encoding="utf-8")
        original, planted = original.replace("\\n", "\n"), planted.replace("\\n", "\n")
        assert text.count(original) == 1, f"{name}: {original!r} is not in {file} exactly once"
        assert planted != original
        mutated = text.replace(original, planted)
        compile(mutated, file, "exec")  # the planted bug is a bug, not a syntax error
        for test in tests.split():
            assert (ROOT / test).is_file(), f"{name}: no {test}"
