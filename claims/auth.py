"""Login throttling: password guessing meets a wall after a few failures.

``ThrottledModelBackend`` counts failed logins per user name and per client
address in the cache (Redis in production, shared by every web worker). Past
``LOGIN_FAILURE_LIMIT`` failures for a name (four times that for an address, a
newsroom's shared office address) within ``LOGIN_FAILURE_WINDOW`` seconds it
refuses every attempt, the right password included, until the window passes.
It covers every login form, the admin's too; ``ThrottledAuthenticationForm``
tells the user why instead of "wrong password".
"""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

ADDRESS_FACTOR = 4


def _keys(request, username: str | None) -> list[tuple[str, int]]:
    """(cache key, limit) for the user name and the client address."""
    limit = settings.LOGIN_FAILURE_LIMIT
    name = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()
    keys = [(f"login-fail:user:{name}", limit)]
    address = request.META.get("REMOTE_ADDR") if request is not None else None
    if address:
        keys.append((f"login-fail:addr:{address}", limit * ADDRESS_FACTOR))
    return keys


def login_blocked(request, username: str | None) -> bool:
    return any(cache.get(key, 0) >= limit for key, limit in _keys(request, username))


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if login_blocked(request, username):
            if request is not None:
                request.login_throttled = True
            raise PermissionDenied  # no other backend is tried either
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            for key, _ in _keys(request, username):
                cache.add(key, 0, settings.LOGIN_FAILURE_WINDOW)
                try:
                    cache.incr(key)
                except ValueError:  # expired in between
                    cache.set(key, 1, settings.LOGIN_FAILURE_WINDOW)
        return user


class _Explains:
    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "login_throttled", False):
                minutes = max(1, settings.LOGIN_FAILURE_WINDOW // 60)
                raise forms.ValidationError(
                    f"Too many failed logins. Wait {minutes} minutes and try "
                    "again, or ask an administrator to reset your password.",
                    code="throttled",
                ) from None
            raise


class ThrottledAuthenticationForm(_Explains, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(_Explains, AdminAuthenticationForm):
    pass
