"""EXPLAIN ANALYZE of the claim list's queries, as the API builds them.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench SECRET_KEY=x \\
        .venv/bin/python bench/explain.py > plans.md

Each case is the query the API's claim list runs for a page of 50 (the
product's filter set, sort and keyset pagination, through ``claim_rows``), run
twice and the second (warm) plan printed as Markdown, for bench/README.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from claims.api import claim_rows
    from claims.api.filters import ApiClaimFilterSet
    from claims.api.pagination import _after
    from claims.models import Claim

    deep = (
        Claim.objects.filter(verdict="unreviewed")
        .order_by("-first_seen_at", "-id")
        .values_list("first_seen_at", "id")[500_000]
    )
    speaker = (
        Claim.objects.filter(pk__lte=5000)
        .values_list("claimant", flat=True)
        .order_by("claimant")
        .first()
    )
    cases = {
        "Filtered list (verdict), first page": ("verdict=unreviewed", None),
        "Filtered list (verdict), cursor 500,000 rows in": (
            "verdict=unreviewed",
            list(deep),
        ),
        "Speaker's claims": (f"speaker={speaker}", None),
        "Search, one common word (relevance)": ("q=inflation", None),
        "Search, two common words (relevance)": ("q=energy bills", None),
        "Search, rare words (relevance)": ("q=broadband halved 2011", None),
    }
    for title, (params, cursor) in cases.items():
        # A common word's ranked window is read while the queryset is built
        # (claims.filters._rank_window): those statements come first.
        with CaptureQueriesContext(connection) as built:
            filterset = ApiClaimFilterSet(
                QueryDict(params), queryset=Claim.objects.all()
            )
            queryset = filterset.qs
        rows = claim_rows.page_rows(queryset)
        if cursor:
            rows = rows.filter(_after(["-first_seen_at", "-id"], cursor, False))
        sql, values = rows[:51].query.sql_with_params()
        statements = [
            (q["sql"], None)
            for q in built.captured_queries
            if q["sql"].startswith('SELECT "claims_claim"')  # not the estimates
        ]
        print(f"#### {title} (`{params}`)\n\n```")
        for statement, args in [*statements, (sql, values)]:
            with connection.cursor() as db:
                for _ in range(2):
                    db.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, args)
                    plan = [row[0] for row in db.fetchall()]
            print("\n".join(plan))
        print("```\n")
    with connection.cursor() as db:
        db.execute(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT verdict, COUNT(*) FROM claims_claim "
            "WHERE claimant_id = %s GROUP BY verdict",
            [speaker],
        )
        plan = [row[0] for row in db.fetchall()]
    print("#### An actor's track record (claims by verdict)\n\n```")
    print("\n".join(plan))
    print("```")


if __name__ == "__main__":
    main()
