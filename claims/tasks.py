"""Celery tasks: thin interfaces over the pipeline and services."""

from __future__ import annotations

from celery import shared_task

from claims import services
from claims.ingest import pipeline
from claims.ingest.fetch import FetchError
from claims.services.webhooks import webhook_deliver

RETRY_DELAYS = (10, 60, 300)
# Webhook retries back off exponentially (x3): 1, 3, 9, 27 and 81 minutes, so a
# receiver may be down for about two hours without missing an event.
WEBHOOK_RETRY_DELAYS = tuple(60 * 3**n for n in range(5))


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


@shared_task(bind=True, max_retries=len(WEBHOOK_RETRY_DELAYS))
def deliver_webhook(self, delivery_id: int) -> None:
    """POST one webhook delivery; network errors and 5xx retry with backoff, 4xx not.

    Safe to run twice: a delivery already sent or failed is left alone.
    """
    last_try = self.request.retries >= self.max_retries
    if webhook_deliver(delivery_id, last_try=last_try):
        raise self.retry(countdown=WEBHOOK_RETRY_DELAYS[self.request.retries])
