"""Quotes and reported speech: hand-written sentences, one per rule, and the demo
article the product ships with."""

from pathlib import Path

import pytest

from claims.ingest import checkworthy
from claims.ingest.analysis import Analysis, analyse, to_prediction
from claims.ingest.attribution import find_quotes
from claims.ingest.extract import clean_text
from tests.ingest.helpers import attributed as attributed_text
from tests.ingest.helpers import only, with_cue

DEMO = (
    Path(__file__).resolve().parents[2]
    / "claims/demo/china-hackers-mps-electoral-commission.txt"
)


def attributed(analysis: Analysis) -> list:
    return [c for c in analysis.claims if c.is_attribution]


def assert_spans_valid(text: str, analysis: Analysis) -> None:
    spans = list(analysis.sentences)
    for claim in analysis.claims:
        spans += claim.content + [s for s in (claim.cue, claim.source) if s]
    for actor in analysis.actors:
        spans += actor.mentions
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


@pytest.fixture(scope="module")
def demo() -> tuple[str, Analysis]:
    text = clean_text(DEMO.read_text(encoding="utf-8"))
    return text, analyse(text)


def test_it_resolves_the_demo_speakers_to_full_names(demo: tuple[str, Analysis]):
    text, analysis = demo
    speakers = {c.speaker for c in attributed(analysis)}
    for name in ("Oliver Dowden", "Lord Cameron", "Iain Duncan Smith", "Tim Loughton"):
        assert name in speakers
    assert_spans_valid(text, analysis)


def test_it_keeps_trailer_lines_out_of_demo_claims(demo: tuple[str, Analysis]):
    _, analysis = demo
    for claim in analysis.claims:
        for junk in ("Source link", "Related Articles", "Back to top button"):
            assert junk not in claim.text


def test_it_carries_the_demo_quote_over_paragraphs(demo: tuple[str, Analysis]):
    _, analysis = demo
    cameron = [c for c in attributed(analysis) if c.speaker == "Lord Cameron"]
    assert any(c.text.startswith("“I raised this directly") for c in cameron)
    assert any(c.text.startswith("“We will always defend") for c in cameron)


def test_a_demo_claim_in_a_relative_clause_keeps_its_pronoun(
    demo: tuple[str, Analysis],
):
    # "... data ... that Government security experts said was “highly likely”
    # to be used ...": "that" is the subject of what the experts said.
    _, analysis = demo
    (experts,) = [
        c
        for c in attributed(analysis)
        if c.source is not None and c.source.text == "Government security experts"
    ]
    assert experts.content[0].text == "that"
    assert experts.content[1].text.startswith("was “highly likely”")


def test_a_relative_clause_with_a_subject_of_its_own_takes_no_pronoun():
    (claim,) = attributed_text("The pier that the mayor said she would sell is closed.")
    assert [span.text for span in claim.content] == ["she would sell"]


def test_it_attributes_the_source_after_the_quote():
    text = "“We will build 300 new homes by 2026,” said Mark Ellis."
    (claim,) = attributed(analyse(text))
    assert claim.speaker == "Mark Ellis"
    assert claim.cue is not None and claim.cue.text == "said"
    assert claim.direct
    assert claim.text == "“We will build 300 new homes by 2026,”"
    assert claim.confidence >= 0.8


def test_it_attributes_a_quote_introduced_with_a_colon():
    text = "Dr Nadia Okafor added: “Prices rose by 9% in a year.”"
    (claim,) = attributed(analyse(text))
    assert claim.speaker == "Nadia Okafor"
    assert claim.source is not None and claim.source.text == "Dr Nadia Okafor"


def test_it_resolves_he_and_she_to_the_last_named_person():
    text = (
        "Jane Porter runs the council. She said the budget would rise by 5% next year."
    )
    (claim,) = attributed(analyse(text))
    assert claim.source is not None and claim.source.text == "She"
    assert claim.speaker == "Jane Porter"
    # A pronoun can point at the wrong person: less sure than a name.
    (named,) = attributed(analyse(text.replace("She said", "Jane Porter said")))
    assert claim.confidence < named.confidence


def test_it_skips_names_inside_quotes_when_resolving_pronouns():
    text = (
        "Tom Reed spoke first.\n\n"
        "“I once met Bill Blake at the port,” said Mr Reed.\n\n"
        "He added that the port would close in 2030."
    )
    claims = attributed(analyse(text))
    assert [c.speaker for c in claims] == ["Tom Reed", "Tom Reed"]


@pytest.mark.parametrize(
    ("before", "pronoun", "speaker"),
    [
        pytest.param(
            "Helen Marsh arrived in Leeds, where Mr Okafor greeted the press.",
            "She",
            "Helen Marsh",
            id="not a man for 'she'",
        ),
        pytest.param(
            "The envoy, Colin Webb, was greeted in Leeds by Mrs Okafor.",
            "He",
            "Colin Webb",
            id="not a woman for 'he'",
        ),
        pytest.param(
            "Dev Rana, 28, was employed as a researcher by Tom Hale until May.",
            "He",
            "Dev Rana",
            id="the subject of the sentence before",
        ),
        pytest.param(
            "Bob Ray had misled the council, Tom Hale told Dan Webb on Monday.",
            "He",
            "Tom Hale",
            id="the subject of its main verb",
        ),
        pytest.param(
            "Robin Ortiz's report was praised by the chairwoman, Dana Whitfield.",
            "He",
            "Robin Ortiz",
            id="a title says who can be 'he'",
        ),
        pytest.param(
            "Sam Ortiz spoke after the vote in Leeds.",
            "She",
            "Sam Ortiz",
            id="a name that is no clue agrees with either",
        ),
        pytest.param(
            "Ann Webb and Mrs Okafor met at the port in May.",
            "He",
            None,
            id="no one named can be 'he': no speaker",
        ),
    ],
)
def test_a_pronoun_takes_up_a_person_it_can_stand_for(
    before: str, pronoun: str, speaker: str | None
):
    text = f"{before}\n\n{pronoun} said the port would close in 2030."
    (claim,) = [c for c in attributed(analyse(text)) if c.source.text == pronoun]
    assert claim.speaker == speaker


