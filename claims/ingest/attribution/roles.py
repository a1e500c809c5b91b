"""The roles around a reporting verb, shared by every attribution pattern.

``_Base`` holds the parsed article with its quotations and finds, for a verb,
its cue as annotators mark it (the verb group), its subject, the source span as
written and the speaker it resolves to; ``add`` records an ``Attribution``.
Pure: a spaCy ``Doc`` and an ``ActorIndex`` in, dataclasses out.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from claims.ingest.actors import PRONOUNS_PERSON, ActorCandidate, ActorIndex
from claims.ingest.analysis import Span
from claims.ingest.attribution.holders import (
    antecedent_of,
    holds_views,
    lemma_of,
    put_out_by,
    puts_it,
    reflexive,
)
from claims.ingest.attribution.lexicon import (
    ASKING_LEMMAS,
    CATENATIVE_LEMMAS,
    CUE_PREPS,
    CUT_DEPS,
    DASHES,
    FLOATING_QUANTIFIERS,
    GATHERING_NOUNS,
    GROUP_PRONOUNS,
    HEADLINE_ADVERBS,
    MANNER_NOUNS,
    MEDIUM_NOUNS,
    MEDIUM_PREPS,
    MESSAGE_NOUNS,
    MESSAGE_OUT_NOUNS,
    NAME_WORD,
    NOT_CUE_ADVERBS,
    OBJECT_CONTROL,
    PLATFORM_NOUNS,
    QUOTING_LEMMAS,
    RAISING_LEMMAS,
    READY_ADJECTIVES,
    RELATIVES,
    SPEECH_LEMMAS,
    SUBJECTS,
    TIME_ENTS,
    TRIM_CHARS,
    WEEKDAYS,
)
from claims.ingest.attribution.quotes import find_quotes, paragraphs
from claims.ingest.entities import doc_text
from claims.ingest.entity_context.spans import indices_of, indices_where


@dataclass
class Attribution:
    content: list[Span]
    cue: Span | None
    source: Span | None
    direct: bool = False
    speaker: ActorCandidate | None = None
    via_pronoun: bool = False
    continuation: bool = False
    # Its words are the speaker's own, marked or not: a post signed by its
    # author (a direct quote without quotation marks).
    verbatim: bool = False
    # Which pattern found it: "quote", "clause", "object", "according", "colon",
    # "stance", "raising", "noun", "headline"; the patterns differ in how often
    # they are right (see confidence.py).
    rule: str = "quote"
    cue_token: int | None = field(default=None, repr=False)

    @property
    def start(self) -> int:
        return self.content[0].start

    @property
    def end(self) -> int:
        return self.content[-1].end


def _misread_modal(token: Token, verb: Token) -> bool:
    """ "Will urged", "Will said": a capitalised modal before a verb in the past
    tense, which no modal takes, is a name the parser read as an auxiliary."""
    return (
        token.dep_ == "aux"
        and token.tag_ == "MD"
        and not token.is_lower
        and verb.tag_ == "VBD"
    )


def _taken_to(verb: Token, head: Token) -> bool:
    """ "Took to Twitter to attack the ruling", "has taken to the airwaves to
    defend it": the idiom of taking a platform to speak, whose verb and
    platform news annotation marks with the infinitive as one cue (like
    "used the hearing to attack")."""
    if verb.dep_ not in ("advcl", "xcomp") or not has_to(verb):
        return False
    if head.lemma_ != "take" or head.pos_ != "VERB" or head.i > verb.i:
        return False
    return any(
        child.dep_ == "prep"
        and child.lower_ == "to"
        and any(c.dep_ == "pobj" and c.lower_ in PLATFORM_NOUNS for c in child.children)
        for child in head.children
        if head.i < child.i < verb.i
    )


def _floating_quantifier(token: Token, verb: Token) -> bool:
    """ "The mayor and the governor both said", "the ministers all urged": a
    quantifier left after the subject it counts, which the parser hangs on
    that subject, floats into the verb group (like "have both argued"), where
    news annotation marks it with the cue; not the subject itself ("Both
    said")."""
    subject = token.head
    return (
        token.lower_ in FLOATING_QUANTIFIERS
        and token.dep_ == "appos"
        and subject.i < token.i
        and subject.dep_ in SUBJECTS
        and subject.head.i == verb.i
    )


def _used_to_say(verb: Token, head: Token) -> bool:
    """ "used the hearing to attack ...": an infinitive of speech after the
    verb of using and what was used (an occasion, a platform, a word), which
    news annotation marks as one cue from "used" on."""
    return head.lemma_ == "use" and head.pos_ == "VERB" and head.i < verb.i


# How many words may stand between a verb's group and an auxiliary of its own
# that still opens the group ("had | last month | warned").
AUXILIARY_GAP = 4


def _auxiliary_apart(
    doc: Doc, verb: Token, first: int, free: Callable[[Token], bool]
) -> int | None:
    """Index of an auxiliary or negation of ``verb`` a few words before its
    group (which starts at ``first``), past what the group's word-by-word walk
    stops at: a floating quantifier, an adverbial phrase or a phrase of time
    ("have both argued", "have, however, admitted", "have in recent years
    said", "had last month warned", "has not yet replied"). News annotation marks
    the whole verb group as the cue. Not past the subject (a question's
    inverted order, "do you think"), a quotation mark or the content, and not
    "to" (an infinitive's marker) or a capitalised modal that is a name."""
    auxiliaries = [
        child
        for child in verb.lefts
        if child.i < first
        and child.dep_ in ("aux", "auxpass", "neg")
        and child.lower_ != "to"
    ]
    if not auxiliaries:
        return None
    auxiliary = auxiliaries[0]  # lefts come in order: the furthest
    if first - auxiliary.i > AUXILIARY_GAP or _misread_modal(auxiliary, verb):
        return None
    for token in doc[auxiliary.i : first]:
        if not free(token) or token.is_quote or token.text == "''":
            return None
        if token.dep_ in SUBJECTS or any(
            above.dep_ in SUBJECTS for above in token.ancestors if above.i < first
        ):
            return None
    return auxiliary.i


class _Base:
    def __init__(self, doc: Doc, actors: ActorIndex) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # built once per Doc, shared with actors
        # Iterating a Doc builds every Token anew: build them once per pass set.
        self.tokens = list(doc)
        self.actors = actors
        self.quotes = find_quotes(self.text)
        self.quote_ranges = sorted((q.start, q.end) for q in self.quotes)
        self.quote_starts = [s for s, _ in self.quote_ranges]
        self.starts = doc.to_array(IDX).tolist()
        self.paragraph_bounds = paragraphs(self.text)  # (start, end) of each
        self.paragraph_starts = [s for s, _ in self.paragraph_bounds]
        self.used_cues: set[int] = set()
        self.found: list[Attribution] = []

    # -- helpers -------------------------------------------------------------

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def tokens_among(self, words: Iterable[str]) -> list[Token]:
        """The tokens whose lower-case form or lemma is one of ``words``, in
        order: the few a rule's trigger words can be, found without a pass
        over every token."""
        return [self.tokens[i] for i in indices_of(self.doc, words)]

    def tokens_where(self, attr: int, test: Callable[[str], object]) -> list[Token]:
        """The tokens whose string for ``attr`` (LOWER, LEMMA...) passes
        ``test``, in order: for rules whose trigger words are many."""
        return [self.tokens[i] for i in indices_where(self.doc, attr, test)]

    def token_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self.starts, char)

    def in_quote(self, char: int) -> bool:
        # Quotations do not overlap and come in text order.
        at = bisect.bisect_right(self.quote_starts, char) - 1
        return at >= 0 and char < self.quote_ranges[at][1]

    def trimmed(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start] in TRIM_CHARS:
            start += 1
        while end > start and self.text[end - 1] in TRIM_CHARS:
            end -= 1
        return start, end

    def cue_span(self, verb: Token, content: tuple[int, int] | None = None) -> Span:
        """The reporting verb with its verb group, as news annotation marks a cue:
        auxiliaries, negation and adverbs before it ("has also said", "did not
        say", "have both argued", "the two both said"), the verb of using
        before an infinitive ("used the hearing to attack") or the platform
        taken to ("took to Twitter to say"), a governing "declined to" / "went on
        to" / "began" / "began by" ("began writing", "responded by saying"),
        the verb an infinitive follows ("has struggled to explain"), the
        message a participle reports and the verb that put it out ("issued a
        statement saying"), a particle ("pointed out"), the preposition that
        introduces the content ("called for"), the medium it was said in ("said
        in a statement") and a closing colon. Never reaches into the
        ``content`` span (start, end)."""
        doc = self.doc
        c_start, c_end = content if content is not None else (-1, -1)

        def free(token: Token) -> bool:
            at = token.idx
            return not (c_start <= at < c_end) and not self.in_quote(at)

        first = self._cue_left(verb, free)
        head = verb.head
        put_out = put_out_by(verb)
        if (
            verb.dep_ == "pcomp"
            and head.lower_ == "as"
            and head.head.pos_ == "VERB"
            and head.head.i < head.i
            and lemma_of(head.head) in QUOTING_LEMMAS
            and free(head.head)
        ):
            # "The Post quoted an aide as saying ...": who quotes is the source
            # and the verb of quoting alone is the cue.
            quoting = head.head
            start = doc[self._cue_left(quoting, free)].idx
            return self.span(start, quoting.idx + len(quoting.text))

        def governs() -> bool:
            # The governing verb and the particles and adverbs of its group
            # run up to the cue's first word ("went on | to argue").
            return head.i < first and all(
                doc[i].dep_ in ("prt", "aux", "neg", "advmod") or i == head.i
                for i in range(head.i, first)
            )

        if (
            verb.dep_ == "xcomp"
            and verb.tag_ == "VBG"
            and lemma_of(head) in CATENATIVE_LEMMAS
            and governs()
        ):
            first = self._cue_left(head, free)  # "began writing about"
        elif (
            verb.dep_ == "pcomp"
            and head.lower_ == "by"
            and head.i == first - 1
            and head.head.pos_ == "VERB"
            and head.head.i == head.i - 1
            and free(head.head)
            and not any(c.dep_ == "auxpass" for c in head.head.children)
        ):
            first = self._cue_left(head.head, free)  # "responded by saying"
        elif (
            verb.dep_ == "pcomp"
            and head.lower_ == "in"
            and head.i == first - 1
            and head.head.lemma_ == "be"
            and head.head.i < head.i
            and any(
                c.dep_ == "acomp" and head.head.i < c.i < head.i
                for c in head.head.children
            )
            and all(free(doc[i]) for i in range(head.head.i, first))
        ):
            first = self._cue_left(head.head, free)  # "was quick in saying"
        elif (
            verb.dep_ == "advcl"
            and first > 0
            and doc[first].lower_ == "to"
            and lemma_of(head) in CATENATIVE_LEMMAS
            and governs()
            and any(doc[i].dep_ == "prt" for i in range(head.i, first))
        ):
            # "went on to argue", which the parser can read as a purpose; not
            # "went to see".
            first = self._cue_left(head, free)
        elif _taken_to(verb, head) and all(free(doc[i]) for i in range(head.i, first)):
            first = self._cue_left(head, free)  # "took to Twitter to say"
        elif put_out is not None and all(free(doc[i]) for i in range(put_out.i, first)):
            # "issued a statement saying", "released an ad attacking": the
            # message put out and the verb that puts it out belong.
            first = self._cue_left(put_out, free)
        if verb.dep_ == "xcomp" and first > 0 and doc[first].lower_ == "to":
            # "declined to say", "went on to argue", "has struggled to
            # explain", "needs to persuade": the verb the infinitive follows
            # belongs; not one with its own object between ("led her to
            # declare", where she declares).
            if head.pos_ in ("VERB", "AUX") and governs() and free(head):
                first = self._cue_left(head, free)
            elif (
                head.i == first - 1
                and head.dep_ == "acomp"
                and head.lower_ in READY_ADJECTIVES
                and head.head.i < head.i
                and all(free(doc[i]) for i in range(head.head.i, first))
            ):
                # "was quick to say", "is likely to argue": the copula and the
                # adjective belong.
                first = self._cue_left(head.head, free)
            elif _used_to_say(verb, head) and all(
                free(doc[i]) for i in range(head.i, first)
            ):
                # "used the hearing to attack", "using a harsh word to
                # mock": the verb of using and what was used belong.
                first = self._cue_left(head, free)
        expletive = extraposed_it(verb)
        if (
            expletive is not None
            and _adjective_to(verb)
            and all(free(doc[i]) for i in range(expletive.i, first))
        ):
            first = expletive.i  # "it is hard to see", "it's easy to tell"
        last = verb.i
        index = verb.i + 1
        while index < len(doc) and free(doc[index]):
            token = doc[index]
            if (
                token.dep_ == "mark"
                and token.lower_ in CUE_PREPS
                and token.head.head.i == verb.i
                and index + 1 < len(doc)
                and doc[index + 1].idx == c_start
            ):
                last = index  # "called for | his rivals to drop out"
                break
            if token.head.i != verb.i:
                break
            if token.dep_ == "prt" or (token.dep_ == "dobj" and puts_it(verb)):
                last = index  # "pointed out", "put it"
            elif token.dep_ == "prep" and token.lower_ in CUE_PREPS:
                objects = [c for c in token.children if c.dep_ in ("pobj", "pcomp")]
                if objects and c_start <= objects[0].idx < c_end:
                    last = index  # "called for | a ban"
                    break
                if _with_manner(token, objects) and all(
                    free(t) for t in doc[index : objects[0].i + 1]
                ):
                    last = objects[0].i  # "said with a grin"
                    index = last + 1
                    continue
                if (
                    objects
                    and token.lower_ in MEDIUM_PREPS
                    and objects[0].lemma_.lower() in MEDIUM_NOUNS
                ):
                    right = objects[0].right_edge
                    if not all(free(t) for t in doc[index : right.i + 1]):
                        # "said in a statement that ...", the clause read as
                        # the noun's: the medium up to its noun.
                        right = objects[0]
                    if all(free(t) for t in doc[index : right.i + 1]):
                        last = right.i  # "said in a statement"
                        index = right.i + 1
                        continue
                break
            elif (
                token.dep_ == "advmod"
                and token.pos_ == "ADV"
                and (token.lower_ not in NOT_CUE_ADVERBS)
            ) or (token.dep_ == "npadvmod" and token.lower_ in WEEKDAYS):
                last = index  # "said repeatedly", "said Sunday"
            else:
                break
            index += 1
        message = next(
            (c for c in verb.rights if c.dep_ == "dobj" and c.left_edge.i == last + 1),
            None,
        )
        if message is not None and (
            message.lemma_ in MESSAGE_NOUNS or message.lemma_ in MEDIUM_NOUNS
        ):
            end = message.right_edge.i  # past the colon the parse may hang on it
            while end > message.i and (doc[end].is_punct or doc[end].is_space):
                end -= 1
            if (
                end + 1 < len(doc)
                and doc[end + 1].text == ":"
                and all(free(t) for t in doc[last + 1 : end + 2])
            ):
                last = end  # "released the following statement:"
        if last + 1 < len(doc) and doc[last + 1].text == ":" and free(doc[last + 1]):
            last += 1
        first_token, last_token = doc[first], doc[last]
        return self.span(first_token.idx, last_token.idx + len(last_token.text))

    def _cue_left(self, verb: Token, free: Callable[[Token], bool]) -> int:
        """Index of the first word of ``verb``'s group: the auxiliaries, negation
        and adverbs right before it ("has repeatedly said"), and a quantifier
        floated off the subject ("the two leaders both said")."""
        first = verb.i
        index = verb.i - 1
        while index >= 0:
            token = self.doc[index]
            if token.head.i != verb.i or not free(token):
                break
            if _misread_modal(token, verb):
                break  # "Will urged": a name, not an auxiliary
            if token.dep_ in ("aux", "auxpass", "neg") or (
                token.dep_ == "advmod"
                # "has since said", "have both argued": the parser can tag an
                # adverb of time or a floating "both" as a conjunction.
                and token.pos_ in ("ADV", "SCONJ", "CCONJ")
                # "Skelly said": a name the parser misread; "Lee Just Said" in a
                # headline's title case is an adverb.
                and (token.is_lower or token.lower_ in HEADLINE_ADVERBS)
                and token.lower_ not in NOT_CUE_ADVERBS
            ):
                first = index
                index -= 1
            else:
                break
        auxiliary = _auxiliary_apart(self.doc, verb, first, free)
        if auxiliary is not None:
            first = self._cue_left_from(verb, auxiliary, free)
        before = self.doc[first - 1] if first > 0 else None
        if before is not None and free(before) and _floating_quantifier(before, verb):
            first -= 1  # "the mayor and the governor both said"
        return first

    def _cue_left_from(
        self, verb: Token, auxiliary: int, free: Callable[[Token], bool]
    ) -> int:
        """The group's first word from an auxiliary of ``verb`` on: the adverbs
        right before it belong too ("also has both said")."""
        first = auxiliary
        index = auxiliary - 1
        while index >= 0:
            token = self.doc[index]
            if (
                token.head.i != verb.i
                or not free(token)
                or token.dep_ not in ("aux", "auxpass", "neg", "advmod")
                or (token.dep_ == "advmod" and not token.is_lower)
                or token.lower_ in NOT_CUE_ADVERBS
                or _misread_modal(token, verb)
            ):
                break
            first = index
            index -= 1
        return first

    @staticmethod
    def _agent_of(verb: Token) -> Token | None:
        """ "As reported by the Herald, ...": a passive with no subject of its
        own names who spoke in its "by" phrase, not the main clause's subject."""
        if verb.tag_ != "VBN" or any(c.dep_ in SUBJECTS for c in verb.children):
            return None
        return _by_whom(verb)

    def _speaker_before(self, verb: Token) -> Token | None:
        """For a participle after a comma ("Cole said, adding ...", "Lee
        seemed amused, telling ...") or a verb of saying after "and" ("she
        said ..., and then predicted ..."), the subject of the nearest verb
        before it in its sentence, outside quotation marks."""
        before = verb.i - 1
        while before > verb.sent.start and self.tokens[before].pos_ == "ADV":
            before -= 1
        link = self.tokens[before].text if before >= verb.sent.start else ""
        if not ((verb.tag_ == "VBG" and link == ",") or link in ("and", "but")):
            return None
        for token in reversed(self.tokens[verb.sent.start : before]):
            if token.pos_ in ("VERB", "AUX") and not self.in_quote(token.idx):
                if link != "," and lemma_of(token) not in SPEECH_LEMMAS:
                    return None  # "heard them hurl insults and urge ...": theirs
                subject = self._own_subject(token)
                if subject is not None and not self.in_quote(subject.idx):
                    return subject
        return None

    def subject_of(self, verb: Token) -> Token | None:
        if verb.i > 0:
            before = self.tokens[verb.i - 1]
            if (
                before.head.i == verb.i
                and (
                    before.dep_ in ("advmod", "npadvmod", "dep", "intj")
                    or _misread_modal(before, verb)
                )
                and NAME_WORD.match(before.text)
                and before.tag_ not in ("WRB", "IN")  # "When asked ..."
                and not any(c.dep_ in SUBJECTS for c in verb.children)
            ):
                return before  # "Skelly said": a surname the parser misread
        if _asked_unnamed(verb):
            # "Asked whether ..., Reid said": whoever asked is not named; the
            # one asked answers in the main clause.
            return None
        agent = self._agent_of(verb)
        if agent is not None:
            return agent
        if extraposed_it(verb) is not None:
            return None  # "it is hard to know whether ...": no one holds it
        current = _reporter_of_clause(verb) or verb
        if verb.dep_ == "relcl" and put_out_by(verb) is not None:
            # "released a video that says ...": who put it out says it.
            current = verb.head.head
        # "..., adding that": the subject is the governing verb's.
        for _ in range(3):
            controller = _object_controller(current)
            if controller is not None:
                return controller
            subject = self._own_subject(current)
            if subject is not None and _made_to_say(verb, current, subject):
                return subject
            if subject is not None and subject.dep_ == "nsubjpass":
                # "It was reported by the Herald that ...": the agent speaks; "he
                # was told that ...": the one told does not.
                return _by_whom(current)
            if subject is not None and subject.ent_type_ in TIME_ENTS:
                # "Tuesday, Maine, leading ..., asked": the day is no speaker.
                subject = next(
                    (c for c in subject.children if c.dep_ == "appos"), subject
                )
            if (
                subject is not None
                and current is not verb
                and self.in_quote(subject.idx)
                and not self.in_quote(verb.idx)
            ):
                # "Cole said, adding of Lee, “She cares ...”": the parser hung
                # the participle on the quoted verb; no one quoted speaks it.
                return self._speaker_before(verb)
            if (
                subject is not None
                and reflexive(subject)
                and current.dep_ in ("ccomp", "xcomp")
            ):
                # "Lee allowed herself to predict ...": who "herself" is.
                subject = self._own_subject(current.head) or subject
            if subject is not None:
                return subject
            if (
                current.dep_ == "conj"
                and current.head.dep_ == "ccomp"
                and lemma_of(current) in SPEECH_LEMMAS
                and lemma_of(current.head.head) in SPEECH_LEMMAS
            ):
                # "She said it was early but added ...": the parser joined the
                # second verb to what was said, not to the first verb.
                current = current.head.head
            elif current.dep_ in ("conj", "advcl", "xcomp", "ccomp") and (
                current.head.pos_ in ("VERB", "AUX")
            ):
                current = current.head
            elif (
                current.dep_ in ("advcl", "xcomp", "ccomp")
                and current.head.dep_ in ("acomp", "oprd")
                and current.head.head.pos_ in ("VERB", "AUX")
            ):
                current = current.head.head  # "was quick to say ..."
            elif current.dep_ == "acl" and current.tag_ == "VBG":
                noun = current.head
                owner = next(
                    (c for c in noun.children
                     if c.dep_ == "poss" and c.ent_type_ not in TIME_ENTS),
                    None,
                )  # fmt: skip
                if owner is not None:
                    return owner  # "her statement condemning ..."
                if put_out_by(current) is not None:
                    # "Lee issued a statement saying ...": who put it out.
                    current = noun.head
                    continue
                if (
                    holds_views(noun) and noun.pos_ != "PRON"
                ) or noun.lower_ in GROUP_PRONOUNS:
                    return noun  # "protesters chanting ...", "those backing ..."
                if (
                    noun.lemma_.lower() in GATHERING_NOUNS
                    and noun.dep_ == "pobj"
                    and noun.head.head.pos_ in ("VERB", "AUX")
                ):
                    # "she said at a news conference announcing ...": whoever
                    # spoke there, not the gathering.
                    current = noun.head.head
                    continue
                if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
                    # "issued a statement saying ...": the issuer speaks.
                    current = noun.head
                elif _sent_in_a_batch(noun):
                    # "sent off a stream of tweets mocking ...": the
                    # sender speaks, not the tweets.
                    current = noun.head.head.head
                elif noun.pos_ in ("NOUN", "PROPN"):
                    return noun  # "a lawsuit challenging ...", "placards urging"
                else:
                    return None
            elif current.dep_ == "pcomp" and current.head.head.pos_ in ("VERB", "AUX"):
                current = current.head.head  # "pivoted to talking about ..."
            elif (
                current.dep_ == "acl"
                and current.tag_ in ("VBD", "VBN")
                and current.head.dep_ == "ROOT"
                and self._named(current.head)
            ):
                # "Jo Lee, who leads the party, tweeted on Friday to say ...":
                # the parser made the name the sentence's root.
                return current.head
            elif current is verb:
                return self._subject_before(verb)
            else:
                return None
        return None

    def _own_subject(self, verb: Token) -> Token | None:
        """``verb``'s subject child. "PARIS — The minister said ...": the dateline
        is no speaker; "Paris (AFP) – Minister Jo Lee said": the parser can hang
        the speaker on the dateline."""
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        label = subjects[0] if len(subjects) > 1 else None
        if (
            label is not None
            and label.left_edge.i == label.sent.start
            and self.tokens[label.right_edge.i + 1].text == ":"
        ):
            # "The Latest: Lee urges ...": a label before a colon, its
            # clause's subject after it.
            subjects = subjects[-1:]
        subject = next((c for c in subjects if not self._dateline(c)), None)
        if subject is not None or not subjects:
            return subject
        dateline = subjects[0]
        return next(
            (
                c
                for c in dateline.children
                if c.dep_ == "appos"
                and any(t.text in DASHES for t in self.tokens[dateline.i : c.i])
                and (c.ent_type_ == "PERSON" or holds_views(c))
            ),
            None,
        )

    def _subject_before(self, verb: Token) -> Token | None:
        """ "The campaign chief, Jo Lee, bluntly said ...": a finite verb the
        parser left without a subject (hanging the name on an earlier noun) takes
        the name right before it."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(
            c.dep_ in ("expl", "csubj", "csubjpass") for c in verb.children
        ):
            return None
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if clauses and clauses[0].i < verb.i < clauses[-1].i:
            # "Jo Lee, who runs the firm, said he ...": the parser read the
            # clause about the speaker as a second thing said.
            subject = next((c for c in clauses[0].children if c.dep_ == "nsubj"), None)
            if (
                subject is not None
                and subject.left_edge.i == clauses[0].left_edge.i
                and (
                    subject.pos_ == "PROPN"
                    or subject.lower_ in PRONOUNS_PERSON
                    # "One docker, who like others spoke on condition of ...,
                    # said": a noun for someone, with the clause about them.
                    or (
                        subject.pos_ == "NOUN"
                        and holds_views(subject)
                        and any(c.dep_ == "relcl" for c in subject.rights)
                    )
                )
                and not self.in_quote(subject.idx)
            ):
                return subject
        index = verb.i - 1
        while index > verb.sent.start and (
            self.tokens[index].text == ","
            or (
                self.tokens[index].head.i == verb.i
                and self.tokens[index].dep_ in ("aux", "neg", "advmod")
            )
        ):
            index -= 1
        if index < verb.sent.start:
            return None
        # "Jo Lee, 44, said", "Jo Lee, the club's owner and manager, said": the
        # name whose phrase ends right before the verb.
        count = self.tokens[index]
        if (
            count.head.i == verb.i
            and count.dep_ in ("nummod", "npadvmod", "quantmod")
            and holds_views(count)
        ):
            return count  # "About 4 in 10 say ...": a count of people polled
        for token in [self.tokens[index], *self.tokens[index].ancestors][:4]:
            if token.i >= verb.i or token.dep_ in SUBJECTS:
                return None
            if (
                self._named(token)
                and index <= token.right_edge.i < verb.i
                and not self.in_quote(token.idx)
            ):
                return token
        return None

    @staticmethod
    def _named(token: Token) -> bool:
        return token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG", "NORP")

    def _dateline(self, token: Token) -> bool:
        """Whether ``token`` is a place opening a paragraph before a dash
        ("WASHINGTON — ...", "Paris (AFP) – ...")."""
        if not (
            (token.is_upper and token.is_alpha and len(token.text) > 1)
            or (token.is_title and token.ent_type_ == "GPE")
        ):
            return False
        start = token.left_edge.idx
        at = bisect.bisect_right(self.paragraph_starts, start) - 1
        if at < 0 or self.text[self.paragraph_starts[at] : start].strip():
            return False
        for after in self.tokens[token.i + 1 : token.i + 10]:
            if after.text in DASHES:
                return True
            if not (
                after.text in "(),."
                or after.is_upper
                or after.is_title
                or after.like_num
            ):
                # "WASHINGTON (AP) —", "PARIS, FRANCE —", "LONDON (Reuters) -",
                # "DENVER, Colo., Aug. 4 (UPI) —"
                return False
        return False

    def source_span(self, head: Token) -> Span:
        """The noun phrase of ``head`` without trailing clauses and appositions."""
        start_i, end_i = head.left_edge.i, head.i
        # "in the north - Jo Lee:": a spaced dash sets the name off from what
        # the parser took in with it.
        for token in self.doc[start_i : head.i]:
            if spaced_dash(token):
                start_i = token.i + 1
        for child in head.rights:
            if child.dep_ in CUT_DEPS or child.is_punct or when(child):
                break
            end_i = child.right_edge.i
        # "― Ann Lee⏎": spaces the parser hung on the name are not part of it.
        while start_i < head.i and (
            self.doc[start_i].is_punct or self.doc[start_i].is_space
        ):
            start_i += 1
        while end_i > head.i and self.doc[end_i].is_space:
            end_i -= 1
        end_i = closing_bracket(self.doc, start_i, end_i) or end_i  # "(D-Md.)"
        first, last = self.doc[start_i], self.doc[end_i]
        return self.span(first.idx, last.idx + len(last.text))

    def speaker(
        self, head: Token, cue_start: int
    ) -> tuple[ActorCandidate | None, bool]:
        if head.lower_ in PRONOUNS_PERSON:
            person = self.actors.last_person_before(
                min(head.idx, cue_start), self.quote_ranges, pronoun=head.lower_
            )
            return person, True
        if head.lower_ in RELATIVES:
            # "Ann Lee, who said ...": the speaker is the noun the clause hangs on.
            antecedent = antecedent_of(head)
            if antecedent is None:
                return None, False
            head = antecedent
        actor = self.actors.actor_at(head.idx, head.idx + len(head.text))
        if actor is None:
            # "The minister, Carla Benn, said": the apposition names the speaker.
            for child in head.children:
                if child.dep_ == "appos":
                    actor = self.actors.actor_at(child.idx, child.idx + len(child.text))
                    break
        return actor, False

    def add(
        self,
        start: int,
        end: int,
        verb: Token | None,
        subject: Token | None,
        *,
        direct: bool,
        cue: Span | None = None,
        source: Span | None = None,
        rule: str = "quote",
    ) -> Attribution | None:
        start, end = self.trimmed_content(start, end)
        if end - start < 2 or (verb is not None and _that_said(verb)):
            return None
        if cue is None and verb is not None:
            cue = self.cue_span(verb, (start, end))
        speaker, via_pronoun = None, False
        if subject is not None:
            source = self.source_span(subject)
            antecedent = antecedent_of(subject)
            if antecedent is not None and antecedent.i < subject.i:
                # "Ann Lee, who said": the relative pronoun and what it stands for.
                source = self.span(self.source_span(antecedent).start, source.end)
            if cue is not None and source.start <= cue.start < cue.end < source.end:
                # "Said Lee: “...”": the parser made the verb part of the name.
                first = self.trimmed(cue.end, source.end)[0]
                source = self.span(first, source.end)
            speaker, via_pronoun = self.speaker(subject, cue.start if cue else start)
        attribution = Attribution(
            content=[self.span(start, end)],
            cue=cue,
            source=source,
            direct=direct,
            speaker=speaker,
            via_pronoun=via_pronoun,
            rule=rule,
            cue_token=verb.i if verb is not None else None,
        )
        if verb is not None:
            self.used_cues.add(verb.i)
        self.found.append(attribution)
        return attribution

    def overlaps_found(self, start: int, end: int, cue: Span | None = None) -> bool:
        """Whether a statement already found overlaps ``start``..``end``, other
        than one told wholly inside it ("the mayor is confident voters will
        reject the tax", "his claim that the union backs it"): a statement
        inside another's content does not stop the outer one, which news
        annotators mark as well. One whose cue runs into ``cue`` ("seemed to
        blame", found from "blame") is the same."""
        return any(
            a.start < end
            and start < a.end
            and not self._told_inside(a, start, end, cue)
            for a in self.found
        )

    @staticmethod
    def _told_inside(a: Attribution, start: int, end: int, cue: Span | None) -> bool:
        """Whether the cue of ``a`` lies within ``start``..``end``, apart from
        ``cue``."""
        return (
            a.cue is not None
            and start <= a.cue.start
            and a.cue.end <= end
            and (cue is None or a.cue.end <= cue.start or cue.end <= a.cue.start)
        )

    def trimmed_content(self, start: int, end: int) -> tuple[int, int]:
        """Trim edge punctuation, but keep the quotation marks around a quote."""
        start, end = self.trimmed(start, end)
        return start, end

    def _paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def _widen_to_quotes(self, start: int, end: int) -> tuple[int, int]:
        for q_start, q_end in self.quote_ranges:
            if q_start < start < q_end:
                start = q_start
            if q_start < end < q_end:
                end = q_end
        return start, end


def closing_bracket(doc: Doc, first: int, last: int) -> int | None:
    """The token that closes a bracket the words ``first``..``last`` open and
    leave open ("Rep. Ann Lee (D-Md."), when it follows them; else None."""
    words = doc[first : last + 1].text
    if words.count("(") <= words.count(")"):
        return None
    after = last + 1
    while after < len(doc) and doc[after].is_space and "\n" not in doc[after].text:
        after += 1
    return after if after < len(doc) and doc[after].text == ")" else None


def has_to(verb: Token) -> bool:
    """Whether ``verb`` is an infinitive with its "to" ("to say", "to see")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def conditional(verb: Token) -> bool:
    """Whether ``verb`` heads the condition of a conditional ("if you back the
    plan, ...", "unless they endorse her"): a stance it names is supposed, not
    taken."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def left_undone(verb: Token) -> bool:
    """Whether ``verb`` is the gerund of "without" ("spoke for an hour
    without naming her"): the stance it names is the one not taken."""
    return verb.dep_ == "pcomp" and verb.head.lower_ == "without"


def extraposed_it(verb: Token) -> Token | None:
    """The "it" of "it is hard to know ..." / "it's easy to see ...": ``verb``
    is the infinitive of a copula whose subject is "it" and whose adjective
    comes between them; none otherwise. The parser may hang a gerund on
    "worth" ("it is worth noting that ...")."""
    head = verb.head
    if head.lower_ == "worth" and head.dep_ == "acomp" and verb.tag_ == "VBG":
        head = head.head  # not "it was careful to frame ...": the campaign's
    if verb.dep_ != "xcomp" or head.lemma_ != "be" or head.i > verb.i:
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "expl")), None)
    if subject is None or subject.lower_ != "it" or subject.i > head.i:
        return None
    if not any(c.dep_ == "acomp" and head.i < c.i < verb.i for c in head.children):
        return None
    return subject


