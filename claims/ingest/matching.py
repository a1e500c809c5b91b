"""Two claims -> are they the same claim? The comparisons, without the database.

A new claim is compared with stored ones three ways, cheapest first:

- **exact**: the same words once case, accents, quotes and punctuation are
  ignored (``text_key``), whoever said them;
- **lexical**: the share of character trigrams the two texts have in common,
  as PostgreSQL's pg_trgm computes it (``lexical_similarity``), for the same
  sentence lightly edited: a word changed, a clause cut, tense shifted;
- **semantic**: the cosine of the two texts' sentence embeddings (a static table
  distilled from MiniLM, see embed.py), for the same statement reworded.

Stored claims to compare with are found through their ``term_keys``: hashed,
crudely stemmed content words, kept in an index table, so a new claim meets
only the stored claims that share its rarer words (see services/matching.py).

``decide`` turns the scores into an action under thresholds that are settings:
link the appearance to the stored claim, propose the pair to editors, or
nothing. Two texts whose numbers or negations differ are never linked without
an editor, however close their wording: "unemployment fell 3%" and
"unemployment fell 30%" are the distortion a fact-checker wants to see.

Pure: no ORM, settings or network.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

LINK = "link"
PROPOSE = "propose"

# Function words and reporting words: they say nothing about what a claim is about.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because
    been before being below between both but by can could did do does doing down
    during each few for from further had has have having he her here hers herself
    him himself his how i if in into is it its itself just me more most my myself
    no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours
    yourself yourselves said says say saying told tell tells according added
    stated statement claimed claims claim believe believes thinks think would mr
    mrs ms dr one two also many much well new
    """.split()  # noqa: SIM905
)
NEGATIONS = frozenset(
    """
    not no never none nobody nothing neither nor cannot can't won't don't doesn't
    didn't isn't aren't wasn't weren't hasn't haven't hadn't shouldn't wouldn't
    couldn't without
    """.split()  # noqa: SIM905
)
STEM_CHARS = 7  # words agree on their first seven letters: "taxes"/"taxation"
MAX_TERMS = 40
# A new claim looks for stored claims by its this-many rarest words.
QUERY_TERMS = 12

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = {
    "zero": "0", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
    "eleven": "11", "twelve": "12", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "hundred": "100", "thousand": "1000", "million": "1000000",
    "billion": "1000000000", "half": "0.5", "dozen": "12",
}  # fmt: skip


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace("’", "'")


@lru_cache(maxsize=16384)
def normalised(text: str) -> str:
    """The text as ``text_key`` sees it: words only, lower case, no accents."""
    text = re.sub(r"[\W_]+", " ", _fold(text)).strip()
    return re.sub(r"^the ", "", text)


def text_key(text: str) -> str:
    """Identical for texts that differ only in case, accents and punctuation."""
    return hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def terms(text: str) -> list[str]:
    """The content words of ``text``, stemmed to their first letters, in order."""
    out: list[str] = []
    for word in _words(text):
        if (
            word in STOPWORDS
            or word in NEGATIONS
            or (len(word) < 2 and not word.isdigit())
        ):
            continue
        out.append(word if word.isdigit() else _stem(word))
    return list(dict.fromkeys(out))


def _stem(word: str) -> str:
    """Crude and cheap: possessives and plurals off, then the first letters."""
    if word.endswith(("'s", "s'")):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:STEM_CHARS]


def _hash64(value: str) -> int:
    digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


# The store needs a new claim's keys twice, to find its candidates and to index
# it: a few hundred texts of recent articles are kept.
@lru_cache(maxsize=512)
def term_keys(text: str) -> tuple[int, ...]:
    """Signed 64-bit keys of ``terms(text)`` (at most ``MAX_TERMS``), for the index."""
    return tuple(_hash64(term) for term in terms(text)[:MAX_TERMS])


