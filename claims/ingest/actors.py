"""spaCy Doc -> ActorIndex: the people, organisations, government bodies, groups
and countries named in one article, each resolved to one canonical name.

Input: the parsed ``Doc`` of the article text. Output: an ``ActorIndex`` holding
``ActorCandidate`` rows (canonical name, kind, aliases, mention spans into the
text) and the look-ups attribution needs: which actor a source span names, and
the last person named before a position who can be "he" or "she" (by
honorific, title and given name, name_words), or the subject of the main verb
of that person's sentence.

Resolution stays within the article: "Mr Dowden" joins "Oliver Dowden",
"Sir Iain" joins "Iain Duncan Smith", job titles and honorifics are dropped,
and a peerage ("Lord Cameron") is kept as the name when no first name is known;
a surname used alone after the full name is a mention even where the NER saw
none, and an honorific or a given name tells "Mr Reyes" from Carla Reyes.
Pure: no ORM, settings or network.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from claims.ingest import entities
from claims.ingest.analysis import ActorCandidate, Span
from claims.ingest.entity_context.spans import tokens_of, tokens_where
from claims.ingest.name_matching import (
    CONNECTORS,
    acronym_letters,
    initials_match,
    inside_name,
    misspelt,
    name_key,
    one_letter_apart,
    org_heads,
    org_initials,
    same_person,
)
from claims.ingest.name_words import (
    FEMALE_GIVEN_NAMES,
    MALE_GIVEN_NAMES,
    NAME_PARTICLES,
    TITLE_WORDS,
)

HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof"}
PEERAGES = {"lord", "baroness", "lady"}
# What an honorific, a given name or a pronoun says of a person: "f" or "m".
GENDERED_HONORIFICS = {
    "mr": "m", "sir": "m", "lord": "m",
    "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "baroness": "f", "lady": "f",
}  # fmt: skip
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
# Nouns that say a person's gender when they are the person's title or
# apposition ("Congresswoman Ann Lee", "Ann Lee, the actress").
GENDERED_TITLES = {
    "chairwoman": "f", "congresswoman": "f", "spokeswoman": "f",
    "businesswoman": "f", "councilwoman": "f", "assemblywoman": "f",
    "actress": "f", "queen": "f", "princess": "f", "duchess": "f",
    "countess": "f", "wife": "f", "mother": "f", "daughter": "f", "sister": "f",
    "widow": "f", "grandmother": "f", "aunt": "f", "niece": "f", "woman": "f",
    "girlfriend": "f", "chairman": "m", "congressman": "m", "spokesman": "m",
    "businessman": "m", "councilman": "m", "assemblyman": "m", "king": "m",
    "prince": "m", "duke": "m", "husband": "m", "father": "m", "son": "m",
    "brother": "m", "widower": "m", "grandfather": "m", "uncle": "m",
    "nephew": "m", "man": "m", "boyfriend": "m",
}  # fmt: skip
_OTHER = {"f": "m", "m": "f"}

# An organisation is a government body when its name holds one of these words.
GOVERNMENT_WORDS = {
    "ministry", "department", "commission", "government", "agency", "parliament",
    "senate", "congress", "cabinet", "treasury", "bureau",
    "administration", "court", "tribunal", "assembly", "police", "army", "navy",
    "military", "council", "commons", "lords", "whitehall", "kremlin",
    "pentagon", "embassy", "consulate", "authority", "regulator", "inspectorate",
}  # fmt: skip
_NATIONAL_BODY = re.compile(
    r"\b(national|federal|state|royal)\b.*\b(centre|center|agency|service|office|"
    r"bureau|guard|institute|directorate)\b",
    re.IGNORECASE,
)
_OFFICE = re.compile(
    r"\b(home|foreign|cabinet|war|colonial|oval) office\b|^office (of|for) ", re.I
)
# Capitalised nouns that name a government body on their own ("the Government
# also stressed"); the NER model rarely tags them.
BARE_GOVERNMENT = {"Government", "Parliament", "Congress", "Cabinet", "Whitehall"}

# Words that mark an alphanumeric code as the name of a group ("the
# Beijing-linked APT31", "hackers known as FIN7").
_GROUP_CONTEXT = {
    "group", "groups", "hacker", "hackers", "hacking", "gang", "actor", "actors",
    "crew", "unit", "team", "linked", "affiliated", "backed", "sponsored",
    "collective", "cell", "operators", "ransomware", "cyber", "attackers",
    "known", "dubbed", "called",
}  # fmt: skip
_CODE = re.compile(r"^(?=.*\d)(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9]*(?:-\d+)?$")
_ACRONYM_PARENS = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,11})\s*\)")
_WORD = re.compile(r"\S+")

PRONOUNS_PERSON = {"he", "she", "him", "her"}
_ENT_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "country",
               "NORP": "group"}  # fmt: skip
_POSSESSIVE = ("’s", "'s", "’", "'")


@dataclass
class _Mention:
    start: int
    end: int
    kind: str  # person / organisation / country / group (government decided later)
    name: str
    honorific: str = ""  # "mr", "sir", "lord", ...
    acronym: str = ""  # "NCSC" for "National Cyber Security Centre (NCSC)"
    priority: int = 0  # rules win over the statistical NER
    actor: ActorCandidate | None = None
    sentence: int = 0  # where its sentence starts (persons only)
    # Persons only: 2 the subject of its sentence's main verb, 1 of another
    # clause, 0 none.
    subject: int = 0
    titled: str = ""  # persons only: "f" or "m" by a title (GENDERED_TITLES)


@dataclass
class ActorIndex:
    """The actors of one article and look-ups over their mentions."""

    actors: list[ActorCandidate] = field(default_factory=list)
    mentions: list[_Mention] = field(default_factory=list)
    # gender_of's answers by actor key: the index is complete once find_actors
    # returns, and every pronoun asks about the same few people.
    _genders: dict[str, str] = field(default_factory=dict, repr=False)

    def actor_at(self, start: int, end: int) -> ActorCandidate | None:
        """The actor with a mention overlapping [start, end); the last one wins,
        since a source phrase ends with its head ("a friend of Ann, Bob Ray")."""
        found = None
        for mention in self.mentions:
            if mention.start < end and start < mention.end and mention.actor:
                found = mention.actor
        return found

    def last_person_before(
        self, position: int, skip: Iterable[tuple[int, int]] = (), pronoun: str = ""
    ) -> ActorCandidate | None:
        """The person named last before ``position``, outside the ``skip`` ranges
        (quotations: a name quoted is rarely the "he" of the next sentence),
        who can be the ``pronoun`` ("he" is not "Alicia Kearns" nor "Mrs
        Lee"; gender_of). None when every person named before is ruled out:
        better no speaker than the wrong one."""
        ranges = list(skip)
        wanted = PRONOUN_GENDER.get(pronoun.lower(), "")
        # The mentions are in text order (find_actors sorts them): walk back
        # from the last one before ``position``.
        before = bisect.bisect_left(self.mentions, position, key=lambda m: m.start)
        for mention in reversed(self.mentions[:before]):
            if mention.kind != "person" or mention.actor is None:
                continue
            if any(s <= mention.start < e for s, e in ranges):
                continue
            if wanted and self.gender_of(mention.actor) not in ("", wanted):
                continue
            return self._subject_beside(mention, ranges, wanted).actor
        return None

    def _subject_beside(
        self, last: _Mention, skip: list[tuple[int, int]], wanted: str
    ) -> _Mention:
        """The person a pronoun takes up among those of the sentence that
        names ``last`` who can be the pronoun: the subject of its main verb,
        else its first subject, else ``last`` ("Chris Cash was linked with Mr
        Tugendhat. He has denied it.": Chris Cash, as readers take it). The
        main verb's before the others: "Ann Lee recalled that Bob Ray was
        ...", "Bob Ray did it, Ann Lee said" (Ann Lee)."""
        found = [
            mention
            for mention in self.mentions
            if last.sentence <= mention.start <= last.start
            and mention.subject
            and mention.kind == "person"
            and mention.actor is not None
            and not any(s <= mention.start < e for s, e in skip)
            and (not wanted or self.gender_of(mention.actor) in ("", wanted))
        ]
        if not found:
            return last
        return max(found, key=lambda mention: (mention.subject, -mention.start))

    def gender_of(self, actor: ActorCandidate) -> str:
        """ "f" or "m" when the honorifics and titles the article gives the
        person ("Mrs", "Sir", "the actress") and their given name ("Alicia",
        "Oliver": name_words) agree on it, else "" (unknown: "Chris", "Jo
        Lee", or "Mr" beside a woman's name)."""
        if actor.key not in self._genders:
            said = _genders_said(actor, self.mentions)
            self._genders[actor.key] = said.pop() if len(said) == 1 else ""
        return self._genders[actor.key]

    def by_key(self, key: str) -> ActorCandidate | None:
        return next((a for a in self.actors if a.key == key), None)


def _genders_said(actor: ActorCandidate, mentions: list[_Mention]) -> set[str]:
    """What the honorifics and titles of ``actor``'s mentions and its given
    names say of its gender: {}, {"f"}, {"m"} or both."""
    said = {
        GENDERED_HONORIFICS.get(m.honorific) or m.titled
        for m in mentions
        if m.actor is actor
    }
    said.update(given_name_gender(name) for name in (actor.name, *actor.aliases))
    said.discard("")
    return said


def given_name_gender(name: str) -> str:
    """ "f" or "m" when a full name starts with a given name of one gender
    ("Alicia Kearns", name_words), else ""."""
    words = name.lower().split()
    if len(words) < 2:
        return ""
    if words[0] in FEMALE_GIVEN_NAMES:
        return "f"
    return "m" if words[0] in MALE_GIVEN_NAMES else ""


def find_actors(doc: Doc) -> ActorIndex:
    """Collect, clean, type and resolve the actors named in ``doc``."""
    text = entities.doc_text(doc)
    candidates = (
        _acronym_mentions(text)
        + _honorific_mentions(doc)
        + _code_mentions(doc)
        + _bare_government_mentions(doc)
        + _entity_mentions(doc)
    )
    mentions = _without_overlaps(candidates)
    mentions = _add_acronym_uses(doc, mentions)
    mentions = _add_surname_uses(doc, mentions)
    index = ActorIndex(mentions=mentions)
    _resolve(index, text, entities.lower_case_words(doc))
    _place_persons(doc, index.mentions)
    return index


def _place_persons(doc: Doc, mentions: list[_Mention]) -> None:
    """Mark where each person's sentence starts and whether they are the subject
    of its main verb or of another clause ("Ann Lee said", "Ann Lee, 28, was
    charged"): what a pronoun after it most likely takes up."""
    if not doc.has_annotation("DEP"):
        return
    for mention in mentions:
        if mention.kind != "person":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        mention.sentence = span.sent.start_char
        root = span.root
        mention.titled = _title_gender(root, span)
        if root.dep_ in ("nsubj", "nsubjpass"):
            verb = root.head
            while verb.dep_ == "conj" and verb.head.i != verb.i:
                verb = verb.head  # "was linked with X and was employed by Y"
            mention.subject = 2 if verb.i == span.sent.root.i else 1


def _title_gender(root: Token, span: TokenSpan) -> str:
    """The gender a title beside a name says: just before it ("Congresswoman
    Ann Lee", "actress Ann Lee"), in apposition to it ("Ann Lee, chairwoman of
    ...") or it in apposition to the title ("the actress, Ann Lee"). Not a
    possessor's noun: "Ann Lee's son" says nothing of Ann Lee."""
    doc = root.doc
    if (
        root.dep_ == "poss"
        or any(child.dep_ == "case" for child in root.children)
        or (span.end < len(doc) and doc[span.end].text in _POSSESSIVE)
    ):
        return ""
    words = [child for child in root.children if child.dep_ == "appos"]
    if span.start > 0:
        words.append(doc[span.start - 1])
    if root.dep_ == "appos":
        words.append(root.head)
    found = {GENDERED_TITLES.get(w.lower_, "") for w in words} - {""}
    return found.pop() if len(found) == 1 else ""


# -- mention finders ---------------------------------------------------------


def _entity_mentions(doc: Doc) -> list[_Mention]:
    text = entities.doc_text(doc)
    lower_words = entities.lower_case_words(doc)
    found = []
    for start_i, end_i, label in entities.corrected(doc):
        kind = _ENT_LABELS.get(label)
        if kind is None:
            continue
        tokens = _trim_tokens(list(doc[start_i:end_i]))
        if not tokens:
            continue
        if kind == "person":
            mention = _person_from_tokens(doc, tokens, text)
        else:
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            name = text[start:end]
            if not any(c.isupper() for c in name):
                continue
            if kind == "organisation" and not entities.is_plausible_org(
                tokens, name, lower_words
            ):
                continue
            mention = _Mention(start, end, kind, name)
        if mention is not None:
            found.append(mention)
    return found


def _trim_tokens(tokens: list[Token]) -> list[Token]:
    """Drop a leading "the", a trailing possessive and edge punctuation."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].is_punct
        or tokens[-1].is_space
        or tokens[-1].text in _POSSESSIVE
        or (len(tokens) > 1 and tokens[-1].lower_ in entities.CAPTION_WORDS)
    ):
        tokens = tokens[:-1]
    return tokens


def _is_name_word(word: str) -> bool:
    if word[:1].isupper() and any(c.isalpha() for c in word):
        return True
    # "al-Assad", "bin-Salman": a lower-case particle joined to a name.
    head, _, rest = word.partition("-")
    return head in NAME_PARTICLES and rest[:1].isupper()


def _person_from_tokens(
    doc: Doc, tokens: list[Token], text: str | None = None
) -> _Mention | None:
    """The trailing run of capitalised non-title words is the name; an honorific
    or peerage right before it (inside or just outside the entity) is kept."""
    text = entities.doc_text(doc) if text is None else text
    span_start, span_end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    # Whitespace words, so "Kwok Ka-ki" keeps its hyphenated given name.
    words = [
        (m.start(), m.end(), m.group())
        for m in _WORD.finditer(text, span_start, span_end)
    ]
    run: list[tuple[int, int, str]] = []
    honorific = ""
    for start, end, word in reversed(words):
        lower = word.lower().rstrip(".")
        if lower in HONORIFICS or lower in PEERAGES:
            honorific = lower if run else ""
            break
        if lower in TITLE_WORDS:
            break
        if _is_name_word(word) or (run and lower in NAME_PARTICLES):
            acronym = word.isupper() and len(word) > 1 and word.isalpha()
            initials = len(word) == 2 and len(run) == 1  # "AS Byatt"
            if acronym and run and not initials:
                break  # "SNP MP Stewart McDonald": an acronym before the name
            run.insert(0, (start, end, word))
        else:
            break
    while run and run[0][2].lower() in NAME_PARTICLES:
        run = run[1:]
    if not run:
        return None
    start, end = run[0][0], run[-1][1]
    if honorific:
        start = words[words.index(run[0]) - 1][0]
    elif len(run) == len(words) and tokens[0].i > 0:
        before = doc[tokens[0].i - 1]
        lower = before.lower_.rstrip(".")
        if lower in HONORIFICS or lower in PEERAGES:
            honorific, start = lower, before.idx
    name = " ".join(word for _, _, word in run)
    return _Mention(start, end, "person", name, honorific=honorific)


def _honorific_mentions(doc: Doc) -> list[_Mention]:
    """ "Mr Loughton", "Sir Iain", "Lord Cameron": the NER often mistypes these."""
    text = entities.doc_text(doc)
    titles = HONORIFICS | PEERAGES
    found = []
    for token in tokens_where(doc, LOWER, lambda lower: lower.rstrip(".") in titles):
        if token.i == len(doc) - 1 or not token.text[:1].isupper():
            continue
        run = []
        for follower in doc[token.i + 1 : token.i + 5]:
            if _is_name_word(follower.text) and not follower.is_sent_start:
                if follower.lower_ in TITLE_WORDS and not run:
                    break
                run.append(follower)
            else:
                break
        if run:
            mention = _person_from_tokens(doc, [token, *run], text)
            if mention is not None:
                mention.priority = 2
                found.append(mention)
    return found


def _acronym_mentions(text: str) -> list[_Mention]:
    """ "National Cyber Security Centre (NCSC)": the capitalised words before a
    parenthesised acronym whose initials it abbreviates name an organisation."""
    found = []
    for match in _ACRONYM_PARENS.finditer(text):
        acronym = match.group(1)
        if sum(c.isupper() for c in acronym) < 2:
            continue
        window_start = max(0, match.start() - 200)
        words = list(_WORD.finditer(text, window_start, match.start()))[-12:]
        # Walk back over capitalised words and the connectors between them.
        chosen: list[re.Match[str]] = []
        for word in reversed(words):
            token = word.group().strip(",;:")
            if token != word.group() and chosen:
                break  # punctuation ends the name
            # "Partito 9 Ponti (P9P)": a number inside the name.
            inside = chosen and (token in CONNECTORS or token.isdigit())
            if token[:1].isupper() or inside:
                chosen.insert(0, word)
            else:
                break
        # Pick the longest start whose initials spell out the acronym.
        best = None
        for i, word in enumerate(chosen):
            if not word.group()[:1].isupper() or word.group() == "The":
                continue
            if initials_match(
                [w.group() for w in chosen[i:] if w.group() not in CONNECTORS],
                acronym,
            ):
                best = i
                break
        if best is None:
            continue
        start = chosen[best].start()
        end = chosen[-1].end()
        name = text[start:end]
        acr_start = match.start(1)
        found.append(_Mention(start, end, "organisation", name, acronym=acronym,
                              priority=3))  # fmt: skip
        found.append(
            _Mention(
                acr_start, acr_start + len(acronym), "organisation", acronym, priority=3
            )
        )
    return found


def _code_mentions(doc: Doc) -> list[_Mention]:
    """Alphanumeric codes such as hacker group names next to words like
    "group", "hackers" or "linked"."""
    found = []
    for token in tokens_where(doc, ORTH, _CODE.match):
        window = doc[max(0, token.i - 4) : token.i + 5]
        if any(t.lower_ in _GROUP_CONTEXT or t.lemma_ in _GROUP_CONTEXT
               for t in window if t.i != token.i):  # fmt: skip
            end = token.idx + len(token.text)
            found.append(
                _Mention(token.idx, end, "organisation", token.text, priority=1)
            )
    return found


def _bare_government_mentions(doc: Doc) -> list[_Mention]:
    found = []
    for token in tokens_of(doc, {word.lower() for word in BARE_GOVERNMENT}):
        if token.text in BARE_GOVERNMENT and not token.ent_type_:
            end = token.idx + len(token.text)
            found.append(_Mention(token.idx, end, "organisation", token.text))
    return found


def _without_overlaps(candidates: list[_Mention]) -> list[_Mention]:
    """The candidates by priority, then length, each kept unless it overlaps
    one kept before it; in text order."""
    chosen: list[_Mention] = []
    # The chosen ranges, sorted: as no two overlap, their ends are in order
    # too, so of those that start before a mention ends, the last reaches
    # furthest, and the mention overlaps one of them only if it overlaps that.
    taken: list[tuple[int, int]] = []
    ordered = sorted(candidates, key=lambda m: (-m.priority, -(m.end - m.start)))
    for mention in ordered:
        before = bisect.bisect_left(taken, (mention.end,))
        if before and taken[before - 1][1] > mention.start:
            continue
        bisect.insort(taken, (mention.start, mention.end))
        chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


def _add_acronym_uses(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Every later use of an acronym defined in parentheses is a mention."""
    acronyms = {m.acronym for m in mentions if m.acronym}
    if not acronyms:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for token in tokens_of(doc, {acronym.lower() for acronym in acronyms}):
        word = token.text
        if word not in acronyms:
            continue
        start, end = token.idx, token.idx + len(word)
        if not any(s < end and start < e for s, e in taken):
            extra.append(_Mention(start, end, "organisation", word))
    return sorted(mentions + extra, key=lambda m: m.start)


def _add_surname_uses(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """A later use of a surname the article gave a person in full is a mention
    of that person where the NER saw none ("Jamal Simmons is a consultant.
    Simmons, an Obama supporter, said ..."): a proper noun on its own, not
    part of another name ("Simmons College", "Russell Simmons")."""
    surnames = {
        m.name.split()[-1]
        for m in mentions
        if m.kind == "person" and " " in m.name and m.name.split()[-1][:1].isupper()
    }
    if not surnames:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for token in tokens_of(doc, {surname.lower() for surname in surnames}):
        if token.text not in surnames or token.pos_ != "PROPN" or token.ent_type_:
            continue
        if any(
            0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()
            for i in (token.i - 1, token.i + 1)
        ):
            continue
        start, end = token.idx, token.idx + len(token.text)
        if not any(s < end and start < e for s, e in taken):
            extra.append(_Mention(start, end, "person", token.text))
    return sorted(mentions + extra, key=lambda m: m.start)


# -- resolution --------------------------------------------------------------


def _resolve(index: ActorIndex, text: str, lower_words: set[str]) -> None:
    actors: list[ActorCandidate] = []

    def new_actor(name: str, kind: str) -> ActorCandidate:
        actor = ActorCandidate(key=f"a{len(actors) + 1}", name=name, kind=kind)
        actors.append(actor)
        return actor

    persons = [m for m in index.mentions if m.kind == "person"]
    _resolve_persons(persons, new_actor)
    titled = {m.actor.key for m in persons if m.actor is not None and m.honorific}
    for mention in persons:
        actor = mention.actor
        if actor is None or actor.key in titled:
            continue
        # "Water", "Photographs": a common noun the NER took for a name, since
        # the article also uses it in lower case.
        if " " not in actor.name and actor.name.lower() in lower_words:
            mention.actor = None

    surnames: dict[str, ActorCandidate] = {}
    for mention in persons:
        if mention.actor is not None and " " in mention.actor.name:
            surnames.setdefault(mention.actor.name.split()[-1], mention.actor)
    by_name: dict[tuple[str, str], ActorCandidate] = {}
    by_acronym: dict[str, ActorCandidate] = {}
    for mention in index.mentions:
        if mention.kind == "person":
            continue
        if mention.priority == 0 and mention.name in surnames:
            # The NER typed a surname ("Boswell said") as an organisation.
            mention.kind, mention.actor = "person", surnames[mention.name]
            continue
        kind = mention.kind
        if kind == "organisation" and is_government(mention.name):
            kind = "government"
        family = "org" if kind in ("organisation", "government") else kind
        actor = by_acronym.get(mention.name) if family == "org" else None
        key = (family, name_key(mention.name))
        if actor is None:
            actor = by_name.get(key)
        if actor is None and family == "org" and " " not in mention.name:
            actor = _org_by_last_word(mention.name, by_name)
        if actor is None:
            actor = new_actor(mention.name, kind)
            by_name[key] = actor
        if mention.acronym:
            by_acronym[mention.acronym] = actor
        mention.actor = actor

    _merge_org_variants(index.mentions)
    for mention in index.mentions:
        if mention.actor is None:
            continue
        written = text[mention.start : mention.end]
        mention.actor.mentions.append(Span(mention.start, mention.end, written))
        if written != mention.actor.name and written not in mention.actor.aliases:
            mention.actor.aliases.append(written)
    # Keys follow the order of first mention, so output is stable and readable.
    actors.sort(key=lambda a: a.mentions[0].start if a.mentions else len(text))
    for number, actor in enumerate(actors, 1):
        actor.key = f"a{number}"
    index.actors = [a for a in actors if a.mentions]


def _merge_org_variants(mentions: list[_Mention]) -> None:
    """Join an organisation's shorter forms to its fullest name: an acronym
    ("UNHCR", "U.N."), a one-word head ("the Commission"), or a name inside
    a longer one ("Home Office" in "United Kingdom Home Office"). A short form
    that fits several full names stays apart."""
    orgs: dict[str, ActorCandidate] = {}
    for mention in mentions:
        actor = mention.actor
        if actor is not None and actor.kind in ("organisation", "government"):
            orgs.setdefault(actor.key, actor)
    full = [a for a in orgs.values() if " " in a.name]
    target: dict[str, ActorCandidate] = {}
    for actor in orgs.values():
        words = name_key(actor.name).split()
        letters = acronym_letters(actor.name)
        if letters:
            fits = [a for a in full if org_initials(a.name) == letters]
        elif len(words) == 1:
            fits = [a for a in full if words[0] in org_heads(a.name)]
        else:
            fits = [a for a in full if inside_name(words, name_key(a.name).split())]
            fits = fits or [  # "Untied Rail" after "United Rail"
                a for a in full if _order(a) < _order(actor) and misspelt(words, a.name)
            ]
        fits = [a for a in fits if a is not actor]
        if len(fits) == 1:
            target[actor.key] = fits[0]
    for mention in mentions:
        actor = mention.actor
        seen = set()
        while actor is not None and actor.key in target and actor.key not in seen:
            seen.add(actor.key)
            actor = target[actor.key]
        mention.actor = actor


def _org_by_last_word(
    word: str, by_name: dict[tuple[str, str], ActorCandidate]
) -> ActorCandidate | None:
    """ "the Commission" after "the Electoral Commission": one candidate only."""
    matches = {
        actor.key: actor
        for (family, name), actor in by_name.items()
        if family == "org" and " " in name and name.split()[-1] == word.lower()
    }
    return next(iter(matches.values())) if len(matches) == 1 else None


def _resolve_persons(
    persons: list[_Mention], new_actor: Callable[[str, str], ActorCandidate]
) -> None:
    """Full names become actors; shorter forms join the full name they abbreviate."""
    full: list[tuple[list[str], ActorCandidate]] = []
    surnames: dict[str, set[str]] = {}
    for m in persons:
        if " " in m.name:
            surnames.setdefault(m.name.split()[-1], set()).add(m.name)
    # Longest names first, so "Duncan Smith" can join "Iain Duncan Smith".
    for mention in sorted(persons, key=lambda m: -len(m.name.split())):
        words = mention.name.split()
        if len(words) < 2:
            continue
        if (
            len(words) == 2
            and "-" not in words[1]  # "Lee Ka-ming" beside "Ann Lee"
            and surnames.get(words[0], set()) - {mention.name}
            and surnames.get(words[1]) == {mention.name}
        ):
            continue  # "the Lee Polaroids": a thing named after Ann Lee
        for known, actor in full:
            if same_person(words, known):
                mention.actor = actor
                break
        else:
            actor = new_actor(mention.name, "person")
            full.append((words, actor))
            mention.actor = actor

    short_actors: dict[str, ActorCandidate] = {}
    for position, mention in enumerate(persons):
        if mention.actor is not None or " " in mention.name:
            continue
        word = mention.name
        by_first = [a for known, a in full if known[0] == word]
        by_last = [a for known, a in full if known[-1] == word] or [
            a for known, a in full if one_letter_apart(known[-1], word)
        ]  # "Brannon" for "Brannan"
        said = GENDERED_HONORIFICS.get(mention.honorific, "")
        if said:
            # "Mr Trump" is not Ivana Trump, "Mrs Clinton" not Bill Clinton, nor
            # the Trump an earlier "Mrs Trump" was.
            by_first = [a for a in by_first if _can_be(a, said, persons)]
            by_last = [a for a in by_last if _can_be(a, said, persons)]
        if mention.honorific in ("sir", "dame"):
            # British usage: "Sir Iain" is Sir Iain Duncan Smith.
            candidates = by_first or by_last
        elif mention.honorific in PEERAGES:
            candidates = []  # "Lord Cameron" is the peer's name as used
        else:
            candidates = by_last or by_first
        if candidates:
            mention.actor = _nearest(candidates, persons, position)
            continue
        name = word
        if mention.honorific in PEERAGES:
            name = f"{mention.honorific.capitalize()} {word}"
        key = name.lower()
        if key not in short_actors:
            short_actors[key] = new_actor(name, "person")
        mention.actor = short_actors[key]
    # A bare surname seen before its peerage form ("Cameron", then "Lord
    # Cameron") is the same person.
    for mention in persons:
        actor = mention.actor
        if actor is None or " " in actor.name:
            continue
        for peer in short_actors.values():
            if peer.name.split()[0].lower() in PEERAGES and peer.name.endswith(
                " " + actor.name
            ):
                mention.actor = peer


def _can_be(actor: ActorCandidate, gender: str, persons: list[_Mention]) -> bool:
    """Whether nothing known of ``actor`` so far, its given name or an honorific
    one of its mentions bears, says it is of the other gender."""
    return _OTHER[gender] not in _genders_said(actor, persons)


def _order(actor: ActorCandidate) -> int:
    return int(actor.key[1:])  # keys are "a1", "a2", ... in order of creation


def _nearest(
    candidates: list[ActorCandidate], persons: list[_Mention], position: int
) -> ActorCandidate:
    """The candidate mentioned last before ``position``, else the first one."""
    keys = {a.key for a in candidates}
    for mention in reversed(persons[:position]):
        if mention.actor is not None and mention.actor.key in keys:
            return mention.actor
    return candidates[0]


def is_government(name: str) -> bool:
    """Whether an organisation's name marks it as a government body."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
    return bool(
        words & GOVERNMENT_WORDS or _NATIONAL_BODY.search(name) or _OFFICE.search(name)
    )
