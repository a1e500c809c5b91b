"""Check-worthiness: factual, measurable statements score above opinions."""

import re

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.ingest import checkworthy, embed
from claims.ingest.checkworthy import THRESHOLD_ALONE, Model, get_model, score
from claims.ingest.checkworthy import features as cw_features
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
    assert result.score >= THRESHOLD_ALONE


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
    assert result.score < THRESHOLD_ALONE


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
    static = cw_features.STATIC_DIMENSIONS
    assert model.weights.shape == ((2 << model.hash_bits) + dense + static,)
    assert model.weights.dtype == np.float32
    assert np.isfinite(model.weights).all()
    assert model.static_mean.shape == model.static_scale.shape == (static,)
    # Stage 1 alone: the MiniLM stage would break the speed goal.
    assert model.head is None
    assert checkworthy.MODEL_PATH.stat().st_size < 5_000_000


def test_it_scores_many_spans_at_once_as_one_by_one():
    doc = parse(
        "Unemployment rose by 4.2% in 2023. Thank you very much. "
        "The council closed 12 libraries in Leeds. Unemployment rose by 4.2% in 2023."
    )
    spans = [*doc.sents, doc[0:0], doc[2:4]]
    together = checkworthy.score_many(spans)
    assert [w.score for w in together] == [score(span).score for span in spans]
    assert together[0].score == together[3].score  # the same sentence twice
    assert together[4].score == 0.0
    assert together[5] == score(spans[0])  # a clause scores with its sentence


def test_it_reads_the_parse_of_the_sentence():
    doc = parse("The city hired 40 police officers in 2019.")
    root = next(token for token in doc if token.dep_ == "ROOT")
    found = cw_features.parse(doc[:])
    assert f"root:{root.tag_}" in found
    assert f"root lemma:{root.lemma_.lower()}" in found
    assert {f"entity:{entity.label_}" for entity in doc.ents} <= set(found)
    assert found.count(f"tag:{doc[0].tag_}") >= 1


def test_it_hashes_words_and_parse_apart():
    doc = parse("The city hired 40 police officers in 2019.")
    row = cw_features.row(doc.text, doc[:], hash_bits=10)
    word_slots = row.index[row.index < (1 << 10)]
    parse_slots = row.index[(row.index >= (1 << 10)) & (row.index < (2 << 10))]
    dense_slots = row.index[row.index >= (2 << 10)]
    assert len(word_slots) and len(parse_slots)
    # Each group is L2-normalised on its own.
    for slots in (word_slots, parse_slots):
        values = row.value[np.isin(row.index, slots)]
        assert np.sum(values**2) == pytest.approx(1.0)
    assert [row.names[i] for i in np.flatnonzero(row.index >= (2 << 10))] == [
        checkworthy.DENSE_NAMES[i - (2 << 10)] for i in dense_slots
    ]
    assert "digit" in row.names


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose 4 PER CENT, or 4%, to $5 billion.",
        "Two hundred thousand people could come; they shall not.",
        "It cost a bıllion, a thouſand times what it muſt and ſhould.",  # ı, ſ
        "Nothing here would match: none of it.",
        'Under pressure, Mr Lee said: "Trade talks" resume. Trade resumes.',
    ],
)
def test_it_finds_the_dense_features_the_patterns_find(text: str):
    values = dict(zip(checkworthy.DENSE_NAMES, cw_features.dense(text), strict=True))
    patterns = {
        "percent": cw_features._PERCENT,
        "quantity": cw_features._QUANTITY,
        "modal": cw_features._MODAL,
    }
    for name, pattern in patterns.items():
        assert values[name] == float(bool(pattern.search(text))), name
    names = re.findall(r"(?<!^)(?<![.!?:\"] )\b[A-Z][a-z]+", text)
    assert values["names"] == min(3, len(names)) / 3


def test_it_scores_plain_text_as_its_parse():
    text = "The council closed 12 libraries in Leeds."
    assert checkworthy.score_text(text) == score_of(text)


