"""Editors' reviews through the API, with optimistic concurrency."""

from __future__ import annotations

import pytest

from claims.models import Claim, Review
from tests.api.conftest import client_for, error, ids
from tests.conftest import _user

pytestmark = pytest.mark.django_db


def verdict(target: Claim, **fields) -> dict:
    return {
        "claim": target.pk,
        "version": target.version,
        "verdict": "false",
        "rationale": "The Commission said so.",
        "evidence": [{"url": "https://example.org/report", "title": "Report"}],
        **fields,
    }


def test_an_editor_records_a_verdict(ed_api, newsroom):
    hack = newsroom["hack"]
    response = ed_api.post("/api/v1/reviews/", verdict(hack), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    review = Review.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/reviews/{review.pk}/"
    assert body["verdict"] == "false"
    assert body["evidence"] == [
        {"url": "https://example.org/report", "title": "Report"}
    ]
    assert body["reviewer"] == "ed"
    hack.refresh_from_db()
    assert (hack.verdict, hack.version) == ("false", 2)
    claim = ed_api.get(f"/api/v1/claims/{hack.pk}/").json()
    assert claim["latest_review"]["id"] == review.pk


def test_an_attribution_check_alone_is_a_review(ed_api, newsroom):
    deny = newsroom["deny"]
    data = {"claim": deny.pk, "version": deny.version,
            "attribution": "misattributed", "attribution_note": "Not him."}  # fmt: skip
    assert ed_api.post("/api/v1/reviews/", data, format="json").status_code == 201
    deny.refresh_from_db()
    assert (deny.verdict, deny.attribution_status) == ("false", "misattributed")


def test_a_stale_version_is_a_409_and_writes_nothing(ed_api, editor, newsroom):
    hack = newsroom["hack"]
    stale = verdict(hack)
    assert ed_api.post("/api/v1/reviews/", stale, format="json").status_code == 201
    other = client_for(_user("ann", "editor"))
    response = other.post(
        "/api/v1/reviews/", {**stale, "verdict": "verified"}, format="json"
    )
    body = error(response, 409, "conflict")
    assert body["current"] == {
        "version": 2,
        "verdict": "false",
        "attribution_status": "unchecked",
    }
    assert Review.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"verdict": "", "attribution": ""}, "non_field_errors"),
        ({"rationale": ""}, "rationale"),
        ({"verdict": "unreviewed"}, "verdict"),
        ({"attribution": "confirmed"}, "attribution_note"),
        ({"evidence": [{"url": "javascript:alert(1)"}]}, "evidence.0.url"),
        ({"version": None}, "version"),
        ({"claim": 999999}, "claim"),
    ],
)
def test_bad_reviews_are_400_naming_the_field(ed_api, newsroom, fields, field):
    response = ed_api.post(
        "/api/v1/reviews/", verdict(newsroom["hack"], **fields), format="json"
    )
    assert field in error(response, 400, "invalid")["fields"]


@pytest.mark.parametrize(
    ("role", "scope", "status"),
    [
        ("editor", "write", 201),
        ("editor", "read", 403),
        ("journalist", "write", 403),
        (None, "write", 403),
    ],
)
def test_only_editors_with_a_write_token_review(newsroom, role, scope, status):
    client = client_for(_user("someone", role), scope)
    response = client.post("/api/v1/reviews/", verdict(newsroom["hack"]), format="json")
    assert response.status_code == status


def test_reviews_are_listed_by_claim_and_verdict(ed_api, jo_api, newsroom):
    hack, deny = newsroom["hack"], newsroom["deny"]
    ed_api.post("/api/v1/reviews/", verdict(hack), format="json")
    ed_api.post("/api/v1/reviews/", verdict(deny, verdict="verified"), format="json")
    first, second = Review.objects.order_by("id")
    assert ids(jo_api.get("/api/v1/reviews/")) == [second.pk, first.pk]
    assert ids(jo_api.get(f"/api/v1/reviews/?claim={hack.pk}")) == [first.pk]
    assert ids(jo_api.get("/api/v1/reviews/?verdict=verified")) == [second.pk]
    assert jo_api.get(f"/api/v1/reviews/{first.pk}/").json()["claim"] == hack.pk
