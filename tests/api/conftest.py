"""API clients for the personas: a token per role and scope, and a shared dataset."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.models import ApiToken, Source, SourceDomain
from claims.services.tokens import api_token_create
from tests.factories import make_actor, make_article, make_claim, refresh_search


def client_for(user=None, scope: str = ApiToken.Scope.WRITE) -> APIClient:
    """An API client sending a new token of ``user`` (anonymous without one)."""
    client = APIClient()
    if user is not None:
        _, key = api_token_create(user=user, name="test", scope=scope)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def jo_api(journalist) -> APIClient:
    return client_for(journalist)


@pytest.fixture
def ed_api(editor) -> APIClient:
    return client_for(editor)


@pytest.fixture
def reader_api(outsider) -> APIClient:
    """Logged in through a read token, with no newsroom role."""
    return client_for(outsider, ApiToken.Scope.READ)


@pytest.fixture
def newsroom(db) -> dict:
    """Two outlets, three actors, three articles and four claims."""
    bbc = Source.objects.create(name="BBC", kind="news")
    SourceDomain.objects.create(source=bbc, domain="bbc.co.uk")
    gov = Source.objects.create(name="GOV.UK", kind="government")
    dowden = make_actor("Oliver Dowden", "Mr Dowden")
    ncsc = make_actor("NCSC", kind="government")
    chen = make_actor("Wang Wenbin")
    a1 = make_article(
        "China accused of hacking",
        source=bbc,
        url="https://www.bbc.co.uk/news/uk-1",
        published="2024-03-25T10:00:00",
        text="Hackers targeted the Electoral Commission, Mr Dowden said. "
        "China denies it, the spokesman said.",
    )
    a2 = make_article(
        "Sanctions announced",
        source=gov,
        url="https://www.gov.uk/news/sanctions",
        published="2024-03-26T09:00:00",
        text="Hackers targeted the Electoral Commission. Sanctions follow.",
    )
    a3 = make_article("A later piece", source=bbc, published="2024-04-02T09:00:00")
    hack = make_claim(
        "Hackers targeted the Electoral Commission",
        claimant=dowden,
        articles=(a1, a2),
        checkworthiness=0.9,
        first_seen="2024-03-25T10:00:00",
        cue="said",
    )
    deny = make_claim(
        "China denies it",
        claimant=chen,
        articles=(a1,),
        direct=False,
        verdict="false",
        attribution="confirmed",
        checkworthiness=0.6,
        first_seen="2024-03-25T10:00:01",
    )
    sanctions = make_claim(
        "Sanctions follow",
        claimant=ncsc,
        articles=(a2,),
        checkworthiness=0.3,
        first_seen="2024-03-26T09:00:00",
    )
    later = make_claim(
        "A later claim", articles=(a3,), checkworthiness=0.1,
        first_seen="2024-04-02T09:00:00",
    )  # fmt: skip
    refresh_search()
    return {
        "bbc": bbc,
        "gov": gov,
        "dowden": dowden,
        "ncsc": ncsc,
        "chen": chen,
        "a1": a1,
        "a2": a2,
        "a3": a3,
        "hack": hack,
        "deny": deny,
        "sanctions": sanctions,
        "later": later,
    }


def results(response) -> list:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response) -> list[int]:
    return [row["id"] for row in results(response)]


def error(response, status: int, code: str) -> dict:
    """The error body, after checking the status and the stable shape."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) >= {"error"}
    assert set(body["error"]) >= {"code", "message", "fields"}
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body["error"]
