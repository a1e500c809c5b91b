"""Bytes of an HTML page (+ the charset its server declared) -> text, never failing.

Order, as browsers do it: byte-order mark, the declared charset, <meta charset>
in the first 4 KB, UTF-8, then a guess by charset_normalizer with windows-1252
as the web's fallback. Used for fetched pages and uploaded files alike.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:\-]+)""", re.IGNORECASE
)
# The HTML standard decodes these labels as windows-1252, a superset that
# sites declaring latin-1 rely on for curly quotes and dashes.
_WINDOWS_1252_LABELS = {
    "ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
    "latin-1", "l1", "windows-1252", "cp1252",
}  # fmt: skip
# Single-byte Latin guesses from charset_normalizer are unreliable on short
# text (it picks cp1257 for French); for those the web's default wins.
_LATIN_GUESSES = {
    codecs.lookup(name).name
    for name in (
        "ascii", "latin_1", "cp1250", "cp1252", "cp1254", "cp1257", "cp1258",
        "cp437", "cp850", "cp858", "iso8859_2", "iso8859_3", "iso8859_4",
        "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
        "iso8859_16", "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish",
        "hp_roman8",
    )
}  # fmt: skip


# utf-7 can smuggle markup (browsers refuse it); "undefined" always raises;
# punycode is for host names and raises on ordinary bytes.
_REFUSED = {"utf-7", "utf_7", "undefined", "punycode"}


def _codec(label: str) -> str:
    """Return the Python codec name for a charset label, or "" if unusable."""
    label = label.strip().lower()
    if not label:
        return ""
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    if label in _REFUSED:
        return ""
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):  # unknown, or a label with NUL in it
        return ""
    # Only text encodings: base64, zlib, rot13 and the like are codecs too.
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED:
        return ""
    return info.name


def _meta_charset(head: bytes) -> str:
    match = _META_CHARSET.search(head)
    if not match:
        return ""
    name = _codec(match.group(1).decode("ascii"))
    # A meta tag readable as ASCII cannot be in UTF-16; the standard says UTF-8.
    return "utf-8" if name.startswith("utf-16") else name


def _guess_charset(raw: bytes) -> str:
    best = charset_normalizer.from_bytes(raw[:65536]).best()
    if best is not None:
        name = _codec(best.encoding)
        if name and name not in _LATIN_GUESSES:
            return name
    return "cp1252"


def decode_html(raw: bytes, header_charset: str = "") -> tuple[str, str]:
    """Decode a page; never raises. Return (text, charset used)."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(name, errors="replace"), name
    declared = [_codec(header_charset), _meta_charset(raw[:4096])]
    for name in declared:
        if not name:
            continue
        try:
            return raw.decode(name), name
        except UnicodeError:
            try:
                text = raw.decode(name, errors="replace")
            except UnicodeError:  # a codec that cannot even replace
                continue
            # A stray bad byte in a long page does not make the declaration a
            # lie; many bad bytes do.
            if text.count("\ufffd") * 1000 <= len(text):
                return text, name
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    name = _guess_charset(raw)
    return raw.decode(name, errors="replace"), name
