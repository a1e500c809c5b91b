"""Health for load balancers and containers: liveness and readiness.

``/healthz``: the process answers (nothing else is asked, so a slow database
does not get a healthy web process restarted). ``/readyz``: the database
answers, Redis answers, and Celery workers were seen within
``WORKER_STALE_SECONDS`` (each worker writes a heartbeat to Redis every
``HEARTBEAT_SECONDS``, see tracker/celery.py); 503 with what is wrong if not.
"""

from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

HEARTBEAT_PREFIX = "tracker:worker:"
HEARTBEAT_SECONDS = 15
WORKER_STALE_SECONDS = 60


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the web process runs."""
    return HttpResponse("ok", content_type="text/plain")


def redis_client():
    import redis

    return redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2
    )


def record_heartbeat(client, worker: str) -> None:
    """A worker says it is alive (expires by itself when it stops saying so)."""
    client.set(f"{HEARTBEAT_PREFIX}{worker}", time.time(), ex=WORKER_STALE_SECONDS)


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any driver error means not ready
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": True}


def _redis_and_workers() -> tuple[dict, dict]:
    if settings.TASK_MODE != "celery":
        note = f"tasks run in the web process (TASK_MODE={settings.TASK_MODE})"
        return {"ok": True, "note": note}, {"ok": True, "note": note}
    try:
        client = redis_client()
        client.ping()
        keys = list(client.scan_iter(match=f"{HEARTBEAT_PREFIX}*", count=100))
        beats = client.mget(keys) if keys else []
    except Exception as exc:  # connection refused, timeout, auth...
        error = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
        return error, {"ok": False, "error": "unknown: Redis is unavailable"}
    now = time.time()
    seen = {
        key.decode()[len(HEARTBEAT_PREFIX) :]: round(now - float(beat), 1)
        for key, beat in zip(keys, beats, strict=True)
        if beat is not None
    }
    workers = {"ok": bool(seen), "seen_seconds_ago": seen}
    if not seen:
        workers["error"] = f"no worker seen in the last {WORKER_STALE_SECONDS} s"
    return {"ok": True}, workers


def _may_see_details(request: HttpRequest) -> bool:
    """Error texts and worker host names are for the probes on the machine
    (loopback) and staff, not for anyone on the internet."""
    address = request.META.get("REMOTE_ADDR", "")
    try:
        loopback = ipaddress.ip_address(address).is_loopback
    except ValueError:
        loopback = False
    return loopback or request.user.is_staff


def readyz(request: HttpRequest) -> JsonResponse:
    redis_state, workers = _redis_and_workers()
    checks = {"database": _database(), "redis": redis_state, "workers": workers}
    ready = all(check["ok"] for check in checks.values())
    if not _may_see_details(request):
        checks = {name: {"ok": check["ok"]} for name, check in checks.items()}
    return JsonResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )
