"""Article text + a claim's span -> the sentence before, the claim's own, and after.

Pure: plain strings in, a dataclass out. Sentences end at ., ! or ? (and any
closing quotes or brackets) followed by white space, or at a line break;
common abbreviations ("Dr.", "U.S.") and initials ("J. Smith") do not end one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A full stop after these does not end a sentence (compared lower-cased).
# fmt: off
ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "lt", "col", "gen",
    "sgt", "capt", "cpl", "maj", "rev", "hon", "jr", "sr", "vs", "etc", "inc", "ltd",
    "corp", "dept", "approx", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n",
))
# fmt: on

_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n+")
_WORD_BEFORE = re.compile(r"(?<![\w.])([\w.]+)\.$")


@dataclass(frozen=True)
class Passage:
    """A claim in its place: ``lead + quote + trail`` is the claim's sentence(s)."""

    before: str
    lead: str
    quote: str
    trail: str
    after: str


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """The [start, end) of every sentence in ``text``, white space trimmed."""
    bounds = []
    start = 0
    for match in _END.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        end = match.end()
        _append_trimmed(bounds, text, start, end)
        start = end
    _append_trimmed(bounds, text, start, len(text))
    return bounds


def passage(
    text: str,
    start: int,
    end: int,
    *,
    cut_before: bool = False,
    cut_after: bool = False,
) -> Passage | None:
    """The sentence before, the sentence(s) holding ``text[start:end]``, and after.

    ``text`` may be a window of a longer text: ``cut_before`` / ``cut_after``
    say it was cut there, so its first / last sentence may be a piece of one and
    is not shown as the sentence before / after (the claim's own are shown from
    where the window starts or ends). None when the span does not fit the text
    (offsets from another version).
    """
    if not (0 <= start < end <= len(text)):
        return None
    bounds = sentence_bounds(text)
    if cut_before and bounds and bounds[0][1] <= start:
        bounds = bounds[1:]
    if cut_after and bounds and bounds[-1][0] >= end:
        bounds = bounds[:-1]
    first = last = None
    for i, (s, e) in enumerate(bounds):
        if e > start and s < end:
            first = i if first is None else first
            last = i
    if first is None:  # the span covers only white space
        return Passage("", "", text[start:end], "", "")
    lead_start = min(bounds[first][0], start)
    trail_end = max(bounds[last][1], end)
    before = text[slice(*bounds[first - 1])] if first > 0 else ""
    after = text[slice(*bounds[last + 1])] if last + 1 < len(bounds) else ""
    return Passage(
        before=before,
        lead=text[lead_start:start],
        quote=text[start:end],
        trail=text[end:trail_end],
        after=after,
    )


def _is_abbreviation(text: str, dot: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot - 20), dot + 1)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower().rstrip(".") in ABBREVIATIONS


def _append_trimmed(bounds: list, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        bounds.append((start, end))
