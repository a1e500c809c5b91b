"""Redis down when an article is submitted: the submission is stored, the
user is told why it waits, and once Redis is back the stuck-article sweep
queues it again and a worker finishes it, once. Real Redis and worker."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest

from claims import services
from claims.models import Appearance, Article
from claims.services.articles import QUEUE_DOWN
from tests.conftest import DATA, start_worker, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_redis(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("redis-server did not start")


@pytest.fixture
def broker_on_a_spare_port(settings):
    """The app's broker moved to a port of its own, which the test can stop."""
    if not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL")):
        pytest.skip("needs DATABASE_URL and REDIS_URL (PostgreSQL + Redis)")
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server")
    from tracker.celery import app

    def use(broker: str) -> None:
        # Celery keeps a connection pool and a producer pool made for the
        # broker it first used: both go, or tasks keep going to the old one.
        app._pool = None
        app.amqp._producer_pool = None
        app.conf.broker_url = broker

    port = _free_port()
    url = f"redis://127.0.0.1:{port}/0"
    saved = app.conf.broker_url
    use(url)
    settings.TASK_MODE = "celery"
    yield port, url
    use(saved)


def test_a_submission_while_redis_is_down_is_kept_and_done_later(
    broker_on_a_spare_port, page_server, journalist, settings
):
    port, url = broker_on_a_spare_port
    page = page_server.add("/news/outage", (DATA / "seed-article.html").read_text())

    # Nothing listens on the broker's port: the submission still succeeds.
    article, created = services.article_submit_url(url=page, user=journalist)
    assert created
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED
    assert article.error == QUEUE_DOWN

    redis = _start_redis(port)
    worker = None
    try:
        worker = start_worker("outage", REDIS_URL=url, CELERY_BROKER_URL=url)
        settings.INGEST_STUCK_AFTER_SECONDS = 0  # what time does in production
        assert services.articles_requeue_stuck() == 1
        done = wait_for(
            lambda: Article.objects.filter(pk=article.pk, status="done").first()
        )
        assert done.error == ""
        first = sorted(
            Appearance.objects.filter(article=done).values_list("claim_id", "start")
        )
        assert first  # the seed article has claims
        # A second sweep finds nothing stuck; the rows stay as they are.
        assert services.articles_requeue_stuck() == 0
        assert Article.objects.filter(url=done.url).count() == 1
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        redis.terminate()
        redis.wait(timeout=10)
