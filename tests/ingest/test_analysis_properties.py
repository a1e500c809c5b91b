"""Hostile text through the pure analysis core: it never crashes, and every span
it returns lies inside the text and quotes it exactly.

Property-based (hypothesis): arbitrary Unicode (control and format characters,
RTL marks, emoji, combining marks; no surrogates, which a ``str`` from a page
never holds), unbalanced and nested quotation marks of every kind, text without
sentence punctuation, only whitespace, only quotes, one 50,000-character
paragraph. Also the two other pure steps every page goes through first:
``charset.decode_html`` (any bytes, any declared charset) and
``extract.clean_text``.

Kept to about a minute in all: few examples each (the spaCy pipeline is loaded
once per process by ``claims.ingest.nlp``, as the other ingest tests get it),
and three examples of the huge paragraph, which takes seconds to parse.
"""

from __future__ import annotations

import codecs
import dataclasses
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.ingest import nlp
from claims.ingest.analysis import ACTOR_KINDS, Analysis, Span, analyse, to_prediction
from claims.ingest.attribution import find_quotes
from claims.ingest.charset import decode_html
from claims.ingest.extract import clean_text

# database=None: no .hypothesis/ directory left in the working tree.
FEW = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # the suite's autouse cache/settings
    ],
)
HUGE = settings(FEW, max_examples=3)

HUGE_CHARS = 50_000

# --- Strategies ---------------------------------------------------------------------

