"""Following feeds: polls, conditional GET, dedupe, backoff, moves, OPML, page,
command, API.

A local ``FeedServer`` plays the outlets: it serves feeds with an ETag and a
Last-Modified date, answers 304 to a matching conditional GET, redirects, and
serves the article pages the feeds link to, so new items go through the real
pipeline.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from datetime import timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from claims.ingest.fetch import FetchPolicy, InvalidURL, fetch_feed
from claims.models import Article, Feed, Source, SourceDomain
from claims.services import feeds as feed_services
from claims.services.articles import article_submit_url
from claims.services.feeds import (
    backoff,
    feed_add,
    feed_pause,
    feed_poll,
    feed_resume,
    feeds_import_opml,
    feeds_poll_due,
    poll_due_feeds,
)
from tests.api.conftest import client_for, error

ARTICLE = """<!doctype html><html><head><title>{title}</title></head><body><article>
<h1>{title}</h1>
<p>The cost of the new bridge over the river has tripled, the council's finance
chief said on Tuesday.</p>
<p>"We were given figures that turned out to be wrong," said Councillor Jane
Smith, who chairs the finance committee. She said the council would ask the
auditor to review the contract.</p>
<p>The contractor denied any wrongdoing and said the original estimate had been
agreed by both sides.</p>
</article></body></html>"""


# --- The outlets' server ----------------------------------------------------------


@dataclass
class Doc:
    body: bytes
    content_type: str = "application/rss+xml"
    etag: str = ""
    last_modified: str = ""
    status: int = 200
    location: str = ""  # a redirect's target


class _Handler(BaseHTTPRequestHandler):
    docs: dict[str, Doc]
    log: list[tuple[str, dict[str, str], int]]

    def do_GET(self) -> None:
        doc = self.docs.get(self.path)
        if doc is None:
            return self._send(404, "text/html", b"<html><body>Gone</body></html>")
        fresh = (doc.etag and self.headers.get("If-None-Match") == doc.etag) or (
            doc.last_modified
            and not doc.etag
            and self.headers.get("If-Modified-Since") == doc.last_modified
        )
        if fresh:
            return self._send(304, None, b"", doc)
        return self._send(doc.status, doc.content_type, doc.body, doc)

    def _send(self, status, content_type, body, doc: Doc | None = None) -> None:
        self.log.append((self.path, dict(self.headers.items()), status))
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if doc and doc.etag:
            self.send_header("ETag", doc.etag)
        if doc and doc.last_modified:
            self.send_header("Last-Modified", doc.last_modified)
        if doc and doc.location:
            self.send_header("Location", doc.location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class FeedServer:
    """Feeds and article pages on 127.0.0.1; ``log``: (path, headers, status)."""

    def __init__(self) -> None:
        handler = type("Handler", (_Handler,), {"docs": {}, "log": []})
        self.docs, self.log = handler.docs, handler.log
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def add(self, path: str, body: bytes | str, **doc) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.docs[path] = Doc(body, **doc)
        return self.url(path)

    def article(self, path: str, title: str = "Bridge costs soar") -> str:
        return self.add(path, ARTICLE.format(title=title), content_type="text/html")

    def rss(self, path: str, links: list[str], **doc) -> str:
        items = "".join(
            f"<item><title>Story {n}</title><link>{link.replace('&', '&amp;')}</link>"
            f"<pubDate>Mon, 25 Mar 2024 {10 + n:02d}:00:00 GMT</pubDate></item>"
            for n, link in enumerate(links)
        )
        body = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed'
            f"</title>{items}</channel></rss>"
        )
        return self.add(path, body, **doc)

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        return self.add(path, b"", content_type="text/html", status=status, location=to)

    def hits(self, path: str) -> list[tuple[dict[str, str], int]]:
        return [(headers, status) for p, headers, status in self.log if p == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = FeedServer()
    yield s
    s.close()


@pytest.fixture
def outlet(db) -> Source:
    source = Source.objects.create(name="Example News")
    SourceDomain.objects.create(source=source, domain="example.org")
    return source


def make_feed(source: Source, url: str, **fields) -> Feed:
    return Feed.objects.create(source=source, url=url, **fields)


# --- Polling ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_it_turns_new_items_into_articles_through_the_pipeline(server, outlet):
    a = server.article("/news/a", "Bridge costs soar")
    b = server.article("/news/b", "Council asks auditor")
    feed = make_feed(outlet, server.rss("/feed.xml", [a, b], etag='"v1"'))

    result = feed_poll(feed)

    assert (result.outcome, result.new_articles, result.items) == ("new", 2, 2)
    articles = Article.objects.order_by("url")
    assert [x.url for x in articles] == [a, b]
    assert {x.origin for x in articles} == {Article.Origin.FEED}
    assert {x.status for x in articles} == {Article.Status.DONE}
    assert articles[0].title == "Bridge costs soar"
    assert articles[0].submitted_by is None
    assert articles[0].appearances.exists()  # analysed: claims were found
    feed.refresh_from_db()
    assert feed.items_seen == 2
    assert feed.failures == 0 and feed.last_error == ""
    assert feed.etag == '"v1"'
    assert feed.last_success_at == feed.last_polled_at
    assert feed.next_poll_at == feed.last_polled_at + timedelta(minutes=15)


def test_the_feeds_date_is_kept_until_the_page_says_otherwise(server, outlet):
    feed = make_feed(outlet, server.rss("/feed.xml", ["https://example.org/x"]))
    feed_poll(feed)
    article = Article.objects.get()
    assert article.published_at.isoformat() == "2024-03-25T10:00:00+00:00"
    assert article.status == Article.Status.QUEUED  # enqueued on commit


def test_an_unchanged_feed_costs_one_304(server, outlet):
    feed = make_feed(
        outlet, server.rss("/feed.xml", ["https://example.org/a"], etag='"abc"')
    )
    first = feed_poll(feed)
    second = feed_poll(feed)
    assert (first.outcome, second.outcome) == ("new", "not_modified")
    (h1, s1), (h2, s2) = server.hits("/feed.xml")
    assert "If-None-Match" not in h1 and s1 == 200
    assert h2["If-None-Match"] == '"abc"' and s2 == 304
    assert "application/rss+xml" in h2["Accept"]
    assert Article.objects.count() == 1
    feed.refresh_from_db()
    assert feed.etag == '"abc"'
    assert feed.items_seen == 1
    assert feed.last_success_at == feed.last_polled_at


def test_last_modified_alone_makes_the_get_conditional(server, outlet):
    stamp = format_datetime(timezone.now() - timedelta(hours=1), usegmt=True)
    url = server.rss("/lm.xml", ["https://example.org/a"], last_modified=stamp)
    feed = make_feed(outlet, url)
    feed_poll(feed)
    feed.refresh_from_db()
    assert (feed.etag, feed.last_modified) == ("", stamp)
    assert feed_poll(feed).outcome == "not_modified"
    headers, status = server.hits("/lm.xml")[-1]
    assert headers["If-Modified-Since"] == stamp and status == 304


def test_a_changed_feed_brings_only_its_new_items(server, outlet):
    url = server.rss("/feed.xml", ["https://example.org/1"], etag='"1"')
    feed = make_feed(outlet, url)
    feed_poll(feed)
    server.rss(
        "/feed.xml", ["https://example.org/2", "https://example.org/1"], etag='"2"'
    )
    result = feed_poll(feed)
    assert (result.outcome, result.new_articles) == ("new", 1)
    assert Article.objects.count() == 2
    feed.refresh_from_db()
    assert (feed.items_seen, feed.etag) == (2, '"2"')


def test_tracking_parameters_do_not_make_duplicates(server, outlet, journalist):
    article_submit_url(url="https://example.org/known", user=journalist)
    url = server.rss(
        "/feed.xml",
        [
            "https://example.org/story?utm_source=rss&utm_medium=feed",
            "https://EXAMPLE.org/story?fbclid=abc#comments",
            "https://example.org/known?gclid=1&mc_cid=2&mc_eid=3",
            "https://example.org/page?b=2&a=1&ref=home",
        ],
    )
    other = make_feed(
        outlet,
        server.rss(
            "/other.xml",
            ["https://example.org/story?igshid=x", "https://example.org/page?a=1&b=2"],
        ),
    )
    result = feed_poll(make_feed(outlet, url))
    assert result.new_articles == 2
    assert feed_poll(other).new_articles == 0
    assert sorted(Article.objects.values_list("url", flat=True)) == [
        "https://example.org/known",
        "https://example.org/page?a=1&b=2",
        "https://example.org/story",
    ]


def test_an_item_that_redirected_is_not_taken_again(server, outlet):
    # The pipeline moved the article to the page's real address; the feed still
    # links to the redirector.
    Article.objects.create(
        url="https://example.org/real",
        submitted_url="https://feeds.example.org/r/1",
        status=Article.Status.DONE,
    )
    feed = make_feed(outlet, server.rss("/feed.xml", ["https://feeds.example.org/r/1"]))
    assert feed_poll(feed).new_articles == 0
    assert Article.objects.count() == 1


def test_one_poll_brings_at_most_the_newest_hundred_items(server, outlet, monkeypatch):
    monkeypatch.setattr(feed_services, "MAX_NEW_PER_POLL", 2)
    links = [f"https://example.org/{n}" for n in range(5)]
    feed = make_feed(outlet, server.rss("/feed.xml", links, etag='"same"'))
    assert feed_poll(feed).new_articles == 2
    # Story 4 has the latest date, then story 3.
    assert sorted(Article.objects.values_list("url", flat=True)) == links[3:]
    # The rest come with the next polls, although the feed did not change.
    assert feed_poll(feed).new_articles == 2
    assert feed_poll(feed).new_articles == 1
    assert feed_poll(feed).outcome == "not_modified"
    assert Article.objects.count() == 5


def test_a_plain_sitemap_brings_only_recent_pages(server, outlet):
    today = timezone.now().date().isoformat()
    body = f"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://example.org/new</loc><lastmod>{today}</lastmod></url>
      <url><loc>https://example.org/2009/old</loc><lastmod>2009-01-01</lastmod></url>
      <url><loc>https://example.org/about</loc></url></urlset>"""
    feed = make_feed(outlet, server.add("/sitemap.xml", body, content_type="text/xml"))
    assert feed_poll(feed).new_articles == 1
    assert list(Article.objects.values_list("url", flat=True)) == [
        "https://example.org/new"
    ]


