"""spaCy Span -> Checkworthiness: how much a sentence or clause is worth checking.

Input: a span of a parsed ``Doc`` (a sentence, or the content of a quote).
Output: a ``Checkworthiness`` with a score in 0..1, the boolean ``checkworthy``
(score >= THRESHOLD) and the features that produced the score, so an editor can
see why a sentence was picked.

The score is a transparent sum of hand-set weights: factual statements with
numbers, statistics, named entities and comparisons score up; questions,
first-person feelings, hedges and very short fragments score down. It is a
start that a trained model can replace behind the same interface.
Pure: no ORM, settings or network.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as DocSpan

THRESHOLD = 0.45
BASE = 0.2

_NUMERIC_ENTS = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY"}
# Absolute words mark a statement of fact about a record ("has never voted").
_ABSOLUTES = {"never", "always", "every", "all", "none", "nobody", "only", "single"}
_NAMED_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LAW", "EVENT", "FAC", "LOC",
               "PRODUCT", "WORK_OF_ART"}  # fmt: skip
# Words that signal a measurable quantity or trend.
_STAT_WORDS = {
    "percent", "per", "cent", "million", "billion", "trillion", "thousand",
    "hundred", "rate", "rates", "average", "majority", "half", "third", "quarter",
    "double", "doubled", "tripled", "increase", "increased", "decrease",
    "decreased", "rise", "rose", "risen", "fall", "fell", "fallen", "cut", "cuts",
    "record", "highest", "lowest", "largest", "smallest", "tax", "taxes", "budget",
    "deficit", "debt", "jobs", "unemployment", "wages", "income", "cost", "costs",
    "spending", "funding", "growth", "inflation", "crime", "deaths", "killed",
    "cases", "votes", "voted", "poll", "survey", "data", "statistics", "study",
    "report", "law", "bill", "illegal", "ban", "banned", "sanctions", "arrested",
    "charged", "convicted",
}  # fmt: skip
_COMPARATIVE_TAGS = {"JJR", "JJS", "RBR", "RBS"}
_FEELING_LEMMAS = {"think", "feel", "believe", "hope", "want", "love", "like",
                   "wish", "thank", "guess", "suppose", "hate", "enjoy"}  # fmt: skip
_HEDGE_WORDS = {"should", "must", "would", "could", "might", "may", "maybe",
                "perhaps", "probably"}  # fmt: skip
_COURTESY = {"thank", "thanks", "applause", "laughter", "welcome", "congratulations",
             "please", "hello", "goodbye"}  # fmt: skip
_FACTUAL_TAGS = {"VBD", "VBN", "VBZ", "VBP"}


@dataclass
class Checkworthiness:
    score: float
    checkworthy: bool
    features: dict[str, float] = field(default_factory=dict)


def score(span: DocSpan) -> Checkworthiness:
    """Score one span; an empty or punctuation-only span scores 0."""
    words = [t for t in span if t.is_alpha or t.like_num]
    if not words:
        return Checkworthiness(0.0, False, {})
    features: dict[str, float] = {}
    ents = _entities(span)
    labels = [label for label, _ in ents]
    lowers = {t.lower_ for t in span}

    if any(any(c.isdigit() for c in t.text) for t in span):
        features["number"] = 0.25
    elif any(label in _NUMERIC_ENTS and words != "one" for label, words in ents):
        # Spelled-out quantities ("five million"); "one of the finest" is not one.
        features["number"] = 0.15
    if any(label in ("PERCENT", "MONEY") for label in labels) or lowers & {
        "percent",
        "%",
    }:
        features["percent_or_money"] = 0.1
    if any(label in ("DATE", "TIME") for label in labels):
        features["date"] = 0.05
    named = sum(1 for label in labels if label in _NAMED_ENTS)
    if named:
        features["named_entity"] = 0.1 + 0.05 * min(named - 1, 2)
    if lowers & _STAT_WORDS:
        features["statistic_word"] = 0.1
    if any(t.tag_ in _COMPARATIVE_TAGS for t in span):
        features["comparison"] = 0.08
    root_verbs = [t for t in span if t.dep_ == "ROOT" and t.tag_ in _FACTUAL_TAGS]
    modal = any(t.tag_ == "MD" for t in span)
    if root_verbs and not modal:
        features["factual_verb"] = 0.1
        # "Senator X opposed the bill": a named actor's record can be checked.
        if any(
            t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ in _NAMED_ENTS
            for verb in root_verbs
            for t in verb.children
        ):
            features["named_actor_did"] = 0.1
    if lowers & _ABSOLUTES:
        features["absolute"] = 0.05

    text = span.text.strip()
    if text.endswith("?") or (words[0].lower_ in _QUESTION_WORDS and "?" in text):
        features["question"] = -0.35
    first_person = any(t.lower_ in ("i", "we") and t.dep_ == "nsubj" for t in span)
    if first_person and any(
        t.lemma_ in _FEELING_LEMMAS and t.pos_ == "VERB" for t in span
    ):
        features["first_person_feeling"] = -0.15
    if lowers & _HEDGE_WORDS:
        features["hedge"] = -0.08
    if lowers & _COURTESY:
        features["courtesy"] = -0.2
    if text.endswith("!"):
        features["exclamation"] = -0.1
    if len(words) < 6:
        features["short"] = -0.25

    value = max(0.0, min(1.0, BASE + sum(features.values())))
    value = round(value, 3)
    return Checkworthiness(value, value >= THRESHOLD, features)


_QUESTION_WORDS = {"what", "why", "how", "who", "when", "where", "which", "is",
                   "are", "do", "does", "did", "can", "will", "should"}  # fmt: skip


def _entities(span: DocSpan) -> list[tuple[str, str]]:
    """(label, lower-case text) of the entities in ``span``, read off its tokens;
    ``Span.ents`` rescans the whole document on every call."""
    found: list[tuple[str, list[str]]] = []
    for token in span:
        if token.ent_iob_ == "B" or (token.ent_iob_ == "I" and not found):
            found.append((token.ent_type_, [token.lower_]))
        elif token.ent_iob_ == "I":
            found[-1][1].append(token.lower_)
    return [(label, " ".join(words)) for label, words in found]
