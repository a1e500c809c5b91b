"""A worker killed mid-task: the article is processed once in effect."""

import os
import re
import signal

import pytest

from claims.models import Actor, Appearance, Article, Claim, Mention
from claims.tasks import ingest_article
from tests.conftest import DATA, start_worker, wait_for, worker_log

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

QUEUE = f"faults-{os.getpid()}"


@pytest.fixture
def redis_and_postgres():
    if not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL"):
        pytest.skip("needs DATABASE_URL and REDIS_URL (PostgreSQL + Redis)")


def test_a_worker_killed_while_fetching_hands_the_article_to_the_next(
    redis_and_postgres, page_server
):
    # The page answers slowly, so the first worker is surely mid-task when killed.
    url = page_server.add("/slow", (DATA / "seed-article.html").read_text(), delay=4)
    article = Article.objects.create(url=url, submitted_url=url, origin="url")
    # A short visibility timeout: the broker hands unacknowledged work back soon.
    fast_restore = {"CELERY_VISIBILITY_TIMEOUT": "3"}
    first = start_worker("doomed", queue=QUEUE, **fast_restore)
    try:
        ingest_article.apply_async(args=[article.pk], queue=QUEUE)
        wait_for(lambda: page_server.hits.get("/slow"))
        assert Article.objects.get(pk=article.pk).status == Article.Status.FETCHING
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()

    # The heir also analyses what it fetched (the analyse step has its own queue).
    second = start_worker("heir", queue=f"{QUEUE},analyse", **fast_restore)
    try:
        article = wait_for(
            lambda: Article.objects.filter(pk=article.pk, status="done").first()
        )
    finally:
        second.terminate()
        second.wait(timeout=30)
    assert page_server.hits["/slow"] == 2  # delivered again, fetched again
    assert article.attempts == 2

    def shared():
        # Words pointing back into a story ("the claims") are a claim of each
        # article that has them, so they are counted apart.
        return (
            Claim.objects.filter(scope_article_id__isnull=True).count(),
            Actor.objects.count(),
        )

    stored = shared()
    # The same page ingested once, cleanly, as the yardstick.
    ref_url = page_server.add("/reference", (DATA / "seed-article.html").read_text())
    reference = Article.objects.create(url=ref_url, submitted_url=ref_url, origin="url")
    ingest_article.apply(args=[reference.pk])
    assert shared() == stored
    own = Claim.objects.filter(scope_article_id=article.pk).count()
    assert own == Claim.objects.filter(scope_article_id=reference.pk).count()
    for model in (Appearance, Mention):
        killed = model.objects.filter(article=article).count()
        assert killed == model.objects.filter(article=reference).count() > 0


def test_a_worker_process_past_its_memory_limit_is_replaced_and_loses_nothing(
    redis_and_postgres, page_server
):
    # A limit of 1 KiB: the child process is past it after every task.
    worker = start_worker(
        "recycled",
        queue=f"{QUEUE}-recycled,analyse",
        pool="prefork",
        CELERY_WORKER_MAX_MEMORY_PER_CHILD="1",
    )
    html = (DATA / "seed-article.html").read_text()
    articles = []
    try:
        for path in ("/first", "/second"):
            url = page_server.add(path, html)
            articles.append(
                Article.objects.create(url=url, submitted_url=url, origin="url")
            )
            ingest_article.apply_async(
                args=[articles[-1].pk], queue=f"{QUEUE}-recycled"
            )
        wait_for(
            lambda: (
                Article.objects.filter(
                    pk__in=[a.pk for a in articles], status="done"
                ).count()
                == 2
            )
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    # Each fetch ran in a fresh child (Celery numbers the children it starts:
    # ForkPoolWorker-1, -2...). The analyses may run on another worker that
    # consumes the analyse queue too.
    children = re.findall(
        r"(ForkPoolWorker-\d+)\] Task claims\.tasks\.ingest_article\S* succeeded",
        worker_log("recycled").read_text(),
    )
    assert len(children) == 2
    assert len(set(children)) == 2
    for article in articles:
        article.refresh_from_db()
        assert article.attempts == 1
        assert Appearance.objects.filter(article=article).count() > 0
