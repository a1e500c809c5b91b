"""Attribution -> confidence: how often attributions found the same way are right.

Input: an ``Attribution`` as the finder returns it. Output: its *basis*, the
way it was found ("clause/named": a reporting clause whose source names its
speaker; "quote+quoted/pronoun": a quotation whose source is a pronoun we
resolved), and a confidence in 0..1, the share of the attributions found that
way that annotators also mark with the same source.

The shares were measured on the ``train`` split of the evaluation kit's
annotated news (PolNeAR), never on ``dev``, where ``make eval`` reports how
well they hold ("Confidence: calibration error"). An attribution counts as
right when its content and an annotated attribution's share more than half of
the shorter of the two, and their sources overlap, or neither has a source
(``quality.attribution_outcomes``). Each share is pulled towards its
pattern's overall share by ``SMOOTHING`` attributions' worth, so a rare basis
does not get an extreme value from a handful of cases. They are reproduced
by::

    python manage.py calibrate_confidence --kit ../shared/eval

which prints this table. On ``dev`` the calibration error fell from 0.049 with
the earlier hand-set table (five patterns by four kinds of source) to 0.021;
the attributions flagged below 0.6 went from 16 % of all, 39 % of them wrong,
to 5 %, 72 % of them wrong. Only these shares are taken from the annotations:
they are figures about our own patterns, like a tuned threshold, not a model
of the text. Pure: no ORM, settings or network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claims.ingest.attribution import Attribution

# Pseudo-counts pulling a basis's share towards its pattern's (see above).
SMOOTHING = 20

# basis -> share right on PolNeAR train; "<pattern>/*" is the pattern's share,
# used for a basis the training articles did not show.
CONFIDENCE: dict[str, float] = {
    "according/*": 0.9,
    "clause/*": 0.84,
    "colon/*": 0.79,
    "continuation/*": 0.62,
    "headline/*": 0.74,
    "noun/*": 0.57,
    "object/*": 0.71,
    "quote/*": 0.95,
    "raising/*": 0.68,
    "stance/*": 0.73,
    "according/named": 0.91,
    "according/pronoun": 0.91,
    "according/unnamed": 0.91,
    "clause+quoted/named": 0.95,
    "clause+quoted/none": 0.39,
    "clause+quoted/pronoun": 0.9,
    "clause+quoted/unnamed": 0.83,
    "clause/named": 0.91,
    "clause/none": 0.39,
    "clause/pronoun": 0.85,
    "clause/pronoun?": 0.8,
    "clause/unnamed": 0.79,
    "colon/named": 0.85,
    "colon/unnamed": 0.71,
    "continuation": 0.59,
    "headline/named": 0.71,
    "headline/unnamed": 0.73,
    "noun+quoted/named": 0.7,
    "noun+quoted/pronoun": 0.6,
    "noun+quoted/unnamed": 0.59,
    "noun/named": 0.55,
    "noun/pronoun": 0.67,
    "noun/pronoun?": 0.59,
    "noun/unnamed": 0.47,
    "object+quoted/named": 0.91,
    "object+quoted/none": 0.51,
    "object+quoted/pronoun": 0.89,
    "object+quoted/pronoun?": 0.72,
    "object+quoted/unnamed": 0.82,
    "object/named": 0.76,
    "object/none": 0.34,
    "object/pronoun": 0.79,
    "object/pronoun?": 0.7,
    "object/unnamed": 0.65,
    "quote+quoted/named": 0.97,
    "quote+quoted/pronoun": 0.96,
    "quote+quoted/pronoun?": 0.96,
    "quote+quoted/unnamed": 0.83,
    "raising/none": 0.67,
    "stance+quoted/named": 0.69,
    "stance+quoted/pronoun": 0.71,
    "stance+quoted/unnamed": 0.76,
    "stance/named": 0.74,
    "stance/none": 0.54,
    "stance/pronoun": 0.74,
    "stance/unnamed": 0.74,
}  # fmt: skip
# The share right of all attributions, for a pattern not seen at all.
CONFIDENCE_DEFAULT = 0.82
# What an unattributed check-worthy sentence carries: no attribution to trust.
CONFIDENCE_UNATTRIBUTED = 0.5


def basis(found: Attribution) -> str:
    """How ``found`` was found: ``<pattern>[+quoted]/<source>``, or
    "continuation" for a quotation carried on from an earlier paragraph.

    The source is "named" (resolved to an actor), "unnamed" ("officials"),
    "pronoun" (resolved through a pronoun), "pronoun?" (a pronoun we could
    not resolve) or "none"."""
    if found.continuation:
        return "continuation"
    if found.source is None:
        source = "none"
    elif found.via_pronoun:
        source = "pronoun" if found.speaker else "pronoun?"
    else:
        source = "named" if found.speaker else "unnamed"
    quoted = "+quoted" if found.direct else ""
    return f"{found.rule}{quoted}/{source}"


# Each pattern and kind of source in an editor's words (describe).
PATTERN_WORDS = {
    "quote": "a quotation",
    "clause": "a reporting clause",
    "object": "the object of a verb of saying or stance",
    "according": "“according to”",
    "colon": "a statement after a colon",
    "stance": "a stance word (“is confident that”)",
    "raising": "“is expected to”, “seems to”",
    "noun": "a noun of saying (“his claim that”)",
    "headline": "a headline",
    "continuation": "a quotation carried on from an earlier paragraph",
}
SOURCE_WORDS = {
    "named": "the speaker named",
    "unnamed": "the speaker described, not named",
    "pronoun": "the speaker found from a pronoun",
    "pronoun?": "a pronoun we could not resolve",
    "none": "no speaker in the text",
}


def describe(key: str) -> str:
    """A basis in an editor's words: "a reporting clause, the speaker found from
    a pronoun"; empty for an empty or unknown basis."""
    if not key:
        return ""
    pattern, _, source = key.partition("/")
    words = PATTERN_WORDS.get(_pattern(key))
    if words is None:
        return ""
    if pattern.endswith("+quoted") and _pattern(key) != "quote":
        words += " with words in quotation marks"
    return f"{words}, {SOURCE_WORDS[source]}" if source in SOURCE_WORDS else words


