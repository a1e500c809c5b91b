"""Every API error as ``{"error": {"code", "message", "fields"}}``, never a traceback.

``code`` is a stable machine-readable word (``invalid``, ``not_authenticated``,
``authentication_failed``, ``permission_denied``, ``insufficient_scope``,
``not_found``, ``method_not_allowed``, ``not_acceptable``, ``conflict``,
``payload_too_large``, ``unsupported_media_type``, ``throttled``,
``server_error`` ...), ``message`` a sentence for people, and ``fields`` maps
field names to their messages for 400s (``{}`` otherwise).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from claims.models import ClaimConflict

log = logging.getLogger(__name__)

API_PREFIX = "/api/"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The resource changed in the meantime."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def error_body(code: str, message: str, fields: dict | None = None, **extra) -> dict:
    return {
        "error": {"code": code, "message": message, "fields": fields or {}, **extra}
    }


def _first_code(detail) -> str | None:
    if isinstance(detail, exceptions.ErrorDetail):
        return detail.code
    if isinstance(detail, list) and detail:
        return _first_code(detail[0])
    return None


def _messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]


def _fields(detail) -> dict:
    """Field errors as {"name": ["message", ...]}; nested ones with dotted names."""
    fields: dict = {}

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                name = "non_field_errors" if key == "non_field_errors" else str(key)
                walk(f"{prefix}.{name}" if prefix else name, sub)
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            for index, sub in enumerate(value):
                walk(f"{prefix}.{index}", sub)
        else:
            fields[prefix or "non_field_errors"] = _messages(value)

    walk("", detail)
    return fields


def api_exception_handler(exc, context):
    if isinstance(exc, ClaimConflict):
        claim = exc.claim
        return Response(
            error_body(
                "conflict",
                f"The claim changed since you loaded it; it is now at version "
                f"{claim.version}. Reload it and try again.",
                current={
                    "version": claim.version,
                    "verdict": claim.verdict,
                    "attribution_status": claim.attribution_status,
                },
            ),
            status=status.HTTP_409_CONFLICT,
        )
    # Django's own exceptions, as DRF would translate them, but keeping the code.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict
            if hasattr(exc, "error_dict")
            else {"non_field_errors": exc.messages}
        )
    response = exception_handler(exc, context)
    if response is None:
        # Not an API error: log it in full, answer without the details.
        log.exception("API error", exc_info=exc)
        return Response(
            error_body("server_error", "Something went wrong on our side."),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    detail = getattr(exc, "detail", None)
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(detail)
        messages = _messages(detail)
        message = (
            messages[0]
            if len(messages) == 1
            else "The request has invalid fields; see error.fields."
        )
        response.data = error_body("invalid", message, fields)
        return response
    code = _first_code(detail) or getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.Throttled):
        message = "Too many requests."
        if exc.wait is not None:
            message += f" Try again in {int(exc.wait) + 1} seconds."
    else:
        message = " ".join(_messages(detail)) if detail else str(exc)
    response.data = error_body(code, message)
    return response


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def json_not_found(request, exception=None):
    """handler404: JSON under /api/, the usual page elsewhere."""
    if _is_api(request):
        return JsonResponse(
            error_body("not_found", "There is nothing at this address."), status=404
        )
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def json_server_error(request):
    """handler500: JSON under /api/, the usual page elsewhere."""
    if _is_api(request):
        return JsonResponse(
            error_body("server_error", "Something went wrong on our side."), status=500
        )
    from django.views.defaults import server_error

    return server_error(request)
