"""HTML page -> Extracted: main text and metadata (title, byline, date, site, URL).

Pure: no ORM, settings or network. trafilatura finds the main content; this
module is the only one that imports it. Its result is then trimmed by general
rules that hold on any news site: the headline and standfirst (kept in
``title``, not repeated in the text), paragraphs made only of a link (cross
links to other stories), and promotional lines (newsletter and app prompts,
"Read more:" links, affiliate disclosures, copyright and wire credit lines).
Metadata trafilatura misses is taken from JSON-LD and Open Graph.

``clean_text`` also serves pasted text: it normalises line breaks and drops
the trailer lines that sites append to articles ("Source link", "Related
Articles", "Back to top button"); only whole lines that are such labels.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

EXTRACTOR_VERSION = f"trafilatura-{trafilatura.__version__}+2"

# Navigation and widget lines that are never article text. Matched against a
# whole line (case-insensitive, surrounding punctuation ignored).
_BOILERPLATE_LINES = {
    "source link",
    "related articles",
    "related posts",
    "related stories",
    "related",
    "read more",
    "more",
    "back to top",
    "back to top button",
    "share this article",
    "share this",
    "share",
    "sorting by",
    "advertisement",
    "skip to content",
    "comments",
    "view comments",
    "you may also like",
    "you might also like",
    "don't miss",
    "don’t miss",
    "most read",
    "most popular",
    "recommended",
    "×",
}
MIN_WORDS = 8
# Scripts written without spaces (Japanese, Chinese) have few "words": a page
# with this many characters of text is an article however it splits.
MIN_CHARS = 80
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
    description: str = ""


def is_boilerplate_line(line: str) -> bool:
    stripped = line.strip(_EDGE_PUNCT).lower()
    return stripped in _BOILERPLATE_LINES or (line.strip() != "" and stripped == "")


def clean_text(text: str) -> str:
    """Normalise whitespace, drop boilerplate lines; paragraphs blank-line apart."""
    # U+FEFF goes first: left between a letter and its accent, it would keep
    # them from composing.
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    paragraphs = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\f\v]+", " ", line).strip()
        if line and not is_boilerplate_line(line):
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


# --------------------------------------------------------------------------
# Promotional paragraphs. Each rule is limited to short paragraphs and skips
# anything quoted or reported ("said"), so that an article *about* a
# newsletter or an app keeps its sentences.

_WORD = re.compile(r"\w+")
_REPORTED = re.compile(r"[“”\"«»]|\b(said|says|told|according to)\b", re.I)
_SENTENCE_END = (".", "?", "!", "”", '"', "’", "'")
# A label then a headline: "Read more: ...", "Related: ...", "SEE MORE: ...".
_CROSS_LINK = re.compile(
    r"^\[?\s*(read more|read also|also read|read next|read|more|see more|see also"
    r"|also|related|related (posts?|articles?|stor(y|ies)|content|coverage|reading)"
    r"|recommended|watch|watch more|listen|don['’]?t miss|must read|trending"
    r"|popular|top stories|further reading)\s*[:|>»]",
    re.I,
)
_ALSO_ON = re.compile(r"^(also on|more from|popular on) [\w.-]+", re.I)
# A site's prompts to its readers: a phrase below, addressed to the reader
# ("you", "our", "please") or as an order ("Sign up ...", "... ? Subscribe").
_PROMPT = re.compile(
    r"\binbox\b|\bletters? to the editor\b|\balready a subscriber\b"
    r"|\bfull story\b|\bclick here\b|\bshare (it|this)( story| article)? with\b"
    r"|\bwhat you think\b|\b(download|get) (the|our) [\w ]{0,30}\bapps?\b"
    r"|\bnever miss\b|\bsign up here\b|\bfree sign ?up\b",
    re.I,
)
_READER = re.compile(r"\b(you|your|you['’]re|our|us|please)\b", re.I)
# Words that are prompts only when the site speaks about itself ("our"): a
# review may well tell "you" to sign up for a streaming service.
_SOFT_PROMPT = re.compile(
    r"newsletter|\bsubscri(be|ption|bers?)\b|\bsign(ing)? up\b|\bdownload\b"
    r"|\blog in\b",
    re.I,
)
_SITE_VOICE = re.compile(r"\b(our|us|please)\b", re.I)
_ORDER = re.compile(
    r"(^|[.!?]\s+)(subscribe|sign up|click|tap|download|get|join|never miss"
    r"|don['’]t miss|register|share|tell us|keep an eye)\b",
    re.I,
)
_FOLLOW = re.compile(
    r"\bfollow\b.{0,80}\b(twitter|facebook|instagram|linkedin|youtube|tiktok"
    r"|threads|bluesky|mastodon|google news)\b",
    re.I,
)
_AFFILIATE = re.compile(
    r"\b(may|might|could|will) (receive|earn|get) (a )?(small )?"
    r"(compensation|commission|share of)|\baffiliate (links?|commissions?)\b"
    r"|\badvertiser disclosure\b",
    re.I,
)
_COPYRIGHT = re.compile(r"^(©|\(c\)\s|copyright\b)|\ball rights reserved\b", re.I)
_CREDIT = re.compile(
    r"^\(?(additional )?(reporting|writing|editing) by\b"
    r"|\bcontributed (additional )?(reporting|to this (report|story|article))\b"
    r"|^sources?\s*:",
    re.I,
)
_CONTACT = re.compile(
    r"\b(can|may) be (reached|contacted) at\b|^have a (news )?tip\b", re.I
)

_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "Updated at 1:23 p.m.", "January 13, 2020 at 08:45 AM | categories: ...".
_DATELINE = re.compile(
    r"^((last )?(updated|published|posted|modified)( on| at)?:?\s+)?"
    r"((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"({_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2})",
    re.I,
)


def _promo_kind(paragraph: str) -> str | None:
    """Name the kind of promotional line ``paragraph`` is, or None for prose."""
    words = len(paragraph.split())
    reported = bool(_REPORTED.search(paragraph))
    if (
        words <= 25
        and (_CROSS_LINK.match(paragraph) or _ALSO_ON.match(paragraph))
        and not paragraph.endswith((".", "?", "!"))
    ):
        return "cross-link"
    if (
        words >= 8
        and not paragraph.startswith("|")
        and not paragraph.endswith(_SENTENCE_END)
        and all(c.isupper() for c in paragraph if c.isalpha())
    ):
        # An all-capitals headline between paragraphs links to another story.
        return "cross-link"
    dateline = _DATELINE.match(paragraph)
    if dateline and words <= 15 and (dateline.group(1) or "|" in paragraph):
        return "dateline"
    if reported:
        return None
    if words > 60:
        return "affiliate" if words <= 80 and _AFFILIATE.search(paragraph) else None
    if _PROMPT.search(paragraph) and (
        _ORDER.search(paragraph) or _READER.search(paragraph)
    ):
        return "prompt"
    if _SOFT_PROMPT.search(paragraph) and (
        _SITE_VOICE.search(paragraph) or (words <= 30 and _ORDER.search(paragraph))
    ):
        return "prompt"
    if words <= 40 and (_FOLLOW.search(paragraph) or _CONTACT.search(paragraph)):
        return "contact"
    if _AFFILIATE.search(paragraph):
        return "affiliate"
    if words <= 20 and _COPYRIGHT.search(paragraph):
        return "copyright"
    if words <= 40 and _CREDIT.search(paragraph):
        return "credit"
    return None


def drop_promotions(text: str) -> str:
    """Drop promotional paragraphs from extracted text (paragraphs blank-line apart)."""
    kept = [p for p in text.split("\n\n") if not _promo_kind(p)]
    return "\n\n".join(kept)


# --------------------------------------------------------------------------
# The extracted tree (trafilatura's XML: head, p, list/item, quote, table, ref).


def _norm(text: str | None) -> str:
    return " ".join(_WORD.findall(text or "")).lower()


def _same_text(a: str, b: str) -> bool:
    """True when two normalised texts are the same line, give or take a suffix."""
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (
        len(short) >= 0.7 * len(long_) and long_.startswith(short)
    )


def _anchor_texts(tree: lxml_html.HtmlElement) -> set[str]:
    """The normalised texts of the page's links to other pages."""
    texts = set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        # Script and in-page anchors (glossary pop-ups, footnotes) lead nowhere.
        if href and not href.startswith(("javascript:", "#")):
            texts.add(_norm(anchor.text_content()))
    texts.discard("")
    return texts


