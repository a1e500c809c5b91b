"""Hostile and broken input to the API: wrong types, unknown fields trying to
set what the server owns, injection through query parameters, tampered
cursors. Each gets a clear answer and changes nothing it should not."""

from __future__ import annotations

import base64
import json

import pytest

from claims.models import Article, Claim, Review
from tests.api.conftest import error, ids, results

pytestmark = pytest.mark.django_db


def test_unknown_fields_cannot_set_what_the_server_owns(jo_api, journalist, editor):
    response = jo_api.post(
        "/api/v1/articles/",
        {"text": "Rail fares rose by five per cent, the minister said.",
         "title": "Fares", "id": 999_999, "status": "done", "error": "",
         "submitted_by": editor.pk, "source": 1, "is_admin": True},
        format="json",
    )  # fmt: skip
    assert response.status_code == 202, response.content
    article = Article.objects.get()
    assert article.pk != 999_999
    assert article.submitted_by == journalist
    assert article.events.order_by("at", "id").first().status == "queued"


def test_a_review_cannot_pick_its_reviewer_or_date(
    ed_api, editor, journalist, newsroom
):
    hack = newsroom["hack"]
    response = ed_api.post(
        "/api/v1/reviews/",
        {"claim": hack.pk, "version": 1, "verdict": "false", "rationale": "No.",
         "reviewer": journalist.username, "created_at": "2001-01-01T00:00:00Z"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    review = Review.objects.get()
    assert review.reviewer == editor
    assert review.created_at.year > 2001


@pytest.mark.parametrize(
    "body",
    [
        {"claim": "one", "version": 1, "verdict": "false", "rationale": "x"},
        {"claim": 1, "version": "v1", "verdict": "false", "rationale": "x"},
        {"claim": 1, "version": 1, "verdict": ["false"], "rationale": "x"},
        {"claim": 1, "version": 1, "verdict": "false", "rationale": "x",
         "evidence": "https://example.org"},
        {"claim": 1, "version": 1, "verdict": "false", "rationale": "x",
         "evidence": [{"url": "javascript:alert(1)"}]},
        [{"claim": 1}],
        "just a string",
    ],
)  # fmt: skip
def test_wrong_types_are_a_400_naming_the_field(ed_api, newsroom, body):
    response = ed_api.post("/api/v1/reviews/", body, format="json")
    error(response, 400, "invalid")
    assert Review.objects.count() == 0


INJECTIONS = [
    "'; DROP TABLE claims_claim; --",
    "1 OR 1=1",
    "x' OR '1'='1",
    "%' OR 1=1 --",
    "$where: 1",
    "\x00",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_search_text_is_only_text(jo_api, newsroom, value):
    response = jo_api.get("/api/v1/claims/", {"q": value})
    assert response.status_code in (200, 400), response.content
    if response.status_code == 200:
        assert results(response) == []  # nothing matches those words
    assert Claim.objects.count() == 4  # and nothing was dropped


@pytest.mark.parametrize("name", ["speaker", "outlet", "verdict", "attribution",
                                  "date_from", "min_checkworthiness", "sort",
                                  "page_size", "quote", "updated_since"])  # fmt: skip
@pytest.mark.parametrize("value", INJECTIONS[:4])
def test_filters_refuse_what_they_cannot_parse(jo_api, newsroom, name, value):
    body = error(jo_api.get("/api/v1/claims/", {name: value}), 400, "invalid")
    assert name in body["fields"]
    assert Claim.objects.count() == 4


def _cursor(payload) -> str:
    raw = json.dumps(payload).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "payload",
    [
        {"o": ["-first_seen_at", "-id"], "v": ["not a date", 5], "r": False},
        {"o": ["-first_seen_at", "-id"], "v": ["2024-01-01T00:00:00Z"], "r": False},
        {"o": ["-first_seen_at", "-id"], "v": ["2024-01-01T00:00:00Z", "1 OR 1=1"],
         "r": False},
        {"o": ["-id", "text"], "v": [1, "x"], "r": False},
        {"o": ["password"], "v": ["x"], "r": False},
        {"o": ["-first_seen_at", "-id"], "v": {"a": 1}, "r": False},
        {"o": ["-first_seen_at", "-id"], "v": ["2024-01-01T00:00:00Z", 5]},
        {"o": ["-first_seen_at", "-id"], "v": [[2024], 5], "r": False},
        {"o": ["-first_seen_at", "-id"], "v": [None, 5], "r": False},
        {"o": ["-first_seen_at", "-id"], "v": ["2024-01-01T00:00:00Z", None],
         "r": False},
        {"o": ["-first_seen_at", "-id"], "v": ["2024-01-01T00:00:00Z", 5], "r": 1},
        ["-first_seen_at", "-id"],
        "x" * 10_000,
    ],
)  # fmt: skip
def test_a_tampered_cursor_is_a_400(jo_api, newsroom, payload):
    error(jo_api.get("/api/v1/claims/", {"cursor": _cursor(payload)}), 400, "invalid")


def test_a_cursor_from_the_server_still_works(jo_api, newsroom):
    first = jo_api.get("/api/v1/claims/", {"page_size": 2}).json()
    second = jo_api.get(first["next"])
    assert len(ids(second)) == 2
    assert not set(ids(second)) & {r["id"] for r in first["results"]}