QUOTE_MARKS = ['"', "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "'", "''"]
ODD_CHARACTERS = [
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x0b", "\x0c", "\r", "\r\n", "\t",
    "\u00a0", "\u2028", "\u2029", "\u3000", "\u200b", "\ufeff", "\ufffd",
    "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2067", "\u2069",  # bidi
    "\u0301", "\u0308", "\u0336", "\u20dd", "e\u0301", "\u1100\u1161",  # combining
    "👍", "🇬🇧", "👩\u200d👩\u200d👧", "🏳️‍🌈", "\U0010fffd", "\U000e0041",
    "مرحبا", "שלום", "日本語", "ß", "İ", "ﬁ",
]  # fmt: skip
# Words that make the rules fire: speakers, reporting verbs, "according to".
NEWS_WORDS = [
    "said", "says", "told", "warned", "added", "claimed", "according to", "that",
    "Mr Dowden", "Oliver Dowden", "Lord Cameron", "the minister", "officials",
    "China", "the NCSC", "the Electoral Commission", "he", "she", "they", "it",
    "The hackers", "40%", "£3m", "40 million", "voters", "were", "targeted",
    ":", ",", ".", "?", "!", "—", "–", "-", "(", ")", "...",
]  # fmt: skip
SEPARATORS = ["", " ", " ", "  ", "\n", "\n\n", "\t"]

any_characters = st.characters(codec="utf-8")  # every category but surrogates
chunk = st.one_of(
    st.text(any_characters, max_size=12),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(ODD_CHARACTERS),
    st.sampled_from(NEWS_WORDS),
    st.sampled_from(NEWS_WORDS),
)


def _joined(parts: list[tuple[str, str]]) -> str:
    return "".join(piece + separator for piece, separator in parts)


# Arbitrary text, weighted towards what the quote and speech rules look at.
hostile_text = st.lists(st.tuples(chunk, st.sampled_from(SEPARATORS)), max_size=60).map(
    _joined
)
only_whitespace = st.text(
    st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u2028\u2029\u3000")
)
only_quotes = st.lists(
    st.sampled_from([*QUOTE_MARKS, " ", "\n"]), min_size=1, max_size=80
).map("".join)
# Sentences with no full stop, question or exclamation mark anywhere.
no_sentence_punctuation = hostile_text.map(
    lambda text: text.translate(str.maketrans("", "", ".!?。！？"))
)
# A paragraph without a line break, made of one drawn piece repeated.
huge_paragraph = st.lists(
    st.one_of(st.sampled_from(NEWS_WORDS), st.sampled_from(QUOTE_MARKS), chunk),
    min_size=1,
    max_size=25,
).map(lambda words: " ".join(words).replace("\n", " ").replace("\r", " "))


# --- Checks -------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _pipeline_loaded():
    # Load spaCy before the first example, so no example pays for it.
    nlp.get_pipeline()


def all_spans(analysis: Analysis) -> list[tuple[str, Span]]:
    spans = [("sentence", span) for span in analysis.sentences]
    for claim in analysis.claims:
        spans += [("content", span) for span in claim.content]
        spans += [("cue", claim.cue)] if claim.cue else []
        spans += [("source", claim.source)] if claim.source else []
    for actor in analysis.actors:
        spans += [("mention", span) for span in actor.mentions]
    return spans


def assert_consistent(text: str, analysis: Analysis) -> None:
    """Every offset inside ``text``, every quoted string equal to its slice."""
    for role, span in all_spans(analysis):
        assert 0 <= span.start < span.end <= len(text), (role, span)
        assert text[span.start : span.end] == span.text, (role, span)
    keys = {actor.key for actor in analysis.actors}
    assert len(keys) == len(analysis.actors)
    names = {actor.key: actor.name for actor in analysis.actors}
    for actor in analysis.actors:
        assert actor.kind in ACTOR_KINDS
        assert actor.mentions
    starts = [claim.content[0].start for claim in analysis.claims]
    assert starts == sorted(starts)
    for claim in analysis.claims:
        assert claim.content
        assert claim.text == " ".join(span.text for span in claim.content)
        assert 0.0 <= claim.checkworthiness <= 1.0
        assert 0.0 <= claim.confidence <= 1.0
        if claim.speaker_key is not None:
            assert names[claim.speaker_key] == claim.speaker
        else:
            assert claim.speaker is None
    # The evaluation kit's line for it renders too.
    to_prediction("doc", analysis, text)


# --- Analysis -----------------------------------------------------------------------


@FEW
@given(text=hostile_text)
@example(text="")
@example(text="“")
@example(text='"')
@example(text="''")
@example(text="“Unclosed, said Mr Dowden\n“And another” ”” « he said")
@example(text="«“‘nested ‚deeper‹ inside› ’ quotes” » she said „ok“")
@example(text="» closed before opened « said Lord Cameron »")
@example(text="He said: “\u202eدروغ\u202c” and ‏“שקר”‏ said the minister.")
@example(text="Mr\u0301 Dowde\u0308n said 👩\u200d👩\u200d👧 were “targeted”.")
@example(text="\ufeff“\x00\x07 said\x85he\u2028told\u2029“x”")
@example(text="0“00")  # a quotation mark inside the one token
def test_it_never_crashes_and_every_span_quotes_the_text(text: str):
    assert_consistent(text, analyse(text))


@FEW
@given(text=hostile_text)
@example(text="“A quote,” Mr Dowden said.\n\n“Carried on,” he added, “and on.”")
def test_it_analyses_cleaned_text_consistently(text: str):
    # The pipeline analyses the article text clean_text made.
    cleaned = clean_text(text)
    assert_consistent(cleaned, analyse(cleaned))


@FEW
@given(text=no_sentence_punctuation)
@example(text="Mr Dowden said the hackers were Chinese and officials told MPs that")
@example(text="according to “the minister")
def test_it_copes_without_sentence_punctuation(text: str):
    assert_consistent(text, analyse(text))


@FEW
@given(text=only_whitespace)
def test_it_finds_nothing_in_whitespace(text: str):
    analysis = analyse(text)
    assert (analysis.sentences, analysis.actors, analysis.claims) == ([], [], [])


@FEW
@given(text=only_quotes)
@example(text="“”")
@example(text="«»„“‚‘‹›")
@example(text='""""" "')
def test_it_copes_with_only_quotation_marks(text: str):
    assert_consistent(text, analyse(text))
    for quote in find_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)


