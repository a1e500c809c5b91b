"""Browsing claims, actors and outlets; the accuracy page."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from claims.models import Actor, Appearance, Article, Claim, Source
from claims.quality import read_report
from claims.views.access import paginate, readable


def claims_with_speakers(queryset):
    return queryset.select_related("claimant").annotate(
        appearance_count=Count("appearances", distinct=True)
    )


@readable
def claim_list(request: HttpRequest) -> HttpResponse:
    claims = claims_with_speakers(Claim.objects.newest_first())
    return render(
        request, "claims/claim_list.html", {"page": paginate(request, claims)}
    )


@readable
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("claimant"), pk=pk)
    appearances = claim.appearances.select_related(
        "article", "article__source"
    ).order_by("article__published_at", "article__created_at")
    reviews = claim.reviews.select_related("reviewer")
    return render(
        request,
        "claims/claim_detail.html",
        {"claim": claim, "appearances": appearances, "reviews": reviews},
    )


@readable
def actor_list(request: HttpRequest) -> HttpResponse:
    actors = (
        Actor.objects.live()
        .with_claim_counts()
        .annotate(article_count=Count("mentions", distinct=True))
    )
    kind = request.GET.get("kind")
    if kind in Actor.Kind.values:
        actors = actors.filter(kind=kind)
    actors = actors.order_by("-claim_count", "-article_count", "name")
    return render(
        request,
        "claims/actor_list.html",
        {"page": paginate(request, actors), "kind": kind, "kinds": Actor.Kind},
    )


@readable
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor, pk=pk)
    if actor.merged_into_id:
        return redirect(actor.merged_into)
    claims = claims_with_speakers(actor.claims.newest_first()).prefetch_related(
        Prefetch(
            "appearances",
            queryset=Appearance.objects.select_related("article", "article__source"),
        )
    )
    articles = Article.objects.filter(mentions__actor=actor).select_related("source")[
        :20
    ]
    return render(
        request,
        "claims/actor_detail.html",
        {
            "actor": actor,
            "page": paginate(request, claims),
            "articles": articles,
            "aliases": actor.alias_names,
        },
    )


@readable
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    articles = source.articles.annotate(
        claim_count=Count("appearances", distinct=True)
    ).order_by("-published_at", "-created_at")
    return render(
        request,
        "claims/source_detail.html",
        {"source": source, "page": paginate(request, articles)},
    )


@readable
def accuracy(request: HttpRequest) -> HttpResponse:
    """How far to trust the extraction: the latest measured figures, explained."""
    return render(request, "claims/accuracy.html", {"report": read_report()})
