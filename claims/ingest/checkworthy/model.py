"""The check-worthiness model's weights, its logits, and its file format.

Input: sentences as feature rows and static embeddings (features.py). Output:
logits. ``Model.save`` / ``Model.load`` write and read the ``.npz`` file. Pure:
no ORM, settings or network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from claims.ingest.checkworthy import features as features_module
from claims.ingest.checkworthy.features import (
    DENSE_NAMES,
    HASH_BITS,
    STATIC_DIMENSIONS,
    Row,
    sparse_size,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan

MINILM_DIMENSIONS = 384  # embed.DIMENSIONS


@dataclass(frozen=True)
class Head:
    """The optional stacking stage: a logistic regression over the first
    model's logit and a sentence's mean-pooled MiniLM states after ``layer``
    layers."""

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
    """Logistic-regression weights, in features.Row's order (two hash tables of
    ``2**hash_bits``, then the dense features), then one per static dimension,
    applied to the static embedding standardised with ``static_mean`` and
    ``static_scale``; and the stacking head, when trained with embeddings."""

    weights: np.ndarray  # float32, (sparse_size(hash_bits) + STATIC_DIMENSIONS,)
    bias: float
    static_mean: np.ndarray  # float32 (STATIC_DIMENSIONS,)
    static_scale: np.ndarray  # float32 (STATIC_DIMENSIONS,)
    hash_bits: int = HASH_BITS
    head: Head | None = None

    @property
    def static_weights(self) -> np.ndarray:
        return self.weights[sparse_size(self.hash_bits) :]

    def standardise(self, static: np.ndarray) -> np.ndarray:
        """Static embeddings as the weights read them; a missing one (NaN) as
        the training mean, so it weighs nothing."""
        scaled = (static - self.static_mean) / self.static_scale
        return np.nan_to_num(scaled, nan=0.0)

    def contributions(self, row: Row) -> np.ndarray:
        """Each sparse feature's share of the logit."""
        return self.weights[row.index] * row.value

    def static_part(self, static: np.ndarray) -> np.ndarray:
        """The static embedding's share of the logit, one per row of ``static``."""
        return self.standardise(static) @ self.static_weights

    def logits(self, rows: Sequence[Row], static: np.ndarray) -> np.ndarray:
        """The first stage's logits of sentences given as rows and embeddings."""
        sparse = np.array([float(self.contributions(r).sum()) for r in rows])
        return sparse + self.static_part(static) + self.bias

    def logit(self, text: str, span: DocSpan | None = None) -> float:
        """The first stage's logit of one sentence (parsed when no span)."""
        if span is None:
            from claims.ingest import nlp

            span = nlp.parse(text)[:]
        row = features_module.row(text, span, self.hash_bits)
        return float(self.logits([row], features_module.static([text]))[0])

    def probability(self, text: str) -> float:
        """The first stage's score of one text, unrounded."""
        return float(1 / (1 + np.exp(-np.clip(self.logit(text), -30, 30))))

    def save(self, path: str | Path) -> None:
        arrays = {
            "weights": self.weights.astype(np.float32),
            "bias": np.float64(self.bias),
            "static_mean": self.static_mean.astype(np.float32),
            "static_scale": self.static_scale.astype(np.float32),
            "hash_bits": np.int64(self.hash_bits),
            "features_version": np.int64(features_module.FEATURES_VERSION),
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
            version = int(data["features_version"])
            names = tuple(data["dense_names"].tolist())
            if version != features_module.FEATURES_VERSION or names != DENSE_NAMES:
                raise ValueError(
                    f"{path} was trained for other features; retrain it "
                    "with manage.py train_checkworthy."
                )
            hash_bits = int(data["hash_bits"])
            weights = data["weights"].astype(np.float32)
            if weights.shape != (sparse_size(hash_bits) + STATIC_DIMENSIONS,):
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
                    (MINILM_DIMENSIONS,)
                }:
                    raise ValueError(f"{path}: head of the wrong shape")
            return cls(
                weights=weights,
                bias=float(data["bias"]),
                static_mean=data["static_mean"].astype(np.float32),
                static_scale=data["static_scale"].astype(np.float32),
                hash_bits=hash_bits,
                head=head,
            )