def _is_cross_link(element: etree._Element, anchors: set[str]) -> bool:
    """A short paragraph that is all the text of one link: a link to a story."""
    text = "".join(element.itertext())
    if not 4 <= len(text.split()) <= 25 or re.match(r"\s*\[\d+\]", text):
        return False  # long text is prose; "[1] ..." is a numbered reference
    return _norm(text) in anchors


def _prune(
    body: etree._Element, title: str, description: str, anchors: set[str]
) -> None:
    """Remove the headline, the standfirst and cross links from the tree."""
    title, description = _norm(title), _norm(description)
    doomed: list[etree._Element] = []
    for element in body.iter("head", "p", "item"):
        if element.tag == "p" and not _norm("".join(element.itertext())):
            continue
        if element.tag != "head":
            break
        # Headings above the first paragraph that repeat the title or the
        # description are the headline and the standfirst.
        text = _norm("".join(element.itertext()))
        if _same_text(text, title) or _same_text(text, description):
            doomed.append(element)
    for element in body.iter("p", "item"):
        if element.getparent() is not None and element.getparent().tag == "cell":
            continue
        if element not in doomed and _is_cross_link(element, anchors):
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is None:
            continue
        if element.tail and element.tail.strip():
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)
    for list_ in list(body.iter("list")):
        if not len(list_) and list_.getparent() is not None:
            list_.getparent().remove(list_)


