"""Claims list and search through the API, under gunicorn, at scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench SECRET_KEY=x \\
        .venv/bin/python bench/api_bench.py [--seconds 15] [--concurrency 4]

Needs a database with at least 100,000 claims: fill one with
``manage.py fill_synthetic --claims 200000 --articles 40000 --actors 10000``.
Starts gunicorn with one worker per core on a free port, runs the load from
this process (bench/load.py) and prints requests/s and p50/p95/p99 latency per
endpoint; writes the figures to bench/results-api.json.
"""

from __future__ import annotations

import argparse
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

from bench.load import run  # noqa: E402


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
            with urllib.request.urlopen(request, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database with claims.")

    import django

    django.setup()
    from claims.models import Actor, Claim

    claims = Claim.objects.count()
    if claims < 100_000:
        raise SystemExit(f"Only {claims} claims: run manage.py fill_synthetic first.")
    speaker = Actor.objects.order_by("id").values_list("id", flat=True).first()
    token = _token()
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}

    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_THROTTLE_USER": "100000000/hour",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tracker.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        _wait(f"{base}/api/v1/claims/?page_size=1", headers)
        cases = {
            "claims list, 50, filtered": [
                "/api/v1/claims/?verdict=unreviewed&page_size=50",
                f"/api/v1/claims/?speaker={speaker}&page_size=50",
            ],
            "search, common term": ["/api/v1/claims/?q=inflation&page_size=50"],
            "search, rare term": ["/api/v1/claims/?q=broadband+doubled&page_size=50"],
            "claim detail": [f"/api/v1/claims/{pk}/" for pk in range(1, 200)],
        }
        print(
            f"{claims} claims; gunicorn workers {args.workers}; "
            f"load: {args.concurrency} connections for {args.seconds:g} s each"
        )
        for name, paths in cases.items():
            result = run(
                name,
                base,
                paths,
                headers=headers,
                concurrency=args.concurrency,
                seconds=args.seconds,
            )
            print(result.line())
            results[name] = result.as_dict()
    finally:
        server.terminate()
        server.wait(timeout=30)
    out = ROOT / "bench" / "results-api.json"
    out.write_text(json.dumps({"claims": claims, **results}, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
