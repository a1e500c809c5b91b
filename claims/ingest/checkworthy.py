"""spaCy Span -> Checkworthiness: how much a sentence or clause is worth checking.

Input: a span of a parsed ``Doc`` (a sentence, or the content of a quote), or
many at once. Output: a ``Checkworthiness`` with a score in 0..1, the boolean
``checkworthy`` (score >= the threshold) and the features that weighed most, so
an editor can see why a sentence was picked.

The shipped model is stage 1 alone; stage 2 is built with ``train_checkworthy
--embeddings`` and used whenever the model file holds it:

1. A logistic regression over hashed word unigrams and bigrams (digits folded to
   "0", so "4.2 percent" and "17 percent" share "0 percent") plus a few dense
   features: a digit, a percentage, money or large quantities, capitalised
   names, a question, first-person opinion, modal verbs, length. It reads only
   the text and costs microseconds.
2. A logistic regression over that model's logit and the sentence's meaning:
   the mean of MiniLM's hidden states after its 4th layer (embed.pooled), each
   dimension standardised. The hashed model learns words; MiniLM generalises to
   wordings the training sentences lack. The stacker learns from the hashed
   model's out-of-fold logits, so it weighs the hashed model as it does on
   unseen text.

Chosen on the CheckThat! dev split, through the same ``analyse`` pipeline the
product runs (best F1 over thresholds): the hashed model alone 0.905 (0.903 at
HASHED_THRESHOLD, on a plateau from 0.34 to 0.38); stacked with MiniLM's layer 2
0.912, layer 3 0.914, layer 4 0.924. Layers 5, 6 and the final normalised
embedding did no better than layer 4 in a quicker test (0.91 to 0.93), and layer
4 costs 4/6 of a full embedding. THRESHOLD is the middle of layer 4's plateau
(0.921 to 0.924 from 0.36 to 0.46).

The MiniLM stage costs about 5 ms of one core per sentence, as much as spaCy's
parse: with it, ``make eval`` measures the analysis at 2.2 to 2.6 times the parse
alone, against 1.0 to 1.4 without (one core, shared machine). When the embedding
model is not installed (embed.available()), or the model file was trained
without ``--embeddings`` (as the shipped one is: the speed goal, analysis within
1.5 times the parse, outweighs +0.04 F1), the hashed model scores alone against
HASHED_THRESHOLD.

The weights live in ``claims/ingest/data/checkworthy.npz`` (under 1 MB), loaded
once per process on first use. They are rebuilt from the public CheckThat! 2024
task 1 training sentences (doi 10.5281/zenodo.3609356) by::

    python manage.py train_checkworthy \\
        --data /work/shared/eval/checkworthy/train.tsv \\
        -o claims/ingest/data/checkworthy.npz

bit for bit on the same machine (the hashed stage on any machine; the MiniLM
states may differ in their last float32 bits across CPUs). Pure: no ORM,
settings or network.
"""

from __future__ import annotations

import itertools
import re
import threading
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan

# Decision thresholds on the stacked score, and on the hashed model's alone.
THRESHOLD = 0.41
HASHED_THRESHOLD = 0.36
MODEL_PATH = Path(__file__).parent / "data" / "checkworthy.npz"
# Bumped whenever features() changes, so a stale model file fails loudly.
FEATURES_VERSION = 1
HASH_BITS = 18
_DIMENSIONS = 384  # MiniLM's hidden size (embed.DIMENSIONS)
# How many features Checkworthiness.features reports.
EXPLAIN_TOP = 6

# Training defaults, chosen on the dev split (see train() and train_head()).
EPOCHS = 10
LEARNING_RATE = 0.01
L2 = 1e-6
BATCH_SIZE = 128
SEED = 0
HEAD_LAYER = 4
HEAD_L2 = 3e-4
HEAD_FOLDS = 5
# The name under which the MiniLM stage shows in Checkworthiness.features.
MEANING = "meaning"

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
class Head:
    """The stacking stage: a logistic regression over the hashed model's logit
    and a sentence's mean-pooled MiniLM states after ``layer`` layers."""

    layer: int
    mean: np.ndarray  # float32 (384,): the states' means on the training data
    scale: np.ndarray  # float32 (384,): and their standard deviations
    weights: np.ndarray  # float32 (384,)
    hashed_weight: float
    bias: float

    def meaning(self, states: np.ndarray) -> np.ndarray:
        """The MiniLM part of the logit, one value per row of ``states``."""
        return ((states - self.mean) / self.scale) @ self.weights

    def logit(self, hashed: np.ndarray, states: np.ndarray) -> np.ndarray:
        return self.bias + self.hashed_weight * hashed + self.meaning(states)


