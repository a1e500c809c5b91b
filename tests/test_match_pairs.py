"""The labelled claim pairs (bench/match_pairs.jsonl) are well formed.

The file holds no text: each side is a document of the evaluation kit, character
offsets and a hash of the text (bench/README.md, "Claim matching: labelled
pairs"). Where the kit is present (../shared/eval), every side must still point
at the text it was labelled on; without it those checks are skipped.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "bench" / "match_pairs.jsonl"


def _bench():
    spec = importlib.util.spec_from_file_location(
        "match_eval", ROOT / "bench" / "match_eval.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("match_eval", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


match_eval = _bench()


@pytest.fixture(scope="module")
def pairs() -> list[dict]:
    return match_eval.load_pairs(PAIRS)


def test_fields_labels_and_splits(pairs):
    assert pairs, "no pairs"
    ids = [p["pair"] for p in pairs]
    assert len(ids) == len(set(ids))
    for p in pairs:
        assert set(p) == {"pair", "corpus", "split", "band", "label", "a", "b"}, p
        assert p["corpus"] in match_eval.CORPORA
        assert p["label"] in (match_eval.SAME, match_eval.DIFFERENT)
        assert p["split"] in ("tune", "test")
        for side in (p["a"], p["b"]):
            assert set(side) == {"doc", "start", "end", "sha"}, side
            assert 0 <= side["start"] < side["end"]
            assert re.fullmatch(r"[0-9a-f]{12}", side["sha"])
        assert p["a"]["doc"] != p["b"]["doc"], "a pair joins two documents"
    # Both labels in both halves, or the figures mean nothing.
    for split in ("tune", "test"):
        labels = {p["label"] for p in pairs if p["split"] == split}
        assert labels == {match_eval.SAME, match_eval.DIFFERENT}, split


def test_split_follows_the_committed_rule(pairs):
    """The half is a function of the document id: no document in both halves."""
    halves: dict[str, set[str]] = {}
    for p in pairs:
        for side in (p["a"], p["b"]):
            assert match_eval.half(side["doc"]) == p["split"], (p["pair"], side)
            halves.setdefault(side["doc"], set()).add(p["split"])
    assert all(len(h) == 1 for h in halves.values())


def test_no_pair_twice(pairs):
    seen = set()
    for p in pairs:
        key = frozenset((s["doc"], s["start"], s["end"]) for s in (p["a"], p["b"]))
        assert key not in seen, p["pair"]
        seen.add(key)


def test_sides_point_at_the_labelled_texts(pairs):
    kit = match_eval.EVAL
    if not all((kit / name).is_file() for name in match_eval.CORPORA.values()):
        pytest.skip(f"evaluation kit not at {kit}")
    texts = match_eval.load_texts(kit)
    for p in pairs:
        for side in (p["a"], p["b"]):
            assert side["doc"] in texts[p["corpus"]], (p["pair"], side["doc"])
            assert side["end"] <= len(texts[p["corpus"]][side["doc"]])
            # Raises when the text at the offsets is not the one labelled.
            text = match_eval.span_text(texts, p["corpus"], side)
            assert text.strip() == text and text
