"""Entities + context -> organisations the small model missed, cut short or
mistyped.

An acronym or party after "Ann Lee of"; a name classified by a noun ("the
company Acme", "the Sea Watch group", "such bands as ..."); a body before its
founder; a platform people post "on"; a country playing a match (its team);
the holder of an event ("the FISA World Cup"); what people join; bodies in a
list of bodies. A ship's name is none.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Span

from claims.ingest.entity_context.spans import (
    CONJ,
    conjuncts,
    is_acronym,
    is_capitalised,
    put,
    run_end,
    token_owners,
    tokens_of,
)
from claims.ingest.name_words import ORG_HEADS, ORG_NOUNS, ORG_ROLES, TITLE_WORDS

_DETERMINERS = {"the", "its", "their", "his", "her", "a", "an", "our"}
# A country that does these is a team ("Sweden defeated Korea 1 - 0").
_MATCH_VERBS = {"defeat", "beat", "thrash", "outplay", "concede", "equalise",
                "equalize", "overcome", "eliminate"}  # fmt: skip
# ... and these, in a sentence that gives a score or speaks of a match.
_RESULT_VERBS = {"win", "lose", "draw", "face", "play", "score", "lead", "start"}
# Kinds of organisation named in the plural before their names.
_INSTITUTIONS = {"school", "university", "college", "hospital", "club", "team"}
_PLURAL_HEADS = {"departments", "ministries", "agencies", "councils", "committees",
                 "commissions", "universities", "parties"}  # fmt: skip
_EVENTS = {"cup", "championship", "championships", "finals", "games", "league"}
_VESSELS = {"ship", "vessel", "yacht", "boat", "liner", "ferry", "tanker"}
# Last words of place names ("Lee Heights"), never of a body's.
_PLACE_TAILS = {"heights", "springs", "city", "county", "hills", "park", "valley",
                "beach", "island", "islands", "bay", "falls", "lake", "river",
                "north", "south", "east", "west", "town", "village"}  # fmt: skip
_SCORE = re.compile(r"\b\d{1,2}\s*[-–—]\s*\d{1,2}\b")
_MATCH_WORDS = {"match", "goal", "goals", "game", "penalty", "half", "minute"}


def after_person_of(doc: Doc, ents: list[list]) -> list[list]:
    """ "Ann Lee of ABC", "Ann Lee of the Neo Greens", "Ann Lee of Lima Lima":
    an untagged acronym, or a run of capitalised words that the model left
    untagged or took in part for a place or nationality, names the person's
    party, band or employer."""
    for _start, end, label in list(ents):
        if label != "PERSON" or end + 1 >= len(doc):
            continue
        if doc[end].lower_ not in ("of", "from"):
            continue
        first = end + 1
        has_the = doc[first].lower_ == "the"
        first += has_the
        if first >= len(doc):
            continue
        owners = token_owners(ents)
        token = doc[first]
        if first not in owners and is_acronym(token) and not token.is_sent_start:
            ents = put(ents, first, first + 1, "ORG")
            continue
        last = run_end(doc, first)
        if last == first:
            continue
        labels = {owners[i][2] for i in range(first, last) if i in owners}
        if doc[last - 1].pos_ not in ("PROPN", "NOUN") or _list_goes_on(doc, last):
            continue  # "of the Mining, Energy and Water constituency"
        if any(owners[i][1] > last for i in range(first, last) if i in owners):
            continue
        if last < len(doc) and doc[last].is_lower and doc[last].pos_ == "NOUN":
            continue  # "from the Lee Potter series": a modifier, not a name
        untagged = [doc[i] for i in range(first, last) if i not in owners]
        if (has_the and labels <= {"NORP"}) or (
            last - first >= 2
            and doc[end].lower_ == "of"
            and labels <= {"GPE", "NORP"}
            and untagged
            and not any(t.lower_ in _PLACE_TAILS for t in untagged)
        ):
            ents = put(ents, first, last, "ORG")
    return ents


def _list_goes_on(doc: Doc, end: int) -> bool:
    return end + 1 < len(doc) and doc[end].text == "," and is_capitalised(doc[end + 1])


def _plausible_run(
    doc: Doc, start: int, end: int, ents: list[list], lower_words: set[str]
) -> bool:
    """Whether capitalised words [start, end) can be an organisation named by
    the noun beside them: not a person, a place or a nationality as tagged,
    not a title, and not a common noun capitalised."""
    if end <= start or end - start > 5:
        return False
    words = doc[start:end]
    if words[0].lower_ in TITLE_WORDS or words[0].is_sent_start:
        return False
    if end - start == 1 and words[0].lower_ in lower_words:
        return False
    owners = token_owners(ents)
    for i in range(start, end):
        owner = owners.get(i)
        if owner is None:
            continue
        if owner[2] == "PERSON" or owner[0] < start or owner[1] > end:
            return False
        if (owner[0], owner[1]) == (start, end) and owner[2] in ("GPE", "NORP"):
            return False  # "the Texas company", "the Chinese firm"
    return True


def classified_by_noun(doc: Doc, ents: list[list], lower_words: set[str]) -> list[list]:
    """ "the company Hexa Labs", "a group called the Sea Watch", "the Sea Watch
    group": a name beside a noun that classifies organisations."""
    for token in tokens_of(doc, ORG_NOUNS):
        if token.lower_ not in ORG_NOUNS or not token.is_lower or token.pos_ != "NOUN":
            continue
        # After the noun: "the company Hexa Labs", "a group called the Sea Watch".
        first = token.i + 1
        if first < len(doc) and doc[first].lower_ in ("called", "named"):
            first += 1
        if first < len(doc) and doc[first].lower_ == "the":
            first += 1
        last = run_end(doc, first) if first < len(doc) else first
        if last > first and _plausible_run(doc, first, last, ents, lower_words):
            ents = put(ents, first, last, "ORG")
            continue
        # Before it: "the Sea Watch group", "its Hexa Labs company".
        first = token.i
        while first > 0 and token.i - first < 4 and is_capitalised(doc[first - 1]):
            first -= 1
        if (
            first < token.i
            and first > 0
            and doc[first - 1].lower_ in _DETERMINERS
            and _plausible_run(doc, first, token.i, ents, lower_words)
        ):
            ents = put(ents, first, token.i, "ORG")
    return ents


