"""Editors' pages for claim matching: the match queue (pairs that may be one
claim), and splitting or merging claims from a claim's page.

The work is done by ``claims.services.matching``; these views parse, call and
render. A pair decided by someone else, a claim changed since the page was
loaded, or a request the service refuses is said to the editor, never a 500.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from claims.models import (
    Appearance,
    Claim,
    ClaimConflict,
    ClaimMatch,
    Deletion,
    related_count,
)
from claims.services import matching
from claims.services.matching import MatchDecided, word_diff
from claims.views.access import paginate
from claims.views.browse import render_claim_page
from claims.views.review import _back, rebind_to_current

# "12", "#12", or the address of a claim's page or API resource.
_CLAIM_NUMBER = re.compile(r"#?\s*(\d{1,18})")
_CLAIM_PATH = re.compile(r"(?:^|/)claims/(\d{1,18})/?$")
# Method -> (words, the setting above which such a pair is joined unasked).
MATCH_WORDS = {
    ClaimMatch.Method.LEXICAL: (
        "Nearly the same words: {percent}% alike letter for letter",
        "MATCH_LINK_LEXICAL",
    ),
    ClaimMatch.Method.SEMANTIC: (
        "Same meaning in other words: {percent}% alike in meaning",
        "MATCH_LINK_SEMANTIC",
    ),
}


# --- Plain words ---------------------------------------------------------------


def describe_match(method: str, score: float | None, *, pair: bool = False) -> str:
    """How a pair (``pair``) or a linked appearance was found, in words an
    editor reads; for a pair, also why it was not joined without asking."""
    if method == ClaimMatch.Method.EXACT:
        return "Same words (case, spacing and punctuation aside)"
    if method == ClaimMatch.Method.EDITOR:
        return "Joined by an editor"
    if score is None or method not in MATCH_WORDS:
        return dict(ClaimMatch.Method.choices).get(method, method)
    words, link_setting = MATCH_WORDS[method]
    described = words.format(percent=round(score * 100))
    if not pair:
        return described
    link = getattr(settings, link_setting)
    if score >= link:
        # decide() proposes a pair above the link score when the facts differ.
        return f"{described}, but a number or a negation differs"
    return f"{described} (below the {round(link * 100)}% that joins without asking)"


def _who_decided(match: ClaimMatch) -> str:
    who = match.decided_by.get_username() if match.decided_by else "an editor"
    if match.decided_at is None:
        return who
    when = timezone.localtime(match.decided_at).strftime("%H:%M on %d %b %Y")
    return f"{who} at {when}"


# --- First appearances ---------------------------------------------------------


def first_appearances(claim_ids: set[int]) -> dict[int, tuple[Appearance | None, int]]:
    """Each claim's earliest appearance (with its outlet) and how many it has:
    two queries for a page of claims, however often each appears."""
    if not claim_ids:
        return {}
    earliest = (
        Appearance.objects.filter(claim=OuterRef("pk"))
        .order_by("article__published_at", "article__created_at", "pk")
        .values("pk")[:1]
    )
    rows = list(
        Claim.objects.filter(pk__in=claim_ids)
        .annotate(
            first_id=Subquery(earliest),
            times=related_count(Appearance.objects, "claim"),
        )
        .values_list("pk", "first_id", "times")
    )
    appearances = {
        a.pk: a
        for a in Appearance.objects.filter(pk__in=[r[1] for r in rows if r[1]])
        .select_related("article__source", "speaker")
        .defer("article__text", "article__raw_html")
    }
    return {pk: (appearances.get(first_id), times) for pk, first_id, times in rows}


def _side(claim: Claim | None, firsts: dict) -> dict:
    first, times = firsts.get(claim.pk, (None, 0)) if claim else (None, 0)
    return {"claim": claim, "first": first, "times": times}


def annotate_pairs(pairs: list[ClaimMatch]) -> list[ClaimMatch]:
    """What the queue shows of each pair: both sides, the changed words, the
    method in words."""
    ids = {m.claim_id for m in pairs if m.claim_id} | {m.target_id for m in pairs}
    firsts = first_appearances(ids)
    for pair in pairs:
        words = pair.claim.text if pair.claim else pair.claim_text
        pair.new_side = _side(pair.claim, firsts)
        pair.stored_side = _side(pair.target, firsts)
        pair.new_words = words
        pair.changes = word_diff(pair.target.text, words)
        if pair.method == ClaimMatch.Method.EDITOR:
            accepted = pair.status == ClaimMatch.Status.ACCEPTED
            pair.how = "Merged by an editor" if accepted else "Split apart by an editor"
        else:
            pair.how = describe_match(pair.method, pair.score, pair=True)
        pair.who = _who_decided(pair) if pair.decided_at else ""
    return pairs


# --- The match queue -----------------------------------------------------------


@login_required
@permission_required("claims.view_claimmatch", raise_exception=True)
def match_queue(request: HttpRequest) -> HttpResponse:
    """Pairs of claims that may be one claim, for editors to accept or reject;
    ``?show=decided`` lists the decisions, newest first."""
    decided = request.GET.get("show") == "decided"
    by_score = request.GET.get("sort") == "score"
    pairs = ClaimMatch.objects.select_related(
        "claim__claimant", "target__claimant", "decided_by"
    ).defer(
        "claim__search_text",
        "claim__search_vector",
        "target__search_text",
        "target__search_vector",
    )
    pending = pairs.filter(status=ClaimMatch.Status.PROPOSED, claim__isnull=False)
    if decided:
        pairs = pairs.exclude(status=ClaimMatch.Status.PROPOSED).order_by(
            "-decided_at", "-id"
        )
    elif by_score:
        pairs = pending.order_by("-score", "-created_at", "-id")
    else:
        pairs = pending.order_by("-created_at", "-id")
    page = paginate(request, pairs)
    annotate_pairs(page.object_list)
    return render(
        request,
        "claims/match_queue.html",
        {
            "page": page,
            "decided": decided,
            "by_score": by_score,
            "pending_count": pending.count(),
            "propose_lexical": round(settings.MATCH_PROPOSE_LEXICAL * 100),
            "link_lexical": round(settings.MATCH_LINK_LEXICAL * 100),
            "propose_semantic": round(settings.MATCH_PROPOSE_SEMANTIC * 100),
            "link_semantic": round(settings.MATCH_LINK_SEMANTIC * 100),
        },
    )


def _already_decided(request: HttpRequest, pk: int) -> None:
    match = ClaimMatch.objects.select_related("decided_by").filter(pk=pk).first()
    if match is None:
        messages.info(request, "This pair no longer exists; nothing to decide.")
    elif match.status == ClaimMatch.Status.PROPOSED:
        messages.info(
            request,
            "The newer claim of this pair no longer exists (merged or removed); "
            "nothing to decide.",
        )
    else:
        messages.warning(
            request,
            f"This pair was already {match.get_status_display().lower()} by "
            f"{_who_decided(match)}; nothing changed.",
        )


@require_POST
@login_required
@permission_required("claims.change_claimmatch", raise_exception=True)
def match_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """The two are one claim: the newer is merged into the stored one."""
    match = get_object_or_404(ClaimMatch, pk=pk)
    newer = match.claim_id
    try:
        survivor = matching.match_accept(match, request.user)
    except (MatchDecided, ClaimMatch.DoesNotExist):
        _already_decided(request, pk)
    else:
        messages.success(
            request,
            f"Accepted: claim #{newer} is now part of claim #{survivor.pk}, with "
            f"its appearances, reviews and notes; its verdict is "
            f"{survivor.get_verdict_display()}.",
        )
    return redirect(_back(request, reverse("claims:matches")))


@require_POST
@login_required
@permission_required("claims.change_claimmatch", raise_exception=True)
def match_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """The two are different claims; the pair is not proposed again."""
    match = get_object_or_404(ClaimMatch, pk=pk)
    try:
        matching.match_reject(match, request.user)
    except (MatchDecided, ClaimMatch.DoesNotExist):
        _already_decided(request, pk)
    else:
        messages.success(
            request,
            f"Rejected: claims #{match.claim_id} and #{match.target_id} stay "
            "apart, and the pair will not be proposed again.",
        )
    return redirect(_back(request, reverse("claims:matches")))


# --- Split and merge, from the claim's page ----------------------------------


class ClaimSplitForm(forms.Form):
    """The ticked appearances (``appearance``, repeated) and the claim's version."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def clean(self) -> dict:
        data = super().clean()
        raw = self.data.getlist("appearance") if hasattr(self.data, "getlist") else []
        try:
            ids = sorted({int(value) for value in raw})
        except (TypeError, ValueError):
            ids = []
        if not ids:
            raise forms.ValidationError(
                "Tick the appearances to split off, then press the button."
            )
        data["appearances"] = ids
        return data


