"""Fill translations into a .po file from a JSON {msgid: msgstr} map.

Usage: python scripts/po_fill.py locale/id/LC_MESSAGES/django.po translations.json
Clears the fuzzy flag of the entries it fills; run `make messages` afterwards to compile.
"""

import json
import re
import sys
from pathlib import Path

MSGID = re.compile(r'^msgid ((?:".*"\n?)+)msgstr', re.M)


def fill_entry(entry: str, translations: dict[str, str]) -> str:
    match = MSGID.search(entry + "\n")
    if not match:
        return entry
    msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
    if msgid not in translations:
        return entry
    lines = [line for line in entry.split("\n") if line.strip() and not line.startswith("#| ")]
    lines = [
        line.replace("#, fuzzy, ", "#, ").replace("#, fuzzy", "") if line.startswith("#,") else line
        for line in lines
    ]
    lines = [line for line in lines if line.strip() not in ("", "#,")]
    first_msgstr = next(i for i, line in enumerate(lines) if line.startswith("msgstr"))
    escaped = translations[msgid].replace('"', '\\"')
    return "\n".join([*lines[:first_msgstr], f'msgstr "{escaped}"'])


def main() -> None:
    po_path, json_path = Path(sys.argv[1]), Path(sys.argv[2])
    translations = json.loads(json_path.read_text(encoding="utf-8"))
    entries = po_path.read_text(encoding="utf-8").split("\n\n")
    po_path.write_text("\n\n".join(fill_entry(e, translations) for e in entries), encoding="utf-8")


if __name__ == "__main__":
    main()
