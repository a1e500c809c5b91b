"""What keeps the claim pages fast over a large archive, tried on a small one
with the limits turned down: bounded counts, facet counts fetched after the
page (and cached), and relevance ranking over a window of the newest matches."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from claims.views import access, browse
from tests.api.conftest import client_for
from tests.factories import make_article, make_claim, refresh_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(db) -> list:
    article = make_article("Budget day", text="x" * 40)
    claims = [
        make_claim(
            f"Energy bills rose by {n} per cent",
            articles=(article,),
            first_seen=f"2024-03-0{n}T10:00:00",
        )
        for n in range(1, 6)
    ]
    refresh_search()
    return claims


def _count_line(html: str) -> str:
    line = re.search(r'<p class="result-count".*?</p>', html, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", line)).strip()


def test_a_long_list_is_counted_up_to_the_cap_and_exactly_on_demand(
    client, five, monkeypatch
):
    monkeypatch.setattr(access, "COUNT_CAP", 3)
    html = client.get(reverse("claims:claims")).content.decode()
    assert _count_line(html).startswith("More than 3 claims")
    assert "count=exact" in html
    exact = client.get(reverse("claims:claims"), {"count": "exact"}).content.decode()
    assert _count_line(exact).startswith("5 claims")
    assert "count them all" not in exact


def test_a_short_list_is_counted_exactly(client, five):
    html = client.get(reverse("claims:claims")).content.decode()
    assert _count_line(html).startswith("5 claims")
    assert "count them all" not in html


def test_over_a_large_archive_the_facets_load_after_the_list(client, five, monkeypatch):
    monkeypatch.setattr(browse, "FACETS_INLINE", 2)
    html = client.get(reverse("claims:claims"), {"verdict": "unreviewed"}).content
    html = html.decode()
    # The list is there; the verdict options have no counts yet, and the box
    # asks for them with the same filters.
    assert all(f"Energy bills rose by {n} per cent" in html for n in range(1, 6))
    assert "Unreviewed (5)" not in html
    facets_url = re.search(r'hx-get="(/claims/facets/\?[^"]*)"', html).group(1)
    assert "verdict=unreviewed" in facets_url
    box = client.get(facets_url.replace("&amp;", "&")).content.decode()
    assert "Unreviewed (5)" in box
    assert 'action="/claims/"' in box  # the form still filters the claims page
    assert 'hx-trigger="load"' not in box
    # Now cached: the next visit has its counts at once.
    again = client.get(reverse("claims:claims"), {"verdict": "unreviewed"})
    assert "Unreviewed (5)" in again.content.decode()


def test_relevance_ranks_only_the_newest_matches(client, five, settings):
    settings.SEARCH_RANK_WINDOW = 2
    html = client.get(reverse("claims:claims"), {"q": "energy bills"}).content
    html = re.sub(r"</?mark>", "", html.decode())  # the matched words are marked
    assert "Energy bills rose by 5" in html and "Energy bills rose by 4" in html
    assert "Energy bills rose by 1 " not in html
    assert "newest matches" in html
    # Sorted by date, every match is there and the note is not.
    by_date = client.get(reverse("claims:claims"), {"q": "energy bills",
                                                   "sort": "newest"})  # fmt: skip
    assert _count_line(by_date.content.decode()).startswith("5 claims")
    assert "newest matches" not in by_date.content.decode()


def test_the_api_ranks_the_same_window(five, journalist, settings):
    settings.SEARCH_RANK_WINDOW = 2
    api = client_for(journalist)
    ranked = api.get("/api/v1/claims/", {"q": "energy bills"}).json()["results"]
    assert {r["id"] for r in ranked} == {five[4].pk, five[3].pk}
    newest = api.get("/api/v1/claims/", {"q": "energy bills", "sort": "newest"})
    assert len(newest.json()["results"]) == 5
