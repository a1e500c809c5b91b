"""The fast claim list renders exactly what ClaimSerializer (the documented
contract, used by the detail view) renders, for every shape a claim can take."""

from __future__ import annotations

import pytest
from rest_framework.test import APIRequestFactory

from claims.api import claim_rows
from claims.api.serializers import ClaimSerializer
from claims.api.views import claims_for_api
from claims.models import Annotation, Appearance, Claim
from claims.services.reviews import review_record
from tests.factories import make_article, make_claim

pytestmark = pytest.mark.django_db


def _request(user):
    request = APIRequestFactory().get("/api/v1/claims/", HTTP_HOST="testserver")
    request.user = user
    return request


def _both(ids: list[int], user, expand: set[str]) -> tuple[list, list]:
    request = _request(user)
    claims = claims_for_api(Claim.objects.filter(pk__in=ids), user=user, expand=expand)
    by_id = {c.pk: c for c in claims}
    context = {"request": request, "expand": expand}
    expected = [ClaimSerializer(by_id[pk], context=context).data for pk in ids]
    fast = claim_rows.represent_ids(ids, request=request, expand=expand)
    return fast, expected


@pytest.mark.parametrize(
    "expand", [set(), {"reviews"}, {"annotations"}, {"reviews", "annotations"}]
)
def test_the_fast_rows_equal_the_serializer(newsroom, editor, journalist, expand):
    hack, deny = newsroom["hack"], newsroom["deny"]
    review_record(
        claim=hack, reviewer=editor, version=1, verdict="misleading",
        rationale="Partly.", evidence=[{"url": "https://example.org/r"}],
    )  # fmt: skip
    review_record(
        claim=hack, reviewer=editor, version=2, attribution="confirmed",
        attribution_note="Checked the video.",
    )  # fmt: skip
    # An appearance with a cue and a source span, in an article without outlet
    # or date, and a split quote.
    bare = make_article("No outlet", text="One. Two, she said, three.")
    Appearance.objects.create(
        claim=deny, article=bare, content_spans=[[0, 4], [20, 26]], start=0,
        end=26, cue_text="said", cue_start=14, cue_end=18, source_text="she",
        source_start=10, source_end=13, is_direct=True, confidence=0.25,
        found_by="quote+quoted/pronoun",
    )  # fmt: skip
    Annotation.objects.create(author=editor, claim=hack, body="Ask the press office")
    hidden = Annotation.objects.create(author=journalist, claim=deny, body="hm")
    hidden.hidden_by = editor
    hidden.save()
    lonely = make_claim("Nobody said this anywhere")
    ids = [hack.pk, deny.pk, newsroom["later"].pk, lonely.pk]

    for user in (editor, journalist):
        fast, expected = _both(ids, user, expand)
        assert fast == expected
    assert fast[0]["latest_review"]["attribution"] == "confirmed"
    assert fast[3]["appearances"] == [] and fast[3]["speaker"] is None


def test_rows_follow_the_order_asked_and_skip_claims_gone(newsroom, editor):
    ids = [newsroom["later"].pk, newsroom["hack"].pk, 10**9]
    rows = claim_rows.represent_ids(ids, request=_request(editor))
    assert [r["id"] for r in rows] == ids[:2]


def test_no_ids_no_queries(django_assert_num_queries, editor):
    with django_assert_num_queries(0):
        assert claim_rows.represent_ids([], request=_request(editor)) == []


def test_the_list_costs_the_same_queries_for_any_page_size(jo_api, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = make_article("Page", text="x" * 50)
    for i in range(30):
        claim = make_claim(f"Claim number {i}", articles=(article,))
        review_record(claim=claim, reviewer=editor, version=1, verdict="verified",
                      rationale="ok")  # fmt: skip
    jo_api.get("/api/v1/deletions/")  # the token's first use writes last_used_at

    def queries(size: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = jo_api.get(f"/api/v1/claims/?page_size={size}&verdict=verified")
        assert len(response.json()["results"]) == min(size, 30)
        return len(ctx.captured_queries)

    assert queries(1) == queries(30) == queries(200)
