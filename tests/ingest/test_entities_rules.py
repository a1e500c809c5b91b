"""Organisation names the small model gets wrong: mistyped, cut short, run into
the next name, or left untagged. Hand-written sentences; where the model's
slip cannot be provoked reliably, the slip is set on the parsed Doc."""

import re

from spacy.tokens import Doc

from claims.ingest import nlp
from claims.ingest.actors import find_actors
from claims.ingest.entities import corrected


def organisations(doc: Doc) -> list[str]:
    return [doc[s:e].text for s, e, label in corrected(doc) if label == "ORG"]


def with_ents(text: str, *tagged: tuple[str, str]) -> Doc:
    """``text`` parsed, with exactly the entities ``tagged`` (text, label), each
    the last occurrence of its text."""
    doc = nlp.parse(text)
    spans = []
    for words, label in tagged:
        start = text.rindex(words)
        span = doc.char_span(start, start + len(words), label=label)
        assert span is not None
        spans.append(span)
    doc.ents = spans
    return doc


def test_it_takes_a_newspaper_tagged_as_a_building_for_an_organisation():
    doc = with_ents(
        "Staff at the Daily Gazette went on strike.", ("Daily Gazette", "FAC")
    )
    assert organisations(doc) == ["Daily Gazette"]


def test_it_extends_a_body_cut_short_before_of_or_for():
    doc = with_ents(
        "The Joint Council for the Welfare of Immigrants said the rules were unfair.",
        ("Joint Council", "ORG"),
    )
    assert organisations(doc) == ["Joint Council for the Welfare of Immigrants"]


def test_it_finds_an_untagged_ministry():
    doc = with_ents(
        "A spokesman for the Ruritanian Interior Ministry said the border was open.",
        ("Ruritanian", "NORP"),
    )
    assert organisations(doc) == ["Ruritanian Interior Ministry"]


def test_it_splits_two_bodies_joined_by_at():
    doc = nlp.parse("The Block Museum of Art at Northwestern University opened a wing.")
    names = {a.name: a.kind for a in find_actors(doc).actors}
    assert names == {
        "Block Museum of Art": "organisation",
        "Northwestern University": "organisation",
    }


def test_it_splits_a_person_run_into_an_organisation():
    doc = with_ents(
        "The director of the Lakeside Workers Union Ada Brennan spoke first. "
        "Later Brennan said the talks had failed.",
        ("Lakeside Workers Union Ada Brennan", "ORG"),
        ("Brennan", "PERSON"),
    )
    found = [(doc[s:e].text, label) for s, e, label in corrected(doc)]
    assert ("Lakeside Workers Union", "ORG") in found
    assert ("Ada Brennan", "PERSON") in found


def test_it_leaves_a_plain_organisation_alone():
    doc = with_ents(
        "Officials at the Kestrel Valley Water Authority declined to comment.",
        ("Kestrel Valley Water Authority", "ORG"),
    )
    assert organisations(doc) == ["Kestrel Valley Water Authority"]


def test_it_does_not_take_a_sentence_opening_word_into_a_name():
    doc = with_ents(
        "Police said the Harbour Trust had closed.", ("Harbour Trust", "ORG")
    )
    assert organisations(doc) == ["Harbour Trust"]


def test_it_does_not_extend_a_body_over_a_date():
    doc = with_ents(
        "The Harbour Council on Tuesday approved the plan.",
        ("Harbour Council", "ORG"),
        ("Tuesday", "DATE"),
    )
    assert organisations(doc) == ["Harbour Council"]


def labelled(doc: Doc) -> list[tuple[str, str]]:
    return [(doc[s:e].text, label) for s, e, label in corrected(doc)]


def test_it_takes_a_one_word_person_people_post_on_for_a_platform():
    doc = with_ents(
        "Ann Marlow posted the photo on Quillr, and it spread fast.",
        ("Ann Marlow", "PERSON"),
        ("Quillr", "PERSON"),
    )
    assert ("Quillr", "ORG") in labelled(doc)


def test_it_splits_two_schools_named_together_after_a_plural():
    doc = with_ents(
        "The court fined the schools Santa Rosa and Villa Nova.",
        ("Santa Rosa and Villa Nova", "ORG"),
    )
    assert organisations(doc) == ["Santa Rosa", "Villa Nova"]


def test_it_joins_a_given_name_and_surname_tagged_as_places():
    doc = with_ents(
        "Marta Lyon, a Danish woman, said she was held.",
        ("Marta", "GPE"),
        ("Lyon", "GPE"),
    )
    assert ("Marta Lyon", "PERSON") in labelled(doc)


def test_it_retypes_a_word_by_its_more_frequent_label_or_a_place_before_it():
    text = (
        "Norland lost. Norland's coach left. Norland won a penalty. The school "
        "in Arvel, Brenshire, must pay."
    )
    doc = nlp.parse(text)
    labels = ["GPE", "GPE", "PERSON"]
    spans = [
        doc.char_span(m.start(), m.end(), label=label)
        for m, label in zip(re.finditer("Norland", text), labels, strict=True)
    ]
    for words, label in (("Arvel", "GPE"), ("Brenshire", "PERSON")):
        start = text.index(words)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = spans
    found = labelled(doc)
    assert ("Norland", "PERSON") not in found
    assert ("Brenshire", "GPE") in found


