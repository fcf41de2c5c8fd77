"""The result letter to a region: its index, ranks and component and dimension indices of one
published evaluation, as a PDF the program signs and sends (the number and date are left blank
to be written in: the platform does not make letter numbers up)."""

from typing import Any

from django.utils import translation

from evaluation.models import Component, Rubric
from evaluation.results import RegionResult
from kotacerdas.pdf import render_pdf
from masterplans.models import Dimension
from regions.models import Region


def addressee(region: Region) -> str:
    """ "Wali Kota Bandung", "Bupati Bogor": the region's head, as a letter is addressed."""
    name = region.name.removeprefix("Kota ").removeprefix("Kabupaten ")
    return f"{region.head_title} {name}"


def result_letter_pdf(rubric: Rubric, region: Region, standing: dict[str, Any]) -> bytes:
    result: RegionResult = standing["result"]

    def context() -> dict[str, Any]:
        with translation.override("id"):
            return {
                "rubric": rubric,
                "region": region,
                "addressee": addressee(region),
                "standing": standing,
                "result": result,
                "components": [
                    (str(label), result.index.components.get(value, "–"))
                    for value, label in Component.choices
                    if value in rubric.weights
                ],
                "dimensions": [
                    (str(label), result.index.dimensions[value])
                    for value, label in Dimension.choices
                ],
            }

    return render_pdf("evaluation/result_letter.html", context)
