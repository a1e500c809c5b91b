"""Request rates: per token (or per logged-in user), and per address when anonymous.

Rates come from ``settings.API_THROTTLE_RATES`` read at call time, so a test or
a deployment can change them without re-importing DRF's settings.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework import throttling

from claims.models import ApiToken


class _SettingsRate:
    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)


class ClientRateThrottle(_SettingsRate, throttling.SimpleRateThrottle):
    """Each token has its own budget; a browser session counts as its user."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # AnonymousRateThrottle's business
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        else:
            ident = f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(_SettingsRate, throttling.AnonRateThrottle):
    scope = "anon"
