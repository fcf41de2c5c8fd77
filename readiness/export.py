"""A region's assessment as an Excel workbook: the profile, then every item with answer,
evidence, score and note."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from kotacerdas import sheets
from kotacerdas.downloads import workbook_bytes
from readiness.models import Assessment
from readiness.profile import readiness_gaps, readiness_profile


def assessment_workbook(assessment: Assessment) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = _("Profile")[:31]
    cohort = assessment.questionnaire.cohort
    sheet.append([f"{assessment.region.name} · {cohort.name}"])
    sheet.append(
        [_("Status"), str(assessment.status.label)] + ([_("demo")] if assessment.is_demo else [])
    )
    sheet.append([])
    header = [_("Part"), _("Score (0-4)"), "%", _("Region's own"), _("Assessor"), _("Items scored")]
    sheet.append(header)
    for part in readiness_profile(assessment):
        sheet.append(
            [
                part.label,
                part.score,
                part.percent,
                part.self_score,
                part.assessor_score,
                f"{part.scored}/{part.items}",
            ]
        )
    sheet.append([])
    sheet.append([_("Gaps"), _("Part"), _("Score")])
    for gap in readiness_gaps(assessment):
        sheet.append([gap.answer.item.text, gap.answer.item.get_part_display(), gap.score])
    for row in (1, 4):
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 60

    answers = book.create_sheet(_("Answers")[:31])
    sheets.heading(
        answers,
        [
            (_("Item"), 6),
            (_("Part"), 24),
            (_("Aspect"), 18),
            (_("Question"), 60),
            (_("Weight"), 8),
            (_("Self-assessment"), 10),
            (_("Answer"), 40),
            (_("Evidence"), 30),
            (_("Assessor score"), 10),
            (_("Note"), 40),
        ],
    )
    by_item = {a.item_id: a for a in assessment.answers.all()}
    for item in assessment.questionnaire.items.in_program_order():
        answer = by_item.get(item.pk)
        answers.append(
            [
                item.pk,
                item.get_part_display(),
                item.get_subpart_display(),
                item.text,
                item.weight,
                answer.self_score if answer else None,
                answer.answer if answer else "",
                answer.evidence if answer else "",
                answer.assessor_score if answer else None,
                answer.assessor_note if answer else "",
            ]
        )
    for row in answers.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(book)
