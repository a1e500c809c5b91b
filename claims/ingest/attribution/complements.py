"""What a reporting verb attributes: ``_Complements._complement``.

A verb's clause ("said that ..."), its object ("denied the report"), an
infinitive or what it asks for ("urged voters to ...", "called for ..."), a
question it puts ("asked whether ..."), a predicate ("called it a disgrace"),
or one of the idioms of ``_Idioms`` (idioms.py), each ending before a
statement of its own inside it ("sanctions ... as the minister said ...").
The patterns of finder.py ask it for the content of every reporting verb.
Offsets refer to ``doc.text``.
"""

from __future__ import annotations

from spacy.tokens import Token

from claims.ingest.attribution.holders import dated, lemma_of, reflexive
from claims.ingest.attribution.idioms import _Idioms
from claims.ingest.attribution.lexicon import (
    ALL_LEMMAS,
    ANSWER_WORDS,
    CONTENT_MARKS,
    CONTEST_LEMMAS,
    DIRECTIVE_LEMMAS,
    DISPUTE_PREPS,
    INTENT_LEMMAS,
    JUDGED_LEMMAS,
    NOT_CONTENT_ENTS,
    NOT_OBJECT_LEMMAS,
    NOT_SOURCES,
    NOUN_CUE_VERBS,
    OBJECT_LEMMAS,
    OBJECT_PRONOUNS,
    OBJECT_TAIL,
    OCCASION_OBJECTS,
    PHRASAL_ONLY,
    PREDICATE_LEMMAS,
    PREP_LEMMAS,
    QUESTION_LEMMAS,
    QUESTION_WORDS,
    RAISING_LEMMAS,
    RELATIVES,
    RIVAL_NOUNS,
    RIVAL_PRONOUNS,
    SPEECH_LEMMAS,
    SUBJECTS,
    TIME_ENTS,
)


