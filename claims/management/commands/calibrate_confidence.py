"""Measure how often each way of finding an attribution is right.

``python manage.py calibrate_confidence --kit ../shared/eval`` runs ``analyze``
on the ``train`` split of the kit's attribution task, matches its attributions
with the annotated ones through the kit's own ``score.py``, and prints the
table ``claims.ingest.confidence.CONFIDENCE`` should hold, with how well the
current table and the new one hold on that split. ``--pred`` reuses a
predictions file instead of running ``analyze``. It writes nothing: the table
is pasted into confidence.py by hand, so a change of it is a reviewed commit.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.ingest import confidence
from claims.quality import (
    add_kit_argument,
    attribution_outcomes,
    calibration,
    kit_folder,
)


class Command(BaseCommand):
    help = (
        "Measure, on annotated news, the confidence of each way attributions are found."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        add_kit_argument(parser)
        parser.add_argument("--split", default="train")
        parser.add_argument("--pred", help="predictions of that split (skips analyze)")

    def handle(self, *args: Any, **options: Any) -> None:
        kit = kit_folder(options["kit"])
        split = options["split"]
        with tempfile.TemporaryDirectory() as tmp:
            pred = Path(options["pred"] or Path(tmp) / "attribution.jsonl")
            if not options["pred"]:
                call_command(
                    "analyze", str(kit / "attribution/inputs.jsonl.gz"),
                    "--split", split, "-o", str(pred),
                    stdout=self.stderr, stderr=self.stderr,
                )  # fmt: skip
            outcomes = attribution_outcomes(kit, pred, split)
        if not outcomes:
            raise CommandError(f"No attributions predicted on split {split!r}.")
        table = confidence.fit([(key, right) for key, _, right in outcomes])
        right = sum(ok for _, _, ok in outcomes) / len(outcomes)
        counts = Counter(key for key, _, _ in outcomes)
        self.stdout.write("CONFIDENCE = {")
        for key, value in table.items():
            seen = f"  # {counts[key]}" if counts[key] else ""
            self.stdout.write(f'    "{key}": {value},{seen}')
        self.stdout.write("}")
        self.stdout.write(f"CONFIDENCE_DEFAULT = {right:.2f}")
        threshold = settings.LOW_CONFIDENCE
        now = calibration(outcomes, threshold)
        refit = calibration(
            [(key, table[key], ok) for key, _, ok in outcomes], threshold
        )
        for name, figures in (("current table", now), ("this table", refit)):
            self.stderr.write(
                f"{name} on {split} ({figures['attributions']} attributions): "
                f"calibration error {figures['error']:.3f}, "
                f"{figures['flagged']:.1%} flagged below {threshold:g}, "
                f"{figures['flagged_wrong']:.1%} of them wrong, "
                f"{figures['unflagged_right']:.1%} of the rest right"
            )