def claim_number(value: str) -> int | None:
    """The id in "12", "#12", or a claim's address (page or API)."""
    value = value.strip()
    found = _CLAIM_NUMBER.fullmatch(value)
    if found:
        return int(found.group(1))
    try:
        path = urlsplit(value).path
    except ValueError:
        return None
    found = _CLAIM_PATH.search(path)
    return int(found.group(1)) if found else None


class ClaimMergeForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    into = forms.CharField(
        label="Merge this claim into claim",
        max_length=500,
        help_text="The other claim's number (#123) or the address of its page.",
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, claim: Claim, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.claim = claim

    def clean_into(self) -> Claim:
        pk = claim_number(self.cleaned_data["into"])
        if pk is None:
            raise forms.ValidationError(
                "Give the other claim's number (like #123) or the address of its page."
            )
        if pk == self.claim.pk:
            raise forms.ValidationError("That is this claim; give the other one.")
        other = Claim.objects.select_related("claimant").filter(pk=pk).first()
        if other is not None:
            return other
        gone = Deletion.objects.filter(model="claim", object_id=pk).last()
        if gone is not None and gone.replaced_by:
            raise forms.ValidationError(
                f"Claim #{pk} was merged into claim #{gone.replaced_by}; give that one."
            )
        raise forms.ValidationError(f"There is no claim #{pk}.")


@require_POST
@login_required
@permission_required("claims.change_claim", raise_exception=True)
def claim_split(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the ticked appearances into a claim of their own."""
    claim = get_object_or_404(Claim, pk=pk)
    form = ClaimSplitForm(request.POST)
    if not form.is_valid():
        return render_claim_page(request, claim, split_form=form)
    data = form.cleaned_data
    try:
        twin = matching.claim_split(
            claim, data["appearances"], request.user, version=data["version"]
        )
    except ClaimConflict as conflict:
        return render_claim_page(
            request,
            conflict.claim,
            split_form=rebind_to_current(ClaimSplitForm, request, conflict.claim),
            conflict=True,
            status=409,
        )
    except ValueError as exc:
        form.add_error(None, str(exc))
        return render_claim_page(request, claim, split_form=form)
    moved = len(data["appearances"])
    messages.success(
        request,
        f"Split off: {moved} appearance{'s' if moved != 1 else ''} of claim "
        f"#{claim.pk} now make this claim. The two are remembered as different, "
        "so matching will not join them again.",
    )
    return redirect(twin)


@require_POST
@login_required
@permission_required("claims.change_claim", raise_exception=True)
def claim_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge this claim into another: asks to confirm with both side by side."""
    claim = get_object_or_404(Claim.objects.select_related("claimant"), pk=pk)
    form = ClaimMergeForm(request.POST, claim=claim)
    if not form.is_valid():
        return render_claim_page(request, claim, merge_form=form)
    data = form.cleaned_data
    into = data["into"]
    if not data["confirm"]:
        if data["version"] != claim.version:
            return render_claim_page(
                request,
                claim,
                merge_form=rebind_to_current(
                    ClaimMergeForm, request, claim, claim=claim
                ),
                conflict=True,
                status=409,
            )
        firsts = first_appearances({claim.pk, into.pk})
        return render(
            request,
            "claims/claim_merge.html",
            {
                "claim": claim,
                "into": into,
                "version": claim.version,
                "duplicate_side": _side(claim, firsts),
                "survivor_side": _side(into, firsts),
                "changes": word_diff(into.text, claim.text),
            },
        )
    try:
        survivor = matching.claim_merge(
            claim=claim, into=into, editor=request.user, version=data["version"]
        )
    except ClaimConflict as conflict:
        return render_claim_page(
            request,
            conflict.claim,
            merge_form=rebind_to_current(
                ClaimMergeForm, request, conflict.claim, claim=claim
            ),
            conflict=True,
            status=409,
        )
    except ValueError as exc:
        form.add_error(None, str(exc))
        return render_claim_page(request, claim, merge_form=form)
    messages.success(
        request,
        f"Merged: claim #{claim.pk} is now part of this claim, with its "
        f"appearances, reviews and notes; the verdict is "
        f"{survivor.get_verdict_display()}.",
    )
    return redirect(survivor)
