"""Claim matching through the API: the match queue, a claim's timeline and
proposed matches, splitting and merging claims."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import ApiToken, Claim, ClaimMatch, Deletion
from claims.services import matching
from tests.api.conftest import client_for, error, ids, results
from tests.conftest import _user
from tests.test_matches import (
    CRITIC,
    EDITED,
    HOSTILE,
    MINISTER,
    OTHER_YEAR,
    REPEATER,
    WORDS,
    claim_in,
    publish,
)

pytestmark = pytest.mark.django_db

MATCHES = "/api/v1/matches/"


@pytest.fixture
def queue(editor) -> dict:
    """A judged claim, repeated and reworded (linked), and a newer claim with
    another year waiting for editors."""
    first = publish("Daily Ledger", "2024-03-01", [(MINISTER, WORDS)])
    stored = claim_in(first)
    stored.record_verdict(reviewer=editor, verdict="false", rationale="ONS data.")
    again = publish("Evening Post", "2024-03-03", [(REPEATER, WORDS)])
    reworded = publish("Morning Star", "2024-03-04", [(MINISTER, EDITED)])
    newer_in = publish("Evening Post", "2024-03-05", [(REPEATER, OTHER_YEAR)])
    return {
        "stored": Claim.objects.get(pk=stored.pk),
        "first": first,
        "again": again,
        "reworded": reworded,
        "newer": claim_in(newer_in),
        "newer_in": newer_in,
        "match": ClaimMatch.objects.get(),
    }


def accept(client, match: ClaimMatch):
    return client.post(f"{MATCHES}{match.pk}/accept/")


def reject(client, match: ClaimMatch):
    return client.post(f"{MATCHES}{match.pk}/reject/")


# --- The queue ----------------------------------------------------------------------


def test_it_lists_pairs_with_both_claims_and_their_verdicts(jo_api, queue):
    rows = results(jo_api.get(MATCHES, {"status": "proposed"}))
    match, stored, newer = queue["match"], queue["stored"], queue["newer"]
    assert [r["id"] for r in rows] == [match.pk]
    row = rows[0]
    assert row["status"] == "proposed" and row["method"] == "lexical"
    assert row["score"] == pytest.approx(match.score)
    assert row["claim"]["id"] == newer.pk and row["claim"]["text"] == OTHER_YEAR
    assert row["claim"]["speaker"]["name"] == REPEATER
    assert (row["target"]["id"], row["target"]["verdict"]) == (stored.pk, "false")
    assert row["decided_by"] is None and row["decided_at"] is None
    assert row["url"].endswith(f"{MATCHES}{match.pk}/")
    assert ids(jo_api.get(MATCHES, {"status": "rejected"})) == []
    assert ids(jo_api.get(MATCHES, {"claim": stored.pk})) == [match.pk]
    assert ids(jo_api.get(MATCHES, {"claim": queue["newer"].pk})) == [match.pk]
    error(jo_api.get(MATCHES, {"status": "maybe"}), 400, "invalid")
    assert jo_api.get(row["url"]).json() == row


def test_an_editor_accepts_a_pair_and_the_verdict_carries_over(ed_api, editor, queue):
    match, stored, newer = queue["match"], queue["stored"], queue["newer"]
    response = accept(ed_api, match)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["claim"], body["decided_by"]) == (
        "accepted",
        None,
        "ed",
    )
    assert (body["target"]["id"], body["target"]["verdict"]) == (stored.pk, "false")
    assert body["claim_text"] == OTHER_YEAR
    assert not Claim.objects.filter(pk=newer.pk).exists()
    assert claim_in(queue["newer_in"]) == stored
    assert Deletion.objects.filter(object_id=newer.pk, replaced_by=stored.pk).exists()


def test_an_editor_rejects_a_pair(ed_api, queue):
    response = reject(ed_api, queue["match"])
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert Claim.objects.count() == 2


def test_a_decided_pair_is_not_decided_twice(ed_api, queue):
    ann = _user("ann", "editor")
    match = queue["match"]
    matching.match_reject(match, ann)
    for answer in (accept(ed_api, match), reject(ed_api, match)):
        body = error(answer, 409, "conflict")
        assert "already rejected by ann" in body["message"]
    match.refresh_from_db()
    assert (match.status, match.decided_by) == ("rejected", ann)
    assert Claim.objects.count() == 2


def test_only_editors_with_a_write_token_decide(journalist, editor, anon, queue):
    match = queue["match"]
    error(accept(anon, match), 401, "not_authenticated")
    error(reject(anon, match), 401, "not_authenticated")
    error(anon.get(MATCHES), 401, "not_authenticated")
    journalist_api = client_for(journalist)
    error(accept(journalist_api, match), 403, "permission_denied")
    error(reject(journalist_api, match), 403, "permission_denied")
    read_token = client_for(editor, ApiToken.Scope.READ)
    error(accept(read_token, match), 403, "insufficient_scope")
    assert ClaimMatch.objects.get().status == "proposed"


# --- A claim's timeline and proposed matches -----------------------------------------


def test_the_claim_has_its_timeline(jo_api, queue):
    stored = queue["stored"]
    body = jo_api.get(f"/api/v1/claims/{stored.pk}/").json()
    timeline = body["timeline"]
    first, again, reworded = (
        queue[k].appearances.get() for k in ("first", "again", "reworded")
    )
    assert [e["appearance"] for e in timeline] == [first.pk, again.pk, reworded.pk]
    assert [e["first"] for e in timeline] == [True, False, False]
    assert [e["outlet"]["name"] for e in timeline] == [
        "Daily Ledger",
        "Evening Post",
        "Morning Star",
    ]
    assert [e["date"][:10] for e in timeline] == [
        "2024-03-01",
        "2024-03-03",
        "2024-03-04",
    ]
    assert [e["speaker"]["name"] for e in timeline] == [MINISTER, REPEATER, MINISTER]
    assert [e["same_speaker"] for e in timeline] == [True, False, True]
    assert [e["words"] for e in timeline] == [WORDS, WORDS, EDITED]
    assert [e["match_method"] for e in timeline] == [None, "exact", "lexical"]
    assert timeline[0]["match_score"] is None
    assert timeline[2]["match_score"] == pytest.approx(reworded.match_score)
    assert timeline[1]["article"]["title"] == "Evening Post, 2024-03-03"


def test_the_claim_shows_what_it_may_be_with_that_claims_verdict(jo_api, queue):
    stored, newer, match = queue["stored"], queue["newer"], queue["match"]
    body = jo_api.get(f"/api/v1/claims/{newer.pk}/").json()
    assert body["proposed_matches"] == [
        {
            "id": match.pk,
            "url": f"http://testserver{MATCHES}{match.pk}/",
            "side": "newer",
            "other": {
                "id": stored.pk,
                "url": f"http://testserver/api/v1/claims/{stored.pk}/",
                "web_url": f"http://testserver{stored.get_absolute_url()}",
                "text": WORDS,
                "speaker": body["proposed_matches"][0]["other"]["speaker"],
                "verdict": "false",
            },
            "method": "lexical",
            "score": pytest.approx(match.score),
            "created_at": body["proposed_matches"][0]["created_at"],
        }
    ]
    other = jo_api.get(f"/api/v1/claims/{stored.pk}/").json()["proposed_matches"]
    assert [(p["side"], p["other"]["id"]) for p in other] == [("stored", newer.pk)]


def test_the_claim_list_stays_without_timelines(jo_api, queue):
    rows = results(jo_api.get("/api/v1/claims/"))
    assert rows and all(
        "timeline" not in r and "proposed_matches" not in r for r in rows
    )


def test_hostile_words_come_back_as_plain_text(jo_api):
    publish("Daily Ledger", "2024-03-01", [(MINISTER, HOSTILE)])
    publish(
        "Evening Post", "2024-03-02", [(CRITIC, HOSTILE.replace("budget", "Budget"))]
    )
    claim = Claim.objects.get()
    timeline = jo_api.get(f"/api/v1/claims/{claim.pk}/").json()["timeline"]
    assert [e["words"] for e in timeline] == [
        HOSTILE,
        HOSTILE.replace("budget", "Budget"),
    ]


# --- Split and merge ----------------------------------------------------------------


def test_an_editor_splits_appearances_off_a_claim(ed_api, queue):
    stored = queue["stored"]
    moved = queue["reworded"].appearances.get()
    response = ed_api.post(
        f"/api/v1/claims/{stored.pk}/split/",
        {"version": stored.version, "appearances": [moved.pk]},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == body["url"]
    assert body["text"] == EDITED and body["speaker"]["name"] == MINISTER
    assert [e["appearance"] for e in body["timeline"]] == [moved.pk]
    assert stored.appearances.count() == 2
    assert ClaimMatch.objects.get(claim_id=body["id"]).status == "rejected"


def test_a_split_the_service_refuses_is_a_400_and_a_stale_one_a_409(
    ed_api, editor, queue
):
    stored = queue["stored"]
    url = f"/api/v1/claims/{stored.pk}/split/"
    every = list(stored.appearances.values_list("pk", flat=True))
    body = error(
        ed_api.post(
            url, {"version": stored.version, "appearances": every}, format="json"
        ),
        400,
        "invalid",
    )
    assert body["fields"] == {
        "appearances": ["Leave at least one appearance with the claim."]
    }
    error(
        ed_api.post(url, {"version": stored.version, "appearances": []}, format="json"),
        400,
        "invalid",
    )
    body = error(
        ed_api.post(
            url,
            {"version": stored.version - 1, "appearances": every[:1]},
            format="json",
        ),
        409,
        "conflict",
    )
    assert body["current"]["version"] == stored.version
    assert stored.appearances.count() == 3


def test_an_editor_merges_a_claim_into_another(ed_api, editor, queue):
    stored, newer = queue["stored"], queue["newer"]
    response = ed_api.post(
        f"/api/v1/claims/{newer.pk}/merge/",
        {"version": newer.version, "into": stored.pk},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["verdict"]) == (stored.pk, "false")
    assert [e["words"] for e in body["timeline"]][-1] == OTHER_YEAR
    assert body["proposed_matches"] == []
    assert not Claim.objects.filter(pk=newer.pk).exists()
    # The pair of the two that waited in the queue is now decided.
    record = ClaimMatch.objects.get()
    assert (record.status, record.decided_by, record.target) == (
        "accepted",
        editor,
        stored,
    )


def test_a_merge_into_itself_or_nothing_is_refused_and_a_stale_one_conflicts(
    ed_api, queue
):
    stored, newer = queue["stored"], queue["newer"]
    url = f"/api/v1/claims/{newer.pk}/merge/"
    body = error(
        ed_api.post(url, {"version": newer.version, "into": newer.pk}, format="json"),
        400,
        "invalid",
    )
    assert body["fields"] == {"into": ["A claim cannot be merged into itself."]}
    error(
        ed_api.post(url, {"version": newer.version, "into": 10**9}, format="json"),
        400,
        "invalid",
    )
    error(
        ed_api.post(
            url, {"version": newer.version + 1, "into": stored.pk}, format="json"
        ),
        409,
        "conflict",
    )
    assert Claim.objects.filter(pk=newer.pk).exists()


def test_journalists_visitors_and_read_tokens_may_not_split_or_merge(
    anon, journalist, editor, queue
):
    stored, newer = queue["stored"], queue["newer"]
    split = (
        f"/api/v1/claims/{stored.pk}/split/",
        {
            "version": stored.version,
            "appearances": [queue["reworded"].appearances.get().pk],
        },
    )
    merge = (
        f"/api/v1/claims/{newer.pk}/merge/",
        {"version": newer.version, "into": stored.pk},
    )
    for url, data in (split, merge):
        error(anon.post(url, data, format="json"), 401, "not_authenticated")
        error(
            client_for(journalist).post(url, data, format="json"),
            403,
            "permission_denied",
        )
        error(
            client_for(editor, ApiToken.Scope.READ).post(url, data, format="json"),
            403,
            "insufficient_scope",
        )
    assert stored.appearances.count() == 3
    assert Claim.objects.filter(pk=newer.pk).exists()


def test_the_api_root_and_schema_name_the_match_queue(jo_api):
    root = jo_api.get("/api/v1/").json()
    assert root["matches"].endswith(MATCHES)
    assert root["feeds"].endswith("/api/v1/feeds/")
    paths = jo_api.get(reverse("api:schema"), {"format": "json"}).json()["paths"]
    for path in (
        "/api/v1/matches/",
        "/api/v1/matches/{id}/accept/",
        "/api/v1/matches/{id}/reject/",
        "/api/v1/claims/{id}/split/",
        "/api/v1/claims/{id}/merge/",
    ):
        assert path in paths
