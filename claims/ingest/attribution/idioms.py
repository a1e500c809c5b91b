"""Verb idioms of saying and taking sides: the patterns of ``_Idioms``.

What ``_complement`` (complements.py) asks of a verb that says something only in an
idiom: "made (it) clear that ...", "made the case that ...", "made the case
for ...", "made those remarks", a noun a verb of expression takes ("expressed
concern about ..."), a phrasal verb of speaking out ("came out against the bill",
"weighed in on the dispute"), a phrasal verb and its object ("laid out a
plan", "shrugged off the criticism") and a verb, its object and a preposition
("took a swipe at the board", "cast their votes for her"). Each returns what the verb
attributes (first and last token), the token that closes the cue, and whether
it is a clause. Offsets refer to ``doc.text``.
"""

from __future__ import annotations

from spacy.tokens import Token

from claims.ingest.attribution.lexicon import (
    IDIOM_PREPS,
    MADE_NOUNS,
    NOT_CONTENT_ENTS,
    NOUN_CUE_PREPS,
    PHRASAL_OBJECTS,
    PHRASAL_PREPS,
)
from claims.ingest.attribution.nouns import _Nouns


class _Idioms(_Nouns):
    def _phrasal(
        self, verb: Token, lemma: str, children: list[Token]
    ) -> tuple[Token, Token, Token | None, bool] | None:
        """ "Came out against the bill", "weighed in on the dispute": a phrasal
        verb of speaking out and the object of its preposition, which closes
        the cue; "laid out a plan": a phrasal verb and its object."""
        particle = next((c.lower_ for c in children if c.dep_ == "prt"), None)
        noun = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i), None)
        if noun is not None:
            # "took a swipe at", "cast their votes for": the preposition hangs
            # on the verb or on its object.
            for child in [*children, *noun.children]:
                key = (lemma, noun.lemma_.lower(), child.lower_)
                if child.dep_ != "prep" or child.i < noun.i or key not in IDIOM_PREPS:
                    continue
                obj = next(
                    (c for c in child.children if c.dep_ in ("pobj", "pcomp")), None
                )
                if obj is not None and obj.ent_type_ not in NOT_CONTENT_ENTS:
                    return obj.left_edge, child.right_edge, child, False
        if particle is None:
            return None
        if noun is not None and (lemma, particle) in PHRASAL_OBJECTS:
            return noun.left_edge, noun.right_edge, None, False  # "laid out a plan"
        for child in children:
            if child.dep_ != "prep" or (lemma, particle, child.lower_) not in (
                PHRASAL_PREPS
            ):
                continue
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.ent_type_ in NOT_CONTENT_ENTS:
                continue  # "doubled down on Tuesday"
            between = self.tokens[verb.i + 1 : child.i]
            if all(t.dep_ in ("prt", "advmod") for t in between):
                return obj.left_edge, child.right_edge, child, False
        return None

    def _made_clear(
        self, verb: Token
    ) -> tuple[Token, Token, Token | None, bool] | None:
        """ "Made (it) clear that ...": what was made clear, and "clear" for the
        cue."""
        clear = next(
            (c for c in verb.children if c.lower_ == "clear" and c.i > verb.i), None
        )
        if clear is None:
            return self._made_a_case(verb)
        clause = next(
            (c for c in verb.children if c.dep_ == "ccomp" and c.i > clear.i), None
        ) or next(
            (
                c
                for c in clear.children
                if c.dep_ in ("ccomp", "advcl") and c.i > clear.i
            ),
            None,
        )
        if clause is None:
            return None
        return clause.left_edge, clause.right_edge, clear, True

    def _made_a_case(
        self, verb: Token
    ) -> tuple[Token, Token, Token | None, bool] | None:
        """ "Made the case that ...", "made those comments": a noun of speech
        made is said; its "that" clause is what was said, else the noun."""
        noun = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if noun is None or noun.i < verb.i or noun.lemma_.lower() not in MADE_NOUNS:
            return None
        mark = self.tokens[noun.i + 1] if noun.i + 1 < len(self.tokens) else None
        about = self._noun_cue(verb, noun)  # "made the case for ..."
        if about is not None:
            return about
        if mark is not None and mark.lower_ == "that" and mark.head.head.i == noun.i:
            clause = mark.head
            return mark, clause.right_edge, noun, True
        return noun.left_edge, noun.right_edge, None, False

    def _noun_cue(
        self, verb: Token, noun: Token
    ) -> tuple[Token, Token, Token | None, bool] | None:
        """ "Expressed concern that ...", "voiced support for the bill", "made
        the case for ...": a verb that says something only through its object
        noun reports the noun's "that" clause or the object of the preposition
        right after it, and the cue runs to the noun or the preposition. Not a
        noun someone owns ("expressed his support for"), which annotators leave
        out of the cue."""
        if (
            noun.pos_ != "NOUN"
            or noun.i + 1 >= noun.sent.end
            or any(c.dep_ == "poss" for c in noun.children)
            or not all(noun in t.ancestors for t in self.tokens[verb.i + 1 : noun.i])
        ):
            return None
        after = self.tokens[noun.i + 1]
        if after.lower_ == "that" and after.dep_ == "mark":
            clause = after.head
            if clause.head.i == noun.i and clause.right_edge.i - after.i >= 3:
                return after, clause.right_edge, noun, True
            return None
        if after.dep_ != "prep" or after.head.i != noun.i:
            return None
        if after.lower_ not in NOUN_CUE_PREPS:
            return None
        obj = next((c for c in after.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.ent_type_ in NOT_CONTENT_ENTS:
            return None
        # "voiced concern about the plan and its cost": the rest of the noun's
        # phrase belongs to what it is about.
        return obj.left_edge, noun.right_edge, after, False
