"""Actors (and merged ones) and outlets through the API."""

from __future__ import annotations

import pytest

from claims.services.corrections import actor_merge
from tests.api.conftest import error, ids, results
from tests.factories import make_actor

pytestmark = pytest.mark.django_db


def test_actors_list_live_actors_by_name_with_aliases_and_counts(jo_api, newsroom):
    rows = results(jo_api.get("/api/v1/actors/"))
    assert [r["name"] for r in rows] == ["NCSC", "Oliver Dowden", "Wang Wenbin"]
    dowden = rows[1]
    assert dowden["aliases"] == ["Mr Dowden"]
    assert dowden["claim_count"] == 1
    assert dowden["kind"] == "person"
    assert dowden["claims_url"].endswith(f"/api/v1/actors/{dowden['id']}/claims/")
    assert ids(jo_api.get("/api/v1/actors/?kind=government")) == [newsroom["ncsc"].pk]
    assert ids(jo_api.get("/api/v1/actors/?q=dowden")) == [newsroom["dowden"].pk]


def test_an_actors_claims_take_the_claim_filters(jo_api, newsroom):
    dowden = newsroom["dowden"]
    assert ids(jo_api.get(f"/api/v1/actors/{dowden.pk}/claims/")) == [
        newsroom["hack"].pk
    ]
    assert ids(jo_api.get(f"/api/v1/actors/{dowden.pk}/claims/?verdict=false")) == []
    error(jo_api.get("/api/v1/actors/999999/claims/"), 404, "not_found")


def test_a_merged_actor_answers_301_pointing_at_the_survivor(jo_api, newsroom):
    dup = make_actor("O. Dowden")
    older = make_actor("Olly Dowden")
    actor_merge(actor=older, into=dup)
    survivor = actor_merge(actor=dup, into=newsroom["dowden"])

    for actor in (dup, older):
        response = jo_api.get(f"/api/v1/actors/{actor.pk}/")
        assert response.status_code == 301
        url = f"http://testserver/api/v1/actors/{survivor.pk}/"
        assert response["Location"] == url
        assert response.json() == {"merged_into": survivor.pk, "url": url}

    response = jo_api.get(f"/api/v1/actors/{dup.pk}/claims/")
    assert response.status_code == 301
    assert response["Location"].endswith(f"/api/v1/actors/{survivor.pk}/claims/")
    # Following the pointer gives the survivor, with the merged names as aliases.
    pointer = jo_api.get(f"/api/v1/actors/{dup.pk}/")["Location"]
    body = jo_api.get(pointer).json()
    assert body["id"] == survivor.pk
    assert {"O. Dowden", "Olly Dowden"} <= set(body["aliases"])
    assert dup.pk not in ids(jo_api.get("/api/v1/actors/"))


def test_sources_list_and_detail(jo_api, newsroom):
    rows = results(jo_api.get("/api/v1/sources/"))
    assert [(r["name"], r["article_count"]) for r in rows] == [
        ("BBC", 2),
        ("GOV.UK", 1),
    ]
    assert rows[0]["domains"] == ["bbc.co.uk"]
    bbc = newsroom["bbc"]
    assert ids(jo_api.get("/api/v1/sources/?domain=bbc.co.uk")) == [bbc.pk]
    assert ids(jo_api.get("/api/v1/sources/?kind=government")) == [newsroom["gov"].pk]
    body = jo_api.get(f"/api/v1/sources/{bbc.pk}/").json()
    assert body["name"] == "BBC"
    assert body["web_url"] == f"http://testserver/sources/{bbc.pk}/"


def test_reading_resources_is_not_writing_them(jo_api, newsroom):
    response = jo_api.post("/api/v1/sources/", {"name": "X"}, format="json")
    error(response, 405, "method_not_allowed")
    error(jo_api.delete(f"/api/v1/claims/{newsroom['hack'].pk}/"), 405,
          "method_not_allowed")  # fmt: skip
