"""Time from submission to `done` for the demo article.

    .venv/bin/python bench/seed_ingest.py            # embedded default (SQLite, thread)
    DATABASE_URL=... REDIS_URL=... SECRET_KEY=... .venv/bin/python bench/seed_ingest.py

With DATABASE_URL and REDIS_URL set, the script starts a Celery worker of its own,
waits for it to answer, and submits through Redis; the first run in a fresh
worker includes loading the spaCy model, so both a cold and warm figure print.
The embedded run uses a fresh SQLite file under a temporary directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WITH_WORKER = bool(os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL"))
if not WITH_WORKER:
    os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    os.environ["TASK_MODE"] = "thread"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from claims import services  # noqa: E402
from claims.models import Article  # noqa: E402

SEED = ROOT / "claims" / "demo" / "china-hackers-mps-electoral-commission.txt"


def submit_and_wait(text: str) -> tuple[float, Article]:
    started = time.perf_counter()
    article, created = services.article_submit_text(text=text)
    assert created, "the text was already ingested"
    while True:
        article.refresh_from_db()
        if not article.is_working:
            return time.perf_counter() - started, article
        time.sleep(0.02)


def main() -> None:
    call_command("migrate", verbosity=0)
    worker = None
    if WITH_WORKER:
        from tracker.celery import app

        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=solo",
             "--loglevel=WARNING", "-n", f"bench-{os.getpid()}@%h"],
            cwd=ROOT,
        )  # fmt: skip
        while not app.control.inspect(timeout=1).ping():
            time.sleep(0.5)
    mode = "PostgreSQL + Redis + Celery worker" if WITH_WORKER else "embedded (SQLite)"
    text = SEED.read_text(encoding="utf-8")
    try:
        Article.objects.filter(url=None, title__startswith="China spied").delete()
        cold, article = submit_and_wait(text)
        claims = article.appearances.count()
        # A second, distinct text: the worker and the model are warm now.
        warm, _ = submit_and_wait(text + "\n\nEnd of the second copy.")
    finally:
        Article.objects.filter(url=None, title__startswith="China spied").delete()
        if worker:
            worker.terminate()
            worker.wait()
    print(f"mode: {mode}")
    print(f"status: {article.status}; claims: {claims}")
    print(f"submission -> done, cold (model loads): {cold:.2f} s")
    print(f"submission -> done, warm:               {warm:.2f} s")


if __name__ == "__main__":
    main()
