"""Webhooks: events fan out to clients' URLs as signed JSON deliveries.

The writers (store, pipeline, reviews) call one ``webhooks_*`` function each,
inside their transaction. It costs one query when no active webhook listens;
otherwise it creates one pending ``WebhookDelivery`` per subscribed webhook and
enqueues ``deliver_webhook`` once the transaction commits. An event already
recorded for a webhook (same event, same object, same moment) is not recorded
again, so a writer that runs twice does not notify twice.

``webhook_deliver`` makes one attempt: POST the stored payload, signed with the
webhook's secret, through ``fetch.post_json`` (the same address checks as
article fetching), then record the outcome on the delivery and the webhook.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.ingest.fetch import FetchError, FetchPolicy, post_json, validate_url
from claims.models import Article, Claim, Review, Webhook, WebhookDelivery
from claims.services.queue import enqueue_on_commit

log = logging.getLogger(__name__)

Event = Webhook.Event
SIGNATURE_HEADER = "X-Tracker-Signature"
EVENT_HEADER = "X-Tracker-Event"
DELIVERY_HEADER = "X-Tracker-Delivery"
_STATUS_LENGTH = Webhook._meta.get_field("last_status").max_length


# --- Registering ----------------------------------------------------------------


def webhook_create(*, owner, url: str, events: Iterable[str]) -> Webhook:
    """Register ``url`` for ``events``; the secret is made here, shown once."""
    return Webhook.objects.create(
        owner=owner,
        url=validate_url(url),
        events=sorted(set(events)),
        secret="whsec_" + secrets.token_urlsafe(32),
    )


def webhook_update(*, webhook: Webhook, **fields: Any) -> Webhook:
    """Change url, events or is_active; switching on again clears the failures."""
    if "url" in fields:
        fields["url"] = validate_url(fields["url"])
    if "events" in fields:
        fields["events"] = sorted(set(fields["events"]))
    if fields.get("is_active") and not webhook.is_active:
        fields["failures"] = 0
    for name, value in fields.items():
        setattr(webhook, name, value)
    webhook.save()
    return webhook


# --- Signing ----------------------------------------------------------------------


def webhook_body(payload: dict) -> bytes:
    """The exact bytes sent (and signed): compact JSON, UTF-8, keys sorted."""
    return json.dumps(
        payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    ).encode("utf-8")


def webhook_signature(secret: str, body: bytes) -> str:
    """The value of X-Tracker-Signature: ``sha256=`` and the HMAC of the body."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


# --- Emitting ---------------------------------------------------------------------


Data = dict | Callable[[], dict]


def webhooks_emit(event: str, data: Data, *, identity: dict[str, Any]) -> list[int]:
    """Record ``event`` for every active webhook subscribed to it; enqueue on commit.

    ``data`` (or a function making it, called only when someone listens) is the
    payload's "data"; ``identity`` names the keys of ``data`` that make this
    event unique (``{"id": 7}``, ``{"review__id": 9}``). Returns the new
    deliveries' ids.
    """
    return _emit(event, [(identity, data)])


def _emit(event: str, items: list[tuple[dict[str, Any], Data]]) -> list[int]:
    if not items:  # nothing happened: not even a look at the webhooks
        return []
    hooks = [h for h in _active_hooks() if event in h.events]
    if not hooks:
        return []
    # Deliveries already recorded for these events: one query for all of them.
    seen = Q()
    for identity, _ in items:
        seen |= Q(**{f"payload__data__{k}": v for k, v in identity.items()})
    keys = list(items[0][0])  # every item of one event has the same keys
    recorded = {
        (webhook_id, _identity_of(payload.get("data"), keys))
        for webhook_id, payload in WebhookDelivery.objects.filter(
            seen, webhook__in=hooks, event=event
        ).values_list("webhook_id", "payload")
    }
    now = timezone.now().isoformat()
    deliveries = []
    for identity, data in items:
        key = tuple(identity[k] for k in keys)
        targets = [h for h in hooks if (h.pk, key) not in recorded]
        if not targets:
            continue
        payload = {
            "event": event,
            "created_at": now,
            "data": data() if callable(data) else data,
        }
        deliveries += [
            WebhookDelivery(webhook=h, event=event, payload=payload) for h in targets
        ]
    ids = [d.pk for d in WebhookDelivery.objects.bulk_create(deliveries)]
    for delivery_id in ids:
        _enqueue(delivery_id)
    return ids


