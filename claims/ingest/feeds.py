"""Feed bytes -> ParsedFeed (kind, title, items of url/title/published_at/guid).

Reads RSS 0.9x, 1.0 (RDF) and 2.0, Atom 1.0 (and 0.3), Google's sitemap-news
and, as a fallback, plain sitemaps; also OPML lists of feeds (``parse_opml``).
Pure: bytes in, dataclasses out, no database, settings or network.

The XML parser is set up for hostile input: entities are not expanded (no
"billion laughs"), no DTD or external resource is loaded (no XXE, no network),
and libxml2's limits on depth and node size stay on (``huge_tree=False``).
A document that is not a feed raises ``FeedError`` with a sentence for an
editor. Item addresses are resolved against the feed's address (and
``xml:base``) and made canonical (``canonical_url``: no tracking parameters,
no fragment) so an item is recognised whatever link it came by; items whose
address is unusable are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import unescape
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from claims.ingest.fetch import InvalidURL, canonical_url


class FeedError(Exception):
    """The document is not a feed that can be read; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FeedItem:
    url: str  # canonical (see module docstring)
    title: str = ""
    published_at: datetime | None = None  # aware, UTC when the feed gave no zone
    guid: str = ""  # the feed's own id for the item, or its address


@dataclass
class ParsedFeed:
    kind: str  # rss, rdf, atom, sitemap-news, sitemap
    title: str = ""
    items: list[FeedItem] = field(default_factory=list)
    skipped: int = 0  # items without a usable address


@dataclass(frozen=True)
class OutlineFeed:
    """One feed listed in an OPML file."""

    url: str  # the xmlUrl, as written (validated by the caller)
    title: str = ""  # the outline's title (or text)
    html_url: str = ""  # the site's home page, when the outline gives one


def _parser(*, recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )


def _root(
    data: bytes, base_url: str, what: str
) -> tuple[etree._Element, FeedError | None]:
    """The document element; a strict parse first, then libxml2's recovery,
    because many real feeds have a stray ``&`` or an undeclared prefix. With
    a recovered tree comes the error the strict parse met: the caller raises
    it when the recovered tree holds nothing usable."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    body = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not body:
        raise FeedError(f"The {what} is empty.")
    if not body.startswith(b"<"):
        raise FeedError(f"The {what} is not XML (it does not start with a tag).")
    try:
        root = etree.fromstring(body, _parser(recover=False), base_url=base_url or None)
        return root, None
    except etree.XMLSyntaxError as strict_error:
        error = FeedError(
            f"The {what} is not well-formed XML ({_first_line(strict_error)})."
        )
        try:
            root = etree.fromstring(
                body, _parser(recover=True), base_url=base_url or None
            )
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise error from strict_error
        return root, error


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0][:200] if str(error) else "unreadable"


def _local(el) -> str:
    """The element's name without namespace; "" for comments and entities."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _children(el, *names: str) -> list:
    return [c for c in el if _local(c) in names]


def _child(el, *names: str):
    """The first child called one of ``names``, in the order of ``names``."""
    for name in names:
        for c in el:
            if _local(c) == name:
                return c
    return None


_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")


def _text(el, *, markup: bool = False) -> str:
    if el is None:
        return ""
    text = "".join(t for t in el.itertext() if isinstance(t, str))
    if markup:
        # An HTML title arrives escaped; its tags are not part of the words.
        text = unescape(_TAG.sub(" ", text))
    return _SPACE.sub(" ", text).strip()


