"""The home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims.forms import SubmitURLForm
from claims.models import Actor, Article, Claim
from claims.views.access import readable
from claims.views.browse import claims_with_speakers


@readable
def home(request: HttpRequest) -> HttpResponse:
    recent_articles = Article.objects.select_related("source")[:10]
    mine = []
    if request.user.is_authenticated:
        mine = Article.objects.filter(submitted_by=request.user).select_related(
            "source"
        )[:10]
    context = {
        "recent_articles": recent_articles,
        "my_articles": mine,
        "recent_claims": claims_with_speakers(Claim.objects.newest_first())[:10],
        "counts": {
            "articles": Article.objects.count(),
            "claims": Claim.objects.count(),
            "actors": Actor.objects.live().count(),
            "queue": Claim.objects.awaiting_review().count(),
        },
        "url_form": SubmitURLForm(),
    }
    return render(request, "claims/home.html", context)
