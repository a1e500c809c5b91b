"""What keeps the claim pages fast over a large archive, tried on a small one
with the limits turned down: bounded counts, facet counts fetched after the
page (and cached), and relevance ranking over a window of the newest matches."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import filters
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


# --- The window through a date cutoff (PostgreSQL) -----------------------------

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the cutoff reads the planner's estimates; SQLite ranks the plain window",
)


def _archive(matches) -> list:
    """120 claims, two to a minute (ties at every cutoff), stored out of date
    order; ``matches(n)`` says whether the n-th newest mentions tariffs."""
    article = make_article("Trade day", text="x" * 40)
    start = datetime(2024, 3, 1, 10)
    claims = [
        make_claim(
            f"Tariffs rose by {n} per cent" if matches(n) else f"Prices fell by {n}",
            articles=(article,),
            first_seen=(start - timedelta(minutes=n // 2)).isoformat(),
        )
        for n in (i * 37 % 120 for i in range(120))
    ]
    refresh_search()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")  # the estimates the cutoff reads
    return claims


def _newest_tariffs(claims: list) -> list[int]:
    """The window as the plain newest-first order gives it."""
    found = [c for c in claims if "Tariffs" in c.text]
    found.sort(key=lambda c: (c.first_seen_at, c.pk), reverse=True)
    return [c.pk for c in found[:5]]


def _api_pages(api, params: dict, most: int) -> list[list[int]]:
    """The ids of the first ``most`` pages, following each page's cursor."""
    pages, url = [], "/api/v1/claims/"
    while url and len(pages) < most:
        body = api.get(url, params).json()
        pages.append([r["id"] for r in body["results"]])
        url, params = body["next"], None
    return pages


def _search_both_ways(client, api, monkeypatch) -> tuple[dict, dict, int]:
    """What the claims page and the API show with the cutoff, then without it
    (as before it existed), and how many cutoffs one search tried."""
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("claims:claims"), {"q": "tariffs"})
    cutoffs = sum('"first_seen_at" >=' in q["sql"] for q in queries.captured_queries)
    with_cutoff = _shown(client, api)
    monkeypatch.setattr(filters, "RANK_CUTOFF_MOST", 0)  # never worth it
    return with_cutoff, _shown(client, api), cutoffs


def _shown(client, api) -> dict:
    html = client.get(reverse("claims:claims"), {"q": "tariffs"}).content.decode()
    return {
        "page": [
            int(pk)
            for pk in re.findall(r'class="claim-text" href="/claims/(\d+)/"', html)
        ],
        "window full": "newest matches" in html,
        "api": _api_pages(api, {"q": "tariffs", "page_size": 2}, most=3),
    }


@on_postgres
@pytest.mark.parametrize(
    ("first", "matches", "cutoffs"),
    [
        # Every other claim, ties included: the first cutoff holds the window.
        (None, lambda n: n % 2 == 1, 1),
        # One match among the 20 newest (the newest), then every other claim:
        # with the 10 newest claims first, a second cutoff follows the matches.
        (2, lambda n: n == 0 or (n >= 20 and n % 2 == 0), 2),
        # None among the 60 newest: the cutoff holds too few, the plain window
        # answers.
        (None, lambda n: n >= 60, 1),
    ],
    ids=["one cutoff", "a second cutoff", "too few: the plain window"],
)
def test_the_cutoff_window_is_the_newest_matches(
    client, journalist, settings, monkeypatch, first, matches, cutoffs
):
    settings.SEARCH_RANK_WINDOW = 5
    monkeypatch.setattr(filters, "RANK_CUTOFF_MOST", 1.0)  # worth it at any size
    if first is not None:
        monkeypatch.setattr(filters, "RANK_CUTOFF_FIRST", first)
    claims = _archive(matches)
    with_cutoff, without, tried = _search_both_ways(
        client, client_for(journalist), monkeypatch
    )
    assert tried == cutoffs
    assert with_cutoff["page"] == _newest_tariffs(claims)  # equal ranks: by date
    assert with_cutoff == without  # the same order, pages and "newest matches" note
    assert with_cutoff["window full"]


@on_postgres
def test_a_rare_word_skips_the_cutoff(client, settings):
    settings.SEARCH_RANK_WINDOW = 5
    claims = _archive(lambda n: n in (3, 70, 71))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("claims:claims"), {"q": "tariffs"}).content.decode()
    assert not any('"first_seen_at" >=' in q["sql"] for q in queries.captured_queries)
    shown = re.findall(r'class="claim-text" href="/claims/(\d+)/"', html)
    assert [int(pk) for pk in shown] == _newest_tariffs(claims)


@on_postgres
def test_relevance_pages_follow_on_without_repeating(journalist, settings):
    """Page after page of a relevance search, each claim once, in rank order:
    the cursor holds the rank as the database compares it."""
    settings.SEARCH_RANK_WINDOW = 50
    article = make_article("Trade day", text="x" * 40)
    start = datetime(2024, 3, 1, 10)
    made = [
        make_claim(
            # Some say tariffs twice: two ranks, each shared by several claims.
            ("Tariffs, tariffs" if n % 3 == 0 else "Tariffs") + f" rose by {n}",
            articles=(article,),
            first_seen=(start - timedelta(minutes=n)).isoformat(),
        )
        for n in range(12)
    ]
    refresh_search()
    pages = _api_pages(client_for(journalist), {"q": "tariffs", "page_size": 5}, 4)
    assert len(pages) <= 3, "the pages do not come to an end"
    listed = [pk for page in pages for pk in page]
    assert sorted(listed) == sorted(c.pk for c in made)  # each exactly once
    twice = {c.pk for n, c in enumerate(made) if n % 3 == 0}
    assert set(listed[: len(twice)]) == twice  # the higher rank first
