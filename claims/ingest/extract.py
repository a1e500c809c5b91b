"""HTML page -> Extracted: main text and metadata (title, byline, date, site, URL).

Pure: no ORM, settings or network. trafilatura does the extraction; this module
is the only one that imports it. ``clean_text`` also serves pasted text: it
normalises line breaks and drops the trailer lines that sites append to
articles ("Source link", "Related Articles", "Back to top button").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura

EXTRACTOR_VERSION = f"trafilatura-{trafilatura.__version__}+1"

# Navigation and widget lines that are never article text. Matched against a
# whole line (case-insensitive, surrounding punctuation ignored).
_BOILERPLATE_LINES = {
    "source link",
    "related articles",
    "related posts",
    "related stories",
    "read more",
    "back to top",
    "back to top button",
    "share this article",
    "share this",
    "sorting by",
    "advertisement",
    "skip to content",
    "×",
}
MIN_WORDS = 8
_EDGE_PUNCT = " \t\u00a0:|>-–—•·»«"


class ExtractError(Exception):
    """The page holds no article text that could be extracted."""


@dataclass
class Extracted:
    text: str
    title: str = ""
    byline: str = ""
    published_at: datetime | None = None
    site_name: str = ""
    canonical_url: str = ""
    language: str = ""


def is_boilerplate_line(line: str) -> bool:
    stripped = line.strip(_EDGE_PUNCT).lower()
    return stripped in _BOILERPLATE_LINES or (line.strip() != "" and stripped == "")


def clean_text(text: str) -> str:
    """Normalise whitespace, drop boilerplate lines; paragraphs blank-line apart."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    paragraphs = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\f\v]+", " ", line).strip()
        if line and not is_boilerplate_line(line):
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def extract(html: str, url: str | None = None) -> Extracted:
    """Extract the main text and metadata of an article page."""
    if not html or not html.strip():
        raise ExtractError("The page is empty.")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            with_metadata=True,
        )
    except Exception as exc:  # trafilatura raises a variety of lxml errors
        raise ExtractError(f"The page could not be parsed as HTML ({exc}).") from exc
    doc = doc.as_dict() if doc is not None else None
    if not doc or not (doc.get("text") or "").strip():
        raise ExtractError("No article text was found on the page.")
    text = clean_text(doc["text"])
    words = len(text.split())
    if words < MIN_WORDS:
        # A menu or an error page, not an article: say so rather than store it.
        raise ExtractError(
            f"No article text was found on the page (only {words} words)."
        )
    return Extracted(
        text=text,
        title=(doc.get("title") or "").strip()[:500],
        byline=(doc.get("author") or "").strip()[:300],
        published_at=_parse_date(doc.get("date")),
        site_name=(doc.get("sitename") or "").strip()[:200],
        canonical_url=(doc.get("url") or "").strip(),
        language=(doc.get("language") or "").strip()[:16],
    )
