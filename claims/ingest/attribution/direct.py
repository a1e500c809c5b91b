"""Quotations and transcripts: the patterns that start from quotation marks.

``_DirectQuotes`` finds a quotation's speaker before or after it (“...,” said X /
X said: “...” / Lee: “...” / “...” — Lee), carries a quote on to the next
paragraph or sentence, and reads "Name: text" transcripts, posts signed by
their author ("... — Lee (@lee) June 3, 2024") and quotations set as a block
after a colon. Offsets refer to ``doc.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from claims.ingest.actors import PRONOUNS_PERSON
from claims.ingest.attribution.holders import (
    antecedent_of,
    holds_views,
    lemma_of,
    puts_it,
)
from claims.ingest.attribution.lexicon import (
    DASHES,
    FRONTED_VERBS,
    HEADLINE_ADVERBS,
    HEADLINE_LEMMAS,
    HEADLINE_PREPS,
    HEARER_LEMMAS,
    LABEL_WORDS,
    LINK_ADVERBS,
    LINK_POS,
    MEDIUM_NOUNS,
    MESSAGE_NOUNS,
    NAME_WORD,
    PREP_LEMMAS,
    SENTENCE_END,
    SPEECH_LEMMAS,
    TIME_ENTS,
)
from claims.ingest.attribution.quotes import OPENERS, Quote
from claims.ingest.attribution.roles import Attribution, _Base, spaced_dash

# The signature an embedded post ends with: "— Ann Lee (@annlee) June 3, 2024".
_SIGNATURE = re.compile(
    r"(?<!\S)(?P<dash>[—–―]|--?)[ \u00a0]*"
    r"(?P<name>[^\s()—–―][^\n()—–―]{0,59}?)[ \u00a0]*\((?P<handle>@\w{1,30})\)"
    r"(?:[ \u00a0]*[A-Z][a-z]+\.? \d{1,2}, \d{4})?[ \u00a0.]*$",
    re.MULTILINE,
)
# A line signing the quotation before it has at most this many words ("- Jo
# Lee, a nurse from Dayton, after the debate.").
_SIGNATURE_WORDS = 12
# Links a post ends with: "pic.twitter.com/abc", "https://t.co/abc".
_LINKS_AT_END = re.compile(r"(?:\s*(?:pic\.twitter\.com/|https?://)\S+)+\s*$")

# How the words of a verb's own phrase before a quotation hang on it ("said in
# a statement, “...”", "told the crowd on Monday, “...”").
_PHRASE_DEPS = {"pobj", "prep", "dobj", "dative", "npadvmod", "advmod"}


class _DirectQuotes(_Base):
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
                    if attribution is not None:
                        self._around_aside(attribution, quote, verb, subject)
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
                # The speaker's verb introduces every paragraph of the speech:
                # annotators mark the one statement with its one cue.
                attribution = Attribution(
                    content=[self.span(quote.start, quote.end)],
                    cue=previous.cue,
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

    def _signed_posts(self) -> None:
        """ "The bridge cost twice what we were promised. — Ann Lee (@annlee)
        June 3, 2024": a post embedded in the page (a tweet), signed after a
        dash with its author's name and handle; the post is the paragraph the
        signature ends, or the one before when the signature stands alone."""
        bounds = self.paragraph_bounds
        for number, (start, end) in enumerate(bounds):
            signed = _SIGNATURE.search(self.text, start, end)
            if signed is None:
                continue
            dash = signed.start("dash")
            if self.text[start:dash].strip():
                c_start, c_end = start, dash
            elif number > 0:
                c_start, c_end = bounds[number - 1]
            else:
                continue
            c_end = c_start + len(_LINKS_AT_END.sub("", self.text[c_start:c_end]))
            c_start, c_end = self.trimmed(c_start, c_end)
            if len(self.text[c_start:c_end].split()) < 3 or any(
                a.start < c_end and c_start < a.end for a in self.found
            ):
                continue
            self.found.append(
                Attribution(
                    content=[self.span(c_start, c_end)],
                    cue=self.span(dash, signed.end("dash")),
                    source=self.span(signed.start("name"), signed.end("handle") + 1),
                    speaker=self.actors.actor_at(*signed.span("name")),
                    verbatim=True,
                    rule="quote",
                )
            )

    def _block_quotes(self) -> None:
        """ "Lee wrote on her blog:" and the paragraph after it without marks:
        a quotation set as a block, whose marks the page's layout stood for.
        The block is one paragraph that reports nothing of its own and opens
        as a sentence does; the clause before the colon is read as for a
        quotation after it."""
        bounds = self.paragraph_bounds
        for number, (start, end) in enumerate(bounds[:-1]):
            if not self.text[start:end].rstrip().endswith(":"):
                continue
            colon = self.token_at(len(self.text[:end].rstrip()) - 1)
            if colon >= len(self.doc) or self.tokens[colon].text != ":":
                continue
            b_start, b_end = self.trimmed(*bounds[number + 1])
            block = self.text[b_start:b_end]
            if (
                not (block[:1].isupper() or block[:1] == "…")
                or len(block.split()) < 4
                or self.in_quote(b_start)
                or any(a.start < b_end and b_start < a.end for a in self.found)
                or self._reports(b_start, b_end)
            ):
                continue
            found = self._before(colon - 1, self.tokens[colon])
            if found is None or found[0].i in self.used_cues:
                continue  # a verb a statement found has already
            verb, subject = found
            cue = (
                self.span(verb.idx, verb.idx + len(verb.text))
                if verb.text == ":"
                else None
            )
            self.add(
                b_start,
                b_end,
                None if cue else verb,
                subject,
                direct=False,
                cue=cue,
                rule="colon",  # a statement after a colon
            )

    def _reports(self, start: int, end: int) -> bool:
        """Whether a reporting clause set off in it tells whose words lie
        between ``start`` and ``end`` ("The ferry, he said, will ..."): the
        writer's paragraph, not a block quoted."""
        return any(
            lemma_of(t) in SPEECH_LEMMAS
            and t.dep_ == "parataxis"
            and any(c.dep_ == "nsubj" for c in t.children)
            for t in self.tokens[self.token_at(start) : self.token_at(end)]
        )

    def _around_aside(
        self, attribution: Attribution, quote: Quote, verb: Token, subject: Token
    ) -> None:
        """ "The new tram line, Lee said, “is a gift to commuters” across the
        valley": a quotation right after a reporting clause set off in the
        middle of its sentence finishes what the words before the clause
        began; the statement is both, to the end of the sentence. Not words
        before it with a verb of their own ("Asked whether ..., she said,
        “...”"): a clause, and often a statement, of its own."""
        sent = verb.sent
        left = min(verb.left_edge.i, subject.left_edge.i)
        if self.tokens[left].text == ",":
            left += 1
        before = self.tokens[sent.start : left]
        if (
            verb.dep_ != "parataxis"
            or verb.head.i < verb.i
            or left - 1 <= sent.start
            or self.tokens[left - 1].text != ","
            or self.token_at(quote.start) > verb.right_edge.i + 3
            or any(t.pos_ in ("VERB", "AUX") or self.in_quote(t.idx) for t in before)
            # "But, Lee said, “...”": a link to the sentence before, no words.
            or all(t.pos_ in LINK_POS for t in before)
        ):
            return
        start, end = self.trimmed(sent.start_char, self.tokens[left].idx)
        tail_start, tail_end = self.trimmed(quote.start, sent.end_char)
        if end - start < 2 or tail_end <= quote.start:
            return
        attribution.content = [
            self.span(start, end),
            self.span(tail_start, max(tail_end, quote.end)),
        ]

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
            if (
                quote.attribution is not None
                or any(a.start <= quote.start < a.end for a in self.found)
                or self._in_phrase(quote)
            ):
                continue
            before = [
                a
                for a in self.found
                if a.direct
                and a.end <= quote.start
                and self._paragraph_of(a.end) == quote.paragraph
            ]
            previous = max(before, key=lambda a: a.end) if before else None
            if previous is None or self.text[previous.content[-1].end - 1] not in (
                "”\"'"
            ):
                # The speech before ends outside a quotation: only reported
                # speech right before it goes on into it.
                previous = self._speech_going_on(quote)
            if previous is None:
                continue
            previous.content.append(self.span(quote.start, quote.end))
            quote.attribution = previous

    def _in_phrase(self, quote: Quote) -> bool:
        """Whether ``quote`` is a title inside a phrase of its sentence (Lee
        said on “The Morning Show”, the “Stop the Mall” crowd): after a word,
        a few words in title case with no stop, no speech."""
        at = self.token_at(quote.start) - 1
        while at >= 0 and self.tokens[at].is_space:
            at -= 1
        words = self.text[quote.start + 1 : quote.end - 1].split()
        return (
            at >= 0
            and not self.tokens[at].is_punct
            and 0 < len(words) <= 6
            and words[0][0].isupper()
            and all(w[0].isupper() or w.isdigit() for w in words if len(w) > 3)
            and words[-1][-1].isalnum()
        )

    def _speech_going_on(self, quote: Quote) -> Attribution | None:
        """Lee said the cap would rise. “That makes 900 in two years.”: a
        quotation that opens the sentence right after someone's reported
        speech, in its paragraph, goes on with what that source says."""
        if not self._opens_sentence(quote):
            return None
        for found in self.found:
            if (
                found.rule == "clause"
                and found.source is not None
                and found.end <= quote.start
                and self.text[found.end : quote.start].strip() in (".", "!", "?")
                and self._paragraph_of(found.end) == quote.paragraph
            ):
                return found
        return None

    def _quoted_sequel(self) -> None:
        """Lee said the cap would rise. / “That makes 900 in two years.”: a
        paragraph that is a quotation no one else speaks, right after a
        sentence of someone's reported speech that closes its paragraph,
        carries that speech on."""
        if not self.quotes:
            return
        ends = {
            self._paragraph_of(a.end): a
            for a in sorted(self.found, key=lambda a: a.end)
            if a.rule == "clause" and not a.direct and a.source is not None
        }
        bounds = self.paragraph_bounds
        for quote in self.quotes:
            previous = ends.get(quote.paragraph - 1)
            if previous is None or quote.attribution is not None:
                continue
            tail = self.text[previous.end : bounds[quote.paragraph - 1][1]].strip()
            if (
                tail not in (".", "!", "?")  # not a headline, not more after it
                or self.text[bounds[quote.paragraph][0] : quote.start].strip()
                or any(a.start < quote.end and quote.start < a.end for a in self.found)
            ):
                continue
            previous.content.append(self.span(quote.start, quote.end))
            quote.attribution = previous

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
        dash = self._dash_source(first) or self._dash_line_after(quote)
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
        # A subject set off by commas may run past eight words: only after a
        # quotation that opens its sentence and does not end it (“...!” the
        # mayor's niece, Ann Lee, shouted); not before a sentence of its own,
        # nor after a phrase quoted inside one (under what Lee called “...,”
        # the club, a course in Leeds, charged ...).
        size = 8
        if open_ended and self._opens_sentence(quote):
            size = max(size, self._subject_words(first))
        for token in self._words_after(first, size):
            if token.text in SENTENCE_END or "\n" in token.text:
                return None
            if (token.text in OPENERS or token.text in ('"', "''")) and not (
                _nickname_mark(self.doc, token.i)
            ):
                return None
            if token.dep_ == "cc" and token.head.pos_ in ("VERB", "AUX"):
                return None  # “...,” and he vowed to win: a clause of its own
            if token.tag_ == "VB" and any(
                c.dep_ == "aux" and c.tag_ == "TO" for c in token.children
            ):
                return None  # “...” to find work: the sentence goes on
            if token.dep_ == "relcl" and first <= token.head.i < token.i:
                continue  # “...,” Lee, who bakes, said: the verb of an aside
            if token.pos_ in ("VERB", "AUX") and (
                lemma_of(token) in SPEECH_LEMMAS
                or (
                    open_ended
                    and token.pos_ == "VERB"
                    # Not a name the tagger read as a bare verb (“...,” Dayton
                    # police Chief Ann Cole said): one tells in a tense.
                    and token.tag_ in ("VBD", "VBZ", "VBP")
                    and self._closes(token)
                )
            ):
                inverted = all(
                    t.is_punct for t in self.doc[first : token.i]
                ) and self._speaker_follows(token)
                if not inverted and any(
                    c.dep_ == "ccomp"
                    and c.i > token.i
                    # Not a quoted title the parser read as a clause ("said
                    # on the show “Meet the Growers”"), nor the quotation's
                    # second part (“A,” Lee said, “B.”): a clause has a
                    # subject, and stands outside quotation marks.
                    and not (open_ended and self.in_quote(c.idx))
                    and any(
                        s.dep_ in ("nsubj", "nsubjpass", "expl") for s in c.children
                    )
                    for c in token.children
                ):
                    # “... terror.” Lee said the threat is real: the verb reports
                    # the clause after it, not the quotation before. Right after
                    # the quotation (“...,” said Jo Lee, who runs ...) a clause
                    # after the verb is the parser misreading the speaker's.
                    return None
                if (
                    not inverted
                    and inner.endswith(".")
                    and self.doc[first].is_sent_start
                    and _reports_its_own(token)
                ):
                    # “... beyond words.” She recalled the flood: the verb of a new
                    # sentence reports its own object, not the quotation.
                    return None
                subject = self._subject_after(token, quote.end)
                if subject is None:
                    return None
                return None if self._quoted_antecedent(subject) else (token, subject)
        if open_ended:
            return self._speaker_with_aside(first)
        return None

    def _subject_words(self, first: int) -> int:
        """How many words after a quotation run up to and take in the verb whose
        subject starts right there, set off by commas as it may be (“...!” the
        mayor's niece, Ann Lee (D-Leeds), shouted): 0 when none does. The
        words in brackets do not count, as in ``_words_after``."""
        token = self.doc[first] if first < len(self.doc) else None
        while token is not None and token.dep_ != "nsubj":
            head = token.head
            if head.i == token.i or head.i < first or head.i - first > 30:
                return 0
            token = head
        if token is None or token.left_edge.i != first or token.head.i < token.i:
            return 0
        return sum(1 for t in self._words_after(first, 40) if t.i <= token.head.i)

    def _words_after(self, first: int, size: int) -> Iterator[Token]:
        """The tokens from ``first`` on, ``size`` of them not counting those in
        brackets ("Rep. Ann Lee (D-Md.) said": the party and state, five
        tokens, stand for none)."""
        depth = counted = 0
        for token in self.tokens[first : first + size + 12]:
            if counted >= size:
                return
            yield token
            if token.text == "(":
                depth += 1
            elif token.text == ")" and depth:
                depth -= 1
            elif not depth:
                counted += 1

    def _speaker_with_aside(self, first: int) -> tuple[Token, Token] | None:
        """“...,” Jo Lee, a ferry captain for thirty years, said by phone:
        a name right after the quotation, set off with what is said of it,
        and the verb of saying after the comma that closes the aside."""
        name = None
        for token in self.doc[first : first + 4]:
            if token.pos_ != "PROPN":
                break
            name = token
        if (
            name is None
            or name.i + 1 >= len(self.doc)
            or self.doc[name.i + 1].text != ","
        ):
            return None
        for token in self.doc[name.i + 2 : name.i + 26]:
            if (
                token.text in SENTENCE_END
                or "\n" in token.text
                or token.text in OPENERS
                or token.text in ('"', "''")
            ):
                return None
            if (
                token.pos_ == "VERB"
                and lemma_of(token) in SPEECH_LEMMAS
                and self.doc[token.i - 1].text == ","
                and not any(c.dep_ in ("dobj", "ccomp") for c in token.children)
            ):
                return token, name
        return None

    @staticmethod
    def _speaker_follows(verb: Token) -> bool:
        """Whether ``verb``'s subject follows it ("said Jo Lee"), also where the
        parser read the name and what comes after it as a clause of its own
        (“...,” said Jo Lee, who runs the PAC)."""
        return any(
            (c.dep_ == "nsubj" and c.i > verb.i)
            or (
                c.dep_ == "ccomp"
                and c.left_edge.i == verb.i + 1
                and c.left_edge.pos_ == "PROPN"
            )
            for c in verb.children
        ) or _misread_name(verb.doc, verb.i + 1)

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
        """“...” — Jane Doe: a byline-style source after a dash, on the same
        line (spaces around the dash may be non-breaking ones)."""
        first = self._past_spaces(first)
        if first >= len(self.doc) or self.doc[first].text not in DASHES:
            return None
        name = None
        # "— Ann Lee", "— Harbour master Tom Baker": the last name of the run
        # of names and the words of a title before them.
        for token in self.doc[self._past_spaces(first + 1) :][:6]:
            if token.pos_ == "PROPN":
                name = token
            elif token.pos_ not in ("NOUN", "ADJ"):
                break
        return (self.doc[first], name) if name is not None else None

    def _dash_line_after(self, quote: Quote) -> tuple[Token, Token] | None:
        """A quotation that ends its paragraph, signed on the next line:
        "“...”⏎- Jo Lee, Philadelphia." (the line a short one, not a
        paragraph that goes on after a dash)."""
        bounds = self.paragraph_bounds
        if quote.paragraph + 1 >= len(bounds):
            return None
        this_end = bounds[quote.paragraph][1]
        start, end = bounds[quote.paragraph + 1]
        if (
            self.text[quote.end : this_end].strip() not in ("", ".")
            or len(self.text[start:end].split()) > _SIGNATURE_WORDS
        ):
            return None
        return self._dash_source(self.token_at(start))

    def _past_spaces(self, i: int) -> int:
        """The first token from ``i`` on that is not a space within a line."""
        while (
            i < len(self.doc) and self.doc[i].is_space and "\n" not in self.doc[i].text
        ):
            i += 1
        return i

    def _subject_after(self, verb: Token, after: int) -> Token | None:
        subject = self.subject_of(verb)
        if subject is not None and subject.idx >= after:
            return subject
        # “A. B,” Lee said: the parser can take a word inside the quotation for
        # a second subject.
        subject = next(
            (c for c in verb.children if c.dep_ == "nsubj" and c.idx >= after), None
        )
        if subject is not None:
            return subject
        # Inverted order the parser missed ("said Mr Loughton"): a name follows,
        # not the object of a preposition ("said by telephone").
        for token in self.doc[verb.i + 1 : verb.i + 6]:
            if token.is_punct or token.dep_ == "prep" or token.pos_ == "ADP":
                break
            if token.ent_type_ in TIME_ENTS:
                continue  # "said Monday": when, not who
            if token.pos_ in ("PROPN", "PRON", "NOUN") and token.dep_ != "compound":
                return token
            if _misread_name(self.doc, token.i):
                return token
        # “...,” Tulsa police Chief Jo Lee said Monday: the parser hung the name
        # before the verb on a word it misread as a verb.
        subject = self._subject_before(verb)
        return subject if subject is not None and subject.idx >= after else None

    def _verb_before(self, quote: Quote) -> tuple[Token, Token] | None:
        """X said: “...”  /  X added, “...”  /  X told reporters “...”; a
        paragraph that is a quotation, after one that ends in a colon ("Lee
        issued a statement:")."""
        index = self.token_at(quote.start) - 1
        while index >= 0 and self.doc[index].is_space:
            index -= 1
        opening = self.paragraph_starts[quote.paragraph]
        if (
            index >= 0
            and self.doc[index].text == ":"
            and not self.text[opening : quote.start].strip()
        ):
            # The colon closes the paragraph before.
            return self._before(index - 1, self.doc[index])
        return self._before(self.token_at(quote.start) - 1, None)

    def _before(self, index: int, colon: Token | None) -> tuple[Token, Token] | None:
        """The reporting verb and its subject ending at token ``index``."""
        skipped = 0
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
        if token.dep_ in ("dobj", "dative", "pobj") and (
            lemma_of(token.head) in SPEECH_LEMMAS or puts_it(token.head)
        ):
            verb = token.head  # "As Lee put it, “...”" too
        elif (
            colon is not None
            and token.dep_ == "pobj"
            and token.head.dep_ == "prep"
            and lemma_of(token.head.head) in SPEECH_LEMMAS
        ):
            verb = token.head.head  # "said in a statement: “...”"
        elif index + 1 < len(self.doc) and self.doc[index + 1].text in (",", ":"):
            # (A quotation mark inside the last token, "0“00", has none after.)
            verb = self._speech_verb_over(token) or verb
        if (
            lemma_of(verb) not in SPEECH_LEMMAS and not puts_it(verb)
        ) or verb.pos_ not in ("VERB", "AUX"):
            return self._colon_intro(colon) if colon is not None else None
        if self.in_quote(verb.idx):
            return None
        subject = self.subject_of(verb)
        if subject is None or self._quoted_antecedent(subject):
            return None
        return verb, subject

    def _quoted_antecedent(self, subject: Token) -> bool:
        """Whether ``subject`` is a relative pronoun standing for quoted words
        (a “positive step” that recognized ...): the words are what the
        clause is about, no speaker."""
        antecedent = antecedent_of(subject)
        return antecedent is not None and self.in_quote(antecedent.idx)

    @staticmethod
    def _speech_verb_over(token: Token) -> Token | None:
        """ "said at the harbour gate, “...”", "told the crowd on Monday,
        “...”": the verb of saying whose own phrase (where or how it was said,
        to whom), set off by a comma, ends right before the quotation, the
        parse leading from the phrase's last word up to it. Without the comma
        the quotation is part of the phrase ("described it as “...”"). A verb
        of a relative clause on the verb's hearer is the hearer's, not the
        speaker's: "told the farmers who met in the square, “...”"."""
        for _ in range(4):
            if token.dep_ not in _PHRASE_DEPS or token.head.i >= token.i:
                return None
            token = token.head
            if lemma_of(token) in SPEECH_LEMMAS and token.pos_ == "VERB":
                hearer = token.head
                if (
                    token.dep_ == "relcl"
                    and hearer.dep_ in ("dobj", "dative")
                    and lemma_of(hearer.head) in SPEECH_LEMMAS
                    and hearer.head.pos_ == "VERB"
                ):
                    return hearer.head
                return token
        return None

    def _colon_intro(self, colon: Token) -> tuple[Token, Token] | None:
        """ "She went further: “...”": a person's clause ending in a colon; "Lee:
        “...”": a name alone before it, the colon its cue; "Said Lee: “...”":
        the verb of saying put before the name, the cue."""
        names = self.tokens[colon.sent.start : colon.i]
        if (
            1 < len(names) <= 4
            and names[0].lower_ in FRONTED_VERBS
            and all(t.pos_ == "PROPN" for t in names[1:])
            and not self.in_quote(names[0].idx)
        ):
            return names[0], names[-1]  # "Said Ellis: “...”"
        if (
            0 < len(names) <= 4
            and all(t.pos_ == "PROPN" for t in names)
            and not any(t.lower_ in LABEL_WORDS for t in names)
            and not self.in_quote(names[0].idx)
        ):
            return colon, names[-1]
        named = self._name_before(colon)
        if named is not None:
            return colon, named
        verb = colon.head
        cue = verb
        if (
            verb.dep_ == "dobj"
            and (verb.lemma_ in MESSAGE_NOUNS or verb.lemma_ in MEDIUM_NOUNS)
            and verb.head.i < verb.i
        ):
            verb = cue = verb.head  # "Lee issued the following statement: “...”"
        elif self._closes_paragraph(colon):
            cue = colon
        if verb.pos_ not in ("VERB", "AUX") or self.in_quote(verb.idx):
            return None
        subject = self.subject_of(verb)
        if subject is None:
            return None
        actor = self.actors.actor_at(subject.idx, subject.idx + len(subject.text))
        if not (
            subject.lower_ in PRONOUNS_PERSON
            or subject.pos_ == "PROPN"
            or (
                actor is not None
                and actor.kind in ("person", "organisation", "government")
            )
        ):
            return None
        if cue is colon:
            self.used_cues.add(verb.i)  # its clause introduces, says nothing
        return cue, subject

    def _closes_paragraph(self, colon: Token) -> bool:
        """ "He then listed the qualities a nominee needs:" and the quotation in
        the next paragraph: a clause that does not end on its verb introduces
        what follows, and the colon that closes it is the cue, as news
        annotators mark it."""
        after = colon.i + 1
        while after < len(self.doc) and self.tokens[after].is_space:
            after += 1
        end = self.starts[after] if after < len(self.doc) else len(self.text)
        return "\n" in self.text[colon.idx + 1 : end]

    def _name_before(self, colon: Token) -> Token | None:
        """ "More from Jo Lee: “...”", "- Jo Lee and Al Ortiz: “...”": a
        person's name right before the colon introduces the quotation, whatever
        comes before it in the sentence."""
        name = self.tokens[colon.i - 1] if colon.i > 0 else None
        if (
            name is None
            or name.ent_type_ != "PERSON"
            or self.in_quote(name.idx)
            # "the Post's Jo Lee: ...": a reporter credited for an excerpt.
            or any(c.dep_ == "poss" for c in name.children)
            # "Ann Ortiz had advice for Lee: ...": whom it is for does not speak.
            or (
                name.dep_ == "pobj"
                and name.head.lower_ != "from"
                and not self._after_dash(name)
            )
        ):
            return None
        # "Lee explained to Ortiz: ...": the verb's own pattern speaks.
        before = self.tokens[colon.sent.start : name.i]
        if any(lemma_of(t) in SPEECH_LEMMAS and t.pos_ == "VERB" for t in before):
            return None
        return name

    def _after_dash(self, name: Token) -> bool:
        """ "Turnout rose in the north - Jo Lee: “...”": a name set off by a
        spaced dash starts anew, whatever the parser hung it on (here "in")."""
        first = name.i
        while first > 0 and (
            self.tokens[first - 1].pos_ == "PROPN" or self.tokens[first - 1].is_title
        ):
            first -= 1
        return first > 0 and spaced_dash(self.tokens[first - 1])

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
                if right > end:
                    stop = self._before_as_report(self.token_at(end), child.right_edge)
                    right = stop.idx + len(stop.text)
                start, end = min(start, left), max(end, right)
                tail = self.tokens[self.token_at(quote.end) : child.right_edge.i + 1]
                if (
                    verb.idx >= quote.end
                    and any(t.is_title for t in tail)
                    and all(t.is_title or t.is_punct for t in tail)
                ):
                    # “...,” Dayton police Chief Lee said: a name the parser
                    # hung on the quoted clause belongs to the speaker.
                    end = max(quote.end, min(end, tail[0].idx))
        if end == quote.end and verb.idx < quote.start:
            end = max(end, self._clause_after(quote, verb))
        return start, end

    def _clause_after(self, quote: Quote, verb: Token) -> int:
        """ "testified “dozens” of invoices were unpaid": a quoted word that
        opens the clause the verb reports, whose words go on after the
        quotation in the verb's phrase; where that clause ends."""
        after = self.token_at(quote.end)
        if after >= len(self.tokens):
            return quote.end
        token = self.tokens[after]
        if (
            not token.is_alpha
            or token.sent.start != verb.sent.start
            or verb not in token.ancestors
        ):
            return quote.end
        last = self._before_as_report(after, verb.right_edge)
        return self.trimmed(quote.end, last.idx + len(last.text))[1]

    def _before_as_report(self, first: int, last: Token) -> Token:
        """ "... grows bolder as she claimed the strike will hurt ...": a clause
        opened by "as" with a reporting verb and a subject of its own reports
        another statement; the last token before it from ``first`` to
        ``last``, or ``last``."""
        for report in self.tokens[first : last.i + 1]:
            if (
                report.dep_ == "advcl"
                and lemma_of(report) in SPEECH_LEMMAS
                and report.left_edge.i > first
                # at the end, not set off inside ("the result, as he explained,
                # was a bubble")
                and report.right_edge.i >= last.i - 1
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in report.children)
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in report.children)
            ):
                return self.tokens[report.left_edge.i - 1]
        return last

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

    # -- headlines ---------------------------------------------------------------

    def _headline(self) -> None:
        """ "Senator Jo Lee Backs Farm Bill": a headline in title case, which the
        parser reads as one long name, names its source before a reporting verb
        and what was said after it."""
        bounds = self.paragraph_bounds
        if not bounds:
            return
        start, end = bounds[0]
        if any(a.start < end and start < a.end for a in self.found):
            return
        words = self.tokens[self.token_at(start) : self.token_at(end)]
        titled = [t for t in words if t.is_alpha and len(t.text) > 3]
        if (
            len(words) > 25
            or not titled
            or not all(t.text[0].isupper() for t in titled)
        ):
            return
        for at, token in enumerate(words[1:-1], 1):
            if not (token.is_title and _reporting_form(token.lower_)):
                continue
            # "Lee Finally Endorses Ryan", "Lee Calls On Ryan To Quit": the
            # adverb before the verb and the preposition after it belong to
            # the cue.
            first = (
                at - 1 if at > 1 and words[at - 1].lower_ in HEADLINE_ADVERBS else at
            )
            last = at + 1 if words[at + 1].lower_ in HEADLINE_PREPS else at
            source = words[:first]
            if not all(t.text[0].isupper() or t.is_punct for t in source):
                return
            cue_end = words[last].idx + len(words[last].text)
            c_start, c_end = self.trimmed(cue_end, end)
            if len(self.text[c_start:c_end].split()) < 2:
                return
            s_start, s_end = source[0].idx, source[-1].idx + len(source[-1].text)
            actor = self.actors.actor_at(s_start, s_end)
            if actor is not None and token.text in actor.name.split():
                actor = None  # the parser ran the name into the verb
            self.found.append(
                Attribution(
                    content=[self.span(c_start, c_end)],
                    cue=self.span(words[first].idx, cue_end),
                    source=self.span(s_start, s_end),
                    speaker=actor,
                    rule="headline",
                )
            )
            return

    # -- "Name: text" ----------------------------------------------------------

    def _colon_speakers(self) -> None:
        """Transcripts and headlines: "SMITH: We will ..." / "Jane Doe: ...".

        A transcript quoted turn by turn opens each paragraph with a quotation
        mark that it leaves open (“SMITH: ...); a paragraph so opened with no
        name goes on with the turn before it."""
        turn: Attribution | None = None
        for para_start, para_end in self.paragraph_bounds:
            first = self.token_at(para_start)
            quoted = self.doc[first].text in OPENERS or self.doc[first].text == '"'
            found = self._colon_speaker(para_start, para_end, first + quoted, quoted)
            if found is not None:
                turn = found if quoted else None
            elif turn is not None and quoted and self._turn_goes_on(turn, para_start):
                c_start, c_end = self.trimmed(para_start + 1, para_end)
                self._drop_inside_turn(para_start, para_end)
                turn.content.append(self.span(c_start, c_end))
            else:
                turn = None

    def _turn_goes_on(self, turn: Attribution, para_start: int) -> bool:
        """Whether the paragraph at ``para_start`` is the next after ``turn``'s
        and says more than a note in brackets ("“(CROSSTALK.)")."""
        gap = self.text[turn.content[-1].end : para_start]
        after = self.text[para_start : para_start + 3].lstrip('“«„"')
        return gap.count("\n") <= 2 and not gap.strip(' \n.”"') and after[:1] != "("

    def _drop_inside_turn(self, para_start: int, para_end: int) -> None:
        """A transcript's turn is one statement: what the speaker reports
        inside it is part of it, and a quotation carried on from inside it
        (a continuation whose cue lies in it) is no one else's."""
        self.found = [
            a
            for a in self.found
            if not (para_start <= a.start and a.end <= para_end)
            and not (
                a.continuation
                and a.cue is not None
                and para_start <= a.cue.start < para_end
            )
        ]

    def _colon_speaker(
        self, para_start: int, para_end: int, first: int, quoted: bool
    ) -> Attribution | None:
        """The statement of "SMITH: ..." / "Jane Doe: ..." in the paragraph
        from ``para_start`` to ``para_end``, whose name starts at token
        ``first``."""
        first = self._past_label(first)
        names = []
        colon = None
        for token in self.doc[first : first + 16]:
            if token.text == ":":
                colon = token
                break
            if len(names) < 5:
                names.append(token)
        if colon is None or not names or colon.i >= len(self.doc) - 1:
            return None
        # "Lee on the budget: ..." / "Lee to voters: ..." / "Lee at the
        # summit: ...": a headline naming the speaker, then the topic, the
        # audience or the place.
        topic = next(
            (t for t in names[1:] if t.lower_ in ("on", "to", "about", "at")),
            None,
        )
        if topic is None and colon.i > first + len(names):
            return None
        if (
            topic is not None
            and topic.lower_ == "to"
            and self.tokens[topic.i + 1].tag_ == "VB"
        ):
            return None  # "Limited Money to Fix the Piers: ...": a heading
        if topic is not None:
            names = names[: names.index(topic)]
        # "Said Ellis: “...”": the verb of saying put before the name is the cue.
        fronted = (
            names[0] if len(names) > 1 and names[0].lower_ in FRONTED_VERBS else None
        )
        if fronted is not None:
            names = names[1:]
        # "Lewandowski: ...": the parser can tag a headline's name a noun.
        if colon.idx >= para_end or not all(
            t.pos_ == "PROPN" or ((t.is_upper or t.is_title) and t.is_alpha)
            for t in names
        ):
            return None
        start = names[0].idx
        end = names[-1].idx + len(names[-1].text)
        if any(t.lower_ in LABEL_WORDS or t.like_num for t in names):
            return None  # "UPDATE: ...", "Photo: ..."
        # "So: ...", "Just Leaked: ...", "FIX IS IN: ...": a word linking to
        # what came before, or a label that is a clause.
        if (
            names[0].lower_ in LINK_ADVERBS
            or names[0].lower_ in HEADLINE_ADVERBS
            or (len(names) > 1 and any(t.tag_ in ("VBZ", "VBD", "VBP") for t in names))
        ):
            return None
        if quoted and not all(t.is_upper for t in names):
            return None  # “Lee: ...”: one quoting another, not a transcript
        actor = self.actors.actor_at(start, end)
        c_start, c_end = self.trimmed(colon.idx + 1, para_end)
        content = self.text[c_start:c_end]
        if self._roster(c_start, c_end):
            return None  # "Ohio: Ann Lee, Bo Park, Cy Ortiz": a list of names
        if len(content.split()) < 3 or not (
            content[0].isupper() or content[0] in "“‘\"'"
        ):
            return None
        # A headline's name the parser cannot read ("Rubio: ...") is
        # someone the article names; "The Latest: ..." or "Wow: ..." is not.
        named = actor is not None or any(
            names[-1].text in known.name.split() for known in self.actors.actors
        )
        if all(t.is_upper for t in names) or (named and self._one_line(c_start, c_end)):
            # "SMITH: ...": a transcript's turn is one statement; what the
            # speaker reports inside it is part of it, and so is what the
            # one line of a headline reports after a name ("Lee: I Still
            # Think He Will Win"; not a label, "The Latest: ...").
            self._drop_inside_turn(para_start, para_end)
        if any(a.start < c_end and c_start < a.end for a in self.found):
            return None
        cue = fronted if fronted is not None else colon
        attribution = Attribution(
            content=[self.span(c_start, c_end)],
            cue=self.span(cue.idx, cue.idx + len(cue.text)),
            source=self.span(start, end),
            direct=False,
            speaker=actor if actor and actor.kind != "country" else None,
            rule="colon",
        )
        self.found.append(attribution)
        return attribution

    def _past_label(self, first: int) -> int:
        """ "EXCLUSIVE – Jo Lee: ...", "WATCH - Lee: ...": a label in capitals
        set off by a dash before a headline's name is no part of the name; the
        token after the dash, or ``first``."""
        for at, token in enumerate(self.doc[first : first + 3], first):
            if token.text in DASHES and at > first:
                return at + 1 if at + 1 < len(self.doc) else first
            if not (token.is_upper and token.is_alpha and len(token.text) > 1):
                return first
        return first

    def _roster(self, start: int, end: int) -> bool:
        """ "Iowa: Ann Lee, Bo Park, Cy Ortiz, ...": names in a list after a
        heading say nothing; a statement has more than names and commas."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return (
            span is not None
            and sum(t.text == "," for t in span) >= 2
            and all(
                t.pos_ in ("PROPN", "PUNCT", "CCONJ", "SPACE") or t.is_punct
                for t in span
            )
        )

    def _one_line(self, start: int, end: int) -> bool:
        """Whether the text from ``start`` to ``end`` is a headline's line: one
        short sentence of no one's quotation, whatever it reports inside."""
        inside = [a for a in self.found if a.start < end and start < a.end]
        return (
            len(self.text[start:end].split()) <= 25
            and self.doc[self.token_at(start)].sent.end_char >= end
            and all(start <= a.start and a.end <= end for a in inside)
            and not any(a.direct for a in inside)
        )