@dataclass(frozen=True)
class Model:
    """Logistic-regression weights: ``2**hash_bits`` hashed, then the dense ones;
    and the stacking head, when trained with embeddings."""

    weights: np.ndarray  # float32, shape (2**hash_bits + len(DENSE_NAMES),)
    bias: float
    hash_bits: int = HASH_BITS
    head: Head | None = None

    def hashed_logit(self, text: str) -> float:
        index, value, _ = _vector(text, self.hash_bits)
        return float(self.weights[index] @ value) + self.bias

    def probability(self, text: str) -> float:
        """The score of one text, as score_text gives it, unrounded."""
        return float(_sigmoid(self._logits([text])[0]))

    def uses_embeddings(self) -> bool:
        from claims.ingest import embed

        return self.head is not None and embed.available()

    def _logits(self, texts: Sequence[str]) -> np.ndarray:
        hashed = np.array([self.hashed_logit(t) for t in texts], dtype=np.float64)
        if not self.uses_embeddings():
            return hashed
        return self.head.logit(hashed, _states(list(texts), self.head.layer))

    def save(self, path: str | Path) -> None:
        arrays = {
            "weights": self.weights.astype(np.float32),
            "bias": np.float64(self.bias),
            "hash_bits": np.int64(self.hash_bits),
            "features_version": np.int64(FEATURES_VERSION),
            "dense_names": np.array(DENSE_NAMES),
        }
        if self.head is not None:
            arrays.update(
                head_layer=np.int64(self.head.layer),
                head_mean=self.head.mean.astype(np.float32),
                head_scale=self.head.scale.astype(np.float32),
                head_weights=self.head.weights.astype(np.float32),
                head_hashed_weight=np.float64(self.head.hashed_weight),
                head_bias=np.float64(self.head.bias),
            )
        np.savez_compressed(path, **arrays)

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
            head = None
            if "head_weights" in data:
                head = Head(
                    layer=int(data["head_layer"]),
                    mean=data["head_mean"].astype(np.float32),
                    scale=data["head_scale"].astype(np.float32),
                    weights=data["head_weights"].astype(np.float32),
                    hashed_weight=float(data["head_hashed_weight"]),
                    bias=float(data["head_bias"]),
                )
                if {head.mean.shape, head.scale.shape, head.weights.shape} != {
                    (_DIMENSIONS,)
                }:
                    raise ValueError(f"{path}: head of the wrong shape")
            return cls(
                weights=weights,
                bias=float(data["bias"]),
                hash_bits=hash_bits,
                head=head,
            )


def score(span: DocSpan) -> Checkworthiness:
    """Score one span with the whole sentences it lies in; an empty or
    punctuation-only span scores 0.

    The model learnt from whole sentences, and the words around a reported
    clause are often what separates an opinion from a claim: "I think that
    grows the economy" is an opinion, "that grows the economy" alone is not.
    """
    return score_many([span])[0]


def score_many(spans: Sequence[DocSpan]) -> list[Checkworthiness]:
    """Score spans as score() does, embedding all their sentences in one batch:
    the way to score the claims of one article."""
    return score_texts([_sentences_of(s).text if len(s) else "" for s in spans])


def score_text(text: str) -> Checkworthiness:
    """Score a sentence given as plain text."""
    return score_texts([text])[0]


