"""CheckThat! TSV -> the check-worthiness model file.

``python manage.py train_checkworthy --data train.tsv -o claims/ingest/data/
checkworthy.npz`` fits claims.ingest.checkworthy's logistic regression on the
sentences of a CheckThat! task 1 file and writes the weights. The same data and
options give the same file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.ingest import checkworthy


class Command(BaseCommand):
    help = "Train the check-worthiness model on a CheckThat! task 1 TSV file."
    # A pure transform: no system checks that might touch the database.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", required=True, help="CheckThat! task 1 TSV")
        parser.add_argument(
            "-o", "--output", default=str(checkworthy.MODEL_PATH), help="model file"
        )
        parser.add_argument("--epochs", type=int, default=checkworthy.EPOCHS)
        parser.add_argument("--l2", type=float, default=checkworthy.L2)
        parser.add_argument(
            "--learning-rate", type=float, default=checkworthy.LEARNING_RATE
        )
        parser.add_argument("--seed", type=int, default=checkworthy.SEED)

    def handle(self, *args: Any, **options: Any) -> None:
        if not Path(options["data"]).exists():
            raise CommandError(f"No such file: {options['data']}")
        try:
            texts, labels = checkworthy.read_checkthat_tsv(options["data"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        model = checkworthy.train(
            texts,
            labels,
            epochs=options["epochs"],
            learning_rate=options["learning_rate"],
            l2=options["l2"],
            seed=options["seed"],
        )
        model.save(options["output"])
        self.stderr.write(
            f"Trained on {len(texts)} sentences ({sum(labels)} check-worthy); "
            f"wrote {options['output']}."
        )
