"""Article id -> a stored, analysed article: fetch, extract, analyse, store.

Wires the pure steps to the rows. Network and parsing happen outside any
transaction; each status change is one conditional UPDATE; the final write is
``store.store_analysis``. Running ``ingest`` twice leaves the same rows.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models import F

from claims.ingest import analysis as analysis_mod
from claims.ingest.extract import EXTRACTOR_VERSION, ExtractError, clean_text, extract
from claims.ingest.fetch import FetchError, FetchPolicy, fetch
from claims.ingest.store import source_for, store_analysis
from claims.models import Article
from claims.services.webhooks import webhooks_article_finished

log = logging.getLogger(__name__)
Status = Article.Status


def fetch_policy() -> FetchPolicy:
    return FetchPolicy(
        allow_private=settings.FETCH_ALLOW_PRIVATE,
        max_bytes=settings.FETCH_MAX_BYTES,
        connect_timeout=settings.FETCH_CONNECT_TIMEOUT,
        read_timeout=settings.FETCH_READ_TIMEOUT,
        total_timeout=settings.FETCH_TOTAL_TIMEOUT,
        max_redirects=settings.FETCH_MAX_REDIRECTS,
        user_agent=settings.FETCH_USER_AGENT,
    )


EXTRACTED_FIELDS = [
    "text", "title", "byline", "published_at", "language", "url", "source",
    "extractor_version", "content_hash", "updated_at",
]  # fmt: skip


def _enter(article: Article, step: str, *, after: tuple[str, ...]) -> None:
    """Record the step once; a repeated delivery already in it carries on."""
    if article.status != step:
        article.advance(step, expect=after)


def _fetch_step(article: Article) -> None:
    _enter(article, Status.FETCHING, after=(Status.QUEUED,))
    # A retry stays in "fetching"; each try counts.
    Article.objects.filter(pk=article.pk).update(attempts=F("attempts") + 1)
    fetched = fetch(article.url or article.submitted_url, fetch_policy())
    article.raw_html = fetched.html
    article.save(update_fields=["raw_html", "updated_at"])
    if (
        fetched.url != article.url
        and not Article.objects.filter(url=fetched.url).exists()
    ):
        # Follow the redirect to the page's real address, unless that address
        # is already another article (then this one keeps the submitted URL).
        Article.objects.filter(pk=article.pk).update(url=fetched.url)
        article.url = fetched.url


def _extract_step(article: Article) -> None:
    _enter(article, Status.EXTRACTING, after=(Status.QUEUED, Status.FETCHING))
    if article.origin == Article.Origin.TEXT:
        article.text = clean_text(article.text)
        if not article.text:
            raise ExtractError("The pasted text is empty once cleaned.")
        article.extractor_version = "text"
    else:
        extracted = extract(article.raw_html, article.url or None)
        article.text = extracted.text
        article.title = article.title or extracted.title
        article.byline = article.byline or extracted.byline
        article.published_at = article.published_at or extracted.published_at
        article.language = extracted.language
        canonical = extracted.canonical_url
        if (
            canonical.startswith(("http://", "https://"))
            and not article.url
            and not Article.objects.filter(url=canonical).exists()
        ):
            article.url = canonical
        if article.url:
            # An editor's correction of the outlet survives reprocessing.
            article.source = article.source or source_for(
                article.url, extracted.site_name
            )
        article.extractor_version = EXTRACTOR_VERSION
    if not article.title:
        article.title = article.text.split("\n", 1)[0][:200]
    article.content_hash = Article.hash_text(article.text)
    if article.url is None:
        twin = Article.objects.filter(url=None, content_hash=article.content_hash)
        twin = twin.exclude(pk=article.pk).first()
        if twin:
            raise ExtractError(f"The same text is already article {twin.pk}.")
    # Only the fields extraction owns: a full save would write back stale
    # counters (attempts) that the fetch step updated in the database.
    article.save(update_fields=EXTRACTED_FIELDS)


def ingest(article_id: int) -> None:
    """Take one article as far as it goes. Raises FetchError for the task to retry."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        log.warning("article %s is gone; nothing to ingest", article_id)
        return
    if article.status not in Article.WORKING:
        return  # done or failed already: a repeated delivery
    try:
        if (
            article.origin in (Article.Origin.URL, Article.Origin.FEED)
            and not article.raw_html
        ):
            _fetch_step(article)
        if article.status != Status.ANALYSING:
            _extract_step(article)
        _enter(article, Status.ANALYSING, after=(Status.EXTRACTING,))
        result = analysis_mod.analyse(article.text, model=settings.SPACY_MODEL)
        store_analysis(article, result, extractor_version=article.extractor_version)
    except FetchError:
        raise
    except ExtractError as exc:
        article.fail(str(exc))
    except Exception:
        log.exception("ingest of article %s failed", article_id)
        article.fail(
            "An internal error stopped the analysis of this article; it was logged."
        )
    webhooks_article_finished(article_id)


def fail(article_id: int, message: str) -> None:
    article = Article.objects.filter(pk=article_id).first()
    if article is not None:
        article.fail(message)
        webhooks_article_finished(article_id)