# --------------------------------------------------------------------------
# Metadata that trafilatura missed, from JSON-LD and Open Graph.


def _json_ld_objects(tree: lxml_html.HtmlElement) -> list[dict]:
    objects: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                stack.extend(v for k, v in item.items() if k == "@graph")
    return objects


def _ld_name(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get("name") or "")
    if isinstance(value, list):
        return ", ".join(n for n in map(_ld_name, value) if n)
    return ""


def _page_metadata(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """Title, author, date, site name, URL and language declared by the page."""
    meta: dict[str, str] = {}
    for obj in _json_ld_objects(tree):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and k.endswith("Article") for k in kinds):
            continue
        fields = {
            "title": obj.get("headline"),
            "author": obj.get("author"),
            "date": obj.get("datePublished"),
            "sitename": obj.get("publisher"),
            "url": obj.get("url"),
            "language": obj.get("inLanguage"),
        }
        for key, value in fields.items():
            if not meta.get(key):
                meta[key] = _ld_name(value)
    opengraph = {
        "title": "og:title",
        "sitename": "og:site_name",
        "url": "og:url",
        "date": "article:published_time",
    }
    for key, prop in opengraph.items():
        if not meta.get(key):
            values = tree.xpath(f'//meta[@property="{prop}"]/@content')
            meta[key] = values[0] if values else ""
    if not meta.get("url"):
        values = tree.xpath('//link[@rel="canonical"]/@href')
        meta["url"] = values[0] if values else ""
    if not meta.get("language"):
        meta["language"] = tree.get("lang") or tree.get("xml:lang") or ""
    if not meta.get("language"):
        values = tree.xpath('//meta[@property="og:locale"]/@content')
        meta["language"] = values[0] if values else ""
    if meta.get("language"):
        meta["language"] = _language_tag(meta["language"])
    return {k: v.strip() for k, v in meta.items() if v and v.strip()}


def _language_tag(value: str) -> str:
    """A declared language as a BCP 47 tag: "en_GB" (Open Graph's form) and
    "EN-gb" are "en-GB"; anything that is not a tag is dropped."""
    parts = value.strip().replace("_", "-").split("-")
    if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return ""
    if not all(p.isalnum() and 1 <= len(p) <= 8 for p in parts[1:]):
        return ""
    region = [p.upper() if len(p) == 2 else p for p in parts[1:]]
    return "-".join([parts[0].lower(), *region])


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
            try:
                parsed = datetime.strptime(value[:19], fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# --------------------------------------------------------------------------


def extract(html: str, url: str | None = None) -> Extracted:
    """Extract the main text and metadata of an article page."""
    if not html or not html.strip():
        raise ExtractError("The page is empty.")
    try:
        tree = load_html(html)
    except Exception as exc:  # lxml raises a variety of errors
        raise ExtractError(f"The page could not be parsed as HTML ({exc}).") from exc
    if tree is None:
        raise ExtractError("The page could not be parsed as HTML.")
    # Read before trafilatura, which prunes the tree it is given.
    anchors = _anchor_texts(tree)
    declared = _page_metadata(tree)
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            with_metadata=True,
            output_format="txt",  # no conversion of the body: its text is made below
        )
    except Exception as exc:  # trafilatura raises a variety of lxml errors
        raise ExtractError(f"The page could not be parsed as HTML ({exc}).") from exc
    if doc is None or doc.body is None:
        raise ExtractError("No article text was found on the page.")
    found = {
        "title": doc.title,
        "author": doc.author,
        "date": doc.date,
        "sitename": doc.sitename,
        "url": doc.url,
    }
    found = {key: value or declared.get(key, "") for key, value in found.items()}
    title = (found["title"] or "").strip()
    published_at = _parse_date(found["date"])
    declared_at = _parse_date(declared.get("date"))
    if declared_at and (not published_at or declared_at.date() == published_at.date()):
        published_at = declared_at  # the same day, with the time of day
    _prune(doc.body, title, doc.description or "", anchors)
    text = drop_promotions(clean_text(xmltotxt(doc.body, include_formatting=False)))
    words = len(text.split())
    if words < MIN_WORDS and len(text) < MIN_CHARS:
        # A menu or an error page, not an article: say so rather than store it.
        raise ExtractError(
            f"No article text was found on the page (only {words} words)."
        )
    return Extracted(
        text=text,
        title=title[:500],
        byline=(found["author"] or "").strip()[:300],
        published_at=published_at,
        site_name=(found["sitename"] or "").strip()[:200],
        canonical_url=(found["url"] or "").strip(),
        language=(doc.language or declared.get("language", "")).strip()[:16],
        description=(doc.description or "").strip(),
    )
