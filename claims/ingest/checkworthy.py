"""spaCy Span -> Checkworthiness: how much a sentence or clause is worth checking.

Input: a span of a parsed ``Doc`` (a sentence, or the content of a quote).
Output: a ``Checkworthiness`` with a score in 0..1, the boolean ``checkworthy``
(score >= THRESHOLD) and the features that weighed most, so an editor can see
why a sentence was picked.

The score is a logistic regression over hashed word unigrams and bigrams (digits
folded to "0", so "4.2 percent" and "17 percent" share "0 percent") plus a few
dense features: a digit, a percentage, money or large quantities, capitalised
names, a question, first-person opinion, modal verbs, length. It reads only the
span's text, so training needs no spaCy parse and scoring costs microseconds.

The weights live in ``claims/ingest/data/checkworthy.npz`` (under 0.5 MB), loaded
once per process on first use. They are rebuilt, bit for bit, from the public
CheckThat! 2024 task 1 training sentences (doi 10.5281/zenodo.3609356) by::

    python manage.py train_checkworthy \\
        --data /work/shared/eval/checkworthy/train.tsv \\
        -o claims/ingest/data/checkworthy.npz

The training defaults (EPOCHS, LEARNING_RATE, L2, HASH_BITS) and THRESHOLD were
chosen on the CheckThat! dev split only, THRESHOLD through the same ``analyse``
pipeline the product runs: dev F1 0.903 on a plateau from 0.34 to 0.38, whose
middle it takes. Pure: no ORM, settings or network.
"""

from __future__ import annotations

import itertools
import re
import threading
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan

THRESHOLD = 0.36
MODEL_PATH = Path(__file__).parent / "data" / "checkworthy.npz"
# Bumped whenever features() changes, so a stale model file fails loudly.
FEATURES_VERSION = 1
HASH_BITS = 18
# How many features Checkworthiness.features reports.
EXPLAIN_TOP = 6

# Training defaults, chosen on the dev split (see train()).
EPOCHS = 10
LEARNING_RATE = 0.01
L2 = 1e-6
BATCH_SIZE = 128
SEED = 0

_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+(?:[.,]\d+)*|[^\w\s]")
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
_QUANTITY = re.compile(
    r"[$£€]\s?\d|\b(?:hundred|thousand|million|billion|trillion)s?\b", re.IGNORECASE
)
# A capitalised word not at the start of the text or of a sentence: a cheap
# stand-in for a named entity that needs no parse.
_NAME = re.compile(r"(?<!^)(?<![.!?:\"] )\b[A-Z][a-z]+")
_OPINION = re.compile(
    r"\b(?:I|we)(?:'m| am| are|'re)? (?:really |just |strongly )?"
    r"(?:think|believe|feel|hope|want|wish|guess|suppose|love|like)\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:should|must|would|could|might|may|shall|ought|gonna)\b", re.IGNORECASE
)

# Dense features, each 0..1, in the order the weight vector stores them.
_DENSE: tuple[tuple[str, Callable[[str, int], float]], ...] = (
    ("digit", lambda text, n: float(any(c.isdigit() for c in text))),
    ("percent", lambda text, n: float(bool(_PERCENT.search(text)))),
    ("quantity", lambda text, n: float(bool(_QUANTITY.search(text)))),
    ("names", lambda text, n: min(3, len(_NAME.findall(text))) / 3),
    ("question", lambda text, n: float(text.rstrip("\"' ").endswith("?"))),
    ("first_person_opinion", lambda text, n: float(bool(_OPINION.search(text)))),
    ("modal", lambda text, n: float(bool(_MODAL.search(text)))),
    ("short", lambda text, n: float(n < 6)),
    ("long", lambda text, n: float(n > 25)),
)
DENSE_NAMES = tuple(name for name, _ in _DENSE)