def test_it_reads_according_to():
    text = "Unemployment fell to 4% last year, according to the Office for Statistics."
    (claim,) = attributed(analyse(text))
    assert claim.cue is not None and claim.cue.text == "according to"
    assert claim.speaker == "Office for Statistics"
    assert claim.text == "Unemployment fell to 4% last year"


def test_according_to_takes_the_source_up_to_its_comma():
    # The parser reads "reeks" as a noun in apposition to the source.
    claim = only("According to radio host Jo Lee, the deal reeks of “greed” and panic.")
    assert (claim.source.text, claim.text) == (
        "radio host Jo Lee",
        "the deal reeks of “greed” and panic",
    )


def test_according_to_in_the_middle_takes_both_sides():
    claim = only("The price of the tram line, according to the council, will double.")
    assert [s.text for s in claim.content] == [
        "The price of the tram line",
        "will double",
    ]


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "In Ann Cole's view, the harbour will close by spring.",
            "view", "Ann Cole's", "the harbour will close by spring",
        ),
        (
            "The harbour will close by spring, in the eyes of many fishermen.",
            "in the eyes of", "many fishermen", "The harbour will close by spring",
        ),
        (
            "She backs the plan because, in her words, “the harbour is dying.”",
            "words", "her", "“the harbour is dying.”",
        ),
    ],
)  # fmt: skip
def test_it_reads_a_statement_made_in_someones_view(text, cue, source, content):
    claim = next(c for c in attributed(analyse(text)) if c.cue.text == cue)
    assert (claim.source.text, claim.text) == (source, content)


def test_it_reads_no_view_into_in_other_words():
    assert (
        attributed(analyse("In other words, the harbour will close by spring.")) == []
    )


def test_it_carries_a_quote_into_the_next_paragraph():
    text = (
        "Mayor Ann Kowalski said: “The bridge is closed.\n\n"
        "“It will reopen in May after repairs costing £2m.”"
    )
    claims = attributed(analyse(text))
    assert len(claims) == 2
    assert {c.speaker for c in claims} == {"Ann Kowalski"}
    assert claims[1].text.startswith("“It will reopen")
    # The speaker's verb is the cue of the whole speech, every paragraph of it.
    assert claims[1].cue is not None and claims[1].cue.text == "said:"


def test_only_a_statement_all_in_quotation_marks_is_quoted_whole():
    text = (
        "Mayor Ann Kowalski said the bridge was “unsafe” and would close.\n\n"
        "“It will reopen in May,” Ms Kowalski said.\n\n"
        "She said the repairs would cost £2m."
    )
    partial, whole, reported = attributed(analyse(text))
    assert partial.direct and not partial.quoted_whole
    assert whole.direct and whole.quoted_whole
    assert not reported.direct and not reported.quoted_whole


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("The mayor denied the claims on Monday.", False),
        ("The mayor criticised that decision.", False),
        ("The mayor welcomed it.", False),
        ("The mayor said taxes will fall.", True),
        ("The mayor announced sanctions on two harbour firms.", True),
        ("The mayor praised the new report on school meals by auditors.", True),
    ],
)
def test_it_tells_what_stands_alone_from_words_pointing_back(text, alone):
    (claim,) = attributed(analyse(text))
    assert claim.stands_alone is alone


def test_it_ranks_words_pointing_back_below_the_sentence_they_are_in():
    text = "The harbour master has denied the claims."
    (claim,) = attributed(analyse(text))
    assert not claim.stands_alone
    assert not claim.checkworthy
    assert 0 < claim.checkworthiness < checkworthy.score_text(text).score


def test_it_does_not_carry_a_quote_after_a_narrative_paragraph():
    text = (
        "The weather was bad on Monday.\n\n"
        "“It will reopen in May after repairs costing £2m.”"
    )
    assert attributed(analyse(text)) == []


def test_it_joins_mr_surname_to_the_full_name():
    text = (
        "Peter Hallam leads the union.\n\nMr Hallam said the strike would last a week."
    )
    (claim,) = attributed(analyse(text))
    assert claim.source is not None and claim.source.text == "Mr Hallam"
    assert claim.speaker == "Peter Hallam"


def test_it_joins_sir_first_name_to_the_full_name():
    text = (
        "Former minister Sir Edward Leigh Watson spoke on Monday.\n\n"
        "Sir Edward said the plan had failed."
    )
    (claim,) = attributed(analyse(text))
    assert claim.speaker == "Edward Leigh Watson"


def test_it_keeps_a_peerage_without_a_first_name():
    text = "Home Secretary Lord Marsh said the prisons were full."
    (claim,) = attributed(analyse(text))
    assert claim.speaker == "Lord Marsh"