class _Complements(_Idioms):
    def _before_own_report(self, head: Token, last: Token) -> Token:
        """``last``, or the token before a statement of its own inside
        ``head``'s phrase ("sanctions linked to the group as the minister
        said ..."), where what is attributed through ``head`` ends."""
        for token in self.doc[head.i + 1 : last.i + 1]:
            if _own_report(token) and not self.in_quote(token.idx):
                end = token.left_edge.i
                while end > head.i and (
                    self.tokens[end - 1].is_punct or self.tokens[end - 1].is_space
                ):
                    end -= 1
                return self.tokens[end - 1] if end > head.i else last
        return last

    def _question_after(self, verb: Token) -> tuple[Token, Token, None, bool] | None:
        """ "was asked by a caller why ...", "when asked in May if ...": the
        question a verb of asking puts, however the parser hung it, opened by
        "if", "whether" or a question word after the verb's own phrases."""
        for token in self.tokens[verb.i + 1 : min(verb.i + 9, verb.sent.end)]:
            if token.lower_ in QUESTION_WORDS:
                clause = token.head
                if clause.i <= token.i or clause.pos_ not in ("VERB", "AUX"):
                    return None
                return token, clause.right_edge, None, True
            if token.is_punct or verb not in token.ancestors:
                return None
        return None

    def _complement(
        self, verb: Token, lemma: str
    ) -> tuple[Token, Token, Token | None, bool] | None:
        """What ``verb`` attributes: its first and last token, the last token of
        the cue when a preposition belongs to it ("called for"), and whether it
        is a clause (rather than a noun phrase)."""
        children = list(verb.children)
        phrasal = self._phrasal(verb, lemma, children)
        if phrasal is not None or lemma in PHRASAL_ONLY:
            return phrasal
        if lemma == "make":
            return self._made_clear(verb)
        clauses = [c for c in children if c.dep_ == "ccomp"]
        # "In a statement released after X quit, Lee said he ...": the parser can
        # hang a fronted phrase on the verb as a clause too; what was said follows.
        after = [c for c in clauses if c.i > verb.i]
        if after:
            # "say they don't yet know": the parser can split one clause in two.
            return after[0].left_edge, after[-1].right_edge, None, True
        if not clauses and lemma in SPEECH_LEMMAS and lemma not in INTENT_LEMMAS:
            loose = _loose_clause(verb, children)
            if loose is not None:
                return loose
        if (
            clauses
            and not (
                lemma in PREDICATE_LEMMAS
                and any(c.dep_ == "oprd" and c.i > verb.i for c in children)
            )
            # "Polls shifted when Lee decided not to run": a clause before the
            # verb that has its own object or infinitive after it is a parse
            # gone astray; what follows the verb is what it reports.
            and not any(
                c.i > verb.i
                and (
                    c.dep_ == "xcomp"
                    or (c.dep_ == "dobj" and lemma not in SPEECH_LEMMAS)
                )
                for c in children
            )
        ):
            # Not "X sounded wary: Lee called it “a bad option”", where the
            # parser hangs the clause before the colon on the verb.
            return clauses[0].left_edge, clauses[0].right_edge, None, True
        if lemma in SPEECH_LEMMAS:
            # "72 percent said yes", "half said so", "a third said the same of
            # him": the answer, or the word for a statement made before, is
            # what was said.
            answer = next(
                (c for c in children
                 if c.lower_ in ANSWER_WORDS and verb.i < c.i <= verb.i + 2),
                None,
            )  # fmt: skip
            if answer is not None:
                return answer.left_edge, answer.right_edge, None, False
        if lemma in SPEECH_LEMMAS and lemma not in INTENT_LEMMAS:
            # "have said cutting output must be a priority", "reported spending
            # $1m": a clause or a gerund.
            gerund = _gerund_after(verb, ("xcomp",))
            if gerund is not None:
                return gerund.left_edge, gerund.right_edge, None, True
        if lemma in OBJECT_LEMMAS and lemma not in INTENT_LEMMAS:
            # "supports raising the tax", "opposed cutting it": a gerund is the
            # object the stance is taken on.
            gerund = _gerund_after(verb, ("xcomp", "dobj"))
            if gerund is not None:
                return gerund.left_edge, gerund.right_edge, None, False
        if lemma in QUESTION_LEMMAS:
            # "asked the students if they were ready"
            clause = next(
                (c for c in children if c.dep_ == "advcl" and c.i > verb.i
                 and any(m.lower_ in ("if", "whether") for m in c.children)),
                None,
            )  # fmt: skip
            if clause is not None:
                return clause.left_edge, clause.right_edge, None, True
            question = self._question_after(verb)
            if question is not None:
                return question
        if lemma in PREDICATE_LEMMAS:
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            predicate = next((c for c in children if c.dep_ == "oprd"), None)
            if obj is not None and obj.i < verb.i and predicate is None:
                # "which she describes as her second home"
                predicate = next(
                    (c for c in children
                     if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i),
                    None,
                )  # fmt: skip
            if obj is not None and predicate is not None:
                # "called it a disgrace"; "what he calls corruption": the
                # pronoun and the name it is given.
                return obj.left_edge, predicate.right_edge, None, True
            if (
                obj is None
                and predicate is not None
                and predicate.i > verb.i
                and verb.tag_ != "VBN"  # "a website called ...": a name, no view
                and not any(c.dep_ == "auxpass" for c in children)
            ):
                # "called her rival “second-rate”": the parser can read the one
                # named and the name as one phrase.
                return predicate.left_edge, predicate.right_edge, None, True
        passive = any(c.dep_ == "auxpass" for c in children)
        if (lemma in INTENT_LEMMAS or lemma in DIRECTIVE_LEMMAS) and not (
            passive and lemma in RAISING_LEMMAS
        ):
            xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
            if xcomp is not None and xcomp.i > verb.i:
                # "urged Congress to act": whom it asks belongs to what it asks.
                obj = next(
                    (
                        c
                        for c in children
                        if c.dep_ == "dobj" and verb.i < c.i < xcomp.i
                    ),
                    None,
                )
                if obj is None:
                    # "called on voters to act": the cue takes the "on"; "called
                    # for an auditor to review it", "voted against a bill to
                    # raise taxes": the verb's own preposition and its object
                    # open what is asked for, the infinitive the parser hung
                    # on the verb finishing it.
                    on = next(
                        (c for c in children
                         if c.dep_ == "prep"
                         and (c.lower_ in ("on", "upon")
                              or (lemma, c.lower_) in PREP_LEMMAS)
                         and verb.i < c.i < xcomp.i),
                        None,
                    )  # fmt: skip
                    obj = next(
                        (c for c in on.children if c.dep_ == "pobj"), None
                    ) if on is not None else None  # fmt: skip
                first = obj.left_edge if obj is not None else xcomp.left_edge
                return first, xcomp.right_edge, None, True
        for child in children:
            if child.dep_ == "prep" and (lemma, child.lower_) in PREP_LEMMAS:
                # "called for a ban", "talked about raising taxes"; not "called
                # them reckless on Sunday": a date is when, not what.
                obj = next(
                    (c for c in child.children if c.dep_ in ("pobj", "pcomp")), None
                )
                if obj is not None and obj.ent_type_ in NOT_CONTENT_ENTS:
                    continue
                if obj is not None:
                    # "called for", "distanced himself from": the preposition
                    # right after the verb, or after the verb's reflexive.
                    between = self.tokens[verb.i + 1 : child.i]
                    cue_last = child if all(_reflexive(t) for t in between) else None
                    last = child.right_edge
                    # "railed against the moderators for ignoring it": what
                    # the verb's phrase goes on to say belongs to it.
                    for after in verb.rights:
                        if after.i <= last.i:
                            continue
                        if after.dep_ not in ("prep", "advcl") or dated(after):
                            break
                        last = after.right_edge
                    return obj.left_edge, last, cue_last, False
            if child.dep_ == "advcl" and child.i > verb.i:
                # "called for his rivals to drop out": the parser makes "for" the
                # mark of a clause.
                mark = child.left_edge
                if (
                    mark.dep_ == "mark"
                    and mark.head.i == child.i
                    and (lemma, mark.lower_) in PREP_LEMMAS
                ):
                    return self.tokens[mark.i + 1], child.right_edge, mark, True
        agent = any(c.dep_ == "agent" for c in children)
        if (lemma in OBJECT_LEMMAS and agent) or (
            lemma in JUDGED_LEMMAS and verb.tag_ == "VBN" and passive
        ):
            # "The plan was rejected by the council": the subject is the object;
            # "the plan was condemned", "the result was announced": who judged
            # or announced it need not be named.
            obj = next((c for c in children if c.dep_ == "nsubjpass"), None)
            if obj is None or obj.lower_ in NOT_SOURCES or obj.lower_ in RELATIVES:
                return None
            if not agent and obj.pos_ not in ("NOUN", "PROPN"):
                return None
            return obj.left_edge, obj.right_edge, None, False
        if lemma in OBJECT_LEMMAS or (
            lemma in SPEECH_LEMMAS and lemma not in NOT_OBJECT_LEMMAS
        ):
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            if obj is None or obj.i < verb.i:
                return None
            # "opposed it", "accused it of ...": a pronoun can be the object;
            # "there" or a relative pronoun cannot.
            if obj.lower_ in NOT_SOURCES and obj.lower_ not in OBJECT_PRONOUNS:
                return None
            if obj.ent_type_ in NOT_CONTENT_ENTS:
                return None  # "promised Sunday": a misparsed date
            if _occasion(lemma, obj) or _contest(verb, lemma, obj):
                return None  # "addressed the rally", "sought the nomination"
            about = self._noun_cue(verb, obj) if lemma in NOUN_CUE_VERBS else None
            if about is not None:
                return about
            last = self._before_own_report(obj, obj.right_edge)
            if last.i < obj.right_edge.i:
                return obj.left_edge, last, None, False
            # "accused her of lying", "praised him for his work", "criticised the
            # plan and its cost": the rest of the verb phrase belongs to it.
            rights = [c for c in verb.rights if c.i > obj.i]

            def predicate(token: Token) -> bool:
                # "backs the plan and ranks it first": a predicate of its own
                # is no part of the object.
                return token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")

            for at, child in enumerate(rights):
                if predicate(child) or (
                    child.dep_ == "cc"
                    and at + 1 < len(rights)
                    and predicate(rights[at + 1])
                ):
                    break
                when = dated(child)
                # A verb joined on has stopped the object already.
                joined = child.dep_ in ("cc", "dobj", "conj")
                if child.is_quote and child.i == obj.right_edge.i + 1:
                    continue  # "calling him “a disgrace”": the quotation mark
                if child.text == "," and at + 1 < len(rights):
                    # "discussing the economy, health or schools": the parser
                    # can split a list into several objects.
                    if rights[at + 1].dep_ in ("dobj", "conj"):
                        continue
                    break
                if _own_report(child):
                    break  # "announced the fares as the mayor said ..."
                if (child.dep_ in OBJECT_TAIL and not when) or joined:
                    last = child.right_edge
                elif when or (
                    child.dep_ == "npadvmod" and child.ent_type_ in TIME_ENTS
                ):
                    # "proposed a levy last year on coal plants": the date
                    # is skipped, what follows it still belongs.
                    continue
                else:
                    break
            return obj.left_edge, last, None, False
        return None


