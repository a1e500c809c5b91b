"""Token ranges of entities, and the runs of words around them that the rules
of this package read and edit.

Entities are [start, end, label] token ranges into one ``Doc``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from claims.ingest.name_words import ORG_HEADS, TITLE_WORDS

_WHEN = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_RUN_CONNECTORS = {"of", "for", "&"}
# The key under which ``tokens_of`` files the members of lists.
CONJ = "<conj>"


def tokens_of(doc: Doc, words: Iterable[str]) -> list[Token]:
    """The tokens whose lower-case form or lemma is one of ``words`` (or, for
    ``CONJ``, that are members of a list), in order.

    The rules look for a few trigger words each; one index per ``Doc``, built
    from its arrays, spares each rule a pass over every token in Python.
    """
    return [doc[i] for i in indices_of(doc, words)]


def indices_of(doc: Doc, words: Iterable[str]) -> list[int]:
    """The positions of the tokens ``tokens_of`` finds, in order."""
    index = doc.user_data.get("context_word_index")
    if index is None:
        index = {}
        lower, lemma, dep, head = doc.to_array([LOWER, LEMMA, DEP, HEAD]).T
        for i, (low, lem) in enumerate(
            zip(lower.tolist(), lemma.tolist(), strict=True)
        ):
            index.setdefault(low, []).append(i)
            if lem != low:
                index.setdefault(lem, []).append(i)
        conj = doc.vocab.strings["conj"]
        members = index.setdefault(CONJ, [])
        for i in (dep == conj).nonzero()[0].tolist():
            # HEAD holds the offset of the head from the token, as unsigned.
            members.extend((i + int(head[i].astype("int64")), i))
        doc.user_data["context_word_index"] = index
    strings = doc.vocab.strings
    keys = [CONJ if word == CONJ else strings[word] for word in words]
    return sorted({i for key in keys for i in index.get(key, ())})


def tokens_where(doc: Doc, attr: int, test: Callable[[str], object]) -> list[Token]:
    """The tokens whose string for ``attr`` (ORTH, LOWER...) passes ``test``, in
    order. The test runs once per distinct string, and only the tokens found
    are built: a pass over every Token of a Doc costs more than the rule
    (``tokens_of`` is quicker still for a few words)."""
    return [doc[i] for i in indices_where(doc, attr, test)]


def indices_where(doc: Doc, attr: int, test: Callable[[str], object]) -> list[int]:
    """The positions of the tokens ``tokens_where`` finds, in order."""
    cache = doc.user_data.setdefault("distinct_strings", {})
    if attr not in cache:
        values = doc.to_array(attr)
        strings = doc.vocab.strings
        cache[attr] = values, [(key, strings[key]) for key in set(values.tolist())]
    values, distinct = cache[attr]
    keys = [key for key, string in distinct if test(string)]
    if not keys:
        return []
    return np.isin(values, np.array(keys, dtype=values.dtype)).nonzero()[0].tolist()


def token_owners(ents: list[list]) -> dict[int, list]:
    return {i: ent for ent in ents for i in range(ent[0], ent[1])}


def put(ents: list[list], start: int, end: int, label: str) -> list[list]:
    """``ents`` with [start, end) labelled ``label``, replacing what it overlaps."""
    kept = [e for e in ents if e[1] <= start or end <= e[0]]
    return [*kept, [start, end, label]]


def is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)


def run_end(doc: Doc, start: int, limit: int = 6) -> int:
    """The end of the run of capitalised words from ``start`` (joined by "of",
    "for" or "&" between two of them), within one sentence."""
    end = start
    while end < len(doc) and end - start < limit:
        token = doc[end]
        if end > start and token.is_sent_start:
            break
        name_word = is_capitalised(token) and token.ent_type_ not in _WHEN
        connector = (
            end > start
            and token.lower_ in _RUN_CONNECTORS
            and end + 1 < len(doc)
            and is_capitalised(doc[end + 1])
        )
        if not (name_word or connector):
            break
        end += 1
    return end


def is_acronym(token: Token) -> bool:
    return token.is_upper and token.is_alpha and 2 <= len(token.text) <= 6


def noun_before(doc: Doc, start: int, nouns: set[str]) -> bool:
    """Whether the lower-case noun right before ``start`` is one of ``nouns``
    (singular or plural)."""
    if start == 0:
        return False
    token = doc[start - 1]
    return token.is_lower and (token.lower_ in nouns or token.lemma_ in nouns)


def looks_like_a_name(tokens: Span) -> bool:
    return 1 <= len(tokens) <= 3 and all(
        t.is_title and t.is_alpha and t.lower_ not in ORG_HEADS | TITLE_WORDS
        for t in tokens
    )


def conjuncts(token: Token) -> list[Token]:
    """The members of the list ``token`` belongs to ("Ann, Bo and Cy")."""
    root = token
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    members, todo = [], [root]
    while todo:
        member = todo.pop()
        members.append(member)
        todo.extend(c for c in member.children if c.dep_ == "conj")
    return members
