from datetime import date

import pytest

from claims.ingest.extract import ExtractError, clean_text, extract
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
