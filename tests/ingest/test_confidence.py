"""How sure an attribution is: its basis, the table fitted from outcomes, and
how calibration is measured against the evaluation kit's matching."""

import io
import json
import textwrap

import pytest
from django.core.management import call_command

from claims.ingest import confidence
from claims.quality import attribution_outcomes, calibration
from tests.ingest.helpers import attributed, only


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "“The dam will hold,” said Mayor Ruth Alder.",
            "quote+quoted/named",
            id="quotation-named",
        ),
        pytest.param(
            "Officials said the dam would hold through the winter.",
            "clause/unnamed",
            id="clause-unnamed",
        ),
        pytest.param(
            "Ruth Alder runs the works. She said the dam would hold.",
            "clause/pronoun",
            id="clause-pronoun",
        ),
        pytest.param(
            "He said the dam would hold through the winter.",
            "clause/pronoun?",
            id="clause-unresolved-pronoun",
        ),
    ],
)
def test_the_basis_names_the_pattern_and_the_kind_of_source(text, expected):
    claim = only(text)
    assert claim.basis == expected
    assert claim.confidence == confidence.of_basis(expected)


def test_a_quotation_carried_over_a_paragraph_is_a_continuation():
    first, second = attributed(
        "“The bridge is closed,” said Mayor Ann Kowalski.\n\n"
        "“It will reopen in May after repairs costing £2m.”"
    )
    assert first.basis == "quote+quoted/named"
    assert second.basis == "continuation"


def test_an_unseen_basis_takes_its_patterns_share_then_the_default(monkeypatch):
    monkeypatch.setattr(
        confidence, "CONFIDENCE", {"clause/named": 0.9, "clause/*": 0.7}
    )
    assert confidence.of_basis("clause/named") == 0.9
    assert confidence.of_basis("clause+quoted/none") == 0.7
    assert confidence.of_basis("riddle/named") == confidence.CONFIDENCE_DEFAULT


def test_fit_pulls_a_rare_basis_towards_its_patterns_share():
    outcomes = (
        [("clause/named", True)] * 90
        + [("clause/named", False)] * 10
        + [("clause/none", False)] * 2
    )
    table = confidence.fit(outcomes)
    assert set(table) == {"clause/*", "clause/named", "clause/none"}
    # 2 of 2 wrong, but only two cases: far from 0, below the pattern's share.
    assert 0.5 < table["clause/none"] < table["clause/*"] < table["clause/named"]
    # 100 cases: close to their own 0.9.
    assert table["clause/named"] == pytest.approx(0.9, abs=0.02)
    assert confidence.fit([]) == {}


def test_calibration_error_is_the_weighted_gap_between_confidence_and_outcome():
    promised = [("a", 0.8, True)] * 8 + [("a", 0.8, False)] * 2
    assert calibration(promised, threshold=0.6)["error"] == pytest.approx(0.0)
    broken = [("a", 0.9, True)] * 5 + [("a", 0.9, False)] * 5
    unsure_and_wrong = [("b", 0.3, False)] * 10
    figures = calibration(broken + unsure_and_wrong, threshold=0.6)
    # Half the attributions off by 0.4, the other half by 0.3.
    assert figures["error"] == pytest.approx(0.35)
    assert figures["flagged"] == pytest.approx(0.5)
    assert figures["flagged_wrong"] == pytest.approx(1.0)
    assert figures["unflagged_right"] == pytest.approx(0.5)
    assert calibration([], threshold=0.6) == {}


# A stand-in for the kit's score.py: the functions attribution_outcomes uses,
# so the test checks what it makes of the annotated and predicted spans.
FAKE_SCORER = textwrap.dedent(
    """
    import json

    def load_gold(path, splits):
        rows = [json.loads(line) for line in open(path + "/gold.jsonl")]
        return [r for r in rows if r["split"] in splits]

    def load_predictions(path):
        return {r["id"]: r for r in map(json.loads, open(path))}

    def as_spans(value, where):
        value = value or []
        value = [value] if isinstance(value, dict) else value
        return [(s["start"], s["end"]) for s in value]

    def read_attributions(pred, doc_id):
        return [
            {"source": as_spans(a.get("source"), ""),
             "content": as_spans(a.get("content"), "")}
            for a in pred.get("attributions", [])
        ]

    def overlap(a, b):
        return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)

    def length(spans):
        return sum(e - s for s, e in spans)
    """
)


