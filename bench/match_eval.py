"""Claim matching: precision and recall of the thresholds on labelled claim pairs.

    .venv/bin/python bench/match_eval.py           # test half at the settings
    .venv/bin/python bench/match_eval.py --tune    # + sweep on the tune half, choice
    .venv/bin/python bench/match_eval.py --load    # + queue load on the corpora
    .venv/bin/python bench/match_eval.py --mine F  # candidates to label (texts in F)

The pairs (bench/match_pairs.jsonl, described in bench/README.md, "Claim matching:
labelled pairs") are two claim texts from two different documents of the public
evaluation kit (``../shared/eval``): PolNeAR attribution contents (no licence: the
file keeps document ids, character offsets and a 12-hex-digit SHA-256 prefix of each
text, never the text) and Wikinews sentences (CC BY 2.5, kept the same way). The
texts are read from the kit at run time; a text whose hash no longer matches stops
the run.

Every pair goes through the real decision: ``claims.ingest.matching.decide`` with
``lexical_similarity`` of the two texts and the cosine of their
``claims.ingest.embed.static`` vectors (quantised to bytes and back, as the stored
vectors are). Scores are reported for two outcomes:

- **link**: ``decide`` returns LINK (the appearance is linked with no editor);
- **reaches editors**: LINK or PROPOSE (linked, or put in the match queue).

A pair labelled "same" counts as a true positive when the outcome happens.

Halves: a document belongs to the tune half when the first byte of the SHA-256 of
its id is even, else to the test half (``half``); pairs are mined only between two
documents of one half, so no document is in both. Thresholds are chosen on the tune
half (``--tune`` prints the sweep and the choice); the test half only measures.

Written to bench/results-match-eval.json (not committed).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import math
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.ingest import matching  # noqa: E402

PAIRS = ROOT / "bench" / "match_pairs.jsonl"
EVAL = Path(os.environ.get("EVAL_DIR", ROOT.parent / "shared" / "eval"))
RESULTS = ROOT / "bench" / "results-match-eval.json"
CORPORA = {
    "polnear": "attribution/inputs.jsonl.gz",
    "wikinews": "corpus/inputs.jsonl.gz",
}
SAME, DIFFERENT = "same", "different"
# The tune half's goal for auto-links; proposals then take the best F1 above it.
LINK_PRECISION_GOAL = 0.95
PROPOSE_PRECISION_FLOOR = 0.5


def half(doc_id: str) -> str:
    """The committed split rule: a document's half, from its id alone."""
    return "tune" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "test"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def load_texts(eval_dir: Path = EVAL) -> dict[str, dict[str, str]]:
    """corpus -> document id -> text, from the evaluation kit."""
    texts: dict[str, dict[str, str]] = {}
    for corpus, name in CORPORA.items():
        with gzip.open(eval_dir / name, "rt", encoding="utf-8") as f:
            texts[corpus] = {d["id"]: d["text"] for d in map(json.loads, f)}
    return texts


def load_pairs(path: Path = PAIRS) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def span_text(texts: dict[str, dict[str, str]], corpus: str, side: dict) -> str:
    """The claim text a pair side points at; raises if it changed."""
    text = texts[corpus][side["doc"]][side["start"] : side["end"]]
    if digest(text) != side["sha"]:
        raise ValueError(
            f"{corpus} {side['doc']} [{side['start']}:{side['end']}] "
            "no longer has the text the pair was labelled on"
        )
    return text


# --- scoring ---------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    pair: dict
    a: str
    b: str
    lexical: float
    semantic: float


def score_pairs(pairs: list[dict], texts: dict[str, dict[str, str]]) -> list[Scored]:
    """Lexical and semantic similarity of every pair, as the store computes them."""
    from claims.ingest import embed

    sides = [
        (span_text(texts, p["corpus"], p["a"]), span_text(texts, p["corpus"], p["b"]))
        for p in pairs
    ]
    unique = sorted({t for pair in sides for t in pair})
    vectors = embed.static(unique)
    # Stored vectors are int8 (matching.pack): score what matching will see.
    stored = {
        t: matching.unpack(matching.pack(v))
        for t, v in zip(unique, vectors, strict=True)
    }
    return [
        Scored(
            pair=p,
            a=a,
            b=b,
            lexical=matching.lexical_similarity(a, b),
            semantic=float(np.dot(stored[a], stored[b])),
        )
        for p, (a, b) in zip(pairs, sides, strict=True)
    ]


