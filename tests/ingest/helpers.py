"""What the attribution tests ask of the analysis of a hand-written sentence."""

from __future__ import annotations

from claims.ingest.analysis import Analysis, ClaimCandidate, analyse


def attributed(text: str) -> list[ClaimCandidate]:
    """The attributed claims the analysis finds in ``text``."""
    analysis: Analysis = analyse(text)
    return [c for c in analysis.claims if c.is_attribution]


def with_cue(claims: list, cue: str) -> list:
    """The claims (or attributions) among ``claims`` whose cue reads ``cue``."""
    return [c for c in claims if c.cue is not None and c.cue.text == cue]


def only(text: str) -> ClaimCandidate:
    """The one attributed claim in ``text`` (fails if there are more or none)."""
    (claim,) = attributed(text)
    return claim
