"""Every error is JSON of one shape, with the right status; throttling; ETags."""

from __future__ import annotations

import pytest
from django.urls import path
from rest_framework.views import APIView

from tests.api.conftest import client_for, error

pytestmark = pytest.mark.django_db


def test_400_lists_the_fields(jo_api):
    body = error(
        jo_api.post(
            "/api/v1/articles/", {"url": 5, "published_at": "x"}, format="json"
        ),
        400,
        "invalid",
    )
    assert body["fields"]


def test_400_for_malformed_json(jo_api):
    response = jo_api.post(
        "/api/v1/articles/", "{nope", content_type="application/json"
    )
    error(response, 400, "parse_error")


def test_401_without_credentials(anon):
    response = anon.get("/api/v1/claims/")
    error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_403_for_a_read_token_writing(reader_api):
    response = reader_api.post(
        "/api/v1/articles/", {"url": "https://example.org/"}, format="json"
    )
    error(response, 403, "insufficient_scope")


def test_404_inside_and_outside_the_routes(jo_api):
    error(jo_api.get("/api/v1/articles/999999/"), 404, "not_found")
    error(jo_api.get("/api/v1/no-such-thing/"), 404, "not_found")
    # Outside /api/ the usual HTML page.
    response = jo_api.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_405_for_a_method_a_resource_does_not_take(jo_api):
    error(jo_api.put("/api/v1/articles/", {}, format="json"), 405, "method_not_allowed")


def test_413_for_a_body_too_large(jo_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = jo_api.post("/api/v1/articles/", {"text": "word " * 1000}, format="json")
    error(response, 413, "payload_too_large")


def test_415_for_a_body_that_is_not_json(jo_api):
    response = jo_api.post("/api/v1/articles/", {"url": "https://example.org/"})
    error(response, 415, "unsupported_media_type")


def test_429_with_retry_after_per_token(journalist, settings):
    settings.API_THROTTLE_RATES = {"user": "3/minute", "anon": "2/minute"}
    first, second = client_for(journalist), client_for(journalist)
    for _ in range(3):
        assert first.get("/api/v1/claims/").status_code == 200
    response = first.get("/api/v1/claims/")
    body = error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert "seconds" in body["message"]
    # Each token has its own budget.
    assert second.get("/api/v1/claims/").status_code == 200


def test_429_per_anonymous_address(anon, settings):
    settings.API_PUBLIC_READ = True
    settings.API_THROTTLE_RATES = {"user": "100/minute", "anon": "2/minute"}
    for _ in range(2):
        assert anon.get("/api/v1/claims/", REMOTE_ADDR="10.0.0.1").status_code == 200
    response = anon.get("/api/v1/claims/", REMOTE_ADDR="10.0.0.1")
    error(response, 429, "throttled")
    assert "Retry-After" in response
    assert anon.get("/api/v1/claims/", REMOTE_ADDR="10.0.0.2").status_code == 200


class Boom(APIView):
    def get(self, request):
        raise RuntimeError("secret internals")


urlpatterns = [path("api/v1/boom/", Boom.as_view())]


@pytest.mark.urls("tests.api.test_errors_api")
def test_500_is_json_without_a_traceback(jo_api, caplog):
    response = jo_api.get("/api/v1/boom/")
    body = error(response, 500, "server_error")
    assert "secret" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert body["message"] == "Something went wrong on our side."
    assert "secret internals" in caplog.text  # logged for us, not shown


def test_the_500_handler_answers_json_under_api(rf):
    from claims.api.errors import json_server_error

    response = json_server_error(rf.get("/api/v1/anything/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"


def test_etag_and_if_none_match_give_304(jo_api, newsroom):
    url = f"/api/v1/claims/{newsroom['hack'].pk}/"
    response = jo_api.get(url)
    etag = response["ETag"]
    assert etag
    again = jo_api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    # Lists too; and a change gives a new tag.
    listing = jo_api.get("/api/v1/claims/")
    assert (
        jo_api.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code
        == 304
    )
    hack = newsroom["hack"]
    hack.checkworthiness = 0.95
    hack.save()
    assert jo_api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