def actions(
    scored: list[Scored], limits: matching.Thresholds, *, semantic: bool = True
) -> list[str]:
    """decide()'s action for each pair; ``semantic=False`` is the tracker without
    the embedding model (MATCH_SEMANTIC off or the model not installed)."""
    # The new claim is side b, the stored one side a (decide is symmetric).
    return [
        matching.decide(
            s.b,
            s.a,
            lexical=s.lexical,
            semantic=s.semantic if semantic else None,
            thresholds=limits,
        ).action
        for s in scored
    ]


def lower_bound(successes: int, trials: int, confidence: float = 0.95) -> float:
    """One-sided Clopper-Pearson lower bound of a proportion: with 0 false links
    in 17, precision is only known to be above 0.84."""
    if trials == 0 or successes == 0:
        return 0.0

    def tail(p: float) -> float:  # P(X >= successes) for X ~ Binomial(trials, p)
        return sum(
            math.comb(trials, k) * p**k * (1 - p) ** (trials - k)
            for k in range(successes, trials + 1)
        )

    low, high = 0.0, successes / trials
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if tail(mid) < 1 - confidence else (low, mid)
    return round(low, 3)


def prf(predicted: list[bool], gold: list[bool]) -> dict:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 3),
        "precision_low95": lower_bound(tp, tp + fp),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }


def evaluate(
    scored: list[Scored], limits: matching.Thresholds, *, semantic: bool = True
) -> dict:
    gold = [s.pair["label"] == SAME for s in scored]
    done = actions(scored, limits, semantic=semantic)
    return {
        "pairs": len(scored),
        "same": sum(gold),
        "link": prf([a == matching.LINK for a in done], gold),
        "reaches_editors": prf(
            [a in (matching.LINK, matching.PROPOSE) for a in done], gold
        ),
        "proposed": sum(a == matching.PROPOSE for a in done),
    }