def _identity_of(data: Any, keys: list[str]) -> tuple:
    """The values of ``keys`` in ``data`` (``a__b`` reads data["a"]["b"])."""
    values = []
    for key in keys:
        value = data
        for part in key.split("__"):
            value = value.get(part) if isinstance(value, dict) else None
        values.append(value)
    return tuple(values)


def _active_hooks() -> list[Webhook]:
    # The events list is filtered here: JSON containment is not portable to
    # SQLite, and active webhooks are few.
    return list(Webhook.objects.filter(is_active=True).only("pk", "events"))


def webhooks_claims_created(claims: Iterable[Claim]) -> None:
    """claim.created for each of ``claims`` (new rows from the store)."""
    _emit(
        Event.CLAIM_CREATED,
        [({"id": c.pk}, lambda c=c: claim_data(c)) for c in claims],
    )


def webhooks_claim_reviewed(review: Review) -> None:
    """claim.reviewed for a review just recorded."""
    webhooks_emit(
        Event.CLAIM_REVIEWED,
        lambda: {"claim": claim_data(review.claim), "review": review_data(review)},
        identity={"review__id": review.pk},
    )


def webhooks_article_finished(article_id: int) -> None:
    """article.done or article.failed, if the article has just ended that way."""
    wanted = {Event.ARTICLE_DONE, Event.ARTICLE_FAILED}
    if not any(wanted & set(h.events) for h in _active_hooks()):
        return
    article = Article.objects.select_related("source").filter(pk=article_id).first()
    if article is None or article.status not in (
        Article.Status.DONE,
        Article.Status.FAILED,
    ):
        return
    ended = article.events.filter(status=article.status).order_by("at", "id").last()
    finished_at = (ended.at if ended else article.status_changed_at).isoformat()
    event = (
        Event.ARTICLE_DONE
        if article.status == Article.Status.DONE
        else Event.ARTICLE_FAILED
    )
    # The moment it ended tells a reprocessed article's second "done" from a
    # repeat of the first.
    webhooks_emit(
        event,
        lambda: article_data(article, finished_at),
        identity={"id": article.pk, "finished_at": finished_at},
    )


# --- Payloads ---------------------------------------------------------------------


def site_url(path: str) -> str:
    """``path`` made absolute with SITE_URL (left as a path when it is unset)."""
    return f"{settings.SITE_URL}{path}"


def claim_data(claim: Claim) -> dict:
    claimant = claim.claimant
    return {
        "id": claim.pk,
        "text": claim.text,
        "claimant": (
            {"id": claimant.pk, "name": claimant.name, "kind": claimant.kind}
            if claimant
            else None
        ),
        "verdict": claim.verdict,
        "attribution_status": claim.attribution_status,
        "checkworthiness": claim.checkworthiness,
        "first_seen_at": claim.first_seen_at.isoformat(),
        "url": site_url(claim.get_absolute_url()),
    }


def review_data(review: Review) -> dict:
    return {
        "id": review.pk,
        "verdict": review.verdict,
        "rationale": review.rationale,
        "evidence": review.evidence,
        "attribution": review.attribution,
        "attribution_note": review.attribution_note,
        "created_at": review.created_at.isoformat(),
    }


