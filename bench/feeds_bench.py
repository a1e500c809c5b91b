"""Feed polling: 500 feeds on a local server, polled in one cycle, twice.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_feeds \\
        .venv/bin/python bench/feeds_bench.py [--feeds 500] [--items 20] [--workers 8]

A separate process serves ``--feeds`` RSS 2.0 feeds of ``--items`` items each
on 127.0.0.1, with an ETag per feed and 304 Not Modified for a matching
``If-None-Match`` (as real outlets' servers and CDNs do). The tracker gets
that many ``Feed`` rows of one outlet, then ``feeds_poll_due(all=True)`` runs
twice, as ``manage.py poll_feeds --now`` does:

1. every feed is new: 500 downloads, 10,000 items read, each a new article;
2. ``--changed`` feeds (5 % by default) got one new item in between, the
   others did not change: their conditional GET answers 304, no body.

New articles are created (the dedupe query and the insert are part of the
cost) but not handed to the pipeline (``enqueue=False``): this measures
polling, not article analysis.

Printed, and written to bench/results-feeds.json: seconds per cycle, feeds
per second, requests and 304s the server saw in each cycle, requests (and
bytes) saved by the conditional GET in the second cycle, new articles.

DATABASE_URL must name a database of the benchmark's own (its name starts
with ``bench``): it is created and migrated if missing, and its claims tables
are emptied before the run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results-feeds.json"

sys.path.insert(0, str(ROOT))

from bench.database import create_database, reset_tables  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-feeds-only-not-a-secret")
# The feeds are on the loopback server, refused by default.
os.environ["FETCH_ALLOW_PRIVATE"] = "1"
# Nothing is enqueued (enqueue=False); no broker is needed.
os.environ["TASK_MODE"] = "eager"


# --- The outlets' server (its own process: it does not share our GIL) -------------


def feed_body(feed: int, items: int, version: int) -> bytes:
    """RSS 2.0 with ``items`` items, the newest first; ``version`` new ones on top."""
    entries = []
    for k in range(items + version - 1, version - 1, -1):
        day, hour = 1 + k // 24 % 28, k % 24
        entries.append(
            f"<item><title>Outlet {feed}, story {k}</title>"
            f"<link>https://outlet-{feed}.example/news/story-{k}"
            "?utm_source=rss&amp;utm_medium=feed</link>"
            f'<guid isPermaLink="false">outlet-{feed}-{k}</guid>'
            f"<pubDate>Mon, {day:02d} Apr 2024 {hour:02d}:00:00 GMT</pubDate>"
            "<description>A paragraph of summary text, as feeds carry, long "
            "enough to make the document the size of a real one.</description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Outlet {feed}</title><link>https://outlet-{feed}.example/</link>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


def serve(port_out, feeds: int, items: int) -> None:
    versions = dict.fromkeys(range(feeds), 0)
    cache: dict[tuple[int, int], tuple[bytes, str]] = {}
    stats = {"200": 0, "304": 0, "bytes": 0, "saved_bytes": 0}
    lock = threading.Lock()

    def document(n: int) -> tuple[bytes, str]:
        key = (n, versions[n])
        if key not in cache:
            body = feed_body(n, items, versions[n])
            cache[key] = (body, '"' + hashlib.sha1(body).hexdigest()[:16] + '"')
        return cache[key]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = urlsplit(self.path)
            if path.path == "/__stats":
                return self.reply(200, json.dumps(stats).encode(), "application/json")
            if path.path == "/__change":
                changed = int(parse_qs(path.query)["n"][0])
                for n in range(0, feeds, max(1, feeds // max(1, changed)))[:changed]:
                    versions[n] += 1
                return self.reply(200, b"{}", "application/json")
            n = int(path.path.removeprefix("/feed/").removesuffix(".xml"))
            body, etag = document(n)
            fresh = self.headers.get("If-None-Match") == etag
            with lock:
                stats["304" if fresh else "200"] += 1
                stats["saved_bytes" if fresh else "bytes"] += len(body)
            if fresh:
                return self.reply(304, b"", None, etag)
            return self.reply(200, body, "application/rss+xml", etag)

        def reply(self, status, body, content_type, etag="") -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128

    httpd = Server(("127.0.0.1", 0), Handler)
    port_out.send(httpd.server_port)
    httpd.serve_forever()


def ask(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as answer:
        return json.loads(answer.read())


# --- The database ---------------------------------------------------------------


# --- The run --------------------------------------------------------------------


def cycle(label: str, base: str, workers: int) -> dict:
    from claims.services.feeds import feeds_poll_due

    before = ask(base, "/__stats")
    started = time.perf_counter()
    summary = feeds_poll_due(all=True, enqueue=False, workers=workers)
    seconds = time.perf_counter() - started
    after = ask(base, "/__stats")
    seen = {k: after[k] - before[k] for k in after}
    figures = {
        "seconds": round(seconds, 3),
        "feeds_per_s": round(summary.polled / seconds, 1),
        "polled": summary.polled,
        "new_articles": summary.new_articles,
        "not_modified": summary.not_modified,
        "errors": summary.errors,
        "responses_200": seen["200"],
        "responses_304": seen["304"],
        "bytes_sent": seen["bytes"],
        "bytes_saved": seen["saved_bytes"],
    }
    print(
        f"{label}: {seconds:.2f} s for {summary.polled} feeds "
        f"({figures['feeds_per_s']}/s); {str(summary).rstrip('.')}; "
        f"server: {seen['200']}x 200 ({seen['bytes'] / 1e6:.1f} MB), "
        f"{seen['304']}x 304"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=20, help="items per feed")
    parser.add_argument(
        "--changed", type=int, default=25, help="feeds with a new item in cycle 2"
    )
    parser.add_argument("--workers", type=int, default=8, help="downloads at once")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    db_name = urlsplit(database_url).path.lstrip("/")
    if not database_url.startswith("postgres") or not db_name.startswith("bench"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database named bench_*.")
    create_database(database_url)

    # Started before Django, so the forked server holds no database connection.
    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(
        target=serve, args=(send, args.feeds, args.items), daemon=True
    )
    server.start()
    base = f"http://127.0.0.1:{receive.recv()}"

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    reset_tables()

    from claims.models import Article, Feed, Source

    try:
        outlet = Source.objects.create(name="Bench outlets")
        Feed.objects.bulk_create(
            Feed(source=outlet, url=f"{base}/feed/{n}.xml") for n in range(args.feeds)
        )
        print(
            f"{args.feeds} feeds x {args.items} items on {base}; "
            f"{args.workers} downloads at once; {args.changed} change before cycle 2"
        )
        first = cycle("cycle 1 (all new)", base, args.workers)
        ask(base, f"/__change?n={args.changed}")
        second = cycle("cycle 2 (conditional)", base, args.workers)
    finally:
        server.terminate()
        server.join(timeout=10)

    results = {
        "feeds": args.feeds,
        "items_per_feed": args.items,
        "workers": args.workers,
        "changed_before_cycle_2": args.changed,
        "cycle_1": first,
        "cycle_2": second,
        "requests_saved_by_conditional_get": second["responses_304"],
        "articles_created": Article.objects.count(),
    }
    saved = results["requests_saved_by_conditional_get"]
    print(
        f"feed_poll_cycle_s: {first['seconds']} (all new), {second['seconds']} "
        f"(conditional); requests saved by conditional GET: {saved} of "
        f"{second['polled']} ({second['bytes_saved'] / 1e6:.1f} MB not sent); "
        f"articles created: {results['articles_created']}"
    )
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
