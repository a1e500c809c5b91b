"""Token lookup loads the token and its user as the ORM does, on either database."""

from __future__ import annotations

import pytest
from django.utils import timezone

from claims.api.authentication import token_with_user
from claims.models import ApiToken
from claims.services.tokens import api_token_create, api_token_hash

pytestmark = pytest.mark.django_db


def test_the_token_and_its_user_as_the_orm_loads_them(journalist):
    token, key = api_token_create(user=journalist, name="sync", scope="read")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    found = token_with_user(api_token_hash(key))
    expected = ApiToken.objects.select_related("user").get(pk=token.pk)
    for field in ApiToken._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname)
    assert timezone.is_aware(found.last_used_at)
    assert found.user.username == "jo"
    assert found.user.is_active
    assert found.user.has_perm("claims.add_article") == journalist.has_perm(
        "claims.add_article"
    )


def test_an_unknown_key_finds_nothing(journalist):
    api_token_create(user=journalist, name="sync", scope="read")
    assert token_with_user(api_token_hash("not-a-key")) is None
