"""Award and completion certificates as PDF (WeasyPrint, A4 landscape), in Indonesian."""

from evaluation.completion import Completion
from evaluation.models import Award
from evaluation.results import category_label
from kotacerdas.pdf import render_pdf


def certificate_pdf(award: Award) -> bytes:
    return render_pdf(
        "evaluation/certificate.html",
        lambda: {
            "award": award,
            "category": category_label(award.category),
            "region": award.region,
            "is_demo": award.rubric.is_demo,
        },
    )


def completion_certificate_pdf(completion: Completion) -> bytes:
    return render_pdf(
        "evaluation/completion_certificate.html",
        lambda: {
            "completion": completion,
            "region": completion.region,
            "is_demo": completion.masterplan.is_demo,
        },
    )
