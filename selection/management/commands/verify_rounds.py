from typing import Any

from django.core.management.base import BaseCommand, CommandError

from selection.models import RoundMethod, SelectionRound
from selection.rounds import round_reproduces


class Command(BaseCommand):
    help = (
        "Recompute every published round from its recorded inputs and check that the "
        "input and result hashes are unchanged. Exit 1 if any round differs."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        differing = []
        rounds = SelectionRound.objects.published().exclude(method=RoundMethod.HISTORICAL)
        for selection_round in rounds.order_by("year", "pk"):
            same = round_reproduces(selection_round)
            self.stdout.write(
                f"{'OK ' if same else 'BEDA'} {selection_round.pk:>4} "
                f"{selection_round.name} (hasil {selection_round.result_hash[:12]})"
            )
            if not same:
                differing.append(selection_round.name)
        if differing:
            raise CommandError(
                f"{len(differing)} putaran tidak menghasilkan hasil yang sama: "
                + ", ".join(differing)
            )
        self.stdout.write(f"{rounds.count()} putaran terbit dihitung ulang: semua sama.")