# --- Feeds that fail --------------------------------------------------------------


def _failed(feed: Feed) -> Feed:
    feed.refresh_from_db()
    assert feed.failures >= 1
    assert feed.last_polled_at is not None
    assert feed.last_success_at is None
    assert Article.objects.count() == 0
    return feed


def test_garbage_is_a_clear_error_and_nothing_else(server, outlet):
    feed = make_feed(
        outlet,
        server.add(
            "/feed.xml", b"\x00\x01 this is not a feed", content_type="text/xml"
        ),
    )
    result = feed_poll(feed)
    assert result.outcome == "error"
    feed = _failed(feed)
    assert feed.last_error == "The feed is not XML (it does not start with a tag)."
    assert feed.next_poll_at == feed.last_polled_at + timedelta(minutes=30)


def test_a_web_page_instead_of_a_feed_says_where_the_feed_is(server, outlet):
    page = (
        '<!doctype html><html><head><link rel="alternate" '
        'type="application/atom+xml" href="/atom.xml"></head><body>Hi</body></html>'
    )
    feed = make_feed(outlet, server.add("/", page, content_type="text/html"))
    feed_poll(feed)
    assert _failed(feed).last_error == (
        "The address serves a web page, not a feed. Its feed seems to be at "
        f"{server.url('/atom.xml')}."
    )


