"""Article text -> quotations and paragraphs, from quotation marks alone.

``find_quotes`` finds the spans between “curly”, "straight" or «angle» marks
(apostrophes never open a quote; an opening mark typed after a word to close
one closes it, and a closing mark typed before a word to open one opens it);
one left open ends with its paragraph.
``paragraphs`` splits the text into its non-blank lines. Pure, no parse needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claims.ingest.attribution.roles import Attribution

# Two apostrophes stand for a straight double quotation mark in some wire copy.
QUOTE_CHARS = re.compile(r"[“”«»„\"]|''")
OPENERS = "“«„"
CLOSERS = "”»"


@dataclass
class Quote:
    start: int
    end: int
    paragraph: int
    open_end: bool = False  # no closing mark before the end of the paragraph
    attribution: Attribution | None = None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: one paragraph per line."""
    return [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()
    ]


def find_quotes(text: str) -> list[Quote]:
    """Quotations marked in ``text``; an unclosed one ends with its paragraph."""
    quotes: list[Quote] = []
    for number, (start, end) in enumerate(paragraphs(text)):
        opened: int | None = None
        for match in QUOTE_CHARS.finditer(text, start, end):
            mark, at = match.group(), match.start()
            if mark in OPENERS:
                if opened is None:
                    opened = at
                elif _closes_typo(text, at, match.end()):
                    # “Do you agree?“ he asked: an opening mark typed to close.
                    quotes.append(Quote(opened, match.end(), number))
                    opened = None
            elif mark in CLOSERS:
                if opened is not None:
                    quotes.append(Quote(opened, at + 1, number))
                    opened = None
                elif _opens(text, at, match.end()) and text[match.end()].isalnum():
                    # ”Fear is all he sells.” ― Ana Ruiz: a closing mark typed
                    # to open, at a word's start.
                    opened = at
            elif opened is None:
                if _opens(text, at, match.end()):
                    opened = at
            else:
                quotes.append(Quote(opened, match.end(), number))
                opened = None
        if opened is not None:
            stop = len(text[:end].rstrip())
            if stop - opened > 1:
                quotes.append(Quote(opened, stop, number, open_end=True))
    return [q for q in quotes if text[q.start + 1 : q.end - 1].strip()]


def _opens(text: str, at: int, end: int) -> bool:
    """A straight quotation mark opens when it follows a space or bracket."""
    before = text[at - 1] if at > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


def _closes_typo(text: str, at: int, end: int) -> bool:
    """An opening mark right after a word and before a space or punctuation."""
    before = text[at - 1] if at > 0 else " "
    after = text[end] if end < len(text) else " "
    return (
        not before.isspace()
        and before not in "([{"
        and (after.isspace() or after in ".,;:!?")
    )
