"""API tokens: hashed at rest, revocable; from the admin, the browser, a command."""

from __future__ import annotations

import hashlib
import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from claims.models import ApiToken
from claims.services.tokens import api_token_create, api_token_revoke
from tests.api.conftest import error

pytestmark = pytest.mark.django_db


def with_key(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_database_holds_only_the_hash_of_a_key(journalist):
    token, key = api_token_create(user=journalist, name="CMS", scope="write")
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith("ctk_") and len(key) > 40
    assert token.prefix == key[:12]
    for field in ApiToken._meta.concrete_fields:
        assert getattr(token, field.attname) != key
    assert with_key(key).get("/api/v1/claims/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_or_unknown_token_is_refused_with_401(journalist):
    token, key = api_token_create(user=journalist, name="CMS")
    assert api_token_revoke(token=token)
    response = with_key(key).get("/api/v1/claims/")
    assert error(response, 401, "authentication_failed")["message"] == (
        "This token was revoked."
    )
    assert response["WWW-Authenticate"] == "Token"
    error(with_key("ctk_nonsense").get("/api/v1/claims/"), 401, "authentication_failed")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token two words")
    error(client.get("/api/v1/claims/"), 401, "authentication_failed")


def test_an_inactive_users_token_is_refused(journalist):
    _, key = api_token_create(user=journalist, name="CMS")
    User.objects.filter(pk=journalist.pk).update(is_active=False)
    error(with_key(key).get("/api/v1/claims/"), 401, "authentication_failed")


def test_the_browser_session_reads_and_writes_with_csrf(journalist):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(journalist)
    assert client.get("/api/v1/claims/").status_code == 200
    response = client.post(
        "/api/v1/articles/", {"url": "https://example.org/s"}, format="json"
    )
    error(response, 403, "permission_denied")  # no CSRF token


def test_create_token_prints_a_working_key(journalist):
    out, err = StringIO(), StringIO()
    call_command(
        "create_token", "jo", "--write", "--name", "CMS", stdout=out, stderr=err
    )
    key = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert (token.name, token.scope, token.user) == ("CMS", "write", journalist)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert "cannot be shown again" in err.getvalue()
    response = with_key(key).post(
        "/api/v1/articles/", {"url": "https://example.org/t"}, format="json"
    )
    assert response.status_code == 202

    call_command("create_token", "jo", stdout=StringIO(), stderr=StringIO())
    assert ApiToken.objects.order_by("-id").first().scope == "read"
    with pytest.raises(CommandError):
        call_command("create_token", "nobody", stdout=StringIO(), stderr=StringIO())


def test_the_tokens_page_creates_shows_once_lists_and_revokes(client, journalist):
    url = "/accounts/tokens/"
    assert client.get(url).status_code == 302  # login required
    client.force_login(journalist)
    assert "No tokens yet" in client.get(url).content.decode()

    response = client.post(url, {"name": "Notebook", "scope": "read"})
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    key = re.search(r'value="(ctk_[^"]+)"', page).group(1)
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert "Notebook" in page and token.prefix in page
    # Shown once: the next visit lists the token without its key.
    assert key not in client.get(url).content.decode()

    other = User.objects.create_user("mallory")
    theirs, _ = api_token_create(user=other, name="Theirs")
    assert client.post(f"/accounts/tokens/{theirs.pk}/revoke/").status_code == 404
    assert client.get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 405
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    error(with_key(key).get("/api/v1/claims/"), 401, "authentication_failed")


def test_the_tokens_page_needs_csrf(journalist):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(journalist)
    response = client.post("/accounts/tokens/", {"name": "X", "scope": "read"})
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_the_admin_creates_a_token_and_shows_the_key_once(admin_client, journalist):
    response = admin_client.post(
        "/admin/claims/apitoken/add/",
        {"user": journalist.pk, "name": "Newsroom CMS", "scope": "write"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    key = re.search(r'value="(ctk_[^"]+)"', page).group(1)
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.scope) == (
        journalist,
        "Newsroom CMS",
        "write",
    )
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    change = admin_client.get(f"/admin/claims/apitoken/{token.pk}/change/")
    assert change.status_code == 200
    assert key not in change.content.decode()
    assert token.key_hash not in change.content.decode()
    admin_client.post(
        "/admin/claims/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
