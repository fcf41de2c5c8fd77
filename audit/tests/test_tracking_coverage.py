"""Every model of the platform's own apps records its history, unless exempted here with a
reason. A new model without ``audit.tracking.track`` fails this test."""

from django.apps import apps

from audit.tracking import is_tracked

PLATFORM_APPS = {
    "accounts",
    "regions",
    "portal",
    "api",
    "selection",
    "readiness",
    "masterplans",
    "mentoring",
    "participation",
    "monitoring",
    "evaluation",
    "commitments",
    "inbox",
    "trash",
}
EXEMPT = {
    "audit.AuditEvent": "the history itself",
    "selection.IndicatorValue": "tens of thousands per import; versioned by ImportRun instead "
    "(a re-import marks the old values replaced_by the new run, nothing is overwritten)",
    "masterplans.WorkbookUpload": "a file in transit between two steps of one import; the "
    "import itself is recorded (audit IMPORT) with every program it wrote",
    "selection.RoundResult": "derived: recomputed from the round's recorded inputs; a published "
    "round's results are frozen with their hash",
}


def test_every_platform_model_records_its_history() -> None:
    untracked = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PLATFORM_APPS
        and model._meta.label not in EXEMPT
        and not is_tracked(model)
    ]
    assert not untracked, f"models without history (call audit.tracking.track): {untracked}"


def test_tracked_models_include_roles_and_regions() -> None:
    for label in ["accounts.Membership", "accounts.User", "regions.Region"]:
        assert is_tracked(apps.get_model(label)), label
