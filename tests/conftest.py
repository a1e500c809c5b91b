"""Personas, a local web server, and a real Celery worker when Redis is set."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from claims.roles import ensure_roles

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_TEXT = ROOT / "claims" / "demo" / "china-hackers-mps-electoral-commission.txt"


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


class _PageHandler(BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:
        status, content_type, body = self.pages.get(
            self.path, (404, "text/html", b"<html><body>Not found</body></html>")
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class PageServer:
    """Serves registered pages on 127.0.0.1; ``url(path)`` gives their address."""

    def __init__(self) -> None:
        handler = type("Handler", (_PageHandler,), {"pages": {}})
        self.pages = handler.pages
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def add(
        self, path: str, body: bytes | str, content_type: str = "text/html", status=200
    ):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.pages[path] = (status, content_type, body)
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


@pytest.fixture(scope="session")
def _worker_process(django_db_setup, django_db_blocker) -> Iterator[subprocess.Popen]:
    """One real Celery worker for the session, on the test database and Redis."""
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url or not os.environ.get("DATABASE_URL"):
        pytest.skip("needs DATABASE_URL and REDIS_URL (PostgreSQL + Redis)")
    from django.db import connection

    with django_db_blocker.unblock():
        settings_dict = connection.settings_dict
        db_url = (
            f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:"
            f"{settings_dict['PORT']}/{settings_dict['NAME']}"
        )
    env = {**os.environ, "DATABASE_URL": db_url, "FETCH_ALLOW_PRIVATE": "1"}
    from tracker.celery import app

    app.control.purge()  # messages left by an earlier run name rows that are gone
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"test-worker-{os.getpid()}.log"
    log = open(log_path, "w")  # noqa: SIM115 (kept open for the worker's lifetime)
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "tracker", "worker",
            "--pool=solo", "--loglevel=INFO", "-n", f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if app.control.inspect(timeout=1).ping():
            break
        if proc.poll() is not None:
            pytest.fail(f"The Celery worker exited; see {log_path}")
    else:
        proc.kill()
        pytest.fail(f"The Celery worker did not start; see {log_path}")
    yield proc
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


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
