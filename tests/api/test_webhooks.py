"""Webhooks: a client registers a URL, events reach it signed, failures retry."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from celery.signals import task_retry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, include, path, resolve
from rest_framework.test import APIClient

from claims import services
from claims.ingest import pipeline
from claims.models import Article, Claim, Webhook, WebhookDelivery
from claims.services import webhooks
from claims.services.reviews import review_record
from claims.services.tokens import api_token_create
from claims.tasks import WEBHOOK_RETRY_DELAYS, deliver_webhook
from tests.conftest import _user

pytestmark = pytest.mark.django_db

ALL_EVENTS = ["article.done", "article.failed", "claim.created", "claim.reviewed"]

# Until claims/api/urls.py mounts claims.api.urls_exports, the tests mount it.
urlpatterns = [
    path("api/v1/", include("claims.api.urls_exports")),
    path("", include("claims.urls")),
]


@pytest.fixture(autouse=True)
def _api(settings):
    try:
        resolve("/api/v1/webhooks/")
    except Resolver404:
        settings.ROOT_URLCONF = __name__


@pytest.fixture
def client(journalist) -> APIClient:
    api = APIClient()
    api.force_login(journalist)
    return api


@pytest.fixture
def retries():
    """The countdowns of the webhook task's retries, as Celery was asked for them."""
    seen: list[float] = []

    def record(sender=None, reason=None, **kwargs):
        if getattr(sender, "name", None) == deliver_webhook.name:
            seen.append(reason.when)

    task_retry.connect(record, weak=False)
    yield seen
    task_retry.disconnect(record)


def hook(owner, url: str, events=ALL_EVENTS) -> Webhook:
    return webhooks.webhook_create(owner=owner, url=url, events=events)


def new_claim(text: str = "Hackers targeted the Electoral Commission.") -> Claim:
    return Claim.objects.create(text=text, fingerprint=Claim.make_fingerprint(text, 0))


def review(claim: Claim, reviewer, verdict: str = "false") -> None:
    claim.refresh_from_db()
    review_record(
        claim=claim, reviewer=reviewer, version=claim.version, verdict=verdict
    )


def signature_ok(secret: str, received) -> bool:
    """What a receiver does: HMAC the raw body, compare in constant time."""
    expected = hmac.new(secret.encode(), received.body, hashlib.sha256).hexdigest()
    header = received.headers["X-Tracker-Signature"]
    return hmac.compare_digest(header, f"sha256={expected}")


# --- The API ----------------------------------------------------------------------


def test_it_registers_a_webhook_and_shows_the_secret_once(client, journalist):
    response = client.post(
        "/api/v1/webhooks/",
        {"url": "https://hooks.example.org/tracker", "events": ["claim.reviewed"]},
        format="json",
    )
    assert response.status_code == 201
    created = response.json()
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 40
    assert created["events"] == ["claim.reviewed"]
    assert created["is_active"] is True
    webhook = Webhook.objects.get(pk=created["id"])
    assert (webhook.owner, webhook.secret) == (journalist, created["secret"])

    shown = client.get(f"/api/v1/webhooks/{webhook.pk}/").json()
    assert "secret" not in shown
    listed = client.get("/api/v1/webhooks/").json()
    assert [w["id"] for w in listed["results"]] == [webhook.pk]
    assert "secret" not in listed["results"][0]


def test_it_refuses_unknown_events_and_unusable_urls(client):
    response = client.post(
        "/api/v1/webhooks/",
        {"url": "https://hooks.example.org/", "events": ["claim.deleted"]},
        format="json",
    )
    assert response.status_code == 400
    assert "events" in json.dumps(response.json())
    response = client.post(
        "/api/v1/webhooks/",
        {"url": "ftp://hooks.example.org/", "events": ["claim.created"]},
        format="json",
    )
    assert response.status_code == 400
    assert "http" in json.dumps(response.json())
    assert not Webhook.objects.exists()


def test_a_client_sees_and_deletes_only_its_own_webhooks(client, journalist, editor):
    mine = hook(journalist, "https://mine.example.org/")
    theirs = hook(editor, "https://theirs.example.org/")

    listed = client.get("/api/v1/webhooks/").json()["results"]
    assert [w["id"] for w in listed] == [mine.pk]
    assert client.get(f"/api/v1/webhooks/{theirs.pk}/").status_code == 404
    assert client.delete(f"/api/v1/webhooks/{theirs.pk}/").status_code == 404
    assert client.delete(f"/api/v1/webhooks/{mine.pk}/").status_code == 204
    assert list(Webhook.objects.all()) == [theirs]
    assert APIClient().get("/api/v1/webhooks/").status_code in (401, 403)


def test_switching_a_webhook_on_again_clears_its_failures(client, journalist):
    webhook = hook(journalist, "https://mine.example.org/")
    Webhook.objects.filter(pk=webhook.pk).update(is_active=False, failures=10)
    response = client.patch(
        f"/api/v1/webhooks/{webhook.pk}/", {"is_active": True}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["is_active"], response.json()["failures"]) == (True, 0)


