"""Editors' judgements: taking a claim from the queue, verdicts, attribution checks."""

from __future__ import annotations

from django.db import transaction

from claims.models import Claim, ClaimConflict, Review
from claims.services.webhooks import webhooks_claim_reviewed

__all__ = ["ClaimConflict", "claim_release", "claim_take", "review_record"]


@transaction.atomic
def claim_take(*, claim: Claim, user) -> bool:
    """Assign ``claim`` to ``user`` (verdict "in review"); False if someone has it.

    On False, ``claim`` holds its current state, so the caller can tell who.
    """
    return claim.take(user)


@transaction.atomic
def claim_release(*, claim: Claim) -> bool:
    """Put a claim someone was reviewing back in the queue, untouched."""
    return claim.release()


@transaction.atomic
def review_record(
    *,
    claim: Claim,
    reviewer,
    version: int,
    verdict: str = "",
    rationale: str = "",
    evidence: list[dict] | None = None,
    attribution: str = "",
    attribution_note: str = "",
) -> Review:
    """Add one review to ``claim`` if it is still at ``version``.

    Raises ``ClaimConflict`` (carrying the claim's current state) when another
    editor changed the claim in the meantime; nothing is written then.
    """
    if not verdict and not attribution:
        raise ValueError("A review needs a verdict, an attribution finding or both.")
    review = claim.record_verdict(
        reviewer=reviewer,
        verdict=verdict,
        rationale=rationale,
        evidence=evidence,
        attribution=attribution,
        attribution_note=attribution_note,
        version=version,
    )
    webhooks_claim_reviewed(review)
    return review
