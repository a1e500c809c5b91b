"""Request bodies: JSON only, and no larger than the site accepts (413 beyond)."""

from __future__ import annotations

import io

from django.conf import settings
from rest_framework.parsers import JSONParser

from claims.api.errors import PayloadTooLarge


class LimitedJSONParser(JSONParser):
    """JSON, refused with 413 past ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes.

    Django checks that limit only when ``request.body`` is read; DRF reads the
    stream, so the limit is enforced here, also without a Content-Length.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        length = request.META.get("CONTENT_LENGTH") if request is not None else None
        if limit is not None and str(length or "").isdigit() and int(length) > limit:
            raise self._too_large(limit)
        if limit is not None and stream is not None:
            data = stream.read(limit + 1)
            if len(data) > limit:
                raise self._too_large(limit)
            stream = io.BytesIO(data)
        return super().parse(stream, media_type, parser_context)

    @staticmethod
    def _too_large(limit: int) -> PayloadTooLarge:
        return PayloadTooLarge(
            f"The request body is larger than {limit // (1024 * 1024) or 1} MB."
        )