def test_a_read_only_token_cannot_register_webhooks(journalist):
    _, key = api_token_create(user=journalist, name="reader")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/webhooks/").status_code == 200
    response = api.post(
        "/api/v1/webhooks/",
        {"url": "https://hooks.example.org/", "events": ["claim.created"]},
        format="json",
    )
    assert response.status_code == 403


# --- Deliveries -------------------------------------------------------------------


def test_a_delivery_is_signed_so_the_receiver_can_verify_it(
    page_server, journalist, editor, django_capture_on_commit_callbacks
):
    webhook = hook(journalist, page_server.receive("/hook"), ["claim.reviewed"])
    claim = new_claim()

    with django_capture_on_commit_callbacks(execute=True):
        review(claim, editor, "misleading")

    [received] = page_server.posts
    assert received.path == "/hook"
    assert signature_ok(webhook.secret, received)
    assert received.headers["Content-Type"] == "application/json"
    assert received.headers["X-Tracker-Event"] == "claim.reviewed"
    delivery = WebhookDelivery.objects.get()
    assert received.headers["X-Tracker-Delivery"] == str(delivery.pk)
    body = json.loads(received.body)
    assert set(body) == {"event", "created_at", "data"}
    assert body["event"] == "claim.reviewed"
    assert body["data"]["claim"]["id"] == claim.pk
    assert body["data"]["claim"]["verdict"] == "misleading"
    assert body["data"]["review"]["verdict"] == "misleading"
    # A tampered body no longer matches.
    received.body = received.body.replace(b"misleading", b"verified")
    assert not signature_ok(webhook.secret, received)

    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        "sent",
        1,
        200,
    )
    assert delivery.delivered_at is not None
    webhook.refresh_from_db()
    assert (webhook.last_status, webhook.failures) == ("HTTP 200", 0)
    assert webhook.last_delivery_at is not None


def test_a_server_error_is_retried_with_backoff_until_it_succeeds(
    page_server, journalist, retries
):
    webhook = hook(journalist, page_server.receive("/hook", 500, 503, 200))
    [delivery_id] = webhooks.webhooks_emit(
        "claim.created", {"id": 1}, identity={"id": 1}
    )
    deliver_webhook.apply(args=[delivery_id])

    assert len(page_server.posts) == 3
    # Every try sends the same bytes, signed the same way, with the same id.
    assert (
        len({(p.body, p.headers["X-Tracker-Signature"]) for p in page_server.posts})
        == 1
    )
    assert {p.headers["X-Tracker-Delivery"] for p in page_server.posts} == {
        str(delivery_id)
    }
    assert retries == [60, 180]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        "sent",
        3,
        200,
    )
    assert delivery.error == ""
    webhook.refresh_from_db()
    assert webhook.failures == 0


def test_a_receiver_always_failing_is_tried_six_times_then_given_up(
    page_server, journalist, retries
):
    webhook = hook(journalist, page_server.receive("/hook", 500))
    [delivery_id] = webhooks.webhooks_emit(
        "claim.created", {"id": 1}, identity={"id": 1}
    )
    deliver_webhook.apply(args=[delivery_id])

    assert retries == list(WEBHOOK_RETRY_DELAYS) == [60, 180, 540, 1620, 4860]
    assert len(page_server.posts) == 6
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        "failed",
        6,
        500,
    )
    assert delivery.error == "The receiver answered HTTP 500."
    webhook.refresh_from_db()
    assert (webhook.failures, webhook.last_status, webhook.is_active) == (
        1,
        "HTTP 500",
        True,
    )


def test_a_client_error_is_not_retried(page_server, journalist, retries):
    webhook = hook(journalist, page_server.receive("/hook", 400))
    [delivery_id] = webhooks.webhooks_emit(
        "claim.created", {"id": 1}, identity={"id": 1}
    )
    deliver_webhook.apply(args=[delivery_id])

    assert len(page_server.posts) == 1
    assert retries == []
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        "failed",
        1,
        400,
    )
    webhook.refresh_from_db()
    assert webhook.failures == 1


def test_it_never_posts_to_a_private_address(
    page_server, journalist, settings, retries
):
    settings.FETCH_ALLOW_PRIVATE = False
    hook(journalist, page_server.receive("/hook"))
    [delivery_id] = webhooks.webhooks_emit(
        "claim.created", {"id": 1}, identity={"id": 1}
    )
    deliver_webhook.apply(args=[delivery_id])

    assert page_server.posts == []
    assert retries == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.attempts == 1
    assert delivery.response_status is None
    assert "127.0.0.1 is loopback" in delivery.error
    assert "not allowed" in delivery.error


def test_a_webhook_failing_again_and_again_is_switched_off(
    page_server, journalist, settings
):
    settings.WEBHOOK_DISABLE_AFTER = 2
    webhook = hook(journalist, page_server.receive("/hook", 410))
    for n in (1, 2):
        [delivery_id] = webhooks.webhooks_emit(
            "claim.created", {"id": n}, identity={"id": n}
        )
        deliver_webhook.apply(args=[delivery_id])
    webhook.refresh_from_db()
    assert (webhook.is_active, webhook.failures) == (False, 2)
    assert webhooks.webhooks_emit("claim.created", {"id": 3}, identity={"id": 3}) == []


