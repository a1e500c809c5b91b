"""``Authorization: Token <key>``: keys are looked up by their sha256, never stored."""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from claims.models import ApiToken
from claims.services.tokens import api_token_hash

# last_used_at is written at most this often per token, so a busy client costs
# one UPDATE a minute rather than one per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_with_user(key_hash: str) -> ApiToken | None:
    """The token of this hash with its user, as ``select_related("user")``
    would load them, from SQL written once: the ORM compiled the same join on
    every API request, for longer than the database took to answer it.
    PostgreSQL's driver gives every column as the model holds it; other
    databases (SQLite's naive times) go through the ORM."""
    if connection.vendor != "postgresql":
        return ApiToken.objects.select_related("user").filter(key_hash=key_hash).first()
    sql, token_fields, user_fields = _token_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [key_hash])
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(token_fields)
    token = ApiToken.from_db(connection.alias, token_fields, row[:split])
    token.user = get_user_model().from_db(connection.alias, user_fields, row[split:])
    return token


@cache
def _token_query() -> tuple[str, list[str], list[str]]:
    user_model = get_user_model()
    quote = connection.ops.quote_name
    token_fields = [f.attname for f in ApiToken._meta.concrete_fields]
    user_fields = [f.attname for f in user_model._meta.concrete_fields]
    columns = [f"t.{quote(f.column)}" for f in ApiToken._meta.concrete_fields] + [
        f"u.{quote(f.column)}" for f in user_model._meta.concrete_fields
    ]
    user_key = ApiToken._meta.get_field("user").column
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(ApiToken._meta.db_table)} t "  # noqa: S608
        f"JOIN {quote(user_model._meta.db_table)} u "
        f"ON u.{quote(user_model._meta.pk.column)} = t.{quote(user_key)} "
        f"WHERE t.{quote(ApiToken._meta.get_field('key_hash').column)} = %s"
    )
    return sql, token_fields, user_fields


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in (b"token", b"bearer"):
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the header as 'Authorization: Token <key>'."
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid token.") from None
        token = token_with_user(api_token_hash(key))
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("This token was revoked.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("The token's user is inactive.")
        self._touch(token)
        return token.user, token

    @staticmethod
    def _touch(token: ApiToken) -> None:
        now = timezone.now()
        if token.last_used_at and now - token.last_used_at < LAST_USED_RESOLUTION:
            return
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403.
        return self.keyword


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "claims.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "An API token, sent as `Authorization: Token <key>`. Create one on "
                "the API tokens page, in the admin, or with `manage.py create_token`."
            ),
        }
