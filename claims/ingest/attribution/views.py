"""Views and expectations beside reported speech: the patterns of ``_Views``.

A stance adjective or partisan noun after a copula ("officials are worried
that ...", "she was a supporter of ...") or a stance adjective after its holder
("voters wary of the plan"), a stance "in favour of" something
("voted in favor of the bill"), an expectation, reputation or hearsay no one in
the sentence holds ("the bill is expected to pass", "a firm known for its ads",
"the firm reportedly closed ..."), "according to X", "in Lee's view", "In a
poll, ..." and a standing "in the latest poll". Offsets refer to ``doc.text``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER

from claims.ingest.attribution.direct import _DirectQuotes
from claims.ingest.attribution.holders import holds_views, lemma_of, lemmas_read_as
from claims.ingest.attribution.lexicon import (
    CUE_PREPS,
    HEARSAY_ADVERBS,
    IN_STANCE_NOUNS,
    NOT_SOURCES,
    PARTISAN_NOUNS,
    POLL_NOUNS,
    RAISING_ACTIVE,
    RAISING_ADJECTIVES,
    RAISING_LEMMAS,
    RELATIVES,
    REPUTATION_VERBS,
    ROLE_ADJECTIVES,
    SENTENCE_END,
    STANCE_ADJECTIVES,
    SUBJECTS,
    VIEW_NOUNS,
)
from claims.ingest.attribution.roles import has_to

if TYPE_CHECKING:
    from spacy.tokens import Token

    from claims.ingest.analysis import Span
    from claims.ingest.attribution.roles import Attribution


# What a raising verb's lemma can be before lemma_of corrects it.
_RAISING_READ_AS = lemmas_read_as(RAISING_LEMMAS)


def _prep_object(adjective: Token) -> tuple[Token | None, Token | None]:
    """The cue preposition right after a stance adjective ("critical of",
    "wary of") and its object, or Nones."""
    prep = next(
        (c for c in adjective.children
         if c.dep_ == "prep" and c.lower_ in CUE_PREPS and c.i == adjective.i + 1),
        None,
    )  # fmt: skip
    if prep is None:
        return None, None
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return prep, obj


def _no_stance(adjective: Token, clause: Token | None) -> bool:
    """ "The vote is sure to pass", "the costs are certain to rise": "sure"
    and "certain" with an infinitive predict what will happen, as "likely to"
    does, whoever their subject; "she made sure to call", "making sure that
    ..." is seeing to it. Neither is a view anyone holds (unlike "she is sure
    that ...")."""
    if adjective.lower_ not in RAISING_ADJECTIVES:
        return False
    if adjective.head.lemma_.lower() == "make":
        return True
    # Not "not sure how to reply": a question is what one is unsure of.
    return (
        clause is not None
        and clause.dep_ == "xcomp"
        and has_to(clause)
        and clause.left_edge.lower_ == "to"
    )


