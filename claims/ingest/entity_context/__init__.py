"""Entity spans + the words around them -> organisations and people the small
model missed or mistyped.

Input: a parsed ``Doc`` and its entities as [start, end, label] token ranges
(PERSON, ORG, GPE, NORP). Output: the list with spans retyped, added or
dropped where the context names the kind (``organisations``, ``people``).
Pure: no ORM, settings or network.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claims.ingest.entity_context import organisations, people


def with_context(doc: Doc, ents: list[list], lower_words: set[str]) -> list[list]:
    """``ents`` with the organisations and people that context reveals."""
    ents = organisations.after_person_of(doc, ents)
    ents = organisations.classified_by_noun(doc, ents, lower_words)
    ents = organisations.named_as_examples(doc, ents, lower_words)
    ents = organisations.split_after_plurals(doc, ents)
    ents = organisations.shared_heads(doc, ents)
    ents = organisations.in_lists(doc, ents)
    ents = organisations.joined_to_generic_bodies(doc, ents, lower_words)
    ents = organisations.before_roles(doc, ents, lower_words)
    ents = people.tagged_as_places(doc, ents)
    ents = people.after_occupations(doc, ents)
    ents = people.in_lists(doc, ents)
    ents = people.agents_of_deeds(doc, ents)
    ents = people.authors(doc, ents)
    ents = people.remembered_by_memorials(doc, ents, lower_words)
    ents = people.places_named_like_people(doc, ents)
    ents = people.without_modifiers_of_nouns(doc, ents)
    ents = people.without_titles_of_works(doc, ents)
    ents = organisations.cut_before_head(doc, ents)
    ents = organisations.platforms(doc, ents)
    ents = organisations.makers_of_events(doc, ents)
    ents = organisations.joined_bodies(doc, ents)
    ents = organisations.without_vessels(doc, ents)
    ents = organisations.teams(doc, ents)
    ents = organisations.peoples_in_lists(doc, ents)
    return sorted(ents)