def span(start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": "x" * (end - start)}


def found(source: dict | None, content: dict, basis: str) -> dict:
    """A predicted attribution as analysis.to_prediction writes it."""
    return {"source": source, "content": [content], "basis": basis,
            "confidence": 0.5}  # fmt: skip


def fake_kit(folder, gold: list[dict]):
    kit = folder / "kit"
    (kit / "attribution").mkdir(parents=True)
    (kit / "score.py").write_text(FAKE_SCORER)
    (kit / "attribution" / "gold.jsonl").write_text(
        "".join(json.dumps(d) + "\n" for d in gold)
    )
    return kit


def test_an_attribution_is_right_when_it_shares_an_annotated_one_and_its_source(
    tmp_path,
):
    kit = fake_kit(tmp_path, [
        {"id": "d1", "split": "dev", "attributions": [
            {"source": [span(0, 5)], "content": [span(10, 20)]},
            {"source": [], "content": [span(30, 40)]},
            {"source": [span(0, 5)], "content": [span(50, 60), span(90, 120)]},
        ]},
        {"id": "d2", "split": "train", "attributions": []},
    ])  # fmt: skip

    predicted = {"id": "d1", "attributions": [
        found(span(2, 4), span(10, 20), "same-source"),
        found(None, span(30, 40), "neither-has-a-source"),
        found(span(6, 9), span(50, 60), "other-source"),
        found(span(0, 5), span(70, 80), "nothing-annotated-there"),
        # The second part of a statement annotated as one; one running past
        # a statement; one sharing less than half of either.
        found(span(0, 5), span(95, 115), "second-part"),
        found(span(0, 5), span(8, 28), "running-past"),
        found(span(0, 5), span(16, 35), "half-outside"),
    ]}  # fmt: skip
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(predicted) + "\n")
    outcomes = attribution_outcomes(kit, pred, "dev")
    assert outcomes == [
        ("same-source", 0.5, True),
        ("neither-has-a-source", 0.5, True),
        ("other-source", 0.5, False),
        ("nothing-annotated-there", 0.5, False),
        ("second-part", 0.5, True),
        ("running-past", 0.5, True),
        ("half-outside", 0.5, False),
    ]


def test_calibrate_confidence_prints_the_table_measured_on_a_split(tmp_path):
    statements = [{"source": [span(0, 5)], "content": [span(10 * i, 10 * i + 8)]}
                  for i in range(1, 5)]  # fmt: skip
    kit = fake_kit(
        tmp_path, [{"id": "d", "split": "train", "attributions": statements}]
    )
    named = [found(span(0, 5), span(10 * i, 10 * i + 8), "clause/named")
             for i in range(1, 5)]  # fmt: skip
    unsure = [found(None, span(100 + 10 * i, 108 + 10 * i), "clause/none")
              for i in range(4)]  # fmt: skip
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "d", "attributions": named + unsure}) + "\n")
    out = io.StringIO()
    call_command(
        "calibrate_confidence", kit=str(kit), pred=str(pred), stdout=out,
        stderr=io.StringIO(),
    )  # fmt: skip
    table = dict(
        line.split("#")[0].strip().rstrip(",").replace('"', "").split(": ")
        for line in out.getvalue().splitlines()
        if line.startswith("    ")
    )
    # Four right, four wrong: the pattern at 0.5, each basis pulled towards it.
    assert float(table["clause/*"]) == 0.5
    assert 0.5 < float(table["clause/named"]) < 1
    assert 0 < float(table["clause/none"]) < 0.5
    assert "CONFIDENCE_DEFAULT = 0.50" in out.getvalue()


@pytest.mark.parametrize(
    ("key", "words"),
    [
        (
            "clause+quoted/none",
            "a reporting clause with words in quotation marks, no speaker in the text",
        ),
        ("quote+quoted/named", "a quotation, the speaker named"),
        ("continuation", "a quotation carried on from an earlier paragraph"),
        ("riddle/named", ""),
        ("", ""),
    ],
)
def test_a_basis_reads_as_words(key, words):
    assert confidence.describe(key) == words


def test_every_measured_basis_has_words():
    assert all(confidence.describe(key) for key in confidence.CONFIDENCE)
