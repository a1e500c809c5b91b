"""Labelled sentences -> a check-worthiness Model.

Input: sentences and Yes/No labels (``read_checkthat_tsv`` reads a CheckThat!
task 1 file). Output: a ``Model``. ``train_model`` parses the sentences with
spaCy (the same pipeline as the analysis; two to three minutes for the 22,500
CheckThat! sentences on one core), then fits the logistic regression by
mini-batch Adam (seconds) and, with ``embeddings``, the MiniLM stacking head.
The same inputs and seed give the same weights on the same machine. Pure: no
ORM, settings or network.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from claims.ingest.checkworthy import features as features_module
from claims.ingest.checkworthy.features import HASH_BITS, Row, sparse_size
from claims.ingest.checkworthy.model import Head, Model

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan

# Defaults, chosen by cross-validation on the training file (5 folds, F1 at
# the best threshold) and on the dev split (see the package docstring).
EPOCHS = 10
LEARNING_RATE = 0.02
L2 = 1e-6
BATCH_SIZE = 128
SEED = 0
HEAD_LAYER = 4
HEAD_L2 = 3e-4
HEAD_FOLDS = 5


@dataclass(frozen=True)
class Sentences:
    """Training sentences as the model reads them."""

    rows: list[Row]
    static: np.ndarray  # float64 (n, STATIC_DIMENSIONS), as features.static gives

    def take(self, which: np.ndarray) -> Sentences:
        return Sentences([self.rows[i] for i in which], self.static[which])


def featurise(
    texts: Sequence[str],
    spans: Sequence[DocSpan | None] | None = None,
    *,
    hash_bits: int = HASH_BITS,
) -> Sentences:
    """The features of ``texts``, parsing them with spaCy unless their spans
    are given."""
    if spans is None:
        from claims.ingest import nlp

        spans = [doc[:] for doc in nlp.parse_many(texts)]
    rows = [
        features_module.row(text, span, hash_bits)
        for text, span in zip(texts, spans, strict=True)
    ]
    return Sentences(rows, features_module.static(texts))


def train(
    sentences: Sentences,
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
    step; the same inputs and seed give the same weights. The static
    embeddings are standardised with these sentences' means and deviations."""
    rows = sentences.rows
    if len(rows) != len(labels) or not rows:
        raise ValueError("need as many labels as texts, and at least one")
    known = sentences.static[~np.isnan(sentences.static).any(axis=1)]
    if len(known):
        mean, scale = known.mean(axis=0), known.std(axis=0) + 1e-6
    else:  # no embedding model: the static weights stay 0
        mean, scale = np.zeros(known.shape[1]), np.ones(known.shape[1])
    static = np.nan_to_num((sentences.static - mean) / scale, nan=0.0)
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r.index) for r in rows])
    index = np.concatenate([r.index for r in rows])
    value = np.concatenate([r.value for r in rows])
    y = np.asarray(labels, dtype=np.float64)
    dim = sparse_size(hash_bits)

    rng = np.random.default_rng(seed)
    # Sparse weights, then the static ones; the bias last.
    w = np.zeros(dim + static.shape[1] + 1)
    m, v = np.zeros_like(w), np.zeros_like(w)
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
            z += static[batch] @ w[dim:-1] + w[-1]
            error = (_sigmoid(z) - y[batch]) / len(batch)
            grad = np.empty_like(w)
            grad[:dim] = np.bincount(
                index[sel], weights=value[sel] * error[row], minlength=dim
            )
            grad[dim:-1] = static[batch].T @ error
            grad[-1] = error.sum()
            grad[:-1] += l2 * w[:-1]  # the bias is not shrunk
            step += 1
            m = beta1 * m + (1 - beta1) * grad
            v = beta2 * v + (1 - beta2) * grad * grad
            c1, c2 = 1 - beta1**step, 1 - beta2**step
            w -= rate * (m / c1) / (np.sqrt(v / c2) + eps)
    return Model(
        weights=w[:-1].astype(np.float32),
        bias=float(w[-1]),
        static_mean=mean.astype(np.float32),
        static_scale=scale.astype(np.float32),
        hash_bits=hash_bits,
    )


def train_model(
    texts: Sequence[str],
    labels: Sequence[bool],
    *,
    embeddings: bool = False,
    head_layer: int = HEAD_LAYER,
    head_l2: float = HEAD_L2,
    log: Callable[[str], None] | None = None,
    **options: Any,
) -> Model:
    """Parse and featurise ``texts``, fit the model on all of them
    (``options`` go to train()), then, with ``embeddings``, the stacking head
    (train_head)."""
    say = log or (lambda message: None)
    say(f"parsing {len(texts)} sentences")
    sentences = featurise(texts, hash_bits=options.get("hash_bits", HASH_BITS))
    say(f"logistic regression on {len(texts)} sentences")
    model = train(sentences, labels, **options)
    if not embeddings:
        return model
    head = train_head(
        texts,
        labels,
        sentences,
        layer=head_layer,
        l2=head_l2,
        log=say,
        options=options,
    )
    return replace(model, head=head)


def train_head(
    texts: Sequence[str],
    labels: Sequence[bool],
    sentences: Sentences,
    *,
    layer: int = HEAD_LAYER,
    l2: float = HEAD_L2,
    folds: int = HEAD_FOLDS,
    log: Callable[[str], None] | None = None,
    options: dict[str, Any] | None = None,
) -> Head:
    """Fit the stacking stage: the first model's logit is taken out of fold
    (a model trained on the other folds scores each sentence), so the head
    weighs it as on text it has not seen; MiniLM's states are standardised.
    Fitted by Newton's method, which needs no step size and is deterministic.
    ``options`` go to train() for the fold models."""
    say = log or (lambda message: None)
    if len(texts) != len(labels) or len(texts) < folds:
        raise ValueError("need as many labels as texts, and one per fold at least")
    y = np.asarray(labels, dtype=np.float64)
    options = options or {}
    fold = np.random.default_rng(options.get("seed", SEED)).integers(
        0, folds, len(texts)
    )
    first = np.zeros(len(texts))
    for k in range(folds):
        say(f"first model, fold {k + 1} of {folds}")
        inside, outside = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        if len(inside) == 0 or len(outside) == 0:
            continue
        model = train(sentences.take(inside), [labels[i] for i in inside], **options)
        held_out = sentences.take(outside)
        first[outside] = model.logits(held_out.rows, held_out.static)
    say(f"MiniLM layer {layer} states of {len(texts)} sentences")
    from claims.ingest import embed

    states = embed.pooled(list(texts), layers=layer).astype(np.float64)
    mean = states.mean(axis=0)
    scale = states.std(axis=0) + 1e-6
    x = np.hstack([(states - mean) / scale, first[:, None], np.ones((len(y), 1))])
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


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))
