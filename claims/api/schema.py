"""Finishing touches on the generated OpenAPI document.

``ApiAutoSchema`` documents, on every operation, the errors any request to it
can meet (the shared ``ERRORS``): a bad token (401) and throttling (429)
everywhere; 400 where there are query parameters (but ``format``) or a body;
404 where the path
names a row or a ``format`` can be asked for (an unknown format is a 404, as in
DRF); 403 on writes; 413 and 415 where there is a body. Views may still list
errors themselves (``views.errors()``), with their own descriptions.
"""

from __future__ import annotations

import re

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from claims.api import serializers as s

_RESOURCE = re.compile(r"/api/v1/([a-z]+?)s?/\{id\}")

ERRORS = {
    400: OpenApiResponse(s.ErrorSerializer, description="Invalid input."),
    401: OpenApiResponse(s.ErrorSerializer, description="No or a bad token."),
    403: OpenApiResponse(
        s.ErrorSerializer, description="The role or the token's scope forbids it."
    ),
    404: OpenApiResponse(s.ErrorSerializer, description="No such row."),
    409: OpenApiResponse(s.ErrorSerializer, description="Changed in the meantime."),
    413: OpenApiResponse(s.ErrorSerializer, description="The body is too large."),
    415: OpenApiResponse(s.ErrorSerializer, description="Send application/json."),
    429: OpenApiResponse(s.ErrorSerializer, description="Too many requests."),
}
UNKNOWN_FORMAT = OpenApiResponse(s.ErrorSerializer, description="Unknown `format`.")
NO_ROW_OR_FORMAT = OpenApiResponse(
    s.ErrorSerializer, description="No such row, or an unknown `format`."
)
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, plus the errors shared by every operation."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(
            path, path_regex, path_prefix, method, registry
        )
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        for code, response in self._shared_errors(operation).items():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(response, str(code))
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _shared_errors(self, operation: dict) -> dict[int, OpenApiResponse]:
        parameters = operation.get("parameters", [])
        by_path = any(p["in"] == "path" for p in parameters)
        query = {p["name"] for p in parameters if p["in"] == "query"}
        body = "requestBody" in operation
        codes: dict[int, OpenApiResponse] = {401: ERRORS[401], 429: ERRORS[429]}
        if query - {"format"} or body:  # an unknown format is a 404
            codes[400] = ERRORS[400]
        if self.method in _WRITES:
            codes[403] = ERRORS[403]
        if by_path and "format" in query:
            codes[404] = NO_ROW_OR_FORMAT
        elif by_path:
            codes[404] = ERRORS[404]
        elif "format" in query:
            codes[404] = UNKNOWN_FORMAT
        if body:
            codes[413], codes[415] = ERRORS[413], ERRORS[415]
        return codes


class ClaimSerializerExtension(OpenApiSerializerExtension):
    """``reviews`` and ``annotations`` are in a claim only with ``?expand=``."""

    target_class = s.ClaimSerializer
    match_subclasses = True  # ClaimDetailSerializer too

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(
            self.target, direction, bypass_extensions=True
        )
        required = [
            name
            for name in schema.get("required", [])
            if name not in s.ClaimSerializer.EXPANDABLE
        ]
        if required:
            schema["required"] = required
        else:
            schema.pop("required", None)
        return schema


def describe_path_ids(result: dict, generator, request, public) -> dict:
    """Give every ``{id}`` path parameter a description naming its resource."""
    for path, operations in result.get("paths", {}).items():
        match = _RESOURCE.search(path)
        noun = match.group(1) if match else "object"
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] == "id":
                    parameter.setdefault("description", f"The {noun}'s id.")
    return result