def before_roles(doc: Doc, ents: list[list], lower_words: set[str]) -> list[list]:
    """ "Hexa founder Ann Lee", "Hexa co-founder Ann Lee": the capitalised word
    before a role that precedes a person names the body."""
    for start, _end, label in list(ents):
        if label != "PERSON" or start < 2:
            continue
        role = start - 1
        if doc[role].lower_ not in ORG_ROLES:
            continue
        if doc[role].lower_ == "founder" and doc[role - 1].text == "-" and role >= 3:
            role -= 2  # "co", "-", "founder"
        name = doc[role - 1]
        owner = token_owners(ents).get(name.i)
        if not (is_capitalised(name) or is_acronym(name)):
            continue
        if name.lower_ in TITLE_WORDS or name.lower_ in lower_words:
            continue
        if owner is None or (owner[2] == "PERSON" and owner[1] - owner[0] == 1):
            ents = put(ents, name.i, name.i + 1, "ORG")
    return ents


def platforms(doc: Doc, ents: list[list]) -> list[list]:
    """A one-word "person" that people post "on" or reach "via" ("posted on
    Quillr"), and that no full name in the article ends or starts with, is a
    platform: an organisation."""
    full_name_words = {
        doc[i].lower_
        for start, end, label in ents
        if label == "PERSON" and end - start > 1
        for i in range(start, end)
    }
    platforms = set()
    for start, end, label in ents:
        if label != "PERSON" or end - start != 1 or start == 0:
            continue
        token = doc[start]
        posted_on = doc[start - 1].lower_ in ("on", "via") and token.dep_ == "pobj"
        if (posted_on or _former_name_of_platform(doc, start)) and (
            token.lower_ not in full_name_words
        ):
            platforms.add(token.lower_)
    for ent in ents:
        one_word = ent[1] - ent[0] == 1
        if ent[2] == "PERSON" and one_word and doc[ent[0]].lower_ in platforms:
            ent[2] = "ORG"
    return ents


def _former_name_of_platform(doc: Doc, start: int) -> bool:
    """ "a message on Xo, formerly Quillr": the old name of a platform."""
    return (
        start >= 4
        and doc[start - 1].lower_ in ("formerly", "previously")
        and doc[start - 2].text == ","
        and doc[start - 4].lower_ in ("on", "via")
    )


