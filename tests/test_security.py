"""Deployment safety: production settings, password hashing, login throttling,
the Content-Security-Policy, secrets from files and JSON logs."""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from tracker import settings as real_settings
from tracker.logs import JSONFormatter

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    unset = {
        "DEBUG",
        "SECRET_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }  # the browser tests set that one
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "tracker.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "PRODUCTION": "1",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "news.example",
    "DATABASE_URL": "postgres://tracker@db.invalid:5432/tracker",
}


def test_the_production_settings_pass_check_deploy():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"DEBUG": "1"}, "refuses DEBUG"),
        ({"SECRET_KEY": "short"}, "needs SECRET_KEY"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_unsafe(change, complaint):
    result = _manage("check", **{**PRODUCTION, **change})
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_needs_its_host_names():
    env = dict(PRODUCTION)
    del env["ALLOWED_HOSTS"]
    result = _manage("check", **env)
    assert result.returncode != 0 and "ALLOWED_HOSTS" in result.stderr


def test_secrets_can_come_from_files(tmp_path):
    key = secrets.token_urlsafe(60)
    (tmp_path / "key").write_text(key + "\n")
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage(
        "shell", "--no-imports", "-c",
        "from django.conf import settings; print(len(settings.SECRET_KEY))",
        SECRET_KEY_FILE=str(tmp_path / "key"), **env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(key))
    missing = _manage("check", SECRET_KEY_FILE=str(tmp_path / "nope"), **env)
    assert missing.returncode != 0 and "SECRET_KEY_FILE" in missing.stderr


def test_production_cookies_and_transport_are_https_only():
    result = _manage(
        "shell", "--no-imports", "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, "
        "s.LOG_FORMAT)",
        **PRODUCTION,
    )  # fmt: skip
    assert result.stdout.split() == ["True", "True", "True", "True", "json"]


def test_passwords_are_hashed_with_argon2(settings):
    # The tests swap in a fast hasher; the settings module says what runs.
    first = real_settings.PASSWORD_HASHERS[0]
    assert first == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = real_settings.PASSWORD_HASHERS
    assert make_password("correct horse").startswith("argon2$")


# --- Login throttling ---------------------------------------------------------------


def _login(client, username: str, password: str, address: str = "203.0.113.9"):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
def test_password_guessing_locks_the_name_even_for_the_right_password(
    client, editor, journalist, settings
):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        refused = _login(client, "ed", "guess")
        assert refused.status_code == 200
        assert "did not match" in refused.content.decode()
    locked = _login(client, "ed", "pw-ed")
    assert locked.status_code == 200
    assert "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another person from elsewhere is not locked out.
    assert _login(client, "jo", "pw-jo", address="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_one_address_guessing_many_names_is_stopped(client, journalist, settings):
    settings.LOGIN_FAILURE_LIMIT = 2  # an address may fail 4 times that
    for n in range(8):
        _login(client, f"someone{n}", "guess")
    locked = _login(client, "jo", "pw-jo")
    assert "Too many failed logins" in locked.content.decode()
    assert _login(client, "jo", "pw-jo", address="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_the_lock_ends_with_its_window(client, editor, settings):
    from django.core.cache import cache

    settings.LOGIN_FAILURE_LIMIT = 1
    _login(client, "ed", "guess")
    assert "Too many failed logins" in _login(client, "ed", "pw-ed").content.decode()
    cache.clear()  # what the window's expiry does
    assert _login(client, "ed", "pw-ed").status_code == 302


@pytest.mark.django_db
def test_the_admin_login_is_throttled_too(client, settings):
    from django.contrib.auth.models import User

    User.objects.create_superuser("boss", password="pw-boss")
    settings.LOGIN_FAILURE_LIMIT = 1
    url = reverse("admin:login")
    client.post(url, {"username": "boss", "password": "guess"}, REMOTE_ADDR="192.0.2.1")
    locked = client.post(url, {"username": "boss", "password": "pw-boss"},
                         REMOTE_ADDR="192.0.2.2")  # fmt: skip
    assert "Too many failed logins" in locked.content.decode()


# --- Content-Security-Policy --------------------------------------------------------


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/claims/", "/accounts/login/", "/admin/login/", "/api/v1/docs/"]
)
def test_every_page_forbids_inline_script(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    # And the pages need none: every script element loads a file.
    html = response.content.decode()
    inline = [m for m in re.findall(r"<script([^>]*)>", html) if "src=" not in m]
    assert not [m for m in inline if "application/json" not in m], path


@pytest.mark.django_db
def test_the_api_docs_script_is_served_as_a_file(client):
    page = client.get("/api/v1/docs/").content.decode()
    script = re.search(r'<script src="([^"]*script[^"]*)"', page).group(1)
    response = client.get(script.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()


# --- JSON logs ----------------------------------------------------------------------


def test_json_log_lines_carry_the_extra_fields():
    record = logging.makeLogRecord(
        {"name": "claims.ingest.pipeline", "levelname": "WARNING", "levelno": 30,
         "msg": "article %s failed", "args": (7,), "article_id": 7, "stage": "fetch"}
    )  # fmt: skip
    line = json.loads(JSONFormatter().format(record))
    assert line["message"] == "article 7 failed"
    assert (line["article_id"], line["stage"], line["level"]) == (7, "fetch", "WARNING")
