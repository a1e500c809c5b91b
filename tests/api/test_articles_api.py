"""Submitting and following articles through the API."""

from __future__ import annotations

import pytest

from claims.ingest.analysis import analyser_version
from claims.models import Article
from tests.api.conftest import client_for, error, ids, results
from tests.conftest import _user

pytestmark = pytest.mark.django_db


def test_submitting_a_url_answers_202_with_where_to_poll(jo_api, journalist):
    response = jo_api.post(
        "/api/v1/articles/", {"url": "https://example.org/news/1"}, format="json"
    )
    assert response.status_code == 202, response.content
    body = response.json()
    article = Article.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert body["url"] == response["Location"]
    assert body["status"] == "queued"
    assert body["origin"] == "url"
    assert body["page_url"] == "https://example.org/news/1"
    assert body["submitted_by"] == "jo"
    assert article.submitted_by == journalist
    assert jo_api.get(response["Location"]).json()["status"] == "queued"


def test_pasted_text_is_processed_and_the_poll_shows_its_claims(
    jo_api, seed_text, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = jo_api.post(
            "/api/v1/articles/",
            {
                "text": seed_text,
                "title": "China hackers",
                "published_at": "2024-03-25T12:00:00Z",
            },
            format="json",
        )
    assert response.status_code == 202
    body = jo_api.get(response["Location"]).json()
    assert body["status"] == "done", body["error"]
    assert body["title"] == "China hackers"
    assert body["published_at"] == "2024-03-25T12:00:00Z"
    assert "China spied on MPs" in body["text"]
    assert body["claim_count"] > 3
    assert body["events"][0]["status"] == "queued"
    claim = jo_api.get(body["claims"][0]["claim_url"]).json()
    assert claim["appearances"][0]["article"]["id"] == body["id"]


def test_an_html_page_can_be_sent(jo_api):
    html = "<html><head><title>T</title></head><body><p>Words.</p></body></html>"
    response = jo_api.post("/api/v1/articles/", {"html": html}, format="json")
    assert response.status_code == 202
    assert response.json()["origin"] == "html"


def test_a_known_article_answers_200_with_the_existing_one(jo_api):
    first = jo_api.post(
        "/api/v1/articles/", {"url": "https://example.org/a"}, format="json"
    )
    again = jo_api.post(
        "/api/v1/articles/", {"url": "https://EXAMPLE.org/a#top"}, format="json"
    )
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again["Location"] == first["Location"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "non_field_errors"),
        ({"url": "ftp://example.org/x"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"text": "words", "html": "<p>x</p>"}, "non_field_errors"),
        ({"url": "https://example.org/x", "title": "T"}, "non_field_errors"),
        ({"text": "   "}, "non_field_errors"),
        ({"text": "Words.", "published_at": "last week"}, "published_at"),
    ],
)
def test_bad_submissions_are_400_naming_the_field(jo_api, data, field):
    body = error(jo_api.post("/api/v1/articles/", data, format="json"), 400, "invalid")
    assert field in body["fields"]


def test_a_finished_article_can_be_processed_again(jo_api):
    article = Article.objects.create(
        title="Old", text="Text.", status=Article.Status.DONE
    )
    response = jo_api.post(f"/api/v1/articles/{article.pk}/reprocess/")
    assert response.status_code == 202
    assert response["Location"].endswith(f"/api/v1/articles/{article.pk}/")
    assert response.json()["status"] == "queued"
    # Still queued: a second request conflicts.
    error(jo_api.post(f"/api/v1/articles/{article.pk}/reprocess/"), 409, "conflict")
    error(jo_api.post("/api/v1/articles/999999/reprocess/"), 404, "not_found")


@pytest.mark.parametrize(
    ("role", "scope", "status"),
    [
        ("journalist", "write", 202),
        ("editor", "write", 202),
        ("journalist", "read", 403),
        (None, "write", 403),  # logged in, no newsroom role
    ],
)
def test_who_may_submit(db, role, scope, status):
    client = client_for(_user("someone", role), scope)
    response = client.post(
        "/api/v1/articles/", {"url": "https://example.org/b"}, format="json"
    )
    assert response.status_code == status
    if status == 403:
        code = "insufficient_scope" if scope == "read" else "permission_denied"
        error(response, 403, code)


def test_anonymous_clients_never_write(anon, settings):
    settings.API_PUBLIC_READ = True
    response = anon.post(
        "/api/v1/articles/", {"url": "https://example.org/c"}, format="json"
    )
    error(response, 401, "not_authenticated")


def test_articles_list_filters_and_detail(jo_api, newsroom):
    a1, a2, a3 = newsroom["a1"], newsroom["a2"], newsroom["a3"]
    assert ids(jo_api.get("/api/v1/articles/")) == [a3.pk, a2.pk, a1.pk]
    assert ids(jo_api.get(f"/api/v1/articles/?outlet={newsroom['bbc'].pk}")) == [
        a3.pk,
        a1.pk,
    ]
    assert ids(
        jo_api.get("/api/v1/articles/?url=https://www.gov.uk/news/sanctions")
    ) == [a2.pk]
    Article.objects.filter(pk=a3.pk).update(status="failed", error="Timed out.")
    rows = results(jo_api.get("/api/v1/articles/?status=failed"))
    assert [(r["id"], r["error"]) for r in rows] == [(a3.pk, "Timed out.")]
    assert "text" not in rows[0]
    detail = jo_api.get(f"/api/v1/articles/{a1.pk}/").json()
    assert detail["text"].startswith("Hackers targeted")
    assert [c["claim"] for c in detail["claims"]] == [
        newsroom["hack"].pk,
        newsroom["deny"].pk,
    ]


def test_clients_see_and_filter_the_articles_an_earlier_analyser_read(jo_api, newsroom):
    a1, a2, a3 = newsroom["a1"], newsroom["a2"], newsroom["a3"]
    current = f"trafilatura; analyser-{analyser_version()}"
    Article.objects.filter(pk__in=[a1.pk, a2.pk, a3.pk]).update(
        status="done", extractor_version=current
    )
    Article.objects.filter(pk=a2.pk).update(extractor_version="t; analyser-0.1+0")
    Article.objects.filter(pk=a3.pk).update(status="failed")

    assert ids(jo_api.get("/api/v1/articles/?outdated=true")) == [a2.pk]
    assert ids(jo_api.get("/api/v1/articles/?outdated=false")) == [a3.pk, a1.pk]
    rows = {r["id"]: r for r in results(jo_api.get("/api/v1/articles/"))}
    assert rows[a2.pk]["analysis_outdated"] is True
    assert rows[a1.pk]["analysis_outdated"] is False
    assert rows[a3.pk]["analysis_outdated"] is False  # failed: nothing found to update
    detail = jo_api.get(f"/api/v1/articles/{a2.pk}/").json()
    assert detail["analysis_outdated"] is True
