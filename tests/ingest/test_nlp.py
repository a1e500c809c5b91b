"""Long texts are parsed in pieces and joined into one Doc of the whole text."""

from __future__ import annotations

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
