"""Fill PostgreSQL with synthetic outlets, actors, articles, claims and reviews.

For load tests and benchmarks: ``manage.py fill_synthetic --claims 1000000``
writes rows with COPY in batches, reproducibly from ``--seed``, with a few
actors saying most claims (Zipf skew) and dates spread over two years. The
rows get ids above the current maximum, so it adds to what is there.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

import numpy as np
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from claims.ingest import embed, matching
from claims.models import (
    Actor,
    Appearance,
    Article,
    Claim,
    ClaimVector,
    MatchTerm,
    Review,
    Source,
)

# fmt: off
FIRST = ["Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemi", "Liam", "Maya", "Nikos", "Olga", "Pavel", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Yusuf", "Zoe"]  # noqa: E501
LAST = ["Adams", "Brown", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jones", "Khan", "Lopez", "Moreau", "Novak", "Okafor", "Patel", "Quinn", "Rossi", "Silva", "Tanaka", "Ueda", "Vargas", "Weber", "Yilmaz", "Zhou"]  # noqa: E501
ORG = ["Ministry", "Council", "Agency", "Commission", "Institute", "Union", "Party", "Bank", "Court", "Association"]  # noqa: E501
TOPIC = ["Health", "Energy", "Transport", "Housing", "Defence", "Education", "Finance", "Water", "Trade", "Justice", "Farming", "Climate"]  # noqa: E501
VERBS = ["said", "claimed", "told reporters", "insisted", "warned", "added", "argued"]
# How the extractor found an attribution (confidence.basis).
BASES = ["clause/named", "quote+quoted/named", "clause/pronoun", "object/unnamed"]
THINGS = ["hospital waiting lists", "energy bills", "rail fares", "the deficit",
          "unemployment", "house prices", "crime", "school funding", "emissions",
          "wages", "inflation", "tax receipts", "migration", "broadband coverage"]
MOVES = ["fell", "rose", "doubled", "halved", "grew", "dropped", "stayed flat"]
UNITS = ["per cent", "million", "billion", "thousand", "points"]
# fmt: on
PAPERS = ["Times", "Post", "Herald", "News"]
VERDICTS = ["verified", "misleading", "false", "unverifiable"]
START = datetime(2024, 1, 1, tzinfo=UTC)
# COPY's marker for NULL, so that empty strings stay empty strings.
NULL = "\\N"


SYLLABLES = "ka lo mer vin dal tor bre sun hav el gar mon ril ost pen wick ash ford by mere".split()  # noqa: E501, SIM905


def _places(rng: random.Random, count: int = 20_000) -> list[str]:
    """Made-up place names; claims name them with Zipf skew, as news does."""
    names: dict[str, None] = {}
    while len(names) < count:
        parts = rng.choices(SYLLABLES, k=rng.randint(2, 4))
        names["".join(parts).capitalize()] = None
    return list(names)


def _claim_text(rng: random.Random, places: list[str] | None = None) -> str:
    n = rng.randint(2, 95)
    text = (
        f"{rng.choice(THINGS).capitalize()} {rng.choice(MOVES)} by {n} "
        f"{rng.choice(UNITS)} since {rng.randint(2009, 2024)}, "
        f"the {rng.choice(TOPIC).lower()} figures show in {rng.choice(LAST)}shire"
    )
    if places:
        # Two places, the first from the head of the list far more often.
        near = places[min(int(rng.paretovariate(1.0)) - 1, len(places) - 1)]
        text += f" near {near} and {rng.choice(places)}"
    return text


class Command(BaseCommand):
    help = "Add synthetic rows for load tests (PostgreSQL, COPY in batches)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--claims", type=int, default=1_000_000)
        parser.add_argument("--articles", type=int, default=200_000)
        parser.add_argument("--actors", type=int, default=50_000)
        parser.add_argument("--sources", type=int, default=500)
        parser.add_argument("--reviews", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch", type=int, default=50_000)
        parser.add_argument(
            "--match-index",
            action="store_true",
            help="also the claim-matching index: place names in the claims, "
            "their content words and a (random, seeded) vector per claim",
        )

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("fill_synthetic writes with COPY: set DATABASE_URL.")
        rng = random.Random(options["seed"])  # noqa: S311 (reproducible, not secret)
        self.batch = options["batch"]
        reviewer, _ = User.objects.get_or_create(username="synthetic-editor")
        now = datetime.now(UTC)

        sources = self._copy(
            Source,
            ["name", "kind", "homepage", "created_at", "updated_at"],
            (
                [
                    f"The {rng.choice(LAST)} {rng.choice(PAPERS)} {i}",
                    "news",
                    f"https://outlet{i}.example/",
                    now,
                    now,
                ]
                for i in range(options["sources"])
            ),
            options["sources"],
        )
        actors = self._copy(
            Actor,
            [
                "name",
                "key",
                "kind",
                "description",
                "wikidata_id",
                "created_at",
                "updated_at",
            ],
            self._actor_rows(rng, options["actors"], now),
            options["actors"],
        )
        articles = self._copy(
            Article,
            [
                "source_id",
                "origin",
                "url",
                "submitted_url",
                "title",
                "byline",
                "published_at",
                "language",
                "raw_html",
                "text",
                "content_hash",
                "status",
                "status_changed_at",
                "error",
                "attempts",
                "extractor_version",
                "created_at",
                "updated_at",
            ],
            self._article_rows(rng, options["articles"], sources),
            options["articles"],
        )
        # Zipf-like skew: actor k is chosen with weight 1/k.
        weights = [1 / (k + 1) for k in range(len(actors))]
        claimant_ids = rng.choices(actors, weights=weights, k=options["claims"])
        self.places = _places(rng) if options["match_index"] else None
        self.claim_texts: list[str] = []
        claims = self._copy(
            Claim,
            [
                "text",
                "text_key",
                "fingerprint",
                "claimant_id",
                "checkworthiness",
                "verdict",
                "attribution_status",
                "version",
                "search_text",
                "first_seen_at",
                "created_at",
                "updated_at",
            ],
            self._claim_rows(rng, options["claims"], claimant_ids),
            options["claims"],
        )
        self._copy(
            Appearance,
            [
                "claim_id",
                "article_id",
                "content_spans",
                "start",
                "end",
                "cue_text",
                "source_text",
                "is_direct",
                "confidence",
                "found_by",
                "extractor_version",
                "speaker_id",
                "match_method",
                "created_at",
            ],
            self._appearance_rows(rng, claims, claimant_ids, articles, now),
            len(claims),
        )
        if self.places:
            self._match_index(claims, options["seed"])
        reviewed = rng.sample(claims, min(options["reviews"], len(claims)))
        self._copy(
            Review,
            [
                "claim_id",
                "reviewer_id",
                "verdict",
                "rationale",
                "evidence",
                "attribution",
                "attribution_note",
                "created_at",
            ],
            (
                [
                    cid,
                    reviewer.pk,
                    rng.choice(VERDICTS),
                    "Checked against the figures.",
                    "[]",
                    "",
                    "",
                    START + timedelta(days=rng.randint(0, 700)),
                ]
                for cid in reviewed
            ),
            len(reviewed),
        )
        self._finish(reviewed)

    def _match_index(self, claims: list[int], seed: int) -> None:
        """What matching searches: content words and vectors of every claim."""
        texts = self.claim_texts
        self._copy(
            MatchTerm,
            ["claim_id", "key"],
            (
                [claim_id, key]
                for claim_id, text in zip(claims, texts, strict=True)
                for key in matching.term_keys(text)
            ),
            sum(len(matching.term_keys(t)) for t in texts[:1000]) * len(texts) // 1000,
        )
        vectors = np.random.default_rng(seed)

        def rows() -> Iterator[list]:
            for start in range(0, len(claims), 10_000):
                block = vectors.standard_normal((10_000, embed.STATIC_DIMENSIONS))
                block = block.astype(np.float32)
                block /= np.linalg.norm(block, axis=1, keepdims=True)
                ids = claims[start : start + 10_000]
                for claim_id, vector in zip(ids, block[: len(ids)], strict=True):
                    yield [claim_id, "\\x" + matching.pack(vector).hex()]

        self._copy(ClaimVector, ["claim_id", "vector"], rows(), len(claims), ids=False)

    def _actor_rows(self, rng, count, now) -> Iterator[list]:
        seen: set[str] = set()
        for i in range(count):
            if rng.random() < 0.8:
                name, kind = f"{rng.choice(FIRST)} {rng.choice(LAST)}", "person"
            else:
                name, kind = f"{rng.choice(TOPIC)} {rng.choice(ORG)}", "organisation"
            if name.lower() in seen:
                name = f"{name} {i}"
            seen.add(name.lower())
            yield [name, name.lower(), kind, "", "", now, now]

    def _article_rows(self, rng, count, sources) -> Iterator[list]:
        for i in range(count):
            day = START + timedelta(
                days=rng.randint(0, 700), minutes=rng.randint(0, 1439)
            )
            title = f"{rng.choice(TOPIC)}: {rng.choice(THINGS)} {rng.choice(MOVES)}"
            url = f"https://outlet{rng.randrange(len(sources))}.example/a/{i}"
            text = f"{title}.\n\n" + " ".join(
                f"{_claim_text(rng)}, {rng.choice(FIRST)} {rng.choice(LAST)} "
                f"{rng.choice(VERBS)}."
                for _ in range(4)
            )
            yield [
                rng.choice(sources),
                "url",
                url,
                url,
                title,
                "",
                day,
                "en",
                "",
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                "done",
                day,
                "",
                1,
                "synthetic",
                day,
                day,
            ]

    def _claim_rows(self, rng, count, claimant_ids) -> Iterator[list]:
        for i in range(count):
            day = START + timedelta(
                days=rng.randint(0, 700), minutes=rng.randint(0, 1439)
            )
            text = _claim_text(rng, self.places)
            if self.places:
                self.claim_texts.append(text)
            fingerprint = hashlib.sha256(f"synthetic-{i}-{text}".encode()).hexdigest()
            yield [
                text,
                matching.text_key(text),
                fingerprint,
                claimant_ids[i],
                round(rng.random(), 3),
                "unreviewed",
                "unchecked",
                1,
                "",
                day,
                day,
                day,
            ]

    def _appearance_rows(self, rng, claims, speakers, articles, now) -> Iterator[list]:
        for claim_id, speaker_id in zip(claims, speakers, strict=True):
            # Most claims appear once; some are repeated across outlets.
            for n in range(1 if rng.random() < 0.9 else rng.randint(2, 4)):
                start = rng.randint(0, 200)
                yield [
                    claim_id,
                    rng.choice(articles),
                    json.dumps([[start, start + 80]]),
                    start + n,
                    start + n + 80,
                    rng.choice(VERBS),
                    "",
                    rng.random() < 0.5,
                    round(rng.uniform(0.5, 0.95), 2),
                    rng.choice(BASES),
                    "synthetic",
                    speaker_id,
                    "",
                    now,
                ]

    def _copy(
        self,
        model,
        columns: list[str],
        rows: Iterable[list],
        total: int,
        *,
        ids: bool = True,
    ) -> list:
        """COPY rows with explicit ids above the current maximum; return the ids.

        ``ids=False``: the rows carry their own key (a one-to-one table)."""
        table = model._meta.db_table
        next_id = 1
        if ids:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
                next_id = cursor.fetchone()[0] + 1
        with_ids = ids
        ids: list[int] = []
        quoted = ", ".join(f'"{c}"' for c in (["id"] if with_ids else []) + columns)
        bar = tqdm(total=total, desc=table, unit="row", file=sys.stderr)
        buffer, writer, pending = io.StringIO(), None, 0
        for row in rows:
            if writer is None:
                writer = csv.writer(buffer)
            values = [NULL if v is None else v for v in row]
            writer.writerow([next_id, *values] if with_ids else values)
            ids.append(next_id)
            next_id += 1
            pending += 1
            if pending == self.batch:
                self._flush(table, quoted, buffer)
                bar.update(pending)
                buffer, writer, pending = io.StringIO(), None, 0
        if pending:
            self._flush(table, quoted, buffer)
            bar.update(pending)
        bar.close()
        if not with_ids:
            return ids
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT MAX(id) FROM {table}))"
            )
        return ids

    def _flush(self, table: str, columns: str, buffer: io.StringIO) -> None:
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(
                f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')",
                buffer,
            )

    def _finish(self, reviewed: list[int]) -> None:
        """Verdicts of reviewed claims, then search text and vectors, in SQL."""
        self.stderr.write("verdicts, search text and vectors ...")
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE claims_claim c SET verdict = r.verdict
                FROM (SELECT DISTINCT ON (claim_id) claim_id, verdict FROM claims_review
                      ORDER BY claim_id, created_at DESC) r
                WHERE r.claim_id = c.id AND c.id = ANY(%s)
                """,
                [reviewed],
            )
            cursor.execute(
                """
                UPDATE claims_claim c SET
                  search_text = COALESCE(a.name, ''),
                  search_vector = setweight(to_tsvector('english', c.text), 'A')
                    || setweight(to_tsvector('english', COALESCE(a.name, '')), 'B')
                FROM claims_claim c2 LEFT JOIN claims_actor a ON a.id = c2.claimant_id
                WHERE c2.id = c.id AND c.search_vector IS NULL
                """
            )
            cursor.execute("ANALYZE")
        self.stdout.write("done")