def settings_thresholds() -> matching.Thresholds:
    """The thresholds tracker/settings.py would use (environment included)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("SECRET_KEY", "match-eval")
    from django.conf import settings

    return matching.Thresholds(
        link_lexical=settings.MATCH_LINK_LEXICAL,
        link_semantic=settings.MATCH_LINK_SEMANTIC,
        propose_lexical=settings.MATCH_PROPOSE_LEXICAL,
        propose_semantic=settings.MATCH_PROPOSE_SEMANTIC,
    )


OFF = 1.01  # a threshold no similarity reaches: that test is off
GRID_LINK_LEXICAL = [round(x, 2) for x in np.arange(0.60, 1.001, 0.05)] + [OFF]
GRID_LINK_SEMANTIC = [round(x, 2) for x in np.arange(0.80, 1.001, 0.01)] + [OFF]
GRID_PROPOSE_LEXICAL = [round(x, 2) for x in np.arange(0.20, 0.901, 0.05)] + [OFF]
GRID_PROPOSE_SEMANTIC = [round(x, 3) for x in np.arange(0.50, 0.951, 0.025)] + [OFF]


def _f2(result: dict) -> float:
    p, r = result["precision"], result["recall"]
    return round(5 * p * r / (4 * p + r), 3) if p + r else 0.0


def _best_link(rows: list[dict], key: str) -> dict:
    """Most recall at link precision >= LINK_PRECISION_GOAL; ties to the higher
    (safer) threshold."""
    ok = [r for r in rows if r["precision"] >= LINK_PRECISION_GOAL and r["tp"]]
    return max(ok, key=lambda r: (r["tp"], r["precision"], r[key]))


def _best_propose(rows: list[dict], key: str) -> dict:
    """Best F2 at reaches-editors precision >= PROPOSE_PRECISION_FLOOR; ties to
    the higher threshold."""
    ok = [r for r in rows if r["precision"] >= PROPOSE_PRECISION_FLOOR]
    return max(ok, key=lambda r: (r["f2"], r[key]))


def tune(scored: list[Scored]) -> tuple[matching.Thresholds, dict[str, list[dict]]]:
    """Choose the four thresholds on ``scored`` (the tune half), one at a time.

    The lexical ones first, without embeddings (decide(semantic=None), as the
    tracker runs when the model is missing or MATCH_SEMANTIC is off), so they
    are right on their own; then the semantic ones with the lexical ones fixed.
    Link thresholds: the most link recall at precision >= LINK_PRECISION_GOAL.
    Proposal thresholds: the best F2 of link-or-propose (recall weighs twice:
    an editor rejects a wrong proposal in a click, a missed one is never seen)
    at precision >= PROPOSE_PRECISION_FLOOR. Ties go to the higher threshold.
    """
    sweeps: dict[str, list[dict]] = {}

    def sweep(name, grid, make, outcome, semantic):
        rows = []
        for value in grid:
            result = evaluate(scored, make(value), semantic=semantic)[outcome]
            rows.append({name: value, **result, "f2": _f2(result)})
        sweeps[name] = rows
        return rows

    link_lexical = _best_link(
        sweep(
            "link_lexical",
            GRID_LINK_LEXICAL,
            lambda v: matching.Thresholds(v, OFF, OFF, OFF),
            "link",
            False,
        ),
        "link_lexical",
    )["link_lexical"]
    propose_lexical = _best_propose(
        sweep(
            "propose_lexical",
            GRID_PROPOSE_LEXICAL,
            lambda v: matching.Thresholds(link_lexical, OFF, v, OFF),
            "reaches_editors",
            False,
        ),
        "propose_lexical",
    )["propose_lexical"]
    link_semantic = _best_link(
        sweep(
            "link_semantic",
            GRID_LINK_SEMANTIC,
            lambda v: matching.Thresholds(link_lexical, v, propose_lexical, OFF),
            "link",
            True,
        ),
        "link_semantic",
    )["link_semantic"]
    propose_semantic = _best_propose(
        sweep(
            "propose_semantic",
            GRID_PROPOSE_SEMANTIC,
            lambda v: matching.Thresholds(
                link_lexical, link_semantic, propose_lexical, v
            ),
            "reaches_editors",
            True,
        ),
        "propose_semantic",
    )["propose_semantic"]
    chosen = matching.Thresholds(
        link_lexical=link_lexical,
        link_semantic=link_semantic,
        propose_lexical=propose_lexical,
        propose_semantic=propose_semantic,
    )
    return chosen, sweeps


def show(name: str, result: dict) -> None:
    print(f"  {name}: {result['pairs']} pairs, {result['same']} same")
    for key, label in (
        ("link", "link            "),
        ("reaches_editors", "link or propose "),
    ):
        r = result[key]
        print(
            f"    {label} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
            f"  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']};"
            f" P >= {r['precision_low95']:.2f} at 95%)"
        )


def show_limits(limits: matching.Thresholds) -> str:
    return (
        f"MATCH_LINK_LEXICAL={limits.link_lexical} "
        f"MATCH_LINK_SEMANTIC={limits.link_semantic} "
        f"MATCH_PROPOSE_LEXICAL={limits.propose_lexical} "
        f"MATCH_PROPOSE_SEMANTIC={limits.propose_semantic}"
    )


def run(args: argparse.Namespace) -> int:
    if not (EVAL / CORPORA["polnear"]).is_file():
        print(f"no evaluation kit at {EVAL} (set EVAL_DIR)", file=sys.stderr)
        return 2
    started = time.monotonic()
    pairs = load_pairs(args.pairs)
    texts = load_texts()
    scored = score_pairs(pairs, texts)
    halves = {h: [s for s in scored if s.pair["split"] == h] for h in ("tune", "test")}
    current = settings_thresholds()
    out: dict = {"pairs": len(pairs), "settings": current.__dict__}
    print(
        f"{len(pairs)} labelled pairs ({args.pairs.name}), embedded and scored "
        f"in {time.monotonic() - started:.1f} s"
    )
    for h, rows in halves.items():
        same = sum(s.pair["label"] == SAME for s in rows)
        print(f"  {h}: {len(rows)} pairs, {same} same")
    print(f"\nAt the settings ({show_limits(current)}):")
    out["test_at_settings"] = evaluate(halves["test"], current)
    show("test half", out["test_at_settings"])
    if args.tune:
        chosen, sweeps = tune(halves["tune"])
        print(
            "\nTune half, one threshold at a time (the others as chosen above it;"
            f" {OFF} = off). Link: most recall at precision >= {LINK_PRECISION_GOAL};"
            f" proposals: best F2 of link-or-propose at precision >= "
            f"{PROPOSE_PRECISION_FLOOR}."
        )
        steps = (
            ("link_lexical", "link, lexical only (no embeddings)"),
            ("propose_lexical", "link or propose, lexical only"),
            ("link_semantic", "link, with embeddings"),
            ("propose_semantic", "link or propose, with embeddings"),
        )
        for name, title in steps:
            picked = getattr(chosen, name)
            print(f"  {name} ({title}): threshold  P     R     F2   tp  fp")
            for r in sweeps[name]:
                mark = "  <- chosen" if r[name] == picked else ""
                print(
                    f"    {r[name]:21.3f}  {r['precision']:.3f} {r['recall']:.3f} "
                    f"{r['f2']:.3f} {r['tp']:3d} {r['fp']:3d}{mark}"
                )
        print(f"\nRecommended (chosen on the tune half): {show_limits(chosen)}")
        out["recommended"] = chosen.__dict__
        out["tune_at_recommended"] = evaluate(halves["tune"], chosen)
        out["test_at_recommended"] = evaluate(halves["test"], chosen)
        out["test_at_recommended_lexical_only"] = evaluate(
            halves["test"], chosen, semantic=False
        )
        show("tune half", out["tune_at_recommended"])
        show("test half", out["test_at_recommended"])
        show(
            "test half, lexical only (no embeddings)",
            out["test_at_recommended_lexical_only"],
        )
        out["tune_sweeps"] = sweeps
    if args.load:
        print(
            "\nQueue load: each corpus's claim-like texts replayed article by article"
            " in date order against the earlier ones (bench/README.md):"
        )
        found = units(texts)
        vectors = embed_units(found, args.vectors)
        out["load_at_settings"] = replay(found, vectors, current)
        show_load("settings", out["load_at_settings"])
        if args.tune:
            out["load_at_recommended"] = replay(found, vectors, chosen)
            show_load("recommended", out["load_at_recommended"])
    RESULTS.write_text(json.dumps(out, indent=1) + "\n")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


# --- queue load: the archive replayed -------------------------------------

# As tracker/settings.py has them (MATCH_TERM_CAP, MATCH_CANDIDATES).
TERM_CAP, CANDIDATES = 5000, 100


def embed_units(found: list[dict], vectors_path: Path | None) -> np.ndarray:
    """Stored-vector embeddings of ``found`` (cached in ``vectors_path``)."""
    if vectors_path and vectors_path.is_file():
        vectors = np.load(vectors_path)
        if len(vectors) == len(found):
            return vectors
    from claims.ingest import embed

    print(f"embedding {len(found)} claim-like texts", file=sys.stderr)
    vectors = embed.static([u["text"] for u in found])
    vectors = np.stack([matching.unpack(matching.pack(v)) for v in vectors])
    if vectors_path:
        np.save(vectors_path, vectors)
    return vectors


def replay(
    found: list[dict], vectors: np.ndarray, limits: matching.Thresholds
) -> dict[str, dict[str, int]]:
    """Each corpus's claim-like texts stored article by article, in date order
    (PolNeAR ids carry the date, Wikinews ids are in date order), each new claim
    matched against the claims of earlier articles as services/matching.py
    does: exact text first, else candidates sharing the most of its rarer words
    (at most CANDIDATES, words in more than TERM_CAP claims skipped), then
    decide(). Counts per corpus: claims, and how many were linked / proposed."""
    counts: dict[str, dict[str, int]] = {}
    for corpus in CORPORA:
        index = [i for i, u in enumerate(found) if u["corpus"] == corpus]

        def when(i: int, corpus: str = corpus) -> tuple:
            doc = found[i]["doc"]
            date = doc.split("_")[1] if corpus == "polnear" else ""
            return (date, doc, found[i]["start"])

        index.sort(key=when)
        postings: dict[str, list[int]] = {}
        exact: dict[str, int] = {}
        grams: dict[int, frozenset] = {}
        tally = {"claims": 0, "link": 0, "propose": 0, "link_exact": 0}
        for _doc, group in itertools.groupby(index, key=lambda i: found[i]["doc"]):
            group = list(group)
            for i in group:
                text = found[i]["text"]
                tally["claims"] += 1
                key = matching.normalised(text)
                if key in exact:
                    tally["link"] += 1
                    tally["link_exact"] += 1
                    continue
                words = matching.terms(text)[: matching.MAX_TERMS]
                rare = sorted(
                    (w for w in words if 0 < len(postings.get(w, ())) <= TERM_CAP),
                    key=lambda w: len(postings[w]),
                )[: matching.QUERY_TERMS]
                least = 1 if len(matching.terms(text)) <= 3 else 2
                shared: dict[int, int] = {}
                for w in rare:
                    for j in postings[w]:
                        shared[j] = shared.get(j, 0) + 1
                shortlist = sorted(shared, key=lambda j: (-shared[j], -j))[:CANDIDATES]
                mine = matching.trigrams(text)
                best = ""
                for j in shortlist:
                    if shared[j] < least:
                        continue
                    verdict = matching.decide(
                        text,
                        found[j]["text"],
                        lexical=matching.lexical_similarity(mine, grams[j]),
                        semantic=float(np.dot(vectors[i], vectors[j])),
                        thresholds=limits,
                    )
                    if verdict.action == matching.LINK:
                        best = matching.LINK
                        break
                    best = best or verdict.action
                if best:
                    tally[best] += 1
            for i in group:  # the article's claims are stored after matching
                text = found[i]["text"]
                exact.setdefault(matching.normalised(text), i)
                grams[i] = matching.trigrams(text)
                for w in matching.terms(text)[: matching.MAX_TERMS]:
                    postings.setdefault(w, []).append(i)
        counts[corpus] = tally
    return counts


def show_load(name: str, counts: dict[str, dict[str, int]]) -> None:
    for corpus, t in counts.items():
        n = t["claims"]
        print(
            f"  {name}, {corpus}: {n} claims; linked {t['link']} ({t['link'] / n:.1%},"
            f" {t['link_exact']} exact),"
            f" proposed {t['propose']} ({t['propose'] / n:.1%})"
        )


# --- mining candidate pairs (how the pair file was drawn) -------------------

_REPORTING = re.compile(
    r"\b(said|says|told|tells|stated|states|announced|announces|claimed|claims|"
    r"according to|reported|added|warned|argued|denied|confirmed|insisted|"
    r"explained|estimated|alleged|wrote|tweeted)\b|[\"“”]"
)
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?][\"”’)]*(?=\s)|$)", re.S)


def units(texts: dict[str, dict[str, str]], eval_dir: Path = EVAL) -> list[dict]:
    """Claim-like texts: PolNeAR attribution contents (one span, 8 to 60 words)
    and Wikinews sentences with a reporting verb or a quotation mark (8 to 60
    words)."""
    found = []
    with gzip.open(eval_dir / "attribution/gold.jsonl.gz", "rt", encoding="utf-8") as f:
        for doc in map(json.loads, f):
            for att in doc["attributions"]:
                if len(att["content"]) != 1:
                    continue
                span = att["content"][0]
                if 8 <= len(span["text"].split()) <= 60:
                    found.append(
                        {
                            "corpus": "polnear",
                            "doc": doc["id"],
                            "start": span["start"],
                            "end": span["end"],
                        }
                    )
    for doc_id, text in texts["wikinews"].items():
        for m in _SENTENCE.finditer(text):
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            sentence = text[start:end]
            if 8 <= len(sentence.split()) <= 60 and _REPORTING.search(sentence):
                found.append(
                    {"corpus": "wikinews", "doc": doc_id, "start": start, "end": end}
                )
    seen, unique = set(), []
    for u in found:
        u["text"] = texts[u["corpus"]][u["doc"]][u["start"] : u["end"]]
        key = (u["corpus"], u["doc"], matching.normalised(u["text"]))
        if key not in seen:
            seen.add(key)
            unique.append(u)
    return unique


COS_BANDS = [0.95, 0.90, 0.85, 0.80, 0.75, 0.70, 0.60, 0.50]
LEX_BANDS = [0.80, 0.60, 0.45, 0.30]
ALL = 10_000
# Pairs drawn per band, half and corpus: every pair where same claims are
# likely (few exist), a sample where they are rare.
QUOTAS = {
    "polnear": {"exact": 6, 0.95: ALL, 0.90: ALL, 0.85: ALL, 0.80: ALL, 0.75: 25,
                0.70: 20, 0.60: 15, 0.50: 10, "lex>=0.8": ALL, "lex>=0.6": ALL,
                "lex>=0.45": 15, "lex>=0.3": 10},
    "wikinews": {"exact": 3, 0.95: ALL, 0.90: ALL, 0.85: ALL, 0.80: ALL, 0.75: ALL,
                 0.70: ALL, 0.60: 8, 0.50: 5, "lex>=0.8": ALL, "lex>=0.6": ALL,
                 "lex>=0.45": ALL, "lex>=0.3": 5},
}  # fmt: skip
# A text is in at most this many pairs, and two documents share at most this many.
PER_TEXT, PER_DOC_PAIR = 3, 3


def band(value: float, edges: list[float]) -> float | None:
    return next((e for e in edges if value >= e), None)


def mine(out: Path, seed: int, vectors_path: Path | None = None) -> None:
    """Candidate pairs to label, stratified by cosine band and by trigram band,
    per half and corpus (QUOTAS), from two different documents of one half."""
    texts = load_texts()
    found = units(texts)
    vectors = embed_units(found, vectors_path)
    rng = random.Random(seed)
    candidates = []
    for corpus, h in itertools.product(CORPORA, ("tune", "test")):
        index = [
            i
            for i, u in enumerate(found)
            if u["corpus"] == corpus and half(u["doc"]) == h
        ]
        docs = np.array([found[i]["doc"] for i in index])
        m = vectors[index]
        by_band: dict[object, list] = {}
        grams: dict[int, frozenset] = {}
        for start in range(0, len(index), 512):
            sims = m[start : start + 512] @ m.T
            rows, cols = np.nonzero(sims >= COS_BANDS[-1])
            for r, c in zip(rows + start, cols, strict=True):
                if r >= c or docs[r] == docs[c]:
                    continue
                i, j, cos = index[r], index[c], float(sims[r - start, c])
                for k in (i, j):
                    if k not in grams:
                        grams[k] = matching.trigrams(found[k]["text"])
                lex = matching.lexical_similarity(grams[i], grams[j])
                row = (i, j, cos, lex)
                if matching.normalised(found[i]["text"]) == matching.normalised(
                    found[j]["text"]
                ):
                    by_band.setdefault("exact", []).append(row)
                    continue
                by_band.setdefault(band(cos, COS_BANDS), []).append(row)
                lex_band = band(lex, LEX_BANDS)
                if lex_band is not None:
                    by_band.setdefault(f"lex>={lex_band}", []).append(row)
        print(
            f"{corpus} {h}: {len(index)} texts;",
            {str(k): len(v) for k, v in by_band.items()},
            file=sys.stderr,
        )
        used: dict[int, int] = {}
        doc_pairs: dict[tuple, int] = {}
        taken = set()
        for name, quota in QUOTAS[corpus].items():
            rows = sorted(by_band.get(name, []))
            rng.shuffle(rows)
            got = 0
            for i, j, cos, lex in rows:
                dp = tuple(sorted((found[i]["doc"], found[j]["doc"])))
                if got >= quota or (i, j) in taken:
                    continue
                if max(used.get(i, 0), used.get(j, 0)) >= PER_TEXT or (
                    doc_pairs.get(dp, 0) >= PER_DOC_PAIR
                ):
                    continue
                taken.add((i, j))
                used[i] = used.get(i, 0) + 1
                used[j] = used.get(j, 0) + 1
                doc_pairs[dp] = doc_pairs.get(dp, 0) + 1
                got += 1
                label = name if isinstance(name, str) else f"cos>={name}"
                candidates.append(
                    {
                        "corpus": corpus,
                        "split": h,
                        "band": label,
                        "cos": round(cos, 3),
                        "lex": round(lex, 3),
                        "a": found[i],
                        "b": found[j],
                    }
                )
    with open(out, "w", encoding="utf-8") as f:
        for n, c in enumerate(candidates, 1):
            f.write(json.dumps({"pair": n, **c}, ensure_ascii=False) + "\n")
    print(f"{len(candidates)} candidate pairs written to {out}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tune",
        action="store_true",
        help="also sweep thresholds on the tune half and recommend values",
    )
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument(
        "--mine",
        type=Path,
        metavar="OUT",
        help="write candidate pairs, with their texts, to OUT (keep it "
        "outside the repository: PolNeAR texts)",
    )
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--load",
        action="store_true",
        help="also replay the corpora through matching: the share of new claims "
        "linked and proposed (embeds ~13,500 texts: minutes)",
    )
    parser.add_argument(
        "--vectors", type=Path, help="with --load or --mine: cache the embeddings here"
    )
    args = parser.parse_args()
    if args.mine:
        mine(args.mine, args.seed, args.vectors)
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
