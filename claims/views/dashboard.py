"""The home page: a newsroom dashboard with server-rendered charts."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from claims.charts import bar_chart, column_chart
from claims.models import Actor, Article, Claim, Review, Verdict
from claims.views.access import readable
from claims.views.browse import claims_with_speakers

DAYS = 30
FIGURES_KEY = "dashboard-figures"


def _claims_per_day(today) -> list[tuple[str, int]]:
    since = today - timedelta(days=DAYS - 1)
    counts = dict(
        Claim.objects.filter(created_at__date__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    days = [since + timedelta(days=i) for i in range(DAYS)]
    return [(day.strftime("%-d %b"), counts.get(day, 0)) for day in days]


def _verdicts() -> list[tuple[str, int, str]]:
    counts = dict(Claim.objects.values_list("verdict").annotate(n=Count("id")))
    return [(v.label, counts.get(v.value, 0), f"verdict-{v.value}") for v in Verdict]


def _figures(week_ago) -> dict:
    """The charts and totals: aggregates over every claim, so made at most
    once per ``FACET_CACHE_SECONDS`` (a second or more over a million claims)."""
    figures = cache.get(FIGURES_KEY)
    if figures is not None:
        return figures
    quoted = (
        Actor.objects.live()
        .filter(claims__appearances__article__created_at__gte=week_ago)
        .annotate(quotes=Count("claims__appearances", distinct=True))
        .order_by("-quotes", "name")[:8]
    )
    figures = {
        "most_quoted": list(quoted),
        "per_day": column_chart(_claims_per_day(timezone.localdate())),
        "verdicts": bar_chart(_verdicts()),
        "counts": {
            "articles": Article.objects.count(),
            "claims": Claim.objects.count(),
            "actors": Actor.objects.live().count(),
            "queue": Claim.objects.review_queue().count(),
        },
    }
    cache.set(FIGURES_KEY, figures, settings.FACET_CACHE_SECONDS)
    return figures


@readable
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    week_ago = now - timedelta(days=7)
    mine = []
    if request.user.is_authenticated:
        mine = list(
            Article.objects.filter(submitted_by=request.user).select_related("source")[
                :8
            ]
        )
    context = {
        "my_articles": mine,
        "my_articles_working": any(a.is_working for a in mine),
        "recent_articles": Article.objects.select_related("source")[:8],
        "recent_claims": claims_with_speakers(Claim.objects.newest_first())[:8],
        "recently_verified": Review.objects.filter(verdict=Verdict.VERIFIED)
        .select_related("claim", "claim__claimant", "reviewer")
        .order_by("-created_at")[:6],
        **_figures(week_ago),
    }
    if request.headers.get("HX-Request") and request.GET.get("part") == "mine":
        return render(request, "claims/_my_articles.html", context)
    return render(request, "claims/home.html", context)
