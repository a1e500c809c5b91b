"""Ingest path: real articles through Redis and real Celery workers, beside the floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_ingest \\
    REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/ingest_bench.py [--articles N] [--workers 1,2]

The pages are the real HTML of ../shared/eval/extraction (``html``) and the
texts of ../shared/eval/corpus (title, date, text, each wrapped in a plain
article page), served from a local HTTP server on 127.0.0.1 (the workers get
FETCH_ALLOW_PRIVATE=1). N articles cycle over those pages with distinct URLs
(``?copy=1``... past the first round), and are submitted at once through
``services.article_submit_url``, as the web form does.

For each analyse pool size (1, then 2 processes) the tables of the claims app
are emptied, the task queues purged, and two workers started, as in
docker-compose.yml: an analyser (``-Q analyse``, prefork, 1 or 2 processes)
and a fetcher (``-Q fetch,<default>``, 16 threads), with OMP_NUM_THREADS=1
unless set (one BLAS thread per process, as docker-compose.yml). A few warm-up
articles are processed first; then the N articles; then, with the last pool
size, a paced run at half its throughput for the latency figures.

Printed, and written to bench/results-ingest.json:

- ``ingest_articles_per_s_K``: finished articles / (last finish - first
  submission), K analyse processes.
- ``ingest_p50_s`` / ``ingest_p95_s``: submission to ``done`` in the paced run
  (articles arrive at half the measured throughput, so they do not wait behind
  the whole batch); the burst's figures, mostly queueing, are printed beside.
- ``ingest_stage_ms``: mean wall ms per article of each stage as the workers
  log it (claims/ingest/pipeline.py): fetch, extract, analyse, store (1 process).
- ``ingest_floor_ms``: ``trafilatura.extract(html)`` then ``nlp(text)`` with
  ``spacy.load(settings.SPACY_MODEL)``, in this process, on the same pages,
  mean wall ms per article (after the workers stopped, so nothing competes),
  each page measured right beside ours alone (below).
- ``ingest_cost_ratio``: our CPU-side cost per article, defined as the mean of
  extract + analyse + match + store wall ms in the 1-process run, /
  ``ingest_floor_ms``. Two other readings are printed: by CPU time (worker
  thread CPU / floor CPU) and by throughput (1000 / articles_per_s_1, all
  stages and hops, / floor).
- ``ingest_cost_ratio_alone``: the same cost measured as the floor is, in this
  process with nothing else running: the pipeline's own ``analyse_article``
  (extract, analyse, match, store, with its status changes) on the same pages
  in the same order, each already fetched, from emptied tables as in the run,
  each page right before or after its floor (which goes first alternates), so
  that the machine's slow spells weigh on both alike. In the run the analyser
  shares the machine's two cores with the fetcher, PostgreSQL, Redis and the
  page server, and the floor does not: this reading compares like with like.
- ``ingest_scaling_2v1``: articles_per_s_2 / articles_per_s_1.
- ``worker_rss_mb``: the largest peak RSS (VmHWM) of an analyse worker
  process, read from /proc before the workers stop (each loads spaCy once).

DATABASE_URL must name a database of the benchmark's own (its name starts with
``bench``): it is created and migrated if missing, and its claims tables are
emptied before each run. Give it a Redis database of its own too: its fetch,
analyse and default queues are purged. The machine should be otherwise idle.

Where the server runs without autovacuum (a test machine's setting; this
one's), the bench applies autovacuum's rules to the claims tables itself every
``autovacuum_naptime`` (``bench.database.AutovacuumStandIn``), so that the
tables it fills from empty are analysed and vacuumed as a deployment's are;
``--no-stand-in`` leaves them as the server does. results-ingest.json records
which (``autovacuum``) and the stand-in's VACUUM and ANALYZE runs.
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import logging
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
EXTRACTION = SHARED / "extraction" / "inputs.jsonl.gz"
CORPUS = SHARED / "corpus" / "inputs.jsonl.gz"
RESULTS = Path(__file__).resolve().parent / "results-ingest.json"
TIMING = re.compile(r"\[[^]]*: INFO/([\w-]+)\] article (\d+) timing: (.*)$")
STAGES = ("fetch", "extract", "analyse", "match", "store")
# Cores taken by other work during a run above which its figures are suspect
# (PostgreSQL's background writers and the kernel take a few hundredths).
BUSY_ELSEWHERE = 0.2

sys.path.insert(0, str(ROOT))

from bench.database import (  # noqa: E402
    AutovacuumStandIn,
    create_database,
    reset_tables,
)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
# A database of the benchmark's own needs no secret, but the settings refuse
# the development key next to DATABASE_URL.
os.environ.setdefault("SECRET_KEY", "bench-ingest-only-not-a-secret")
# The workers fetch from the loopback page server, refused by default.
os.environ["FETCH_ALLOW_PRIVATE"] = "1"
os.environ["TASK_MODE"] = "celery"
# As docker-compose.yml: one BLAS thread per process (workers and the floor).
os.environ.setdefault("OMP_NUM_THREADS", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=374, help="N (default 374)")
    parser.add_argument("--workers", default="1,2", help="analyse pool sizes")
    parser.add_argument("--fetch-threads", type=int, default=16)
    parser.add_argument("--paced", type=int, default=50, help="paced articles")
    parser.add_argument(
        "--repeat", type=int, default=2, help="rounds of the pool sizes (median)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--no-stand-in",
        action="store_true",
        help="no autovacuum stand-in where the server runs without autovacuum",
    )
    args = parser.parse_args()
    sizes = [int(n) for n in args.workers.split(",")]

    database_url, redis_url = (
        os.environ.get("DATABASE_URL"),
        os.environ.get("REDIS_URL"),
    )
    if not database_url or not redis_url:
        sys.exit("Set DATABASE_URL (a bench_* database) and REDIS_URL.")
    db_name = urlsplit(database_url).path.lstrip("/")
    if not db_name.startswith("bench"):
        sys.exit(f"Refusing to empty {db_name!r}: name a database bench_*.")
    create_database(database_url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    autovacuum = AutovacuumStandIn(database_url, enabled=not args.no_stand_in)
    if autovacuum.active:
        print("the server runs without autovacuum: the bench applies its rules")

    pages = load_pages()
    server = PageServer(pages)
    print(
        f"{len(pages)} pages on {server.base}; N={args.articles}; "
        f"analyse processes {sizes}; fetch threads {args.fetch_threads}"
    )
    check_no_other_workers()

    # Rounds of 1 then 2 processes, so that a slow spell of the machine does
    # not fall on one pool size only; each figure is the median of its rounds.
    rounds: dict[int, list[dict]] = {size: [] for size in sizes}
    for r in range(args.repeat):
        for i, size in enumerate(sizes):
            last = r == args.repeat - 1 and i == len(sizes) - 1
            paced = args.paced if last else 0
            print(f"\n== round {r + 1} of {args.repeat}: {size} analyse process(es)")
            rounds[size].append(
                run(server, pages, args.articles, size, args.fetch_threads, paced)
            )
    server.close()
    runs = {size: combine(results) for size, results in rounds.items()}

    first = runs[sizes[0]]
    floor = measure_floor_and_ours(pages, first["done_pages"])
    autovacuum.close()
    results = summarise(runs, sizes, floor, args)
    results["autovacuum"] = autovacuum.mode
    results["autovacuum_stand_in_runs"] = autovacuum.runs
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {args.output}")


# --- Pages --------------------------------------------------------------------


def wrap(title: str, date: str, text: str) -> str:
    """A plain article page around a corpus text, one paragraph per line."""
    paragraphs = "\n".join(
        f"<p>{html_lib.escape(line.strip())}</p>"
        for line in text.splitlines()
        if line.strip()
    )
    title, date = html_lib.escape(title), html_lib.escape(date or "")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<title>{title}</title><meta property="article:published_time" '
        f'content="{date}"></head>\n<body><header><nav><a href="/">Home</a> '
        f'<a href="/world">World</a></nav></header>\n<article><h1>{title}</h1>'
        f'<p><time datetime="{date}">{date}</time></p>\n{paragraphs}\n</article>'
        f"<footer><p>The Bench Courier</p></footer></body></html>\n"
    )


def load_pages() -> list[str]:
    """Every page as served, in a fixed shuffled order (both sources mixed)."""
    pages = []
    with gzip.open(EXTRACTION, "rt", encoding="utf-8") as lines:
        pages += [json.loads(line)["html"] for line in lines]
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            pages.append(wrap(row["title"], row.get("date", ""), row["text"]))
    random.Random(6).shuffle(pages)
    return pages


class PageServer:
    """Serves page i at /news/<i>, whatever the query string, on 127.0.0.1."""

    def __init__(self, pages: list[str]) -> None:
        bodies = [page.encode("utf-8") for page in pages]

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                try:
                    body = bodies[int(path.rsplit("/", 1)[1])]
                    status = 200
                except (ValueError, IndexError):
                    body, status = b"<html><body>Not found</body></html>", 404
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, page: int, query: str) -> str:
        return f"{self.base}/news/{page}?{query}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- Database, broker, workers ----------------------------------------------------


def check_no_other_workers() -> None:
    from tracker.celery import app

    others = app.control.inspect(timeout=2).ping() or {}
    if others:
        sys.exit(
            f"Workers already consume this Redis database ({', '.join(others)}): "
            "they would take the benchmark's tasks. Use another REDIS_URL database."
        )


class Worker:
    """One `celery worker` process of ours, logging to a file."""

    def __init__(self, name: str, log_dir: Path, *options: str) -> None:
        self.node = f"bench-{name}-{os.getpid()}@{socket.gethostname()}"
        self.log = log_dir / f"{name}.log"
        command = [sys.executable, "-m", "celery", "-A", "tracker", "worker",
                   "--loglevel=INFO", "-n", self.node, "--logfile", str(self.log),
                   *options]  # fmt: skip
        # Start-up errors and warnings (e.g. running as root) go beside the log.
        with open(log_dir / f"{name}.out", "w") as out:
            self.proc = subprocess.Popen(
                command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )

    def wait_ready(self) -> None:
        from tracker.celery import app

        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and self.proc.poll() is None:
            if app.control.inspect(destination=[self.node], timeout=1).ping():
                return
        self.stop()
        sys.exit(f"The worker {self.node} did not start; see {self.log}")

    def children(self) -> list[int]:
        """Pids of the pool processes (prefork), found by their parent."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                # The parent pid is the 2nd field after the ")" closing the name.
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                    found.append(int(entry.name))
        return found

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # warm shutdown
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def machine_busy() -> tuple[float, float]:
    """CPU seconds of the whole machine since boot: busy, and stolen by the host."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, steal / tick


def process_cpu(pids: list[int], database: str) -> dict[str, dict[int, float]]:
    """CPU seconds so far of our processes, by role and pid.

    Roles: the workers (``pids``), PostgreSQL backends serving ``database``, and
    this process (page server, submissions, polling).
    """
    tick = os.sysconf("SC_CLK_TCK")
    roles: dict[str, dict[int, float]] = {"workers": {}, "postgres": {}, "bench": {}}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if pid in pids or int(fields[1]) in pids:  # a worker or a pool process
            role = "workers"
        elif command.startswith("postgres: ") and f" {database} " in command:
            role = "postgres"
        elif pid == os.getpid():
            role = "bench"
        else:
            continue
        roles[role][pid] = (int(fields[11]) + int(fields[12])) / tick
    return roles


def cpu_split(before: tuple, after: tuple) -> dict[str, float]:
    """Cores used over the run: the machine, each of our roles, and the rest.

    ``before`` and ``after``: (machine_busy(), process_cpu(), time.monotonic()).
    """
    seconds = after[2] - before[2]
    split = {"machine": (after[0][0] - before[0][0]) / seconds}
    for role, pids in after[1].items():
        earlier = before[1][role]
        # A process started during the run (a new connection) counts whole.
        used = sum(cpu - earlier.get(pid, 0.0) for pid, cpu in pids.items())
        split[role] = used / seconds
    split["other work"] = split["machine"] - sum(
        v for k, v in split.items() if k != "machine"
    )
    # A virtual machine's cores can be taken by the host: a slow spell.
    split["stolen"] = (after[0][1] - before[0][1]) / seconds
    return split


def peak_rss_mb(pid: int) -> float:
    """VmHWM (peak resident set) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- One run ----------------------------------------------------------------------


