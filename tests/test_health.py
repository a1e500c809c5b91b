"""Liveness and readiness, as the compose file's health checks use them."""

from __future__ import annotations

import os

import pytest

from claims.views.health import HEARTBEAT_PREFIX, record_heartbeat, redis_client
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_asking_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_ready_with_tasks_in_process(client):
    body = client.get("/readyz").json()
    assert body["status"] == "ready"
    assert body["checks"]["database"] == {"ok": True}
    assert "in the web process" in body["checks"]["workers"]["note"]


def test_not_ready_when_redis_is_unreachable(client, settings):
    settings.TASK_MODE = "celery"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"] and not checks["redis"]["ok"]
    assert "Error" in checks["redis"]["error"]
    assert not checks["workers"]["ok"]


needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a real Redis)"
)


@needs_redis
def test_workers_are_seen_by_their_heartbeats(client, settings):
    settings.TASK_MODE = "celery"
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/14"
    redis = redis_client()
    redis.delete(*redis.keys(f"{HEARTBEAT_PREFIX}*") or [f"{HEARTBEAT_PREFIX}x"])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "no worker seen" in response.json()["checks"]["workers"]["error"]
    record_heartbeat(redis, "analyse@test")
    body = client.get("/readyz").json()
    assert body["status"] == "ready"
    assert list(body["checks"]["workers"]["seen_seconds_ago"]) == ["analyse@test"]
    redis.flushdb()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_reports_itself(client, celery_worker, settings):
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]

    def seen():
        body = client.get("/readyz").json()
        return any(
            name.startswith("session-")
            for name in body["checks"]["workers"].get("seen_seconds_ago", {})
        )

    assert wait_for(seen, timeout=60)


def test_outsiders_see_whether_it_is_ready_but_not_why(client, settings):
    settings.TASK_MODE = "celery"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/readyz", REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": {"ok": True}, "redis": {"ok": False}, "workers": {"ok": False},
    }  # fmt: skip