def _with_manner(prep: Token, objects: list[Token]) -> bool:
    """Whether ``prep`` is the "with" of the look or sound something is said
    with ("said with a laugh", "with an eye roll"), its object a bare noun."""
    return (
        prep.lower_ == "with"
        and len(objects) == 1
        and objects[0].lemma_.lower() in MANNER_NOUNS
        and objects[0].i - prep.i <= 3
    )


def _that_said(verb: Token) -> bool:
    """Whether ``verb`` is the "said" of the linking phrase "That said, ..." /
    "This said, ...", which reports nothing."""
    doc = verb.doc
    if verb.lower_ != "said" or not 0 < verb.i < len(doc) - 1:
        return False
    that = doc[verb.i - 1]
    opens = that.i == 0 or that.is_sent_start or doc[that.i - 1].is_punct
    return that.lower_ in ("that", "this") and opens and doc[verb.i + 1].text == ","


def _adjective_to(verb: Token) -> bool:
    """Whether the infinitive ``verb`` follows its adjective word for word ("hard
    to see"; not "hard not to wonder", "wrong to solely blame")."""
    doc = verb.doc
    return (
        verb.i >= 2
        and doc[verb.i - 1].lower_ == "to"
        and doc[verb.i - 2].dep_ == "acomp"
        and doc[verb.i - 2].head.i == verb.head.i
    )