def submit(server: PageServer, items: list[tuple[int, str]]) -> list[tuple]:
    """Submit one article per (page index, query); (article id, page index) each."""
    from claims import services

    submitted = []
    for page, query in items:
        article, created = services.article_submit_url(url=server.url(page, query))
        assert created, f"{server.url(page, query)} was already known"
        submitted.append((article.pk, page))
    return submitted


def cycle(pages: list[str], n: int, tag: str) -> list[tuple[int, str]]:
    """n articles over the pages in turn; past the first round, ?copy=1, 2..."""
    return [(k % len(pages), f"{tag}&copy={k // len(pages)}") for k in range(n)]


def wait_finished(ids: list[int], label: str, timeout: float) -> None:
    from tqdm import tqdm

    from claims.models import Article

    deadline = time.monotonic() + timeout
    with tqdm(total=len(ids), desc=label, unit="article", file=sys.stderr) as bar:
        while True:
            working = Article.objects.filter(
                pk__in=ids, status__in=Article.WORKING
            ).count()
            bar.update(len(ids) - working - bar.n)
            if not working:
                return
            if time.monotonic() > deadline:
                sys.exit(f"{working} article(s) still working after {timeout:.0f} s")
            time.sleep(0.25)


def finished(ids: list[int]) -> list[tuple[int, str, float, float]]:
    """(id, status, submitted, finished) for each article, epoch seconds."""
    from claims.models import Article

    rows = Article.objects.filter(pk__in=ids).values_list(
        "pk", "status", "created_at", "status_changed_at"
    )
    return [(pk, s, c.timestamp(), f.timestamp()) for pk, s, c, f in rows]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def read_timings(*logs: Path) -> dict[int, dict[str, float]]:
    """Stage timings by article id, and the process that ran them, from logs."""
    timings: dict[int, dict] = {}
    for log in logs:
        for line in log.read_text(errors="replace").splitlines():
            match = TIMING.search(line)
            if match:
                process, pk, text = match.groups()
                figures = {
                    k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)ms", text)
                }
                if "fetch" in figures:
                    figures["fetch_cpu"] = figures.pop("cpu", 0.0)
                else:
                    figures["process"] = process
                timings.setdefault(int(pk), {}).update(figures)
    return timings