def test_it_reads_indirect_speech():
    text = "The minister, Carla Benn, said that 40 schools would close."
    (claim,) = attributed(analyse(text))
    assert claim.text == "that 40 schools would close"
    assert claim.speaker == "Carla Benn"
    assert not claim.direct


def test_it_merges_a_quote_interrupted_by_its_source():
    text = "“The port is safe,” he said. “Nobody was hurt.”"
    (claim,) = attributed(analyse(text))
    assert [s.text for s in claim.content] == [
        "“The port is safe,”",
        "“Nobody was hurt.”",
    ]


def test_it_keeps_the_first_part_of_a_quote_whose_second_part_reads_as_a_clause():
    # The parser hangs the second part on "said" as the clause it reports.
    claim = only(
        "“If the council gets its way, nothing will change,” Mayor Ann Cole "
        "said, “though maybe there is still time.”"
    )
    assert [s.text for s in claim.content] == [
        "“If the council gets its way, nothing will change,”",
        "“though maybe there is still time.”",
    ]
    assert claim.speaker == "Ann Cole"


def test_no_one_inside_a_quotation_speaks_it():
    # The parser hangs "adding" on the quoted verb, whose subject ("She") is
    # then no speaker.
    text = (
        "''We have started all those talks,'' Mr. Cole said, adding of Ms. Lee, "
        "''She cares about the team.''"
    )
    claim = next(c for c in attributed_text(text) if c.cue.text == "adding")
    assert claim.source.text == "Mr. Cole"


def test_an_infinitive_after_a_quotation_does_not_report_it():
    claims = attributed_text(
        "She said her uncle had “jumped on a cargo ship from Lagos to Lisbon” "
        "to find work."
    )
    assert [c.cue.text for c in claims] == ["said"]


def test_quoted_words_a_relative_clause_is_about_do_not_speak():
    claims = attributed_text(
        "Lee and Cole called their talks a “big step toward peace” "
        "that recognized “several shared goals.”"
    )
    assert not any(c.cue.text == "recognized" for c in claims)


def test_it_gives_a_quote_after_the_hearers_relative_clause_to_the_speaker():
    claim = only(
        "Ann Cole told the farmers who gathered in the square, "
        "“nobody should doubt the harvest.”"
    )
    assert (claim.cue.text, claim.speaker) == ("told", "Ann Cole")


def test_a_verb_joined_after_a_quotation_does_not_take_it_up():
    claims = attributed_text(
        "Ann Cole told the crowd on Friday that “the dam will hold until "
        "spring,” and she vowed to stay."
    )
    quoted = [c for c in claims if "dam" in c.text]
    assert [c.cue.text for c in quoted] == ["told"]


@pytest.mark.parametrize("link", ["But", "Still"])
def test_a_word_linking_to_the_sentence_before_is_not_part_of_the_quote(link):
    claim = only(f'{link}, Ms. Cole said, "the river is a choice we make."')
    assert claim.text == '"the river is a choice we make."'


def test_it_reads_a_reported_clause_the_parser_took_for_an_adverbial_one():
    # "after the vote" is hung on "seek", which is hung on "said" as an
    # adverbial clause.
    claim = only(
        "Ann Cole said after the vote she would not seek the post if it were offered."
    )
    assert claim.cue.text == "said"
    assert claim.text == "she would not seek the post if it were offered"


def test_it_reads_the_verb_put_before_the_speaker_and_a_colon_as_the_cue():
    claim = only("Said Ellis: “I doubt she cares about the dam at all.”")
    assert (claim.cue.text, claim.source.text) == ("Said", "Ellis")


def test_it_ignores_apostrophes_when_finding_quotes():
    text = "The council’s chief said “it’s done” and the mayor’s team agreed."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["“it’s done”"]


def test_it_closes_a_quote_with_an_opening_mark_typed_by_mistake():
    text = "“Do you agree?“ he asked. “Yes,” she said."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["“Do you agree?“", "“Yes,”"]


def test_it_ends_an_unclosed_quote_with_its_paragraph():
    text = "He said: “This never ends\n\nNext paragraph."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "“This never ends"
    assert quote.open_end


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "...",
        "“",
        '”” “ " said',
        "He said “ unbalanced\n\n” and ” more “",
        "Émile Zoë said: “naïve café — 😀 ☃ \u200b ok”",
        "no punctuation at all " * 3000,
        ("“Quote " + "word " * 5000 + "\n\n") * 2,
        "\u0000\u2028\u2029\ufeff said that",
    ],
)
def test_it_survives_odd_input(text: str):
    analysis = analyse(text)
    assert_spans_valid(text, analysis)
    prediction = to_prediction("x", analysis, text)
    assert prediction["id"] == "x"


def test_it_writes_predictions_in_the_eval_format():
    text = "“Prices rose by 9% in a year,” said Mark Ellis of the Bank of England."
    prediction = to_prediction("doc1", analyse(text), text)
    (attribution,) = prediction["attributions"]
    assert attribution["actor"] == "Mark Ellis"
    assert attribution["speaker"] == attribution["source"]["text"]
    assert attribution["speaker"].startswith("Mark Ellis")
    assert attribution["cue"]["text"] == "said"
    assert attribution["content"][0]["text"] == text[:30]
    (claim,) = prediction["claims"]
    assert claim["text"] == text[claim["start"] : claim["end"]]
    assert {"name": "Mark Ellis", "kind": "person"} in prediction["actors"]
    assert {"name": "Bank of England", "kind": "organization"} in prediction["actors"]