def test_an_enormous_feed_is_refused(server, outlet, settings):
    settings.FETCH_MAX_BYTES = 64 * 1024
    links = [f"https://example.org/{n}" for n in range(2000)]
    feed = make_feed(outlet, server.rss("/huge.xml", links))
    feed_poll(feed)
    assert _failed(feed).last_error == "The page is larger than the limit of 64 KB."


def test_a_feed_at_a_private_address_is_refused(server, outlet, settings):
    settings.FETCH_ALLOW_PRIVATE = False
    feed = make_feed(outlet, server.rss("/feed.xml", ["https://example.org/a"]))
    feed_poll(feed)
    assert "loopback" in _failed(feed).last_error
    assert server.log == []  # not even asked


def test_a_missing_feed_and_a_wrong_type_are_errors(server, outlet):
    gone = make_feed(outlet, server.url("/gone.xml"))
    image = make_feed(outlet, server.add("/logo", b"\x89PNG", content_type="image/png"))
    feed_poll(gone)
    feed_poll(image)
    assert _failed(gone).last_error == "The page was not found (HTTP 404)."
    assert _failed(image).last_error == (
        "The address points to an image (image/png), not a feed."
    )


def test_failures_back_off_exponentially_up_to_a_day(server, outlet):
    assert [backoff(15, n) for n in range(1, 4)] == [
        timedelta(minutes=30),
        timedelta(minutes=60),
        timedelta(minutes=120),
    ]
    assert backoff(15, 7) == timedelta(hours=24)
    assert backoff(15, 500) == timedelta(hours=24)

    feed = make_feed(outlet, server.url("/flaky.xml"), interval_minutes=10)
    for expected in (20, 40, 80):
        feed_poll(feed)
        feed.refresh_from_db()
        assert feed.next_poll_at - feed.last_polled_at == timedelta(minutes=expected)
    assert feed.failures == 3
    server.rss("/flaky.xml", ["https://example.org/a"])
    feed_poll(feed)
    feed.refresh_from_db()
    assert (feed.failures, feed.last_error) == (0, "")
    assert feed.next_poll_at - feed.last_polled_at == timedelta(minutes=10)