# A sentence's trigrams take about 5 KB as a set (the trigram strings are
# interned, shared by every set): 2,048 sentences, the candidates of an article
# or two, where popular claims recur, are 10 MB of a worker's memory. Matching
# the ingest benchmark's articles made 105,000 sets with 1,024, 66,000 with
# 2,048 and 26,000 with 4,096; the 10 MB more for 4,096 took an analyse
# process past its 400 MB after 1,000 articles, for about 1 ms an article.
@lru_cache(maxsize=2048)
def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams: each word padded with two spaces before, one after."""
    return frozenset().union(
        *map(_word_trigrams, re.sub(r"[\W_]+", " ", _fold(text)).split())
    )


# Words recur far more than sentences: a word's trigrams are made once. The
# trigrams are interned (a few thousand distinct ones recur in every word), so
# an entry is about 600 bytes: 8,192 words, 5 MB.
@lru_cache(maxsize=8192)
def _word_trigrams(word: str) -> tuple[str, ...]:
    padded = f"  {word} "
    return tuple(sys.intern(padded[i : i + 3]) for i in range(len(padded) - 2))


def lexical_similarity(a: str | frozenset[str], b: str | frozenset[str]) -> float:
    """Shared trigrams over all trigrams of the two: 1.0 identical, 0.0 nothing."""
    grams_a = a if isinstance(a, frozenset) else trigrams(a)
    grams_b = b if isinstance(b, frozenset) else trigrams(b)
    shared = len(grams_a & grams_b)
    union = len(grams_a) + len(grams_b) - shared  # without building the union
    return shared / union if union else 0.0


def numbers(text: str) -> frozenset[str]:
    """The quantities a text states, digits and number words alike."""
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found.update(_NUMBER_WORDS[w] for w in _words(text) if w in _NUMBER_WORDS)
    return frozenset(found)


def negated(text: str) -> bool:
    words = _words(text)
    return any(w in NEGATIONS or w.endswith("n't") for w in words)


def same_facts(a: str, b: str) -> bool:
    """Whether the two state the same numbers and agree on negation."""
    return numbers(a) == numbers(b) and negated(a) == negated(b)


# --- vectors ---------------------------------------------------------------

SCALE = 127.0


def pack(vector: np.ndarray) -> bytes:
    """A unit vector as bytes, one signed byte per dimension."""
    quantised = np.clip(np.rint(np.asarray(vector) * SCALE), -127, 127)
    return quantised.astype(np.int8).tobytes()


def unpack(data: bytes) -> np.ndarray:
    """``pack``'s bytes back to a float32 vector, renormalised."""
    vector = np.frombuffer(bytes(data), dtype=np.int8).astype(np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


# --- the decision ----------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """Scores at or above which a pair is linked or proposed (settings)."""

    link_lexical: float = 0.75
    link_semantic: float = 0.94
    propose_lexical: float = 0.4
    propose_semantic: float = 0.8


@dataclass(frozen=True)
class Decision:
    action: str  # LINK, PROPOSE or ""
    method: str  # "exact", "lexical" or "semantic"
    score: float


def decide(
    new_text: str,
    old_text: str,
    *,
    lexical: float,
    semantic: float | None,
    thresholds: Thresholds,
) -> Decision:
    """What to do with a new claim and a stored one, given their similarities."""
    if normalised(new_text) == normalised(old_text):
        return Decision(LINK, "exact", 1.0)
    method, score = "lexical", lexical
    if semantic is not None and semantic >= lexical:
        method, score = "semantic", semantic
    linked = lexical >= thresholds.link_lexical or (
        semantic is not None and semantic >= thresholds.link_semantic
    )
    proposed = lexical >= thresholds.propose_lexical or (
        semantic is not None and semantic >= thresholds.propose_semantic
    )
    if linked and same_facts(new_text, old_text):
        return Decision(LINK, method, score)
    if linked or proposed:
        return Decision(PROPOSE, method, score)
    return Decision("", method, score)