def _gerund_after(verb: Token, deps: tuple[str, ...]) -> Token | None:
    """The gerund right after ``verb`` with words of its own, attached as one
    of ``deps`` ("reported spending $1m", "opposed cutting it")."""
    return next(
        (c for c in verb.children
         if c.dep_ in deps and c.tag_ == "VBG" and c.i == verb.i + 1
         and c.right_edge.i > c.i),
        None,
    )  # fmt: skip


def _reflexive(token: Token) -> bool:
    """Whether ``token`` is a verb's reflexive object ("distanced himself")."""
    return token.dep_ == "dobj" and reflexive(token)


def _occasion(lemma: str, obj: Token) -> bool:
    """ "Addressed the rally", "is seeking the nomination", "sought the White
    House": a gathering someone speaks before or an office someone runs for
    is the occasion of what they say or do, not a view they take of it (unlike
    "addressed the problem", "sought a ban")."""
    nouns = OCCASION_OBJECTS.get(lemma)
    if nouns is None:
        return False
    if obj.lower_ in nouns:
        return True
    # The presidency named by its seat.
    return (
        lemma == "seek"
        and obj.lower_ == "house"
        and any(c.lower_ == "white" for c in obj.lefts)
    )


def _contest(verb: Token, lemma: str, obj: Token) -> bool:
    """ "Is challenging the governor in the primary", "challenged her for the
    seat": a rival challenged with nothing said of what about is a contest
    entered, not a view (unlike "challenged her on the budget", "challenged
    him to a debate", "challenged the figures")."""
    if lemma not in CONTEST_LEMMAS:
        return False
    rival = (
        obj.ent_type_ == "PERSON"
        or obj.lower_ in RIVAL_PRONOUNS
        or (obj.pos_ == "NOUN" and obj.lemma_.lower() in RIVAL_NOUNS)
    )
    # What about may hang on the rival ("challenged candidates on the issues").
    phrase = verb.doc[verb.i + 1 : verb.right_edge.i + 1]
    return rival and not any(
        t.dep_ == "prep" and t.lower_ in DISPUTE_PREPS for t in phrase
    )


