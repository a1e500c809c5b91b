"""The claim list's fast path (claims/api/claim_page.py) answers exactly what
ClaimViewSet answers: same status, headers and bytes, page after page, and
leaves every other request to it."""

from __future__ import annotations

import pytest
from django.db import connection

from claims.api import claim_page
from claims.models import ApiToken
from claims.services.reviews import review_record
from tests.api.conftest import client_for
from tests.factories import make_actor, make_article, make_claim

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the fast path serves PostgreSQL; SQLite always takes DRF's",
    ),
]


@pytest.fixture
def answered(monkeypatch) -> list:
    """What the fast path answered: None where it left the request to DRF."""
    seen = []
    real = claim_page.answer

    def spy(request):
        response = real(request)
        seen.append(response)
        return response

    monkeypatch.setattr(claim_page, "answer", spy)
    return seen


@pytest.fixture
def many(newsroom, editor) -> dict:
    """Eleven more claims, two pairs of them seen at the same instant; some
    reviewed, some in an undated article or one dated to the microsecond."""
    speaker = make_actor("Ann Lee")
    dated = make_article("Many claims", published="2024-05-01T09:00:00.120000")
    undated = make_article("No date", source=newsroom["bbc"])
    old = make_article("Archive", published="1969-07-20T20:17:40.500000")
    for n in range(11):
        claim = make_claim(
            f"Claim number {n} about the budget",
            claimant=speaker if n % 2 else None,
            articles=(dated, undated) if n % 5 == 0 else (dated,) if n % 3 else (old,),
            verdict="false" if n % 3 == 0 else "unreviewed",
            attribution="confirmed" if n % 4 == 0 else "unchecked",
            first_seen=f"2024-05-0{1 + n // 2}T09:00:00.00{n}",
        )
        if n % 4 == 1:
            review_record(
                claim=claim, reviewer=editor, version=1, verdict="misleading",
                rationale=f"Partly, “{n}”.",
                evidence=[{"url": "https://example.org/r", "title": "Ré"}],
            )  # fmt: skip
            review_record(
                claim=claim, reviewer=editor, version=2, attribution="confirmed"
            )
    return {**newsroom, "lee": speaker}


def _drf(client, path: str, monkeypatch, **extra):
    with monkeypatch.context() as patch:
        patch.setattr(claim_page, "answer", lambda request: None)
        return client.get(path, **extra)


def _same(fast, slow) -> None:
    assert fast.status_code == slow.status_code
    assert fast.content == slow.content
    assert dict(fast.items()) == dict(slow.items())


def _walk(client, path: str, monkeypatch, answered: list) -> list[int]:
    """Follow ``next`` from ``path`` to the end, then ``previous`` back to the
    first page, checking every page against DRF's; the ids seen going forward."""
    seen, pages = [], []
    while path:
        fast = client.get(path)
        assert answered[-1] is not None, f"DRF answered {path}"
        _same(fast, _drf(client, path, monkeypatch))
        body = fast.json()
        seen += [row["id"] for row in body["results"]]
        pages.append([row["id"] for row in body["results"]])
        path = body["next"]
    path = fast.json()["previous"]
    for expected in reversed(pages[:-1]):
        back = client.get(path)
        assert answered[-1] is not None
        _same(back, _drf(client, path, monkeypatch))
        assert [row["id"] for row in back.json()["results"]] == expected
        path = back.json()["previous"]
    assert path is None
    return seen


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?page_size=3",
        "?verdict=unreviewed&page_size=2",
        "?verdict=false&attribution=confirmed&page_size=1",
        "?attribution=unchecked&page_size=4",
    ],
)
def test_every_page_is_what_drf_answers(many, journalist, monkeypatch, answered, query):
    client = client_for(journalist, ApiToken.Scope.READ)
    seen = _walk(client, f"/api/v1/claims/{query}", monkeypatch, answered)
    assert len(seen) == len(set(seen)) > 0


