"""Editors' pages: the review queue, taking a claim, and giving it a verdict."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from claims.filters import ClaimFilterSet
from claims.forms import ClaimCorrectForm, ReviewForm
from claims.ingest.confidence import describe as describe_basis
from claims.models import Appearance, Claim, ClaimConflict, Verdict, attributed
from claims.services import reviews
from claims.templatetags.editor_tools import speaker_label
from claims.views.access import paginate
from claims.views.browse import cached_facets, claims_with_speakers


def _say_why_unsure(claims, threshold: float) -> None:
    """Give each flagged claim on the page ``unsure_basis``: how its least
    certain attribution was found, in an editor's words (one query a page)."""
    flagged = [
        claim
        for claim in claims
        if claim.attribution_confidence is not None
        and claim.attribution_confidence < threshold
    ]
    if not flagged:
        return
    weakest: dict[int, str] = {}
    rows = (
        Appearance.objects.filter(
            attributed(), claim__in=flagged, confidence__lt=threshold
        )
        .order_by("claim_id", "confidence", "pk")
        .values_list("claim_id", "found_by")
    )
    for claim_id, found_by in rows:
        weakest.setdefault(claim_id, found_by)
    for claim in flagged:
        claim.unsure_basis = describe_basis(weakest.get(claim.pk, ""))


@login_required
@permission_required("claims.add_review", raise_exception=True)
def review_queue(request: HttpRequest) -> HttpResponse:
    """Claims still to judge, most check-worthy first; unsure attributions flagged.

    The queue holds unreviewed claims and those in review by anyone, marked
    with who has them, so editors see the whole backlog and what is taken.
    """
    threshold = settings.LOW_CONFIDENCE
    queue = Claim.objects.review_queue().with_attribution_confidence()
    only_low = request.GET.get("flag") == "low"
    if only_low:
        queue = queue.filter(attribution_confidence__lt=threshold)
    data = request.GET.copy()
    if not data.get("sort") and not data.get("q"):
        # The queue's own order, unless the editor picks another.
        data["sort"] = "checkworthy"
    claim_filter = ClaimFilterSet(data, queryset=queue)
    claims = claims_with_speakers(claim_filter.qs).select_related("assigned_to")
    page = paginate(request, claims)
    _say_why_unsure(page, threshold)
    context = {
        "page": page,
        "filter": claim_filter,
        "facets": cached_facets(
            request, claim_filter, f"queue{only_low}", compute=True
        ),
        "results_target": "#queue-results",
        "threshold": threshold,
    }
    if request.headers.get("HX-Request"):
        # The list, and the filters out of band so their counts follow.
        context["oob"] = True
        return render(request, "claims/_review_results.html", context)
    return render(
        request,
        "claims/review_queue.html",
        {
            **context,
            "only_low": only_low,
            "low_count": Claim.objects.review_queue().low_confidence(threshold).count(),
            "in_review_count": Claim.objects.filter(verdict=Verdict.IN_REVIEW).count(),
            "mine": Claim.objects.filter(
                verdict=Verdict.IN_REVIEW, assigned_to=request.user
            ).order_by("assigned_at"),
        },
    )


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _holder(claim: Claim) -> str:
    if claim.assigned_to is None:
        return "another editor"
    return claim.assigned_to.get_username()


@require_POST
@login_required
@permission_required("claims.add_review", raise_exception=True)
def claim_take(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    if reviews.claim_take(claim=claim, user=request.user):
        messages.success(
            request, "You are reviewing this claim; the queue shows it as yours."
        )
        return redirect(claim)
    if claim.verdict == Verdict.IN_REVIEW and claim.assigned_to == request.user:
        messages.info(request, "You are already reviewing this claim.")
        return redirect(claim)
    if claim.verdict == Verdict.IN_REVIEW:
        since = timezone.localtime(claim.assigned_at).strftime("%H:%M on %d %b")
        messages.warning(
            request,
            f"{_holder(claim)} took this claim first (at {since}); "
            "it is in review by them. Pick another one.",
        )
        return redirect(_back(request, reverse("claims:review-queue")))
    messages.info(
        request,
        f"This claim is already judged ({claim.get_verdict_display()}); "
        "add a review on its page instead.",
    )
    return redirect(claim)


@require_POST
@login_required
@permission_required("claims.add_review", raise_exception=True)
def claim_release(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("assigned_to"), pk=pk)
    holder = _holder(claim)
    if reviews.claim_release(claim=claim):
        whose = "" if holder == request.user.get_username() else f" from {holder}"
        messages.success(request, f"Released{whose}: the claim is back in the queue.")
    else:
        messages.info(request, "This claim was not in review.")
    return redirect(_back(request, claim.get_absolute_url()))


def render_claim_form_page(
    request: HttpRequest,
    claim: Claim,
    *,
    review_form: ReviewForm | None = None,
    correct_form: ClaimCorrectForm | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The claim's editing page: the forms as submitted, and its current state."""
    claim = Claim.objects.select_related("claimant", "assigned_to").get(pk=claim.pk)
    if review_form is None and request.user.has_perm("claims.add_review"):
        review_form = ReviewForm(initial={"version": claim.version})
    if correct_form is None and request.user.has_perm("claims.change_claim"):
        correct_form = ClaimCorrectForm(
            initial={
                "version": claim.version,
                "text": claim.text,
                "speaker": speaker_label(claim.claimant),
            }
        )
    return render(
        request,
        "claims/claim_edit.html",
        {
            "claim": claim,
            "review_form": review_form,
            "correct_form": correct_form,
            "conflict": conflict,
            "latest_review": claim.reviews.select_related("reviewer").first(),
            "latest_edit": claim.edits.select_related("editor", "new_claimant").first(),
        },
        status=status,
    )


def rebind_to_current(form_class, request: HttpRequest, current: Claim, /, **kwargs):
    """The editor's input again, now carrying the claim's current version (and
    asking again for any confirmation it had given)."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    data.pop("confirm", None)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


@login_required
@permission_required("claims.add_review", raise_exception=True)
def claim_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a verdict and/or check the attribution; GET shows the form alone."""
    claim = get_object_or_404(Claim, pk=pk)
    if request.method != "POST":
        return render_claim_form_page(request, claim)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render_claim_form_page(request, claim, review_form=form)
    data = form.cleaned_data
    try:
        review = reviews.review_record(
            claim=claim,
            reviewer=request.user,
            version=data["version"],
            verdict=data["verdict"],
            rationale=data["rationale"].strip(),
            evidence=data["evidence"],
            attribution=data["attribution"],
            attribution_note=data["attribution_note"].strip(),
        )
    except ClaimConflict as conflict:
        return render_claim_form_page(
            request,
            conflict.claim,
            review_form=rebind_to_current(ReviewForm, request, conflict.claim),
            conflict=True,
            status=409,
        )
    parts = []
    if data["verdict"]:
        parts.append(f"verdict {review.get_verdict_display()}")
    if data["attribution"]:
        parts.append(f"attribution {review.get_attribution_display().lower()}")
    messages.success(request, f"Review saved: {' and '.join(parts)}.")
    return redirect(claim)
