"""spaCy Doc + ActorIndex -> list[Attribution]: the patterns, most specific first.

``_Finder`` adds reported speech and verbs' objects to the quotation patterns
(direct.py), the views and expectations (views.py), the nouns of speech and
stance (nouns.py), the verb idioms (idioms.py), what a reporting verb takes in
(complements.py) and the roles every pattern shares (roles.py: a verb's cue,
subject, source and speaker); each pattern is
one of its methods, and ``run`` applies them in order, a later one leaving
alone the cues and text an earlier one took. The package docstring says what
each pattern finds.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from claims.ingest.actors import ActorIndex
from claims.ingest.attribution.complements import _Complements
from claims.ingest.attribution.holders import (
    dated,
    holds_views,
    lemma_of,
    lemmas_read_as,
    put_out_by,
)
from claims.ingest.attribution.lexicon import (
    ADJUNCT_PREPS,
    ALL_LEMMAS,
    CONTENT_MARKS,
    FINITE_TAGS,
    FRONTED_RELATIVES,
    HEARER_LEMMAS,
    INTENT_LEMMAS,
    LINK_POS,
    LOAD_LEMMAS,
    MESSAGE_OUT_NOUNS,
    PASSIVE_PREPS,
    PHRASAL_ONLY,
    PREDICATE_LEMMAS,
    PRIVATE_LEMMAS,
    PUT_OUT_LEMMAS,
    SENTENCE_END,
    SIDING_VERBS,
    SPEECH_LEMMAS,
    SUBJECTS,
    TIME_ENTS,
)
from claims.ingest.attribution.quotes import CLOSERS, OPENERS
from claims.ingest.attribution.roles import (
    Attribution,
    conditional,
    extraposed_it,
    has_to,
    left_undone,
)

# What a reporting verb's lemma can be before lemma_of corrects it.
_CUE_LEMMAS = lemmas_read_as(ALL_LEMMAS)
# What can follow a verb's object in its phrase: a place, a manner, a list the
# parser split.
_RUN_ON_DEPS = {"prep", "npadvmod", "advmod", "oprd", "dobj", "conj", "appos",
                "dative", "attr", "acomp"}  # fmt: skip
# The patterns whose content is a verb's object, clause or stance complement,
# which runs on to the end of the verb's phrase.
_RUN_ON_RULES = ("object", "clause", "stance")
# A verb joined on with a subject of its own is a separate act.
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
# Verbs of a thought, wish or intention, whose content holds no statement.
_WISH_LEMMAS = PRIVATE_LEMMAS | INTENT_LEMMAS


def _longer(cue: Span, other: Span) -> bool:
    """Whether ``cue`` holds ``other`` and more ("continued to insist" and
    "continued")."""
    return (
        cue.start <= other.start
        and other.end <= cue.end
        and cue.end - cue.start > other.end - other.start
    )


def find_attributions(doc: Doc, actors: ActorIndex) -> list[Attribution]:
    """All attributions in ``doc``, in text order."""
    if len(doc) == 0:
        return []
    # Doc.text joins every token anew: the finder reads it once.
    finder = _Finder(doc, actors)
    if not finder.text.strip():
        return []
    return finder.run()


def _joined_to(token: Token, verb: Token) -> bool:
    """ "announced that he was resigning and vowed to ...": a reporting verb the
    parser joined to the clause another reports, in that verb's tense and not
    the clause's, is joined to the reporting verb (see ``subject_of``)."""
    return (
        token.head.dep_ == "ccomp"
        and token.head.head.i == verb.i
        and lemma_of(token) in SPEECH_LEMMAS
        and lemma_of(verb) in SPEECH_LEMMAS
        and token.tag_ == verb.tag_
        and token.tag_ in ("VBD", "VBZ")
        and token.head.tag_ != token.tag_
    )