def parse_date(value: str) -> datetime | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, sitemaps, Dublin Core) date, or None."""
    value = (value or "").strip()
    if not value:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _item_url(raw: str, el, base_url: str) -> str | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    base = getattr(el, "base", None) or base_url
    try:
        return canonical_url(urljoin(base, raw) if base else raw)
    except (InvalidURL, ValueError):
        return None


class _Collector:
    def __init__(self, kind: str, title: str, base_url: str) -> None:
        self.feed = ParsedFeed(kind=kind, title=title)
        self.base_url = base_url
        self._seen: set[str] = set()

    def add(self, el, raw_url: str, title: str, published: str, guid: str) -> None:
        url = _item_url(raw_url, el, self.base_url)
        if url is None:
            self.feed.skipped += 1
            return
        if url in self._seen:
            return
        self._seen.add(url)
        self.feed.items.append(
            FeedItem(
                url=url,
                title=title[:500],
                published_at=parse_date(published),
                guid=(guid or raw_url).strip()[:2000],
            )
        )


# --- The formats --------------------------------------------------------------


def _rss_item_link(item) -> str:
    # FeedBurner rewrites <link> to its redirector and keeps the real one here.
    orig = _child(item, "origlink")
    if orig is not None and _text(orig):
        return _text(orig)
    link = _child(item, "link")
    if link is not None and _text(link):
        return _text(link)
    if link is not None and link.get("href"):  # an atom:link inside RSS
        return link.get("href")
    guid = _child(item, "guid")
    if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
        value = _text(guid)
        if value.startswith(("http://", "https://")):
            return value
    return ""


def _rss(root, base_url: str) -> ParsedFeed:
    channel = _child(root, "channel")
    if channel is None:
        raise FeedError("The RSS document has no <channel>.")
    out = _Collector("rss", _text(_child(channel, "title")), base_url)
    for item in _children(channel, "item"):
        out.add(
            item,
            _rss_item_link(item),
            _text(_child(item, "title")),
            _text(_child(item, "pubdate", "date", "published", "updated")),
            _text(_child(item, "guid")),
        )
    return out.feed


_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"


def _rdf(root, base_url: str) -> ParsedFeed:
    # RSS 1.0 and 0.90: the items are siblings of the channel.
    channel = _child(root, "channel")
    title = _text(_child(channel, "title")) if channel is not None else ""
    out = _Collector("rdf", title, base_url)
    for item in _children(root, "item"):
        link = _text(_child(item, "link")) or item.get(_RDF_ABOUT, "")
        out.add(
            item,
            link,
            _text(_child(item, "title")),
            _text(_child(item, "date", "pubdate")),
            item.get(_RDF_ABOUT, ""),
        )
    return out.feed


def _atom_link(entry) -> str:
    orig = _child(entry, "origlink")
    if orig is not None and _text(orig):
        return _text(orig)
    links = _children(entry, "link")
    # The entry's page: rel="alternate" (the default), HTML preferred; never
    # "self", "enclosure" or "related".
    pages = [
        link
        for link in links
        if link.get("href") and link.get("rel", "alternate") == "alternate"
    ]
    pages.sort(key=lambda link: "html" not in link.get("type", "text/html"))
    return pages[0].get("href") if pages else ""


def _atom_title(el) -> str:
    title = _child(el, "title")
    if title is None:
        return ""
    return _text(title, markup=title.get("type", "text") in ("html", "xhtml"))


def _atom(root, base_url: str) -> ParsedFeed:
    out = _Collector("atom", _atom_title(root), base_url)
    for entry in _children(root, "entry"):
        out.add(
            entry,
            _atom_link(entry),
            _atom_title(entry),
            _text(_child(entry, "published", "issued", "updated", "modified")),
            _text(_child(entry, "id")),
        )
    return out.feed


def _sitemap(root, base_url: str) -> ParsedFeed:
    urls = _children(root, "url")
    news = any(_child(u, "news") is not None for u in urls)
    out = _Collector("sitemap-news" if news else "sitemap", "", base_url)
    for entry in urls:
        block = _child(entry, "news")
        title = published = ""
        if block is not None:
            title = _text(_child(block, "title"))
            published = _text(_child(block, "publication_date"))
            publication = _child(block, "publication")
            if publication is not None and not out.feed.title:
                out.feed.title = _text(_child(publication, "name"))
        loc = _text(_child(entry, "loc"))
        published = published or _text(_child(entry, "lastmod"))
        out.add(entry, loc, title, published, loc)
    return out.feed


def _html_feed_link(data: bytes, base_url: str) -> str:
    """The feed a web page announces (<link rel="alternate" type=...rss/atom>)."""
    try:
        page = lxml_html.fromstring(data)
    except (etree.ParserError, ValueError):
        return ""
    for link in page.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        if "alternate" in rel and kind in (
            "application/rss+xml",
            "application/atom+xml",
        ):
            href = (link.get("href") or "").strip()
            if href:
                return urljoin(base_url, href) if base_url else href
    return ""


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<!doctype html") or head.startswith(b"<html")


def parse_feed(data: bytes, base_url: str = "") -> ParsedFeed:
    """Read a feed document; raise ``FeedError`` for anything that is not one.

    ``base_url`` is the feed's own address: relative item links resolve
    against it.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    if _looks_like_html(data):
        found = _html_feed_link(data, base_url)
        hint = f" Its feed seems to be at {found}." if found else ""
        raise FeedError(f"The address serves a web page, not a feed.{hint}")
    root, broken = _root(data, base_url, "feed")
    readers = {"rss": _rss, "rdf": _rdf, "feed": _atom, "urlset": _sitemap}
    name = _local(root)
    if name in readers:
        parsed = readers[name](root, base_url)
        if broken and not parsed.items:
            raise broken
        return parsed
    if broken:
        raise broken
    if name == "sitemapindex":
        sitemap = _child(root, "sitemap")
        first = _text(_child(sitemap, "loc")) if sitemap is not None else ""
        hint = f", for example {first}" if first else ""
        raise FeedError(
            "This is a sitemap index, a list of other sitemaps; add one of "
            f"the sitemaps it lists instead{hint}."
        )
    if name == "html":
        raise FeedError("The address serves a web page, not a feed.")
    raise FeedError(
        f"The document is XML but not a feed (its root element is <{name}>); "
        "expected RSS, Atom or a sitemap."
    )


def parse_opml(data: bytes | str) -> list[OutlineFeed]:
    """The feeds an OPML file lists (outlines with ``xmlUrl``), in order, once
    each; ``FeedError`` when it is not OPML."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    root, broken = _root(data, "", "OPML file")
    if broken and _local(root) != "opml":
        raise broken
    if _local(root) != "opml":
        raise FeedError(f"The file is not OPML (its root element is <{_local(root)}>).")
    feeds: list[OutlineFeed] = []
    seen: set[str] = set()
    for outline in root.iter():
        if _local(outline) != "outline":
            continue
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        title = (attrs.get("title") or attrs.get("text") or "").strip()
        feeds.append(
            OutlineFeed(
                url=url,
                title=_SPACE.sub(" ", title)[:200],
                html_url=(attrs.get("htmlurl") or "").strip(),
            )
        )
    if broken and not feeds:
        raise broken
    return feeds
