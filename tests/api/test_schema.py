"""The OpenAPI schema: committed in docs/openapi.json, in sync, and documented."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import ROOT

COMMITTED = ROOT / "docs" / "openapi.json"
OURS = ("claims", "articles", "actors", "sources", "reviews", "annotations",
        "deletions", "feeds", "matches")  # fmt: skip


def generated(tmp_path: Path) -> dict:
    out = tmp_path / "openapi.json"
    call_command(
        "spectacular", "--format", "openapi-json", "--file", str(out),
        stderr=StringIO(),
    )  # fmt: skip
    return json.loads(out.read_text())


def test_the_committed_schema_is_the_generated_one(tmp_path):
    assert json.loads(COMMITTED.read_text()) == generated(tmp_path), (
        "docs/openapi.json is out of date: run `make schema` "
        "(manage.py spectacular --format openapi-json --validate "
        "--file docs/openapi.json) and commit it."
    )


def test_every_field_and_parameter_of_the_core_api_is_described():
    schema = json.loads(COMMITTED.read_text())
    paths = {
        path: ops
        for path, ops in schema["paths"].items()
        # The exports (claimreview, export.*) are documented by their module.
        if path.split("/")[3] in OURS
        and "claimreview" not in path
        and "/export." not in path
    }
    assert len(paths) >= 15
    refs = set()
    for path, ops in paths.items():
        for method, op in ops.items():
            for param in op.get("parameters", []):
                assert param.get("description"), (path, method, param["name"])
            refs |= set(_refs(op))
    seen: set[str] = set()
    while refs - seen:
        name = (refs - seen).pop()
        seen.add(name)
        component = schema["components"]["schemas"][name]
        for prop, spec in component.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{prop} has no description"
        refs |= set(_refs(component))


def _refs(node) -> list[str]:
    if isinstance(node, dict):
        found = []
        if "$ref" in node:
            found.append(node["$ref"].rsplit("/", 1)[1])
        for value in node.values():
            found += _refs(value)
        return found
    if isinstance(node, list):
        return [r for item in node for r in _refs(item)]
    return []


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_docs_pages_use_the_bundled_files(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in page
    assert "cdn.jsdelivr" not in page and "unpkg" not in page


@pytest.mark.django_db
def test_the_schema_is_served_as_json(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "News claim tracker API"


def test_every_operation_documents_the_shared_errors():
    schema = json.loads(COMMITTED.read_text())
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            codes = set(op["responses"])
            assert {"401", "429"} <= codes, (path, method)
            names = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            if names or any(p["name"] == "format" for p in op.get("parameters", [])):
                assert "404" in codes, (path, method)
    notes = schema["paths"]["/api/v1/annotations/"]["get"]["responses"]["200"]
    assert notes["content"]["application/ld+json"]["schema"]["$ref"].endswith(
        "/W3CAnnotationPage"
    )
