"""Check-worthiness: factual, measurable statements score above opinions."""

import pytest

from claims.ingest.checkworthy import THRESHOLD, score
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


def test_it_explains_its_score():
    result = score_of("Unemployment rose by 4.2% in 2023.")
    assert result.features["number"] > 0
    assert 0.0 <= result.score <= 1.0


def test_it_scores_a_number_above_the_same_sentence_without():
    with_number = score_of("The council closed 12 libraries in Leeds.").score
    without = score_of("The council closed the libraries in Leeds.").score
    assert with_number > without


def test_it_scores_empty_spans_zero():
    result = score(parse("...")[0:0])
    assert result.score == 0.0
    assert not result.checkworthy
