"""Article id -> a stored, analysed article: fetch, extract, analyse, store.

Wires the pure steps to the rows. Network and parsing happen outside any
transaction; each status change is one conditional UPDATE; the final write is
``store.store_analysis``. Running any step twice leaves the same rows.

Two halves, so that workers can run them on separate queues: ``fetch_article``
(network-bound: the page, when the article needs one) and ``analyse_article``
(CPU-bound: extract, analyse, store). ``ingest`` runs both in this process.
Each half logs how long its stages took, one line per article::

    article 12 timing: fetch=84.1ms cpu=3.2ms
    article 12 timing: extract=121.9ms analyse=301.4ms store=40.3ms cpu=455.0ms

(wall time per stage; ``cpu``: the CPU time of the thread that ran the half),
which ``bench/ingest_bench.py`` reads from the worker logs.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import F

from claims.ingest import analysis as analysis_mod
from claims.ingest.extract import EXTRACTOR_VERSION, ExtractError, clean_text, extract
from claims.ingest.fetch import FetchError, FetchPolicy, fetch
from claims.ingest.store import async_commit, source_for, store_analysis
from claims.models import Article
from claims.services.matching import embed_texts
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
    with async_commit():
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
        if article.url and article.source_id is None:
            # An editor's correction of the outlet survives reprocessing.
            article.source = source_for(article.url, extracted.site_name)
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
    # counters (attempts) that the fetch step updated in the database. They
    # are derived from the page, which is stored: the commit need not wait.
    # They go in the UPDATE that moves the article on to analysis; if another
    # worker moved it already, they are saved on their own, as in any status.
    with async_commit():
        if article.status == Status.ANALYSING or not article.advance(
            Status.ANALYSING, expect=(Status.EXTRACTING,), **_extracted(article)
        ):
            article.save(update_fields=EXTRACTED_FIELDS)


def _extracted(article: Article) -> dict[str, object]:
    """EXTRACTED_FIELDS by column (``source_id``: no query for the outlet),
    but ``updated_at``, which a status change sets itself."""
    fields = (Article._meta.get_field(name) for name in EXTRACTED_FIELDS)
    return {
        field.attname: getattr(article, field.attname)
        for field in fields
        if field.name != "updated_at"
    }


class _Stopwatch:
    """Wall time per stage, and the CPU time of the whole, in milliseconds."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._cpu = time.thread_time()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = (time.perf_counter() - started) * 1000

    def log(self, article_id: int) -> None:
        if not self.stages:
            return
        cpu = (time.thread_time() - self._cpu) * 1000
        figures = " ".join(f"{k}={v:.1f}ms" for k, v in self.stages.items())
        log.info(
            "article %s timing: %s cpu=%.1fms", article_id, figures, cpu,
            extra={"article_id": article_id, "stage": "done", "cpu_ms": round(cpu, 1),
                   **{f"{k}_ms": round(v, 1) for k, v in self.stages.items()}},
        )  # fmt: skip


def _working_article(article_id: int) -> Article | None:
    """The article if it still needs work; None for a repeated or stale delivery."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        log.warning(
            "article %s is gone; nothing to ingest", article_id,
            extra={"article_id": article_id, "stage": "start"},
        )  # fmt: skip
        return None
    if article.status not in Article.WORKING:
        return None  # done or failed already: a repeated delivery
    return article


def _needs_fetch(article: Article) -> bool:
    return (
        article.origin in (Article.Origin.URL, Article.Origin.FEED)
        and not article.raw_html
    )


def _internal_error(article: Article) -> None:
    log.exception(
        "ingest of article %s failed", article.pk,
        extra={"article_id": article.pk, "stage": article.status},
    )  # fmt: skip
    article.fail(
        "An internal error stopped the analysis of this article; it was logged."
    )
    webhooks_article_finished(article.pk)


# The database went away (restarted, connection cut): not the article's fault;
# the task tries again on a fresh connection instead of failing the article.
DATABASE_GONE = (OperationalError, InterfaceError)


def fetch_article(article_id: int) -> bool:
    """Fetch the page if the article needs one; whether it goes on to analysis.

    False when the article is gone, finished, or failed here. Raises FetchError
    for the task to retry. A page already fetched is not fetched again, so a
    repeated delivery (or the stuck-article sweep) goes straight on.
    """
    article = _working_article(article_id)
    if article is None:
        return False
    if not _needs_fetch(article):
        return True
    watch = _Stopwatch()
    try:
        with watch.stage("fetch"):
            _fetch_step(article)
    except (FetchError, *DATABASE_GONE):
        raise
    except Exception:
        _internal_error(article)
        return False
    watch.log(article_id)
    return True


def analyse_article(article_id: int) -> None:
    """Extract, analyse and store a fetched (or pasted, or uploaded) article."""
    article = _working_article(article_id)
    if article is None:
        return
    watch = _Stopwatch()
    try:
        if article.status != Status.ANALYSING:
            with watch.stage("extract"):
                _extract_step(article)
        with watch.stage("analyse"):
            result = analysis_mod.analyse(article.text, model=settings.SPACY_MODEL)
        with watch.stage("match"):
            vectors = embed_texts([c.text for c in result.claims if c.content])
        with watch.stage("store"):
            store_analysis(
                article,
                result,
                extractor_version=article.extractor_version,
                vectors=vectors,
            )
    except DATABASE_GONE:
        raise  # the task retries once the database is back
    except ExtractError as exc:
        _log_failure(article, str(exc))
        article.fail(str(exc))
    except Exception:
        _internal_error(article)
        return
    webhooks_article_finished(article_id)
    watch.log(article_id)


# A sentence of the kind articles hold (a quote, its speaker, an organisation),
# analysed once when a worker starts.
WARM_UP_TEXT = (
    'The minister said on Monday that "unemployment fell by 3 per cent last'
    ' year", according to the Treasury in London.'
)
# Allocations between two collections of the youngest generation (Python's
# default is 700): fewer young collections, so fewer of the older ones.
GC_YOUNG_THRESHOLD = 7000


def prepare_worker() -> None:
    """Ready a process that will analyse many articles, before the first arrives.

    The spaCy model is loaded and a short text analysed and matched, so what
    loads on first use (the check-worthiness weights, the embedding table,
    lemma tables) has loaded. Then all of it is moved out of the cyclic
    garbage collector's sight (``gc.freeze``): it lives as long as the
    process, yet every full collection walked its 150,000 objects, about
    100 ms each time, 17 times over the ingest benchmark's 374 articles. With
    that, and the youngest generation collected every 7,000 allocations
    instead of 700, collection took 1.1 ms an article instead of 5.8, and the
    analysing thread 6 ms less CPU an article (in one process, alternated
    runs).
    """
    from claims.ingest import nlp

    nlp.get_pipeline(settings.SPACY_MODEL)
    warm = analysis_mod.analyse(WARM_UP_TEXT, model=settings.SPACY_MODEL)
    embed_texts([c.text for c in warm.claims if c.content])
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def ingest(article_id: int) -> None:
    """Take one article as far as it goes, in this process.

    Raises FetchError for the task to retry.
    """
    if fetch_article(article_id):
        analyse_article(article_id)


def fail(article_id: int, message: str) -> None:
    article = Article.objects.filter(pk=article_id).first()
    if article is not None:
        _log_failure(article, message)
        article.fail(message)
        webhooks_article_finished(article_id)


def _log_failure(article: Article, reason: str) -> None:
    log.warning(
        "article %s failed while %s: %s", article.pk, article.status, reason,
        extra={"article_id": article.pk, "stage": article.status, "reason": reason},
    )  # fmt: skip
