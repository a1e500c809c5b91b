"""spaCy Doc + ActorIndex -> list[Attribution]: the patterns, most specific first.

``_Finder`` holds the parsed article with its quotations and the steps every
pattern shares (a reporting verb's cue as annotators mark it, its subject, the
source span and the speaker it resolves to); each pattern is one of its methods,
and ``run`` applies them in order, a later one leaving alone the cues and text
an earlier one took. The package docstring says what each pattern finds.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claims.ingest.actors import PRONOUNS_PERSON, ActorCandidate, ActorIndex
from claims.ingest.analysis import Span
from claims.ingest.attribution.lexicon import (
    ALL_LEMMAS,
    CATENATIVE_LEMMAS,
    CONTENT_MARKS,
    CUE_PREPS,
    CUT_DEPS,
    DASHES,
    DIRECTIVE_LEMMAS,
    FRONTED_RELATIVES,
    HOLDER_ENTS,
    HOLDER_NOUNS,
    INTENT_LEMMAS,
    LABEL_WORDS,
    MEDIUM_NOUNS,
    NAME_WORD,
    NOT_CONTENT_ENTS,
    NOT_CUE_ADVERBS,
    NOT_OBJECT_LEMMAS,
    NOT_SOURCES,
    OBJECT_LEMMAS,
    OBJECT_TAIL,
    PARTISAN_NOUNS,
    PREDICATE_LEMMAS,
    PREP_LEMMAS,
    PRIVATE_LEMMAS,
    QUESTION_LEMMAS,
    RAISING_ACTIVE,
    RAISING_LEMMAS,
    RELATIVES,
    SENTENCE_END,
    SPEECH_LEMMAS,
    STANCE_ADJECTIVES,
    SUBJECTS,
    TRIM_CHARS,
    WEEKDAYS,
)
from claims.ingest.attribution.quotes import OPENERS, Quote, find_quotes, paragraphs


@dataclass
class Attribution:
    content: list[Span]
    cue: Span | None
    source: Span | None
    direct: bool = False
    speaker: ActorCandidate | None = None
    via_pronoun: bool = False
    continuation: bool = False
    # Which pattern found it: "quote", "clause", "object", "according", "colon";
    # the patterns differ in how often they are right (see analysis._confidence).
    rule: str = "quote"
    cue_token: int | None = field(default=None, repr=False)

    @property
    def start(self) -> int:
        return self.content[0].start

    @property
    def end(self) -> int:
        return self.content[-1].end


def find_attributions(doc: Doc, actors: ActorIndex) -> list[Attribution]:
    """All attributions in ``doc``, in text order."""
    text = doc.text
    if not text.strip() or len(doc) == 0:
        return []
    finder = _Finder(doc, actors)
    return finder.run()


def _lemma(token: Token) -> str:
    # The small model lemmatises "hoped" as "hop".
    if token.lemma_ == "hop" and token.lower_.startswith(("hope", "hoping")):
        return "hope"
    return token.lemma_


def _holder(subject: Token | None) -> bool:
    """Whether a subject can hold a view: a person, a named body, or a noun for
    people or institutions ("officials", "the campaign"), not a thing."""
    if subject is None or subject.lower_ in NOT_SOURCES:
        return False
    if subject.pos_ in ("PRON", "PROPN") or subject.ent_type_ in HOLDER_ENTS:
        return True
    return subject.lemma_.lower() in HOLDER_NOUNS


def _antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun ("who") stands for, if ``token`` is one."""
    if token.lower_ not in RELATIVES:
        return None
    clause = next((t for t in token.ancestors if t.dep_ == "relcl"), None)
    return clause.head if clause is not None else None


