"""Submitting articles and handing them to workers."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from claims.ingest.analysis import analyser_version
from claims.ingest.extract import clean_text
from claims.ingest.fetch import canonical_url, validate_url
from claims.models import Article, ArticleQuerySet
from claims.services.queue import enqueue_on_commit

log = logging.getLogger(__name__)

QUEUE_DOWN = (
    "The task queue is unavailable; the article is saved and will be picked up "
    "automatically when the queue is back."
)


def article_enqueue(article_id: int) -> None:
    """Hand the article to a worker once the current transaction commits.

    When the broker is down the article stays stored and queued, says why, and
    the stuck-article sweep sends it again later."""
    from claims.tasks import ingest_article

    enqueue_on_commit(
        ingest_article,
        [article_id],
        thread="ingest",
        broker_down=lambda: article_note_retry(article_id, QUEUE_DOWN),
        log_extra={"article_id": article_id, "stage": "queue"},
    )


def _create_or_get(lookup: dict, fields: dict, enqueue: bool) -> tuple[Article, bool]:
    article, created = Article.objects.get_or_create(**lookup, defaults=fields)
    if created:
        article.events.create(status=Article.Status.QUEUED)
        if enqueue:
            article_enqueue(article.pk)
    return article, created


@transaction.atomic
def article_submit_url(
    *, url: str, user=None, enqueue: bool = True
) -> tuple[Article, bool]:
    """Queue a page for ingest; a URL already known returns the existing article.

    The address is kept without tracking parameters (``canonical_url``), so the
    same article shared from a newsletter and from a feed is one article; the
    address as given stays in ``submitted_url``.
    """
    submitted = validate_url(url)
    return _create_or_get(
        {"url": canonical_url(submitted)},
        {
            "submitted_url": submitted,
            "origin": Article.Origin.URL,
            "submitted_by": user,
        },
        enqueue,
    )


@transaction.atomic
def article_submit_text(
    *,
    text: str,
    title: str = "",
    url: str = "",
    published_at: datetime | None = None,
    user=None,
    enqueue: bool = True,
) -> tuple[Article, bool]:
    """Queue pasted text; the same text (or the same URL) twice is one article."""
    cleaned = clean_text(text)
    if not cleaned:
        raise ValueError("The text is empty.")
    fields = {
        "origin": Article.Origin.TEXT,
        "text": cleaned,
        "title": title.strip()[:500],
        "published_at": published_at,
        "content_hash": Article.hash_text(cleaned),
        "submitted_by": user,
    }
    if url:
        submitted = validate_url(url)
        return _create_or_get(
            {"url": canonical_url(submitted)},
            {**fields, "submitted_url": submitted},
            enqueue,
        )
    lookup = {"url": None, "content_hash": fields.pop("content_hash")}
    return _create_or_get(lookup, fields, enqueue)


@transaction.atomic
def article_submit_html(
    *, html: str, url: str = "", user=None, enqueue: bool = True
) -> tuple[Article, bool]:
    """Queue an uploaded page; its URL (or, without one, its bytes) identifies it."""
    fields = {"origin": Article.Origin.HTML, "raw_html": html, "submitted_by": user}
    if url:
        submitted = validate_url(url)
        return _create_or_get(
            {"url": canonical_url(submitted)},
            {**fields, "submitted_url": submitted},
            enqueue,
        )
    # Without a URL the hash of the page stands in for the text's until extraction.
    lookup = {"url": None, "content_hash": Article.hash_text(html)}
    return _create_or_get(lookup, fields, enqueue)


@transaction.atomic
def article_reprocess(*, article: Article, enqueue: bool = True) -> bool:
    """Run a finished article through the pipeline again; the snapshot is reused."""
    if not article.advance(
        Article.Status.QUEUED, expect=(Article.Status.DONE, Article.Status.FAILED)
    ):
        return False
    if enqueue:
        article_enqueue(article.pk)
    return True


def articles_outdated() -> ArticleQuerySet:
    """Finished articles an earlier analyser read, oldest first: processing them
    again (``manage.py reprocess``) gives them what the analyser finds now."""
    return Article.objects.analysed_before(analyser_version()).order_by("pk")


def article_note_retry(article_id: int, message: str) -> None:
    """Tell the user why the article waits, without changing its step."""
    Article.objects.filter(pk=article_id).update(error=message)


def articles_requeue_stuck() -> int:
    """Re-enqueue articles left working past the timeout; returns how many."""
    stuck = Article.objects.stuck(
        timedelta(seconds=settings.INGEST_STUCK_AFTER_SECONDS)
    )
    count = 0
    for article in stuck.only("pk", "status"):
        with transaction.atomic():
            article.advance(
                article.status,
                expect=(article.status,),
                message="Picked up again after a worker stopped.",
            )
            article_enqueue(article.pk)
        count += 1
    return count