def _nickname_mark(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a quotation mark around a nickname inside a name
    (Ann "Annie" Park, Robert C. “Bobby” Scott): one capitalised word
    between marks, with a name word on each side."""
    marks = ('"', "“", "”")
    if doc[i].text not in marks:
        return False
    for nickname, other in ((i + 1, i + 2), (i - 1, i - 2)):
        before, after = min(i, other) - 1, max(i, other) + 1
        if before < 0 or after >= len(doc):
            continue
        if (
            doc[other].text in marks
            and doc[nickname].is_title
            and doc[nickname].is_alpha
            and doc[before].is_title
            and doc[after].is_title
        ):
            return True
    return False


def _reporting_form(word: str) -> bool:
    """Whether ``word`` is an inflected reporting verb ("praises", "vowed",
    "denies", "slammed"): a verb's ending taken off, not any letters, so that
    a noun of the same stem is none ("voters", "supporter", "adviser")."""
    if len(word) <= 4:
        return False
    stems = set()
    if word.endswith("s") and not word.endswith("ss"):
        stems.add(word[:-1])  # "praises"
    if word.endswith("es"):
        stems.add(word[:-2])  # "pushes"
    if word.endswith(("ies", "ied")):
        stems.add(word[:-3] + "y")  # "denies", "replied"
    if word.endswith("ed"):
        stems |= {word[:-2], word[:-1], word[:-3]}  # "vowed", "urged", "slammed"
    return bool(stems & HEADLINE_LEMMAS)


def _misread_name(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a surname the parser read as an adverb or the
    like (“...,” said Brightly, whose ...): a capitalised word, no noun, that
    ends the phrase (a comma or the sentence's end follows)."""
    if i + 1 >= len(doc):
        return False
    token = doc[i]
    return (
        token.pos_ in ("ADV", "ADJ", "VERB", "X", "INTJ")
        and NAME_WORD.match(token.text) is not None
        and (doc[i + 1].text in (",", ".") or doc[i + 1].is_space)
    )


def _reports_its_own(verb: Token) -> bool:
    """Whether ``verb`` has what it reports after it: an object that is not
    who hears it ("told reporters"), an infinitive, or the object of a
    preposition it reports with ("argued for the bill")."""
    lemma = lemma_of(verb)
    for child in verb.rights:
        if child.dep_ == "dobj" and not (lemma in HEARER_LEMMAS and holds_views(child)):
            return True
        if child.dep_ == "xcomp" or (
            child.dep_ == "prep" and (lemma, child.lower_) in PREP_LEMMAS
        ):
            return True
    return False