def run(
    server: PageServer,
    pages: list[str],
    n: int,
    size: int,
    fetch_threads: int,
    paced: int,
) -> dict:
    from django.conf import settings

    from tracker.celery import app

    reset_tables()
    app.control.purge()
    log_dir = Path(tempfile.mkdtemp(prefix=f"ingest-bench-{size}-"))
    default_queue = settings.CELERY_TASK_DEFAULT_QUEUE
    fetcher = Worker("fetch", log_dir, "-Q", f"fetch,{default_queue}",
                     "--pool=threads", f"--concurrency={fetch_threads}")  # fmt: skip
    analyser = Worker("analyse", log_dir, "-Q", "analyse", "--pool=prefork",
                      f"--concurrency={size}")  # fmt: skip
    try:
        fetcher.wait_ready()
        analyser.wait_ready()
        # Warm-up: the first article of each process pays for lazy imports.
        last = len(pages) - 1
        warm = submit(server, [(last - k, f"warmup={k}") for k in range(4 * size)])
        wait_finished([pk for pk, _ in warm], "warm-up", 300)

        ours = [analyser.proc.pid, *analyser.children(), fetcher.proc.pid]
        database = settings.DATABASES["default"]["NAME"]
        before = (machine_busy(), process_cpu(ours, database), time.monotonic())
        submitted = submit(server, cycle(pages, n, f"run={size}"))
        ids = [pk for pk, _ in submitted]
        wait_finished(ids, f"{size} process(es)", max(600, 10 * n))
        after = (machine_busy(), process_cpu(ours, database), time.monotonic())
        rows = finished(ids)
        start = min(r[2] for r in rows)
        span = max(r[3] for r in rows) - start
        done = [r for r in rows if r[1] == "done"]
        result = {
            "articles": len(rows),
            "failed": len(rows) - len(done),
            "seconds": span,
            "articles_per_s": len(rows) / span,
            "burst_latency": [r[3] - r[2] for r in done],
        }
        # How busy the machine was, and how much of it our workers were: a
        # run with much else going on (other work on the machine) is suspect.
        result["cores"] = cpu_split(before, after)
        page_of = dict(submitted)
        result["done_pages"] = [page_of[r[0]] for r in done]

        if paced:
            interval = 2 / result["articles_per_s"]
            print(f"paced: {paced} articles, one every {interval:.2f} s")
            paced_ids = []
            began = time.monotonic()
            for k, item in enumerate(cycle(pages, paced, "paced=1")):
                time.sleep(max(0.0, began + k * interval - time.monotonic()))
                paced_ids += [pk for pk, _ in submit(server, [item])]
            wait_finished(paced_ids, "paced", 600)
            result["paced_latency"] = [
                r[3] - r[2] for r in finished(paced_ids) if r[1] == "done"
            ]

        pool = analyser.children()
        result["rss_mb"] = {pid: peak_rss_mb(pid) for pid in pool}
        result["analyser_main_rss_mb"] = peak_rss_mb(analyser.proc.pid)
        result["fetcher_rss_mb"] = peak_rss_mb(fetcher.proc.pid)
    finally:
        analyser.stop()
        fetcher.stop()

    timings = read_timings(fetcher.log, analyser.log)
    done_ids = {r[0] for r in done}
    result["stages"] = {
        stage: statistics.fmean(
            timings[pk][stage] for pk in done_ids if stage in timings.get(pk, {})
        )
        for stage in STAGES
    }
    result["cpu_ms"] = statistics.fmean(
        timings[pk]["cpu"] for pk in done_ids if "cpu" in timings.get(pk, {})
    )
    result["per_process"] = {}
    for pk in done_ids:
        process = timings.get(pk, {}).get("process", "?")
        result["per_process"][process] = result["per_process"].get(process, 0) + 1
    report_run(size, result, log_dir)
    return result


