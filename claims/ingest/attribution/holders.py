"""Token -> what it is to a statement: the tests every attribution pattern shares.

Whether a word can hold a view ("officials", "the campaign", not "the beam"),
what a relative pronoun stands for, a verb's lemma where the small model errs,
and the idiom "put it". Pure: spaCy tokens in, tokens and booleans out.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from claims.ingest.attribution.lexicon import (
    HOLDER_ENTS,
    HOLDER_NOUNS,
    MESSAGE_OUT_NOUNS,
    NOT_SOURCES,
    PUT_OUT_LEMMAS,
    RELATIVES,
    TIME_ENTS,
)

# Verbs the small model lemmatises wrongly ("hated" as "hat", "lambasted" as
# "lambast"), by the wrong lemma and the start every form of the verb shares.
_MISLEMMATISED = {
    "hop": ("hope", ("hope", "hoping")),
    "hat": ("hate", ("hate", "hating")),
    "lambast": ("lambaste", ("lambast",)),
    "decreed": ("decree", ("decree",)),
    "retweete": ("retweet", ("retweet",)),
}


def lemmas_read_as(lemmas: set[str] | frozenset[str]) -> set[str]:
    """The lemmas spaCy gives the tokens whose ``lemma_of`` is one of ``lemmas``:
    those, and the wrong ones that stand for them."""
    return set(lemmas) | {
        wrong for wrong, (right, _) in _MISLEMMATISED.items() if right in lemmas
    }


def lemma_of(token: Token) -> str:
    lemma = token.lemma_
    fixed = _MISLEMMATISED.get(lemma)
    if fixed is not None and token.lower_.startswith(fixed[1]):
        return fixed[0]
    return lemma


def puts_it(verb: Token) -> bool:
    """Whether ``verb`` is "put it", an idiom of saying ("as Lee put it, ...")."""
    return verb.lemma_ == "put" and any(
        c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children
    )


def put_out_by(participle: Token) -> Token | None:
    """The verb that puts out the message a participle reports what it says
    ("issued a statement saying ...", "released an ad attacking ..."), the
    words between being the message's own; None if there is none. The
    participle may hang on the verb past a date or a medium ("released a
    statement Monday saying ...", "posted a message on Twitter reading ..."),
    or be a relative clause ("released a video that says ...")."""
    if participle.dep_ == "acl" and participle.tag_ == "VBG":
        noun = participle.head
        verb = noun.head
    elif _relative_report(participle):
        noun = participle.head
        verb = noun.head
        if _set_apart(noun, participle):
            return None
    elif participle.dep_ == "advcl" and participle.tag_ == "VBG":
        verb = participle.head
        noun = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if noun is None or _set_apart(noun, participle):
            return None
    else:
        return None
    if (
        noun.dep_ != "dobj"
        or noun.lemma_.lower() not in MESSAGE_OUT_NOUNS
        or verb.pos_ != "VERB"
        or lemma_of(verb) not in PUT_OUT_LEMMAS
        or not verb.i < noun.i < participle.i
    ):
        return None
    return verb


def _relative_report(verb: Token) -> bool:
    """ "(a video) that says ...": a relative clause whose pronoun is its
    subject."""
    return (
        verb.dep_ == "relcl"
        and verb.tag_ in ("VBZ", "VBD", "VBP")
        and any(
            c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in verb.children
        )
    )


def _set_apart(noun: Token, participle: Token) -> bool:
    """Whether punctuation parts the message from the participle ("a
    statement, saying ...")."""
    doc = noun.doc
    return any(doc[i].is_punct for i in range(noun.i + 1, participle.i))


_YEAR = re.compile(r"(1[89]|20)\d\d'?s?")


def holds_views(subject: Token | None) -> bool:
    """Whether a subject can hold a view: a person, a named body, or a noun for
    people or institutions ("officials", "the campaign"), not a thing."""
    if subject is not None and subject.lower_ in ("that", "which"):
        # "a group that endorsed her": the noun the pronoun stands for.
        subject = antecedent_of(subject) or subject
    if subject is None or subject.lower_ in NOT_SOURCES:
        return False
    if subject.pos_ in ("PRON", "PROPN") or subject.ent_type_ in HOLDER_ENTS:
        return True
    if (
        subject.tag_ == "CD"
        and subject.ent_type_ in ("", "CARDINAL", "DATE")
        and not _YEAR.fullmatch(subject.text)
    ):
        # "43 said the same", "six in 10 say ...": a count of people polled
        # (the parser can take a bare count for a date; a year is not one).
        return True
    return subject.lemma_.lower() in HOLDER_NOUNS


def antecedent_of(token: Token) -> Token | None:
    """The noun a relative pronoun ("who") stands for, if ``token`` is one."""
    if token.lower_ not in RELATIVES:
        return None
    clause = next((t for t in token.ancestors if t.dep_ == "relcl"), None)
    if clause is None:
        return None
    noun = clause.head
    if noun.ent_type_ in TIME_ENTS and noun.dep_ == "pobj":
        # "released its budget in March, which showed ...": the parser hangs
        # the clause on the date; it stands for what was put out.
        verb = noun.head.head
        return next(
            (c for c in verb.children if c.dep_ == "dobj" and c.i < noun.i), noun
        )
    return noun


def dated(token: Token) -> bool:
    """Whether a word right under ``token`` says when ("on Monday", "last
    year"): a phrase of time, not of what or who."""
    return any(c.ent_type_ in TIME_ENTS for c in token.children)


def reflexive(token: Token) -> bool:
    """Whether ``token`` is a reflexive pronoun ("himself", "themselves")."""
    return token.lower_.endswith(("self", "selves"))
