"""Editors' judgements: taking a claim from the queue, verdicts, attribution checks."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction

from claims.models import (
    ATTRIBUTION_FINDINGS,
    AttributionStatus,
    Claim,
    ClaimConflict,
    Review,
)
from claims.services.webhooks import webhooks_claim_reviewed

__all__ = [
    "CheckedBand",
    "ClaimConflict",
    "attribution_checks",
    "claim_release",
    "claim_take",
    "review_record",
]


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


@dataclass(frozen=True)
class CheckedBand:
    """The attributions editors have checked in one band of extraction
    confidence, and what they found (AttributionStatus counts)."""

    label: str
    checked: int
    confirmed: int
    disputed: int
    misattributed: int


def attribution_checks(low_confidence: float) -> list[CheckedBand]:
    """How the attributions editors checked fared, by the extraction confidence
    the tracker gave them (a claim's lowest, as the review queue shows it):
    whether the confidences hold on this newsroom's own articles. The bands
    are those flagged unsure (below ``low_confidence``), then up to 0.8, 0.9
    and 1; then claims with no attribution found; the last row is the total.
    Empty when no editor has checked an attribution yet."""
    edges = [low_confidence, *(e for e in (0.8, 0.9) if e > low_confidence)]
    bounds = list(zip([0.0, *edges], [*edges, 1.0 + 1e-9], strict=True))
    found: dict[int | None, Counter] = defaultdict(Counter)
    rows = (
        # "In" the checked statuses, not "not unchecked": the status index
        # finds the few checked claims among a million.
        Claim.objects.filter(attribution_status__in=ATTRIBUTION_FINDINGS)
        .with_attribution_confidence()
        .values_list("attribution_status", "attribution_confidence")
    )
    for status, confidence in rows.iterator():
        band = None
        if confidence is not None:
            band = next(
                (i for i, (low, high) in enumerate(bounds) if low <= confidence < high),
                len(bounds) - 1,
            )
        found[band][status] += 1
    if not found:
        return []
    labels = [_band_label(low, high, low_confidence) for low, high in bounds]
    keys = [*enumerate(labels), (None, "no attribution found")]
    bands = [_band(label, found[key]) for key, label in keys if key in found]
    total = sum(found.values(), Counter())
    return [*bands, _band("all checked", total)]


def _band_label(low: float, high: float, low_confidence: float) -> str:
    if high == low_confidence:
        return f"below {high:.2f} (flagged unsure)"
    if high > 1:
        return f"{low:.2f} and above"
    return f"{low:.2f} to {high:.2f}"


def _band(label: str, counts: Counter) -> CheckedBand:
    return CheckedBand(
        label=label,
        checked=sum(counts.values()),
        confirmed=counts[AttributionStatus.CONFIRMED],
        disputed=counts[AttributionStatus.DISPUTED],
        misattributed=counts[AttributionStatus.MISATTRIBUTED],
    )