@HUGE
@given(piece=huge_paragraph)
@example(piece="“The hackers are Chinese,” Mr Dowden said, adding that")
def test_it_copes_with_one_huge_paragraph(piece: str):
    text = (piece + " ") * (HUGE_CHARS // (len(piece) + 1) + 1)
    text = text[:HUGE_CHARS]
    assert_consistent(text, analyse(text))


@FEW
@given(text=hostile_text)
@example(text="“The hackers are Chinese,” Mr Dowden said. He warned that 40% failed.")
def test_it_gives_the_same_analysis_twice(text: str):
    first, second = analyse(text), analyse(text)
    assert dataclasses.asdict(first) == dataclasses.asdict(second)


# --- clean_text ---------------------------------------------------------------------


@FEW
@given(text=hostile_text)
def test_clean_text_leaves_one_trimmed_paragraph_per_line(text: str):
    cleaned = clean_text(text)
    for bad in ("\r", "\u00a0", "\ufeff", "\n\n\n"):
        assert bad not in cleaned
    if cleaned:
        for paragraph in cleaned.split("\n\n"):
            assert paragraph
            assert paragraph == paragraph.strip()
            assert "\n" not in paragraph


@FEW
@given(text=hostile_text)
@example(text="Caf e\ufeff\u0301")
def test_clean_text_output_is_nfc_and_stable(text: str):
    cleaned = clean_text(text)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert clean_text(cleaned) == cleaned


# --- Charsets -----------------------------------------------------------------------

# Labels browsers and servers send, and some that lie about the bytes; all
# name text encodings. Labels of codecs that are not text encodings (base64,
# rot13, "undefined", punycode) are the next test's business.
REAL_LABELS = [
    "", "utf-8", "UTF-8", "utf8", "utf-16", "utf-16le", "utf-16be", "utf-32",
    "iso-8859-1", "latin1", "us-ascii", "windows-1252", "windows-1251",
    "koi8-r", "shift_jis", "euc-jp", "iso-2022-jp", "gb2312", "gbk", "gb18030",
    "big5", "euc-kr", "iso-8859-8", "utf-7", "cp037", "mac-roman", "hz",
    "charmap", "utf-8-sig", "x-user-defined", "unicode-1-1-utf-8",
]  # fmt: skip
BROKEN_LABELS = [
    "undefined", "base64", "hex", "zlib", "bz2", "rot13", "uu", "quopri",
    "punycode",
]  # fmt: skip


def _no_codec(label: str) -> bool:
    try:
        codecs.lookup(label)
    except LookupError:
        return True
    return False


# Names no codec answers to.
bogus_labels = st.from_regex(r"[a-z0-9._:\-]{1,24}", fullmatch=True).filter(_no_codec)
meta_prefix = st.one_of(
    st.just(b""),
    st.sampled_from(REAL_LABELS).map(
        lambda label: f"<meta charset='{label}'>".encode()
    ),
    bogus_labels.map(lambda label: f'<meta charset="{label}">'.encode()),
)
any_meta_prefix = st.one_of(
    meta_prefix,
    st.sampled_from(BROKEN_LABELS).map(
        lambda label: f"<meta charset={label}>".encode()
    ),
)
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]


def _decodes(raw: bytes, declared: str) -> None:
    text, used = decode_html(raw, declared)
    assert isinstance(text, str)
    assert codecs.lookup(used)  # a codec the caller can name again


@FEW
@given(
    raw=st.tuples(st.sampled_from(BOMS), meta_prefix, st.binary(max_size=300)).map(
        b"".join
    ),
    declared=st.one_of(st.sampled_from(REAL_LABELS), bogus_labels),
)
@example(raw=b"\xff\xfe\x00", declared="utf-8")
@example(raw="“Zitat” «x»".encode(), declared="shift_jis")
@example(raw="«déjà»".encode("cp1252"), declared="utf-16")
@example(raw=b"<meta charset=x-unknown>" + b"\xe2\x80", declared="")
def test_it_decodes_any_bytes_under_real_bogus_or_lying_charsets(
    raw: bytes, declared: str
):
    _decodes(raw, declared)


@FEW
@given(text=st.text(any_characters, max_size=200))
def test_it_reads_undeclared_utf8_as_utf8(text: str):
    raw = text.encode("utf-8")
    if raw.startswith(codecs.BOM_UTF8) or b"<meta" in raw.lower():
        return
    assert decode_html(raw, "") == (text, "utf-8")


@FEW
@given(
    raw=st.tuples(any_meta_prefix, st.binary(max_size=300)).map(b"".join),
    declared=st.one_of(
        st.sampled_from(BROKEN_LABELS), st.text(any_characters, max_size=30)
    ),
)
@example(raw=b"<html>", declared="undefined")
@example(raw=b"<meta charset=base64><p>x", declared="")
@example(raw="\u00fcmlaut".encode(), declared="punycode")
@example(raw=b"<p>x", declared="utf-8\x00")
def test_it_decodes_any_bytes_under_any_declared_charset(raw: bytes, declared: str):
    _decodes(raw, declared)
