"""Entities + context -> people the small model missed or mistyped, and
"people" that are places, works or modifiers.

"Marta Lyon" tagged as two places, "illustrator Ann Lee", a name tagged
as an organisation in a list of people, "founded by Ann Lee", "a paper by
AS Lee", "the Lee Kai Tam Memorial"; "the Plains of Ardon", "the film Night
Rider", "Hadrin stampede".
"""

from __future__ import annotations

import itertools

from spacy.tokens import Doc

from claims.ingest.entity_context.spans import (
    CONJ,
    conjuncts,
    indices_of,
    is_capitalised,
    looks_like_a_name,
    noun_before,
    put,
    token_owners,
    tokens_of,
)
from claims.ingest.name_words import (
    OCCUPATIONS,
    ORG_HEADS,
    ORG_ROLES,
    TITLE_WORDS,
    WORK_NOUNS,
)

# Deeds done by people ("founded by", "saved by").
_DEEDS = {"found", "save", "write", "direct", "paint", "compose", "invent",
          "photograph", "illustrate", "sing", "replace", "coach", "marry",
          "kill", "shoot", "assist", "create", "design", "draw", "score"}  # fmt: skip
_WRITINGS = {"paper", "study", "report", "book", "article", "essay", "novel",
             "poem", "painting", "letter", "review", "biography", "memoir"}  # fmt: skip
_LANDFORMS = {"plains", "plain", "mount", "mountains", "lake", "gulf", "bay",
              "isle", "isles", "cape", "strait", "straits", "sea", "valley",
              "river", "desert", "coast", "cave", "island", "islands"}  # fmt: skip
_BUILDINGS = {"castle", "palace", "hall", "house", "tower", "temple", "church",
              "cathedral", "mosque", "stadium", "arena", "bridge"}  # fmt: skip


def tagged_as_places(doc: Doc, ents: list[list]) -> list[list]:
    """Two one-word places side by side with no comma between them ("Marta
    Lyon") are a given name and a surname."""
    ordered = sorted(ents)
    for left, right in itertools.pairwise(ordered):
        if not (left[2] == right[2] == "GPE" and left[1] == right[0]):
            continue
        if left[1] - left[0] != 1 or right[1] - right[0] != 1:
            continue
        first, second = doc[left[0]], doc[right[0]]
        if first.whitespace_ != " " or not (first.is_title and second.is_title):
            continue
        ents = put(ents, left[0], right[1], "PERSON")
    return ents


def after_occupations(doc: Doc, ents: list[list]) -> list[list]:
    """ "illustrator Ann Lee", "athletes Ann Lee (tennis)": the name after an
    occupation is a person's, even when the model tagged it a place or only
    its first word."""
    for noun in tokens_of(doc, OCCUPATIONS):
        if noun.i + 1 >= len(doc):
            continue
        token = doc[noun.i + 1]
        if not is_capitalised(token) or token.is_sent_start or token.pos_ != "PROPN":
            continue  # "the scientist I knew"
        if not noun_before(doc, token.i, OCCUPATIONS):
            continue
        end = token.i
        while end < len(doc) and end - token.i < 3 and doc[end].is_title:
            if end > token.i and doc[end].is_sent_start:
                break
            end += 1
        owners = token_owners(ents)
        labels = {owners[i][2] for i in range(token.i, end) if i in owners}
        inside = all(
            owners[i][0] >= token.i and owners[i][1] <= end
            for i in range(token.i, end)
            if i in owners
        )
        if (
            labels <= {"PERSON", "GPE"}
            and inside
            and looks_like_a_name(doc[token.i : end])
        ):
            ents = put(ents, token.i, end, "PERSON")
    return ents


def in_lists(doc: Doc, ents: list[list]) -> list[list]:
    """ "Ann Lee, Bo Ray and Cy Tam": a name tagged as an organisation in a list
    with people, or a capitalised word left untagged in a list with two or more
    people, is a person's."""
    owners = token_owners(ents)
    person_heads = {ent[1] - 1 for ent in ents if ent[2] == "PERSON"}
    for token in tokens_of(doc, {CONJ}):
        owner = owners.get(token.i)
        if owner is not None and owner[1] - 1 != token.i:
            continue  # not the last word of its name
        start, end = (owner[0], owner[1]) if owner else (token.i, token.i + 1)
        if owner is not None and owner[2] != "ORG":
            continue
        if not looks_like_a_name(doc[start:end]) or doc[start].is_sent_start:
            continue
        people = sum(m.i in person_heads for m in conjuncts(token) if m != token)
        if people >= (1 if owner is not None and end - start > 1 else 2):
            ents = put(ents, start, end, "PERSON")
            owners = token_owners(ents)
    return ents


