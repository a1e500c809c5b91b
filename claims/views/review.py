"""Editors' pages: the review queue."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims.models import Claim
from claims.views.access import paginate
from claims.views.browse import claims_with_speakers


@login_required
@permission_required("claims.add_review", raise_exception=True)
def review_queue(request: HttpRequest) -> HttpResponse:
    """Unreviewed claims, most check-worthy first; unsure attributions flagged."""
    threshold = settings.LOW_CONFIDENCE
    claims = claims_with_speakers(Claim.objects.awaiting_review())
    claims = claims.with_attribution_confidence()
    only_low = request.GET.get("flag") == "low"
    if only_low:
        claims = claims.filter(attribution_confidence__lt=threshold)
    return render(
        request,
        "claims/review_queue.html",
        {
            "page": paginate(request, claims),
            "threshold": threshold,
            "only_low": only_low,
            "low_count": Claim.objects.awaiting_review()
            .low_confidence(threshold)
            .count(),
        },
    )