def test_it_drops_a_product_word_and_a_place_taken_for_a_body():
    doc = with_ents(
        "Users left Hexa Browser for Rival. Browser lost. Shells hit the town "
        "of Dalmore.",
        ("Hexa Browser", "PRODUCT"),
        ("Browser", "PERSON"),
        ("Dalmore", "ORG"),
    )
    found = labelled(doc)
    assert not any(label == "PERSON" for _, label in found)
    assert ("Dalmore", "GPE") in found


def test_it_takes_a_name_with_an_east_asian_given_name_after_a_stance_for_a_person():
    doc = with_ents(
        "Anti-royalist Lam Siu-fai won the seat.",
        ("Anti-royalist Lam Siu-fai", "ORG"),
    )
    assert ("Lam Siu-fai", "PERSON") in labelled(doc)


def test_it_splits_a_speaker_off_an_organisation():
    doc = with_ents(
        "The director of the Council on Harbour Relations Rana Odeh said the "
        "talks failed.",
        ("Council on Harbour Relations Rana Odeh", "ORG"),
    )
    found = labelled(doc)
    assert ("Council on Harbour Relations", "ORG") in found
    assert ("Rana Odeh", "PERSON") in found


def test_it_finds_a_person_after_an_organisations_possessive():
    doc = with_ents(
        "Voters backed New Harbour Party's Mina Sol in the district.",
        ("New Harbour Party's", "ORG"),
    )
    assert ("Mina Sol", "PERSON") in labelled(doc)


def test_it_joins_a_foundation_to_the_body_after_for_the():
    doc = with_ents(
        "The Ada Gorsky Foundation for the Coastal Arts gave prints.",
        ("Ada Gorsky Foundation", "ORG"),
        ("Coastal Arts", "ORG"),
    )
    names = [a.name for a in find_actors(doc).actors]
    assert names == ["Ada Gorsky Foundation for the Coastal Arts"]


def test_it_cuts_a_name_run_into_the_words_around_it():
    doc = with_ents(
        "Mark Rathmore left. According to Rathmore the Hexology property was "
        "returned. She spoke against Hexology on Dutch television. The Join "
        "the Tide rally drew crowds.",
        ("Mark Rathmore", "PERSON"),
        ("Rathmore the Hexology", "ORG"),
        ("Hexology on Dutch", "ORG"),
        ("Join the Tide", "ORG"),
    )
    assert organisations(doc) == ["Hexology", "Hexology", "Join the Tide"]


def test_it_drops_titles_stances_and_doctrines_tagged_as_bodies():
    doc = with_ents(
        "Emeritus Professor Ada Quill and the Undersecretary for Health "
        "spoke. An Anti-royalist spoke of Europhobia.",
        ("Emeritus", "ORG"),
        ("Health", "ORG"),
        ("Anti-royalist", "ORG"),
        ("Europhobia", "ORG"),
    )
    assert find_actors(doc).actors == []


def test_it_does_not_take_a_thing_named_after_a_person_for_a_person():
    doc = with_ents(
        "Ansel Merrow took many photographs. The Merrow Kodak prints were "
        "shown, and Merrow said he liked them.",
        ("Ansel Merrow", "PERSON"),
        ("Merrow Kodak", "PERSON"),
        ("Merrow", "PERSON"),
    )
    actors = {a.name: a for a in find_actors(doc).actors}
    assert "Merrow Kodak" not in actors
    assert "Merrow" in actors["Ansel Merrow"].aliases


def test_it_takes_the_name_after_an_occupation_for_a_persons_name():
    doc = with_ents(
        "The show featured illustrator Jonno Pell and athletes Lauris "
        "Vaitkunas (tennis).",
        ("Jonno", "PERSON"),
        ("Vaitkunas", "GPE"),
    )
    found = labelled(doc)
    assert ("Jonno Pell", "PERSON") in found
    assert ("Lauris Vaitkunas", "PERSON") in found


def test_it_takes_the_doer_of_a_persons_deed_or_the_author_for_a_person():
    doc = with_ents(
        "The contest was founded by Dorin Kalmet in 1989. Results were "
        "published in a paper by JT Hollin that year.",
        ("Dorin Kalmet", "ORG"),
        ("JT Hollin", "PRODUCT"),
    )
    found = labelled(doc)
    assert ("Dorin Kalmet", "PERSON") in found
    assert ("JT Hollin", "PERSON") in found


def test_it_does_not_take_places_works_or_modifiers_for_people():
    doc = with_ents(
        "Pilgrims walked to the Plains of Ardon. Players reach the Owl Cave in "
        "the film Night Rider. Hundreds died in the Hadrin stampede.",
        ("Ardon", "PERSON"),
        ("the Owl Cave", "PERSON"),
        ("Night Rider", "PERSON"),
        ("Hadrin", "PERSON"),
    )
    assert [name for name, label in labelled(doc) if label == "PERSON"] == []
