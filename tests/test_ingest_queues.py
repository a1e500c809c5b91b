"""Fetch and analyse on separate queues: routing, hand-over, stage timings."""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from celery.fixups.django import DjangoWorkerFixup
from celery.signals import task_postrun, task_prerun
from django.db import connection
from django.utils import timezone

from claims import services
from claims.models import Article
from claims.tasks import analyse_article, ingest_article
from tests.conftest import DATA, ROOT, wait_for
from tracker.celery import app

SEED_HTML = (DATA / "seed-article.html").read_text(encoding="utf-8")
TIMING = re.compile(r"article (\d+) timing: (.*)")


def _timings(caplog) -> dict[str, float]:
    """Every stage timing logged, by stage name (ms)."""
    found: dict[str, float] = {}
    for record in caplog.records:
        match = TIMING.match(record.getMessage())
        if match:
            for key, value in re.findall(r"(\w+)=([\d.]+)ms", match.group(2)):
                found[key] = float(value)
    return found


def test_fetching_and_analysing_go_to_their_own_queues():
    router = app.amqp.router
    assert router.route({}, "claims.tasks.ingest_article")["queue"].name == "fetch"
    assert router.route({}, "claims.tasks.analyse_article")["queue"].name == "analyse"
    webhooks = router.route({}, "claims.tasks.deliver_webhook")["queue"].name
    assert webhooks == app.conf.task_default_queue
    # A worker started without -Q (`make worker`) serves the whole pipeline.
    assert {"fetch", "analyse", app.conf.task_default_queue} <= set(
        app.amqp.queues.consume_from
    )


@pytest.mark.django_db(transaction=True)
def test_it_logs_how_long_each_stage_took(page_server, journalist, caplog):
    caplog.set_level(logging.INFO, logger="claims.ingest.pipeline")
    url = page_server.add("/news/timed", SEED_HTML)
    article, _ = services.article_submit_url(url=url, user=journalist)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    timings = _timings(caplog)
    assert set(timings) == {"fetch", "extract", "analyse", "match", "store", "cpu"}
    assert all(value > 0 for value in timings.values())


@pytest.mark.django_db(transaction=True)
def test_a_page_already_fetched_is_not_fetched_again(page_server, journalist):
    url = page_server.add("/news/fetched", SEED_HTML)
    article, _ = services.article_submit_url(url=url, user=journalist, enqueue=False)
    # The fetch finished, then the worker died before the analysis was queued;
    # the sweep hands the article back.
    long_ago = timezone.now() - timedelta(hours=1)
    Article.objects.filter(pk=article.pk).update(
        status="fetching", status_changed_at=long_ago, raw_html=SEED_HTML
    )
    assert services.articles_requeue_stuck() == 1
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    assert article.appearances.exists()
    assert page_server.hits.get("/news/fetched") is None


@pytest.mark.django_db(transaction=True)
def test_a_repeated_entry_task_leaves_a_finished_article_alone(
    page_server, journalist, caplog
):
    url = page_server.add("/news/once", SEED_HTML)
    article, _ = services.article_submit_url(url=url, user=journalist)
    events = list(article.events.values_list("status"))
    caplog.set_level(logging.INFO, logger="claims.ingest.pipeline")
    caplog.clear()
    ingest_article.apply(args=[article.pk])
    assert page_server.hits["/news/once"] == 1
    assert list(article.events.values_list("status")) == events
    assert not _timings(caplog)  # no step ran again


@pytest.mark.django_db(transaction=True)
def test_a_worker_keeps_its_database_connection_from_task_to_task():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite connections are not kept (CONN_MAX_AGE 0)")
    fixup = DjangoWorkerFixup(app)  # what a worker process runs around tasks
    connection.ensure_connection()
    held = connection.connection
    for _ in range(3):
        fixup.on_task_prerun(sender=analyse_article)
        task_prerun.send(sender=analyse_article, task_id="t", task=analyse_article)
        fixup.on_task_postrun(sender=analyse_article)
        task_postrun.send(sender=analyse_article, task_id="t", task=analyse_article)
    assert connection.connection is held


# --- real workers: a threaded fetcher and a one-process analyser -------------


def _start(name: str, *args: str) -> tuple[subprocess.Popen, Path]:
    """A Celery worker on the test database with extra arguments; its log file."""
    from django.db import connection

    db = connection.settings_dict
    db_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"test-worker-{name}.log"
    node = f"{name}-{os.getpid()}@{socket.gethostname()}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker",
         "--loglevel=INFO", "-n", node, "--logfile", str(log_path), *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": db_url, "FETCH_ALLOW_PRIVATE": "1"},
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if app.control.inspect(destination=[node], timeout=1).ping():
            return proc, log_path
    proc.kill()
    raise RuntimeError(f"The Celery worker {name} did not start; see {log_path}")


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_slow_site_does_not_hold_up_the_analysis(page_server, settings):
    if not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL"):
        pytest.skip("needs DATABASE_URL and REDIS_URL (PostgreSQL + Redis)")
    settings.TASK_MODE = "celery"
    workers = [
        _start("fetcher", "-Q", "fetch", "--pool=threads", "--concurrency=4"),
        _start("analyser", "-Q", "analyse", "--pool=prefork", "--concurrency=1"),
    ]
    try:
        slow_url = page_server.add("/news/slow", SEED_HTML, delay=8)
        slow, _ = services.article_submit_url(url=slow_url)
        wait_for(lambda: page_server.hits.get("/news/slow"))
        fast_url = page_server.add("/news/fast", SEED_HTML)
        fast, _ = services.article_submit_url(url=fast_url)
        fast = wait_for(
            lambda: Article.objects.filter(pk=fast.pk, status="done").first()
        )
        # The fast page went through while the slow site still kept its fetch.
        assert Article.objects.get(pk=slow.pk).status == Article.Status.FETCHING
        slow = wait_for(
            lambda: Article.objects.filter(pk=slow.pk, status="done").first()
        )
        assert slow.appearances.exists() and fast.appearances.exists()
    finally:
        for proc, _ in workers:
            proc.terminate()
        for proc, _ in workers:
            proc.wait(timeout=30)
