"""Stance nouns, decisions, relative clauses and quotations introduced across a
paragraph break. Hand-written sentences, one per rule; each fails without it."""

from spacy.tokens import Doc

from claims.ingest import nlp
from claims.ingest.actors import find_actors
from claims.ingest.attribution import find_attributions
from tests.ingest.helpers import attributed, only


def built(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    """A one-sentence Doc with the parse given, for a reading the parser makes
    only now and then: "^" glues a word to the next one."""
    pos = {"NN": "NOUN", "NNP": "PROPN", "PRP": "PRON", "DT": "DET", "IN": "ADP"}
    lemmas = {"said": "say", "won": "win"}
    return Doc(
        nlp.get_pipeline().vocab,
        words=[w.rstrip("^") for w in words],
        spaces=[
            not w.endswith("^") and i + 1 < len(words) for i, w in enumerate(words)
        ],
        heads=heads,
        deps=deps,
        tags=tags,
        pos=[pos.get(tag, "VERB" if tag.startswith("VB") else "PUNCT") for tag in tags],
        lemmas=[lemmas.get(w, w.rstrip("^").lower()) for w in words],
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def test_it_reads_a_stance_noun_and_what_it_is_about():
    claim = only("The mayor's opposition to the stadium plan has hardened.")
    assert claim.source is not None and claim.source.text == "The mayor's"
    assert claim.cue is not None and claim.cue.text == "opposition to"
    assert claim.text == "the stadium plan"


def test_it_gives_a_stance_noun_the_subject_of_its_verb():
    claim = only("Governor Tom Baker stepped up his attacks on the teachers' union.")
    assert claim.speaker == "Tom Baker"
    assert claim.cue is not None and claim.cue.text == "stepped up his attacks on"
    assert claim.text == "the teachers' union"


def test_it_takes_a_verb_that_renews_a_stance_into_the_cue():
    claim = only("The farmers' union renewed its criticism of the water tariff.")
    assert claim.source is not None and claim.source.text == "The farmers' union"
    assert claim.cue is not None and claim.cue.text == "renewed its criticism of"
    assert claim.text == "the water tariff"


def test_it_reads_a_phrasal_verb_of_taking_sides():
    claim = only("Several council members rallied behind the new library budget.")
    assert claim.source is not None and claim.source.text == "Several council members"
    assert claim.cue is not None and claim.cue.text == "rallied behind"
    assert claim.text == "the new library budget"


def test_it_takes_no_side_without_someone_to_take_it():
    assert attributed("The bridge was aligned with the old road.") == []


def test_it_reads_a_refusal_to_comment():
    claim = only("A spokeswoman for the ministry declined to comment.")
    assert claim.source is not None
    assert claim.source.text == "A spokeswoman for the ministry"
    assert claim.cue is not None and claim.cue.text == "declined"
    assert claim.text == "to comment"


def test_it_reads_a_group_that_took_a_stance():
    claim = only(
        "Greenway, a group that endorsed the candidate last year, is holding a rally."
    )
    assert claim.source is not None and claim.source.text == "a group that"
    assert claim.cue is not None and claim.cue.text == "endorsed"
    assert claim.text == "the candidate"


def test_it_reads_a_relative_pronoun_and_the_name_it_is_given():
    claim = only(
        "The lake, which the mayor describes as the jewel of the region, is drying up."
    )
    assert claim.source is not None and claim.source.text == "the mayor"
    assert [span.text for span in claim.content] == [
        "which",
        "as the jewel of the region",
    ]


def test_it_reads_a_quote_after_the_verb_and_its_medium():
    # The quotation hung on "said" as a loose clause, as the parser can do.
    words = ["The", "campaign", "said", "in", "a", "statement^", ":", "“^", "We",
             "won^", ".^", "”"]  # fmt: skip
    heads = [1, 2, 2, 2, 5, 3, 2, 9, 9, 2, 9, 9]
    deps = ["det", "nsubj", "ROOT", "prep", "det", "pobj", "punct", "punct",
            "nsubj", "parataxis", "punct", "punct"]  # fmt: skip
    tags = ["DT", "NN", "VBD", "IN", "DT", "NN", ":", "``", "PRP", "VBD", ".",
            "''"]  # fmt: skip
    doc = built(words, heads, deps, tags)
    (found,) = find_attributions(doc, find_actors(doc))
    assert found.source is not None and found.source.text == "The campaign"
    assert found.cue is not None and found.cue.text == "said in a statement:"
    assert [span.text for span in found.content] == ["“We won.”"]


def test_it_reads_the_speaker_after_a_quote_the_parser_took_for_a_clause():
    # “We won,” said Jo Lee, who heads the group Save the Park: the parser can
    # read the name and the group's name as a clause "said" reports.
    words = ["“^", "We", "won^", ",^", "”", "said", "Jo", "Lee^", ",", "who",
             "heads", "the", "group", "Save", "the", "Park^", "."]  # fmt: skip
    heads = [2, 2, 5, 2, 5, 5, 7, 13, 7, 10, 7, 12, 10, 5, 15, 13, 5]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "compound",
            "nsubj", "punct", "nsubj", "relcl", "det", "dobj", "ccomp", "det",
            "dobj", "punct"]  # fmt: skip
    tags = ["``", "PRP", "VBD", ",", "''", "VBD", "NNP", "NNP", ",", "WP", "VBZ",
            "DT", "NN", "VB", "DT", "NNP", "."]  # fmt: skip
    doc = built(words, heads, deps, tags)
    (found,) = find_attributions(doc, find_actors(doc))
    assert [span.text for span in found.content] == ["“We won,”"]
    assert found.source is not None and found.source.text == "Jo Lee"
    assert found.cue is not None and found.cue.text == "said"


def test_it_reads_a_quote_that_opens_the_paragraph_after_a_colon():
    claim = only(
        "Dr Ana Ruiz also wrote:\n\n"
        '"We regret the delay and will compensate every passenger."'
    )
    assert claim.speaker == "Ana Ruiz"
    assert claim.cue is not None and claim.cue.text == "also wrote:"
    assert claim.text == '"We regret the delay and will compensate every passenger."'


def test_it_reads_a_quote_before_a_speaker_the_parser_misread():
    # The parser reads the group's name ("Stop the Tax") as a clause that
    # "said" reports; the quotation is still what was said.
    claim = only(
        '"Nobody will be left behind," said Tom Reyes, an adviser who runs the '
        "campaign group Stop the Tax."
    )
    assert claim.speaker == "Tom Reyes"
    assert claim.text == '"Nobody will be left behind,"'


def test_it_reads_no_stance_in_a_question():
    assert attributed("Do you support the new airport?") == []


def test_it_reads_no_stance_in_being_quick_to_act():
    # How soon they acted says nothing of what they think; a verb of saying
    # after it ("was quick to say that ...") is read as speech.
    assert attributed("Critics were quick to respond on social media.") == []


def test_it_reads_no_stance_in_a_request_for_comment():
    assert attributed("Calls to the company seeking comment were not returned.") == []


def test_it_keeps_the_words_that_qualify_a_stance_noun_in_the_cue():
    claim = only("The union's strong opposition to the merger surprised nobody.")
    assert claim.cue is not None and claim.cue.text == "strong opposition to"
    assert claim.text == "the merger"


def test_it_reads_hearsay_from_an_adverb_without_a_source():
    claim = only(
        "After the storm, the mayor allegedly moved the funds to a private account."
    )
    assert claim.source is None and claim.speaker is None
    assert claim.cue is not None and claim.cue.text == "allegedly"
    assert [span.text for span in claim.content] == [
        "the mayor",
        "moved the funds to a private account",
    ]


def test_it_reads_a_standing_in_a_poll_as_the_poll_s_finding():
    claim = only("Councillor Jo Park leads her rival by six points in the latest poll.")
    assert claim.source is not None and claim.source.text == "the latest poll"
    assert claim.cue is not None and claim.cue.text == "in"
    assert claim.text == "Councillor Jo Park leads her rival by six points"


def test_it_reads_a_case_made_as_a_statement():
    claim = only("The senator made the case that the tax would hurt small farms.")
    assert claim.source is not None and claim.source.text == "The senator"
    assert claim.cue is not None and claim.cue.text == "made the case"
    assert claim.text == "that the tax would hurt small farms"


def test_it_reads_remarks_made_as_a_statement():
    claim = only("Rival campaigns have made several comments about the delay.")
    assert claim.source is not None and claim.source.text == "Rival campaigns"
    # The remarks made and what they are about are the cue's, as annotators
    # mark them; what the remarks are about is what is attributed.
    assert claim.cue is not None
    assert claim.cue.text == "have made several comments about"
    assert claim.text == "the delay"


def test_it_reads_a_headline_naming_the_speaker_and_the_audience():
    doc = nlp.parse(
        "Harris to farmers: New tariffs will not last.\n\n"
        "WASHINGTON -- The vice president spoke on Monday."
    )
    (found,) = find_attributions(doc, find_actors(doc))
    assert found.source is not None and found.source.text == "Harris"
    assert found.cue is not None and found.cue.text == ":"
    assert [span.text for span in found.content] == ["New tariffs will not last"]


def test_it_reads_a_wish_and_what_is_wished():
    claim = only("The mayor would like to reopen the old pier by summer.")
    assert claim.source is not None and claim.source.text == "The mayor"
    assert claim.cue is not None and claim.cue.text == "would like"
    assert claim.text == "to reopen the old pier by summer"


def test_it_reads_a_decision_and_what_was_decided():
    claim = only("The governor's decision to close the hospital angered nurses.")
    assert claim.source is not None and claim.source.text == "The governor's"
    assert claim.cue is not None and claim.cue.text == "decision"
    assert claim.text == "to close the hospital"


def test_it_reads_a_phrasal_verb_of_speaking_out():
    claim = only("The largest farm union came out against the water bill on Friday.")
    assert claim.source is not None and claim.source.text == "The largest farm union"
    assert claim.cue is not None and claim.cue.text == "came out against"
    assert claim.text == "the water bill"


def test_it_reads_an_idiom_of_attack_and_its_target():
    claim = only("Senator Hal Brandt took a swipe at the budget office on Tuesday.")
    assert claim.speaker == "Hal Brandt"
    assert claim.cue is not None and claim.cue.text == "took a swipe at"
    assert claim.text == "the budget office"


def test_it_reads_a_stance_adjective_after_the_noun_that_holds_it():
    claim = only("Teachers wary of the new testing rules stayed away from the meeting.")
    assert claim.source is not None and claim.source.text == "Teachers"
    assert claim.cue is not None and claim.cue.text == "wary of"
    assert claim.text == "the new testing rules"


def test_it_takes_no_stance_from_a_source_familiar_with_something():
    assert attributed("A source familiar with the talks spoke to reporters.") == []


def test_it_reads_a_critique_and_a_mention_as_stances():
    claim = only("The senator has sharpened her critique of the housing plan.")
    assert claim.source is not None and claim.source.text == "The senator"
    assert claim.cue is not None and claim.cue.text == "has sharpened her critique of"
    assert claim.text == "the housing plan"
    claim = only("The mayor made no mention of the budget gap.")
    assert claim.cue is not None and claim.cue.text == "made no mention of"
    assert claim.text == "the budget gap"


def test_it_reads_displeasure_after_a_copula_as_a_stance():
    claim = only("Most voters were unhappy with the new grazing rules.")
    assert claim.cue is not None and claim.cue.text == "were unhappy with"
    assert claim.text == "the new grazing rules"


def test_it_reads_a_phrasal_verb_and_the_plan_or_complaint_it_takes_up():
    claim = only("The governor laid out her plan for the harbour.")
    assert claim.cue is not None and claim.cue.text == "laid out"
    assert claim.text == "her plan for the harbour"
    claim = only("The minister brushed off the complaints from fishermen.")
    assert claim.cue is not None and claim.cue.text == "brushed off"
    assert claim.text == "the complaints from fishermen"


def test_it_reads_a_stance_adjective_around_a_stance_of_its_own():
    claim = only("The mayor is confident that voters will reject the new parking tax.")
    assert claim.source is not None and claim.source.text == "The mayor"
    assert claim.cue is not None and claim.cue.text == "is confident"
    assert claim.text == "that voters will reject the new parking tax"


def test_it_reads_a_noun_of_speech_around_a_stance_of_its_own():
    claim = only("Her claim that the council backed the harbour plan was false.")
    assert claim.source is not None and claim.source.text == "Her"
    assert claim.cue is not None and claim.cue.text == "claim"
    claim = only("His argument was that the union had endorsed the strike.")
    assert claim.cue is not None and claim.cue.text == "argument was"
    assert claim.text == "that the union had endorsed the strike"


def test_it_reads_how_something_seems_around_a_stance_inside_it():
    claim = only(
        "The ferry plan appears likely to anger the fishermen who rejected the "
        "last one."
    )
    assert claim.source is None
    assert claim.cue is not None and claim.cue.text == "appears"


def test_it_keeps_one_statement_for_a_verb_that_seems_to_take_a_stance():
    claim = only("The mayor seemed to blame the union for the strike.")
    assert claim.cue is not None and claim.cue.text == "seemed to blame"
    assert claim.source is not None and claim.source.text == "The mayor"
