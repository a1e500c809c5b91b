"""API tokens: created with a random key shown once, stored as its sha256 only."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from claims.models import ApiToken

# Keys look like "ctk_" + 43 URL-safe characters (256 random bits); the prefix
# lets people and secret scanners tell a tracker key apart.
KEY_PREFIX = "ctk_"
SHOWN_CHARS = 12  # ApiToken.prefix: "ctk_" and the first 8 random characters


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_token_create(*, user, name: str, scope: str = ApiToken.Scope.READ):
    """A new token for ``user``; returns (token, key). Only the hash is stored."""
    if scope not in ApiToken.Scope.values:
        raise ValueError(f"Scope must be one of {', '.join(ApiToken.Scope.values)}.")
    name = name.strip()[:100] or "API token"
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        prefix=key[:SHOWN_CHARS],
        key_hash=api_token_hash(key),
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> bool:
    """Refuse the token from now on; False if it was already revoked."""
    now = timezone.now()
    changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token.refresh_from_db(fields=["revoked_at"])
    return bool(changed)
