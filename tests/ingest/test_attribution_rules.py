"""Reported speech beyond "X said that": cue spans as news annotators mark them,
stances, expectations, relative clauses and participles. Hand-written sentences,
one per rule."""

from spacy.tokens import Doc

from claims.ingest import nlp
from claims.ingest.actors import find_actors
from claims.ingest.analysis import Analysis, ClaimCandidate, analyse
from claims.ingest.attribution import find_attributions


def attributed(text: str) -> list[ClaimCandidate]:
    analysis: Analysis = analyse(text)
    return [c for c in analysis.claims if c.is_attribution]


def only(text: str) -> ClaimCandidate:
    (claim,) = attributed(text)
    return claim


def test_it_keeps_auxiliaries_and_adverbs_in_the_cue():
    claim = only("The mayor has repeatedly said that the bridge will reopen in May.")
    assert claim.cue is not None and claim.cue.text == "has repeatedly said"
    assert claim.text == "that the bridge will reopen in May"


def test_it_keeps_the_colon_in_the_cue():
    claim = only('The minister added: "We will not back down on this."')
    assert claim.cue is not None and claim.cue.text == "added:"


def test_it_keeps_the_preposition_that_introduces_the_content():
    claim = only("The union called for a new inquiry into the closures.")
    assert claim.cue is not None and claim.cue.text == "called for"
    assert claim.text == "a new inquiry into the closures"


def test_it_keeps_the_medium_in_the_cue():
    claim = only("The company said in a statement that its profits had doubled.")
    assert claim.cue is not None and claim.cue.text == "said in a statement"
    assert claim.text == "that its profits had doubled"


def test_it_finds_the_that_clause_the_parser_hung_elsewhere():
    claim = only(
        "Governor Ellen Park also said on Tuesday that the state would appeal "
        "the ruling."
    )
    assert claim.speaker == "Ellen Park"
    assert claim.text == "that the state would appeal the ruling"


def test_it_runs_reported_speech_to_the_end_of_the_sentence():
    claim = only(
        "Dr Priya Patel said the trial had gone well, but “the real test comes "
        "next year.”"
    )
    assert claim.speaker == "Priya Patel"
    assert claim.text.startswith("the trial had gone well")
    assert "the real test comes next year" in claim.text


def test_it_reads_a_stance_adjective_with_a_clause():
    claim = only("Local farmers are worried that the new tariffs will hurt exports.")
    assert claim.source is not None and claim.source.text == "Local farmers"
    assert claim.cue is not None and claim.cue.text == "are worried"
    assert claim.text == "that the new tariffs will hurt exports"


def test_it_reads_an_expectation_without_a_source():
    claim = only("The council vote is expected to pass easily next week.")
    assert claim.source is None and claim.speaker is None
    assert claim.cue is not None and claim.cue.text == "is expected"
    assert [span.text for span in claim.content] == [
        "The council vote",
        "to pass easily next week",
    ]


def test_it_marks_a_relative_pronoun_with_what_it_stands_for():
    claims = attributed(
        "The plan was criticised by Maria Lopez, who said that it would raise rents."
    )
    claim = next(c for c in claims if c.text == "that it would raise rents")
    assert claim.source is not None and claim.source.text == "Maria Lopez, who"
    assert claim.speaker == "Maria Lopez"


def test_it_gives_a_participle_the_owner_of_its_noun_as_source():
    claims = attributed(
        "In her statement condemning the attack, Home Minister Clara Voss "
        "promised an inquiry."
    )
    condemning = next(c for c in claims if c.cue and c.cue.text == "condemning")
    assert condemning.source is not None and condemning.source.text == "her"
    assert condemning.text == "the attack"


def test_it_reads_a_participle_that_reports_a_demand():
    claim = only("Rail workers held a rally on Monday, demanding higher pay.")
    assert claim.source is not None and claim.source.text == "Rail workers"
    assert claim.text == "higher pay"


def test_it_does_not_read_a_thing_as_holding_a_view():
    assert attributed("The old beam supports the roof of the barn.") == []