def test_the_predicted_speaker_is_named_as_the_article_names_them():
    text = (
        "Mayor Ruth Alder said the dam would hold. Later she said the "
        "repairs were finished."
    )
    prediction = to_prediction("doc1", analyse(text), text)
    named, pronoun = prediction["attributions"]
    # As written where the source names her; her filed name for "she".
    assert (named["source"]["text"], named["speaker"]) == ("Mayor Ruth Alder",) * 2
    assert named["actor"] == "Ruth Alder"
    assert pronoun["source"]["text"] == "she"
    assert pronoun["speaker"] == pronoun["actor"] == "Ruth Alder"


def test_the_source_is_the_whole_phrase_naming_the_speaker():
    text = (
        "Ruth Alder, a ferry captain who has worked the route for decades, "
        "said the crossing was unsafe in winter."
    )
    (claim,) = attributed(analyse(text))
    assert claim.source.text == (
        "Ruth Alder, a ferry captain who has worked the route for decades"
    )
    assert text[claim.source.start : claim.source.end] == claim.source.text
    assert claim.speaker == "Ruth Alder"
    assert claim.text == "the crossing was unsafe in winter"


def test_the_source_phrase_never_takes_in_the_cue_or_the_content():
    text = "Ruth Alder, who said the dam would hold, left the town on Monday."
    claims = attributed(analyse(text))
    assert claims
    for claim in claims:
        if claim.source is not None:
            for span in [claim.cue, *claim.content]:
                if span is not None:
                    assert not (
                        claim.source.start < span.end and span.start < claim.source.end
                    )


def test_it_reads_two_apostrophes_as_quotation_marks():
    text = "''The dam will hold through the winter,'' said Ruth Alder."
    (claim,) = attributed(analyse(text))
    assert claim.speaker == "Ruth Alder"
    assert claim.text == "''The dam will hold through the winter,''"
    assert claim.direct


def test_it_attributes_the_object_of_a_stance_verb():
    text = "Senator Mia Torres endorsed the new housing bill on Tuesday."
    (claim,) = attributed(analyse(text))
    assert claim.speaker == "Mia Torres"
    assert claim.cue is not None and claim.cue.text == "endorsed"
    assert claim.text == "the new housing bill"
    # An object is more often a stance the annotators would not mark.
    assert claim.confidence < 0.8


def test_it_does_not_attribute_an_object_to_a_thing():
    assert attributed(analyse("The old bridge supports the railway line.")) == []


def test_it_keeps_the_preposition_in_the_cue():
    text = "Gary Olsen called for a ban on fireworks in the park."
    (claim,) = attributed(analyse(text))
    assert claim.cue is not None and claim.cue.text == "called for"
    assert claim.text == "a ban on fireworks in the park"


def test_it_reads_a_reporting_clause_inside_the_sentence():
    text = "The new tram line, Paula Grant said, will open in June."
    (claim,) = attributed(analyse(text))
    assert claim.speaker == "Paula Grant"
    assert [s.text for s in claim.content] == ["The new tram line", "will open in June"]


def test_it_attributes_a_quote_after_a_colon_to_the_clause_subject():
    text = "Helen Morris went further: “The tram is a waste of money.”"
    (claim,) = attributed(analyse(text))
    assert claim.speaker == "Helen Morris"
    assert claim.text == "“The tram is a waste of money.”"


def test_it_reads_hoped_that():
    text = "Sam Hale hoped that the vote would pass."
    (claim,) = attributed(analyse(text))
    assert claim.cue is not None and claim.cue.text == "hoped"
    assert claim.text == "that the vote would pass"


def test_it_ignores_labels_before_a_colon():
    text = "UPDATE: The vote is delayed until Friday.\n\nThe council met."
    assert attributed(analyse(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Contributing: Ann Lee, Bo Park and Cy Ortiz\n\nThe council met.",
        "The Latest: Storm closes the coastal road\n\nThe council met.",
        "Ohio: Ann Lee, Bo Park, Cy Ortiz, Di Wong\n\nThe council met.",
        "So: Harbour board members may yet sell the old pier to a hotel chain.",
        "Just Leaked: The Mayor’s Odd Reply To The Ferry Crash Report.",
        "FIX IS IN: Council Ignores The Ferry Report.",
    ],
    ids=[
        "a credit line",
        "a live blog's label",
        "a list of names",
        "a linking word",
        "a label in a verb",
        "a label that is a clause",
    ],
)
def test_it_ignores_a_heading_and_a_list_of_names_before_a_colon(text: str):
    assert attributed(analyse(text)) == []


def test_it_is_surer_of_a_named_quote_than_of_a_carried_on_one():
    text = (
        "“The bridge is closed,” said Mayor Ann Kowalski.\n\n"
        "“It will reopen in May after repairs costing £2m.”"
    )
    first, second = attributed(analyse(text))
    assert second.speaker == "Ann Kowalski"
    assert first.confidence > second.confidence


# Who speaks and where a statement starts, in sentences the parser misreads.


def test_it_takes_the_speaker_the_parser_hung_on_a_dateline():
    claim = only(
        "Washington (AFP) – Trade envoy Maria Olsen toured three ports this week, "
        "warning that tariffs on steel would rise."
    )
    assert claim.source is not None
    assert claim.source.text == "Trade envoy Maria Olsen"
    assert claim.text == "that tariffs on steel would rise"