def report_run(size: int, result: dict, log_dir: Path) -> None:
    burst = result["burst_latency"]
    print(
        f"{result['articles']} articles ({result['failed']} failed) in "
        f"{result['seconds']:.1f} s: {result['articles_per_s']:.2f} articles/s"
    )
    print(
        f"CPU in use during the run, in cores of {os.cpu_count()}: "
        + ", ".join(f"{k} {v:.2f}" for k, v in result["cores"].items())
    )
    elsewhere = result["cores"]["other work"] + result["cores"]["stolen"]
    if elsewhere > BUSY_ELSEWHERE:
        print(
            f"WARNING: {elsewhere:.2f} cores went to other work during this run: "
            "its figures are not those of an idle machine; run again."
        )
    print(
        "burst submission -> done: "
        f"p50 {percentile(burst, 0.5):.1f} s, p95 {percentile(burst, 0.95):.1f} s "
        "(all submitted at once: mostly queueing)"
    )
    if "paced_latency" in result:
        paced = result["paced_latency"]
        print(
            "paced submission -> done: "
            f"p50 {percentile(paced, 0.5):.2f} s, p95 {percentile(paced, 0.95):.2f} s"
        )
    stages = ", ".join(f"{k} {v:.1f}" for k, v in result["stages"].items())
    print(
        f"stage cost, mean ms per article: {stages}; worker CPU {result['cpu_ms']:.1f}"
    )
    print(f"articles per analyse process: {result['per_process']}")
    rss = ", ".join(f"{v:.0f}" for v in result["rss_mb"].values())
    print(
        f"peak RSS MB: analyse processes [{rss}], analyser main "
        f"{result['analyser_main_rss_mb']:.0f}, fetcher {result['fetcher_rss_mb']:.0f}"
    )
    print(f"worker logs: {log_dir}")