def _own_report(token: Token) -> bool:
    """ "as the mayor said the trams would run": a clause hung on another
    whose reporting verb has a subject of its own reports a statement of its
    own, not part of the other's; not a reason or a condition ("backs her
    because he fears ..."), which belongs to what the other says."""
    return (
        token.dep_ == "advcl"
        and lemma_of(token) in ALL_LEMMAS
        and any(c.dep_ in SUBJECTS for c in token.children)
        and not any(
            c.dep_ == "mark" and c.lower_ in CONTENT_MARKS for c in token.children
        )
    )


def _loose_clause(
    verb: Token, children: list[Token]
) -> tuple[Token, Token, None, bool] | None:
    """ "Lee said after the vote she would not run again": a clause
    with its own subject, after the verb and with no word subordinating it,
    that the parser hung on the verb as an adverbial clause (the phrase
    before it taken for the clause's own). It is what was said, from its
    subject on."""
    for clause in children:
        if clause.dep_ != "advcl" or clause.i < verb.i:
            continue
        if any(c.dep_ == "mark" or c.tag_ in ("WRB", "WDT") for c in clause.children):
            continue
        subject = next(
            (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None
        )
        if subject is None or not verb.i < subject.i < clause.i:
            continue
        finite = clause.tag_ in ("VBD", "VBZ", "VBP") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in clause.children
        )
        # Between the verb and the subject, only the phrase the parser moved
        # ("after the vote"), no comma: not "The more they learn, the
        # more they like him".
        between = verb.doc[verb.i + 1 : subject.left_edge.i]
        moved = all(
            t.text != ","
            and any(
                a.dep_ in ("prep", "npadvmod") and a.head.i == clause.i
                for a in [t, *t.ancestors]
            )
            for t in between
        )
        if finite and moved:
            return subject.left_edge, clause.right_edge, None, True
    return None
