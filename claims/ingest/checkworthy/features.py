"""A sentence (its text and parse) -> the check-worthiness model's features.

Input: the text of one or more sentences and their span of a parsed ``Doc``.
Output: a ``Row`` (hashed and dense feature indices with their values, and the
features' names for explanations) and, for many sentences at once, their
static embeddings. Four groups:

- words: hashed word unigrams and bigrams (digits folded to "0", so "4.2
  percent" and "17 percent" share "0 percent"), L2-normalised;
- parse: hashed features of spaCy's parse, which the analysis has computed
  already: fine-grained tags and tag pairs ("VBD CD"), entity labels, the root
  verb's tag and lemma, the subject's tag (and the pronoun itself: "I", "we"),
  the subject-verb pair. They generalise where words do not: "NNP VBD CD" is a
  report of a figure whatever the names;
- dense: a digit, a percentage, money or large quantities, capitalised names,
  a question, first-person opinion, modal verbs, length;
- static: the sentence's static embedding (embed.static, a mean of word-piece
  vectors distilled from MiniLM; microseconds per sentence), standardised with
  the training sentences' means and deviations.

Pure: no ORM, settings or network.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan

# Bumped whenever the features change, so a stale model file fails loudly.
FEATURES_VERSION = 2
HASH_BITS = 18
# embed.STATIC_DIMENSIONS, repeated so that importing this costs nothing.
STATIC_DIMENSIONS = 128
# How the static embedding shows in Checkworthiness.features.
STATIC_NAME = "wording"

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+(?:[.,]\d+)*|[^\w\s]")
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
_QUANTITY = re.compile(
    r"[$£€]\s?\d|\b(?:hundred|thousand|million|billion|trillion)s?\b", re.IGNORECASE
)
# A capitalised word not at the start of the text or of a sentence: a cheap
# stand-in for a named entity that needs no parse. The capital comes first and
# the context is looked at behind it, so that the search skips to capitals.
_NAME = re.compile(r"[A-Z](?<!^.)(?<![.!?:\"] .)(?<!\w.)[a-z]+")
_OPINION = re.compile(
    r"\b(?:I|we)(?:'m| am| are|'re)? (?:really |just |strongly )?"
    r"(?:think|believe|feel|hope|want|wish|guess|suppose|love|like)\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:should|must|would|could|might|may|shall|ought|gonna)\b", re.IGNORECASE
)


def _found(pattern: re.Pattern[str], *hints: str) -> Callable[[str], bool]:
    """Whether ``pattern`` (IGNORECASE) matches a text, searched only when the
    lower-cased text holds one of ``hints``: pieces of every possible match.
    The hints leave out "i" and "s", which IGNORECASE also matches with "ı"
    and "ſ" (str.lower keeps those as they are)."""

    def found(text: str) -> bool:
        lower = text.lower()
        return any(hint in lower for hint in hints) and bool(pattern.search(text))

    return found


_HAS_PERCENT = _found(_PERCENT, "%", "cent")
_HAS_QUANTITY = _found(_QUANTITY, "$", "£", "€", "hundred", "thou", "llion")
_HAS_MODAL = _found(_MODAL, "ould", "mu", "ght", "may", "hall", "gonna")

# Dense features, each 0..1, in the order the weight vector stores them.
_DENSE: tuple[tuple[str, Callable[[str, int], float]], ...] = (
    ("digit", lambda text, n: float(any(map(str.isdigit, text)))),
    ("percent", lambda text, n: float(_HAS_PERCENT(text))),
    ("quantity", lambda text, n: float(_HAS_QUANTITY(text))),
    ("names", lambda text, n: min(3, len(_NAME.findall(text))) / 3),
    ("question", lambda text, n: float(text.rstrip("\"' ").endswith("?"))),
    ("first_person_opinion", lambda text, n: float(bool(_OPINION.search(text)))),
    ("modal", lambda text, n: float(_HAS_MODAL(text))),
    ("short", lambda text, n: float(n < 6)),
    ("long", lambda text, n: float(n > 25)),
)
DENSE_NAMES = tuple(name for name, _ in _DENSE)
_SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class Row:
    """The sparse features of one sentence: indices into the weight vector (the
    words' hash slots, then the parse's, then the dense features), their values
    and their names."""

    index: np.ndarray  # int64
    value: np.ndarray  # float64
    names: list[str]


def sparse_size(hash_bits: int) -> int:
    """Weights before the static ones: two hash tables and the dense features."""
    return (2 << hash_bits) + len(DENSE_NAMES)


def words(text: str, found: list[str] | None = None) -> list[str]:
    """The word feature names of ``text``: words and word pairs, lower-cased,
    digit runs folded to "0" (one "0" per digit, up to four). ``found`` is
    ``_TOKEN.findall(text)``, when the caller has it."""
    tokens = [
        "0" * min(len(t), 4) if t[0].isdigit() else t.lower()
        for t in (_TOKEN.findall(text) if found is None else found)
    ]
    padded = ["<s>", *tokens, "</s>"]
    return [f"w:{w}" for w in tokens] + [
        f"b:{a} {b}" for a, b in itertools.pairwise(padded)
    ]


def parse(span: DocSpan | None) -> list[str]:
    """The parse feature names of ``span`` (see the module docstring); none
    without a span."""
    if span is None:
        return []
    tokens = [t for t in span if not t.is_space]
    tags = [t.tag_ for t in tokens]
    found = [f"tag:{tag}" for tag in tags]
    found += [f"tags:{a} {b}" for a, b in itertools.pairwise(["<s>", *tags, "</s>"])]
    # Entities by their first tokens: span.ents scans the whole Doc each time,
    # which for the sentences of a long article costs more than the rest.
    found += [
        f"entity:{t.ent_type_}" for t in tokens if t.ent_iob_ == "B" and t.ent_type_
    ]
    for token in tokens:
        if token.dep_ == "ROOT":
            found += [f"root:{token.tag_}", f"root lemma:{token.lemma_.lower()}"]
        elif token.dep_ in _SUBJECTS:
            # A pronoun subject is worth its word: "I" and "we" open opinions,
            # "they" and "he" reports.
            who = token.lower_ if token.tag_ == "PRP" else ""
            found.append(f"subject:{token.tag_}:{who}")
            if token.head.dep_ == "ROOT":
                found.append(f"subject verb:{who or token.tag_} {token.head.tag_}")
    return found


def dense(text: str, found: list[str] | None = None) -> np.ndarray:
    """The dense features of ``text``, in DENSE_NAMES order (``found`` as for
    ``words``)."""
    found = _TOKEN.findall(text) if found is None else found
    n = sum(1 for t in found if t[0].isalnum())
    return np.array([f(text, n) for _, f in _DENSE], dtype=np.float64)


def row(text: str, span: DocSpan | None, hash_bits: int = HASH_BITS) -> Row:
    """The sparse features of one sentence, ``text`` being ``span``'s text."""
    mask = (1 << hash_bits) - 1
    # Gathered in lists, made arrays once: NumPy's calls cost more than the
    # values of one sentence.
    index: list[int] = []
    value: list[float] = []
    names: list[str] = []
    found = _TOKEN.findall(text)
    for offset, group in enumerate((words(text, found), parse(span))):
        slots: dict[int, str] = {}
        for name in group:
            slots.setdefault(zlib.crc32(name.encode("utf-8")) & mask, name)
        if slots:
            index += [slot + (offset << hash_bits) for slot in slots]
            value += [1 / math.sqrt(len(slots))] * len(slots)
            names += slots.values()
    for i, v in enumerate(dense(text, found).tolist()):
        if v:
            index.append((2 << hash_bits) + i)
            value.append(v)
            names.append(DENSE_NAMES[i])
    return Row(np.array(index, dtype=np.int64), np.array(value), names)


def static(texts: Sequence[str]) -> np.ndarray:
    """The static embeddings of ``texts``, float64 ``(n, STATIC_DIMENSIONS)``;
    rows of NaN when the embedding model is not installed (the model then
    reads the training mean: see Model.standardise)."""
    from claims.ingest import embed

    if not embed.available():
        _warn_missing()
        return np.full((len(texts), STATIC_DIMENSIONS), np.nan)
    return embed.static(list(texts)).astype(np.float64)


@cache
def _warn_missing() -> None:
    log.warning(
        "check-worthiness without the static embedding: the MiniLM model is not "
        "installed (requirements-nodeps.txt)"
    )
