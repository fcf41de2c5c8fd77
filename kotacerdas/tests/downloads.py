"""A list's CSV download read back as rows, for the tests of the lists."""

import csv
import io
from typing import Any


def csv_rows(client: Any, url: str) -> list[list[str]]:
    """The CSV ``url`` answers (200, text/csv) as rows, its byte-order mark dropped."""
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))