def peoples_in_lists(doc: Doc, ents: list[list]) -> list[list]:
    """ "Kurds and Yazidis", "Uighurs and Tibetans": a one-word plural name
    tagged as a person or an organisation, listed with a people (NORP), is a
    people too."""
    peoples = {ent[1] - 1 for ent in ents if ent[2] == "NORP"}
    for ent in ents:
        if ent[2] not in ("PERSON", "ORG") or ent[1] - ent[0] != 1:
            continue
        token = doc[ent[0]]
        if token.tag_ not in ("NNPS", "NNP") or not token.lower_.endswith("s"):
            continue
        if token.tag_ == "NNP" and token.lower_.endswith("ss"):
            continue  # "Congress", "Express": not a plural
        if any(m.i in peoples for m in conjuncts(token) if m != token):
            ent[2] = "NORP"
    return ents


def teams(doc: Doc, ents: list[list]) -> list[list]:
    """In a match report (three or more such mentions), a country that defeats,
    or wins or loses a match against, another is its national team: an
    organisation, in every mention."""
    teams: list[str] = []
    for start, end, label in ents:
        if label != "GPE":
            continue
        head = doc[end - 1]
        verb = head.head
        if head.dep_ not in ("nsubj", "dobj") and not (
            head.dep_ == "pobj" and head.head.lower_ == "against"
        ):
            continue
        if head.dep_ == "pobj":
            verb = head.head.head
        if verb.lemma_ in _MATCH_VERBS or (
            verb.lemma_ in _RESULT_VERBS and _speaks_of_a_match(verb.sent)
        ):
            teams.append(doc[start:end].text)
    if len(teams) < 3:
        return ents  # one match in passing, not a match report
    for ent in ents:
        if ent[2] == "GPE" and doc[ent[0] : ent[1]].text in teams:
            ent[2] = "ORG"
    return ents


def _speaks_of_a_match(sent: Span) -> bool:
    words = {t.lower_ for t in sent}
    return bool(words & _MATCH_WORDS or _SCORE.search(sent.text))


def cut_before_head(doc: Doc, ents: list[list]) -> list[list]:
    """ "Star Pilot" + "Society of Norland": an organisation tagged from its head
    word ("Society", "Council") on, after capitalised words left untagged."""
    owners = token_owners(ents)
    for ent in ents:
        start = ent[0]
        if ent[2] != "ORG" or doc[start].lower_ not in ORG_HEADS:
            continue
        first = start
        while (
            first > 0
            and start - first < 3
            and first - 1 not in owners
            and doc[first - 1].is_title
            and doc[first - 1].pos_ == "PROPN"  # not "If", "The"
            and not doc[first - 1].is_sent_start
        ):
            first -= 1
        ent[0] = first
    return ents


def named_as_examples(doc: Doc, ents: list[list], lower_words: set[str]) -> list[list]:
    """ "such bands as the Velvet Lanes", "firms such as Hexa": the example of
    a kind of organisation is one."""
    for token in tokens_of(doc, {"as"}):
        if token.lower_ != "as" or token.i < 2 or token.i + 1 >= len(doc):
            continue
        window = doc[max(0, token.i - 4) : token.i]
        if not any(t.lower_ == "such" for t in window):
            continue
        if not any(t.tag_ == "NNS" and t.lemma_ in ORG_NOUNS for t in window):
            continue
        first = token.i + 1 + (doc[token.i + 1].lower_ == "the")
        last = run_end(doc, first) if first < len(doc) else first
        if last > first and _plausible_run(doc, first, last, ents, lower_words):
            ents = put(ents, first, last, "ORG")
    return ents


def split_after_plurals(doc: Doc, ents: list[list]) -> list[list]:
    """ "the schools Santa Rosa and Villa Nova": after a plural noun for
    organisations, a name joined by "and" is two organisations."""
    for ent in list(ents):
        start, end, label = ent
        if label != "ORG" or start == 0:
            continue
        before = doc[start - 1]
        if before.tag_ != "NNS" or before.lemma_ not in ORG_NOUNS | _INSTITUTIONS:
            continue
        cut = next((t.i for t in doc[start + 1 : end - 1] if t.lower_ == "and"), None)
        if cut is not None and is_capitalised(doc[cut + 1]):
            ents = [e for e in ents if e is not ent]
            ents += [[start, cut, "ORG"], [cut + 1, end, "ORG"]]
    return ents