def article_data(article: Article, finished_at: str) -> dict:
    return {
        "id": article.pk,
        "status": article.status,
        "error": article.error,
        "url": article.url or "",
        "title": article.title,
        "source": article.source.name if article.source else None,
        "published_at": (
            article.published_at.isoformat() if article.published_at else None
        ),
        "claims": article.appearances.values("claim").distinct().count(),
        "finished_at": finished_at,
        "page": site_url(article.get_absolute_url()),
    }


# --- Delivering -------------------------------------------------------------------


def _enqueue(delivery_id: int) -> None:
    """Hand the delivery to a worker once the current transaction commits."""
    from claims.tasks import deliver_webhook

    enqueue_on_commit(deliver_webhook, [delivery_id], thread="webhook")


def webhook_policy() -> FetchPolicy:
    timeout = settings.WEBHOOK_TIMEOUT
    return FetchPolicy(
        allow_private=settings.FETCH_ALLOW_PRIVATE,
        connect_timeout=min(settings.FETCH_CONNECT_TIMEOUT, timeout),
        read_timeout=timeout,
        total_timeout=timeout,
        user_agent=settings.FETCH_USER_AGENT,
    )


def webhook_deliver(delivery_id: int, *, last_try: bool) -> bool:
    """Make one attempt at a pending delivery; return True to try again later.

    Network errors, HTTP 5xx and 429 are worth another try (unless
    ``last_try``); any other answer ends the delivery. A delivery no longer
    pending (a repeated task) is left alone.
    """
    delivery = (
        WebhookDelivery.objects.select_related("webhook")
        .filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING)
        .first()
    )
    if delivery is None:
        return False
    webhook = delivery.webhook
    if not webhook.is_active:
        _record(delivery, None, "The webhook is switched off.", retry=False)
        return False
    body = webhook_body(delivery.payload)
    headers = {
        SIGNATURE_HEADER: webhook_signature(webhook.secret, body),
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
    }
    status: int | None = None
    try:
        posted = post_json(webhook.url, body, headers, webhook_policy())
    except FetchError as exc:
        error, transient = exc.message, exc.transient
    else:
        status = posted.status
        error = "" if 200 <= status < 300 else _status_error(status)
        transient = status >= 500 or status == 429
    retry = bool(error) and transient and not last_try
    _record(delivery, status, error, retry=retry)
    return retry


def _status_error(status: int) -> str:
    if 300 <= status < 400:
        return (
            f"The receiver answered with a redirect (HTTP {status}); "
            "webhooks are not redirected, register the final address."
        )
    return f"The receiver answered HTTP {status}."


@transaction.atomic
def _record(
    delivery: WebhookDelivery, status: int | None, error: str, *, retry: bool
) -> None:
    """Write one attempt's outcome on the delivery and its webhook."""
    now = timezone.now()
    if not error:
        outcome = WebhookDelivery.Status.SENT
    elif retry:
        outcome = WebhookDelivery.Status.PENDING
    else:
        outcome = WebhookDelivery.Status.FAILED
    changed = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=WebhookDelivery.Status.PENDING
    ).update(
        status=outcome,
        attempts=F("attempts") + 1,
        response_status=status,
        error=error,
        delivered_at=now if outcome == WebhookDelivery.Status.SENT else None,
    )
    if not changed:
        return  # another run of the same delivery finished it first
    summary = f"HTTP {status}" if status else error
    if retry:
        summary += " (will retry)"
    hook = Webhook.objects.filter(pk=delivery.webhook_id)
    fields: dict[str, Any] = {
        "last_status": summary[:_STATUS_LENGTH],
        "last_delivery_at": now,
        "updated_at": now,
    }
    if outcome == WebhookDelivery.Status.SENT:
        fields["failures"] = 0
    elif outcome == WebhookDelivery.Status.FAILED and delivery.webhook.is_active:
        fields["failures"] = F("failures") + 1
    hook.update(**fields)
    if outcome == WebhookDelivery.Status.FAILED:
        hook.filter(
            is_active=True, failures__gte=settings.WEBHOOK_DISABLE_AFTER
        ).update(is_active=False)