def test_a_speakers_claims_page_by_page(many, journalist, monkeypatch, answered):
    client = client_for(journalist)
    path = f"/api/v1/claims/?speaker={many['lee'].pk}&page_size=2"
    seen = _walk(client, path, monkeypatch, answered)
    assert len(seen) == 5


def test_a_copy_still_current_is_not_sent_again(many, journalist, answered):
    client = client_for(journalist)
    first = client.get("/api/v1/claims/?page_size=5")
    again = client.get("/api/v1/claims/?page_size=5", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert answered[-1] is not None


@pytest.mark.parametrize(
    "query",
    [
        "?q=budget",
        "?sort=oldest",
        "?expand=reviews",
        "?verdict=nonsense",
        "?verdict=",
        "?verdict=false&verdict=unreviewed",
        "?speaker=007",
        "?speaker=999999",
        "?page_size=0",
        "?page_size=500",
        "?cursor=bm90IGEgY3Vyc29y",
        "?outlet=1",
        "?updated_since=2024-01-01",
    ],
)
def test_other_requests_are_drfs(many, journalist, monkeypatch, answered, query):
    client = client_for(journalist)
    fast = client.get(f"/api/v1/claims/{query}")
    assert answered[-1] is None
    _same(fast, _drf(client, f"/api/v1/claims/{query}", monkeypatch))


def test_unknown_speaker_is_the_filter_sets_400(many, journalist, answered):
    response = client_for(journalist).get("/api/v1/claims/?speaker=999999")
    assert response.status_code == 400
    assert "speaker" in response.json()["error"]["fields"]


def test_credentials_are_checked_as_drf_checks_them(many, journalist, anon, answered):
    assert anon.get("/api/v1/claims/").status_code == 401
    assert answered[-1] is None
    client = client_for(journalist)
    assert client.get("/api/v1/claims/").status_code == 200
    assert answered[-1] is not None
    token = ApiToken.objects.get(user=journalist)
    token.revoked_at = token.created_at
    token.save()
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401
    assert answered[-1] is None


def test_json_only(many, journalist, answered):
    client = client_for(journalist)
    response = client.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    assert answered[-1] is None
    assert response.status_code in (200, 406)


def test_throttled_clients_get_429(many, journalist, settings, answered):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "user": "2/hour"}
    client = client_for(journalist)
    assert [client.get("/api/v1/claims/").status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]
    assert None not in answered[:2]
    assert answered[2] is None


def test_queries_do_not_grow_with_the_page(
    many, journalist, django_assert_max_num_queries, answered
):
    client = client_for(journalist)
    client.get("/api/v1/claims/?page_size=1")  # the token's last_used_at
    with django_assert_max_num_queries(4):
        assert len(client.get("/api/v1/claims/?page_size=1").json()["results"]) == 1
    with django_assert_max_num_queries(4):
        assert len(client.get("/api/v1/claims/?page_size=15").json()["results"]) == 15
    assert None not in answered


def test_without_prepared_statements(many, journalist, monkeypatch, answered, settings):
    settings.DB_PREPARED_STATEMENTS = False
    client = client_for(journalist)
    seen = _walk(client, "/api/v1/claims/?page_size=4", monkeypatch, answered)
    assert len(seen) == 15


@pytest.mark.django_db(transaction=True)
def test_a_new_database_session_prepares_again(journalist, editor, answered):
    make_claim("Before the restart", first_seen="2024-05-01T09:00:00")
    client = client_for(journalist)
    assert len(client.get("/api/v1/claims/").json()["results"]) == 1
    connection.close()  # as after a database restart: a new server session
    make_claim("After the restart", first_seen="2024-05-02T09:00:00")
    after = client.get("/api/v1/claims/")
    assert [c["text"] for c in after.json()["results"]] == [
        "After the restart",
        "Before the restart",
    ]
    assert None not in answered