def of_basis(key: str) -> float:
    """The share right of attributions found the way ``key`` (a ``basis``) says."""
    if key in CONFIDENCE:
        return CONFIDENCE[key]
    return CONFIDENCE.get(f"{_pattern(key)}/*", CONFIDENCE_DEFAULT)


def fit(outcomes: list[tuple[str, bool]]) -> dict[str, float]:
    """The table ``CONFIDENCE`` from (basis, right) pairs: each basis's share
    right, pulled towards its pattern's by ``SMOOTHING``; and each pattern's
    share under "<pattern>/*" (pulled towards the share of all)."""
    if not outcomes:
        return {}
    overall = sum(right for _, right in outcomes) / len(outcomes)
    counts: dict[str, list[int]] = {}
    for key, right in outcomes:
        for name in (key, f"{_pattern(key)}/*"):
            seen = counts.setdefault(name, [0, 0])
            seen[0] += 1
            seen[1] += right
    table = {}
    for name in sorted(k for k in counts if k.endswith("/*")):
        n, right = counts[name]
        table[name] = (right + SMOOTHING * overall) / (n + SMOOTHING)
    for name in sorted(k for k in counts if not k.endswith("/*")):
        n, right = counts[name]
        prior = table.get(f"{_pattern(name)}/*", overall)
        table[name] = (right + SMOOTHING * prior) / (n + SMOOTHING)
    return {name: round(value, 2) for name, value in table.items()}


def _pattern(key: str) -> str:
    """The pattern a basis names: "clause" for "clause+quoted/named"."""
    return key.split("/", 1)[0].removesuffix("+quoted")