class _Finder:
    def __init__(self, doc: Doc, actors: ActorIndex) -> None:
        self.doc = doc
        self.text = doc.text
        # Iterating a Doc builds every Token anew: build them once per pass set.
        self.tokens = list(doc)
        self.actors = actors
        self.quotes = find_quotes(self.text)
        self.quote_ranges = sorted((q.start, q.end) for q in self.quotes)
        self.quote_starts = [s for s, _ in self.quote_ranges]
        self.starts = [t.idx for t in self.tokens]
        self.paragraph_starts = [s for s, _ in paragraphs(self.text)]
        self.used_cues: set[int] = set()
        self.found: list[Attribution] = []

    def run(self) -> list[Attribution]:
        self._direct_quotes()
        self._indirect_speech()
        self._stances()
        self._raising()
        self._according_to()
        self._colon_speakers()
        self._orphan_quotes()
        self._drop_nested()
        self.found.sort(key=lambda a: a.start)
        return self.found

    def _drop_nested(self) -> None:
        """ "She said he backed the plan", "he said he thinks ...": a verb's object,
        a thought or wish, or a quoted word or two, inside what someone is
        reported to say is part of that statement, not one of its own
        (annotators seldom mark them)."""
        spans = [(s.start, s.end, a) for a in self.found for s in a.content]

        def nested(a: Attribution) -> bool:
            if a.cue is None or a.cue_token is None:
                return False
            inside = [b for s, e, b in spans if s <= a.cue.start < e and b is not a]
            if a.rule == "clause":
                # "He said he thinks ...": a thought or a wish inside a statement
                # is its content; "he said she told him ..." is a statement too.
                if _lemma(self.tokens[a.cue_token]) not in PRIVATE_LEMMAS:
                    return False
            elif a.rule == "quote":
                # "She said he was “outraged” to hear it": a quoted word or two
                # inside a statement belongs to it.
                words = sum(len(span.text.split()) for span in a.content)
                if words >= 6 or not any(
                    s.start <= a.start < s.end for b in inside for s in b.content
                ):
                    return False
            elif a.rule != "object":
                return False
            return bool(inside)

        self.found = [a for a in self.found if not nested(a)]

    # -- helpers -------------------------------------------------------------

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

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
        say"), a governing "declined to" / "continued to", a particle ("pointed
        out"), the preposition that introduces the content ("called for"), the
        medium it was said in ("said in a statement") and a closing colon. Never
        reaches into the ``content`` span (start, end)."""
        doc = self.doc
        c_start, c_end = content if content is not None else (-1, -1)

        def free(token: Token) -> bool:
            at = token.idx
            return not (c_start <= at < c_end) and not self.in_quote(at)

        first = self._cue_left(verb, free)
        if verb.dep_ == "xcomp" and first > 0 and doc[first].lower_ == "to":
            head = verb.head
            # "declined to say", "went on to argue": the governing verb belongs.
            if (
                head.i < first
                and _lemma(head) in CATENATIVE_LEMMAS
                and all(
                    doc[i].dep_ in ("prt", "aux", "neg", "advmod") or i == head.i
                    for i in range(head.i, first)
                )
            ):
                first = self._cue_left(head, free)
        last = verb.i
        index = verb.i + 1
        while index < len(doc) and free(doc[index]):
            token = doc[index]
            if token.head.i != verb.i:
                break
            if token.dep_ == "prt":
                last = index
            elif token.dep_ == "prep" and token.lower_ in CUE_PREPS:
                objects = [c for c in token.children if c.dep_ in ("pobj", "pcomp")]
                if objects and c_start <= objects[0].idx < c_end:
                    last = index  # "called for | a ban"
                    break
                if objects and objects[0].lemma_.lower() in MEDIUM_NOUNS:
                    right = objects[0].right_edge
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
        if last + 1 < len(doc) and doc[last + 1].text == ":" and free(doc[last + 1]):
            last += 1
        first_token, last_token = doc[first], doc[last]
        return self.span(first_token.idx, last_token.idx + len(last_token.text))

    def _cue_left(self, verb: Token, free: Callable[[Token], bool]) -> int:
        """Index of the first word of ``verb``'s group: the auxiliaries, negation
        and adverbs right before it ("has repeatedly said")."""
        first = verb.i
        index = verb.i - 1
        while index >= 0:
            token = self.doc[index]
            if token.head.i != verb.i or not free(token):
                break
            if token.dep_ in ("aux", "auxpass", "neg") or (
                token.dep_ == "advmod"
                and token.pos_ == "ADV"
                and token.is_lower  # "Skelly said": a name the parser misread
                and token.lower_ not in NOT_CUE_ADVERBS
            ):
                first = index
                index -= 1
            else:
                break
        return first

    def subject_of(self, verb: Token) -> Token | None:
        if verb.i > 0:
            before = self.tokens[verb.i - 1]
            if (
                before.head.i == verb.i
                and before.dep_ in ("advmod", "npadvmod", "dep", "intj")
                and NAME_WORD.match(before.text)
                and not any(c.dep_ in SUBJECTS for c in verb.children)
            ):
                return before  # "Skelly said": a surname the parser misread
        if (
            verb.tag_ == "VBN"
            and verb.dep_ == "advcl"
            and not any(c.dep_ in SUBJECTS or c.dep_ == "agent" for c in verb.children)
        ):
            # "Asked whether ..., Reid said": whoever asked is not named; the
            # one asked answers in the main clause.
            return None
        current = verb
        # "..., adding that": the subject is the governing verb's.
        for _ in range(3):
            # "PARIS — The minister said ...": the dateline is no speaker.
            subject = next(
                (
                    c
                    for c in current.children
                    if c.dep_ in SUBJECTS and not self._dateline(c)
                ),
                None,
            )
            if subject is not None and subject.dep_ == "nsubjpass":
                # "It was reported by the Herald that ...": the agent speaks; "he
                # was told that ...": the one told does not.
                agent = next((c for c in current.children if c.dep_ == "agent"), None)
                if agent is None:
                    return None
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            if subject is not None and subject.ent_type_ in ("DATE", "TIME"):
                # "Tuesday, Maine, leading ..., asked": the day is no speaker.
                subject = next(
                    (c for c in subject.children if c.dep_ == "appos"), subject
                )
            if subject is not None:
                return subject
            if current.dep_ in ("conj", "advcl", "xcomp", "ccomp") and (
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
                owner = next((c for c in noun.children if c.dep_ == "poss"), None)
                if owner is not None:
                    return owner  # "her statement condemning ..."
                if _holder(noun) and noun.pos_ != "PRON":
                    return noun  # "protesters chanting ...", "a group urging ..."
                if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
                    # "issued a statement saying ...": the issuer speaks.
                    current = noun.head
                elif noun.pos_ in ("NOUN", "PROPN"):
                    return noun  # "a lawsuit challenging ...", "placards urging"
                else:
                    return None
            elif current.dep_ == "pcomp" and current.head.head.pos_ in ("VERB", "AUX"):
                current = current.head.head  # "pivoted to talking about ..."
            else:
                return None
        return None

    def _dateline(self, token: Token) -> bool:
        """Whether ``token`` is an all-capitals place opening a paragraph before a
        dash ("WASHINGTON — ...")."""
        if not (token.is_upper and token.is_alpha and len(token.text) > 1):
            return False
        start = token.left_edge.idx
        at = bisect.bisect_right(self.paragraph_starts, start) - 1
        if at < 0 or self.text[self.paragraph_starts[at] : start].strip():
            return False
        for after in self.tokens[token.i + 1 : token.i + 6]:
            if after.text in DASHES:
                return True
            if not (after.text in "(),." or after.is_upper):
                return False  # "WASHINGTON (AP) —", "PARIS, FRANCE —"
        return False

    def source_span(self, head: Token) -> Span:
        """The noun phrase of ``head`` without trailing clauses and appositions."""
        start_i, end_i = head.left_edge.i, head.i
        for child in head.rights:
            if child.dep_ in CUT_DEPS or child.is_punct:
                break
            end_i = child.right_edge.i
        while start_i < head.i and self.doc[start_i].is_punct:
            start_i += 1
        first, last = self.doc[start_i], self.doc[end_i]
        return self.span(first.idx, last.idx + len(last.text))

    def speaker(
        self, head: Token, cue_start: int
    ) -> tuple[ActorCandidate | None, bool]:
        if head.lower_ in PRONOUNS_PERSON:
            return self.actors.last_person_before(cue_start, self.quote_ranges), True
        if head.lower_ in RELATIVES:
            # "Ann Lee, who said ...": the speaker is the noun the clause hangs on.
            antecedent = _antecedent(head)
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
        if end - start < 2:
            return None
        if cue is None and verb is not None:
            cue = self.cue_span(verb, (start, end))
        speaker, via_pronoun = None, False
        if subject is not None:
            source = self.source_span(subject)
            antecedent = _antecedent(subject)
            if antecedent is not None and antecedent.i < subject.i:
                # "Ann Lee, who said": the relative pronoun and what it stands for.
                source = self.span(self.source_span(antecedent).start, source.end)
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

    def trimmed_content(self, start: int, end: int) -> tuple[int, int]:
        """Trim edge punctuation, but keep the quotation marks around a quote."""
        start, end = self.trimmed(start, end)
        return start, end

    # -- direct quotes -------------------------------------------------------

    def _direct_quotes(self) -> None:
        by_paragraph: dict[int, Attribution] = {}
        for quote in self.quotes:
            inner = self.text[quote.start : quote.end]
            trailing_comma = bool(re.search(r"[,]\W*$", inner))
            verb_subject = None
            if trailing_comma:
                verb_subject = self._verb_after(quote) or self._verb_before(quote)
            else:
                verb_subject = self._verb_before(quote) or self._verb_after(quote)
            attribution = None
            if verb_subject is not None:
                verb, subject = verb_subject
                start, end = self._with_clause(quote, verb)
                attribution = self._merge_interrupted(quote, verb, subject)
                if attribution is None:
                    attribution = self.add(start, end, verb, subject, direct=True)
            elif (
                quote.paragraph in by_paragraph
                and by_paragraph[quote.paragraph].direct
                and self._opens_sentence(quote)
            ):
                # “A,” he said. “B.”: the second quote carries on the first.
                attribution = by_paragraph[quote.paragraph]
                attribution.content.append(self.span(quote.start, quote.end))
            elif self._continues(quote, by_paragraph):
                previous = by_paragraph[quote.paragraph - 1]
                attribution = Attribution(
                    content=[self.span(quote.start, quote.end)],
                    cue=None,
                    source=previous.source,
                    direct=True,
                    speaker=previous.speaker,
                    via_pronoun=previous.via_pronoun,
                    continuation=True,
                )
                self.found.append(attribution)
            if attribution is not None:
                quote.attribution = attribution
                by_paragraph[quote.paragraph] = attribution

    def _opens_sentence(self, quote: Quote) -> bool:
        """Whether ``quote`` starts its sentence (“A,” he said. “B.”), rather than
        sitting inside one that someone else's verb governs."""
        at = self.token_at(quote.start)
        if at >= len(self.tokens):
            return False
        sent_start = self.tokens[at].sent.start
        return all(t.is_punct for t in self.tokens[sent_start:at])

    def _orphan_quotes(self) -> None:
        """“A,” Jo Lee, the head of the union, said. “B.”: a quotation left
        without a source carries on the quoted speech just before it in its
        paragraph, however that was found."""
        for quote in self.quotes:
            if quote.attribution is not None or any(
                a.start <= quote.start < a.end for a in self.found
            ):
                continue
            before = [
                a
                for a in self.found
                if a.direct
                and a.end <= quote.start
                and self._paragraph_of(a.end) == quote.paragraph
            ]
            if not before:
                continue
            previous = max(before, key=lambda a: a.end)
            if self.text[previous.content[-1].end - 1] not in "”\"'":
                continue  # the speech before ends outside a quotation
            previous.content.append(self.span(quote.start, quote.end))
            quote.attribution = previous

    def _paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def _continues(self, quote: Quote, by_paragraph: dict[int, Attribution]) -> bool:
        if quote.paragraph == 0 or quote.paragraph - 1 not in by_paragraph:
            return False
        paragraph_start = self.paragraph_starts[quote.paragraph]
        if self.text[paragraph_start : quote.start].strip():
            return False
        previous = by_paragraph[quote.paragraph - 1]
        return previous.direct and previous.source is not None

    def _verb_after(self, quote: Quote) -> tuple[Token, Token] | None:
        """“...,” said Mr X  /  “...,” Mr X said  /  “...,” he added."""
        first = self.token_at(quote.end)
        dash = self._dash_source(first)
        if dash is not None:
            return dash
        # “Stay there!” a man yelled / “...,” she confessed: a quotation that
        # ends in a comma or a cry makes any verb right after it a verb of saying.
        inner = self.text[quote.start : quote.end].rstrip("”»\"' ")
        open_ended = inner.endswith((",", "?", "!"))
        if not inner.endswith((",", "?", "!", ".", "…", "—", "-", ":", ";")) and (
            len(inner.split()) < 4
        ):
            return None  # “fat cats” and proposed ...: a quoted phrase, no speech
        for token in self.doc[first : first + 8]:
            if token.text in SENTENCE_END or "\n" in token.text:
                return None
            if token.text in OPENERS or token.text in ('"', "''"):
                return None
            if token.pos_ in ("VERB", "AUX") and (
                token.lemma_ in SPEECH_LEMMAS
                or (open_ended and token.pos_ == "VERB" and self._closes(token))
            ):
                subject = self._subject_after(token, quote.end)
                return (token, subject) if subject is not None else None
        return None

    def _closes(self, verb: Token) -> bool:
        """Whether ``verb`` ends its sentence but for its subject and adverbs:
        “...,” a man yelled."""
        for token in self.tokens[verb.i + 1 : verb.sent.end]:
            if token.is_punct or (token.head.i == verb.i and token.dep_ in (
                "nsubj", "advmod", "npadvmod"
            )):  # fmt: skip
                continue
            if token.head.i != verb.i and token.head.i > verb.i:
                continue  # inside the subject after the verb
            return False
        return True

    def _dash_source(self, first: int) -> tuple[Token, Token] | None:
        """“...” — Jane Doe: a byline-style source after a dash."""
        if first >= len(self.doc) or self.doc[first].text not in DASHES:
            return None
        name = None
        for token in self.doc[first + 1 : first + 6]:
            if token.pos_ != "PROPN":
                break
            name = token
        return (self.doc[first], name) if name is not None else None

    def _subject_after(self, verb: Token, after: int) -> Token | None:
        subject = self.subject_of(verb)
        if subject is not None and subject.idx >= after:
            return subject
        # Inverted order the parser missed ("said Mr Loughton"): a name follows.
        for token in self.doc[verb.i + 1 : verb.i + 6]:
            if token.is_punct:
                break
            if token.pos_ in ("PROPN", "PRON", "NOUN") and token.dep_ != "compound":
                return token
        return None

    def _verb_before(self, quote: Quote) -> tuple[Token, Token] | None:
        """X said: “...”  /  X added, “...”  /  X told reporters “...”."""
        index = self.token_at(quote.start) - 1
        skipped = 0
        colon = None
        while index >= 0 and skipped < 3:
            token = self.doc[index]
            if "\n" in token.text or token.text in SENTENCE_END:
                return None
            if token.is_punct or token.lower_ in ("that", "—"):
                if token.text == ":" and colon is None:
                    colon = token
                index -= 1
                skipped += 1
                continue
            break
        if index < 0:
            return None
        token = self.doc[index]
        verb = token
        # "told reporters: “...”": the object sits between verb and quote.
        if token.dep_ in ("dobj", "dative", "pobj") and token.head.lemma_ in (
            SPEECH_LEMMAS
        ):
            verb = token.head
        if verb.lemma_ not in SPEECH_LEMMAS or verb.pos_ not in ("VERB", "AUX"):
            return self._colon_intro(colon) if colon is not None else None
        if self.in_quote(verb.idx):
            return None
        subject = self.subject_of(verb)
        return (verb, subject) if subject is not None else None

    def _colon_intro(self, colon: Token) -> tuple[Token, Token] | None:
        """ "She went further: “...”": a person's clause ending in a colon; "Lee:
        “...”": a name alone before it, the colon its cue."""
        names = self.tokens[colon.sent.start : colon.i]
        if (
            0 < len(names) <= 4
            and all(t.pos_ == "PROPN" for t in names)
            and not any(t.lower_ in LABEL_WORDS for t in names)
            and not self.in_quote(names[0].idx)
        ):
            return colon, names[-1]
        verb = colon.head
        if verb.pos_ not in ("VERB", "AUX") or self.in_quote(verb.idx):
            return None
        subject = self.subject_of(verb)
        if subject is None:
            return None
        if subject.lower_ in PRONOUNS_PERSON:
            return verb, subject
        actor = self.actors.actor_at(subject.idx, subject.idx + len(subject.text))
        if subject.pos_ == "PROPN" or (
            actor is not None and actor.kind in ("person", "organisation", "government")
        ):
            return verb, subject
        return None

    def _with_clause(self, quote: Quote, verb: Token) -> tuple[int, int]:
        """The quote, widened to the reported clause it sits in, if any."""
        start, end = quote.start, quote.end
        for child in verb.children:
            if child.dep_ != "ccomp":
                continue
            left = child.left_edge.idx
            right = child.right_edge.idx + len(child.right_edge.text)
            overlaps = left < end and start < right
            if overlaps and not (left <= verb.idx < right):
                start, end = min(start, left), max(end, right)
        return start, end

    def _merge_interrupted(
        self, quote: Quote, verb: Token, subject: Token
    ) -> Attribution | None:
        """“Part one,” he said, “part two.”: one attribution, two spans."""
        for previous in reversed(self.found[-2:]):
            if (
                previous.cue_token == verb.i
                and previous.direct
                and previous.end <= quote.start
            ):
                previous.content.append(self.span(quote.start, quote.end))
                return previous
        return None

    # -- indirect speech -----------------------------------------------------

    def _indirect_speech(self) -> None:
        for verb in self.tokens:
            lemma = _lemma(verb)
            if verb.i in self.used_cues or lemma not in ALL_LEMMAS:
                continue
            if verb.pos_ not in ("VERB", "AUX") or self.in_quote(verb.idx):
                continue
            found = self._complement(verb, lemma)
            if found is None and lemma in SPEECH_LEMMAS:
                found = self._misparsed_that_clause(verb)
            if found is None:
                if lemma in SPEECH_LEMMAS and self._set_off(verb):
                    self._parenthetical(verb)
                continue
            first, last, _, clausal = found
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
            start, end = first.idx, last.idx + len(last.text)
            if start <= verb.idx < end or (clausal and last.i - first.i < 2):
                continue
            if clausal and first.i > verb.i:
                end = self._to_sentence_end(verb, last)
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
            # "the beam supports the roof": no one holds a view. A participle
            # without a subject ("..., blaming it on X") still reports one.
            if (
                not clausal
                and not _holder(subject)
                and (
                    verb.tag_ not in ("VBG", "VBN")
                    or (subject is not None and verb.dep_ != "acl")
                )
            ):
                continue
            direct = any(s < end and start < e for s, e in self.quote_ranges)
            rule = "clause" if clausal else "object"
            attribution = self.add(start, end, verb, subject, direct=direct, rule=rule)
            if attribution is not None and relative is not None:
                attribution.content.insert(
                    0, self.span(relative.idx, relative.idx + len(relative.text))
                )

    def _stances(self) -> None:
        """ "Officials are concerned that ...", "she is critical of the plan", "he
        has been a supporter of the bill": a stance adjective or a noun for a
        partisan after a copula, with a clause or a prepositional object."""
        for adjective in self.tokens:
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
            prep = None
            if clause is None:
                prep = next(
                    (c for c in adjective.children
                     if c.dep_ == "prep" and c.lower_ in CUE_PREPS
                     and c.i == adjective.i + 1), None
                )  # fmt: skip
                objects = (
                    [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                    if (prep is not None)
                    else []
                )
                if not objects:
                    continue
                first, last = objects[0].left_edge, objects[0].right_edge
            else:
                first, last = clause.left_edge, clause.right_edge
                if first.i < adjective.i:
                    continue
            start, end = first.idx, last.idx + len(last.text)
            if end - start < 3 or any(
                a.start < end and start < a.end for a in self.found
            ):
                continue
            subject = self.subject_of(copula)
            if subject is not None and (
                self.in_quote(subject.idx) or subject.lower_ in NOT_SOURCES
            ):
                subject = None
            if subject is None and clause is None:
                continue
            if subject is not None and clause is None and not _holder(subject):
                continue  # "the road is open to traffic"
            cue_start = self.cue_span(copula, (start, end)).start
            cue_last = prep if prep is not None else adjective
            cue = self.span(cue_start, cue_last.idx + len(cue_last.text))
            start, end = self._widen_to_quotes(start, end)
            direct = any(s < end and start < e for s, e in self.quote_ranges)
            self.add(start, end, copula, subject, direct=direct, cue=cue, rule="stance")

    def _raising(self) -> None:
        """ "The bill is expected to pass", "he seems to be winning", "the plan
        seems unfair": the subject and the infinitive or predicate are the
        content; no source is named."""
        for verb in self.tokens:
            lemma = _lemma(verb)
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
            subject = next(
                (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None
            )
            if xcomp is None or subject is None or xcomp.i < verb.i:
                continue
            if subject.lower_ in ("who", "that", "which"):
                continue
            s_first, s_last = subject.left_edge, subject.right_edge
            x_first, x_last = xcomp.left_edge, xcomp.right_edge
            spans = []
            for first, last in ((s_first, s_last), (x_first, x_last)):
                start, end = self.trimmed(first.idx, last.idx + len(last.text))
                if end > start:
                    spans.append(self.span(start, end))
            if len(spans) < 2 or any(
                a.start < spans[-1].end and spans[0].start < a.end for a in self.found
            ):
                continue
            attribution = self.add(spans[0].start, spans[-1].end, verb, None,
                                   direct=False, rule="raising")  # fmt: skip
            if attribution is not None:
                attribution.content = spans
                attribution.cue = self.cue_span(verb, (spans[1].start, spans[1].end))

    def _misparsed_that_clause(
        self, verb: Token
    ) -> tuple[Token, Token, Token | None, bool] | None:
        """ "X said for the first time that ...": a "that" a few words after the
        verb that the parser hung elsewhere still opens what was said."""
        sent_end = verb.sent.end
        for token in self.tokens[verb.i + 1 : min(verb.i + 10, sent_end)]:
            if token.text in SENTENCE_END or self.in_quote(token.idx):
                return None
            if token.lower_ == "that" and token.dep_ in ("mark", "advmod", "nsubj"):
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

    def _set_off(self, verb: Token) -> bool:
        """Whether ``verb`` is a reporting clause set off from what was said: "The
        plan, she said, will fail", "The plant is closing, said its owner"."""
        if verb.dep_ == "parataxis":
            return True
        if verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
        ):
            return True  # "As the minister noted, the plant is closing."
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

    def _parenthetical(self, verb: Token) -> None:
        """ "The plan, she said, will fail": the sentence around the clause."""
        subject = self.subject_of(verb)
        if subject is None or subject.i < verb.left_edge.i:
            return
        sent = verb.sent
        left, right = verb.left_edge, verb.right_edge
        spans = []
        for start, end in (
            (sent.start_char, left.idx),
            (right.idx + len(right.text), sent.end_char),
        ):
            start, end = self.trimmed(start, end)
            if end - start >= 2:
                spans.append(self.span(start, end))
        if not spans or any(
            a.start < spans[-1].end and spans[0].start < a.end for a in self.found
        ):
            return
        attribution = self.add(spans[0].start, spans[0].end, verb, subject,
                               direct=False, rule="clause")  # fmt: skip
        if attribution is not None:
            attribution.content = spans

    def _complement(
        self, verb: Token, lemma: str
    ) -> tuple[Token, Token, Token | None, bool] | None:
        """What ``verb`` attributes: its first and last token, the last token of
        the cue when a preposition belongs to it ("called for"), and whether it
        is a clause (rather than a noun phrase)."""
        children = list(verb.children)
        clauses = [c for c in children if c.dep_ == "ccomp"]
        # "In a statement released after X quit, Lee said he ...": the parser can
        # hang a fronted phrase on the verb as a clause too; what was said follows.
        clause = next((c for c in clauses if c.i > verb.i), None) or next(
            iter(clauses), None
        )
        if clause is not None:
            return clause.left_edge, clause.right_edge, None, True
        if lemma in QUESTION_LEMMAS:
            # "asked the students if they were ready"
            clause = next(
                (c for c in children if c.dep_ == "advcl" and c.i > verb.i
                 and any(m.lower_ in ("if", "whether") for m in c.children)),
                None,
            )  # fmt: skip
            if clause is not None:
                return clause.left_edge, clause.right_edge, None, True
        if lemma in PREDICATE_LEMMAS:
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            predicate = next((c for c in children if c.dep_ == "oprd"), None)
            if obj is not None and predicate is not None:
                return obj.left_edge, predicate.right_edge, None, True
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
                    # "called on voters to act": the cue takes the "on".
                    on = next(
                        (c for c in children
                         if c.dep_ == "prep" and c.lower_ in ("on", "upon")
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
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    cue_last = child if child.i == verb.i + 1 else None
                    return obj.left_edge, child.right_edge, cue_last, False
        if lemma in OBJECT_LEMMAS and any(c.dep_ == "agent" for c in children):
            # "The plan was rejected by the council": the subject is the object.
            obj = next((c for c in children if c.dep_ == "nsubjpass"), None)
            if obj is None or obj.lower_ in NOT_SOURCES or obj.lower_ in RELATIVES:
                return None
            return obj.left_edge, obj.right_edge, None, False
        if lemma in OBJECT_LEMMAS or (
            lemma in SPEECH_LEMMAS and lemma not in NOT_OBJECT_LEMMAS
        ):
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            if obj is None or obj.i < verb.i or obj.lower_ in NOT_SOURCES:
                return None
            if obj.ent_type_ in NOT_CONTENT_ENTS:
                return None  # "promised Sunday": a misparsed date
            last = obj.right_edge
            # "accused her of lying", "praised him for his work", "criticised the
            # plan and its cost": the rest of the verb phrase belongs to it.
            for child in verb.rights:
                if child.i <= obj.i:
                    continue
                dated = any(c.ent_type_ in NOT_CONTENT_ENTS for c in child.children)
                joined = child.dep_ == "cc" or (
                    child.dep_ == "conj"
                    and (
                        child.pos_ != "VERB"
                        or not any(c.dep_ in SUBJECTS for c in child.children)
                    )
                )
                if (child.dep_ in OBJECT_TAIL and not dated) or joined:
                    last = child.right_edge
                else:
                    break
            return obj.left_edge, last, None, False
        return None

    def _widen_to_quotes(self, start: int, end: int) -> tuple[int, int]:
        for q_start, q_end in self.quote_ranges:
            if q_start < start < q_end:
                start = q_start
            if q_start < end < q_end:
                end = q_end
        return start, end

    # -- according to --------------------------------------------------------

    def _according_to(self) -> None:
        for token in self.tokens[:-1]:
            if token.lower_ != "according" or self.doc[token.i + 1].lower_ != "to":
                continue
            if self.in_quote(token.idx):
                continue
            to = self.doc[token.i + 1]
            head = next((c for c in to.children if c.dep_ == "pobj"), None)
            if head is None:
                continue
            phrase_end_tok = head.right_edge
            sentence = token.sent
            phrase_start = token.idx
            phrase_end = phrase_end_tok.idx + len(phrase_end_tok.text)
            s_start, s_end = self.trimmed(sentence.start_char, sentence.end_char)
            before = self.trimmed(s_start, phrase_start)
            after = self.trimmed(phrase_end, s_end)
            start, end = (
                after if before[1] - before[0] < after[1] - after[0] else before
            )
            if end - start < 8:
                continue
            cue = self.span(token.idx, to.idx + len(to.text))
            self.add(start, end, None, head, direct=False, cue=cue, rule="according")

    # -- "Name: text" ----------------------------------------------------------

    def _colon_speakers(self) -> None:
        """Transcripts and headlines: "SMITH: We will ..." / "Jane Doe: ..."."""
        for para_start, para_end in paragraphs(self.text):
            first = self.token_at(para_start)
            names = []
            colon = None
            for token in self.doc[first : first + 16]:
                if token.text == ":":
                    colon = token
                    break
                if len(names) < 5:
                    names.append(token)
            if colon is None or not names or colon.i >= len(self.doc) - 1:
                continue
            if colon.i > first + len(names):
                # "Lee on the budget: ..." / "Lee to voters: ...": a headline
                # naming the speaker, then the topic or the audience.
                topic = next(
                    (t for t in names[1:] if t.lower_ in ("on", "to", "about")), None
                )
                if topic is None:
                    continue
                names = names[: names.index(topic)]
                if not names:
                    continue
            if colon.idx >= para_end or not all(
                t.pos_ == "PROPN" or (t.is_upper and t.is_alpha) for t in names
            ):
                continue
            start = names[0].idx
            end = names[-1].idx + len(names[-1].text)
            if any(t.lower_ in LABEL_WORDS or t.like_num for t in names):
                continue  # "UPDATE: ...", "Photo: ..."
            actor = self.actors.actor_at(start, end)
            c_start, c_end = self.trimmed(colon.idx + 1, para_end)
            content = self.text[c_start:c_end]
            if len(content.split()) < 3 or not (
                content[0].isupper() or content[0] in "“‘\"'"
            ):
                continue
            if any(a.start < c_end and c_start < a.end for a in self.found):
                continue
            self.found.append(
                Attribution(
                    content=[self.span(c_start, c_end)],
                    cue=self.span(colon.idx, colon.idx + 1),
                    source=self.span(start, end),
                    direct=False,
                    speaker=actor if actor and actor.kind != "country" else None,
                    rule="colon",
                )
            )