def _by_whom(verb: Token) -> Token | None:
    """The noun of a passive's "by" phrase ("reported by the Herald"), if any."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _made_to_say(verb: Token, current: Token, subject: Token) -> bool:
    """ "He was moved to say ...", "she was asked to explain ...": the
    subject of a passive that governs the verb of saying as its infinitive
    is the one who says it (unlike "he was told that ..."); not a verb of
    expecting, whose subject no one in the sentence quotes ("is expected to
    back ...")."""
    return (
        verb.dep_ == "xcomp"
        and subject.dep_ == "nsubjpass"
        and verb.head.i == current.i
        and lemma_of(current) not in RAISING_LEMMAS
        and has_to(verb)
    )


def _object_controller(verb: Token) -> Token | None:
    """ "The vote led officials to say ...", "it left voters wondering
    ...": the object of the verb an infinitive or participle depends on is
    the one who says it, not that verb's subject. An infinitive after an
    object is the object's (object control); a participle only after the
    verbs of leaving someone doing or seeing someone do (``OBJECT_CONTROL``),
    since "attacked the plan, calling it ..." is the subject's; and only an
    object that can hold a view ("left the room, saying ..." is the
    subject's). Not "used the hearing to attack", where the user speaks."""
    head = verb.head
    if verb.dep_ not in ("xcomp", "advcl", "ccomp") or head.pos_ != "VERB":
        return None
    infinitive = verb.dep_ == "xcomp" and has_to(verb)
    participle = verb.tag_ in ("VBG", "VB") and lemma_of(head) in OBJECT_CONTROL
    if not (infinitive or participle) or _used_to_say(verb, head):
        return None
    return next(
        (
            c
            for c in head.children
            if c.dep_ == "dobj"
            and c.i < verb.i
            and holds_views(c)
            # "allowed herself to predict ...": the subject, named.
            and not reflexive(c)
        ),
        None,
    )


def _reporter_of_clause(verb: Token) -> Token | None:
    """ "Lee said the plan would fail, adding that ...": a participle set off
    after the clause another verb reports, which the parser hangs on that
    clause's verb, goes on with the reporting verb, so its speaker is the
    reporting verb's subject, not the reported clause's."""
    head = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or head.i > verb.i:
        return None
    reporter = _noun_clause_verb(head)
    if reporter is None and not (
        head.dep_ == "ccomp"
        and head.head.i < head.i
        and head.head.pos_ == "VERB"
        and lemma_of(head.head) in SPEECH_LEMMAS
    ):
        return None
    before = verb.doc[verb.i - 1]
    if not (
        before.text == "," or (before.is_quote and verb.doc[verb.i - 2].text == ",")
    ):
        return None
    return reporter or head.head


def _noun_clause_verb(head: Token) -> Token | None:
    """The verb whose object ``head``'s "that" clause tells ("dismissed the
    claim that ... would ..."): a participle set off after it goes on with that
    verb ("..., saying ..."); none otherwise."""
    noun = head.head
    if (
        head.dep_ == "acl"
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)
        and noun.dep_ in ("dobj", "pobj")
        and noun.i < head.i
    ):
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head
        if verb.pos_ == "VERB" and verb.i < noun.i:
            return verb
    return None