class _Views(_DirectQuotes):
    def _stances(self) -> None:
        """ "Officials are concerned that ...", "she is critical of the plan", "he
        has been a supporter of the bill": a stance adjective or a noun for a
        partisan after a copula, with a clause or a prepositional object."""
        found = {
            token.i: token
            for token in (
                *self.tokens_where(LOWER, lambda lower: lower in STANCE_ADJECTIVES),
                *self.tokens_where(
                    LEMMA, lambda lemma: lemma.lower() in PARTISAN_NOUNS
                ),
            )
        }
        for adjective in (found[i] for i in sorted(found)):
            if not (
                (adjective.lower_ in STANCE_ADJECTIVES and adjective.dep_ == "acomp")
                or (
                    adjective.lemma_.lower() in PARTISAN_NOUNS
                    and adjective.dep_ == "attr"
                )
            ):
                continue
            copula = adjective.head
            if copula.i in self.used_cues or self.in_quote(adjective.idx):
                continue
            clause = next(
                (c for c in adjective.children if c.dep_ in ("ccomp", "xcomp")), None
            )
            if clause is None:
                clause = next(
                    (c for c in copula.children
                     if c.dep_ == "ccomp" and c.i > adjective.i), None
                )  # fmt: skip
            if _no_stance(adjective, clause):
                continue
            prep = None
            if clause is None:
                prep, obj = _prep_object(adjective)
                if obj is None:
                    continue
                first, last = obj.left_edge, obj.right_edge
            else:
                first, last = clause.left_edge, clause.right_edge
                if first.i < adjective.i:
                    continue
            start, end = first.idx, last.idx + len(last.text)
            if end - start < 3 or self.overlaps_found(start, end):
                continue
            subject = self.subject_of(copula)
            if subject is not None and (
                self.in_quote(subject.idx) or subject.lower_ in NOT_SOURCES
            ):
                subject = None
            if subject is None and clause is None:
                continue
            if subject is not None and clause is None and not holds_views(subject):
                continue  # "the road is open to traffic"
            cue_start = self.cue_span(copula, (start, end)).start
            cue_last = prep if prep is not None else adjective
            cue = self.span(cue_start, cue_last.idx + len(cue_last.text))
            start, end = self._widen_to_quotes(start, end)
            direct = any(s < end and start < e for s, e in self.quote_ranges)
            self.add(start, end, copula, subject, direct=direct, cue=cue, rule="stance")

    def _stance_modifiers(self) -> None:
        """ "Voters wary of the plan", "firms willing to invest": a stance
        adjective after a noun for whoever holds the stance, with its infinitive,
        clause or prepositional object; the adjective (and preposition) is the
        cue, the noun the source."""
        for adjective in self.tokens_among(STANCE_ADJECTIVES):
            if adjective.lower_ not in STANCE_ADJECTIVES or adjective.dep_ != "amod":
                continue
            holder = adjective.head
            if (
                adjective.lower_ in ROLE_ADJECTIVES
                or holder.i >= adjective.i
                or holder.pos_ not in ("NOUN", "PROPN")
                or not holds_views(holder)
                or self.in_quote(adjective.idx)
            ):
                continue
            cue_last = adjective
            clause = next(
                (c for c in adjective.children
                 if c.dep_ in ("ccomp", "xcomp") and c.i > adjective.i), None
            )  # fmt: skip
            if clause is not None:
                first, last = clause.left_edge, clause.right_edge
            else:
                prep, obj = _prep_object(adjective)
                if obj is None:
                    continue
                first, last = obj.left_edge, obj.right_edge
                cue_last = prep
            start, end = first.idx, last.idx + len(last.text)
            if end - start < 3 or any(
                a.start < end and start < a.end for a in self.found
            ):
                continue
            cue = self.span(adjective.idx, cue_last.idx + len(cue_last.text))
            start, end = self._widen_to_quotes(start, end)
            direct = any(s < end and start < e for s, e in self.quote_ranges)
            found = self.add(start, end, None, holder, direct=direct, cue=cue,
                             rule="stance")  # fmt: skip
            if found is not None:
                # The noun phrase up to the noun, not the adjective after it.
                left = holder.left_edge
                found.source = self.span(left.idx, holder.idx + len(holder.text))

    def _in_favour(self) -> None:
        """ "Voted in favour of the bill", "has spoken out in favor of gun
        control", "was always in favor of the plan", "rallied in support of
        her", "stood in opposition to it": a stance its holder takes "in favour
        of" something; the verb group and the phrase are the cue."""
        for favour in self.tokens_among(IN_STANCE_NOUNS):
            prep = IN_STANCE_NOUNS.get(favour.lower_)
            if prep is None or favour.dep_ != "pobj":
                continue
            within, verb = favour.head, favour.head.head
            of = next((c for c in favour.children if c.lower_ == prep), None)
            obj = (
                next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None)
                if of is not None
                else None
            )
            if (
                obj is None
                or within.lower_ != "in"
                or verb.pos_ not in ("VERB", "AUX")
                or verb.i in self.used_cues
                or self.in_quote(favour.idx)
            ):
                continue
            start, end = self.trimmed(
                obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
            )
            if end - start < 3 or any(
                a.start < end and start < a.end for a in self.found
            ):
                continue
            subject = self.subject_of(verb)
            if (
                subject is None
                or not holds_views(subject)
                or self.in_quote(subject.idx)
            ):
                continue
            cue_start = self.cue_span(verb, (start, end)).start
            cue = self.span(cue_start, of.idx + len(of.text))
            self.add(start, end, verb, subject, direct=False, cue=cue, rule="stance")

    def _raising(self) -> None:
        """ "The bill is expected to pass", "he seems to be winning", "the plan
        seems unfair", "the bridges were deemed unsafe": the subject and the
        infinitive or predicate are the content; no source is named."""
        for verb in self.tokens_among(_RAISING_READ_AS):
            lemma = lemma_of(verb)
            if lemma not in RAISING_LEMMAS or verb.i in self.used_cues:
                continue
            if self.in_quote(verb.idx):
                continue
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            if not passive and lemma not in RAISING_ACTIVE:
                continue
            xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            if xcomp is None and lemma in RAISING_ACTIVE:
                # "the plan seems unfair", "this seems like a good moment"
                xcomp = next(
                    (c for c in verb.children
                     if c.dep_ in ("acomp", "attr", "oprd")
                     or (c.dep_ == "prep" and c.lower_ == "like")),
                    None,
                )  # fmt: skip
            if xcomp is None and passive:
                # "the bridges were deemed unsafe", "is considered the
                # favourite": the predicate the passive gives its subject.
                xcomp = next((c for c in verb.children if c.dep_ == "oprd"), None)
            subject = next(
                (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None
            )
            if subject is None and verb.dep_ == "conj" and verb.head.i < verb.i:
                # "She is moving but is expected to stay": the first verb's.
                subject = next(
                    (c for c in verb.head.children
                     if c.dep_ in ("nsubj", "nsubjpass")),
                    None,
                )  # fmt: skip
            if xcomp is None or subject is None or xcomp.i < verb.i:
                continue
            if subject.lower_ in ("that", "which"):
                continue
            s_first, s_last = subject.left_edge, subject.right_edge
            x_first, x_last = xcomp.left_edge, xcomp.right_edge
            spans = []
            for first, last in ((s_first, s_last), (x_first, x_last)):
                start, end = self.trimmed(first.idx, last.idx + len(last.text))
                if end > start:
                    spans.append(self.span(start, end))
            if len(spans) < 2:
                continue
            attribution = self._add_pieces(spans, "raising", verb=verb)
            if attribution is not None:
                attribution.cue = self.cue_span(verb, (spans[1].start, spans[1].end))

    def _reputations(self) -> None:
        """ "She is known as a fierce debater", "a group known for its ads": a
        reputation no one in the sentence is said to hold. The one known and
        what for are the content; no source."""
        for known in self.tokens_among(REPUTATION_VERBS):
            preps = REPUTATION_VERBS.get(known.lower_)
            if preps is None or known.tag_ != "VBN" or known.i in self.used_cues:
                continue
            prep = next(
                (c for c in known.children
                 if c.dep_ == "prep" and c.lower_ in preps and c.i > known.i),
                None,
            )  # fmt: skip
            what = (
                next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if prep is not None
                else None
            )
            if what is None or self.in_quote(known.idx):
                continue
            if any(t.dep_ != "advmod" for t in self.tokens[known.i + 1 : prep.i]):
                continue
            subject = next((c for c in known.children if c.dep_ == "nsubjpass"), None)
            if subject is not None:
                first, last = subject.left_edge, subject.right_edge
            elif known.dep_ == "acl" and known.head.i < known.i:
                first, last = known.head.left_edge, known.head  # "a group known for"
            else:
                continue
            spans = []
            for a, b in ((first, last), (what.left_edge, what.right_edge)):
                start, end = self.trimmed(a.idx, b.idx + len(b.text))
                if end > start:
                    spans.append(self.span(start, end))
            if len(spans) < 2:
                continue
            attribution = self._add_pieces(spans, "raising", verb=known)
            if attribution is not None:
                cue_start = self.cue_span(known, (spans[1].start, spans[1].end)).start
                attribution.cue = self.span(cue_start, prep.idx + len(prep.text))

    def _hearsay(self) -> None:
        """ "The firm reportedly plans to close": an adverb of hearsay marks its
        clause as someone's claim, no one named; the clause around the adverb
        is the content, in two spans."""
        for adverb in self.tokens_among(HEARSAY_ADVERBS):
            if adverb.lower_ not in HEARSAY_ADVERBS or adverb.dep_ != "advmod":
                continue
            verb = adverb.head
            if verb.pos_ not in ("VERB", "AUX") or self.in_quote(adverb.idx):
                continue
            # From the subject: a phrase fronted before it is no part of it.
            subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
            first = subject.left_edge if subject is not None else verb.left_edge
            last = verb.right_edge
            spans = []
            for start, end in (
                (first.idx, adverb.idx),
                (adverb.idx + len(adverb.text), last.idx + len(last.text)),
            ):
                start, end = self.trimmed(start, end)
                if end > start:
                    spans.append(self.span(start, end))
            if len(spans) == 2:
                cue = self.span(adverb.idx, adverb.idx + len(adverb.text))
                self._add_pieces(spans, "raising", cue=cue)

    def _add_pieces(
        self,
        spans: list,
        rule: str,
        *,
        verb: Token | None = None,
        subject: Token | None = None,
        cue: Span | None = None,
    ) -> Attribution | None:
        """An attribution whose content is ``spans`` (a clause in pieces around
        its cue), unless an attribution found already covers them; one told
        inside them ("the plan appears likely to anger those who rejected it")
        does not, except inside what a source is "according to", which takes
        in every statement inside it (see ``_drop_nested``)."""
        start, end = spans[0].start, spans[-1].end
        if rule == "according":
            taken = any(a.start < end and start < a.end for a in self.found)
        else:
            own = cue
            if own is None and verb is not None:
                own = self.span(verb.idx, verb.idx + len(verb.text))
            taken = self.overlaps_found(start, end, own)
        if taken:
            return None
        attribution = self.add(spans[0].start, spans[-1].end, verb, subject,
                               direct=False, cue=cue, rule=rule)  # fmt: skip
        if attribution is not None:
            attribution.content = spans
        return attribution

    def _polls(self) -> None:
        """ "In a poll released Monday, 40 percent backed the plan": the poll is
        the source of the rest of the sentence, "In" its cue."""
        for prep in self.tokens_among(("in",)):
            if prep.lower_ != "in" or prep.dep_ != "prep" or prep.i != prep.sent.start:
                continue
            poll = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if poll is None or poll.lemma_.lower() not in ("poll", "survey"):
                continue
            comma = prep.right_edge.i + 1
            if comma >= prep.sent.end or self.tokens[comma].text != ",":
                continue
            start, end = self.trimmed(self.tokens[comma].idx, prep.sent.end_char)
            if end - start < 8 or self.in_quote(prep.idx):
                continue
            cue = self.span(prep.idx, prep.idx + len(prep.text))
            self.add(start, end, None, poll, direct=False, cue=cue, rule="according")
        self._poll_standings()

    def _poll_standings(self) -> None:
        """ "Lee leads Ortiz by nine points in the latest poll": a standing
        measured "in" a poll is the poll's finding; the clause is the content.
        Not a standing "in the polls", which sums up the race, no one poll's
        finding."""
        for prep in self.tokens_among(("in",)):
            if prep.lower_ != "in" or prep.dep_ != "prep" or prep.i == prep.sent.start:
                continue
            poll = next((c for c in prep.children if c.dep_ == "pobj"), None)
            verb = prep.head
            if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "attr"):
                # "Lee holds a wide lead in the poll": the parser can hang the
                # poll on the standing rather than on its verb.
                verb = verb.head
            if (
                poll is None
                or poll.lemma_.lower() not in POLL_NOUNS
                or poll.tag_ == "NNS"  # "leads in the polls": the race at large
                or verb.pos_ not in ("VERB", "AUX")
                or self.in_quote(prep.idx)
            ):
                continue
            subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
            if (
                subject is None
                or subject.i > prep.i
                or subject.lower_ in RELATIVES  # "who is third in the polls"
                or verb.dep_ in ("advcl", "relcl", "acl")
            ):
                continue
            spans = []
            for start, end in (
                (subject.left_edge.idx, prep.idx),
                (
                    prep.right_edge.idx + len(prep.right_edge.text),
                    verb.right_edge.idx + len(verb.right_edge.text),
                ),
            ):
                start, end = self.trimmed(start, end)
                if end - start > 1:
                    spans.append(self.span(start, end))
            if spans:
                cue = self.span(prep.idx, prep.idx + len(prep.text))
                self._add_pieces(spans, "according", subject=poll, cue=cue)

    # -- according to --------------------------------------------------------

    def _according_to(self) -> None:
        self._according_to_phrase()
        self._in_the_view_of()

    def _in_the_view_of(self) -> None:
        """ "In Lee's view, the plan will fail", "..., in the eyes of many
        voters": a view set off from the rest of its sentence, which is the
        content; the holder is the source. The cue is the noun after a
        possessive ("view"), the whole phrase before "of" ("in the eyes of")."""
        for prep in self.tokens_among(("in",)):
            if prep.lower_ != "in" or prep.dep_ != "prep" or self.in_quote(prep.idx):
                continue
            noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if noun is None or noun.lower_ not in VIEW_NOUNS:
                continue
            holder = next((c for c in noun.children if c.dep_ == "poss"), None)
            of = next(
                (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"),
                None,
            )
            if holder is not None and of is None:
                cue = self.span(noun.idx, noun.idx + len(noun.text))
            elif holder is None and of is not None and of.i == noun.i + 1:
                holder = next((c for c in of.children if c.dep_ == "pobj"), None)
                cue = self.span(prep.idx, of.idx + len(of.text))
            else:
                continue
            if holder is None or holder.lower_ in RELATIVES:
                continue
            sentence = prep.sent
            first, last = prep.i, prep.right_edge.i
            before = self.tokens[first - 1] if first > sentence.start else None
            after = self.tokens[last + 1] if last + 1 < sentence.end else None
            phrase_end = self.tokens[last].idx + len(self.tokens[last].text)
            s_start, s_end = self.trimmed(sentence.start_char, sentence.end_char)
            # Set off from the sentence: first and followed by a comma, or
            # after a comma to its end ("..., in Lee's view."); in the middle,
            # only before a quotation ("because, in her words, “...”").
            opens = before is None and after is not None and after.text == ","
            closes = (
                before is not None
                and before.text == ","
                and (after is None or after.text in SENTENCE_END)
            )
            quoting = (
                before is not None
                and before.text == ","
                and after is not None
                and after.text == ","
                and last + 2 < sentence.end
                and self.in_quote(self.tokens[last + 2].idx)
            )
            if opens or quoting:
                start, end = self.trimmed(phrase_end, s_end)
            elif closes:
                start, end = self.trimmed(s_start, prep.idx)
            else:
                continue
            if end - start < 8:
                continue
            self.add(start, end, None, holder, direct=False, cue=cue, rule="according")

    def _according_to_phrase(self) -> None:
        for token in self.tokens_among(("according",)):
            if token.lower_ != "according" or token.i + 1 == len(self.doc):
                continue
            if self.doc[token.i + 1].lower_ != "to":
                continue
            if self.in_quote(token.idx):
                continue
            to = self.doc[token.i + 1]
            sentence = token.sent
            # Up to the comma that sets them off, the source's words: the
            # parser can read a noun in them as a verb ("according to show
            # insiders"), or hang the rest of the sentence on them ("According
            # to Lee, the deal reeks of greed", "reeks" read as a noun).
            words = []
            for word in self.tokens[to.i + 1 : to.right_edge.i + 1]:
                if word.text == "," or word.text in SENTENCE_END:
                    break
                words.append(word)
            head = next((c for c in to.children if c.dep_ == "pobj"), None)
            if head is None:
                head = next(
                    (w for w in reversed(words) if w.pos_ in ("NOUN", "PROPN", "PRON")),
                    None,
                )
            if head is None:
                continue
            s_start, s_end = self.trimmed(sentence.start_char, sentence.end_char)
            before = self.trimmed(s_start, token.idx)
            last = head.right_edge if head.dep_ == "pobj" else words[-1]
            after = self.trimmed(last.idx + len(last.text), s_end)
            if words and max(before[1] - before[0], after[1] - after[0]) < 8:
                last = words[-1]
                after = self.trimmed(last.idx + len(last.text), s_end)
            phrase_end = last.idx + len(last.text)
            cue = self.span(token.idx, to.idx + len(to.text))
            if (
                before[1] - before[0] > 1
                and after[1] - after[0] > 1
                and token.i > sentence.start
                and self.tokens[token.i - 1].text == ","
                and self.text[phrase_end : after[0]].strip() == ","
                and not any(t.pos_ in ("VERB", "AUX") for t in self.tokens[
                    sentence.start : token.i])
                and any(t.dep_ in SUBJECTS for t in self.tokens[
                    sentence.start : token.i])
            ):  # fmt: skip
                # "The plan, according to Lee, will fail": both sides are one
                # statement, its subject before; not a sentence that ends
                # before it, its verb said, nor an opening phrase ("But,", "Since
                # May,").
                spans = [self.span(*before), self.span(*after)]
                self._add_pieces(spans, "according", subject=head, cue=cue)
                continue
            start, end = (
                after if before[1] - before[0] < after[1] - after[0] else before
            )
            if end - start < 8:
                continue
            self.add(start, end, None, head, direct=False, cue=cue, rule="according")
