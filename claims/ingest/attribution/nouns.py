"""Nouns of speech and stance: the patterns of ``_Nouns``.

A noun of speech or belief and its "that" clause ("his claim that ...",
"voiced concern that ..."), a noun of stance and the object of its preposition
("her criticism of the plan", "stepped up his attacks on ..."), and a noun of
intention and its infinitive ("the governor's decision to close ..."). Whoever
the noun belongs to, or the subject of the verb that takes it, holds the view.
Offsets refer to ``doc.text``.
"""

from __future__ import annotations

from spacy.attrs import LEMMA
from spacy.tokens import Token

from claims.ingest.attribution.holders import holds_views, lemma_of
from claims.ingest.attribution.lexicon import (
    INTENT_NOUNS,
    LIGHT_VERBS,
    MESSAGE_NOUNS,
    SPEECH_NOUNS,
    STANCE_NOUNS,
    TIME_ENTS,
)
from claims.ingest.attribution.views import _Views


class _Nouns(_Views):
    def _speech_nouns(self) -> None:
        """ "His claim that the vote was rigged", "voiced concern that ...": a noun
        of speech or belief and the "that" clause it takes."""
        for noun in self.tokens_where(
            LEMMA, lambda lemma: lemma.lower() in SPEECH_NOUNS
        ):
            if noun.pos_ != "NOUN" or noun.i == len(self.tokens) - 1:
                continue
            mark = self.tokens[noun.i + 1]
            clause = mark.head
            if (
                mark.lower_ != "that"
                or mark.dep_ != "mark"
                or clause.head.i != noun.i
                or clause.right_edge.i - mark.i < 3
                or self.in_quote(noun.idx)
            ):
                continue
            start, end = mark.idx, clause.right_edge.idx + len(clause.right_edge.text)
            if self.overlaps_found(start, end):
                continue
            verb = noun.head
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            cue_start = self._noun_cue_start(noun)
            subject = owner
            if (
                noun.dep_ == "dobj"
                and verb.pos_ == "VERB"
                and verb.i < noun.i
                and all(t.head.i == noun.i for t in self.tokens[verb.i + 1 : noun.i])
            ):
                # "voiced concern that", "repeated his claim that": the verb
                # belongs to the cue, its subject speaks.
                cue_start = self.cue_span(verb, (start, end)).start
                subject = self.subject_of(verb) or owner
            if subject is None:
                continue  # "the claim that ...": no one holds it in the sentence
            cue = self.span(cue_start, noun.idx + len(noun.text))
            start, end = self._widen_to_quotes(start, end)
            direct = any(s < end and start < e for s, e in self.quote_ranges)
            self.add(start, end, None, subject, direct=direct, cue=cue, rule="noun")

    def _message_nouns(self) -> None:
        """ "Her answer was that the plan works", "The message is: act now": a
        noun of a message as the subject of "is", and the clause it is; whoever
        the noun belongs to said it."""
        for noun in self.tokens_among(MESSAGE_NOUNS):
            if (
                noun.lemma_ not in MESSAGE_NOUNS
                or noun.dep_ != "nsubj"
                or noun.pos_ != "NOUN"
            ):
                continue
            copula = noun.head
            if (
                copula.lemma_ != "be"
                or copula.i < noun.i
                or copula.i in self.used_cues
                or copula.i + 2 >= copula.sent.end
                or self.in_quote(copula.idx)
            ):
                continue
            after, cue_last = self.tokens[copula.i + 1], copula
            if after.text == ":":
                cue_last, first = after, self.tokens[after.i + 1]
            else:
                clause = next(
                    (
                        c
                        for c in copula.children
                        if c.dep_ == "ccomp" and c.i > copula.i
                    ),
                    None,
                )
                if clause is None or clause.left_edge.i != copula.i + 1:
                    continue
                first = clause.left_edge
            last = self.tokens[copula.sent.end - 1]
            start, end = self.trimmed(first.idx, last.idx + len(last.text))
            if end - start < 10 or self.overlaps_found(start, end):
                continue
            owner = next(
                (c for c in noun.children
                 if c.dep_ == "poss" and holds_views(c)),
                None,
            )  # fmt: skip
            if owner is None:
                continue  # "the idea is that ...": no one holds it in the sentence
            cue = self.span(
                self._noun_cue_start(noun), cue_last.idx + len(cue_last.text)
            )
            start, end = self._widen_to_quotes(start, end)
            direct = any(s < end and start < e for s, e in self.quote_ranges)
            self.add(start, end, None, owner, direct=direct, cue=cue, rule="noun")

    def _stance_nouns(self) -> None:
        """ "Her criticism of the plan", "voiced support for the bill", "Lee's
        attacks on the press": a noun of stance and the object of its
        preposition; whoever it belongs to (a possessive, or the subject of a
        verb that makes it its object) holds it."""
        nouns = self.tokens_where(
            LEMMA,
            lambda lemma: (
                lemma.lower() in STANCE_NOUNS or lemma.lower() in INTENT_NOUNS
            ),
        )
        for noun in nouns:
            if noun.i == len(self.tokens) - 1:
                continue
            lemma = noun.lemma_.lower()
            preps = STANCE_NOUNS.get(lemma, ())
            if noun.pos_ != "NOUN" or self.in_quote(noun.idx):
                continue
            prep = self.tokens[noun.i + 1]
            if prep.lower_ in preps and prep.head.i == noun.i:
                obj = next(
                    (c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None
                )
                if obj is None:
                    continue
                first, last, cue_end = obj.left_edge, obj.right_edge, prep
            elif (
                lemma in INTENT_NOUNS
                and prep.lower_ == "to"
                and prep.head.dep_ == "acl"
                and prep.head.head.i == noun.i
            ):
                # "her decision to run", "his pledge to cut taxes"
                first, last, cue_end = prep, prep.head.right_edge, noun
            else:
                continue
            start, end = first.idx, last.idx + len(last.text)
            if end - start < 3 or self.overlaps_found(start, end):
                continue
            owner = next(
                (c for c in noun.children
                 if c.dep_ == "poss" and c.ent_type_ not in TIME_ENTS),
                None,
            )  # fmt: skip
            cue_start = self._noun_cue_start(noun)
            verb = self._stance_verb(noun)
            if verb is not None and (
                (
                    owner is None
                    and lemma_of(verb) in LIGHT_VERBS
                    and noun.dep_ == "dobj"
                )
                or (owner is not None and owner.pos_ == "PRON")
            ):
                # "voiced support for", "stepped up his attacks on", "were united
                # in their opposition to": the verb belongs to the cue, and its
                # subject holds the stance.
                subject = self.subject_of(verb)
                if subject is not None and holds_views(subject):
                    owner = subject
                    if noun.dep_ == "dobj":
                        cue_start = self.cue_span(verb, (start, end)).start
            if owner is None or not holds_views(owner) or self.in_quote(owner.idx):
                continue
            cue = self.span(cue_start, cue_end.idx + len(cue_end.text))
            start, end = self._widen_to_quotes(start, end)
            direct = any(s < end and start < e for s, e in self.quote_ranges)
            self.add(start, end, None, owner, direct=direct, cue=cue, rule="noun")

    def _noun_cue_start(self, noun: Token) -> int:
        """Where a noun's cue starts: with the words that qualify it ("strong
        opposition", "his recent evidence-free claim"), not its owner."""
        first = noun.i
        for index in range(noun.i - 1, noun.left_edge.i - 1, -1):
            token = self.tokens[index]
            while token.i != noun.i and token.dep_ not in ("poss", "det", "predet"):
                token = token.head
            if token.i != noun.i:
                break
            first = index
        while first < noun.i and self.tokens[first].is_punct:
            first += 1
        return self.tokens[first].idx

    def _stance_verb(self, noun: Token) -> Token | None:
        """The verb whose object ("stepped up his attacks") or whose phrase
        ("united in their opposition") holds a stance noun, the words between
        being the noun's own or the verb's particle."""
        head = noun.head
        if (
            noun.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.i == noun.left_edge.i - 1
        ):
            head = head.head
            if head.pos_ == "ADJ" and head.dep_ == "acomp":
                head = head.head  # "were unanimous in their condemnation of"
        elif noun.dep_ != "dobj":
            return None
        if head.pos_ not in ("VERB", "AUX") or head.i > noun.i:
            return None
        between = self.tokens[head.i + 1 : noun.left_edge.i]
        if any(t.dep_ not in ("prt", "prep", "acomp", "dobj") for t in between):
            return None
        return head