def spaced_dash(token: Token) -> bool:
    """Whether ``token`` is a dash with a space before it ("north - Jo Lee"),
    not a hyphen inside a word ("Hans-Peter")."""
    return (
        token.text in DASHES
        and token.i > 0
        and bool(token.doc[token.i - 1].whitespace_)
    )


def when(prep: Token) -> bool:
    """Whether ``prep`` is a phrase of time ("a panel in 2001", "the mayor on
    Monday"): when someone spoke, no part of who."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ != "of"  # "the Health Act of 2009": part of a name
        and any(c.dep_ == "pobj" and c.ent_type_ in TIME_ENTS for c in prep.children)
        # Not after a relative clause ("Lee, who served ... from 1981 to 1983").
        and not any(
            c.dep_ in ("relcl", "acl") and c.i < prep.i for c in prep.head.rights
        )
    )


def _sent_in_a_batch(noun: Token) -> bool:
    """ "a stream of tweets", "a pair of ads": messages counted out as the
    object of the verb that sent them."""
    of = noun.head
    batch = of.head
    return (
        noun.dep_ == "pobj"
        and noun.lemma_.lower() in MESSAGE_OUT_NOUNS
        and of.lower_ == "of"
        and batch.dep_ == "dobj"
        and batch.head.pos_ == "VERB"
        and batch.head.i < batch.i
    )


def _asked_unnamed(verb: Token) -> bool:
    """ "Asked whether ..., Reid said", "When pressed, she said": a passive
    participle with no subject or agent of its own set off from the main
    clause, whoever asked being unnamed; the parser can tag one opening the
    sentence as a past tense. Not a perfect participle, active ("Having
    announced ..., the judge ..."), whose speaker is the main clause's
    subject."""
    return (
        verb.dep_ == "advcl"
        and (
            verb.tag_ == "VBN"
            or (verb.tag_ == "VBD" and lemma_of(verb) in ASKING_LEMMAS)
        )
        and not any(
            c.dep_ in SUBJECTS or c.dep_ == "agent" or c.lower_ == "having"
            for c in verb.children
        )
    )
