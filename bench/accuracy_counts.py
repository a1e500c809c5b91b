"""The accuracy page's counts at scale: editors' attribution checks by
confidence band, and the articles an earlier analyser read.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench SECRET_KEY=x \\
        .venv/bin/python bench/accuracy_counts.py [--checked 50000]

Needs a database filled by ``make bench`` (or ``manage.py fill_synthetic``).
Synthetic claims are all unchecked, so this first marks ``--checked`` claims
checked (confirmed, disputed, misattributed at random; reset at the end);
synthetic articles carry no analyser version, so every finished one counts
as outdated, the worst case. Then it times each count uncached, the fastest
of three runs, as the page computes them once every
CHECKS_CACHE_SECONDS (claims/views/browse.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")


def _fastest(work, runs: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checked", type=int, default=50_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from claims.models import Article, Claim
    from claims.services import articles_outdated
    from claims.services.reviews import attribution_checks

    claims, articles = Claim.objects.count(), Article.objects.count()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE claims_claim SET attribution_status = (ARRAY['confirmed',"
            " 'disputed', 'misattributed'])[1 + floor(random() * 3)::int]"
            " WHERE id IN (SELECT id FROM claims_claim ORDER BY random() LIMIT %s)",
            [args.checked],
        )
        # As autovacuum would have by the time checks built up one by one: the
        # visibility map lets the status index answer without the table.
        cur.execute("VACUUM ANALYZE claims_claim")
    try:
        checks_ms, bands = _fastest(lambda: attribution_checks(settings.LOW_CONFIDENCE))
        outdated_ms, outdated = _fastest(lambda: articles_outdated().count())
    finally:
        with connection.cursor() as cur:
            cur.execute(
                "UPDATE claims_claim SET attribution_status = 'unchecked'"
                " WHERE attribution_status <> 'unchecked'"
            )
    print(f"{claims:,} claims, {articles:,} articles, {args.checked:,} checked")
    print(f"attribution checks by confidence: {checks_ms:.0f} ms")
    for band in bands:
        print(f"  {band.label}: {band.checked:,} checked, {band.confirmed:,} confirmed")
    print(f"articles read by an earlier analyser: {outdated_ms:.0f} ms ({outdated:,})")


if __name__ == "__main__":
    main()
