"""Long texts are parsed in pieces and joined into one Doc of the whole text."""

from __future__ import annotations

import pytest

from claims.ingest import nlp
from tests.conftest import SEED_TEXT


def _long_text() -> str:
    seed = SEED_TEXT.read_text(encoding="utf-8")
    return "\n".join([seed] * (3 * nlp.CHUNK_CHARS // len(seed) + 1))


def test_it_cuts_a_long_text_after_line_breaks_and_keeps_every_character():
    text = _long_text()
    pieces = nlp.split_text(text)
    assert len(pieces) > 2
    assert "".join(pieces) == text
    assert all(len(piece) <= nlp.CHUNK_CHARS for piece in pieces)
    assert all(piece.endswith("\n") for piece in pieces[:-1])
    assert nlp.split_text("Short.") == ["Short."]
    # No line break, no space: cut at the size.
    assert nlp.split_text("x" * 25, size=10) == ["x" * 10, "x" * 10, "x" * 5]


def test_a_long_text_parses_to_one_doc_with_its_offsets():
    text = _long_text()
    doc = nlp.parse(text)
    assert doc.text == text
    assert len(nlp.split_text(text)) > 2
    names = [ent for ent in doc.ents if ent.text == "Oliver Dowden"]
    assert len(names) > 3  # found in every piece, offsets into the whole text
    assert all(text[e.start_char : e.end_char] == "Oliver Dowden" for e in names)


def test_parse_many_gives_the_same_docs_as_parse():
    texts = ["The minister said taxes rose.", _long_text(), "", "He denied it."]
    many = list(nlp.parse_many(texts, batch_size=2))
    assert [doc.text for doc in many] == texts
    for doc, text in zip(many, texts, strict=True):
        one = nlp.parse(text)
        assert [t.dep_ for t in doc] == [t.dep_ for t in one]
        assert [e.text for e in doc.ents] == [e.text for e in one.ents]


def test_it_reads_a_horizontal_bar_as_the_dash_it_stands_for():
    text = "OSLO ― The mayor opened the bridge.\n“It is lovely.”― Ann Lee"
    doc = nlp.parse(text)
    (many,) = nlp.parse_many([text])
    bars = [t for t in doc if t.idx in (5, text.index("”―") + 1)]
    assert [t.text for t in bars] == ["—", "—"]  # a token of its own, glued or not
    assert all(t.pos_ == "PUNCT" for t in bars)
    assert [t.idx for t in many] == [t.idx for t in doc]
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc if "—" not in t.text)


def test_a_dash_typed_against_a_capital_word_is_a_token_of_its_own():
    doc = nlp.parse("-Jo Lee, Dayton.\nAn ex-Mayor scored -5.")
    words = [t.text for t in doc]
    assert words[:3] == ["-", "Jo", "Lee"]
    assert "-5" in words  # a number keeps its sign


def test_a_quotation_mark_typed_against_the_next_word_is_a_token_of_its_own():
    doc = nlp.parse('“We sail at dawn,”Ines Moreau said,“weather or not.” Tom:"Fine."')
    words = [t.text for t in doc]
    assert words[5:9] == [",", "”", "Ines", "Moreau"]
    assert words[10:13] == [",", "“", "weather"]
    assert words[-5:-2] == [":", '"', "Fine"]
    assert "U.S." in [t.text for t in nlp.parse('The U.S. "aid" plan.')]


def test_an_asked_aside_leaves_its_subject_to_the_verb_after_it():
    doc = nlp.parse("Ines Moreau, asked whether she would stand, said she might.")
    asked, said = doc[3], doc[9]
    assert (asked.text, said.text) == ("asked", "said")
    assert [c.text for c in said.children if c.dep_ == "nsubj"] == ["Moreau"]
    assert asked.head.i == said.i and asked.dep_ == "advcl"
    assert said.dep_ == "ROOT"


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Anna Moreau told Tom Berry, after he admitted under oath he had not "
         "been fined.", "admitted"),
        ("“You should quit now and pay the money back,” Anna Moreau told Tom "
         "Berry, after he conceded under her questioning that he had not been "
         "punished.", "conceded"),
    ],
    ids=["without that", "with that"],
)  # fmt: skip
def test_a_clause_after_an_adverbial_clause_hangs_on_the_verb_of_that_clause(
    text, verb
):
    doc = nlp.parse(text)
    (told,) = [t for t in doc if t.text == "told"]
    (adverbial,) = [t for t in doc if t.text == verb]
    clause = doc[-2]  # "fined", "punished"
    assert clause.head.i == adverbial.i and clause.dep_ == "ccomp"
    assert adverbial.head.i == told.i and adverbial.dep_ == "advcl"