def test_a_success_resets_the_failure_count(page_server, journalist):
    webhook = hook(journalist, page_server.receive("/hook", 400, 200))
    for n in (1, 2):
        [delivery_id] = webhooks.webhooks_emit(
            "claim.created", {"id": n}, identity={"id": n}
        )
        deliver_webhook.apply(args=[delivery_id])
    webhook.refresh_from_db()
    assert webhook.failures == 0


def test_the_task_runs_twice_and_sends_once(page_server, journalist):
    hook(journalist, page_server.receive("/hook"))
    [delivery_id] = webhooks.webhooks_emit(
        "claim.created", {"id": 1}, identity={"id": 1}
    )
    deliver_webhook.apply(args=[delivery_id])
    deliver_webhook.apply(args=[delivery_id])
    assert len(page_server.posts) == 1
    assert WebhookDelivery.objects.get().attempts == 1


def test_the_delivery_log_shows_the_outcome(client, page_server, journalist):
    webhook = hook(journalist, page_server.receive("/hook", 400))
    [delivery_id] = webhooks.webhooks_emit(
        "claim.created", {"id": 1}, identity={"id": 1}
    )
    deliver_webhook.apply(args=[delivery_id])
    [entry] = client.get(f"/api/v1/webhooks/{webhook.pk}/deliveries/").json()
    assert entry["status"] == "failed"
    assert entry["response_status"] == 400
    assert entry["error"] == "The receiver answered HTTP 400."


# --- Events -----------------------------------------------------------------------


def test_emitting_costs_one_query_when_nobody_listens(editor):
    claim = new_claim()
    with CaptureQueriesContext(connection) as queries:
        webhooks.webhooks_claims_created([claim])
        webhooks.webhooks_article_finished(12345)
    assert len(queries) == 2  # one each


def test_only_active_subscribed_webhooks_get_an_event(journalist, editor):
    listening = hook(journalist, "https://a.example.org/", ["claim.reviewed"])
    hook(journalist, "https://b.example.org/", ["claim.created"])
    off = hook(editor, "https://c.example.org/", ["claim.reviewed"])
    Webhook.objects.filter(pk=off.pk).update(is_active=False)

    review(new_claim(), editor)

    assert [d.webhook for d in WebhookDelivery.objects.all()] == [listening]


def test_emitting_the_same_event_twice_records_one_delivery(journalist, editor):
    hook(journalist, "https://a.example.org/")
    hook(editor, "https://b.example.org/")
    claim = new_claim()
    webhooks.webhooks_claims_created([claim])
    webhooks.webhooks_claims_created([claim])
    assert WebhookDelivery.objects.filter(event="claim.created").count() == 2

    article = Article.objects.create(title="A", status=Article.Status.DONE)
    article.events.create(status=Article.Status.DONE)
    webhooks.webhooks_article_finished(article.pk)
    webhooks.webhooks_article_finished(article.pk)
    assert WebhookDelivery.objects.filter(event="article.done").count() == 2


def test_claim_reviewed_fires_for_each_review(journalist, editor):
    hook(journalist, "https://a.example.org/", ["claim.reviewed"])
    claim = new_claim()
    review(claim, editor, "false")
    review(claim, editor, "verified")
    verdicts = [
        d.payload["data"]["review"]["verdict"]
        for d in WebhookDelivery.objects.order_by("pk")
    ]
    assert verdicts == ["false", "verified"]


@pytest.mark.django_db(transaction=True)
def test_the_pipeline_emits_claim_created_and_article_done_once(page_server, seed_text):
    owner = _user("client", None)
    webhook = hook(owner, page_server.receive("/hook"))

    article, _ = services.article_submit_text(text=seed_text)

    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    bodies = [json.loads(p.body) for p in page_server.posts]
    created = [b["data"]["id"] for b in bodies if b["event"] == "claim.created"]
    assert sorted(created) == sorted(
        Claim.objects.filter(appearances__article=article)
        .distinct()
        .values_list("pk", flat=True)
    )
    [done] = [b for b in bodies if b["event"] == "article.done"]
    assert done["data"]["id"] == article.pk
    assert done["data"]["claims"] == len(created)
    assert all(signature_ok(webhook.secret, p) for p in page_server.posts)

    # The task delivered again: nothing new happens, nothing is sent again.
    sent = len(page_server.posts)
    pipeline.ingest(article.pk)
    assert len(page_server.posts) == sent

    # Reprocessing is a new run: article.done again, no claim is new.
    services.article_reprocess(article=article)
    events = [json.loads(p.body)["event"] for p in page_server.posts[sent:]]
    assert events == ["article.done"]


@pytest.mark.django_db(transaction=True)
def test_a_failed_article_emits_article_failed(page_server):
    owner = _user("client", None)
    hook(owner, page_server.receive("/hook"), ["article.failed"])
    missing = page_server.url("/gone")

    article, _ = services.article_submit_url(url=missing)

    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    [received] = page_server.posts
    body = json.loads(received.body)
    assert body["event"] == "article.failed"
    assert body["data"]["id"] == article.pk
    assert "404" in body["data"]["error"]