def combine(results: list[dict]) -> dict:
    """The rounds of one pool size as one: median rate, mean costs, peak memory."""
    last = results[-1]
    paced = [r["paced_latency"] for r in results if "paced_latency" in r]
    combined = {
        "rates": [r["articles_per_s"] for r in results],
        "articles_per_s": statistics.median(r["articles_per_s"] for r in results),
        "failed": sum(r["failed"] for r in results),
        "stages": {
            stage: statistics.fmean(r["stages"][stage] for r in results)
            for stage in STAGES
        },
        "cpu_ms": statistics.fmean(r["cpu_ms"] for r in results),
        "rss_mb": {
            f"{i}:{pid}": mb
            for i, r in enumerate(results)
            for pid, mb in r["rss_mb"].items()
        },
        "fetcher_rss_mb": max(r["fetcher_rss_mb"] for r in results),
        "cores": [r["cores"] for r in results],
        "burst_latency": last["burst_latency"],
        "done_pages": results[0]["done_pages"],
    }
    if paced:
        combined["paced_latency"] = paced[-1]
    return combined


# --- The floor -------------------------------------------------------------------


def measure_floor_and_ours(pages: list[str], done_pages: list[int]) -> dict:
    """The floor and our pipeline's analyse step, page by page in turn, in
    this process with nothing else running, on the pages the run ingested.

    The floor: ``trafilatura.extract`` then spaCy's parse. Ours:
    ``pipeline.analyse_article`` (extract, analyse, match, store, with its
    status changes) on an article whose page is fetched, from emptied tables
    and in the run's order, so that matching searches an archive of the same
    size as in the run. Each page is measured both ways, one right after the
    other (which goes first alternates), so that a slow spell of the machine
    (the floor moved by a fifth between two runs a quarter of an hour apart)
    weighs on both alike.
    """
    import spacy
    import trafilatura
    from django.conf import settings
    from tqdm import tqdm

    from claims.ingest import pipeline
    from claims.models import Article

    print(
        "\n== floor (trafilatura.extract + nlp(text)) and ours alone"
        " (pipeline.analyse_article, page fetched), one process, page by page"
    )
    logging.getLogger(pipeline.__name__).setLevel(logging.WARNING)  # timing lines
    nlp = spacy.load(settings.SPACY_MODEL)
    reset_tables()
    for k, page in enumerate(pages[-3:]):  # warm-up, not timed
        nlp(trafilatura.extract(page) or "")
        pipeline.analyse_article(_fetched(page, f"alone-warmup={k}").pk)

    def floor(page: int, k: int) -> None:
        nlp(trafilatura.extract(pages[page]) or "")

    def ours(page: int, k: int) -> None:
        pipeline.analyse_article(_fetched(pages[page], f"alone={k}").pk)

    steps = {"floor": floor, "ours": ours}

    wall: dict[str, list[float]] = {"floor": [], "ours": []}
    cpu: dict[str, list[float]] = {"floor": [], "ours": []}
    for k, page in enumerate(tqdm(done_pages, desc="floor and ours", unit="page")):
        for name in ("floor", "ours") if k % 2 == 0 else ("ours", "floor"):
            started, started_cpu = time.perf_counter(), time.thread_time()
            steps[name](page, k)
            wall[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.thread_time() - started_cpu) * 1000)
    failed = Article.objects.filter(status=Article.Status.FAILED).count()
    # A page ingested twice in the run counts twice, as in the run.
    figures = {
        "ms": statistics.fmean(wall["floor"]),
        "cpu_ms": statistics.fmean(cpu["floor"]),
        "alone_ms": statistics.fmean(wall["ours"]),
        "alone_cpu_ms": statistics.fmean(cpu["ours"]),
    }
    print(f"floor: {figures['ms']:.1f} ms per article (CPU {figures['cpu_ms']:.1f} ms)")
    print(f"ours alone: {figures['alone_ms']:.1f} ms per article "
          f"(CPU {figures['alone_cpu_ms']:.1f} ms); {failed} failed")  # fmt: skip
    return figures


