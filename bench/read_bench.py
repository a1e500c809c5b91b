"""The read path at scale: API and pages under gunicorn, beside the floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench SECRET_KEY=x \\
        .venv/bin/python bench/read_bench.py [--seconds 10] [--concurrency 4]

Needs a PostgreSQL database filled by ``manage.py fill_synthetic`` (1,000,000
claims by default; at least 100,000). Starts gunicorn with one worker per core
on a free port, sends the load from this process (bench/load.py: keep-alive
connections in threads) and prints requests/s and p50/p95/p99 latency for:
the claims list (50, filtered), pages far into it (cursor at 10 %, 50 %, 90 %),
full-text search for common and rare words, claim detail and actor, through
the API and as HTML pages. Then the same list through ``bench/floor.py`` (the
same SQL, psycopg2 and orjson, no framework) under the same gunicorn, and the
ratio of the two. Reports the peak RSS of the web workers. Writes everything to
bench/results-read.json.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

from bench.load import Result, combine, run  # noqa: E402

# Common words match a large share of the synthetic claims, rare ones a few.
COMMON = ["inflation", "figures show", "energy bills"]
RARE = ["broadband halved 2011", "Okafor Diaz", "wages doubled 93"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _token() -> str:
    """A read token for a bench user, made by the product's own service."""
    from django.contrib.auth.models import Group, User

    from claims.services.tokens import api_token_create

    user, _ = User.objects.get_or_create(username="bench-reader")
    user.groups.add(Group.objects.get(name="journalist"))
    _, key = api_token_create(user=user, name="bench", scope="read")
    return key


def _wait(url: str, headers: dict) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers=headers)
            with urllib.request.urlopen(request, timeout=30):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url}")


def _cursor(ordering: list[str], values: list) -> str:
    """A cursor as the API's paginator writes it (claims/api/pagination.py)."""
    payload = json.dumps(
        {"o": ordering, "v": values, "r": False}, separators=(",", ":")
    )
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _floor_cursor(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _deep_rows(verdict: str, total: int) -> list[tuple[str, int]]:
    """(first_seen_at, id) of the rows 10 %, 50 % and 90 % into the list."""
    from claims.models import Claim

    rows = []
    for share in (0.1, 0.5, 0.9):
        row = (
            Claim.objects.filter(verdict=verdict)
            .order_by("-first_seen_at", "-id")
            .values_list("first_seen_at", "id")[int(total * share)]
        )
        rows.append((row[0].isoformat(), row[1]))
    return rows


def _rss_mb(parent: int) -> float:
    """Peak resident memory (VmHWM) of the largest child of ``parent``."""
    peak = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines()
            )
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == str(parent):
            peak = max(peak, int(fields.get("VmHWM", "0 kB").split()[0]))
    return round(peak / 1024, 1)


