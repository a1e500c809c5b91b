"""The sentence before and after a claim, from the stored article text."""

from claims.context import passage, sentence_bounds


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_bounds(text)]


def test_it_splits_sentences_at_stops_line_breaks_and_closing_quotes():
    text = 'He said "we will win." Then they left!\nA new paragraph? Yes.'
    assert sentences(text) == [
        'He said "we will win."',
        "Then they left!",
        "A new paragraph?",
        "Yes.",
    ]


def test_it_keeps_abbreviations_and_initials_inside_the_sentence():
    text = "Dr. Jones met U.S. officials. J. K. Smith agreed, e.g. on trade. Done."
    assert sentences(text) == [
        "Dr. Jones met U.S. officials.",
        "J. K. Smith agreed, e.g. on trade.",
        "Done.",
    ]


def test_it_gives_the_sentence_before_and_after_the_claim():
    text = "First point. The minister said taxes will fall. Critics disagreed."
    start = text.index("taxes")
    got = passage(text, start, start + len("taxes will fall"))
    assert got.before == "First point."
    assert got.lead == "The minister said "
    assert got.quote == "taxes will fall"
    assert got.trail == "."
    assert got.after == "Critics disagreed."


def test_a_claim_at_the_edges_of_the_text_has_nothing_before_or_after():
    text = "Taxes will fall, he said."
    got = passage(text, 0, 15)
    assert (got.before, got.lead, got.quote, got.after) == (
        "",
        "",
        "Taxes will fall",
        "",
    )
    assert got.trail == ", he said."


def test_a_claim_spanning_two_sentences_keeps_both_in_the_middle():
    text = "Intro. One thing. Another thing. Outro."
    start, end = text.index("One"), text.index("Another") + len("Another")
    got = passage(text, start, end)
    assert got.before == "Intro."
    assert got.lead + got.quote + got.trail == "One thing. Another thing."
    assert got.after == "Outro."


def test_offsets_outside_the_text_give_nothing():
    assert passage("Short.", 3, 50) is None
    assert passage("Short.", 4, 4) is None
    assert passage("Short.", -1, 2) is None


def test_it_finds_the_context_of_a_quote_in_the_seed_article(seed_text):
    quote = "will not tolerate malicious cyber activity"
    start = seed_text.index(quote)
    got = passage(seed_text, start, start + len(quote))
    assert got.lead.startswith("Foreign Secretary Lord Cameron announced sanctions")
    assert got.before.startswith("An unnamed state-affiliated “cyber entity”")
    assert got.before.endswith("ministers said.")
    assert got.after.startswith("Lord Cameron added:")


def test_in_a_window_cut_sentences_are_not_shown_as_before_or_after():
    text = "Taxes rose. The minister said taxes will fall. Critics disagreed."
    window = text[5:-4]  # cut inside the first and the last sentence
    offset = 5
    start = text.index("taxes will fall")
    got = passage(
        window,
        start - offset,
        start - offset + len("taxes will fall"),
        cut_before=True,
        cut_after=True,
    )
    assert (got.before, got.after) == ("", "")
    assert got.lead == "The minister said "
    assert got.quote == "taxes will fall"
    # The whole text gives the full sentences around it.
    whole = passage(text, start, start + len("taxes will fall"))
    assert (whole.before, whole.after) == ("Taxes rose.", "Critics disagreed.")