def in_lists(doc: Doc, ents: list[list]) -> list[list]:
    """ "Hexa Labs, the Acme Group and Zeta Ravens": capitalised words left
    untagged in a list with two or more organisations are one too."""
    owners = token_owners(ents)
    org_heads = {ent[1] - 1 for ent in ents if ent[2] == "ORG"}
    for token in tokens_of(doc, {CONJ}):
        if token.i in owners or not token.is_title or token.is_sent_start:
            continue
        if token.ent_type_:  # a work or a product the model recognised
            continue
        members = [m for m in conjuncts(token) if m != token]
        if sum(m.i in org_heads for m in members) < 2:
            continue
        start = token.i
        while (
            start > 0
            and doc[start - 1].is_title
            and doc[start - 1].head.i == token.i
            and doc[start - 1].lower_ != "the"
            and start - 1 not in owners
        ):
            start -= 1
        ents = put(ents, start, token.i + 1, "ORG")
        owners = token_owners(ents)
    return ents


def joined_to_generic_bodies(
    doc: Doc, ents: list[list], lower_words: set[str]
) -> list[list]:
    """ "the Lee Museum and Art Gallery": a body named only with common nouns,
    joined by "and" to a named one, is part of its name."""
    ordered = sorted(ents)
    for left, right in itertools.pairwise(ordered):
        if left[2] != "ORG" or right[0] != left[1] + 1 or doc[left[1]].lower_ != "and":
            continue
        words = doc[right[0] : right[1]]
        if right[2] not in ("ORG", "PERSON") or words[-1].lower_ not in ORG_HEADS:
            continue
        if all(w.lower_ in lower_words for w in words):
            ents = [e for e in ents if e is not left and e is not right]
            ents.append([left[0], right[1], "ORG"])
    return ents


def makers_of_events(doc: Doc, ents: list[list]) -> list[list]:
    """ "the FISA World Cup": the acronym opening an event's name is the body
    that holds it."""
    owners = token_owners(ents)
    for ent in doc.ents:
        if ent.label_ not in ("EVENT", "ORG"):
            continue
        first = ent[1] if ent[0].lower_ == "the" and len(ent) > 2 else ent[0]
        owner = owners.get(first.i)
        if owner is not None and (owner[0], owner[1]) != (ent.start, ent.end):
            continue
        if first.i == ent.end - 1 or not is_acronym(first):
            continue
        if ent[-1].lower_ in _EVENTS:
            ents = put(ents, first.i, first.i + 1, "ORG")
            owners = token_owners(ents)
    return ents


def joined_bodies(doc: Doc, ents: list[list]) -> list[list]:
    """ "She joined the Sea Watch": what a person joins is an organisation."""
    owners = token_owners(ents)
    for token in tokens_of(doc, {"join"}):
        if token.lemma_ != "join" or token.pos_ != "VERB":
            continue
        first = token.i + 1
        if first < len(doc) and doc[first].lower_ == "the":
            first += 1
        last = run_end(doc, first, limit=4) if first < len(doc) else first
        if last == first or any(i in owners for i in range(first, last)):
            continue
        if doc[first].lower_ in TITLE_WORDS:
            continue
        ents = put(ents, first, last, "ORG")
        owners = token_owners(ents)
    return ents


def without_vessels(doc: Doc, ents: list[list]) -> list[list]:
    """ "the cruise ship, Seawind": a ship's name is no organisation's, in any
    of its mentions."""
    vessels = set()
    for token in tokens_of(doc, _VESSELS):
        if token.lower_ not in _VESSELS or token.i + 2 >= len(doc):
            continue
        after = doc[token.i + 1]
        if after.text == ",":
            after = doc[token.i + 2]
        if is_capitalised(after):
            vessels.add(after.text)
    return [
        e
        for e in ents
        if not (e[2] == "ORG" and e[1] - e[0] == 1 and doc[e[0]].text in vessels)
    ]


def shared_heads(doc: Doc, ents: list[list]) -> list[list]:
    """ "the Trade and Home Security Departments": two bodies sharing a plural
    head word, each named by the words before it."""
    for head in tokens_of(doc, _PLURAL_HEADS):
        if not head.is_title or head.i < 3:
            continue
        first = head.i
        while first > 0 and head.i - first < 6:
            before = doc[first - 1]
            if not (before.is_title or before.lower_ == "and") or before.is_sent_start:
                break
            first -= 1
        words = doc[first : head.i]
        cut = next((t.i for t in words if t.lower_ == "and"), None)
        if cut is None or cut == first or cut == head.i - 1:
            continue
        ents = put(ents, first, cut, "ORG")
        ents = put(ents, cut + 1, head.i, "ORG")
    return ents