def _fetched(page: str, tag: str):
    """An article whose page is fetched, as the fetch step leaves it."""
    from claims.models import Article

    return Article.objects.create(
        url=f"http://127.0.0.1/news/alone?{tag}",
        origin=Article.Origin.URL,
        raw_html=page,
        status=Article.Status.FETCHING,
    )


# --- Summary ---------------------------------------------------------------------


def summarise(runs: dict[int, dict], sizes: list[int], floor: dict, args) -> dict:
    first, last = runs[sizes[0]], runs[sizes[-1]]
    ours = sum(first["stages"][s] for s in ("extract", "analyse", "match", "store"))
    latency = last.get("paced_latency") or last["burst_latency"]
    results: dict = {
        f"ingest_articles_per_s_{size}": round(run["articles_per_s"], 3)
        for size, run in runs.items()
    }
    results |= {
        "ingest_p50_s": round(percentile(latency, 0.5), 3),
        "ingest_p95_s": round(percentile(latency, 0.95), 3),
        "ingest_burst_p50_s": round(percentile(last["burst_latency"], 0.5), 3),
        "ingest_burst_p95_s": round(percentile(last["burst_latency"], 0.95), 3),
        "ingest_stage_ms": {k: round(v, 1) for k, v in first["stages"].items()},
        "ingest_floor_ms": round(floor["ms"], 1),
        "ingest_cost_ratio": round(ours / floor["ms"], 3),
        "ingest_cost_ratio_cpu": round(first["cpu_ms"] / floor["cpu_ms"], 3),
        "ingest_alone_ms": round(floor["alone_ms"], 1),
        "ingest_cost_ratio_alone": round(floor["alone_ms"] / floor["ms"], 3),
        "ingest_cost_ratio_alone_cpu": round(
            floor["alone_cpu_ms"] / floor["cpu_ms"], 3
        ),
        "ingest_cost_ratio_throughput": round(
            1000 / first["articles_per_s"] / floor["ms"], 3
        ),
        "worker_rss_mb": round(
            max(mb for run in runs.values() for mb in run["rss_mb"].values()), 1
        ),
        "fetcher_rss_mb": round(max(r["fetcher_rss_mb"] for r in runs.values()), 1),
        "ingest_articles": args.articles,
        "ingest_rounds": {
            size: [round(rate, 3) for rate in run["rates"]]
            for size, run in runs.items()
        },
        "ingest_cores": {
            size: [{k: round(v, 2) for k, v in cores.items()} for cores in run["cores"]]
            for size, run in runs.items()
        },
        "ingest_failed": {size: run["failed"] for size, run in runs.items()},
    }
    if 1 in runs and 2 in runs:
        results["ingest_scaling_2v1"] = round(
            runs[2]["articles_per_s"] / runs[1]["articles_per_s"], 3
        )
    print("\n== ingest summary")
    for size in sizes:
        rates = ", ".join(f"{rate:.2f}" for rate in runs[size]["rates"])
        print(f"articles/s with {size} analyse process(es): "
              f"{runs[size]['articles_per_s']:.2f} (median of {rates})")  # fmt: skip
    if "ingest_scaling_2v1" in results:
        print(f"ingest_scaling_2v1 = {results['ingest_scaling_2v1']} (goal >= 1.8)")
    print(
        f"submission -> done ({'paced' if 'paced_latency' in last else 'burst'}, "
        f"{sizes[-1]} process(es)): p50 {results['ingest_p50_s']} s, "
        f"p95 {results['ingest_p95_s']} s"
    )
    stages = results["ingest_stage_ms"]
    print(f"stage cost (mean ms/article, {sizes[0]} process): {stages}")
    print(f"floor (trafilatura.extract + nlp(text)): {results['ingest_floor_ms']} ms")
    print(
        f"ingest_cost_ratio = (extract+analyse+match+store) {ours:.1f} ms / floor "
        f"{floor['ms']:.1f} ms = {results['ingest_cost_ratio']} (goal <= 1.3)"
    )
    print(
        f"  by CPU time: {first['cpu_ms']:.1f} / {floor['cpu_ms']:.1f} = "
        f"{results['ingest_cost_ratio_cpu']}; by throughput (1000 / articles_per_s"
        f"_{sizes[0]} / floor): {results['ingest_cost_ratio_throughput']}"
    )
    print(
        f"ingest_cost_ratio_alone = ours alone {floor['alone_ms']:.1f} ms / floor "
        f"{floor['ms']:.1f} ms = {results['ingest_cost_ratio_alone']} (by CPU time "
        f"{results['ingest_cost_ratio_alone_cpu']})"
    )
    print(f"worker_rss_mb = {results['worker_rss_mb']} (goal <= 400); "
          f"fetcher {results['fetcher_rss_mb']} MB")  # fmt: skip
    return results


if __name__ == "__main__":
    main()