def score_texts(texts: Sequence[str]) -> list[Checkworthiness]:
    """Score sentences given as plain text; each distinct one is embedded once."""
    model = get_model()
    unique = list(dict.fromkeys(t.strip() for t in texts))
    unique = [t for t in unique if any(c.isalnum() for c in t)]
    if not unique:
        return [Checkworthiness(0.0, False, {}) for _ in texts]
    rows = [_vector(t, model.hash_bits) for t in unique]
    contributions = [model.weights[index] * value for index, value, _ in rows]
    hashed = np.array([float(c.sum()) + model.bias for c in contributions])
    if model.uses_embeddings():
        states = _states(unique, model.head.layer)
        meaning = model.head.meaning(states)
        logits = model.head.logit(hashed, states)
        threshold = THRESHOLD
        explained = [
            _explain(
                [*names, MEANING],
                np.append(model.head.hashed_weight * c, m),
            )
            for (_, _, names), c, m in zip(rows, contributions, meaning, strict=True)
        ]
    else:
        logits = hashed
        threshold = HASHED_THRESHOLD
        explained = [
            _explain(names, c)
            for (_, _, names), c in zip(rows, contributions, strict=True)
        ]
    found = {}
    for text, z, features_ in zip(unique, logits, explained, strict=True):
        value = round(float(_sigmoid(z)), 3)
        found[text] = Checkworthiness(value, value >= threshold, features_)
    empty = Checkworthiness(0.0, False, {})
    return [
        replace(found[t.strip()]) if t.strip() in found else replace(empty)
        for t in texts
    ]


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


def train_model(
    texts: Sequence[str],
    labels: Sequence[bool],
    *,
    embeddings: bool = True,
    head_layer: int = HEAD_LAYER,
    head_l2: float = HEAD_L2,
    log: Callable[[str], None] | None = None,
    **hashed_options: Any,
) -> Model:
    """The hashed model on all of ``texts`` (``hashed_options`` go to train()),
    then, with ``embeddings``, the stacking head (train_head)."""
    say = log or (lambda message: None)
    say(f"hashed model on {len(texts)} sentences")
    model = train(texts, labels, **hashed_options)
    if not embeddings:
        return model
    head = train_head(
        texts,
        labels,
        layer=head_layer,
        l2=head_l2,
        log=say,
        hashed_options=hashed_options,
    )
    return replace(model, head=head)


def train_head(
    texts: Sequence[str],
    labels: Sequence[bool],
    *,
    layer: int = HEAD_LAYER,
    l2: float = HEAD_L2,
    folds: int = HEAD_FOLDS,
    log: Callable[[str], None] | None = None,
    hashed_options: dict[str, Any] | None = None,
) -> Head:
    """Fit the stacking stage: the hashed model's logit is taken out of fold
    (a model trained on the other folds scores each sentence), so the head
    weighs it as on text it has not seen; MiniLM's states are standardised.
    Fitted by Newton's method, which needs no step size and is deterministic.
    ``hashed_options`` go to train() for the fold models."""
    say = log or (lambda message: None)
    if len(texts) != len(labels) or len(texts) < folds:
        raise ValueError("need as many labels as texts, and one per fold at least")
    y = np.asarray(labels, dtype=np.float64)
    hashed_options = hashed_options or {}
    seed = hashed_options.get("seed", SEED)
    fold = np.random.default_rng(seed).integers(0, folds, len(texts))
    hashed = np.zeros(len(texts))
    for k in range(folds):
        say(f"hashed model, fold {k + 1} of {folds}")
        inside = np.flatnonzero(fold != k)
        if len(inside) == 0:
            continue
        model = train(
            [texts[i] for i in inside],
            [labels[i] for i in inside],
            **hashed_options,
        )
        for i in np.flatnonzero(fold == k):
            hashed[i] = model.hashed_logit(texts[i])
    say(f"MiniLM layer {layer} states of {len(texts)} sentences")
    states = _states(list(texts), layer).astype(np.float64)
    mean = states.mean(axis=0)
    scale = states.std(axis=0) + 1e-6
    x = np.hstack([(states - mean) / scale, hashed[:, None], np.ones((len(y), 1))])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    w = _newton(x, y, penalty)
    return Head(
        layer=layer,
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        weights=w[:-2].astype(np.float32),
        hashed_weight=float(w[-2]),
        bias=float(w[-1]),
    )


def _newton(
    x: np.ndarray, y: np.ndarray, penalty: np.ndarray, iterations: int = 50
) -> np.ndarray:
    """Weights minimising the mean log loss plus ``penalty * w**2 / 2``."""
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = _sigmoid(x @ w)
        gradient = x.T @ (p - y) / len(y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x / len(y) + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(w)), gradient)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def _states(texts: list[str], layer: int) -> np.ndarray:
    from claims.ingest import embed

    return embed.pooled(texts, layers=layer)


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
