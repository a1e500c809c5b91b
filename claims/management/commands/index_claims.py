"""Make stored claims findable by claim matching: words and embeddings.

New claims are indexed as they are stored; this is for claims stored before
matching existed (or with MATCH_SEMANTIC off), and after an upgrade that changed
the embedding (migration 0012 removed vectors of the earlier model).
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from claims.ingest import matching
from claims.models import Claim, ClaimVector
from claims.services.matching import insert_terms, semantic_enabled


class Command(BaseCommand):
    help = (
        "Index stored claims for matching: their content words, and their "
        "embeddings when the MiniLM model is installed. Only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=256)

    def handle(self, *args, **options):
        batch = options["batch"]
        unindexed = Claim.objects.filter(terms__isnull=True).order_by("pk")
        total = unindexed.count()
        with tqdm(total=total, unit="claim", desc="words", file=sys.stderr) as bar:
            last = 0
            while rows := list(
                unindexed.filter(pk__gt=last).values_list("pk", "text")[:batch]
            ):
                insert_terms(
                    [(pk, key) for pk, text in rows for key in matching.term_keys(text)]
                )
                last = rows[-1][0]
                bar.update(len(rows))
        embedded = 0
        if semantic_enabled():
            from claims.ingest import embed

            missing = Claim.objects.filter(vector__isnull=True).order_by("pk")
            with tqdm(
                total=missing.count(), unit="claim", desc="vectors", file=sys.stderr
            ) as bar:
                last = 0
                while rows := list(
                    missing.filter(pk__gt=last).values_list("pk", "text")[:batch]
                ):
                    vectors = embed.static([text for _, text in rows])
                    with transaction.atomic():
                        ClaimVector.objects.bulk_create(
                            (
                                ClaimVector(claim_id=pk, vector=matching.pack(v))
                                for (pk, _), v in zip(rows, vectors, strict=True)
                            ),
                            ignore_conflicts=True,
                        )
                    embedded += len(rows)
                    last = rows[-1][0]
                    bar.update(len(rows))
        self.stdout.write(
            f"indexed the words of {total} claims and embedded {embedded}"
        )