def test_a_failing_feed_does_not_stop_the_others(server, outlet):
    bad = make_feed(
        outlet, server.add("/bad.xml", "<nonsense/>", content_type="text/xml")
    )
    good = make_feed(outlet, server.rss("/good.xml", ["https://example.org/a"]))
    summary = feeds_poll_due()
    assert (summary.polled, summary.new_articles, summary.errors) == (2, 1, 1)
    bad.refresh_from_db()
    good.refresh_from_db()
    assert "not a feed" in bad.last_error
    assert good.last_success_at is not None


def test_an_internal_error_is_recorded_on_the_feed(server, outlet, monkeypatch):
    new_items = feed_services._new_items

    def broken_for_one(parsed, now):
        if parsed.title == "Test feed":
            raise RuntimeError("a bug")
        return new_items(parsed, now)

    monkeypatch.setattr(feed_services, "_new_items", broken_for_one)
    feed = make_feed(outlet, server.rss("/feed.xml", ["https://example.org/a"]))
    ok = make_feed(outlet, server.add("/ok.xml", "<rss><channel/></rss>"))
    summary = feeds_poll_due()
    assert (summary.polled, summary.errors) == (2, 1)
    feed.refresh_from_db()
    ok.refresh_from_db()
    assert feed.last_error == "An internal error stopped this poll; it was logged."
    assert ok.last_error == "" and ok.last_success_at is not None


# --- Feeds that moved -------------------------------------------------------------


def test_the_fetch_says_which_redirects_it_followed(server):
    end = server.rss("/c.xml", [])
    server.redirect("/b.xml", end, 302)
    server.redirect("/a.xml", server.url("/b.xml"), 301)
    policy = FetchPolicy(allow_private=True)
    fetched = fetch_feed(server.url("/a.xml"), policy)
    assert (fetched.url, fetched.redirects) == (end, (301, 302))
    assert not fetched.moved_permanently
    fetched = fetch_feed(server.url("/b.xml"), policy)
    assert fetched.redirects == (302,) and not fetched.moved_permanently
    server.redirect("/b.xml", end, 308)
    assert fetch_feed(server.url("/a.xml"), policy).moved_permanently
    assert fetch_feed(end, policy).redirects == ()


def test_a_feed_that_moved_permanently_is_polled_at_its_new_address(
    server, outlet, client, editor
):
    new = server.rss("/new.xml", ["https://example.org/a"], etag='"n"')
    old = server.redirect("/old.xml", new, 301)
    feed = make_feed(outlet, old)

    result = feed_poll(feed)

    assert (result.outcome, result.new_articles) == ("new", 1)
    feed.refresh_from_db()
    assert feed.url == new
    assert (feed.failures, feed.etag) == (0, '"n"')
    assert feed.last_error == ""
    assert feed.note.startswith(f"Moved permanently to {new} on ")
    assert feed.note.endswith(f" (it was {old}).")
    # The next polls ask the new address only, and the note stays on show.
    assert feed_poll(feed).outcome == "not_modified"
    assert len(server.hits("/old.xml")) == 1
    feed.refresh_from_db()
    assert feed.note.startswith(f"Moved permanently to {new} on ")
    client.force_login(editor)
    html = client.get(reverse("claims:feeds")).content.decode()
    assert f"Moved permanently to {new} on " in html
    assert '<span class="badge status-done">ok</span>' in html  # a note, not a failure


def test_the_move_note_stays_through_a_failure_and_recovery(server, outlet):
    new = server.rss("/new.xml", ["https://example.org/a"])
    feed = make_feed(outlet, server.redirect("/old.xml", new, 308))
    feed_poll(feed)
    del server.docs["/new.xml"]
    feed_poll(feed)
    feed.refresh_from_db()
    assert (feed.url, feed.last_error) == (new, "The page was not found (HTTP 404).")
    assert feed.note.startswith(f"Moved permanently to {new} on ")
    server.rss("/new.xml", ["https://example.org/a"])
    feed_poll(feed)
    feed.refresh_from_db()
    assert (feed.url, feed.failures, feed.last_error) == (new, 0, "")
    assert feed.note.startswith(f"Moved permanently to {new} on ")


def test_a_chain_of_permanent_redirects_moves_the_feed_to_its_end(server, outlet):
    end = server.rss("/c.xml", ["https://example.org/a"])
    server.redirect("/b.xml", end, 301)
    feed = make_feed(outlet, server.redirect("/a.xml", server.url("/b.xml"), 308))
    feed_poll(feed)
    feed.refresh_from_db()
    assert feed.url == end
    assert feed.note.startswith(f"Moved permanently to {end} on ")


@pytest.mark.parametrize(
    "statuses", [(302,), (303,), (307,), (301, 302), (307, 308), (308, 301, 307)]
)
def test_a_temporary_redirect_anywhere_keeps_the_address(server, outlet, statuses):
    target = server.rss("/final.xml", ["https://example.org/a"])
    for n in reversed(range(len(statuses))):
        target = server.redirect(f"/hop{n}.xml", target, statuses[n])
    feed = make_feed(outlet, target)
    assert feed_poll(feed).new_articles == 1
    feed.refresh_from_db()
    assert (feed.url, feed.last_error, feed.note) == (server.url("/hop0.xml"), "", "")


def test_an_unchanged_feed_behind_a_permanent_redirect_moves_too(server, outlet):
    new = server.rss("/new.xml", ["https://example.org/a"], etag='"v"')
    feed = make_feed(outlet, server.redirect("/old.xml", new, 301), etag='"v"')
    assert feed_poll(feed).outcome == "not_modified"
    feed.refresh_from_db()
    assert feed.url == new and feed.etag == '"v"'


def test_a_failed_poll_after_a_permanent_redirect_moves_nothing(server, outlet):
    old = server.redirect("/old.xml", server.url("/missing.xml"), 301)
    junk = server.redirect(
        "/junk-old.xml",
        server.add("/junk.xml", "<nonsense/>", content_type="text/xml"),
        301,
    )
    gone, broken = make_feed(outlet, old), make_feed(outlet, junk)
    feed_poll(gone)
    feed_poll(broken)
    assert _failed(gone).url == old
    assert gone.last_error == "The page was not found (HTTP 404)."
    assert _failed(broken).url == junk


def test_a_move_to_an_address_another_feed_follows_is_only_reported(server, outlet):
    new = server.rss("/new.xml", ["https://example.org/a"])
    wire = Source.objects.create(name="Wire service")
    other = make_feed(wire, new)
    old = server.redirect("/old.xml", new, 301)
    feed = make_feed(outlet, old)

    result = feed_poll(feed)

    assert (result.outcome, result.new_articles) == ("new", 1)
    feed.refresh_from_db()
    assert (feed.url, feed.failures, feed.last_error) == (old, 0, "")
    assert feed.note == (
        f"The feed redirects permanently to {new}, which the feed of Wire service "
        f"already follows; it is still polled at {old}. Delete one of the two."
    )
    assert feed_poll(other).new_articles == 0  # one article, not two
    # Once the other feed is gone, the move is made.
    feed_services.feed_delete(feed=other)
    feed_poll(feed)
    feed.refresh_from_db()
    assert feed.url == new
    assert feed.note.startswith(f"Moved permanently to {new} on ")


# --- Which feeds are polled -------------------------------------------------------


def test_only_due_active_feeds_are_polled(server, outlet):
    now = timezone.now()
    path = "/feed.xml"
    never = make_feed(outlet, server.rss(path, []))
    due = make_feed(outlet, server.url(path) + "?due", next_poll_at=now)
    later = make_feed(
        outlet, server.url(path) + "?later", next_poll_at=now + timedelta(minutes=5)
    )
    paused = make_feed(outlet, server.url(path) + "?paused", is_active=False)
    server.docs[f"{path}?due"] = server.docs[f"{path}?later"] = server.docs[path]

    summary = feeds_poll_due(now=now)
    polled = {r.feed_id for r in summary.results}
    assert polled == {never.pk, due.pk}
    assert summary.polled == 2

    everything = feeds_poll_due(now=now, all=True)
    assert {r.feed_id for r in everything.results} == {never.pk, due.pk, later.pk}
    assert paused.pk not in {r.feed_id for r in everything.results}


