"""Check-worthiness: factual, measurable statements score above opinions."""

import numpy as np
import pytest
from django.core.management import call_command

from claims.ingest import checkworthy
from claims.ingest.checkworthy import THRESHOLD, Model, get_model, score
from claims.ingest.nlp import parse


def score_of(text: str):
    return score(parse(text)[:])


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment rose by 4.2% in 2023, the highest rate since 1992.",
        "The Electoral Commission was hacked between 2021 and 2022.",
        "The government spent £3 billion on new hospitals last year.",
    ],
)
def test_it_picks_factual_statements(text: str):
    result = score_of(text)
    assert result.checkworthy
    assert result.score >= THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "What do you think about that?",
        "I feel very happy to be here tonight.",
        "Thank you very much.",
        "Well, maybe.",
    ],
)
def test_it_passes_over_opinions_questions_and_courtesies(text: str):
    result = score_of(text)
    assert not result.checkworthy
    assert result.score < THRESHOLD


@pytest.mark.parametrize(
    "other",
    [
        "Do you really think that we can trust them again?",
        "I believe our great country deserves a much better future.",
    ],
)
def test_it_scores_a_statistic_above_an_opinion_or_question_of_its_length(
    other: str,
):
    statistic = "Crime in the city fell by 12 percent last year."
    assert len(statistic.split()) == len(other.split())
    assert score_of(statistic).score > score_of(other).score


def test_it_explains_its_score():
    result = score_of("Unemployment rose by 4.2% in 2023.")
    assert 0.0 <= result.score <= 1.0
    assert 0 < len(result.features) <= checkworthy.EXPLAIN_TOP
    assert result.features["percent"] > 0
    assert result.features["digit"] > 0


def test_it_explains_words_in_quotes():
    result = score_of("What do you think about that?")
    assert result.features["question"] < 0
    assert any(name.startswith('"') for name in result.features)


def test_it_scores_a_number_above_the_same_sentence_without():
    with_number = score_of("The council closed 12 libraries in Leeds.").score
    without = score_of("The council closed the libraries in Leeds.").score
    assert with_number > without


def test_it_scores_a_clause_with_its_sentence():
    # The reported clause alone reads like a claim; its sentence is an opinion.
    doc = parse("I think that grows the economy.")
    clause = doc[2:6]
    assert clause.text == "that grows the economy"
    assert score(clause) == score(doc[:])
    assert not score(clause).checkworthy


def test_it_scores_empty_spans_zero():
    result = score(parse("...")[0:0])
    assert result.score == 0.0
    assert not result.checkworthy


def test_it_ships_a_model_of_the_expected_shape():
    model = get_model()
    assert model is get_model()  # loaded once per process
    dense = len(checkworthy.DENSE_NAMES)
    assert model.weights.shape == ((1 << model.hash_bits) + dense,)
    assert model.weights.dtype == np.float32
    assert np.isfinite(model.weights).all()
    assert checkworthy.MODEL_PATH.stat().st_size < 5_000_000


def test_it_refuses_a_model_file_for_other_features(tmp_path, monkeypatch):
    path = tmp_path / "model.npz"
    Model(weights=np.zeros((1 << 4) + len(checkworthy.DENSE_NAMES)), bias=0.0,
          hash_bits=4).save(path)  # fmt: skip
    assert Model.load(path).hash_bits == 4
    monkeypatch.setattr(checkworthy, "FEATURES_VERSION", 999)
    with pytest.raises(ValueError, match="retrain"):
        Model.load(path)


# Synthetic training data: statements with numbers are "Yes", chatter "No".
_YES = [
    "Taxes rose by {n} percent in {y}.",
    "The city hired {n} new police officers in {y}.",
    "Prices fell {n} percent after the {y} law.",
]
_NO = [
    "I think we can do better than that.",
    "Thank you all for being here tonight.",
    "What would you say to them?",
]


def _write_tsv(path) -> None:
    lines = ["Sentence_id\tText\tclass_label"]
    sentence_id = 0
    for n in range(1, 9):
        for template in _YES:
            sentence_id += 1
            text = template.format(n=n * 7, y=1990 + n)
            lines.append(f"{sentence_id}\t{text}\tYes")
        for text in _NO:
            sentence_id += 1
            lines.append(f"{sentence_id}\t{text}\tNo")
    # Two records run together, as on one line of the real release.
    lines.append("900\tWe'll see.\tNo901\tJobs grew 3 percent in 1999.\tYes")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_it_reads_records_that_ran_together(tmp_path):
    path = tmp_path / "train.tsv"
    _write_tsv(path)
    texts, labels = checkworthy.read_checkthat_tsv(path)
    assert len(texts) == len(labels) == 8 * 6 + 2
    assert texts[-2:] == ["We'll see.", "Jobs grew 3 percent in 1999."]
    assert labels[-2:] == [False, True]


def test_the_training_command_is_deterministic(tmp_path):
    data = tmp_path / "train.tsv"
    _write_tsv(data)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    call_command("train_checkworthy", "--data", str(data), "-o", str(first))
    call_command("train_checkworthy", "--data", str(data), "-o", str(second))
    assert first.read_bytes() == second.read_bytes()

    model = Model.load(first)
    fact = model.probability("Taxes rose by 12 percent in 2004.")
    chatter = model.probability("Thank you all for being here tonight.")
    assert fact > 0.5 > chatter