class Server:
    """gunicorn serving ``app`` on a free port, as the deployment runs it."""

    def __init__(self, app: str, workers: int, env: dict) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )

    def stop(self) -> float:
        rss = _rss_mb(self.process.pid)
        self.process.terminate()
        self.process.wait(timeout=30)
        return rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--rounds",
        type=int,
        default=4,
        help="alternations of the API list and the floor (sharing --seconds)",
    )
    parser.add_argument(
        "--list-only",
        action="store_true",
        help="only the API claim list and the floor (their ratio), for quick checks",
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results-read.json"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database with claims.")

    import django

    django.setup()
    from django.db import connection

    from claims.models import Actor, Claim

    with connection.cursor() as cursor:  # the planner's estimate: no 1M-row scan
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = %s",
            ["claims_claim"],
        )
        claims = cursor.fetchone()[0]
    if claims < 100_000:
        raise SystemExit(f"About {claims} claims: run manage.py fill_synthetic first.")
    # The busiest speaker (the data is skewed: a few actors say most claims),
    # and one with a handful of claims.
    busy = Claim.objects.filter(pk__lte=5000).values_list("claimant", flat=True)
    busy = max(set(busy), key=list(busy).count)
    quiet = Actor.objects.order_by("-id").values_list("id", flat=True)[:20]
    token = _token()
    api = {"Authorization": f"Token {token}", "Accept": "application/json"}
    unreviewed = Claim.objects.filter(verdict="unreviewed").count()
    deep = _deep_rows("unreviewed", unreviewed)
    order = ["-first_seen_at", "-id"]
    sample = list(Claim.objects.order_by("?").values_list("id", flat=True)[:200])

    env = {
        **os.environ,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_THROTTLE_USER": "100000000/hour",
        "API_THROTTLE_ANON": "100000000/hour",
        "LOG_LEVEL": "WARNING",
    }
    lists = [
        "/api/v1/claims/?verdict=unreviewed&page_size=50",
        f"/api/v1/claims/?speaker={busy}&page_size=50",
    ]
    api_cases = {
        "api: claims list, 50, filtered": lists,
        "api: deep pages (10/50/90 %)": [
            f"/api/v1/claims/?verdict=unreviewed&page_size=50&cursor="
            f"{_cursor(order, list(row))}"
            for row in deep
        ],
        "api: search, common words": [
            f"/api/v1/claims/?q={q.replace(' ', '+')}&page_size=50" for q in COMMON
        ],
        "api: search, rare words": [
            f"/api/v1/claims/?q={q.replace(' ', '+')}&page_size=50" for q in RARE
        ],
        "api: claim detail": [f"/api/v1/claims/{pk}/" for pk in sample],
        "api: actor": [f"/api/v1/actors/{pk}/" for pk in [busy, *quiet]],
    }
    page_cases = {
        "html: claims list, filtered": [
            "/claims/?verdict=unreviewed",
            f"/claims/?speaker={busy}",
        ],
        "html: search": [f"/claims/?q={q.replace(' ', '+')}" for q in COMMON + RARE],
        "html: claim page": [f"/claims/{pk}/" for pk in sample],
        "html: actor page": [f"/actors/{pk}/" for pk in [busy, *quiet]],
    }
    print(
        f"~{claims:,} claims ({unreviewed:,} unreviewed); gunicorn workers "
        f"{args.workers}; load: {args.concurrency} connections, {args.seconds:g} s "
        "per case, from this process"
    )
    results: dict[str, Result] = {}

    def measure(base: str, cases: dict, headers: dict) -> None:
        for name, paths in cases.items():
            result = run(
                name,
                base,
                paths,
                headers=headers,
                concurrency=args.concurrency,
                seconds=args.seconds,
            )
            print(result.line(), flush=True)
            results[name] = result

    floor_paths = [
        "/claims/?verdict=unreviewed&page_size=50",
        f"/claims/?speaker={busy}&page_size=50",
    ]
    server = Server("tracker.wsgi", args.workers, env)
    floor = Server("bench.floor:app", args.workers, env)
    try:
        _wait(f"{server.base}{lists[0]}", api)
        _wait(f"{floor.base}{floor_paths[0]}", {})
        # The list and the floor in alternating rounds, so that whatever else
        # the machine does weighs on both alike: their ratio is the figure.
        rounds = {"api": [], "floor": []}
        for _ in range(args.rounds):
            for side, base, paths, headers in (
                ("api", server.base, lists, api),
                ("floor", floor.base, floor_paths, {}),
            ):
                rounds[side].append(
                    run(
                        side,
                        base,
                        paths,
                        headers=headers,
                        concurrency=args.concurrency,
                        seconds=args.seconds / args.rounds,
                    )
                )
        for side, name in (
            ("api", "api: claims list, 50, filtered"),
            ("floor", "floor: claims list, 50, filtered"),
        ):
            results[name] = combine(name, rounds[side])
            print(results[name].line(), flush=True)
        if args.list_only:
            api_cases, page_cases = {}, {}
        else:
            del api_cases["api: claims list, 50, filtered"]
    finally:
        floor.stop()
    try:
        measure(server.base, api_cases, api)
        measure(server.base, page_cases, {})
    finally:
        web_rss = server.stop()
    print(f"web worker peak RSS: {web_rss} MB")

    api_list = results["api: claims list, 50, filtered"]
    floor_list = results["floor: claims list, 50, filtered"]
    ratio = api_list.rps / floor_list.rps if floor_list.rps else 0.0
    print(f"API list throughput / floor: {ratio:.2f}")
    if args.list_only:
        return
    summary = {
        "claims": claims,
        "api_list_p95_ms": round(api_list.percentile(95), 1),
        "api_list_rps": round(api_list.rps, 1),
        "floor_list_rps": round(floor_list.rps, 1),
        "api_floor_ratio": round(ratio, 2),
        "search_p95_ms": round(
            max(
                results[f"api: search, {k} words"].percentile(95)
                for k in ("common", "rare")
            ),
            1,
        ),
        "deep_page_p95_ms": round(
            results["api: deep pages (10/50/90 %)"].percentile(95), 1
        ),
        "web_rss_mb": web_rss,
        "cases": {name: r.as_dict() for name, r in results.items()},
    }
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    shown = args.out.resolve()
    print(f"wrote {shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown}")


if __name__ == "__main__":
    main()