def agents_of_deeds(doc: Doc, ents: list[list]) -> list[list]:
    """ "founded by Ann Lee", "saved by Ann Lee": a name that looks like a
    person's, tagged as an organisation, as the doer of a person's deed."""
    for ent in ents:
        if ent[2] != "ORG" or ent[1] - ent[0] < 2 or ent[0] < 2:
            continue
        by = doc[ent[0] - 1]
        if by.lower_ != "by" or not looks_like_a_name(doc[ent[0] : ent[1]]):
            continue
        if by.head.tag_ == "VBN" and by.head.lemma_ in _DEEDS:
            ent[2] = "PERSON"
    return ents


def authors(doc: Doc, ents: list[list]) -> list[list]:
    """ "a paper by AS Lee": the name after "by" that follows a piece of
    writing or art is its author's, whatever the model tagged it."""
    owners = token_owners(ents)
    for by in tokens_of(doc, {"by"}):
        before = doc[by.i - 1] if by.i else None
        if before is None or before.lemma_ not in _WRITINGS or before.pos_ != "NOUN":
            continue  # "a paper by", not "reported by"
        first = by.i + 1
        last = first
        while last < len(doc) and last - first < 3 and is_capitalised(doc[last]):
            last += 1
        words = doc[first:last]
        if last - first < 2 or not words[-1].is_title or words[0].lower_ == "the":
            continue  # "a report by The Atlantic"
        if any(not t.is_alpha or t.lower_ in TITLE_WORDS | ORG_HEADS for t in words):
            continue
        if any(owners[i][2] != "ORG" for i in range(first, last) if i in owners):
            continue
        ents = put(ents, first, last, "PERSON")
        owners = token_owners(ents)
    return ents


def remembered_by_memorials(
    doc: Doc, ents: list[list], lower_words: set[str]
) -> list[list]:
    """ "the Lee Kai Tam Memorial Hall": a memorial is named after a person."""
    if not indices_of(doc, ["memorial"]):
        return ents  # no "Memorial" in the article
    owners = token_owners(ents)
    for ent in doc.ents:
        memorial = next((t.i for t in ent if t.text == "Memorial"), None)
        if memorial is None:
            continue
        first = ent.start + (ent[0].lower_ == "the")
        words = doc[first:memorial]
        if not 2 <= len(words) <= 3 or not looks_like_a_name(words):
            continue
        if any(t.lower_ in lower_words for t in words):
            continue  # "the War Heroes Memorial"
        if all(i not in owners for i in range(first, memorial)):
            ents.append([first, memorial, "PERSON"])
    return ents


def places_named_like_people(doc: Doc, ents: list[list]) -> list[list]:
    """ "the Plains of Ardon", "to the Owl Cave": a "person" after a landform
    and "of", or a "the" name ending in a landform or building, is a place."""
    kept = []
    for ent in ents:
        start, end, label = ent
        if label != "PERSON":
            kept.append(ent)
            continue
        before = doc[start - 2 : start]
        if (
            len(before) == 2
            and before[1].lower_ == "of"
            and before[0].is_title
            and before[0].lower_ in _LANDFORMS
        ):
            ent[2] = "GPE"
        with_the = doc[start].lower_ == "the" or (
            start > 0 and doc[start - 1].lower_ == "the"
        )
        if with_the and doc[end - 1].lower_ in _LANDFORMS | _BUILDINGS:
            continue
        kept.append(ent)
    return kept


def without_modifiers_of_nouns(doc: Doc, ents: list[list]) -> list[list]:
    """ "Hadrin stampede", "Rescue organisation": a one-word "person" that
    only ever modifies a lower-case noun after it names no one. (Bodies are
    left alone: "CBS station", "CIA program" name bodies all the same.)"""
    modifier: dict[str, bool] = {}
    texts = {(start, end): doc[start:end].text for start, end, _ in ents}
    for start, end, label in ents:
        if label != "PERSON":
            continue
        key = f"{label} {texts[start, end]}"
        last, nxt = doc[end - 1], doc[end] if end < len(doc) else None
        modifies = (
            " " not in texts[start, end]
            and nxt is not None
            and nxt.is_lower
            and nxt.pos_ == "NOUN"
            and last.head.i == nxt.i
            and last.dep_ == "compound"
            # "Lee founder Ann Lee": the body of a role is an actor.
            and nxt.lower_ not in ORG_ROLES | TITLE_WORDS | OCCUPATIONS
            and nxt.lower_ != "co"  # "Lee co-founder Ann Lee"
        )
        modifier[key] = modifier.get(key, True) and modifies
    for start, end, label in ents:
        if label == "PERSON" and end - start > 1:
            for word in doc[start:end]:
                modifier[f"PERSON {word.text}"] = False  # "Lee" of "Ann Lee"
    return [e for e in ents if not modifier.get(f"{e[2]} {texts[e[0], e[1]]}", False)]


def without_titles_of_works(doc: Doc, ents: list[list]) -> list[list]:
    """ "the film Night Rider", "her novel Moth Harbour": a title, no person."""
    return [
        ent
        for ent in ents
        if not (ent[2] == "PERSON" and noun_before(doc, ent[0], WORK_NOUNS))
    ]