def test_it_adds_the_static_embedding_to_the_logit():
    text = "The council closed 12 libraries in Leeds."
    model = get_model()
    row = cw_features.row(text, parse(text)[:], model.hash_bits)
    static = cw_features.static([text])
    sparse = float(model.contributions(row).sum()) + model.bias
    wording = float(model.static_part(static)[0])
    assert wording != 0.0
    expected = round(1 / (1 + np.exp(-(sparse + wording))), 3)
    assert score_of(text).score == expected


def test_it_reads_a_missing_static_embedding_as_the_training_mean(monkeypatch):
    text = "The council closed 12 libraries in Leeds."
    model = get_model()
    row = cw_features.row(text, parse(text)[:], model.hash_bits)
    sparse = float(model.contributions(row).sum()) + model.bias
    monkeypatch.setattr(embed, "available", lambda: False)
    assert np.isnan(cw_features.static([text])).all()
    assert score_of(text).score == round(1 / (1 + np.exp(-sparse)), 3)


def test_the_training_command_needs_the_embedder(tmp_path, monkeypatch):
    data = tmp_path / "train.tsv"
    _write_tsv(data)
    monkeypatch.setattr(embed, "available", lambda: False)
    with pytest.raises(CommandError, match="not installed"):
        call_command("train_checkworthy", "--data", str(data),
                     "-o", str(tmp_path / "m.npz"))  # fmt: skip
    assert not (tmp_path / "m.npz").exists()


@pytest.fixture(scope="module")
def stacked_model(tmp_path_factory):
    """A small model with the MiniLM stage (train_checkworthy --embeddings)."""
    folder = tmp_path_factory.mktemp("stacked")
    _write_tsv(folder / "train.tsv")
    path = folder / "stacked.npz"
    call_command("train_checkworthy", "--data", str(folder / "train.tsv"),
                 "-o", str(path), "--embeddings")  # fmt: skip
    return path


@pytest.fixture
def with_stacked_model(stacked_model, monkeypatch):
    monkeypatch.setattr(checkworthy, "MODEL_PATH", stacked_model)
    assert get_model().head is not None
    return stacked_model


def test_it_weighs_the_meaning_of_the_sentence(with_stacked_model):
    result = score_of("I feel very happy to be here tonight.")
    assert checkworthy.MEANING in result.features
    assert result.features[checkworthy.MEANING] < 0
    assert (
        score_of("Unemployment rose by 4.2% in 2023.").features[checkworthy.MEANING] > 0
    )


def test_it_falls_back_on_the_hashed_model_without_the_embedder(
    with_stacked_model, monkeypatch
):
    text = "Unemployment rose by 4.2% in 2023."
    with_embeddings = checkworthy.score_text(text)
    monkeypatch.setattr(embed, "available", lambda: False)
    alone = checkworthy.score_text(text)
    assert checkworthy.MEANING not in alone.features
    assert alone.score == round(1 / (1 + np.exp(-get_model().logit(text))), 3)
    assert alone.checkworthy == (alone.score >= checkworthy.THRESHOLD_ALONE)
    assert alone.score != with_embeddings.score


def test_it_refuses_a_model_file_for_other_features(tmp_path, monkeypatch):
    path = tmp_path / "model.npz"
    static = cw_features.STATIC_DIMENSIONS
    Model(weights=np.zeros(cw_features.sparse_size(4) + static), bias=0.0,
          static_mean=np.zeros(static), static_scale=np.ones(static),
          hash_bits=4).save(path)  # fmt: skip
    assert Model.load(path).hash_bits == 4
    monkeypatch.setattr(cw_features, "FEATURES_VERSION", 999)
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


@pytest.mark.parametrize("options", [[], ["--embeddings"]])
def test_the_training_command_is_deterministic(tmp_path, options):
    data = tmp_path / "train.tsv"
    _write_tsv(data)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    call_command("train_checkworthy", "--data", str(data), "-o", str(first), *options)
    call_command("train_checkworthy", "--data", str(data), "-o", str(second), *options)
    assert first.read_bytes() == second.read_bytes()

    model = Model.load(first)
    assert (model.head is not None) == bool(options)
    fact = model.probability("Taxes rose by 12 percent in 2004.")
    chatter = model.probability("Thank you all for being here tonight.")
    assert fact > 0.5 > chatter