@pytest.mark.parametrize(
    "text",
    [
        "Ines Moreau, asked whether she would stand again, said she had not decided.",
        "Ines Moreau, asked about the late trains, said the crews were tired.",
    ],
    ids=["asked a question", "asked about a topic"],
)
def test_it_gives_the_speech_after_an_asked_aside_to_the_one_asked(text: str):
    said = with_cue(attributed_text(text), "said")
    assert [c.speaker for c in said] == ["Ines Moreau"]
    assert not any(c.speaker == "Ines Moreau" and c.cue.text.startswith("asked")
                   for c in attributed_text(text) if c.cue is not None)  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "The harbour master, pressed on the cost, insisted that the pier would open.",
        "Ines Moreau, speaking to a crowd in Leeds, said the mill would open.",
    ],
)
def test_it_leaves_an_aside_in_a_participle_out_of_the_source(text: str):
    (claim,) = [c for c in attributed_text(text) if c.cue is not None
                and c.cue.text in ("insisted", "said")]  # fmt: skip
    assert claim.source is not None
    assert claim.source.text in ("The harbour master", "Ines Moreau")


def test_it_leaves_the_time_out_of_the_source():
    (claim,) = attributed_text(
        "A federal panel in 2018 found that the port had broken the deal."
    )
    assert claim.source is not None and claim.source.text == "A federal panel"
    assert claim.text == "that the port had broken the deal"


@pytest.mark.parametrize(
    "name",
    ['Councillor Ines "Inny" Moreau (Lab)', "Councillor Ines Moreau (Lab)"],
    ids=["with a nickname", "without"],
)
def test_a_quotation_goes_to_a_long_subject_set_off_by_commas(name: str):
    text = (
        f"“The ferry sails at dawn again!” the harbour master's deputy, {name}, "
        "shouted to the dockers."
    )
    claim = only(text)
    assert claim.cue is not None and claim.cue.text == "shouted"
    assert claim.source is not None and "Moreau" in claim.source.text
    assert claim.text == "“The ferry sails at dawn again!”"


def test_the_verb_of_a_relative_clause_after_the_name_does_not_say_the_quotation():
    (claim,) = [
        c
        for c in attributed_text(
            "“The tide will not wait for us,” Tom Berry, who fishes, said at the quay."
        )
        if c.text.startswith("“")
    ]
    assert claim.cue is not None and claim.cue.text == "said"
    assert claim.source is not None and claim.source.text.startswith("Tom Berry")


def test_a_phrase_quoted_inside_a_sentence_is_not_said_by_the_subject_after_it():
    claims = attributed_text(
        "Under what Tom Berry called “the old deal,” the Seaview Rowing Club, a "
        "small club two miles south of the pier, charged a large joining fee."
    )
    assert not [c for c in with_cue(claims, "charged") if "old deal" in c.text]


def test_a_clause_after_an_adverbial_clause_is_what_its_verb_admits():
    claims = attributed_text(
        "“Resign today,” Anna Moreau told Tom Berry, after he admitted under oath "
        "he had not been fined."
    )
    told = with_cue(claims, "told")
    assert [c.text for c in told] == ["“Resign today,”"]
    (admitted,) = with_cue(claims, "admitted")
    assert admitted.text == "he had not been fined"
    assert admitted.speaker == "Tom Berry"


def test_what_was_told_after_a_phrase_of_where_is_the_clause_alone():
    claim = only("Anna Moreau told Tom Berry at a hearing that the pier was unsafe.")
    assert claim.cue is not None and claim.cue.text == "told"
    assert claim.text == "that the pier was unsafe"


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "The new ferry, the harbour master said in a statement, will sail in May.",
            "the harbour master",
            ["The new ferry", "will sail in May"],
        ),
        (
            "The dockers, Anna Moreau explained earlier in the hearing, were "
            "“well paid,” earning a lot.",
            "Anna Moreau",
            ["The dockers", "were “well paid,” earning a lot"],
        ),
        (
            "If the tide turns, Tom Berry told reporters on Monday, the boats "
            "will wait.",
            "Tom Berry",
            ["If the tide turns", "the boats will wait"],
        ),
        (
            "The mill fought the plan, but the smog got so thick, Anna Moreau "
            "noted, that the school shut.",
            "Anna Moreau",
            ["the smog got so thick", "that the school shut"],
        ),
    ],
    ids=["medium", "adverbs", "hearer", "after a joined clause"],
)
def test_a_reporting_clause_set_off_by_commas_splits_what_was_said(
    text, source, content
):
    (claim,) = [c for c in attributed_text(text) if c.source is not None
                and c.source.text == source]  # fmt: skip
    assert [span.text for span in claim.content] == content


@pytest.mark.parametrize(
    "text",
    [
        "Late last month, the council wrote a long, angry letter that the mayor "
        "ignored.",
        "The ferry was full, the harbour master said on Monday, two days after "
        "the storm had passed.",
    ],
    ids=["an object runs past the comma", "when it was said"],
)
def test_words_after_a_verb_and_a_comma_are_not_always_an_aside(text):
    for claim in attributed_text(text):
        assert not claim.text.startswith(("Late last month", "two days"))
        assert "two days after" not in claim.text


