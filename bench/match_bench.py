"""Time to match one new claim against a million stored ones.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_match \\
        .venv/bin/python bench/match_bench.py [--claims-sampled 300] [--out FILE]

The database is filled by ``manage.py fill_synthetic --match-index`` (claims
naming made-up places with Zipf skew, their content words in the term index,
and a seeded random vector per claim, since embedding a million synthetic
sentences would take hours and the time to search does not depend on what the
vectors say). New claims are made from stored ones, in three equal parts:

- **repeat**: a stored claim's words exactly (found by the text key);
- **edited**: a stored claim with one word changed and its vector nudged
  (found through shared words, scored by trigrams and cosine);
- **new**: words recombined from two stored claims with a fresh vector (the
  whole search runs and finds nothing to link).

Each is matched with ``services.matching.find_matches`` as the store calls it,
in its own request to PostgreSQL, one at a time. Printed: p50/p95/p99 of the
match per kind and over all; the static embedding of one claim (the worker
does it before the store's transaction) timed separately; what was found.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims-sampled", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from claims.ingest import embed, matching
    from claims.models import Claim, ClaimVector
    from claims.services.matching import find_matches

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_claim")
        total = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM claims_matchterm")
        terms = cursor.fetchone()[0]
    if not terms:
        sys.exit("no term index: fill with manage.py fill_synthetic --match-index")
    rng = random.Random(args.seed)
    vectors_rng = np.random.default_rng(args.seed)
    top = Claim.objects.order_by("-pk").values_list("pk", flat=True).first()
    sample_ids = rng.sample(range(1, top + 1), args.claims_sampled * 2)
    rows = dict(Claim.objects.filter(pk__in=sample_ids).values_list("pk", "text"))
    stored = dict(
        ClaimVector.objects.filter(claim_id__in=rows).values_list("claim_id", "vector")
    )
    ids = [pk for pk in sample_ids if pk in rows and pk in stored]
    third = args.claims_sampled // 3

    def nudged(pk: int) -> np.ndarray:
        vector = matching.unpack(stored[pk]) + vectors_rng.normal(
            0, 0.01, embed.STATIC_DIMENSIONS
        )
        return (vector / np.linalg.norm(vector)).astype(np.float32)

    def fresh() -> np.ndarray:
        vector = vectors_rng.standard_normal(embed.STATIC_DIMENSIONS).astype(np.float32)
        return vector / np.linalg.norm(vector)

    cases: list[tuple[str, str, np.ndarray]] = []
    for pk in ids[:third]:
        cases.append(("repeat", rows[pk], nudged(pk)))
    for pk in ids[third : 2 * third]:
        words = rows[pk].split()
        words[rng.randrange(1, len(words))] = "reportedly"
        cases.append(("edited", " ".join(words), nudged(pk)))
    for a, b in zip(ids[2 * third : 3 * third], ids[3 * third :], strict=False):
        head, tail = rows[a].split(" near "), rows[b].split(" near ")
        cases.append(("new", f"{head[0]} near {tail[-1]}", fresh()))

    find_matches([cases[0][1]], {cases[0][1]: cases[0][2]})  # warm the connection
    timings: dict[str, list[float]] = {"repeat": [], "edited": [], "new": []}
    outcomes: dict[str, dict[str, int]] = {k: {} for k in timings}
    for kind, text, vector in cases:
        began = time.perf_counter()
        found = find_matches([text], {text: vector})[0]
        timings[kind].append((time.perf_counter() - began) * 1000)
        outcome = f"{found.action} ({found.method})" if found else "none"
        outcomes[kind][outcome] = outcomes[kind].get(outcome, 0) + 1

    embed_ms: list[float] = []
    if embed.available():
        embed.static(["warm the model"])
        for _kind, text, _vector in cases[:100]:
            began = time.perf_counter()
            embed.static([text])
            embed_ms.append((time.perf_counter() - began) * 1000)

    every = [t for values in timings.values() for t in values]
    print(f"{total:,} stored claims, {terms:,} index rows; {len(every)} new claims")
    print(f"{'kind':<8} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  found")
    for kind, values in [*timings.items(), ("all", every)]:
        found = outcomes.get(kind, {})
        print(
            f"{kind:<8} {len(values):>4} {statistics.median(values):>8.1f}"
            f" {percentile(values, 95):>8.1f} {percentile(values, 99):>8.1f}  {found}"
        )
    if embed_ms:
        print(
            "embedding one claim (static table, one process): p50 "
            f"{statistics.median(embed_ms):.1f} ms, "
            f"p95 {percentile(embed_ms, 95):.1f} ms"
        )
    result = {
        "match_claims": total,
        "match_p50_ms": round(statistics.median(every), 1),
        "match_p95_ms": round(percentile(every, 95), 1),
        "match_p99_ms": round(percentile(every, 99), 1),
        "match_embed_p95_ms": round(percentile(embed_ms, 95), 1) if embed_ms else None,
        "match_cases": {
            kind: {
                "n": len(values),
                "p50_ms": round(statistics.median(values), 1),
                "p95_ms": round(percentile(values, 95), 1),
                "found": outcomes[kind],
            }
            for kind, values in timings.items()
        },
    }
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