class _Finder(_Complements):
    def run(self) -> list[Attribution]:
        self._direct_quotes()
        self._signed_posts()
        self._block_quotes()
        self._indirect_speech()
        self._stances()
        self._stance_modifiers()
        self._in_favour()
        self._raising()
        self._reputations()
        self._hearsay()
        self._polls()
        self._speech_nouns()
        self._message_nouns()
        self._stance_nouns()
        self._according_to()
        self._colon_speakers()
        self._headline()
        self._orphan_quotes()
        self._quoted_sequel()
        self._drop_nested()
        self._run_objects_on()
        self.found.sort(key=lambda a: a.start)
        return self.found

    def _run_objects_on(self) -> None:
        """ "Endorsed her in Iowa, not in Ohio", "focused on him, trying to use
        his words", "declined to comment, leaving it open": what follows a
        verb's object, clause or stance complement in its phrase
        (``_same_phrase``) belongs to what is attributed, as news annotators
        mark it; not a date it ends on, a clause with a reporting verb, a verb
        joined on with a subject of its own, or another statement's cue. Run
        after nesting is settled, which reads the object alone."""
        cues = sorted(a.cue.start for a in self.found if a.cue is not None)
        for a in self.found:
            if (
                a.rule not in _RUN_ON_RULES
                or a.cue_token is None
                or len(a.content) != 1
            ):
                continue
            verb = self.tokens[a.cue_token]
            if a.start < verb.idx:
                continue
            last = None
            for child in verb.rights:
                if child.idx < a.end or child.is_punct or child.dep_ == "cc":
                    continue
                if not self._same_phrase(verb, child):
                    break
                if child.ent_type_ in TIME_ENTS or dated(child):
                    continue  # when it was said, unless more follows
                last = child.right_edge
            if last is None:
                continue
            start, end = self.trimmed(a.start, last.idx + len(last.text))
            at = bisect.bisect_right(cues, a.end)
            if at < len(cues) and cues[at] < end:
                continue  # another statement's cue on the way
            if end > a.end:
                a.content = [self.span(start, end)]

    @staticmethod
    def _same_phrase(verb: Token, child: Token) -> bool:
        """Whether ``child``, after the object of ``verb``, goes on with its
        phrase: a place, a manner, a list the parser split, a participle that
        reports nothing ("..., leaving the rest behind"), a verb joined on
        with no subject of its own that reports nothing ("rejected the plan
        and walked out": the same act), unless ``verb`` gives a name, which is
        whole ("called her “second-rate” and ...")."""
        if child.dep_ == "advcl":
            return lemma_of(child) not in ALL_LEMMAS
        if child.dep_ == "conj" and child.pos_ == "VERB":
            return (
                lemma_of(child) not in ALL_LEMMAS
                and not any(c.dep_ in _SUBJECTS for c in child.children)
                and lemma_of(verb) not in PREDICATE_LEMMAS
            )
        return child.dep_ in _RUN_ON_DEPS and child.pos_ not in ("VERB", "AUX")

    def _drop_nested(self) -> None:
        """ "She said he backed the plan", "he said he thinks ...": a verb's object,
        a thought or wish, what a thing shows, or a quoted word or two, inside
        what someone is reported to say is part of that statement, not one of
        its own (annotators seldom mark them), and so is any statement inside
        what a source is "according to"; "declined to say whether ...", found
        from both verbs, is one statement."""
        spans = [(s.start, s.end, a) for a in self.found for s in a.content]

        def nested(a: Attribution) -> bool:
            if a.cue is None or a.cue_token is None:
                return False
            inside = [b for s, e, b in spans if s <= a.cue.start < e and b is not a]
            if not inside:
                return False
            if any(b.rule == "according" for b in inside):
                # "According to the poll, 51 percent said they ...": what the
                # source reports includes who said what.
                return True
            if a.rule == "clause":
                # "He said he thinks ...": a thought or a wish inside a statement
                # is its content, and so is what a thing "shows" ("she said the
                # attacks highlight the threat"); "he said she told him ..." is a
                # statement too. An intention or an infinitive is not ("she said
                # they are looking to sell", "he called her to urge ...").
                verb = self.tokens[a.cue_token]
                infinitive = a.content[0].text.startswith(("to ", "To ")) or (
                    has_to(verb)
                    # Not inside a mere wish ("hopes to lead ..., posted to say
                    # ..."): a parse run on past the wish.
                    and any(
                        b.cue_token is not None
                        and lemma_of(self.tokens[b.cue_token]) not in _WISH_LEMMAS
                        for b in inside
                    )
                )
                if (
                    lemma_of(verb) not in PRIVATE_LEMMAS
                    and self._held(a)
                    and not infinitive
                    and not self._reported_by(verb, inside)
                ):
                    return False
            elif a.rule == "quote":
                # "She said he was “outraged” to hear it": a quoted word or two
                # inside a statement belongs to it.
                words = sum(len(span.text.split()) for span in a.content)
                if self._reported_by(self.tokens[a.cue_token], inside):
                    return True
                if words >= 6 or not any(
                    s.start <= a.start < s.end for b in inside for s in b.content
                ):
                    return False
            elif a.rule != "object":
                return False
            return True

        def doubled(a: Attribution) -> bool:
            # "declined to say whether ...": a reporting verb and the verb that
            # governs it share a cue and report one statement, found twice;
            # "continued to insist that ...", found from both verbs with the
            # same content, keeps the longer cue.
            if a.cue is None:
                return False
            return any(
                b is not a
                and b.cue is not None
                and b.cue.start < a.cue.end
                and a.cue.start < b.cue.end
                and b.start <= a.start
                and a.end <= b.end
                and ((b.start, b.end) != (a.start, a.end) or _longer(b.cue, a.cue))
                for b in self.found
            )

        self.found = [a for a in self.found if not nested(a)]
        self.found = [a for a in self.found if not doubled(a)]

    def _reported_by(self, verb: Token, inside: list[Attribution]) -> bool:
        """ "She said he had warned that ...", "he added that aides have called
        her ...": a reporting verb that is the very clause another verb reports
        (its ``ccomp``), with or without quotation marks, is what that source
        says happened, part of its statement; news annotators mark the outer
        one alone. Not inside a quotation ("“... he told me ...,” she said"),
        nor a clause joined on or set off ("said that ..., and she told
        ..."), which the parser hangs elsewhere."""
        return verb.dep_ == "ccomp" and any(
            b.rule != "quote" and b.cue_token == verb.head.i for b in inside
        )

    @staticmethod
    def _takes_stances(subject: Token | None, lemma: str) -> bool:
        """Whether the subject of a verb of stance takes the stance its object
        names: someone who holds views, and also a thing named by a common noun
        or "it" ("the ad attacks her record", "it slams the plan"), which news
        annotators mark as a source as well, unless the verb can name a load
        the thing bears ("the bridge supports the line"); never "this",
        "there" or a relative pronoun."""
        return holds_views(subject) or (
            subject is not None
            and (subject.pos_ == "NOUN" or subject.lower_ == "it")
            and lemma not in LOAD_LEMMAS
        )

    def _hearer_only(self, verb: Token, lemma: str, first: Token, last: Token) -> bool:
        """ "Carter told a Senate panel", "he told reporters": the object of a
        verb of telling is who hears it, not what was said ("told a story"),
        when nothing follows it."""
        if lemma not in HEARER_LEMMAS or first.i < verb.i:
            return False
        root = self.doc[first.i : last.i + 1].root
        if root.right_edge.i != last.i or not holds_views(root):
            return False
        # Nothing but when or where it was told follows in the sentence.
        aside = {
            t.i
            for c in verb.rights
            if c.i > last.i and c.dep_ in ("prep", "npadvmod", "advmod")
            for t in c.subtree
        }
        return all(
            t.is_punct or t.is_space or t.i in aside
            for t in self.tokens[last.i + 1 : verb.sent.end]
        )

    def _told_aside(self, verb: Token, lemma: str, first: Token, last: Token) -> bool:
        """ "Instead, the mayor told reporters, the bridge will reopen": a
        clause of telling set off in mid-sentence, whose object is only who
        heard it, reports the sentence around it, like "..., she said, ..."."""
        if lemma not in HEARER_LEMMAS or first.i < verb.i:
            return False
        root = self.doc[first.i : last.i + 1].root
        after = last.i + 1
        return (
            root.right_edge.i == last.i
            and holds_views(root)
            and after + 1 < verb.sent.end
            and self.tokens[after].text == ","
            and not self.tokens[after + 1].is_punct
            and self._set_off(verb)
        )

    def _held(self, found: Attribution) -> bool:
        """Whether the source of ``found`` can hold a view."""
        source = found.source
        if source is None:
            return False
        span = self.doc.char_span(source.start, source.end, alignment_mode="expand")
        return span is not None and holds_views(span.root)

    # -- indirect speech -----------------------------------------------------

    def _indirect_speech(self) -> None:
        for verb in self.tokens_among(_CUE_LEMMAS):
            lemma = lemma_of(verb)
            if verb.i in self.used_cues or lemma not in ALL_LEMMAS:
                continue
            if not _used_as_verb(verb) or self.in_quote(verb.idx):
                continue
            if _assembled(verb, lemma):
                continue
            if self._puts_out_report(verb):
                continue
            aside = self._comma_aside(verb) if lemma in SPEECH_LEMMAS else None
            if aside is not None:
                self._parenthetical(verb, aside)
                continue
            found = self._complement(verb, lemma)
            if found is None and lemma in SPEECH_LEMMAS:
                found = self._misparsed_that_clause(verb)
            if found is None:
                if lemma in SPEECH_LEMMAS and self._set_off(verb):
                    self._parenthetical(verb)
                continue
            first, last, cue_last, clausal = found
            if clausal and self._purpose_to_know(verb, lemma):
                continue
            if not clausal and self._sight_only(verb, lemma):
                continue
            if clausal and verb.dep_ == "amod" and verb.head.i > verb.i:
                # "a proposed bill that would ...", "the pledged delegates
                # that ...": a participle before its noun reports no clause.
                continue
            relative = None
            if (
                clausal
                and first.i < verb.i < last.i
                and first.lower_ in FRONTED_RELATIVES
                and first.head.i != verb.i - 1
            ):
                # "emails which she said were all her work": the pronoun stands
                # for what was said; the rest follows the verb.
                relative, first = first, self.tokens[verb.i + 1]
            elif clausal and first.i > verb.i and verb.dep_ == "relcl":
                # "data that experts said was likely to be used": the parser
                # hung the pronoun on the verb; it is the subject of what was
                # said, when that has none of its own.
                relative = next(
                    (
                        c
                        for c in verb.lefts
                        if c.lower_ in FRONTED_RELATIVES and c.dep_ in ("mark", "dobj")
                    ),
                    None,
                )
                clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
                if clause is None or any(
                    c.dep_ in SUBJECTS or c.dep_ == "expl" for c in clause.children
                ):
                    relative = None
            start, end = first.idx, last.idx + len(last.text)
            # "declined to comment": an infinitive of two words is enough.
            short = last.i - first.i < (1 if first.lower_ == "to" else 2)
            if short and _elliptical_clause(first, last):
                short = False  # "as she said it would": a clause of its own
            if lemma in PREDICATE_LEMMAS and first.i > verb.i:
                short = False  # "called him divisive": a pronoun and a word
            if start <= verb.idx < end or (clausal and short):
                continue
            if clausal and first.i > verb.i and lemma not in PREDICATE_LEMMAS:
                end = self._to_sentence_end(verb, last)
            if first.i > verb.i:
                end = self._before_next_report(verb, first, end)
            start, end = self._widen_to_quotes(start, end)
            if any(
                span.start <= start and end <= span.end
                for a in self.found
                if a.direct
                for span in a.content
            ):
                continue  # a quote already covers it ("“..., I think,” he said")
            subject = self.subject_of(verb)
            if subject is not None and self.in_quote(subject.idx):
                subject = None
            # "There remain doubts", "this supports it": no one takes a stance.
            # A participle without a subject ("..., blaming it on X") still
            # reports one.
            if (
                not clausal
                and not self._takes_stances(subject, lemma)
                and extraposed_it(verb) is None  # "it is easy to criticize ..."
                and (
                    verb.tag_ not in ("VBG", "VBN")
                    or (subject is not None and verb.dep_ != "acl")
                    or lemma in SIDING_VERBS  # "aligned with": no one's stance
                    or lemma in PHRASAL_ONLY
                )
            ):
                continue
            # A question, a condition ("if the council backs it") or what is
            # done "without" takes no stance.
            if not clausal and (
                self._asks(verb, subject) or conditional(verb) or left_undone(verb)
            ):
                continue
            if not clausal and self._message_only(verb, first):
                continue
            if not clausal and self._told_aside(verb, lemma, first, last):
                self._parenthetical(verb)
                continue
            if not clausal and self._hearer_only(verb, lemma, first, last):
                if lemma in SPEECH_LEMMAS and self._set_off(verb):
                    self._parenthetical(verb)
                continue
            direct = any(s < end and start < e for s, e in self.quote_ranges)
            rule = "clause" if clausal else "object"
            attribution = self.add(start, end, verb, subject, direct=direct, rule=rule)
            if (
                attribution is not None
                and attribution.cue is not None
                and cue_last is not None
                and attribution.cue.end <= cue_last.idx < start
            ):
                # "made (it) clear | that ...": the word that completes the cue.
                end_at = cue_last.idx + len(cue_last.text)
                attribution.cue = self.span(attribution.cue.start, end_at)
            if (
                attribution is not None
                and not clausal
                and last.i < verb.i
                and any(c.dep_ == "auxpass" for c in verb.children)
            ):
                # "Lee was declared the winner", "was criticised for ...": what
                # the passive says of its subject belongs to it.
                tail = [
                    c for c in verb.rights
                    if c.dep_ in ("oprd", "attr")
                    or (c.dep_ == "prep" and c.lower_ in PASSIVE_PREPS)
                ]  # fmt: skip
                if tail:
                    t_start, t_end = self.trimmed(
                        tail[0].left_edge.idx,
                        tail[-1].right_edge.idx + len(tail[-1].right_edge.text),
                    )
                    attribution.content.append(self.span(t_start, t_end))
            if attribution is not None and relative is not None:
                attribution.content.insert(
                    0, self.span(relative.idx, relative.idx + len(relative.text))
                )

    @staticmethod
    def _purpose_to_know(verb: Token, lemma: str) -> bool:
        """ "Went to see her speak", "waited to see what would happen", "to
        hear the senator speak": what someone goes or waits to perceive or
        learn is what they do, not a view they hold or voice."""
        return lemma in PRIVATE_LEMMAS and verb.dep_ == "advcl" and has_to(verb)

    @staticmethod
    def _sight_only(verb: Token, lemma: str) -> bool:
        """ "Lined up for hours to see him", "after seeing the sign": whom or
        what someone goes to see or hear, or has just seen, is met with the
        senses, not a view taken of it (unlike "sees him as a threat")."""
        if lemma not in ("see", "hear") or any(
            c.dep_ == "prep" and c.lower_ == "as" for c in verb.children
        ):
            return False
        purpose = verb.dep_ in ("advcl", "xcomp", "acl") and has_to(verb)
        upon = verb.dep_ == "pcomp" and verb.head.lower_ in ("after", "upon", "before")
        return purpose or upon

    @staticmethod
    def _message_only(verb: Token, first: Token) -> bool:
        """ "Released a statement on Monday", "posted a video": a message put
        out, named but not said, is no statement of the one who put it out
        (what it says, when reported, is: "issued a statement saying ...")."""
        return lemma_of(verb) in PUT_OUT_LEMMAS and any(
            c.dep_ == "dobj"
            and c.lemma_.lower() in MESSAGE_OUT_NOUNS
            and c.left_edge.i == first.i
            for c in verb.children
        )

    def _puts_out_report(self, verb: Token) -> bool:
        """ "Issued a statement saying ...": a verb that puts out a message
        whose participle reports what it says is part of that participle's
        cue, which reports the statement, not a statement of its own."""
        if lemma_of(verb) not in PUT_OUT_LEMMAS:
            return False
        return any(
            put_out_by(participle) == verb
            and lemma_of(participle) in ALL_LEMMAS
            and self._complement(participle, lemma_of(participle)) is not None
            for noun in verb.children
            if noun.dep_ == "dobj"
            for participle in noun.children
            if participle.dep_ == "acl"
        )

    def _asks(self, verb: Token, subject: Token | None) -> bool:
        """ "Do you support the plan?": a question asks for a stance; it
        reports none. Nor does a reporter "seeking comment"."""
        if any(
            c.dep_ == "dobj" and c.lower_ == "comment" and not c.n_lefts
            for c in verb.children
        ):
            return True
        last = self.tokens[verb.sent.end - 1]
        while last.i > verb.i and (last.is_space or last.text in ('"', "”", "'")):
            last = self.tokens[last.i - 1]
        return (
            last.text == "?"
            and subject is not None
            and any(c.dep_ == "aux" and c.i < subject.i for c in verb.children)
        )

    def _misparsed_that_clause(
        self, verb: Token
    ) -> tuple[Token, Token, Token | None, bool] | None:
        """ "X said for the first time that ...": a "that" a few words after the
        verb that the parser hung elsewhere still opens what was said."""
        sent_end = verb.sent.end
        for token in self.tokens[verb.i + 1 : min(verb.i + 10, sent_end)]:
            if token.text in SENTENCE_END or self.in_quote(token.idx):
                return None
            if (
                token.lower_ == "that"
                and token.dep_ in ("mark", "advmod", "nsubj")
                # "found jobs that pay well": the subject of a relative
                # clause stands for the noun before it and opens no content.
                and not (token.dep_ == "nsubj" and token.head.dep_ == "relcl")
            ):
                last = self.tokens[sent_end - 1]
                while last.i > token.i and (last.is_punct or last.is_space):
                    last = self.tokens[last.i - 1]
                if last.i - token.i < 3:
                    return None
                return token, last, None, True
            if token.pos_ in ("VERB", "AUX") and token.head.i != verb.i:
                return None
        return None

    def _to_sentence_end(self, verb: Token, last: Token) -> int:
        """Where reported speech after its verb ends: annotators run it to the
        end of the sentence ("said he had offers, but “the offers were ...”")
        unless the verb's own clause carries on past it."""
        end = last.idx + len(last.text)
        if verb.dep_ == "advcl" and verb.head.i > last.i:
            return end  # "Asked whether ..., Reid said": the main clause follows
        if self._inside_later_clause(verb, last):
            edge = verb.right_edge
            _, stop = self.trimmed(end, edge.idx + len(edge.text))
            return max(end, stop)
        sent_end = last.sent.end
        for token in self.tokens[last.i + 1 : sent_end]:
            if token.head.i == verb.i and token.dep_ in ("advcl", "prep", "npadvmod"):
                # "threatened to quit unless he is paid": a condition or reason
                # the parser hung on the verb belongs to what was said.
                if token.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in CONTENT_MARKS
                    for c in token.children
                ):
                    continue
                return end
        _, stop = self.trimmed(end, last.sent.end_char)
        return max(end, stop)

    @staticmethod
    def _inside_later_clause(verb: Token, last: Token) -> bool:
        """ "Lee, who says the plan works, said ...": a reporting verb in a
        clause that another clause of its sentence governs from after what
        it reports (a relative clause before its main verb) ends with its
        own clause; the rest of the sentence is the governing clause's."""
        return verb.dep_ in ("relcl", "acl") and any(
            a.i > last.i and a.pos_ in ("VERB", "AUX") for a in verb.ancestors
        )

    def _reports_through(self, verb: Token) -> bool:
        """ "used a press conference to reveal ...", "went on to say ...":
        ``verb`` opens the cue of a reporting verb's infinitive it governs."""
        return any(
            c.dep_ in ("xcomp", "advcl")
            and lemma_of(c) in ALL_LEMMAS
            and has_to(c)
            and self.cue_span(c).start == verb.idx
            for c in verb.children
        )

    def _before_next_report(self, verb: Token, first: Token, end: int) -> int:
        """Where what ``verb`` reports ends: before a coordinated clause with a
        reporting verb of its own ("half said they backed Lee, and a third said
        they backed Ortiz", "called on X to act and proposed a ban", "declined
        to comment but went on to say ..."), which reports a statement of its
        own."""
        for token in self.tokens[first.i + 1 : verb.sent.end]:
            if token.idx >= end:
                break
            if (
                token.dep_ != "conj"
                or token.pos_ != "VERB"
                or not (
                    lemma_of(token) in ALL_LEMMAS
                    # "declined to comment but used the hearing to say ...";
                    # not a clause inside what was said.
                    or (token.head.i == verb.i and self._reports_through(token))
                )
                or self.in_quote(token.idx)
            ):
                continue
            # Its own subject, or the same one as ``verb``'s ("said ... and
            # proposed ..."); not a verb inside what was said ("said she backs
            # the plan and supports the bill").
            if (
                token.head.i != verb.i
                and not any(c.dep_ in SUBJECTS for c in token.children)
                and not _joined_to(token, verb)
            ):
                continue
            if any(
                c.dep_ == "mark" and c.lower_ in ("that", "whether")
                for c in token.children
            ):
                continue  # "said that A but that B": one statement of two parts
            cut = token.left_edge.i
            while cut > first.i and (
                self.tokens[cut - 1].is_punct
                or self.tokens[cut - 1].is_space
                or self.tokens[cut - 1].dep_ == "cc"
            ):
                cut -= 1
            if cut - first.i < 2:
                continue
            before = self.tokens[cut - 1]
            return before.idx + len(before.text)
        return end

    def _set_off(self, verb: Token) -> bool:
        """Whether ``verb`` is a reporting clause set off from what was said: "The
        plan, she said, will fail", "The plant is closing, said its owner"."""
        if (
            verb.dep_ == "parataxis"
            or self._said_after(verb) is not None
            or self._said_inverted(verb) is not None
        ):
            return True
        if verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
        ):
            # "As the minister noted, the plant is closing."; not "as she
            # continues to lead", "as he discussed the bill": a verb with an
            # infinitive or a thing as its object tells what was done.
            return not any(
                c.dep_ == "xcomp" or (c.dep_ == "dobj" and not holds_views(c))
                for c in verb.children
            )
        if verb.dep_ not in ("advcl", "conj", "ccomp") or verb.tag_ not in (
            "VBD", "VBZ", "VBP"
        ):  # fmt: skip
            return False
        before = verb.left_edge.i - 1
        return (
            verb.head.i < verb.i
            and before > verb.sent.start
            and self.tokens[before].text in (",", "”", '"', "''")
        )

    def _said_after(self, verb: Token) -> Token | None:
        """The subject of a reporting clause that closes its sentence after a
        comma ("The plant will close, she said."), however the parser hung the
        words before it."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
        subject = subjects[-1] if subjects else None
        if (
            subject is None
            or subject.right_edge.i != verb.i - 1
            or subject.left_edge.i - 1 <= verb.sent.start
            or self.tokens[subject.left_edge.i - 1].text != ","
            or verb.tag_ not in ("VBD", "VBZ", "VBP")
        ):
            return None
        # "..., Carter told a Senate panel Wednesday.": who was told.
        hearers = {
            t.i
            for c in verb.rights
            if c.dep_ == "dobj" and lemma_of(verb) in HEARER_LEMMAS and holds_views(c)
            for t in c.subtree
        }
        return subject if self._closes_sentence(verb, verb.i + 1, hearers) else None

    def _said_inverted(self, verb: Token) -> Token | None:
        """The subject after a reporting verb that closes its sentence after a
        comma ("The plant will close, said its owner, a builder."), when the
        parser hung the words before it on the verb as a subject or object
        rather than as what was said."""
        if (
            verb.i - 1 <= verb.sent.start
            or self.tokens[verb.i - 1].text != ","
            or verb.tag_ not in ("VBD", "VBZ", "VBP")
            or not any(
                c.i < verb.i and c.dep_ in ("nsubj", "dobj") for c in verb.children
            )
        ):
            return None
        subject = next(
            (c for c in verb.rights if c.dep_ == "nsubj" and holds_views(c)), None
        )
        if subject is None:
            return None
        if not self._closes_sentence(verb, subject.right_edge.i + 1):
            return None
        return subject

    def _closes_sentence(
        self, verb: Token, start: int, hearers: set[int] | frozenset = frozenset()
    ) -> bool:
        """Whether nothing but punctuation, ``hearers`` (token indices) or when
        and how ``verb`` was said follows from token ``start`` to the end of the
        sentence ("..., she said on Tuesday.")."""
        return all(
            token.is_punct
            or token.is_space
            or token.i in hearers
            or (token.head.i == verb.i and token.dep_ in ("advmod", "npadvmod"))
            for token in self.tokens[start : verb.sent.end]
        )

    def _comma_aside(self, verb: Token) -> tuple[Token, Token, Token, Token] | None:
        """ "The new pier, the mayor said in a statement, will open in May": a
        subject and a finite verb of saying, with nothing after the verb but
        when, where and to whom it was said, set off by commas inside a
        sentence that goes on after them with a clause. The parser often takes
        the words before the first comma for a second subject of the verb, or
        the rest for its clause. The subject's head, the first and last words
        of the aside, and the first word of what was said (after the last
        clause joined before it: "China resisted, but the smog got so bad,
        Lee noted, that ..."); None where the words have another shape."""
        if verb.tag_ not in FINITE_TAGS or self.in_quote(verb.idx):
            return None
        sent, tokens = verb.sent, self.tokens
        left = verb.i - 1
        while left > sent.start and tokens[left].pos_ in ("AUX", "ADV", "PART"):
            left -= 1  # "has also said", "did not say"
        head = tokens[left]
        if head.pos_ not in ("NOUN", "PROPN", "PRON") or head.tag_ in ("WP", "WDT"):
            return None
        first = left
        while first - 1 > sent.start and tokens[first - 1].pos_ in _SUBJECT_POS:
            first -= 1
        comma = first - 1
        if tokens[comma].text != "," or comma <= sent.start:
            return None
        opening = sent.start
        for token in tokens[sent.start + 1 : comma]:
            if token.dep_ == "cc" and tokens[token.i - 1].text == ",":
                opening = token.i + 1
        before = tokens[opening:comma]
        # "Still, the Times reported ...": a word that links to the sentence
        # before, not the start of what was said.
        if all(t.pos_ in LINK_POS for t in before):
            return None
        right = verb.i
        while right + 1 < sent.end and tokens[right + 1].text != ",":
            token = tokens[right + 1]
            if not token.is_space and (
                token.pos_ not in _ADJUNCT_POS
                or token.lower_ == "that"
                or self.in_quote(token.idx)
            ):
                return None
            top = token
            while verb.i < top.head.i <= right and top.head.i != top.i:
                top = top.head
            if top.head.i > right and top.dep_ in SUBJECTS:
                return None  # "said Ann Lee, the mother of ..., is wrong"
            via = next((a for a in token.ancestors if a.head.i == verb.i), None)
            if (
                via is not None
                and via.i > right
                and via.dep_ in _OBJECTS
                and not (lemma_of(verb) in HEARER_LEMMAS and holds_views(via))
            ):
                return None  # "wrote a long, angry letter"
            right += 1
        for child in verb.rights:
            if child.i > right or child.is_punct:
                continue
            if child.right_edge.i > right or not (
                child.dep_ in ("npadvmod", "advmod")
                or (child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPS)
                or (
                    child.dep_ in ("dobj", "dative")
                    and lemma_of(verb) in HEARER_LEMMAS
                    and holds_views(child)
                )
            ):
                return None  # "said nothing", "pointed to a stop in Concord"
        rest = [t for t in tokens[right + 2 : sent.end] if not t.is_space]
        if (
            not rest
            or rest[0].text in _QUOTE_MARKS
            or self.in_quote(rest[0].idx)
            or rest[0].tag_ in ("VBG", "VBN")  # ", adding that", ", citing"
            or not any(t.tag_ in FINITE_TAGS or t.tag_ == "MD" for t in rest)
        ):
            return None
        # "Lee won, the AP declared on Thursday, two days after ...": after a
        # statement complete in itself, only a clause joined to it or one of
        # result goes on with it, not when or how it was said.
        if _complete(before) and rest[0].lower_ not in ("and", "but", "that"):
            return None
        return head, tokens[first], tokens[right], tokens[opening]

    def _parenthetical(
        self, verb: Token, aside: tuple[Token, Token, Token, Token] | None = None
    ) -> None:
        """ "The plan, she said, will fail": the sentence around the clause;
        "Cut the fares, they said, and the buses will fill up": a clause the
        parser joined to the verb goes on with what was said. ``aside`` is
        what ``_comma_aside`` read from the words: the subject, the first and
        last words of the clause, and the first word of what was said."""
        subject = self.subject_of(verb)
        left, right = verb.left_edge, verb
        for child in verb.rights:
            if child.dep_ in ("cc", "conj"):
                break
            right = child.right_edge
        opening = verb.sent.start_char
        if aside is not None:
            subject, left, right, start_token = aside
            opening = start_token.idx
        after = None if aside is not None else self._said_after(verb)
        if after is not None:
            subject, left = after, after.left_edge
        inverted = None if aside is not None else self._said_inverted(verb)
        if inverted is not None:
            subject, left = inverted, verb
        if subject is None or subject.i < left.i:
            return
        sent = verb.sent
        resumes = right.idx + len(right.text)
        # "..., she said, the plan will fail. “It is over,” she added.": the
        # parser can run the sentence on into the next one's quotation, found
        # already; what was said stops before it.
        stop = min(
            (a.start for a in self.found if resumes <= a.start < sent.end_char),
            default=sent.end_char,
        )
        spans = []
        for start, end in ((opening, left.idx), (resumes, stop)):
            start, end = self.trimmed(start, end)
            if end - start >= 2:
                spans.append(self.span(start, end))
        if not spans or any(
            a.start < spans[-1].end
            and spans[0].start < a.end
            and not self._said_within(a, spans)
            for a in self.found
        ):
            return
        attribution = self.add(spans[0].start, spans[0].end, verb, subject,
                               direct=False, rule="clause")  # fmt: skip
        if attribution is not None:
            attribution.content = spans

    @staticmethod
    def _said_within(found: Attribution, spans: list[Span]) -> bool:
        """ "When she saw it, her face fell, he said": a statement whose cue
        lies inside what a reporting clause set off reports is part of it and
        leaves the clause its own statement."""
        return found.cue is not None and any(
            s.start <= found.cue.start < s.end for s in spans
        )


# The words a subject set off by commas is made of ("the city's mayor", "Mr.
# Lee"), and those that can follow its verb in the aside: when, where and how
# it was said ("said in a statement on Monday", "told reporters").
_SUBJECT_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART"}
_ADJUNCT_POS = {"ADP", "DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "ADV", "PART"}
_OBJECTS = ("dobj", "dative", "attr", "oprd")
_QUOTE_MARKS = {*OPENERS, *CLOSERS, '"', "''", "‘", "’"}


def _complete(words: Span | list[Token]) -> bool:
    """Whether ``words`` hold a clause of their own: a finite verb with its
    subject among them and no word subordinating it ("Lee won the vote";
    not "If the vote fails", "The clerks", "To see it")."""
    inside = {t.i for t in words}

    def finite(verb: Token) -> bool:
        return verb.tag_ in FINITE_TAGS or any(
            c.dep_ == "aux" and (c.tag_ in FINITE_TAGS or c.tag_ == "MD")
            for c in verb.children
        )

    return any(
        finite(t)
        and any(
            (c.dep_ in SUBJECTS or c.dep_ == "expl") and c.i in inside
            for c in t.children
        )
        and not any(c.dep_ == "mark" for c in t.children)
        and t.dep_ not in ("relcl", "acl", "advcl", "csubj")
        for t in words
    )


def _assembled(verb: Token, lemma: str) -> bool:
    """ "voters gathered in Leeds": "gathered" without an auxiliary is the
    participle of people assembled, not of a thing learnt ("I gather that",
    "she had gathered that ...")."""
    return (
        lemma == "gather"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _used_as_verb(token: Token) -> bool:
    """A verb, or a word the tagger read as a noun that the parser gave a
    subject and an object of its own, and no determiner ("half of voters
    support Lee"): a verb all the same."""
    if token.pos_ in ("VERB", "AUX"):
        return True
    deps = {c.dep_ for c in token.children}
    return (
        token.pos_ == "NOUN"
        and "nsubj" in deps
        and bool(deps & {"dobj", "ccomp", "acl"})
        and not any(c.dep_ == "det" for c in token.children)
    )


def _elliptical_clause(first: Token, last: Token) -> bool:
    """ "The train was early, as the conductor said it would", "asked if it
    would work, they said it might": a subject and an auxiliary whose verb is
    left out are a whole clause, and so what was said, short as it is."""
    return (
        last.i == first.i + 1
        and first.dep_ == "nsubj"
        and first.head.i == last.i
        and last.tag_ in ("MD", "VBD", "VBZ", "VBP")
        and last.pos_ == "AUX"
    )
