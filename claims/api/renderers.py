"""JSON written by orjson; JSON-LD for the W3C Web Annotation form of notes."""

from __future__ import annotations

import hashlib

import orjson
from django.utils.cache import get_conditional_response
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
_fallback = JSONEncoder().default


class FastJSONRenderer(JSONRenderer):
    """DRF's JSON, written by orjson (several times faster on large pages).

    Anything orjson does not know natively, and every date and time, goes to
    DRF's own encoder, so values are written exactly as before. An indented
    answer (``Accept: application/json; indent=2``) is left to DRF."""

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        content = orjson.dumps(data, default=_fallback, option=_OPTIONS)
        # As DRF does: these two are valid JSON but end a line in JavaScript.
        return content.replace(b"\xe2\x80\xa8", b"\\u2028").replace(
            b"\xe2\x80\xa9", b"\\u2029"
        )


class JSONLDRenderer(FastJSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def with_etag(request, response, media_type: str):
    """``response`` with an ETag of its body and media type; a 304 instead
    when the client's copy (If-None-Match) is current: the body was computed
    anyway, but is not sent again."""
    digest = hashlib.sha256(media_type.encode() + b"\n" + response.content)
    response["ETag"] = f'"{digest.hexdigest()[:32]}"'
    return get_conditional_response(request, etag=response["ETag"], response=response)
