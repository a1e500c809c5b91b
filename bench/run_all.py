"""Every benchmark, on PostgreSQL + Redis: ``make bench``.

    .venv/bin/python bench/run_all.py [--claims 1000000] [--seconds 10] [--articles 374]

1. Fills the ``bench`` database with synthetic claims (``manage.py
   fill_synthetic``) unless it already holds about that many.
2. The read path (bench/read_bench.py): API and pages under gunicorn beside the
   floor (bench/floor.py); web worker memory.
3. The ingest path (bench/ingest_bench.py), in its own ``bench_ingest``
   database: real articles through Redis and Celery workers with 1 and 2
   processes, beside the floor (trafilatura + spaCy's parse); worker memory.
4. Claim matching (bench/match_bench.py), in its own ``bench_match`` database
   filled with ``fill_synthetic --match-index``: the time to match one new
   claim against a million.

Writes bench/results.json: the headline figures the scaling issue names, the
goals beside them, and every case. Databases and Redis come from
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench),
BENCH_INGEST_DATABASE_URL (…/bench_ingest), BENCH_MATCH_DATABASE_URL
(…/bench_match) and BENCH_REDIS_URL
(redis://127.0.0.1:6379/5).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

from bench.database import create_database  # noqa: E402

# Goals of the scaling issue: (key, goal, "max" if lower is better).
GOALS = [
    ("api_list_p95_ms", 50, "max"),
    ("search_p95_ms", 100, "max"),
    ("deep_page_p95_ms", 50, "max"),
    ("api_floor_ratio", 0.6, "min"),
    ("ingest_cost_ratio", 1.3, "max"),
    ("ingest_scaling_2v1", 1.8, "min"),
    ("web_rss_mb", 150, "max"),
    ("worker_rss_mb", 400, "max"),
]


def _env(database: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret"),
        "DEBUG": "0",
    }


def _estimated_claims(url: str) -> int:
    import psycopg2

    connection = psycopg2.connect(url)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest(reltuples, 0)::bigint FROM pg_class "
            "WHERE relname = 'claims_claim'"
        )
        row = cursor.fetchone()
    connection.close()
    return row[0] if row else 0


def _run(command: list[str], env: dict) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def _fill(database: str, claims: int, env: dict, *extra: str) -> None:
    """fill_synthetic at the issue's proportions for ``claims``, then ANALYZE."""
    scale = claims / 1_000_000
    counts = {
        "claims": claims,
        "articles": int(200_000 * scale),
        "actors": int(50_000 * scale),
        "reviews": int(50_000 * scale),
    }
    command = [sys.executable, "manage.py", "fill_synthetic", *extra]
    for name, count in counts.items():
        command += [f"--{name}", str(count)]
    _run(command, env)
    _run(["psql", database, "-qc", "VACUUM ANALYZE"], env)


def _stamp(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(
        timespec="seconds"
    )


def summarise(previous: dict, parts: dict[str, tuple[dict, str]], **run) -> dict:
    """bench/results.json from the parts' results (name -> (figures, when
    measured): "read", "ingest", "match") and ``run``'s fields (when, commit,
    machine...). A part not given keeps its figures from ``previous`` (the
    last results.json), so that one part measured again can be merged alone.
    Each goal is judged on the figures merged."""
    results = {k: v for k, v in previous.items() if k != "goals"}
    results.update(run)
    if "read" in parts:
        read, when = parts["read"]
        results["read_measured_at"] = when
        results.update({k: v for k, v in read.items() if k != "cases"})
        results["read_cases"] = read.get("cases", {})
    if "ingest" in parts:
        ingest, when = parts["ingest"]
        results["ingest_measured_at"] = when
        results.update(
            {k: v for k, v in ingest.items() if not isinstance(v, dict | list)}
        )
        results["ingest_stage_ms"] = ingest.get("ingest_stage_ms")
    if "match" in parts:
        match, when = parts["match"]
        results.update({k: v for k, v in match.items() if k != "match_cases"})
        results["match_cases"] = match.get("match_cases")
    results["goals"] = {}
    for key, goal, sense in GOALS:
        value = results.get(key)
        met = value is not None and (value <= goal if sense == "max" else value >= goal)
        results["goals"][key] = {"goal": goal, "met": met}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--articles", type=int, default=374)
    parser.add_argument(
        "--merge-only",
        action="store_true",
        help="only merge the parts' last results (bench/results-read.json,"
        " results-ingest.json, results-match-speed.json) that exist into"
        " bench/results.json, keeping its figures of the others",
    )
    args = parser.parse_args()
    python = sys.executable
    read_db = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench"
    )
    ingest_db = os.environ.get(
        "BENCH_INGEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_ingest"
    )
    started = time.monotonic()

    read_out = BENCH / "results-read.json"
    ingest_out = BENCH / "results-ingest.json"
    match_db = os.environ.get(
        "BENCH_MATCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_match"
    )
    match_out = BENCH / "results-match-speed.json"
    filled = None
    if not args.merge_only:
        create_database(read_db)
        env = _env(read_db)
        _run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
        if _estimated_claims(read_db) < args.claims * 0.95:
            began = time.monotonic()
            _fill(read_db, args.claims, env)
            filled = round(time.monotonic() - began, 1)

        _run(
            [
                python,
                "bench/read_bench.py",
                "--seconds",
                str(args.seconds),
                "--out",
                str(read_out),
            ],
            env,
        )
        create_database(ingest_db)
        _run(
            [
                python,
                "bench/ingest_bench.py",
                "--articles",
                str(args.articles),
                "--output",
                str(ingest_out),
            ],
            _env(ingest_db),
        )

        create_database(match_db)
        env = _env(match_db)
        _run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
        if _estimated_claims(match_db) < args.claims * 0.95:
            _fill(match_db, args.claims, env, "--match-index")
        _run([python, "bench/match_bench.py", "--out", str(match_out)], env)

    outputs = {"read": read_out, "ingest": ingest_out, "match": match_out}
    parts = {
        name: (json.loads(path.read_text()), _stamp(path))
        for name, path in outputs.items()
        if path.exists()
    }
    results_path = BENCH / "results.json"
    previous = (
        json.loads(results_path.read_text())
        if args.merge_only and results_path.exists()
        else {}
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    run = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "machine": f"{os.cpu_count()} cores",
    }
    if not args.merge_only:
        run["fill_synthetic_s"] = filled
    results = summarise(previous, parts, **run)
    print("\nfigure                 measured     goal")
    for key, goal, sense in GOALS:
        value, met = results.get(key), results["goals"][key]["met"]
        sign = "≤" if sense == "max" else "≥"
        print(f"{key:<22} {value!s:>9}   {sign} {goal}  {'met' if met else 'MISSED'}")
    results_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(
        f"wrote {results_path.relative_to(ROOT)} in {time.monotonic() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