@dataclass
class Checkworthiness:
    score: float
    checkworthy: bool
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Model:
    """Logistic-regression weights: ``2**hash_bits`` hashed, then the dense ones."""

    weights: np.ndarray  # float32, shape (2**hash_bits + len(DENSE_NAMES),)
    bias: float
    hash_bits: int = HASH_BITS

    def probability(self, text: str) -> float:
        index, value, _ = _vector(text, self.hash_bits)
        return float(_sigmoid(float(self.weights[index] @ value) + self.bias))

    def save(self, path: str | Path) -> None:
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float32),
            bias=np.float64(self.bias),
            hash_bits=np.int64(self.hash_bits),
            features_version=np.int64(FEATURES_VERSION),
            dense_names=np.array(DENSE_NAMES),
        )

    @classmethod
    def load(cls, path: str | Path) -> Model:
        with np.load(path, allow_pickle=False) as data:
            if int(data["features_version"]) != FEATURES_VERSION or tuple(
                data["dense_names"].tolist()
            ) != (DENSE_NAMES):
                raise ValueError(
                    f"{path} was trained for other features; retrain it "
                    "with manage.py train_checkworthy."
                )
            hash_bits = int(data["hash_bits"])
            weights = data["weights"].astype(np.float32)
            if weights.shape != ((1 << hash_bits) + len(DENSE_NAMES),):
                raise ValueError(f"{path}: weights of shape {weights.shape}")
            return cls(weights=weights, bias=float(data["bias"]), hash_bits=hash_bits)


def score(span: DocSpan) -> Checkworthiness:
    """Score one span with the whole sentences it lies in; an empty or
    punctuation-only span scores 0.

    The model learnt from whole sentences, and the words around a reported
    clause are often what separates an opinion from a claim: "I think that
    grows the economy" is an opinion, "that grows the economy" alone is not.
    """
    if len(span) == 0:
        return Checkworthiness(0.0, False, {})
    return score_text(_sentences_of(span).text)


def score_text(text: str) -> Checkworthiness:
    """Score a sentence given as plain text."""
    text = text.strip()
    if not any(c.isalnum() for c in text):
        return Checkworthiness(0.0, False, {})
    model = get_model()
    index, value, names = _vector(text, model.hash_bits)
    contributions = model.weights[index] * value
    value_ = round(float(_sigmoid(float(contributions.sum()) + model.bias)), 3)
    return Checkworthiness(value_, value_ >= THRESHOLD, _explain(names, contributions))


_lock = threading.Lock()


def get_model() -> Model:
    """The shipped model, loaded on first use and kept for the process."""
    with _lock:
        return _load_model(str(MODEL_PATH))


@lru_cache(maxsize=2)
def _load_model(path: str) -> Model:
    return Model.load(path)


def features(text: str) -> list[str]:
    """The sparse feature names of ``text``: words and word pairs, lower-cased,
    digit runs folded to "0" (one "0" per digit, up to four)."""
    words = [
        "0" * min(len(t), 4) if t[0].isdigit() else t.lower()
        for t in _TOKEN.findall(text)
    ]
    padded = ["<s>", *words, "</s>"]
    return [f"w:{w}" for w in words] + [
        f"b:{a} {b}" for a, b in itertools.pairwise(padded)
    ]


def dense(text: str) -> np.ndarray:
    """The dense features of ``text``, in DENSE_NAMES order."""
    n = sum(1 for t in _TOKEN.findall(text) if t[0].isalnum())
    return np.array([f(text, n) for _, f in _DENSE], dtype=np.float64)


