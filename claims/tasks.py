"""Celery tasks: thin interfaces over the pipeline and services."""

from __future__ import annotations

from celery import shared_task

from claims import services
from claims.ingest import pipeline
from claims.ingest.fetch import FetchError

RETRY_DELAYS = (10, 60, 300)


@shared_task(bind=True, max_retries=len(RETRY_DELAYS))
def ingest_article(self, article_id: int) -> None:
    """Fetch, extract, analyse, store an article; network errors retry with backoff."""
    try:
        pipeline.ingest(article_id)
    except FetchError as exc:
        if exc.transient and self.request.retries < self.max_retries:
            delay = RETRY_DELAYS[self.request.retries]
            services.article_note_retry(article_id, f"{exc} Trying again in {delay} s.")
            raise self.retry(exc=exc, countdown=delay) from exc
        pipeline.fail(article_id, str(exc))


@shared_task
def requeue_stuck_articles() -> int:
    """Hand articles that no worker finished back to the queue."""
    return services.articles_requeue_stuck()