def test_what_was_said_stops_before_an_as_clause_reporting_another_statement():
    claims = attributed_text(
        "Lee said “we must act now” that if you ignore a bully, he only grows "
        "bolder as she claimed the strike will hurt every port in the region."
    )
    (said,) = with_cue(claims, "said")
    assert said.text.endswith("he only grows bolder")
    (claimed,) = with_cue(claims, "claimed")
    assert claimed.text == "the strike will hurt every port in the region"


def test_an_as_clause_set_off_inside_what_was_said_does_not_end_it():
    claims = attributed_text(
        "Lee thought “the board is too slow” and that its answer, as she later "
        "explained, was a “long, bitter strike” that hurt the port."
    )
    (thought,) = with_cue(claims, "thought")
    assert thought.text.endswith("that hurt the port")


def test_people_gathered_somewhere_are_not_told_anything():
    claims = attributed_text(
        "Mayor Ines Moreau put her argument to voters gathered in Leeds that "
        "the pier must be saved."
    )
    assert not [c for c in claims if c.cue is not None and "gathered" in c.cue.text]


def test_a_relative_clause_hung_on_a_date_stands_for_what_was_put_out():
    claims = attributed_text(
        "The harbour board released its accounts in March, which showed the "
        "repair fund was empty."
    )
    (showed,) = with_cue(claims, "showed")
    assert showed.source is not None
    assert showed.source.text.startswith("its accounts")


def test_a_reflexive_is_not_the_speaker():
    (claim,) = attributed_text(
        "Ms. Ines Moreau allowed herself to predict that the ferry would run "
        "all winter."
    )
    assert claim.source is not None and claim.source.text == "Ms. Ines Moreau"


def test_it_gives_a_second_verb_of_saying_the_first_ones_speaker():
    claims = attributed_text(
        "After the count ended, Ivo Brandt told reporters the margin was too "
        'small to call but added, "We expect to win this seat."'
    )
    added = with_cue(claims, "added")[0]
    assert added.source is not None and added.source.text == "Ivo Brandt"


def test_it_takes_those_who_back_something_as_the_source():
    claims = attributed_text("Those backing the new stadium say it will bring jobs.")
    backing = with_cue(claims, "backing")[0]
    assert backing.source is not None and backing.source.text == "Those"
    assert backing.text == "the new stadium"


def test_it_takes_the_speaker_from_a_relative_clause_read_as_speech():
    claim = only(
        "Ms. Ikeda, whose family bakery, Crumbhouse, sells bread to half the "
        "town, said the new tax was unfair."
    )
    assert claim.source is not None and claim.source.text == "Ms. Ikeda"
    assert claim.text == "the new tax was unfair"


def test_it_takes_the_name_the_parser_made_the_root_as_the_speaker():
    claims = attributed_text(
        "Paulo Serrano, who hopes to lead the port authority, posted on Sunday "
        "to say he had never backed the toll."
    )
    say = with_cue(claims, "to say")[0]
    assert say.source is not None and say.source.text == "Paulo Serrano"
    assert say.text == "he had never backed the toll"


def test_it_reads_a_headline_name_the_parser_took_for_a_noun():
    claim = only("Lindqvist: Tax plan will hurt small farms.")
    assert claim.source is not None and claim.source.text == "Lindqvist"
    assert claim.cue is not None and claim.cue.text == ":"
    assert claim.text == "Tax plan will hurt small farms"


def test_it_keeps_a_transcript_turn_as_one_statement():
    claim = only(
        "BAKER: Well, you are backing the mayor, and I believe many residents "
        "doubt his plan for the harbor."
    )
    assert claim.source is not None and claim.source.text == "BAKER"
    assert claim.text == (
        "Well, you are backing the mayor, and I believe many residents doubt his "
        "plan for the harbor"
    )


def test_it_reads_a_transcript_quoted_turn_by_turn():
    claims = attributed_text(
        "A partial transcript of the meeting follows:\n\n"
        '"CHAIR: We will now hear from the harbor master. As “The Courier” '
        "wrote, the timetable is late.\n\n"
        '"BROWN: Thank you. The winter timetable starts in November.\n\n'
        '"It will stay that way until the summer boats come back.\n\n'
        '"(CROSSTALK.)\n\n'
        '"CHAIR: Order, please. Let the harbor master finish.\n'
    )
    turns = [
        (c.source and c.source.text, c.cue and c.cue.text, [s.text for s in c.content])
        for c in claims
    ]
    assert turns == [
        (
            "CHAIR",
            ":",
            [
                "We will now hear from the harbor master. As “The Courier” wrote, "
                "the timetable is late"
            ],
        ),
        (
            "BROWN",
            ":",
            [
                "Thank you. The winter timetable starts in November",
                "It will stay that way until the summer boats come back",
            ],
        ),
        ("CHAIR", ":", ["Order, please. Let the harbor master finish"]),
    ]


def test_it_reads_no_transcript_into_a_quotation_that_opens_with_a_name():
    claims = attributed_text(
        "The mayor read out the letter.\n\n"
        "“Ann Lee: I will not stand again for the council in May,” she read.\n"
    )
    assert all(c.source is None or c.source.text != "Ann Lee" for c in claims)


