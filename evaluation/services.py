"""Writes of an evaluation shared by the pages and the API: a rubric's settings and the scores
of a region (the region's own and the assigned assessor's)."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.access import AnyUser
from accounts.models import Role
from audit.versioning import FieldChange, StaleEdit, changes_since, fingerprint
from evaluation.forms import NOTE_LENGTH, RubricForm, score_field
from evaluation.models import Component, Rubric, RubricStatus, Score
from evaluation.results import award_tell
from inbox.models import Kind
from inbox.services import notify
from kotacerdas.errors import DomainError
from masterplans.models import Dimension
from regions.models import Region


class EvaluationClosed(DomainError):
    """A published evaluation no longer changes."""

    code = "closed"

    def __init__(self) -> None:
        super().__init__(_("A published evaluation no longer changes."))


@dataclass(frozen=True)
class CellProblem:
    dimension: str
    component: str
    message: str


class InvalidScores(DomainError):
    """Cells whose score is refused; nothing was written. A detail's field names the cell as
    ``scores.<dimension>.<component>``."""

    code = "invalid"
    status = 422

    def __init__(self, problems: list[CellProblem]) -> None:
        super().__init__(
            _("The request has invalid fields."),
            details=[
                {"field": f"scores.{p.dimension}.{p.component}", "message": p.message}
                for p in problems
            ],
        )
        self.problems = problems


def rubric_save(*, form: RubricForm) -> Rubric:
    """Save a valid rubric form: a new evaluation, or an open one's title, scale and weights
    (the form keeps the year, and the scale once scored); a published one no longer changes.

    An open one must still be at the form's version (StaleEdit otherwise); a form that changes
    nothing writes nothing.
    """
    with transaction.atomic():
        if not form.instance.pk:
            rubric: Rubric = form.save(commit=False)
            rubric.weights = form.cleaned_data["weights"]
            rubric.award_categories = form.cleaned_data["award_categories"]
            rubric.save()
            return rubric
        current = Rubric.objects.select_for_update().get(pk=form.instance.pk)
        if current.status == RubricStatus.PUBLISHED:
            raise EvaluationClosed
        base_version = form.cleaned_data.get("version")
        if base_version is None or current.version != base_version:
            changes, by = changes_since(current, base_version or 0)
            raise StaleEdit(current.version, base_version, changes, by)
        values = {name: form.cleaned_data[name] for name in ("title", "scale_max")}
        values["weights"] = form.cleaned_data["weights"]
        values["award_categories"] = form.cleaned_data["award_categories"]
        if all(getattr(current, name) == value for name, value in values.items()):
            return current
        for name, value in values.items():
            setattr(current, name, value)
        current.version += 1
        current.save()
    return current


SCORE_VALUES = ("self_score", "self_note", "assessor_score", "assessor_note")


def grid_version(rubric: Rubric, region: Region) -> str:
    """The version of a region's scoring grid: it changes whenever any cell does."""
    return fingerprint(
        Score.objects.filter(rubric=rubric, region=region, stage=rubric.open_stage)
        .order_by("dimension", "component")
        .values_list("dimension", "component", *SCORE_VALUES)
    )


