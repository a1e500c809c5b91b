"""Finishing touches on the generated OpenAPI document."""

from __future__ import annotations

import re

_RESOURCE = re.compile(r"/api/v1/([a-z]+?)s?/\{id\}")


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