def test_it_reads_a_surname_the_parser_took_for_an_adverb():
    # The small model sometimes parses an unknown surname before "said" as an
    # adverb; the parse is built by hand so the test does not hang on it.
    words = ["Skerrit", "said", "the", "mill", "would", "close", "."]
    doc = Doc(
        nlp.get_pipeline().vocab,
        words=words,
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 3, 5, 5, 1, 1],
        deps=["advmod", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"],
        pos=["ADV", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
        lemmas=["Skerrit", "say", "the", "mill", "would", "close", "."],
        sent_starts=[True, False, False, False, False, False, False],
    )
    (found,) = find_attributions(doc, find_actors(doc))
    assert found.source is not None and found.source.text == "Skerrit"
    assert found.cue is not None and found.cue.text == "said"
    assert [span.text for span in found.content] == ["the mill would close"]


def test_it_joins_a_second_quote_to_the_speech_before_it():
    claim = only(
        "Union leaders met on Monday.\n\n"
        "“They’re very open to trying new things,” Jenna Marsh, the union’s "
        "director of political outreach, said of the plan. “They’re not "
        "throwing things at the wall.”"
    )
    assert claim.speaker == "Jenna Marsh"
    assert [span.text for span in claim.content] == [
        "“They’re very open to trying new things,”",
        "“They’re not throwing things at the wall.”",
    ]


def test_it_reads_a_headline_naming_speaker_and_topic():
    claim = only("Ann Okafor on the Harbour Council Budget: ‘We Will Not Cut Schools.’")
    assert claim.speaker == "Ann Okafor"
    assert claim.cue is not None and claim.cue.text == ":"
    assert claim.text == "‘We Will Not Cut Schools.’"


def test_it_does_not_take_a_dateline_for_the_speaker():
    claim = only(
        "KINGSTON — The Harbour Board said on Friday that the port would reopen."
    )
    assert claim.source is not None and claim.source.text == "The Harbour Board"
    assert claim.speaker == "Harbour Board"


def test_it_takes_the_agent_of_a_passive_reporting_verb_as_source():
    claim = only("It was reported by the Valley Herald that the mill would close.")
    assert claim.source is not None and claim.source.text == "the Valley Herald"
    assert claim.cue is not None and claim.cue.text == "was reported"


def test_it_gives_no_source_to_those_who_were_told():
    claim = only("Residents were told that the water was safe.")
    assert claim.source is None
    assert claim.text == "that the water was safe"


def test_it_takes_the_noun_a_participle_hangs_on_as_source():
    claim = only("A federal lawsuit challenging the new curfew was filed on Monday.")
    assert claim.source is not None and claim.source.text == "A federal lawsuit"
    assert claim.text == "the new curfew"


def parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    """A one-sentence Doc with the parse given, for misparses the small model
    makes only now and then: the test should not hang on the model's mood."""
    pos = {"VBD": "VERB", "NN": "NOUN", "NNP": "PROPN", "PRP": "PRON", "DT": "DET"}
    lemmas = {"said": "say", "left": "leave", "closing": "close", "is": "be"}
    return Doc(
        nlp.get_pipeline().vocab,
        words=words,
        spaces=[words[i + 1] not in ",." for i in range(len(words) - 1)] + [False],
        heads=heads,
        deps=deps,
        tags=tags,
        pos=[pos.get(tag, "VERB" if tag.startswith("VB") else "X") for tag in tags],
        lemmas=[lemmas.get(word, word.lower()) for word in words],
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def test_it_prefers_the_clause_after_the_verb_to_a_fronted_phrase():
    # "After she left" hung on "said" as a second clause, as the parser does.
    words = ["After", "she", "left", ",", "Lee", "said", "it", "would", "close", "."]
    deps = ["mark", "nsubj", "ccomp", "punct", "nsubj", "ROOT", "nsubj", "aux",
            "ccomp", "punct"]  # fmt: skip
    tags = ["IN", "PRP", "VBD", ",", "NNP", "VBD", "PRP", "MD", "VB", "."]
    doc = parsed(words, [2, 2, 5, 5, 5, 5, 8, 8, 5, 5], deps, tags)
    (found,) = find_attributions(doc, find_actors(doc))
    assert found.source is not None and found.source.text == "Lee"
    assert [span.text for span in found.content] == ["it would close"]


def test_it_reads_a_question_asked_with_if():
    claim = only("The inspector asked the drivers if they had seen the warning signs.")
    assert claim.cue is not None and claim.cue.text == "asked"
    assert claim.text == "if they had seen the warning signs"


def test_it_keeps_whom_a_request_is_made_of_in_its_content():
    claim = only("The senator urged Congress to approve the funding before the recess.")
    assert claim.cue is not None and claim.cue.text == "urged"
    assert claim.text == "Congress to approve the funding before the recess"


def test_it_reads_a_reporting_clause_opened_by_as():
    claim = only("As the harbour master noted, the ferry had never left port on time.")
    assert claim.source is not None and claim.source.text == "the harbour master"
    assert claim.text == "the ferry had never left port on time"


def test_it_reads_a_reporting_clause_set_off_after_the_speech():
    # "said" parsed as a second verb joined to the first, as the parser does.
    words = ["The", "mill", "is", "closing", ",", "said", "its", "owner", "."]
    doc = parsed(
        words,
        heads=[1, 3, 3, 3, 3, 3, 7, 5, 3],
        deps=["det", "nsubj", "aux", "ROOT", "punct", "conj", "poss", "nsubj", "punct"],
        tags=["DT", "NN", "VBZ", "VBG", ",", "VBD", "PRP$", "NN", "."],
    )
    (found,) = find_attributions(doc, find_actors(doc))
    assert found.source is not None and found.source.text == "its owner"
    assert found.cue is not None and found.cue.text == "said"
    assert [span.text for span in found.content] == ["The mill is closing"]


def test_it_keeps_a_fronted_relative_pronoun_with_the_speech():
    claims = attributed(
        "The council rejected the road plan, which the mayor said would ruin "
        "the old town."
    )
    said = next(c for c in claims if c.cue and c.cue.text == "said")
    assert said.source is not None and said.source.text == "the mayor"
    assert [span.text for span in said.content] == ["which", "would ruin the old town"]


def test_it_reads_a_passive_verb_of_stance_with_its_agent():
    claim = only("The road plan was rejected by the county council.")
    assert claim.source is not None and claim.source.text == "the county council"
    assert claim.cue is not None and claim.cue.text == "was rejected"
    assert claim.text == "The road plan"


def test_it_reads_the_object_of_a_verb_of_saying():
    claim = only("The minister stressed the importance of the new treaty.")
    assert claim.cue is not None and claim.cue.text == "stressed"
    assert claim.text == "the importance of the new treaty"


def test_it_does_not_read_what_was_found_as_a_view():
    assert attributed("The police found the stolen car near the river.") == []


def test_it_reads_any_verb_right_after_a_quoted_cry():
    claim = only("“Stay where you are!” a lifeguard yelled.")
    assert claim.source is not None and claim.source.text == "a lifeguard"
    assert claim.cue is not None and claim.cue.text == "yelled"
    assert claim.text == "“Stay where you are!”"


def test_it_does_not_join_a_quote_inside_another_speakers_sentence():
    claims = attributed(
        "“We are full,” Dana Reyes said. And Reyes says the staff are "
        "“tired of waiting.”"
    )
    first, second = claims
    assert [span.text for span in first.content] == ["“We are full,”"]
    assert second.cue is not None and second.cue.text == "says"
    assert second.text == "the staff are “tired of waiting.”"


def test_it_does_not_take_a_day_for_the_speaker():
    claim = only(
        "Tuesday, Maine, leading a coalition of 12 states, asked a federal judge "
        "to block the new rules."
    )
    assert claim.source is not None and claim.source.text == "Maine"


def test_it_leaves_a_thought_inside_a_statement_to_the_statement():
    claim = only("The coach said he thinks the team can win the league.")
    assert claim.cue is not None and claim.cue.text == "said"
    assert claim.text == "he thinks the team can win the league"


def test_it_leaves_a_verbs_object_inside_a_statement_to_the_statement():
    claim = only("The coach said the fans backed the new captain.")
    assert claim.cue is not None and claim.cue.text == "said"


def test_it_does_not_read_an_impersonal_likelihood_as_a_stance():
    assert attributed("It is likely that the vote will be delayed.") == []


def test_it_runs_a_condition_on_with_what_was_said():
    claim = only(
        "The singer has threatened not to appear at the next festival unless she "
        "is paid $2 million."
    )
    assert claim.text == (
        "not to appear at the next festival unless she is paid $2 million"
    )


def test_it_leaves_a_quoted_word_inside_a_statement_to_the_statement():
    claim = only("The senator said he was “outraged” to hear about the delay.")
    assert claim.cue is not None and claim.cue.text == "said"
    assert claim.text == "he was “outraged” to hear about the delay"


def test_it_reads_how_something_seems_without_a_source():
    claim = only("The new rules seem unfair to small farmers.")
    assert claim.source is None
    assert claim.cue is not None and claim.cue.text == "seem"
    assert [span.text for span in claim.content] == [
        "The new rules",
        "unfair to small farmers",
    ]


def test_it_reads_what_a_body_put_out():
    claim = only("The union released a plan to cut costs at the depot.")
    assert claim.source is not None and claim.source.text == "The union"
    assert claim.cue is not None and claim.cue.text == "released"
    assert claim.text == "a plan to cut costs at the depot"


def test_it_names_no_one_for_a_question_put_to_the_speaker():
    claims = attributed(
        "Asked whether she would run again, the governor said she had not decided."
    )
    asked = next(c for c in claims if c.cue and c.cue.text == "Asked")
    assert asked.source is None and asked.speaker is None
    assert asked.text == "whether she would run again"


def test_it_reads_an_intention_to_act():
    claim = only("The mayor is looking to cut the budget for parks.")
    assert claim.cue is not None and claim.cue.text == "is looking"
    assert claim.text == "to cut the budget for parks"


def test_it_reads_a_partisan_noun_after_a_copula():
    claim = only("The senator has long been a supporter of the new dam.")
    assert claim.source is not None and claim.source.text == "The senator"
    assert claim.cue is not None and claim.cue.text == "has long been a supporter of"
    assert claim.text == "the new dam"


def test_it_reads_a_stance_of_hostility():
    claim = only("Many residents are hostile to the new road.")
    assert claim.cue is not None and claim.cue.text == "are hostile to"
    assert claim.text == "the new road"


def test_it_reads_a_name_and_colon_before_a_quote_inside_a_paragraph():
    claims = attributed(
        'Both candidates were asked about the war. Okafor: "We will bring the '
        'troops home."'
    )
    quote = next(c for c in claims if c.direct)
    assert quote.source is not None and quote.source.text == "Okafor"
    assert quote.cue is not None and quote.cue.text == ":"
    assert quote.text == '"We will bring the troops home."'


def test_it_keeps_on_in_the_cue_of_a_call_on_someone_to_act():
    claim = only("The bishop called on voters to reject the new casino.")
    assert claim.cue is not None and claim.cue.text == "called on"
    assert claim.text == "voters to reject the new casino"


def test_it_does_not_take_a_quoted_name_for_speech():
    claim = only(
        "Some in the “Stop the Mall” crowd suggest the new plan is even worse."
    )
    assert claim.cue is not None and claim.cue.text == "suggest"
    assert claim.source is not None
    assert claim.source.text == "Some in the “Stop the Mall” crowd"
    assert claim.text == "the new plan is even worse"


def test_it_takes_clergy_who_back_someone_as_the_source():
    claim = only("The campaign recruited pastors supporting the mayor.")
    assert claim.source is not None and claim.source.text == "pastors"
    assert claim.cue is not None and claim.cue.text == "supporting"


def test_it_takes_a_share_of_people_as_holding_a_view():
    claim = only("Thirty percent of residents would vote for the mayor.")
    assert claim.source is not None
    assert claim.source.text == "Thirty percent of residents"
    assert claim.cue is not None and claim.cue.text == "would vote for"
    assert claim.text == "the mayor"
