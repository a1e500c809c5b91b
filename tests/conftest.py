"""Personas, a local web server, and a real Celery worker when Redis is set."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from claims.roles import ensure_roles

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_TEXT = ROOT / "claims" / "demo" / "china-hackers-mps-electoral-commission.txt"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Throttle counters, facet counts and dashboard figures live in the cache:
    # every test starts without them.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 is slow on purpose; tests that do not test hashing skip the cost
    # (tests/test_security.py checks the real setting).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_inline(settings):
    # Tests run tasks inline when the transaction commits, unless a test asks
    # for the real worker (the `celery_worker` fixture switches this back).
    settings.TASK_MODE = "eager"
    settings.FETCH_ALLOW_PRIVATE = True


def _user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username, password="pw-" + username)
    if role:
        # Transactional tests flush the groups the migration made.
        ensure_roles()
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def journalist(db) -> User:
    return _user("jo", "journalist")


@pytest.fixture
def editor(db) -> User:
    return _user("ed", "editor")


@pytest.fixture
def outsider(db) -> User:
    """Logged in, but with no newsroom role."""
    return _user("out", None)


@pytest.fixture
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@dataclass
class Received:
    """One POST the page server received, as sent."""

    path: str
    headers: dict[str, str]
    body: bytes


class _PageHandler(BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes, float]] = {}
    hits: dict[str, int] = {}
    replies: dict[str, list[int]] = {}
    posts: list[Received] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.posts.append(Received(self.path, dict(self.headers.items()), body))
        statuses = self.replies.get(self.path) or [404]
        # Each status answers once, the last one from then on.
        status = statuses.pop(0) if len(statuses) > 1 else statuses[0]
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def do_GET(self) -> None:
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        status, content_type, body, delay = self.pages.get(
            self.path, (404, "text/html", b"<html><body>Not found</body></html>", 0)
        )
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A client that hung up (a killed worker, a refused body) is expected here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class PageServer:
    """Serves pages on 127.0.0.1 and records POSTs; ``url(path)`` gives an address."""

    def __init__(self) -> None:
        handler = type(
            "Handler",
            (_PageHandler,),
            {"pages": {}, "hits": {}, "replies": {}, "posts": []},
        )
        self.pages, self.hits = handler.pages, handler.hits
        self.replies, self.posts = handler.replies, handler.posts
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def add(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html",
        status: int = 200,
        delay: float = 0,
    ) -> str:
        """Serve ``body`` at ``path``, after ``delay`` seconds; return its URL."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.pages[path] = (status, content_type, body, delay)
        return self.url(path)

    def receive(self, path: str, *statuses: int) -> str:
        """Answer POSTs to ``path`` with ``statuses`` in turn (default 200); its URL.

        What was posted is recorded in ``posts``.
        """
        self.replies[path] = list(statuses or (200,))
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    server = PageServer()
    yield server
    server.close()


def start_worker(
    name: str, *, queue: str = "", pool: str = "solo", **env: str
) -> subprocess.Popen:
    """Start a Celery worker process on the test database; wait until it answers.

    Its log is in ``worker_log(name)``. ``pool="prefork"`` runs one child process.
    """
    from django.db import connection

    from tracker.celery import app

    db = connection.settings_dict
    db_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    log_path = worker_log(name)
    log = open(log_path, "w")  # noqa: SIM115 (the worker writes to it)
    node = f"{name}-{os.getpid()}@%h"
    command = [sys.executable, "-m", "celery", "-A", "tracker", "worker",
               f"--pool={pool}", "--concurrency=1", "--loglevel=INFO",
               "-n", node]  # fmt: skip
    if queue:
        command += ["-Q", queue]
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": db_url, "FETCH_ALLOW_PRIVATE": "1", **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    hostname = node.replace("%h", socket.gethostname())
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if app.control.inspect(destination=[hostname], timeout=1).ping():
            return proc
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"The Celery worker {name} did not start; see {log_path}")


def worker_log(name: str) -> Path:
    """Where the worker ``start_worker(name)`` writes its log."""
    return Path(os.environ.get("TMPDIR", "/tmp")) / f"test-worker-{name}.log"


@pytest.fixture(scope="session")
def _worker_process(django_db_setup, django_db_blocker) -> Iterator[subprocess.Popen]:
    """One real Celery worker for the session, on the test database and Redis."""
    if not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL"):
        pytest.skip("needs DATABASE_URL and REDIS_URL (PostgreSQL + Redis)")
    from tracker.celery import app

    app.control.purge()  # messages left by an earlier run name rows that are gone
    with django_db_blocker.unblock():
        proc = start_worker("session")
    yield proc
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture
def celery_worker(_worker_process, settings):
    """Send tasks to the real worker (tests using it need transactional_db)."""
    settings.TASK_MODE = "celery"
    return _worker_process


def wait_for(predicate, timeout: float = 120, interval: float = 0.2):
    """Poll until ``predicate()`` is truthy: guards against hangs, times nothing."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not reached in time")
