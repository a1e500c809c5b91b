"""/api/v1/feeds/: API readers list feeds; editors add, pause, delete, import."""

from __future__ import annotations

import pytest

from claims.models import ApiToken, Article, Feed, Source, SourceDomain
from tests.api.conftest import client_for, error, ids, results

pytestmark = pytest.mark.django_db

OPML = """<?xml version="1.0"?>
<opml version="1.0"><body>
  <outline text="Example" xmlUrl="https://example.org/rss" htmlUrl="https://example.org/"/>
  <outline text="Herald" xmlUrl="https://herald.example.net/feed"/>
  <outline text="Broken" xmlUrl="not a url"/>
</body></opml>"""


@pytest.fixture
def outlet() -> Source:
    source = Source.objects.create(name="Example News")
    SourceDomain.objects.create(source=source, domain="example.org")
    return source


@pytest.fixture
def feed(outlet) -> Feed:
    return Feed.objects.create(
        source=outlet,
        url="https://example.org/feed.xml",
        failures=2,
        last_error="The page was not found (HTTP 404).",
        items_seen=7,
    )


def test_it_lists_feeds_with_their_health(jo_api, feed, outlet):
    paused = Feed.objects.create(
        source=outlet, url="https://example.org/paused.xml", is_active=False
    )
    rows = results(jo_api.get("/api/v1/feeds/"))
    assert [r["id"] for r in rows] == [feed.pk, paused.pk]
    row = rows[0]
    assert row["url"] == "https://example.org/feed.xml"
    assert row["api_url"] == f"http://testserver/api/v1/feeds/{feed.pk}/"
    assert row["outlet"]["name"] == "Example News"
    assert row["outlet"]["url"] == f"http://testserver/api/v1/sources/{outlet.pk}/"
    assert (row["failures"], row["items_seen"]) == (2, 7)
    assert row["last_error"] == "The page was not found (HTTP 404)."
    assert row["is_active"] is True and row["next_poll_at"] is None
    assert ids(jo_api.get("/api/v1/feeds/?is_active=false")) == [paused.pk]
    assert ids(jo_api.get("/api/v1/feeds/?failing=true")) == [feed.pk]
    assert ids(jo_api.get(f"/api/v1/feeds/?source={outlet.pk + 1}")) == []
    one = jo_api.get(f"/api/v1/feeds/{feed.pk}/")
    assert one.status_code == 200 and one.json() == row


def test_reading_needs_a_login(anon, feed):
    error(anon.get("/api/v1/feeds/"), 401, "not_authenticated")


def test_editors_follow_a_feed(ed_api, outlet):
    answer = ed_api.post(
        "/api/v1/feeds/",
        {"url": "HTTPS://Example.org/news.rss", "outlet": outlet.pk},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    feed = Feed.objects.get()
    assert answer["Location"] == body["api_url"]
    assert (body["url"], body["interval_minutes"]) == (
        "https://example.org/news.rss",
        15,
    )
    assert feed.source == outlet and feed.is_active


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"url": "ftp://example.org/rss"}, "url", "Only http:// and https://"),
        ({"url": "https://example.org/feed.xml"}, "url", "already followed"),
        ({"url": "https://example.org/x", "outlet": 999}, "outlet", "object"),
        (
            {"url": "https://example.org/x", "interval_minutes": 0},
            "interval_minutes",
            "",
        ),
    ],
)
def test_a_bad_feed_is_a_400(ed_api, feed, outlet, payload, field, message):
    body = {"outlet": outlet.pk, **payload}
    found = error(ed_api.post("/api/v1/feeds/", body, format="json"), 400, "invalid")
    assert message in " ".join(found["fields"][field])
    assert Feed.objects.count() == 1


def test_journalists_and_read_tokens_cannot_write(jo_api, editor, feed, outlet):
    read_token = client_for(editor, ApiToken.Scope.READ)
    body = {"url": "https://example.org/new", "outlet": outlet.pk}
    error(jo_api.post("/api/v1/feeds/", body, format="json"), 403, "permission_denied")
    error(
        read_token.post("/api/v1/feeds/", body, format="json"),
        403,
        "insufficient_scope",
    )
    patch = jo_api.patch(f"/api/v1/feeds/{feed.pk}/", {"is_active": False})
    error(patch, 403, "permission_denied")
    error(jo_api.delete(f"/api/v1/feeds/{feed.pk}/"), 403, "permission_denied")
    imported = jo_api.post("/api/v1/feeds/import/", OPML, content_type="text/x-opml")
    error(imported, 403, "permission_denied")
    assert Feed.objects.count() == 1 and Feed.objects.get().is_active


def test_editors_pause_resume_and_retime_a_feed(ed_api, feed):
    url = f"/api/v1/feeds/{feed.pk}/"
    paused = ed_api.patch(url, {"is_active": False}, format="json")
    assert paused.status_code == 200 and paused.json()["is_active"] is False
    resumed = ed_api.patch(
        url, {"is_active": True, "interval_minutes": 60}, format="json"
    )
    body = resumed.json()
    assert (body["is_active"], body["interval_minutes"]) == (True, 60)
    assert body["next_poll_at"] is not None  # due now, without the backoff
    error(
        ed_api.put(url, {"is_active": False}, format="json"), 405, "method_not_allowed"
    )
    error(ed_api.patch(url, {"interval_minutes": -5}, format="json"), 400, "invalid")


def test_editors_delete_a_feed_and_its_articles_stay(ed_api, feed):
    Article.objects.create(url="https://example.org/a", origin=Article.Origin.FEED)
    assert ed_api.delete(f"/api/v1/feeds/{feed.pk}/").status_code == 204
    assert not Feed.objects.exists()
    assert Article.objects.count() == 1
    error(ed_api.delete(f"/api/v1/feeds/{feed.pk}/"), 404, "not_found")


def test_editors_import_opml_as_a_file_or_json(ed_api, outlet):
    answer = ed_api.post("/api/v1/feeds/import/", OPML, content_type="text/x-opml")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert [f["url"] for f in body["added"]] == [
        "https://example.org/rss",
        "https://herald.example.net/feed",
    ]
    assert body["added"][0]["outlet"]["id"] == outlet.pk
    assert body["added"][1]["outlet"]["name"] == "Herald"
    assert body["already"] == 0
    assert [r["url"] for r in body["refused"]] == ["not a url"]

    again = ed_api.post("/api/v1/feeds/import/", {"opml": OPML}, format="json")
    assert again.status_code == 200
    assert (again.json()["added"], again.json()["already"]) == ([], 2)


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        ("<rss><channel/></rss>", "application/xml", "not OPML"),
        ("garbage", "text/x-opml", "not XML"),
        ('{"opml": ""}', "application/json", "Send an OPML file."),
    ],
)
def test_a_file_that_is_not_opml_is_a_400(ed_api, body, content_type, message):
    answer = ed_api.post("/api/v1/feeds/import/", body, content_type=content_type)
    assert message in " ".join(error(answer, 400, "invalid")["fields"]["opml"])
    assert not Feed.objects.exists()


def test_an_oversized_opml_file_is_a_413(ed_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    big = OPML + " " * 2048
    answer = ed_api.post("/api/v1/feeds/import/", big, content_type="text/x-opml")
    error(answer, 413, "payload_too_large")