@pytest.mark.parametrize(
    "after",
    ["” ― Ann Lee\n", "”― Ann Lee\n", "”\u00a0― Ann Lee\n", "” ―\u00a0Ann Lee\n",
     "” — Ann Lee\n"],
    ids=["spaced", "glued", "no-break space before", "no-break space after", "em dash"],
)  # fmt: skip
@pytest.mark.parametrize("opening", ["“", "”"], ids=["opened", "opened the wrong way"])
def test_it_reads_the_name_after_a_dash_as_the_source(after: str, opening: str):
    text = (
        "Readers wrote to us about the bridge.\n\n"
        + opening
        + "The bridge ruined the view from my kitchen and it cost far too much."
        + after
    )
    claim = next(c for c in attributed_text(text) if "kitchen" in c.text)
    assert claim.source is not None and claim.source.text == "Ann Lee"
    assert claim.cue is not None and claim.cue.text in ("―", "—")
    assert claim.text.startswith(opening + "The bridge")


def test_it_reads_a_paragraph_after_a_reporting_clause_and_colon_as_a_block_quote():
    claim = only(
        "The mayor answered her critics on Monday. On her blog, she wrote:\n\n"
        "The ferry will keep its winter timetable and the last sailing stays at "
        "nine.\n\nThe council meets on Friday.\n"
    )
    assert claim.source is not None and claim.source.text == "she"
    assert claim.cue is not None and claim.cue.text == "wrote:"
    assert claim.text == (
        "The ferry will keep its winter timetable and the last sailing stays at nine"
    )
    assert not claim.quoted_whole  # no marks: not shown as a direct quote


@pytest.mark.parametrize(
    "after",
    [
        "1. A new ferry timetable.\n2. A bridge toll.\n",  # a list
        "The ferry, he said, will keep its timetable all winter long.\n",
    ],
    ids=["a list", "a paragraph that reports on its own"],
)
def test_it_reads_no_block_quote_into_a_list_or_a_paragraph_that_reports(after: str):
    claims = attributed_text("The mayor wrote:\n\n" + after)
    assert all(c.cue is None or c.cue.text != "wrote:" for c in claims)


@pytest.mark.parametrize("dash", ["- ", "-", "— "], ids=["spaced", "glued", "em dash"])
def test_it_reads_a_quotation_signed_on_the_next_line(dash: str):
    claims = attributed_text(
        "Readers wrote to us about the bridge.\n\n"
        '"The bridge is ugly and it cost far too much for a town like ours."\n\n'
        f"{dash}Harbor master Jo Lee, tweeting after the opening.\n\n"
        "The council approved the budget for the ferry on Monday.\n\n"
        f"{dash}Amber Ortiz.\n"
    )
    (claim,) = [c for c in claims if c.cue is not None and c.cue.text in "-—"]
    assert claim.text.startswith('"The bridge is ugly')
    assert claim.source is not None and claim.source.text == "Harbor master Jo Lee"
    assert claim.speaker == "Jo Lee"  # not the byline after the council's news


_BRIDGE = (
    "<p>The mayor of Springfield opened the new harbour bridge on Monday after "
    "three years of work, to cheers from several hundred residents.</p>"
    "<p>Critics were quick to respond on social media, where the cost of the "
    "project has been debated for months.</p>"
)


@pytest.mark.parametrize(
    "tweet",
    [
        '<blockquote class="twitter-tweet"><p>The bridge cost twice what we were '
        'promised. <a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; '
        'Ann Lee (@annlee) <a href="https://x.com/annlee/status/1">June 3, 2024</a>'
        "</blockquote>",
        "<p>The bridge cost twice what we were promised. — Ann Lee (@annlee) "
        "June 3, 2024</p>",
    ],
    ids=["an embedded tweet", "a post signed in its paragraph"],
)
def test_it_attributes_a_post_to_the_author_who_signs_it(tweet: str):
    from claims.ingest.extract import extract

    page = f"<html><body><article>{_BRIDGE}{tweet}{_BRIDGE}</article></body></html>"
    text = extract(page, "https://example.com/bridge").text
    (claim,) = [c for c in attributed_text(text) if "twice" in c.text]
    assert claim.text == "The bridge cost twice what we were promised"
    assert claim.source is not None and claim.source.text == "Ann Lee (@annlee)"
    assert claim.cue is not None and claim.cue.text == "—"
    assert claim.speaker == "Ann Lee"
    assert claim.quoted_whole  # the author's own words: a direct quote


def test_it_reads_no_post_into_a_dash_before_a_bracket_that_is_no_handle():
    claims = attributed_text(
        "The bridge cost twice what was promised — the council (Springfield) "
        "says so itself.\n"
    )
    assert all(c.cue is None or c.cue.text != "—" for c in claims)


def test_it_reads_a_headline_in_title_case():
    claim = only("Mayor Jo Lee Blasts Council Over Budget Cuts.\n\nThe vote is today.")
    assert claim.source is not None and claim.source.text == "Mayor Jo Lee"
    assert claim.cue is not None and claim.cue.text == "Blasts"
    assert claim.text == "Council Over Budget Cuts"
    assert claim.speaker != "Jo Lee Blasts"


@pytest.mark.parametrize(
    "headline",
    [
        "Young Rural Voters Could Swing The Race In Ohio",
        "The Quiet Life Of A Small Town Reporter In Maine",
    ],
    ids=["a noun in -rs is no verb in -s", "a noun in -er is no verb"],
)
def test_it_reads_no_reporting_verb_into_a_headlines_noun(headline: str):
    claims = attributed_text(headline + ".\n\nThe vote is today.")
    assert all(c.cue is None or c.cue.text.lower() not in {"voters", "reporter"}
               for c in claims)  # fmt: skip