def test_polling_twice_leaves_the_same_rows(server, outlet):
    make_feed(outlet, server.rss("/feed.xml", ["https://example.org/a"], etag='"x"'))
    first = poll_due_feeds()
    second = poll_due_feeds()
    assert first == {"polled": 1, "new_articles": 1, "not_modified": 0, "errors": 0}
    assert second == {"polled": 0, "new_articles": 0, "not_modified": 0, "errors": 0}
    assert Article.objects.count() == 1


def test_a_feed_another_poller_holds_is_left_alone(server, outlet):
    feed = make_feed(outlet, server.rss("/feed.xml", ["https://example.org/a"]))
    stale = Feed.objects.get(pk=feed.pk)
    assert feed_services._claim(feed)  # another poller took it
    assert not feed_services._claim(stale)
    assert feeds_poll_due().polled == 0
    assert server.log == []


# --- Adding, pausing, importing ---------------------------------------------------


def test_adding_a_feed_validates_its_address(outlet):
    feed = feed_add(source=outlet, url="HTTPS://Example.org/feed.xml")
    assert feed.url == "https://example.org/feed.xml"
    assert feed.next_poll_at is None  # polled at the next cycle
    with pytest.raises(ValueError, match="already followed, for Example News"):
        feed_add(source=outlet, url="https://example.org/feed.xml")
    with pytest.raises(InvalidURL, match="Only http:// and https://"):
        feed_add(source=outlet, url="ftp://example.org/feed.xml")


def test_pause_and_resume(outlet):
    feed = make_feed(
        outlet,
        "https://example.org/feed.xml",
        failures=5,
        next_poll_at=timezone.now() + timedelta(hours=8),
    )
    assert feed_pause(feed=feed)
    assert not feed_pause(feed=feed)
    assert list(feed_services.feeds_due(timezone.now(), every=True)) == []
    assert feed_resume(feed=feed)
    feed.refresh_from_db()
    assert feed.is_active
    # Resuming does not wait out the backoff.
    assert list(feed_services.feeds_due(timezone.now())) == [feed]


OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
  <outline text="Politics">
    <outline type="rss" text="Example politics" xmlUrl="https://feeds.example.org/politics"
             htmlUrl="https://www.example.org/politics"/>
    <outline type="rss" text="The Herald" xmlUrl="https://herald.example.net/rss"/>
    <outline type="rss" text="Wire Service" xmlUrl="https://cdn.wire.example/feed.xml"/>
  </outline>
  <outline type="rss" text="Already here" xmlUrl="https://example.org/feed.xml"/>
  <outline type="rss" text="Bad" xmlUrl="gopher://old.example.org/feed"/>
