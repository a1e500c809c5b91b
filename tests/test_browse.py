"""Reading a claim, an article, an actor and an outlet; query counts that stay flat."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Appearance, Claim, Mention, Review, Source
from tests.factories import (
    appear,
    make_actor,
    make_article,
    make_claim,
    refresh_search,
)

TEXT = (
    "Ministers met on Monday. The minister said taxes will fall next year. "
    "Critics disagreed at once.\n\nA second paragraph follows."
)


@pytest.fixture
def story(db):
    source = Source.objects.create(name="Example Herald")
    minister = make_actor("Rachel Reeves", "Ms Reeves")
    article = make_article(
        "Taxes to fall",
        source=source,
        text=TEXT,
        published="2024-03-06",
        url="https://herald.example/taxes",
        raw_html='<html><script>alert("x")</script><p>Taxes</p></html>',
    )
    claim = make_claim(
        "taxes will fall next year", claimant=minister, articles=(article,), cue="said"
    )
    refresh_search()
    return {"source": source, "minister": minister, "article": article, "claim": claim}


# --- A claim --------------------------------------------------------------------


def test_the_claim_page_shows_the_sentence_before_and_after(client, story):
    page = client.get(story["claim"].get_absolute_url()).content.decode()
    assert "Ministers met on Monday." in page
    assert "The minister said <mark" in page
    assert ">taxes will fall next year</mark>." in page
    assert "Critics disagreed at once." in page
    assert "cue “said”" in page
    minister = story["minister"]
    assert f'<a class="speaker" href="{minister.get_absolute_url()}">' in page


def test_the_claim_page_links_the_original_and_the_snapshot(client, story):
    article = story["article"]
    page = client.get(story["claim"].get_absolute_url()).content.decode()
    assert (
        '<a href="https://herald.example/taxes" rel="noopener noreferrer nofollow"'
        in page
    )
    assert reverse("claims:article-snapshot", args=[article.pk]) in page
    assert '<a href="/sources/' in page and "Example Herald" in page
    assert "6 Mar 2024" in page


def test_the_verdict_history_shows_rationales_and_only_web_evidence(
    client, story, editor
):
    claim = story["claim"]
    claim.record_verdict(
        reviewer=editor,
        verdict="misleading",
        rationale="The forecast says <b>flat</b>.",
        evidence=[
            {"url": "https://obr.example/forecast", "title": "OBR forecast"},
            {"url": "javascript:alert(1)", "title": "Click me"},
            {"url": "data:text/html,<script>", "title": "Data"},
            "not a link",
        ],
    )
    claim.record_verdict(reviewer=editor, verdict="in_review", rationale="Again.")
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "The forecast says &lt;b&gt;flat&lt;/b&gt;." in page
    assert '<a href="https://obr.example/forecast"' in page
    assert "OBR forecast" in page
    assert "javascript:" not in page
    assert "data:text" not in page
    assert "Click me" not in page
    assert page.index("Again.") < page.index("The forecast says")  # newest first


def test_the_claim_page_keeps_the_editors_panels(client, story):
    from django.template.loader import get_template

    source = get_template("claims/claim_detail.html").template.source
    assert '{% include "claims/_review_panel.html" %}' in source
    assert '{% include "claims/_annotations_panel.html" %}' in source


# --- The snapshot ---------------------------------------------------------------


def test_the_snapshot_is_a_plain_text_download_never_html(client, story):
    article = story["article"]
    response = client.get(reverse("claims:article-snapshot", args=[article.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response.content.decode() == article.raw_html


def test_an_article_without_a_snapshot_has_none_to_download(client, db):
    article = make_article("Pasted", text="Some text.")
    response = client.get(reverse("claims:article-snapshot", args=[article.pk]))
    assert response.status_code == 404
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Stored snapshot" not in page


def test_the_snapshot_follows_the_reading_rules(client, story, settings):
    settings.PUBLIC_READ = False
    url = reverse("claims:article-snapshot", args=[story["article"].pk])
    assert client.get(url).status_code == 302


# --- An article -----------------------------------------------------------------


def test_the_article_marks_claims_by_verdict_with_a_focusable_speaker(client, story):
    claim, article = story["claim"], story["article"]
    Claim.objects.filter(pk=claim.pk).update(verdict="false")
    appearance = claim.appearances.get()
    page = client.get(article.get_absolute_url()).content.decode()
    mark = re.search(r"<mark [^>]*>taxes will fall next year</mark>", page).group()
    assert 'class="content verdict-false"' in mark
    assert 'tabindex="0"' in mark
    assert 'title="Rachel Reeves"' in mark
    assert 'data-speaker="Rachel Reeves · False"' in mark
    assert "claim by Rachel Reeves, false" in mark
    assert f'id="ap-{appearance.pk}"' in mark
    assert f'href="#ap-{appearance.pk}"' in page  # the panel links to it
    assert "Example Herald" in page
    assert "6 March 2024" in page
    assert 'href="https://herald.example/taxes" rel="noopener noreferrer nofollow"' in (
        page
    )


def test_the_panel_lists_claims_in_reading_order(client, story):
    article = story["article"]
    later = make_claim("A second paragraph follows", articles=(article,))
    page = client.get(article.get_absolute_url()).content.decode()
    panel = page[page.index('class="claim-panel"') :]
    first = panel.index("taxes will fall next year")
    second = panel.index(later.text)
    assert first < second
    assert "2 claims" in panel


def test_the_panel_says_how_much_of_each_claim_is_quoted(client, story):
    article = story["article"]
    appearance = story["claim"].appearances.get()
    Appearance.objects.filter(pk=appearance.pk).update(
        is_direct=False,
        found_by="clause+quoted/unnamed",
        source_text="The minister",
    )
    Claim.objects.filter(pk=story["claim"].pk).update(claimant=None)
    unattributed = make_claim("Critics disagreed at once", direct=False)
    appear(unattributed, article, direct=False)
    page = client.get(article.get_absolute_url()).content.decode()
    panel = page[page.index('class="claim-panel"') :]
    rows = panel.split('class="claim-row"')[1:]
    assert '<span class="quotation">partly quoted</span>' in rows[0]
    # No named speaker: the source as written stands in for one.
    assert "source “The minister”" in rows[0]
    assert '<span class="quotation">not attributed</span>' in rows[1]
    assert "No speaker" in rows[1]


def test_lists_show_the_source_as_written_when_no_speaker_is_named(
    client, editor, story
):
    described = make_claim("Critics disagreed at once", articles=(story["article"],))
    described.appearances.update(source_text="Critics")
    make_claim("A second paragraph follows", articles=(story["article"],))

    def row_of(page, text):
        row = page[page.index(text) :]
        return row[: row.index("</li>")]

    client.force_login(editor)
    for url in [
        reverse("claims:claims"),
        reverse("claims:review-queue"),
        reverse("claims:home"),
    ]:
        page = client.get(url).content.decode()
        assert "source “Critics”" in row_of(page, "Critics disagreed at once"), url
        assert "No speaker" in row_of(page, "A second paragraph follows"), url
        # A named speaker is shown as such, not by the words that named them.
        assert "Rachel Reeves" in row_of(page, "taxes will fall next year"), url


def test_lists_give_words_pointing_back_the_verb_that_took_them(client, editor, story):
    pointing = make_claim("the claims", articles=(story["article"],), cue="denied")
    Claim.objects.filter(pk=pointing.pk).update(scope_article_id=story["article"].pk)
    client.force_login(editor)
    for url in [reverse("claims:claims"), reverse("claims:review-queue")]:
        page = client.get(url).content.decode()
        assert '">denied</span> the claims</a>' in page, url
        # A claim that stands alone is shown by its own words only.
        assert '">said</span>' not in page, url


def test_a_claim_split_in_pieces_has_one_keyboard_stop(client, story):
    article, claim = story["article"], story["claim"]
    appearance = claim.appearances.get()
    start = TEXT.index("taxes")
    Appearance.objects.filter(pk=appearance.pk).update(
        content_spans=[[start, start + 5], [start + 11, start + 25]],
        cue_start=start - 5,
        cue_end=start - 1,
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('tabindex="0"') == 1
    assert page.count('class="content verdict-unreviewed"') >= 2
    assert '<mark class="cue verdict-unreviewed"' in page


# --- An actor -------------------------------------------------------------------


def test_the_actor_page_shows_aliases_track_record_and_co_mentions(client, db):
    hunt = make_actor("Jeremy Hunt", "Mr Hunt", "Chancellor")
    others = [make_actor(f"Person {i:02d}") for i in range(12)]
    articles = [make_article(f"Story {i}") for i in range(12)]
    for i, article in enumerate(articles):
        Mention.objects.create(actor=hunt, article=article)
        # Person 00 shares 12 articles, Person 01 shares 11, ...
        for other in others[: 12 - i]:
            Mention.objects.create(actor=other, article=article)
    verdicts = ["verified", "verified", "false", "misleading", "unreviewed"]
    for i, verdict in enumerate(verdicts):
        make_claim(f"Claim number {i}", claimant=hunt, verdict=verdict)
    make_claim("Someone else's claim", claimant=others[0], verdict="false")

    page = client.get(hunt.get_absolute_url()).content.decode()
    assert "Also named: Mr Hunt, Chancellor" in page
    assert "Person" in page and "<small>Person</small>" in page
    tally = dict(
        re.findall(
            r'<span class="badge verdict-(\w+)">[^<]+</span></th>'
            r"<td>(?:<a [^>]+>)?(\d+)",
            page,
        )
    )
    assert tally == {
        "unreviewed": "1",
        "in_review": "0",
        "verified": "2",
        "misleading": "1",
        "false": "1",
        "unverifiable": "0",
    }
    with_section = page[page.index('id="with-heading"') :]
    named = re.findall(r'<li><a href="/actors/\d+/">([^<]+)</a>', with_section)
    assert named == [f"Person {i:02d}" for i in range(10)]
    assert "12 shared articles" in with_section
    assert "Someone else" not in page


def test_the_actor_page_pages_through_claims(client, db):
    actor = make_actor("Busy Speaker")
    for i in range(55):
        make_claim(f"Claim {i:03d}", claimant=actor)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Page 1 of 2" in page
    assert page.count('class="claim-row"') == 50
    second = client.get(actor.get_absolute_url(), {"page": 2}).content.decode()
    assert second.count('class="claim-row"') == 5


# --- An outlet ------------------------------------------------------------------


def test_the_outlet_page_lists_its_articles_and_claims(client, story):
    source = story["source"]
    elsewhere = make_article("Elsewhere", source=Source.objects.create(name="Other"))
    make_claim("Not from the Herald", articles=(elsewhere,))
    page = client.get(source.get_absolute_url()).content.decode()
    assert "Taxes to fall" in page
    assert "taxes will fall next year" in page
    assert "Not from the Herald" not in page
    assert "Elsewhere" not in page
    assert f"/claims/?outlet={source.pk}" in page


def test_the_outlet_page_pages_claims_and_articles_separately(client, story):
    source, article = story["source"], story["article"]
    for i in range(52):
        make_claim(f"Herald claim {i:03d}", articles=(article,))
    page = client.get(source.get_absolute_url()).content.decode()
    assert "claims_page=2" in page
    second = client.get(source.get_absolute_url(), {"claims_page": 2}).content.decode()
    assert second.count('class="claim-row"') == 3
    assert "Taxes to fall" in second  # the articles stay on their first page


# --- Query counts stay flat as data grows --------------------------------------


def build(n: int, *, start: int, source, actor, article, editor) -> None:
    """``n`` claims by ``actor`` in articles of ``source``, each appearing twice,
    reviewed, and ``n`` co-mentioned actors."""
    for i in range(start, start + n):
        mine = make_article(f"Story {i}", source=source, url=f"https://x.example/{i}")
        claim = make_claim(f"Claim {i} about hackers", claimant=actor, articles=(mine,))
        appear(claim, article)
        Review.objects.create(claim=claim, reviewer=editor, verdict="verified")
        other = make_actor(f"Other {i}")
        Mention.objects.bulk_create(
            [
                Mention(actor=actor, article=mine),
                Mention(actor=other, article=mine),
            ]
        )
        # The claim page of the first claim grows too: more appearances, reviews.
        if i:
            first = Claim.objects.order_by("pk").first()
            appear(first, mine)
            Review.objects.create(claim=first, reviewer=editor, verdict="false")
    refresh_search()


def queries(client, url: str, **params) -> int:
    cache.clear()  # facet counts and exact totals are cached: count the work
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(context)


def test_pages_issue_as_many_queries_for_200_rows_as_for_10(client, editor, db):
    client.force_login(editor)
    source = Source.objects.create(name="Example Herald")
    actor = make_actor("Oliver Dowden", "Mr Dowden")
    article = make_article("Big story", source=source, text="x" * 50)
    build(10, start=0, source=source, actor=actor, article=article, editor=editor)
    first = Claim.objects.order_by("pk").first()
    pages = [
        (reverse("claims:claims"), {}),
        (reverse("claims:claims"), {"q": "hackers", "sort": "relevance"}),
        (
            reverse("claims:claims"),
            {
                "speaker": actor.pk,
                "outlet": source.pk,
                "verdict": "verified",
                "date_from": "2000-01-01",
                "quote": "direct",
                "sort": "repeated",
                "min_checkworthiness": "0.1",
            },
        ),
        (reverse("claims:claims"), {"page": 2, "count": "exact"}),
        (reverse("claims:claim_facets"), {"verdict": "verified", "q": "hackers"}),
        (actor.get_absolute_url(), {}),
        (source.get_absolute_url(), {}),
        (first.get_absolute_url(), {}),
        (article.get_absolute_url(), {}),
        (reverse("claims:actors"), {}),
    ]
    small = [queries(client, url, **params) for url, params in pages]
    build(190, start=10, source=source, actor=actor, article=article, editor=editor)
    assert Claim.objects.count() == 200
    assert first.appearances.count() == 201
    large = [queries(client, url, **params) for url, params in pages]
    assert large == small
    # And few: the claims list is a handful, whatever the filters.
    assert small[0] <= 15, small


def test_a_claim_inside_another_keeps_its_own_mark(client, story):
    article, outer = story["article"], story["claim"]
    inner = make_claim("next year", articles=(article,))
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'data-claim="{inner.pk}" ' in page
    assert f'data-claim="{outer.pk}" ' in page
    assert re.search(rf'data-claim="{inner.pk}"[^>]*>next year</mark>', page)
