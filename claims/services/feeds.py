"""Feeds: following outlets' feeds, polling them on schedule, importing OPML.

A poll is three steps. Claim the feed with a conditional UPDATE of
``next_poll_at`` (so two workers, or two beat ticks, never poll one feed at
once); download and parse it outside any transaction (a conditional GET with
the stored ETag / Last-Modified: most polls answer 304 and cost nothing); then
record, in short writes, one new article per new item (through the article
submission service: canonical URL, dedupe, enqueue on commit) and the feed's
health. A feed that fails (network, refused address, too large, not a feed)
gets ``last_error`` and a backoff of ``interval × 2^failures`` (at most a day);
nothing else changes. A feed whose address redirects permanently (301 or 308 at
every hop) is moved to the new address after a successful poll, and its
``note`` says so (or why it could not move).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.ingest.feeds import FeedError, FeedItem, ParsedFeed, parse_feed, parse_opml
from claims.ingest.fetch import (
    FetchError,
    FetchPolicy,
    InvalidURL,
    fetch_feed,
    validate_url,
)
from claims.ingest.pipeline import fetch_policy
from claims.ingest.store import domain_of, source_for
from claims.models import Article, Feed, Source, SourceDomain
from claims.services.articles import article_enqueue, article_submit_url
from claims.services.queue import enqueue_on_commit

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=24)
# How long a claimed feed is left to the poller that claimed it; a poller that
# died is replaced after this.
CLAIM_LEASE = timedelta(minutes=10)
# New articles from one poll, newest first: a feed that suddenly lists
# thousands of addresses does not flood the pipeline; the rest come next time.
MAX_NEW_PER_POLL = 100
# A plain sitemap lists a whole site; only pages changed lately are news.
SITEMAP_MAX_AGE = timedelta(days=2)
MAX_OPML_FEEDS = 2000
DEFAULT_WORKERS = 8


# --- Results ------------------------------------------------------------------


@dataclass
class PollResult:
    """What one poll of one feed did."""

    feed_id: int
    outcome: str  # "new" (fetched and read), "not_modified", "error", "skipped"
    new_articles: int = 0
    items: int = 0  # items the document listed
    error: str = ""


@dataclass
class PollSummary:
    polled: int = 0
    new_articles: int = 0
    not_modified: int = 0  # requests saved by the conditional GET
    errors: int = 0
    results: list[PollResult] = field(default_factory=list, repr=False)

    def add(self, result: PollResult) -> None:
        self.results.append(result)
        if result.outcome == "skipped":
            return
        self.polled += 1
        self.new_articles += result.new_articles
        self.not_modified += result.outcome == "not_modified"
        self.errors += result.outcome == "error"

    def as_dict(self) -> dict[str, int]:
        data = asdict(self)
        data.pop("results")
        return data

    def __str__(self) -> str:
        return (
            f"Polled {self.polled} feed{'s' * (self.polled != 1)}: "
            f"{self.new_articles} new article{'s' * (self.new_articles != 1)}, "
            f"{self.not_modified} not modified, "
            f"{self.errors} error{'s' * (self.errors != 1)}."
        )


@dataclass
class _Download:
    """The network half of a poll, computed without the database."""

    parsed: ParsedFeed | None = None
    not_modified: bool = False
    etag: str = ""
    last_modified: str = ""
    error: str = ""
    moved_to: str = ""  # the new address, when every redirect was permanent


# --- Adding, pausing, importing ---------------------------------------------------


def feed_add(
    *, source: Source, url: str, user: Any = None, interval_minutes: int = 15
) -> Feed:
    """Follow a feed of ``source``; it is polled at the next cycle.

    Raise ``ValueError`` (or ``InvalidURL``, a subclass of ``FetchError``) with
    a sentence for the editor when the address is unusable or already followed.
    """
    url = validate_url(url)
    if interval_minutes < 1:
        raise ValueError("The interval is at least one minute.")
    existing = Feed.objects.filter(url=url).select_related("source").first()
    if existing:
        raise ValueError(f"This feed is already followed, for {existing.source}.")
    feed = Feed.objects.create(
        source=source, url=url, interval_minutes=interval_minutes
    )
    log.info("feed %s added for %s by %s", feed.pk, source, user)
    return feed


def feed_pause(*, feed: Feed, user: Any = None) -> bool:
    """Stop polling; whether the feed was active."""
    changed = Feed.objects.filter(pk=feed.pk, is_active=True).update(is_active=False)
    feed.is_active = False
    return bool(changed)


def feed_resume(*, feed: Feed, user: Any = None) -> bool:
    """Poll again from the next cycle, without waiting out a backoff."""
    now = timezone.now()
    changed = Feed.objects.filter(pk=feed.pk, is_active=False).update(
        is_active=True, next_poll_at=now
    )
    feed.is_active, feed.next_poll_at = True, now
    return bool(changed)


def feed_poll_soon(*, feed: Feed, user: Any = None) -> bool:
    """Poll an active feed now (the page's "Poll now"); False when it is paused.

    The feed is made due and the polling task queued when the transaction
    commits, as beat queues it every minute: the request never waits on the
    outlet's server, and the poll is the usual one (claim, download, record).
    A feed another poller holds at this moment may then be polled twice,
    which is harmless: items are deduplicated by address.
    """
    now = timezone.now()
    changed = Feed.objects.filter(pk=feed.pk, is_active=True).update(next_poll_at=now)
    if not changed:
        return False
    feed.next_poll_at = now
    log.info("feed %s to be polled now, asked by %s", feed.pk, user)
    from claims.tasks import poll_feeds

    # Were the broker down, the feed is due: beat's next tick polls it.
    enqueue_on_commit(poll_feeds, thread="feeds")
    return True


def feed_update(
    *,
    feed: Feed,
    user: Any = None,
    is_active: bool | None = None,
    interval_minutes: int | None = None,
) -> Feed:
    """Pause or resume a feed, or change how often it is polled."""
    if interval_minutes is not None:
        if interval_minutes < 1:
            raise ValueError("The interval is at least one minute.")
        Feed.objects.filter(pk=feed.pk).update(interval_minutes=interval_minutes)
        feed.interval_minutes = interval_minutes
    if is_active is True:
        feed_resume(feed=feed, user=user)
    elif is_active is False:
        feed_pause(feed=feed, user=user)
    return feed


def feed_delete(*, feed: Feed, user: Any = None) -> None:
    """Stop following a feed; the articles it brought stay."""
    log.info("feed %s (%s) deleted by %s", feed.pk, feed.url, user)
    feed.delete()


@dataclass
class OpmlImport:
    added: list[Feed] = field(default_factory=list)
    already: int = 0  # feeds followed before
    refused: list[tuple[str, str]] = field(default_factory=list)  # (url, why)

    def __str__(self) -> str:
        parts = [f"{len(self.added)} feed{'s' * (len(self.added) != 1)} added"]
        if self.already:
            parts.append(f"{self.already} already followed")
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        return ", ".join(parts) + "."


def _outlet_for(feed_url: str, html_url: str, title: str) -> Source | None:
    """The outlet of an OPML outline: the one publishing on the site's (or the
    feed's) domain, else the one with the outline's name, else a new one
    registered on the domain as ``store.source_for`` does for articles."""
    urls = [u for u in (html_url, feed_url) if u]
    domains = [domain_of(u) for u in urls]
    known = (
        SourceDomain.objects.select_related("source")
        .filter(domain__in=[d for d in domains if d])
        .first()
    )
    if known:
        return known.source
    if title:
        named = Source.objects.filter(name__iexact=title).first()
        if named:
            return named
    for url in urls:
        try:
            return source_for(validate_url(url), title)
        except InvalidURL:
            continue
    return None


def feeds_import_opml(data: bytes | str, *, user: Any = None) -> OpmlImport:
    """Follow every feed an OPML file lists, each under its outlet.

    Raise ``FeedError`` when the file is not OPML. Feeds already followed are
    counted, unusable addresses listed with the reason; the others are added
    (each in its own transaction, so one bad outline spoils nothing).
    """
    outlines = parse_opml(data)
    if len(outlines) > MAX_OPML_FEEDS:
        raise FeedError(
            f"The file lists {len(outlines)} feeds; at most {MAX_OPML_FEEDS} "
            "can be imported at once."
        )
    result = OpmlImport()
    for outline in outlines:
        try:
            url = validate_url(outline.url)
        except InvalidURL as exc:
            result.refused.append((outline.url, exc.message))
            continue
        if Feed.objects.filter(url=url).exists():
            result.already += 1
            continue
        with transaction.atomic():
            source = _outlet_for(url, outline.html_url, outline.title)
            if source is None:
                result.refused.append((outline.url, "No outlet could be found."))
                continue
            result.added.append(feed_add(source=source, url=url, user=user))
    log.info("OPML import by %s: %s", user, result)
    return result


# --- Polling ----------------------------------------------------------------------


def backoff(interval_minutes: int, failures: int) -> timedelta:
    """The wait before polling a failing feed again: interval × 2^failures."""
    wait = timedelta(minutes=interval_minutes) * (2 ** min(failures, 16))
    return min(wait, MAX_BACKOFF)


def _claim(feed: Feed) -> bool:
    """Take the feed for this poller: a conditional UPDATE on the value of
    ``next_poll_at`` read with it, so a concurrent poller loses."""
    seen = (
        Q(next_poll_at__isnull=True)
        if feed.next_poll_at is None
        else Q(next_poll_at=feed.next_poll_at)
    )
    lease = timezone.now() + CLAIM_LEASE
    claimed = Feed.objects.filter(seen, pk=feed.pk).update(next_poll_at=lease)
    return bool(claimed)


def _download(url: str, etag: str, last_modified: str, policy: FetchPolicy):
    """Fetch and parse one feed; never raises for what a feed can do wrong."""
    try:
        fetched = fetch_feed(url, policy, etag=etag, last_modified=last_modified)
    except FetchError as exc:
        return _Download(error=exc.message)
    # A temporary redirect (302, 303, 307) anywhere in the chain means the old
    # address stays the one to ask.
    moved_to = fetched.url if fetched.moved_permanently else ""
    if fetched.not_modified:
        # A 304 need not repeat the validators: keep the ones sent.
        return _Download(
            not_modified=True,
            etag=fetched.etag or etag,
            last_modified=fetched.last_modified or last_modified,
            moved_to=moved_to,
        )
    try:
        parsed = parse_feed(fetched.raw, fetched.url)
    except FeedError as exc:
        return _Download(error=exc.message)
    return _Download(
        parsed=parsed,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        moved_to=moved_to,
    )


MOVED = "Moved permanently to "


def _move(feed: Feed, url: str, now: datetime) -> str:
    """Point ``feed`` at ``url``, where its address now redirects permanently;
    return the note that tells the editors (also when the move cannot be made).
    """
    old = feed.url
    if len(url) > Feed._meta.get_field("url").max_length:
        return (
            f"The feed redirects permanently to an address too long to keep "
            f"({url[:200]}…); it is still polled at {old}."
        )
    other = Feed.objects.filter(url=url).exclude(pk=feed.pk).first()
    if other is None:
        try:
            with transaction.atomic():
                Feed.objects.filter(pk=feed.pk).update(url=url)
        except IntegrityError:
            # Another feed took the address since the check (the unique url).
            other = Feed.objects.filter(url=url).first()
        else:
            feed.url = url
            log.info("feed %s moved permanently from %s to %s", feed.pk, old, url)
            day = timezone.localtime(now).date().isoformat()
            return f"{MOVED}{url} on {day} (it was {old})."
    whose = f"the feed of {other.source}" if other is not None else "another feed"
    return (
        f"The feed redirects permanently to {url}, which {whose} already "
        f"follows; it is still polled at {old}. Delete one of the two."
    )


def _known_urls(urls: list[str]) -> set[str]:
    """The addresses among ``urls`` that are already articles: by canonical URL,
    or as submitted (an article that was redirected keeps the address it was
    submitted under in ``submitted_url``)."""
    known = set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
    rest = [u for u in urls if u not in known]
    if rest:
        known |= set(
            Article.objects.filter(submitted_url__in=rest).values_list(
                "submitted_url", flat=True
            )
        )
    return known


def _newest_first(items: list[FeedItem]) -> list[FeedItem]:
    # Undated items keep their place in the document, after the dated ones.
    dated = sorted(
        (i for i in items if i.published_at), key=lambda i: i.published_at, reverse=True
    )
    return dated + [i for i in items if not i.published_at]


def _new_items(parsed: ParsedFeed, now: datetime) -> tuple[list[FeedItem], bool]:
    """The items that are not articles yet, newest first, at most
    ``MAX_NEW_PER_POLL``; and whether some were left for the next poll."""
    items = parsed.items
    if parsed.kind == "sitemap":
        cutoff = now - SITEMAP_MAX_AGE
        items = [i for i in items if i.published_at and i.published_at >= cutoff]
    known = _known_urls([i.url for i in items])
    fresh = _newest_first([i for i in items if i.url not in known])
    return fresh[:MAX_NEW_PER_POLL], len(fresh) > MAX_NEW_PER_POLL


def _submit(item: FeedItem, *, enqueue: bool) -> bool:
    """One new article from a feed item, queued for the pipeline; whether it
    was new (another poller or a journalist may have submitted it meanwhile).
    Its own savepoint: an item that fails spoils none of the others."""
    try:
        with transaction.atomic():
            article, created = article_submit_url(url=item.url, enqueue=False)
            if not created:
                return False
            # The publisher's own date for the item; extraction only fills in
            # what is missing, so the feed's date stands.
            Article.objects.filter(pk=article.pk).update(
                origin=Article.Origin.FEED, published_at=item.published_at
            )
            if enqueue:
                article_enqueue(article.pk)
    except FetchError:  # an address validate_url refuses: not an article
        return False
    return True


def _record(feed: Feed, download: _Download, *, enqueue: bool) -> PollResult:
    """Write what a poll found: new articles, then the feed's health."""
    now = timezone.now()
    rows = Feed.objects.filter(pk=feed.pk)
    if download.error:
        failures = feed.failures + 1
        rows.update(
            last_polled_at=now,
            failures=failures,
            last_error=download.error[:2000],
            next_poll_at=now + backoff(feed.interval_minutes, failures),
        )
        log.info("feed %s failed (%s): %s", feed.pk, failures, download.error)
        return PollResult(feed.pk, "error", error=download.error)
    if download.moved_to and download.moved_to != feed.url:
        note = _move(feed, download.moved_to, now)
    else:
        # A move stays on show; a move that could not be made no longer applies.
        note = feed.note if feed.note.startswith(MOVED) else ""
    healthy = {
        "last_polled_at": now,
        "last_success_at": now,
        "failures": 0,
        "last_error": "",
        "note": note[:2000],
        "etag": download.etag[:500],
        "last_modified": download.last_modified[:100],
        "next_poll_at": now + timedelta(minutes=feed.interval_minutes),
    }
    if download.not_modified:
        rows.update(**healthy)
        return PollResult(feed.pk, "not_modified")
    assert download.parsed is not None
    # One transaction for the feed's new articles and its health: one commit
    # instead of one per item, and items_seen always matches the articles.
    # The articles are handed to the pipeline when it commits.
    with transaction.atomic():
        fresh, more = _new_items(download.parsed, now)
        new = sum(_submit(item, enqueue=enqueue) for item in fresh)
        if more:
            # Items were left for next time: an unconditional GET then, or
            # the server would answer 304 and they would never come.
            healthy.update(etag="", last_modified="")
        rows.update(**healthy, items_seen=F("items_seen") + new)
    return PollResult(
        feed.pk, "new", new_articles=new, items=len(download.parsed.items)
    )


def _poll_claimed(
    feeds: list[Feed], *, enqueue: bool, workers: int, progress: Any = None
) -> PollSummary:
    """Download the claimed feeds in threads (network only), record each in
    this thread as it arrives (the database stays on one connection)."""
    summary = PollSummary()
    if progress is not None:
        progress.reset(total=len(feeds))
    if not feeds:
        return summary
    policy = fetch_policy()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        pending = {
            pool.submit(_download, f.url, f.etag, f.last_modified, policy): f
            for f in feeds
        }
        for future in as_completed(pending):
            feed = pending[future]
            try:
                result = _record(feed, future.result(), enqueue=enqueue)
            except Exception:
                # A bug must not stop the other feeds; the feed says so.
                log.exception("poll of feed %s failed", feed.pk)
                result = _record(
                    feed,
                    _Download(error="An internal error stopped this poll; it was "
                              "logged."),
                    enqueue=enqueue,
                )  # fmt: skip
            summary.add(result)
            if progress is not None:
                progress.update(1)
    return summary


def feed_poll(feed: Feed, *, enqueue: bool = True) -> PollResult:
    """Poll one feed here and now, whether due or not (tests; the page's "Poll now"
    queues a poll instead: ``feed_poll_soon``).

    ``enqueue=False`` creates the new articles without handing them to the
    pipeline (the benchmark; the stuck-article sweep would pick them up later).
    Skipped when another poller holds the feed.
    """
    feed.refresh_from_db()
    if not _claim(feed):
        return PollResult(feed.pk, "skipped")
    summary = _poll_claimed([feed], enqueue=enqueue, workers=1)
    return summary.results[0]


def feeds_due(now: datetime | None = None, *, every: bool = False) -> Iterable[Feed]:
    """Active feeds to poll: those due at ``now`` (never polled, or next poll
    reached), or all active ones with ``every``; longest waiting first."""
    feeds = Feed.objects.filter(is_active=True)
    if not every:
        now = now or timezone.now()
        feeds = feeds.filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
    return feeds.order_by(F("next_poll_at").asc(nulls_first=True), "id")


def feeds_poll_due(
    now: datetime | None = None,
    all: bool = False,
    *,
    enqueue: bool = True,
    workers: int | None = None,
    progress: Any = None,
) -> PollSummary:
    """Poll the feeds due at ``now`` (or every active feed with ``all``) once.

    Safe to run concurrently: each feed is claimed first, and a feed another
    poller holds is left to it. ``workers``: downloads at once (default
    ``settings.FEED_POLL_WORKERS``, else 8). ``progress``: a tqdm-like bar
    (``reset(total=)``, ``update(n)``).
    """
    if workers is None:
        workers = getattr(settings, "FEED_POLL_WORKERS", DEFAULT_WORKERS)
    # One transaction for all the claims: one commit, not one per feed.
    with transaction.atomic():
        claimed = [f for f in feeds_due(now, every=all) if _claim(f)]
    summary = _poll_claimed(
        claimed, enqueue=enqueue, workers=workers, progress=progress
    )
    if summary.polled:
        log.info("feeds: %s", summary)
    return summary


def poll_due_feeds() -> dict[str, int]:
    """The beat task's body (every minute): poll what is due, say what it did."""
    return feeds_poll_due().as_dict()