def train(
    texts: Sequence[str],
    labels: Sequence[bool],
    *,
    epochs: int = EPOCHS,
    learning_rate: float = LEARNING_RATE,
    l2: float = L2,
    batch_size: int = BATCH_SIZE,
    seed: int = SEED,
    hash_bits: int = HASH_BITS,
) -> Model:
    """Fit the logistic regression by mini-batch Adam with a linearly decaying
    step; the same inputs and seed give the same weights."""
    if len(texts) != len(labels) or not texts:
        raise ValueError("need as many labels as texts, and at least one")
    rows = [_vector(text, hash_bits) for text in texts]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(index) for index, _, _ in rows])
    index = np.concatenate([i for i, _, _ in rows])
    value = np.concatenate([v for _, v, _ in rows])
    y = np.asarray(labels, dtype=np.float64)
    dim = (1 << hash_bits) + len(DENSE_NAMES)

    rng = np.random.default_rng(seed)
    w = np.zeros(dim)
    b = 0.0
    m, v = np.zeros(dim), np.zeros(dim)
    mb = vb = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    step = 0
    for epoch in range(epochs):
        rate = learning_rate * (1 - epoch / epochs)
        order = rng.permutation(len(y))
        for start in range(0, len(y), batch_size):
            batch = order[start : start + batch_size]
            lengths = indptr[batch + 1] - indptr[batch]
            sel = np.concatenate([np.arange(indptr[r], indptr[r + 1]) for r in batch])
            row = np.repeat(np.arange(len(batch)), lengths)
            z = np.bincount(
                row, weights=value[sel] * w[index[sel]], minlength=len(batch)
            )
            error = (_sigmoid(z + b) - y[batch]) / len(batch)
            grad = np.bincount(
                index[sel], weights=value[sel] * error[row], minlength=dim
            )
            grad += l2 * w
            grad_b = float(error.sum())
            step += 1
            m = beta1 * m + (1 - beta1) * grad
            v = beta2 * v + (1 - beta2) * grad * grad
            mb = beta1 * mb + (1 - beta1) * grad_b
            vb = beta2 * vb + (1 - beta2) * grad_b * grad_b
            c1, c2 = 1 - beta1**step, 1 - beta2**step
            w -= rate * (m / c1) / (np.sqrt(v / c2) + eps)
            b -= rate * (mb / c1) / (np.sqrt(vb / c2) + eps)
    return Model(weights=w.astype(np.float32), bias=b, hash_bits=hash_bits)


def read_checkthat_tsv(path: str | Path) -> tuple[list[str], list[bool]]:
    """Sentences and labels of a CheckThat! task 1 file
    (``Sentence_id<TAB>Text<TAB>class_label``, Yes/No).

    The text is kept as released, quote doubling included. The 2024 English
    training file has one line where two records ran together without a line
    break; the pattern reads both."""
    raw = Path(path).read_text(encoding="utf-8")
    records = _RECORD.findall(raw)
    if not records:
        raise ValueError(f"{path}: no Sentence_id<TAB>Text<TAB>Yes|No records")
    return [text for _, text, _ in records], [label == "Yes" for *_, label in records]


_RECORD = re.compile(
    r"(?m)(?:^|(?<=Yes)|(?<=No))(\d+)\t([^\t\n]*)\t(Yes|No)(?=\d|\r?$)"
)


def _vector(text: str, hash_bits: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Indices, values (the hashed part L2-normalised) and feature names."""
    mask = (1 << hash_bits) - 1
    slots: dict[int, str] = {}
    for name in features(text):
        slots.setdefault(zlib.crc32(name.encode("utf-8")) & mask, name)
    hashed = np.fromiter(slots, dtype=np.int64, count=len(slots))
    weight = 1 / np.sqrt(len(slots)) if slots else 0.0
    dense_values = dense(text)
    on = np.flatnonzero(dense_values)
    index = np.concatenate([hashed, (1 << hash_bits) + on])
    value = np.concatenate([np.full(len(hashed), weight), dense_values[on]])
    names = [*slots.values(), *(DENSE_NAMES[i] for i in on)]
    return index, value, names


def _sentences_of(span: DocSpan) -> DocSpan:
    doc = span.doc
    if not doc.has_annotation("SENT_START"):
        return span
    return doc[span[0].sent.start : span[-1].sent.end]


def _explain(names: list[str], contributions: np.ndarray) -> dict[str, float]:
    """The strongest features, words quoted: {'"percent"': 0.3, "question": -1.5}."""
    top = np.argsort(-np.abs(contributions), kind="stable")[:EXPLAIN_TOP]
    return {_label(names[i]): round(float(contributions[i]), 3) for i in top}


def _label(name: str) -> str:
    if name[:2] not in ("w:", "b:"):
        return name
    words = name[2:].replace("<s>", "[start]").replace("</s>", "[end]")
    return f'"{words}"'


def _sigmoid(z: np.ndarray | float) -> np.ndarray | float:
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))