</body></opml>"""


def test_opml_import_files_each_feed_under_its_outlet(outlet, editor):
    make_feed(outlet, "https://example.org/feed.xml")
    wire = Source.objects.create(name="Wire service", kind=Source.Kind.AGENCY)

    result = feeds_import_opml(OPML.encode(), user=editor)

    assert str(result) == "3 feeds added, 1 already followed, 1 refused."
    assert result.refused[0][0] == "gopher://old.example.org/feed"
    by_url = {f.url: f.source for f in result.added}
    # By the site's domain (htmlUrl), by the outline's name, or a new outlet.
    assert by_url["https://feeds.example.org/politics"] == outlet
    assert by_url["https://cdn.wire.example/feed.xml"] == wire
    herald = by_url["https://herald.example.net/rss"]
    assert herald.name == "The Herald"
    assert herald.domain_list == ["herald.example.net"]
    # Importing again adds nothing.
    again = feeds_import_opml(OPML, user=editor)
    assert (len(again.added), again.already) == (0, 4)
    assert Feed.objects.count() == 4


def test_opml_import_refuses_what_is_not_opml(db):
    with pytest.raises(feed_services.FeedError, match="not OPML"):
        feeds_import_opml(b"<rss><channel/></rss>")
    assert Feed.objects.count() == 0


# --- The command ------------------------------------------------------------------


def test_the_command_polls_due_feeds_or_all_with_now(server, outlet):
    make_feed(outlet, server.rss("/feed.xml", ["https://example.org/a"], etag='"e"'))
    broken = make_feed(outlet, server.url("/missing.xml"))
    out, err = io.StringIO(), io.StringIO()
    call_command("poll_feeds", stdout=out, stderr=err)
    assert out.getvalue().strip() == (
        "Polled 2 feeds: 1 new article, 0 not modified, 1 error."
    )
    assert f"{broken.url}: The page was not found (HTTP 404)." in err.getvalue()

    out = io.StringIO()
    call_command("poll_feeds", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == (
        "Polled 0 feeds: 0 new articles, 0 not modified, 0 errors."
    )
    out = io.StringIO()
    call_command("poll_feeds", "--now", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == (
        "Polled 2 feeds: 0 new articles, 1 not modified, 1 error."
    )


# --- The editors' page ------------------------------------------------------------


def test_editors_see_each_feeds_health(client, editor, outlet):
    make_feed(
        outlet,
        "https://example.org/failing.xml",
        failures=3,
        last_error="The page was not found (HTTP 404).",
    )
    make_feed(
        outlet,
        "https://example.org/fine.xml",
        items_seen=42,
        last_success_at=timezone.now(),
        next_poll_at=timezone.now() + timedelta(minutes=15),
    )
    client.force_login(editor)
    page = client.get(reverse("claims:feeds"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("failing.xml") < html.index("fine.xml")  # failing first
    assert "failing (3 in a row)" in html
    assert "The page was not found (HTTP 404)." in html
    assert "<td>42</td>" in html
    assert "Add a feed" in html and "Import an OPML file" in html
    assert (
        reverse("claims:feeds") in client.get(reverse("claims:home")).content.decode()
    )


def test_editors_add_pause_and_resume_feeds_in_the_browser(client, editor, outlet):
    client.force_login(editor)
    answer = client.post(
        reverse("claims:feeds"),
        {
            "source": outlet.pk,
            "url": "https://example.org/rss",
            "interval_minutes": 30,
        },
        follow=True,
    )
    assert "Feed added to Example News" in answer.content.decode()
    feed = Feed.objects.get()
    assert (feed.url, feed.interval_minutes) == ("https://example.org/rss", 30)

    again = client.post(
        reverse("claims:feeds"),
        {"source": outlet.pk, "url": "https://example.org/rss", "interval_minutes": 15},
    )
    assert "already followed" in again.content.decode()

    client.post(reverse("claims:feed-pause", args=[feed.pk]))
    feed.refresh_from_db()
    assert not feed.is_active
    assert "Resume" in client.get(reverse("claims:feeds")).content.decode()
    client.post(reverse("claims:feed-resume", args=[feed.pk]))
    feed.refresh_from_db()
    assert feed.is_active


def test_editors_upload_opml(client, editor):
    client.force_login(editor)
    upload = io.BytesIO(OPML.encode())
    upload.name = "subscriptions.opml"
    answer = client.post(reverse("claims:feed-import"), {"file": upload}, follow=True)
    html = answer.content.decode()
    assert "OPML imported: 4 feeds added, 1 refused." in html
    assert "gopher://old.example.org/feed" in html
    assert Feed.objects.count() == 4

    junk = io.BytesIO(b"not xml at all")
    junk.name = "junk.opml"
    answer = client.post(reverse("claims:feed-import"), {"file": junk})
    assert "The OPML file is not XML" in answer.content.decode()


def test_journalists_and_visitors_cannot_manage_feeds(client, journalist, outlet):
    feed = make_feed(outlet, "https://example.org/feed.xml")
    login = client.get(reverse("claims:feeds"))
    assert login.status_code == 302 and "/login/" in login["Location"]
    client.force_login(journalist)
    assert client.get(reverse("claims:feeds")).status_code == 403
    add = client.post(
        reverse("claims:feeds"),
        {"source": outlet.pk, "url": "https://example.org/new", "interval_minutes": 5},
    )
    assert add.status_code == 403
    for name in ("claims:feed-pause", "claims:feed-poll", "claims:feed-delete"):
        answer = client.post(reverse(name, args=[feed.pk]), {"confirm": "1"})
        assert answer.status_code == 403
    assert Feed.objects.count() == 1 and Feed.objects.get().is_active
    assert Feed.objects.get().next_poll_at is None
    assert "Feeds</a>" not in client.get(reverse("claims:home")).content.decode()


def test_editors_poll_a_feed_now_after_the_request(
    client, editor, server, outlet, django_capture_on_commit_callbacks
):
    later = timezone.now() + timedelta(hours=3)
    url = server.rss("/feed.xml", ["https://example.org/a"])
    feed = make_feed(outlet, url, next_poll_at=later)
    paused = make_feed(outlet, "https://example.org/paused.xml", is_active=False)
    client.force_login(editor)
    html = client.get(reverse("claims:feeds")).content.decode()
    assert html.count("Poll now</button>") == 1  # not for the paused feed
    assert reverse("claims:feed-poll", args=[feed.pk]) in html
    assert reverse("claims:feed-poll", args=[paused.pk]) not in html
    assert client.get(reverse("claims:feed-poll", args=[feed.pk])).status_code == 405

    with django_capture_on_commit_callbacks() as queued:
        answer = client.post(reverse("claims:feed-poll", args=[feed.pk]), follow=True)

    assert f"Poll of {url} queued" in answer.content.decode()
    assert server.log == []  # the request itself fetched nothing
    feed.refresh_from_db()
    assert feed.next_poll_at <= timezone.now()  # due: the polling task takes it
    assert len(queued) == 1
    queued[0]()  # the polling task, as a worker runs it
    feed.refresh_from_db()
    assert (feed.items_seen, feed.failures) == (1, 0)
    assert feed.last_success_at is not None
    assert feed.next_poll_at == feed.last_success_at + timedelta(minutes=15)
    assert Article.objects.get().origin == Article.Origin.FEED


def test_a_paused_feed_is_not_polled_now(
    client, editor, outlet, django_capture_on_commit_callbacks
):
    feed = make_feed(outlet, "https://example.org/feed.xml", is_active=False)
    client.force_login(editor)
    with django_capture_on_commit_callbacks() as queued:
        answer = client.post(reverse("claims:feed-poll", args=[feed.pk]), follow=True)
    assert (
        "https://example.org/feed.xml is paused; resume it to poll it."
        in answer.content.decode()
    )
    assert queued == []
    feed.refresh_from_db()
    assert (feed.is_active, feed.next_poll_at) == (False, None)


def test_editors_delete_a_feed_after_confirming_and_keep_its_articles(
    client, editor, server, outlet
):
    feed = make_feed(outlet, server.rss("/feed.xml", ["https://example.org/a"]))
    feed_poll(feed)
    client.force_login(editor)
    delete = reverse("claims:feed-delete", args=[feed.pk])
    assert delete in client.get(reverse("claims:feeds")).content.decode()
    assert client.get(delete).status_code == 405

    ask = client.post(delete)

    html = ask.content.decode()
    assert ask.status_code == 200
    assert "Stop following this feed?" in html
    assert "The 1 article it brought in stays, with its claims." in html
    assert '<input type="hidden" name="confirm" value="1">' in html
    assert Feed.objects.filter(pk=feed.pk).exists()

    answer = client.post(delete, {"confirm": "1"}, follow=True)

    assert (
        f"Stopped following {feed.url}; the articles it brought in stay."
        in answer.content.decode()
    )
    assert not Feed.objects.exists()
    assert Article.objects.get().url == "https://example.org/a"
    assert client.post(delete, {"confirm": "1"}).status_code == 404


# --- The API ----------------------------------------------------------------------


def test_the_api_polls_a_feed_now(
    editor, journalist, outlet, django_capture_on_commit_callbacks
):
    feed = make_feed(outlet, "https://example.org/feed.xml")
    paused = make_feed(outlet, "https://example.org/paused.xml", is_active=False)
    ed_api = client_for(editor)

    with django_capture_on_commit_callbacks() as queued:
        answer = ed_api.post(f"/api/v1/feeds/{feed.pk}/poll/")

    assert answer.status_code == 202
    assert answer.json()["id"] == feed.pk
    assert answer.json()["next_poll_at"] is not None
    assert len(queued) == 1
    refused = error(ed_api.post(f"/api/v1/feeds/{paused.pk}/poll/"), 409, "conflict")
    assert refused["message"] == "The feed is paused; resume it to poll it."
    jo_api = client_for(journalist)
    error(jo_api.post(f"/api/v1/feeds/{feed.pk}/poll/"), 403, "permission_denied")
    error(ed_api.post("/api/v1/feeds/999999/poll/"), 404, "not_found")
