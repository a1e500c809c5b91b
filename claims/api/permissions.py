"""Who may do what through the API: the browser's roles plus the token's scope.

Reads need a logged-in user or a token, unless ``API_PUBLIC_READ`` opens them.
Writes need a token with write scope (or a browser session) and the role
permission the view names in ``write_permissions`` (method -> permission) or
returns from ``required_permission(request)``: the permissions the browser
checks. Object rules (only the author edits a note) stay in the services.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework import exceptions, permissions

from claims.models import ApiToken


class ApiAccess(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        if request.method in permissions.SAFE_METHODS:
            if user and user.is_authenticated:
                return True
            return bool(settings.API_PUBLIC_READ)
        if not (user and user.is_authenticated):
            raise exceptions.NotAuthenticated()
        token = request.auth
        if isinstance(token, ApiToken) and token.scope != ApiToken.Scope.WRITE:
            raise exceptions.PermissionDenied(
                "This token has read scope; writing needs a token with write scope.",
                code="insufficient_scope",
            )
        if hasattr(view, "required_permission"):
            needed = view.required_permission(request)
        else:
            needed = getattr(view, "write_permissions", {}).get(request.method)
        if needed is None:
            return True
        if not user.has_perm(needed):
            raise exceptions.PermissionDenied(
                "Your role does not allow this.", code="permission_denied"
            )
        return True