def test_it_reads_no_headline_into_an_ordinary_first_line():
    claims = attributed_text("The mayor spoke to the council.\n\nThe vote is today.")
    assert claims == []


def test_it_takes_a_poll_before_a_colon_as_the_source():
    claim = only("Poll: Lee leads the race in Ohio by six points.")
    assert claim.source is not None and claim.source.text == "Poll"
    assert claim.cue is not None and claim.cue.text == ":"


def test_it_takes_a_poll_as_the_source_of_its_findings():
    claims = attributed_text(
        "In a county poll released Monday, 40 percent of voters said they backed "
        "the new stadium."
    )
    poll = with_cue(claims, "In")[0]
    assert poll.source is not None
    assert poll.source.text == "a county poll released Monday"
    assert poll.text == "40 percent of voters said they backed the new stadium"


def test_it_leaves_a_quote_to_its_sentence_when_the_next_verb_has_its_own():
    claims = attributed_text(
        "The council called the plan “a reckless gamble with public money.” "
        "Mayor Ann Cole said the city would appeal the ruling."
    )
    said = with_cue(claims, "said")[0]
    assert said.text == "the city would appeal the ruling"
    called = with_cue(claims, "called")[0]
    assert called.text == "the plan “a reckless gamble with public money.”"


def test_it_reads_how_someone_put_it():
    claim = only(
        'As the coach put it, "We simply ran out of ideas in the second half."'
    )
    assert claim.source is not None and claim.source.text == "the coach"
    assert claim.cue is not None and claim.cue.text == "put it"
    assert claim.text == '"We simply ran out of ideas in the second half."'


def test_it_takes_no_question_word_for_a_surname():
    claims = attributed_text("When asked about the merger, she defended her decision.")
    asked = with_cue(claims, "asked about")[0]
    assert asked.source is None
    assert asked.text == "the merger"


# Expectations and reputations no one in the sentence holds; what was made clear.


def test_it_reads_a_reputation_without_a_source():
    claim = only("The senator is not known as a patient negotiator.")
    assert claim.source is None
    assert claim.cue is not None and claim.cue.text == "is not known as"
    assert [span.text for span in claim.content] == [
        "The senator",
        "a patient negotiator",
    ]


def test_it_reads_a_reputation_of_a_noun_it_describes():
    claim = only("A firm known for its aggressive ads has joined the race.")
    assert claim.cue is not None and claim.cue.text == "known for"
    assert [span.text for span in claim.content] == ["A firm", "its aggressive ads"]


def test_it_reads_how_someone_is_seen():
    claim = only("The mayor is widely seen as the favourite in the race.")
    assert claim.source is None
    assert claim.cue is not None and claim.cue.text == "is widely seen as"
    assert [span.text for span in claim.content] == [
        "The mayor",
        "the favourite in the race",
    ]


def test_it_reads_an_expectation_of_a_second_verb():
    claim = only(
        "She is moving to Denver but is expected to keep her seat on the board."
    )
    assert claim.source is None
    assert claim.cue is not None and claim.cue.text == "is expected"
    assert [span.text for span in claim.content] == [
        "She",
        "to keep her seat on the board",
    ]


def test_it_reads_an_expectation_about_whoever_a_relative_stands_for():
    claims = attributed_text(
        "The senator, who is widely expected to run for governor, voted against "
        "the bill."
    )
    expected = next(c for c in claims if c.cue and c.cue.text == "is widely expected")
    assert [span.text for span in expected.content] == ["who", "to run for governor"]


def test_it_reads_what_someone_made_clear():
    claim = only("He has made it clear that he will not resign.")
    assert claim.source is not None and claim.source.text == "He"
    assert claim.cue is not None and claim.cue.text == "has made it clear"
    assert claim.text == "that he will not resign"


def test_it_reads_nothing_into_making_a_thing():
    assert attributed_text("The chef made a cake for the party.") == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The mayor declined to comment on the report but used a press "
            "conference to reveal the bridge would close.",
            id="used-to-reveal",
        ),
        pytest.param(
            "The mayor declined to comment on the report but went on to say "
            "the bridge would close.",
            id="went-on-to-say",
        ),
    ],
)
def test_a_statement_stops_before_a_joined_verb_that_reports_another(text):
    first, second = attributed(analyse(text))
    assert first.text == "to comment on the report"
    assert second.text == "the bridge would close"


@pytest.mark.parametrize(
    ("text", "outer", "inner"),
    [
        pytest.param(
            "The council announced new fares as the mayor said the trams "
            "would run all night.",
            "new fares",
            "the trams would run all night",
            id="hung-on-the-verb",
        ),
        pytest.param(
            "The minister announced sanctions on two firms linked to the group "
            "as the premier said the country would not bend.",
            "sanctions on two firms linked to the group",
            "the country would not bend",
            id="inside-the-object",
        ),
    ],
)
def test_an_object_stops_before_a_statement_of_its_own(text, outer, inner):
    first, second = attributed(analyse(text))
    assert (first.text, second.text) == (outer, inner)


def test_a_reason_stays_with_the_stance_it_gives():
    (claim,) = attributed(
        analyse(
            "Senator Lee is backing the plan because she fears the bridge will close."
        )
    )
    assert claim.text == "the plan because she fears the bridge will close"
