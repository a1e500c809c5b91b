"""Celery tasks: thin interfaces over the pipeline and services."""

from __future__ import annotations

from celery import shared_task
from celery.signals import task_postrun, task_prerun
from django.db import close_old_connections

from claims import services
from claims.ingest import pipeline
from claims.ingest.fetch import FetchError
from claims.services.feeds import poll_due_feeds
from claims.services.webhooks import webhook_deliver

RETRY_DELAYS = (10, 60, 300)
# A restarted database: try again every few seconds for about two minutes.
DATABASE_RETRY_DELAY = 5
DATABASE_RETRIES = 24
# Webhook retries back off exponentially (x3): 1, 3, 9, 27 and 81 minutes, so a
# receiver may be down for about two hours without missing an event.
WEBHOOK_RETRY_DELAYS = tuple(60 * 3**n for n in range(5))


@task_prerun.connect
@task_postrun.connect
def _recycle_database_connections(task=None, **kwargs) -> None:
    """Keep a worker's database connection from task to task, as across requests.

    Celery's Django fix-up would close it around every task (unless
    CELERY_DB_REUSE_MAX, set in settings), so each article paid for a new
    PostgreSQL backend in each of its two tasks. Here CONN_MAX_AGE and the
    health checks decide, and a connection left broken by an error is dropped.
    Eager runs are left alone: they share the caller's connection.
    """
    if task is not None and not task.request.is_eager:
        close_old_connections()


@shared_task(bind=True, max_retries=len(RETRY_DELAYS))
def ingest_article(self, article_id: int) -> None:
    """Ingest an article: fetch its page if it needs one, then queue the analysis.

    The entry point for every caller, routed to the network-bound ``fetch``
    queue (CELERY_TASK_ROUTES), so a slow site holds a fetch slot, not a CPU.
    Network errors retry with backoff. Pasted text, uploaded pages and pages
    already fetched (a repeated delivery, the stuck sweep, a reprocess) go
    straight on to ``analyse_article``. Acknowledged late, after the hand-over.
    """
    try:
        go_on = pipeline.fetch_article(article_id)
    except pipeline.DATABASE_GONE as exc:
        raise _retry_on_fresh_connection(self, exc) from exc
    except FetchError as exc:
        if exc.transient and self.request.retries < self.max_retries:
            delay = RETRY_DELAYS[self.request.retries]
            services.article_note_retry(article_id, f"{exc} Trying again in {delay} s.")
            raise self.retry(exc=exc, countdown=delay) from exc
        pipeline.fail(article_id, str(exc))
        return
    if go_on and self.request.is_eager:
        # Called with .apply() (embedded thread, eager mode, `manage.py ingest`):
        # the whole article is processed here and now.
        analyse_article.apply(args=[article_id])
    elif go_on:
        analyse_article.delay(article_id)


@shared_task(bind=True, max_retries=DATABASE_RETRIES)
def analyse_article(self, article_id: int) -> None:
    """Extract, analyse and store a fetched article (CPU-bound: the analyse queue)."""
    try:
        pipeline.analyse_article(article_id)
    except pipeline.DATABASE_GONE as exc:
        raise _retry_on_fresh_connection(self, exc) from exc


def _retry_on_fresh_connection(task, exc: Exception):
    """PostgreSQL restarted or cut the connection mid-task: drop the dead
    connection and run the task again in a few seconds (the store is one
    transaction and idempotent, so a half-done run leaves nothing behind)."""
    close_old_connections()
    from django.db import connection

    connection.close()
    return task.retry(
        exc=exc, countdown=DATABASE_RETRY_DELAY, max_retries=DATABASE_RETRIES
    )


@shared_task
def poll_feeds() -> dict[str, int]:
    """Poll the outlets' feeds that are due; beat calls it every minute."""
    return poll_due_feeds()


@shared_task
def requeue_stuck_articles() -> int:
    """Hand articles that no worker finished back to the queue."""
    return services.articles_requeue_stuck()


@shared_task(bind=True, max_retries=len(WEBHOOK_RETRY_DELAYS))
def deliver_webhook(self, delivery_id: int) -> None:
    """POST one webhook delivery; network errors and 5xx retry with backoff, 4xx not.

    Safe to run twice: a delivery already sent or failed is left alone.
    """
    last_try = self.request.retries >= self.max_retries
    if webhook_deliver(delivery_id, last_try=last_try):
        raise self.retry(countdown=WEBHOOK_RETRY_DELAYS[self.request.retries])