def scores_save(
    *,
    rubric: Rubric,
    region: Region,
    user: AnyUser,
    cells: dict[tuple[str, str], dict[str, Any]],
    base_version: str | None = None,
) -> None:
    """Write the scores of the cells given, keyed by (dimension, component).

    Each cell maps ``self_score``/``self_note`` (the region's team) and/or
    ``assessor_score``/``assessor_note`` (the assessor assigned to the region) to raw values as
    typed; a note left out stays as it is, an empty score clears it. Every cell is checked
    first and all are written or none (``InvalidScores``). An assessor's score is verified as
    it is saved. With ``base_version`` (``grid_version`` when the grid was opened), a grid that
    changed since is refused (``StaleEdit``, naming the cells that differ from what was sent).
    """
    names = {name for values in cells.values() for name in values}
    if any(name.startswith("self_") for name in names):
        access.require(user, "evaluation.self_assess", region)
    if any(name.startswith("assessor_") for name in names):
        access.require(user, "evaluation.score", region)
    if rubric.is_published:  # said before the cells' problems; checked again under the lock
        raise EvaluationClosed
    parsed: dict[tuple[str, str], dict[str, Any]] = {}
    problems = []
    for (dim, comp), values in cells.items():
        clean: dict[str, Any] = {}
        for name, value in values.items():
            if name.endswith("_note"):
                clean[name] = str(value or "")[:NOTE_LENGTH]
                continue
            field = score_field(rubric.scale_max, name)
            try:
                clean[name] = field.clean("" if value is None else value)
            except ValidationError as exc:
                problems.append(CellProblem(dim, comp, " ".join(exc.messages)))
        parsed[(dim, comp)] = clean
    if problems:
        raise InvalidScores(problems)
    with transaction.atomic():
        if Rubric.objects.select_for_update().get(pk=rubric.pk).is_published:
            raise EvaluationClosed
        existing = {
            (s.dimension, s.component): s
            for s in Score.objects.filter(
                rubric=rubric, region=region, stage=rubric.open_stage
            ).select_related("assessor")
        }
        if base_version is not None and base_version != grid_version(rubric, region):
            raise _stale(existing, parsed, base_version, grid_version(rubric, region))
        verified = False
        for (dim, comp), values in parsed.items():
            score = existing.get((dim, comp)) or Score(
                rubric=rubric,
                region=region,
                stage=rubric.open_stage,
                dimension=dim,
                component=comp,
            )
            changed = False
            for name, value in values.items():
                if getattr(score, name) != value:
                    setattr(score, name, value)
                    changed = True
            verifying = values.get("assessor_score") is not None and (
                changed or score.verified_at is None
            )
            if verifying:
                score.assessor = user  # type: ignore[assignment]
                score.verified_at = timezone.now()
                changed = True
            if changed and (score.pk or any(v not in (None, "") for v in values.values())):
                score.save()
            verified = verified or verifying
        if verified:
            notify(
                access.people_of(region, (Role.REGIONAL_LEAD, Role.REGIONAL_EDITOR)),
                Kind.SCORE_VERIFIED,
                reverse("evaluation:region", args=[rubric.year, region.code]),
                params={"year": rubric.year, "region": region.name},
                # At most one a day: an assessor verifies cell by cell.
                key=f"score_verified:{rubric.pk}:{region.pk}:{timezone.localdate()}",
            )


def _stale(
    existing: dict[tuple[str, str], Score],
    sent: dict[tuple[str, str], dict[str, Any]],
    base_version: str,
    version: str,
) -> StaleEdit:
    """The refusal of a stale grid: the cells whose saved value differs from the one sent."""
    dimensions, components = dict(Dimension.choices), dict(Component.choices)
    changes, by = [], []
    for (dim, comp), values in sent.items():
        score = existing.get((dim, comp))
        for name, value in values.items():
            saved = getattr(score, name, None) if score else None
            if (saved or None) != (value or None):
                field = Score._meta.get_field(name)
                label = f"{dimensions[dim]} · {components[comp]} ({field.verbose_name})"  # type: ignore[union-attr]
                changes.append(FieldChange(name, label, None, saved))
                if score and score.assessor and name.startswith("assessor"):
                    by.append(score.assessor.get_username())
    stale = StaleEdit(version, base_version, changes, sorted(set(by)))
    stale.saved_values_only = True  # what each cell holds now; its value when opened is unknown
    return stale


@transaction.atomic
def rubric_publish(*, rubric: Rubric) -> Rubric:
    """Publish the evaluation: its indices, ranks and letters become public, its scores close,
    and each region awarded before now hears of its award."""
    rubric.status = RubricStatus.PUBLISHED
    rubric.published_at = timezone.now()
    rubric.version += 1
    rubric.save()
    for award in rubric.awards.exclude(decided_at=None).select_related("region", "rubric"):
        award_tell(award)
    return rubric


@transaction.atomic
def stage_two_open(*, rubric: Rubric, user: AnyUser) -> Rubric:
    """Open the year's second stage (tahap II): every region's stage I cells carry over as its
    starting point, and what is scored from now on supersedes them; stage I stays as it was."""
    access.require(user, "evaluation.manage")
    current = Rubric.objects.select_for_update().get(pk=rubric.pk)
    if current.is_published:
        raise EvaluationClosed
    if current.open_stage >= 2:
        raise DomainError(_("The second stage is already open."), code="stage_open")
    Score.objects.bulk_create(
        [
            Score(
                rubric=current,
                stage=2,
                region_id=s.region_id,
                dimension=s.dimension,
                component=s.component,
                self_score=s.self_score,
                self_note=s.self_note,
                assessor_score=s.assessor_score,
                assessor_note=s.assessor_note,
                assessor_id=s.assessor_id,
                verified_at=s.verified_at,
            )
            for s in Score.objects.filter(rubric=current, stage=1)
        ]
    )
    current.open_stage = 2
    current.version += 1
    current.save()
    return current
