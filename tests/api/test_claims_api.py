"""Claims through the API: representation, the browser's filters, pages, sync."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Annotation, Claim
from claims.services.reviews import review_record
from tests.api.conftest import client_for, error, ids, results
from tests.factories import make_article, make_claim

pytestmark = pytest.mark.django_db


def test_it_lists_claims_newest_first_with_speaker_appearances_and_counts(
    jo_api, newsroom
):
    rows = results(jo_api.get("/api/v1/claims/"))
    assert [r["text"] for r in rows] == [
        "A later claim",
        "Sanctions follow",
        "China denies it",
        "Hackers targeted the Electoral Commission",
    ]
    hack = rows[-1]
    assert hack["speaker"]["name"] == "Oliver Dowden"
    assert hack["speaker"]["url"].endswith(f"/api/v1/actors/{newsroom['dowden'].pk}/")
    assert hack["checkworthiness"] == 0.9
    assert hack["verdict"] == "unreviewed"
    assert hack["attribution_status"] == "unchecked"
    assert hack["first_seen_at"] == "2024-03-25T10:00:00Z"
    assert hack["counts"] == {"appearances": 2, "articles": 2, "reviews": 0}
    first = hack["appearances"][0]
    assert first["article"]["id"] == newsroom["a1"].pk
    assert first["article"]["page_url"] == "https://www.bbc.co.uk/news/uk-1"
    assert first["article"]["outlet"]["name"] == "BBC"
    assert first["content_spans"] == [[0, 41]]
    assert first["quote"] == "direct"
    assert hack["latest_review"] is None
    assert "reviews" not in hack and "annotations" not in hack
    deny = rows[2]
    assert deny["appearances"][0]["quote"] == "indirect"
    assert deny["verdict"] == "false"


def test_detail_shows_the_latest_review_and_expands_reviews_and_notes(
    ed_api, editor, newsroom
):
    hack = newsroom["hack"]
    review_record(
        claim=hack, reviewer=editor, version=1, verdict="misleading", rationale="Old."
    )
    review_record(
        claim=hack,
        reviewer=editor,
        version=2,
        attribution="confirmed",
        attribution_note="Hansard.",
    )
    Annotation.objects.create(author=editor, claim=hack, body="Check Hansard.")
    body = ed_api.get(f"/api/v1/claims/{hack.pk}/").json()
    assert body["verdict"] == "misleading"
    assert body["attribution_status"] == "confirmed"
    assert body["version"] == 3
    assert body["latest_review"]["attribution"] == "confirmed"
    assert body["latest_review"]["reviewer"] == "ed"
    assert body["counts"]["reviews"] == 2
    assert "reviews" not in body

    body = ed_api.get(f"/api/v1/claims/{hack.pk}/?expand=reviews,annotations").json()
    assert [r["rationale"] for r in body["reviews"]] == ["", "Old."]
    assert [n["body"] for n in body["annotations"]] == ["Check Hansard."]


def test_an_unknown_expansion_is_refused(jo_api, newsroom):
    error(jo_api.get("/api/v1/claims/?expand=everything"), 400, "invalid")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"verdict": "false"}, ["deny"]),
        ({"attribution": "confirmed"}, ["deny"]),
        ({"speaker": "dowden"}, ["hack"]),
        ({"outlet": "gov"}, ["sanctions", "hack"]),
        ({"date_from": "2024-03-26"}, ["later", "sanctions", "hack"]),
        ({"date_to": "2024-03-25"}, ["deny", "hack"]),
        ({"min_checkworthiness": "0.5"}, ["deny", "hack"]),
        ({"max_checkworthiness": "0.6"}, ["later", "sanctions", "deny"]),
        (
            {"min_checkworthiness": "0.2", "max_checkworthiness": "0.7"},
            ["sanctions", "deny"],
        ),
        ({"quote": "indirect"}, ["deny"]),
        ({"q": "electoral commission"}, ["hack"]),
        ({"q": "Dowden"}, ["hack"]),
        ({"sort": "oldest"}, ["hack", "deny", "sanctions", "later"]),
        ({"sort": "checkworthy"}, ["hack", "deny", "sanctions", "later"]),
        ({"sort": "repeated"}, ["hack", "later", "sanctions", "deny"]),
    ],
)
def test_the_browser_filters_apply(jo_api, newsroom, params, expected):
    params = {
        k: newsroom[v].pk if k in ("speaker", "outlet") else v
        for k, v in params.items()
    }
    response = jo_api.get("/api/v1/claims/", params)
    assert ids(response) == [newsroom[name].pk for name in expected]


def test_a_bad_filter_value_is_a_400_naming_the_field(jo_api, newsroom):
    body = error(
        jo_api.get("/api/v1/claims/", {"verdict": "maybe", "max_checkworthiness": 3}),
        400,
        "invalid",
    )
    assert set(body["fields"]) == {"verdict", "max_checkworthiness"}


def test_pages_follow_one_another_without_gaps_or_repeats(jo_api, newsroom):
    # Same first-seen time for many claims: the id breaks the ties.
    same = timezone.now() - timedelta(days=1)
    for n in range(7):
        claim = make_claim(f"Tied claim {n}")
        Claim.objects.filter(pk=claim.pk).update(first_seen_at=same)
    expected = list(
        Claim.objects.order_by("-first_seen_at", "-id").values_list("pk", flat=True)
    )
    seen, url, pages = [], "/api/v1/claims/?page_size=3", 0
    while url:
        body = jo_api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert seen == expected
    assert pages == 4  # 11 claims, 3 a page

    # And back: previous pages hold the same rows.
    first = jo_api.get("/api/v1/claims/?page_size=3").json()
    assert first["previous"] is None
    second = jo_api.get(first["next"]).json()
    third = jo_api.get(second["next"]).json()
    back = jo_api.get(third["previous"]).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in second["results"]]
    assert jo_api.get(back["previous"]).json()["results"] == first["results"]


def test_a_page_follows_its_own_sort_order(jo_api, newsroom):
    body = jo_api.get("/api/v1/claims/?sort=checkworthy&page_size=2").json()
    following = jo_api.get(body["next"]).json()
    assert [r["id"] for r in body["results"] + following["results"]] == [
        newsroom[k].pk for k in ("hack", "deny", "sanctions", "later")
    ]


def test_a_forged_or_mismatched_cursor_is_a_400(jo_api, newsroom):
    error(jo_api.get("/api/v1/claims/?cursor=nonsense"), 400, "invalid")
    body = jo_api.get("/api/v1/claims/?page_size=1").json()
    cursor = body["next"].split("cursor=")[1].split("&")[0]
    other_order = f"/api/v1/claims/?sort=oldest&page_size=1&cursor={cursor}"
    error(jo_api.get(other_order), 400, "invalid")
    error(jo_api.get("/api/v1/claims/?page_size=1000"), 400, "invalid")


def test_updated_since_lists_changes_oldest_first(jo_api, editor, newsroom):
    before = timezone.now()
    deny = newsroom["deny"]
    review_record(claim=newsroom["sanctions"], reviewer=editor, version=1,
                  verdict="verified", rationale="Checked.")  # fmt: skip
    review_record(claim=deny, reviewer=editor, version=1, verdict="false",
                  rationale="Checked.")  # fmt: skip
    since = before.isoformat()
    response = jo_api.get("/api/v1/claims/", {"updated_since": since})
    assert ids(response) == [newsroom["sanctions"].pk, deny.pk]
    # The filters still apply, and an unencoded "+" offset is understood.
    response = jo_api.get(
        f"/api/v1/claims/?verdict=false&updated_since={since.replace('+', ' ')}"
    )
    assert ids(response) == [deny.pk]
    error(jo_api.get("/api/v1/claims/?updated_since=yesterday"), 400, "invalid")


def test_list_queries_do_not_grow_with_the_results(jo_api, editor):
    article = make_article("Page", text="x" * 50)
    jo_api.get("/api/v1/deletions/")  # the token's first use writes last_used_at once

    def queries(more: int, total: int) -> int:
        for i in range(total - more, total):
            claim = make_claim(f"Claim number {i}", articles=(article,))
            review_record(claim=claim, reviewer=editor, version=1,
                          verdict="verified", rationale="ok")  # fmt: skip
            Annotation.objects.create(author=editor, claim=claim, body="note")
        with CaptureQueriesContext(connection) as ctx:
            response = jo_api.get(
                "/api/v1/claims/?page_size=200&expand=reviews,annotations"
            )
        assert len(response.json()["results"]) == total
        return len(ctx.captured_queries)

    assert queries(5, 5) == queries(95, 100)


@pytest.mark.parametrize(
    "path",
    ["articles/", "actors/", "sources/", "reviews/", "annotations/", "deletions/"],
)
def test_other_lists_use_a_constant_number_of_queries(jo_api, editor, path):
    from claims.services import annotations as notes
    from claims.services.corrections import claims_merge
    from tests.factories import make_actor

    jo_api.get("/api/v1/deletions/")  # the token's first use writes last_used_at once

    def grow(more: int) -> int:
        n = Claim.objects.count()
        for i in range(n, n + more):
            actor = make_actor(f"Person {path} {i} {n}", f"Alias {i} {n}")
            article = make_article(f"Page {i}", text="Words here.")
            claim = make_claim(f"Claim {i} {n}", claimant=actor, articles=(article,))
            twin = make_claim(f"Twin {i} {n}")
            claim = claims_merge(survivor=claim, duplicate=twin)
            review_record(claim=claim, reviewer=editor, version=claim.version,
                          verdict="verified", rationale="ok")  # fmt: skip
            notes.annotation_create(author=editor, body="n", article=article,
                                    quote="Words")  # fmt: skip
        with CaptureQueriesContext(connection) as ctx:
            response = jo_api.get(f"/api/v1/{path}?page_size=200")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    assert grow(5) == grow(95)


def test_a_claim_that_does_not_exist_is_a_json_404(jo_api, db):
    error(jo_api.get("/api/v1/claims/999999/"), 404, "not_found")


def test_a_read_token_reads_and_anonymous_reads_only_when_opened(
    outsider, newsroom, settings, anon
):
    assert results(client_for(outsider, "read").get("/api/v1/claims/"))
    error(anon.get("/api/v1/claims/"), 401, "not_authenticated")
    settings.API_PUBLIC_READ = True
    assert len(results(anon.get("/api/v1/claims/"))) == 4
