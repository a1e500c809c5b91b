from datetime import UTC, date, datetime

import pytest

from claims.ingest.extract import ExtractError, clean_text, drop_promotions, extract
from tests.conftest import DATA

TRAILERS = ("Source link", "Related Articles", "Back to top button")


def test_it_drops_trailer_lines_from_pasted_text(seed_text):
    assert all(t in seed_text for t in TRAILERS)  # the raw demo text carries them
    cleaned = clean_text(seed_text)
    assert not any(t in cleaned for t in TRAILERS)
    assert "Sorting by" not in cleaned
    assert cleaned.startswith("China spied on MPs emails")
    assert cleaned.endswith("on which we all depend.”")


def test_it_keeps_paragraphs_apart_and_normalises_whitespace():
    cleaned = clean_text("First  para\r\nline\u00a0two\r\n\r\n\r\nSecond para\n   \n")
    assert cleaned == "First para\n\nline two\n\nSecond para"


def test_it_keeps_a_sentence_that_merely_mentions_a_trailer_phrase():
    line = "He said the related articles were removed from the site."
    assert clean_text(line) == line


def test_it_extracts_text_and_metadata_from_a_news_page():
    html = (DATA / "seed-article.html").read_text(encoding="utf-8")
    result = extract(
        html, "https://news.example.co.uk/politics/china-spied-on-mps-emails"
    )
    assert result.title == (
        "China spied on MPs emails and used UK elections data to target defectors"
    )
    assert result.byline == "Example Political Staff"
    assert result.published_at is not None
    assert result.published_at.date() == date(2024, 3, 25)
    assert result.site_name == "The Daily Example"
    assert result.canonical_url.endswith("/politics/china-spied-on-mps-emails")
    assert "Deputy Prime Minister Oliver Dowden has revealed" in result.text
    assert "on which we all depend" in result.text
    for junk in (
        *TRAILERS,
        "Minister says new rules",
        "dataLayer",
        "All rights reserved",
    ):
        assert junk not in result.text


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html><body><nav><a href='/'>Home</a></nav></body></html>"],
)
def test_it_refuses_pages_without_article_text(html):
    with pytest.raises(ExtractError):
        extract(html)


def _promo_page():
    return extract((DATA / "promo-article.html").read_text(encoding="utf-8"))


def test_it_keeps_the_story_and_drops_the_site_furniture_around_it():
    text = _promo_page().text
    assert text.startswith("Councillors voted 31 to 9 on Tuesday night")
    assert text.endswith("with room to raise it by half a metre as sea levels rise.")
    for junk in (
        "Harbour council approves flood barrier",  # the headline, kept in title
        "should be finished by 2027",  # the standfirst
        "Updated at",
        "Read more",
        "Ferry operator confirms new winter route",  # a link-only paragraph
        "FERRY FARES TO RISE",  # an all-capitals link to another story
        "Morning Ledger newsletter",
        "Reporting by",
        "may earn a commission",
        "Share this article",
        "Follow us on Facebook",
        "All rights reserved",
        "Bridge repairs",
    ):
        assert junk not in text


def test_it_keeps_quoted_and_reported_sentences_that_sound_like_prompts():
    text = _promo_page().text
    assert "Sign up for the warning texts, by all means" in text
    assert "The association’s newsletter told subscribers last month" in text


@pytest.mark.parametrize(
    "paragraph",
    [
        "The newsletter reached 10,000 readers last year.",
        "Her inbox was flooded with threats after the vote.",
        "If you just want the basic plan, you can sign up for a free trial.",
        "He would never miss a council meeting.",
        "Related parties held 12% of the shares.",
    ],
)
def test_it_keeps_prose_that_mentions_prompt_words(paragraph):
    text = f"Councillors voted on Tuesday.\n\n{paragraph}"
    assert drop_promotions(text) == text


def test_it_reads_metadata_from_json_ld():
    result = _promo_page()
    assert result.title == "Harbour council approves flood barrier after two-year delay"
    assert result.byline == "Mara Ellison"
    assert result.site_name == "Riverside Ledger"
    assert result.canonical_url == (
        "https://ledger.example.org/local/harbour-flood-barrier"
    )
    assert result.published_at == datetime(
        2024, 5, 14, 6, 45, tzinfo=UTC
    )  # 07:45 at +01:00, not midnight


def test_it_accepts_an_article_in_a_script_written_without_spaces():
    html = (DATA / "japanese-article.html").read_text(encoding="utf-8")
    result = extract(html)
    assert result.text.startswith("市の図書館は来月から")
    assert "夕方六時までです。" in result.text
    assert result.title == "市の図書館が夜九時まで開くことになりました"


def test_it_drops_comment_and_related_labels_from_pasted_text():
    cleaned = clean_text("First para\nComments\nYou may also like:\nLast para")
    assert cleaned == "First para\n\nLast para"


def _page_declaring(head: str, html_attrs: str = "") -> str:
    body = " ".join(["The council met on Tuesday and approved the new budget."] * 6)
    return (
        f"<html{html_attrs}><head><title>Budget approved</title>{head}</head>"
        f"<body><article><h1>Budget approved</h1><p>{body}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("html", "language"),
    [
        (_page_declaring("", ' lang="en-gb"'), "en-GB"),
        (_page_declaring('<meta property="og:locale" content="fr_FR">'), "fr-FR"),
        (
            _page_declaring(
                '<script type="application/ld+json">{"@type": "NewsArticle",'
                ' "headline": "Budget approved", "inLanguage": "de"}</script>',
                ' lang="en"',
            ),
            "de",
        ),
        (_page_declaring("", ' lang="not a language"'), ""),
        (_page_declaring(""), ""),
    ],
)
def test_it_reads_the_language_the_page_declares(html, language):
    assert extract(html).language == language


def test_the_seed_article_is_in_british_english():
    html = (DATA / "seed-article.html").read_text(encoding="utf-8")
    assert extract(html).language == "en-GB"
