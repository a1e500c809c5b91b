"""ClaimReview exports and the streamed bulk export, as an API client sees them."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, include, path, resolve
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import Actor, Appearance, Article, Claim, Source, Verdict
from claims.services.reviews import review_record

pytestmark = pytest.mark.django_db

# Until claims/api/urls.py mounts claims.api.urls_exports, the tests mount it.
urlpatterns = [
    path("api/v1/", include("claims.api.urls_exports")),
    path("", include("claims.urls")),
]


@pytest.fixture(autouse=True)
def _api(settings):
    try:
        resolve("/api/v1/claimreviews/")
    except Resolver404:
        settings.ROOT_URLCONF = __name__
    settings.SITE_URL = "https://claims.example.org"
    settings.CLAIMREVIEW_PUBLISHER_NAME = "The Example Fact Desk"
    settings.CLAIMREVIEW_PUBLISHER_URL = "https://factdesk.example.org/"


@pytest.fixture
def client(journalist) -> APIClient:
    api = APIClient()
    api.force_login(journalist)
    return api


def moment(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


def article(title: str, *, source: Source | None, url: str | None, day: str):
    return Article.objects.create(
        title=title,
        source=source,
        url=url,
        published_at=moment(day) if day else None,
        text="x" * 200,
        status=Article.Status.DONE,
    )


def claim(text: str, speaker: Actor | None = None, *articles: Article, **fields):
    row = Claim.objects.create(
        text=text,
        claimant=speaker,
        fingerprint=Claim.make_fingerprint(text, speaker.pk if speaker else None),
        **fields,
    )
    for start, where in enumerate(articles):
        Appearance.objects.create(
            claim=row,
            article=where,
            content_spans=[[start, start + 10]],
            start=start,
            end=start + 10,
        )
    return row


def judge(row: Claim, reviewer, verdict: str = "", **fields):
    row.refresh_from_db()
    return review_record(
        claim=row, reviewer=reviewer, version=row.version, verdict=verdict, **fields
    )


@pytest.fixture
def dowden(db) -> Actor:
    return Actor.objects.create(name="Oliver Dowden", kind="person")


@pytest.fixture
def bbc(db) -> Source:
    return Source.objects.create(name="BBC News", homepage="https://www.bbc.co.uk/")


# --- ClaimReview ------------------------------------------------------------------


def test_it_exports_a_reviewed_claim_as_a_claimreview(client, editor, dowden, bbc):
    later = article(
        "MPs targeted",
        source=bbc,
        url="https://www.bbc.co.uk/news/2",
        day="2024-03-26",
    )
    first = article(
        "China hacked the Electoral Commission",
        source=bbc,
        url="https://www.bbc.co.uk/news/1",
        day="2024-03-25",
    )
    row = claim("China was behind the hack.", dowden, later, first)
    review = judge(row, editor, "false", rationale="No evidence says so.")

    response = client.get(f"/api/v1/claims/{row.pk}/claimreview")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    doc = response.json()
    first_work = {
        "@type": "NewsArticle",
        "url": "https://www.bbc.co.uk/news/1",
        "headline": "China hacked the Electoral Commission",
        "publisher": {"@type": "Organization", "name": "BBC News"},
        "datePublished": "2024-03-25T00:00:00+00:00",
    }
    assert doc == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://claims.example.org/claims/{row.pk}/",
        "claimReviewed": "China was behind the hack.",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Oliver Dowden"},
            "appearance": [
                first_work,
                {
                    "@type": "NewsArticle",
                    "url": "https://www.bbc.co.uk/news/2",
                    "headline": "MPs targeted",
                    "publisher": {"@type": "Organization", "name": "BBC News"},
                    "datePublished": "2024-03-26T00:00:00+00:00",
                },
            ],
            "firstAppearance": first_work,
        },
        "author": {
            "@type": "Organization",
            "name": "The Example Fact Desk",
            "url": "https://factdesk.example.org/",
        },
        "datePublished": review.created_at.isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
            "textualRating": "False",
            "alternateName": "False: the claim is inaccurate",
        },
        "reviewBody": "No evidence says so.",
    }


@pytest.mark.parametrize(
    ("verdict", "value", "label", "meaning"),
    [
        ("false", 1, "False", "inaccurate"),
        ("misleading", 2, "Misleading", "misleading"),
        ("unverifiable", 3, "Unverifiable", "neither confirmed nor refuted"),
        ("verified", 5, "Verified", "accurate"),
    ],
)
def test_it_maps_each_verdict_onto_the_rating_scale(
    client, editor, verdict, value, label, meaning
):
    row = claim("Turnout was 67%.")
    judge(row, editor, verdict)
    rating = client.get(f"/api/v1/claims/{row.pk}/claimreview").json()["reviewRating"]
    assert (rating["ratingValue"], rating["textualRating"]) == (value, label)
    assert meaning in rating["alternateName"]
    assert (rating["worstRating"], rating["bestRating"]) == (1, 5)


def test_it_names_an_organisation_as_the_author_and_omits_an_unknown_one(
    client, editor
):
    commission = Actor.objects.create(name="Electoral Commission", kind="government")
    by_body = claim("The registers were accessed.", commission)
    by_nobody = claim("Nobody said this.")
    judge(by_body, editor, "verified")
    judge(by_nobody, editor, "verified")
    item = client.get(f"/api/v1/claims/{by_body.pk}/claimreview").json()
    assert item["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Electoral Commission",
    }
    item = client.get(f"/api/v1/claims/{by_nobody.pk}/claimreview").json()
    assert item["itemReviewed"] == {"@type": "Claim"}


def test_it_answers_404_for_a_claim_without_a_verdict(client, editor):
    unreviewed = claim("Not looked at yet.")
    taken = claim("Being looked at.")
    taken.take(editor)
    # An attribution finding alone is not a verdict.
    attributed = claim("Said by someone else.")
    judge(attributed, editor, attribution="misattributed")

    for row in (unreviewed, taken, attributed):
        response = client.get(f"/api/v1/claims/{row.pk}/claimreview")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/")
        assert "verdict" in json.dumps(response.json())
    assert client.get("/api/v1/claims/999999/claimreview").status_code == 404


def test_it_keeps_the_verdict_after_a_later_attribution_only_review(client, editor):
    row = claim("The hack came from abroad.")
    judge(row, editor, "misleading")
    judge(row, editor, attribution="confirmed")
    doc = client.get(f"/api/v1/claims/{row.pk}/claimreview").json()
    assert doc["reviewRating"]["textualRating"] == "Misleading"


def test_the_feed_lists_reviewed_claims_newest_review_first(client, editor):
    rows = [claim(f"Claim number {n}.") for n in range(4)]
    claim("Never reviewed.")
    for row in (rows[2], rows[0], rows[3], rows[1]):
        judge(row, editor, "verified")

    page = client.get("/api/v1/claimreviews/", {"page_size": 3}).json()
    texts = [doc["claimReviewed"] for doc in page["results"]]
    assert texts == ["Claim number 1.", "Claim number 3.", "Claim number 0."]
    assert all(doc["@type"] == "ClaimReview" for doc in page["results"])

    rest = client.get(page["next"]).json()
    assert [doc["claimReviewed"] for doc in rest["results"]] == ["Claim number 2."]
    assert rest["next"] is None


def test_the_feed_keeps_claims_updated_since_a_moment(client, editor):
    old, new = claim("Old claim."), claim("New claim.")
    judge(old, editor, "false")
    Claim.objects.filter(pk=old.pk).update(updated_at=moment("2024-01-01 12:00"))
    judge(new, editor, "false")

    page = client.get("/api/v1/claimreviews/", {"updated_since": "2024-06-01"})
    assert [d["claimReviewed"] for d in page.json()["results"]] == ["New claim."]
    page = client.get(
        "/api/v1/claimreviews/", {"updated_since": "2023-12-31T00:00:00+00:00"}
    )
    assert len(page.json()["results"]) == 2
    assert (
        client.get("/api/v1/claimreviews/", {"updated_since": "soon"}).status_code
        == 400
    )


# --- Bulk export ------------------------------------------------------------------


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def read_jsonl(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return [json.loads(line) for line in body.splitlines()]


@pytest.fixture
def corpus(dowden, bbc):
    guardian = Source.objects.create(name="The Guardian")
    early = article(
        "Early", source=guardian, url="https://g.example/1", day="2024-03-01"
    )
    late = article("Late", source=bbc, url="https://b.example/2", day="2024-03-20")
    return {
        "false": claim(
            "The hack was state-backed.", dowden, late, early, verdict=Verdict.FALSE
        ),
        "verified": claim("40 million voters.", dowden, late, verdict=Verdict.VERIFIED),
        "nobody": claim("Unattributed claim.", None, verdict=Verdict.FALSE),
    }


def test_the_csv_export_holds_the_filtered_claims(client, corpus, dowden):
    response = client.get("/api/v1/claims/export.csv", {"verdict": "false"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert [r["text"] for r in rows] == [
        "Unattributed claim.",
        "The hack was state-backed.",
    ]
    hack = rows[1]
    assert hack["speaker"] == "Oliver Dowden"
    assert hack["speaker_id"] == str(dowden.pk)
    assert hack["verdict"] == "false"
    assert hack["appearances"] == "2"
    assert hack["first_appearance_outlet"] == "The Guardian"
    assert hack["first_appearance_url"] == "https://g.example/1"
    assert hack["first_appearance_title"] == "Early"
    assert hack["first_appearance_published_at"].startswith("2024-03-01")
    assert hack["url"] == f"https://claims.example.org/claims/{corpus['false'].pk}/"
    assert rows[0]["speaker"] == rows[0]["first_appearance_url"] == ""


def test_the_jsonl_export_holds_the_filtered_claims(client, corpus, dowden):
    response = client.get(
        "/api/v1/claims/export.jsonl", {"speaker": dowden.pk, "sort": "oldest"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    records = read_jsonl(response)
    assert {r["text"] for r in records} == {
        "The hack was state-backed.",
        "40 million voters.",
    }
    verified = next(r for r in records if r["verdict"] == "verified")
    assert verified["speaker"] == "Oliver Dowden"
    assert verified["first_appearance_outlet"] == "BBC News"
    assert verified["appearances"] == 1
    assert isinstance(verified["checkworthiness"], float)


def test_the_export_takes_the_browser_outlet_filter(client, corpus):
    guardian = Source.objects.get(name="The Guardian")
    records = read_jsonl(
        client.get("/api/v1/claims/export.jsonl", {"outlet": guardian.pk})
    )
    assert [r["text"] for r in records] == ["The hack was state-backed."]


def test_the_csv_export_defuses_spreadsheet_formulas(client):
    evil = Actor.objects.create(name="@SUM(A1:A9)", kind="person")
    claim('=HYPERLINK("http://evil.example","click")', evil)
    claim("+1 for the bill", None)
    claim("-2% growth", None)
    claim("Plain claim", None)

    rows = read_csv(client.get("/api/v1/claims/export.csv", {"sort": "oldest"}))

    assert [r["text"] for r in rows] == [
        '\'=HYPERLINK("http://evil.example","click")',
        "'+1 for the bill",
        "'-2% growth",
        "Plain claim",
    ]
    assert rows[0]["speaker"] == "'@SUM(A1:A9)"


def test_the_export_refuses_bad_filters_and_anonymous_clients(client, corpus):
    response = client.get("/api/v1/claims/export.csv", {"verdict": "maybe"})
    assert response.status_code == 400
    assert "verdict" in json.dumps(response.json())
    assert APIClient().get("/api/v1/claims/export.csv").status_code in (401, 403)


def make_claims(count: int, start: int = 0) -> None:
    bbc = Source.objects.get_or_create(name="BBC News")[0]
    where = article(f"Article {start}", source=bbc, url=None, day="2024-03-01")
    speaker = Actor.objects.create(name=f"Speaker {start}", kind="person")
    for n in range(start, start + count):
        claim(f"Claim {n}.", speaker, where)


def _export_queries(client, monkeypatch) -> tuple[int, int]:
    """(queries before the first row, queries for the whole export)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/claims/export.jsonl")
        before = len(queries)
        assert response.streaming
        b"".join(response.streaming_content)
    return before, len(queries)


def test_the_export_streams_with_constant_queries(client, monkeypatch):
    from claims.api import exports

    monkeypatch.setattr(exports, "FLUSH_ROWS", 2)
    monkeypatch.setattr(exports, "CHUNK_SIZE", 3)
    make_claims(5)
    response = client.get("/api/v1/claims/export.csv")
    assert response.streaming
    chunks = iter(response.streaming_content)
    header = next(chunks)  # nothing read from the claims yet
    assert header.startswith(b"id,text,")
    first = next(chunks)
    assert first.count(b"\n") == 2  # two rows out, three still to come
    rest = list(chunks)
    assert len(rest) == 2

    before, few = _export_queries(client, monkeypatch)
    make_claims(40, start=100)
    _, many = _export_queries(client, monkeypatch)
    # Nothing is read before the body is; 45 rows cost what 5 did.
    assert many == few
    assert few - before <= 2


def test_the_export_reads_nothing_until_the_body_is_read(client):
    make_claims(3)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/claims/export.csv")
        assert not any("claims_claim" in q["sql"] for q in queries)
        body = b"".join(response.streaming_content)
        assert any("claims_claim" in q["sql"] for q in queries)
    assert body.count(b"\n") == 4
