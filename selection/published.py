"""Published per-region values of the selection parameters, from the lists in
``data/indicators/`` (each row with the source it was read in; what was searched and not found
is in that folder's README). A complete list gives every other autonomous region its 0; a
partial one gives only its members, the others keep what they had (demo, labelled so)."""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings

from kotacerdas import sheets
from regions.models import Region

REGULATION = re.compile(r"Peraturan Presiden Nomor (\d+) Tahun (\d{4})")


@dataclass(frozen=True)
class PublishedList:
    file: str
    indicator: str
    complete: bool  # every region not listed is 0 (for the list's year)


# Lists on another scale than the indicator (fiscal capacity categories, performance ranks)
# are kept in the folder for reference and not loaded: see its README.
LISTS = [
    PublishedList("daerah_tertinggal_2020.csv", "daerah_tertinggal", complete=True),
    PublishedList("daerah_tertinggal_2015.csv", "daerah_tertinggal", complete=False),
    PublishedList("perbatasan_2020.csv", "perbatasan", complete=False),
]


def source_label(source: str) -> str:
    """A short name for a row's source: the regulation it cites, else the site."""
    found = REGULATION.search(source)
    if found:
        return f"Perpres {found.group(1)}/{found.group(2)}"
    return urlparse(source.split()[0]).netloc.removeprefix("www.") or source[:60]


def published_rows(directory: Path | None = None) -> list[list[object]]:
    """Import rows (code, year, indicator, value, source) of every loaded list."""
    folder = directory or Path(settings.KC_DATA_DIR) / "indicators"
    rows: list[list[object]] = []
    for item in LISTS:
        listed = sheets.csv_records(folder / item.file)
        for row in listed:
            rows.append(
                [
                    row["code"],
                    int(row["year"]),
                    item.indicator,
                    row["value"],
                    source_label(row["source"]),
                ]
            )
        if item.complete:
            years = {int(row["year"]) for row in listed}
            labels = {source_label(row["source"]) for row in listed} - {""}
            if len(years) != 1 or len(labels) != 1:
                raise ValueError(f"{item.file}: a complete list has one year and one regulation")
            year, label = years.pop(), labels.pop()
            members = {row["code"] for row in listed}
            rows += [
                [code, year, item.indicator, 0, label]
                for code in Region.objects.autonomous()
                .order_by("code")
                .values_list("code", flat=True)
                if code not in members
            ]
    return rows


def published_values_csv(directory: Path | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kode_wilayah", "tahun", "indikator", "nilai", "sumber"])
    writer.writerows(published_rows(directory))
    return buffer.getvalue().encode()
