"""Every command of the demo app refuses to write demo data into production
(load_selection_data still loads the registry's real values there with --no-demo)."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

COMMANDS = sorted(
    path.stem
    for path in (Path(__file__).parents[1] / "management" / "commands").glob("*.py")
    if path.stem != "__init__"
)


def test_the_demo_app_holds_the_demo_commands() -> None:
    assert COMMANDS == [
        "load_demo",
        "load_followup_demo",
        "load_masterplan_demo",
        "load_selection_data",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("command", COMMANDS)
def test_a_demo_command_refuses_production(settings, command: str) -> None:  # type: ignore[no-untyped-def]
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="produksi"):
        call_command(command, verbosity=0)
