"""Stored article text + claim spans -> paragraphs of plain and marked segments.

The template renders the segments with autoescaping, so the text is never
treated as HTML; marks never nest, because overlapping spans are cut at every
boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise


@dataclass
class Segment:
    text: str
    marks: list = field(default_factory=list)  # the objects whose spans cover it
    role: str = ""  # "content", "cue" or "source" of the first mark
    start: int = 0  # offset of the segment in the stored text
    notes: list = field(default_factory=list)  # notes (role "note") covering it

    @property
    def mark(self):
        return self.marks[0] if self.marks else None


def paragraphs(
    text: str, spans: list[tuple[int, int, object, str]]
) -> list[list[Segment]]:
    """Split ``text`` into paragraphs (blank-line separated) of segments.

    ``spans`` holds (start, end, obj, role) tuples; each segment carries the
    objects whose span covers it: notes (role "note") apart from the claim marks,
    so a note on a quoted passage does not hide the quote.
    """
    cuts = {0, len(text)}
    for start, end, _, _ in spans:
        if 0 <= start < end <= len(text):
            cuts.update((start, end))
    # Paragraph breaks are cuts too, so no segment spans two paragraphs.
    index = text.find("\n\n")
    while index != -1:
        cuts.update((index, index + 2))
        index = text.find("\n\n", index + 2)
    points = sorted(cuts)

    result: list[list[Segment]] = [[]]
    for a, b in pairwise(points):
        piece = text[a:b]
        if piece == "\n\n":
            result.append([])
            continue
        covering = [(obj, role) for s, e, obj, role in spans if s <= a and b <= e]
        notes = [obj for obj, role in covering if role == "note"]
        covering = [item for item in covering if item[1] != "note"]
        # Content wins over cue and source when they overlap.
        covering.sort(key=lambda item: item[1] != "content")
        result[-1].append(
            Segment(
                text=piece,
                marks=[obj for obj, _ in covering],
                role=covering[0][1] if covering else "",
                start=a,
                notes=notes,
            )
        )
    return [p for p in result if p]