@pytest.mark.parametrize(
    "text",
    [
        "Anna Moreau told Tom Berry at a hearing that the pier was unsafe.",
        "Anna Moreau told her aides on a weekly basis that the pier was unsafe.",
    ],
)
def test_a_clause_after_a_phrase_of_where_or_when_is_what_was_told(text):
    doc = nlp.parse(text)
    (told,) = [t for t in doc if t.text == "told"]
    (was,) = [t for t in doc if t.text == "was"]
    assert was.head.i == told.i and was.dep_ == "ccomp"
    assert [t.dep_ for t in doc if t.text == "that"] == ["mark"]


def test_a_clause_of_a_noun_that_takes_one_stays_with_the_noun():
    doc = nlp.parse(
        "Anna Moreau briefed the dockers on the risk that the pier would fall."
    )
    (fall,) = [t for t in doc if t.text == "fall"]
    assert fall.head.text == "risk"


def _annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def _stock():
    """The model's own pipeline, with our sentence breaks: what ours must match."""
    import spacy

    stock = spacy.load(nlp.DEFAULT_MODEL)
    stock.add_pipe("paragraph_breaks", before="parser")
    return stock


def test_the_indexed_attribute_rules_annotate_as_spacys_attribute_ruler():
    ours, stock = nlp.get_pipeline(), _stock()
    assert "indexed_attribute_ruler" in ours.pipe_names
    assert "attribute_ruler" in ours.disabled
    # The word exceptions (two-token ones too), the tag map, rules on the
    # parse (auxiliaries, "there is") and runs of spaces.
    texts = [
        "Y'all ain't gonna believe it: she gets nothin' and he got lots.",
        "There's a rule, and there were two; I said you'd be fine.  \n\nBut it's late.",
        "The fees have been raised by 12% since 2019, whose doing is that?",
        "Don't you dare, cause we wanna know what 'em cops did'nt say.",
        SEED_TEXT.read_text(encoding="utf-8")[:4000],
    ]
    for text in texts:
        assert _annotations(ours(text)) == _annotations(stock(text)), text


def test_rules_it_cannot_look_up_stay_with_spacys_attribute_ruler():
    import spacy
    from spacy.pipeline import AttributeRuler

    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "big"}, {"TAG": {"IN": ["NN", "NNS"]}}]], {"LEMMA": "x"})
    assert nlp.IndexedAttributeRuler.handles(ruler)
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    assert not nlp.IndexedAttributeRuler.handles(ruler)
    other = spacy.blank("en").add_pipe("attribute_ruler")
    other.add([[{"POS": "NOUN"}]], {"LEMMA": "thing"})
    assert not nlp.IndexedAttributeRuler.handles(other)
    index_out = spacy.blank("en").add_pipe("attribute_ruler")
    index_out.add([[{"LOWER": "a"}]], {"LEMMA": "an"}, index=1)
    assert not nlp.IndexedAttributeRuler.handles(index_out)


def test_remembered_lemmas_are_spacys_lemmatizer_ones(monkeypatch):
    ours, stock = nlp.get_pipeline(), _stock()
    assert "remembering_lemmatizer" in ours.pipe_names
    assert "lemmatizer" in ours.disabled
    # Inflected nouns, verbs and adjectives, words of two parts of speech,
    # names, exceptions (mice, went, better) and words the tables lack.
    texts = [
        "The runs were better than expected; she runs faster and ran again.",
        "Mice ate the cheeses while the geese went hunting, said Ms Okonjo-Iweala.",
        "Ministers were frobnicating budgets, the biggest cuts of the 2020s.",
        "He has been saying that prices rose; they're rising and will have risen.",
    ]
    for text in texts:
        assert _annotations(ours(text)) == _annotations(stock(text)), text
    # Seen again, every lemma comes from memory: spaCy's lemmatizer is not asked.
    remembering = ours.get_pipe("remembering_lemmatizer")
    monkeypatch.setattr(remembering.lemmatizer, "lemmatize", None)
    for text in texts:
        assert _annotations(ours(text)) == _annotations(stock(text)), text


def test_lemmatizers_it_cannot_stand_for_stay_spacys():
    import spacy

    ours = nlp.get_pipeline().get_pipe("lemmatizer")
    assert nlp.RememberingLemmatizer.handles(ours)
    lookup = spacy.blank("en").add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not nlp.RememberingLemmatizer.handles(lookup)
    overwriting = spacy.blank("en").add_pipe(
        "lemmatizer", config={"mode": "rule", "overwrite": True}
    )
    assert not nlp.RememberingLemmatizer.handles(overwriting)
    french = spacy.blank("fr").add_pipe("lemmatizer", config={"mode": "rule"})
    assert not nlp.RememberingLemmatizer.handles(french)  # a lemmatizer of its own
