"""Editors' claim matching in the browser: the match queue, the claim's
timeline, and splitting and merging claims."""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.ingest.store import store_analysis
from claims.models import Appearance, Article, Claim, ClaimMatch, Source
from claims.services import matching
from tests.conftest import _user
from tests.factories import analysis_of

pytestmark = pytest.mark.django_db

MINISTER = "Ana Ruiz"
REPEATER = "Tom Berg"
CRITIC = "Eva Lind"
WORDS = "the national debt has doubled since the last election in 2019"
EDITED = "the national debt has doubled since the last general election in 2019"
OTHER_YEAR = WORDS.replace("2019", "2017")
HOSTILE = "the budget <script>alert('x')</script> will balance by 2030"

_numbers = itertools.count()


def publish(outlet: str, day: str, said: list[tuple[str, str]]) -> Article:
    """An article of ``outlet`` published on ``day`` in which each (speaker,
    words) is one claim, stored as the pipeline stores an analysis."""
    text, analysis = analysis_of(said, direct=True, confidence=0.9)
    source, _ = Source.objects.get_or_create(name=outlet)
    article = Article.objects.create(
        title=f"{outlet}, {day}",
        text=text,
        origin="text",
        source=source,
        published_at=timezone.make_aware(datetime.fromisoformat(day)),
        status=Article.Status.ANALYSING,
        content_hash=f"test-{next(_numbers)}",
    )
    store_analysis(article, analysis, extractor_version="test")
    return article


def claim_in(article: Article) -> Claim:
    return article.appearances.get().claim


@pytest.fixture
def proposal(editor) -> dict:
    """A judged claim, and a newer one with another year waiting in the queue."""
    stored_in = publish("Daily Ledger", "2024-03-01", [(MINISTER, WORDS)])
    stored = claim_in(stored_in)
    stored.record_verdict(reviewer=editor, verdict="false", rationale="ONS data.")
    newer_in = publish("Evening Post", "2024-03-05", [(REPEATER, OTHER_YEAR)])
    return {
        "stored": stored,
        "newer": claim_in(newer_in),
        "newer_in": newer_in,
        "match": ClaimMatch.objects.get(),
    }


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- The match queue ------------------------------------------------------------


def test_it_shows_both_claims_side_by_side_with_what_changed(client, editor, proposal):
    client.force_login(editor)
    html = page(client, reverse("claims:matches"))
    match = proposal["match"]
    assert "1 pair to decide" in html
    assert f'id="match-{match.pk}"' in html
    # The newer words against the stored ones, both speakers, outlets and dates.
    assert "<del>2019</del> <ins>2017</ins>" in html
    assert WORDS in html
    assert MINISTER in html and REPEATER in html
    assert "first in Daily Ledger" in html and "1 Mar 2024" in html
    assert "first in Evening Post" in html and "5 Mar 2024" in html
    # How it was found, in words, and the stored claim's verdict.
    assert f"Nearly the same words: {round(match.score * 100)}% alike" in html
    assert "judged False" in html
    assert reverse("claims:match-accept", args=[match.pk]) in html
    assert reverse("claims:match-reject", args=[match.pk]) in html
    assert "csrfmiddlewaretoken" in html


def test_it_lists_newest_or_closest_first(client, editor, proposal):
    other = publish("Evening Post", "2024-03-06", [(CRITIC, "exports of steel fell")])
    closest = ClaimMatch.objects.create(
        claim=claim_in(other),
        claim_text="exports of steel fell",
        target=proposal["stored"],
        method="semantic",
        score=0.99,
        created_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(editor)
    newest = page(client, reverse("claims:matches"))
    assert newest.index(f"match-{proposal['match'].pk}") < newest.index(
        f"match-{closest.pk}"
    )
    by_score = page(client, reverse("claims:matches"), sort="score")
    assert by_score.index(f"match-{closest.pk}") < by_score.index(
        f"match-{proposal['match'].pk}"
    )
    assert "Same meaning in other words: 99% alike in meaning" in by_score


def test_accepting_merges_the_newer_claim_and_its_verdict_carries_over(
    client, editor, proposal
):
    client.force_login(editor)
    match, stored, newer = proposal["match"], proposal["stored"], proposal["newer"]
    response = client.post(reverse("claims:match-accept", args=[match.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("claims:matches")
    assert (
        f"Accepted: claim #{newer.pk} is now part of claim #{stored.pk}"
        in messages_of(response)[0]
    )
    assert not Claim.objects.filter(pk=newer.pk).exists()
    assert claim_in(proposal["newer_in"]) == stored
    assert Claim.objects.get(pk=stored.pk).verdict == "false"
    assert "Nothing to decide" in response.content.decode()

    decided = page(client, reverse("claims:matches"), show="decided")
    assert "Accepted by ed at" in decided
    assert "(merged since)" in decided and "<ins>2017</ins>" in decided


def test_rejecting_keeps_both_and_the_pair_is_remembered(client, editor, proposal):
    client.force_login(editor)
    match = proposal["match"]
    response = client.post(
        reverse("claims:match-reject", args=[match.pk]),
        {"next": reverse("claims:matches") + "?sort=score"},
    )
    assert response["Location"] == reverse("claims:matches") + "?sort=score"
    match.refresh_from_db()
    assert (match.status, match.decided_by) == ("rejected", editor)
    assert Claim.objects.count() == 2
    assert "Rejected by ed at" in page(
        client, reverse("claims:matches"), show="decided"
    )


def test_a_pair_another_editor_decided_is_not_decided_again(client, editor, proposal):
    ann = _user("ann", "editor")
    match = proposal["match"]
    matching.match_reject(match, ann)
    client.force_login(editor)
    response = client.post(reverse("claims:match-accept", args=[match.pk]), follow=True)
    assert response.status_code == 200
    assert messages_of(response) == [
        f"This pair was already rejected by ann at "
        f"{timezone.localtime(ClaimMatch.objects.get().decided_at):%H:%M on %d %b %Y}"
        "; nothing changed."
    ]
    match.refresh_from_db()
    assert (match.status, match.decided_by) == ("rejected", ann)
    assert Claim.objects.count() == 2

    # And rejecting a pair accepted since says so too.
    other = publish("Evening Post", "2024-03-07", [(CRITIC, "steel exports fell")])
    pair = ClaimMatch.objects.create(
        claim=claim_in(other),
        claim_text="steel exports fell",
        target=proposal["stored"],
        method="lexical",
        score=0.6,
    )
    matching.match_accept(pair, ann)
    response = client.post(reverse("claims:match-reject", args=[pair.pk]), follow=True)
    assert "already accepted by ann" in messages_of(response)[0]
    assert ClaimMatch.objects.get(pk=pair.pk).status == "accepted"
    assert claim_in(other) == proposal["stored"]


def test_a_pair_whose_newer_claim_is_gone_is_not_offered(client, editor, proposal):
    match = proposal["match"]
    Appearance.objects.filter(claim=proposal["newer"]).delete()
    proposal["newer"].delete()
    client.force_login(editor)
    assert f"match-{match.pk}" not in page(client, reverse("claims:matches"))
    response = client.post(reverse("claims:match-accept", args=[match.pk]), follow=True)
    assert "no longer exists" in messages_of(response)[0]


def test_journalists_and_visitors_may_not_see_or_decide_pairs(
    client, journalist, editor, proposal
):
    match = proposal["match"]
    accept = reverse("claims:match-accept", args=[match.pk])
    reject = reverse("claims:match-reject", args=[match.pk])
    for url in (accept, reject):
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("claims:matches")).status_code == 302

    client.force_login(journalist)
    assert client.get(reverse("claims:matches")).status_code == 403
    assert client.post(accept).status_code == 403
    assert client.post(reject).status_code == 403
    assert client.get(accept).status_code == 405
    assert ClaimMatch.objects.get().status == "proposed"
    assert Claim.objects.count() == 2
    # The queue is in the editors' menu only.
    assert reverse("claims:matches") not in page(client, reverse("claims:claims"))
    client.force_login(editor)
    assert reverse("claims:matches") in page(client, reverse("claims:claims"))
    queue_link = f'wait in the <a href="{reverse("claims:matches")}">match queue</a>'
    assert queue_link in page(client, reverse("claims:review-queue"))


def test_hostile_claim_text_is_escaped_in_the_queue_and_the_timeline(client, editor):
    publish("Daily Ledger", "2024-03-01", [(MINISTER, HOSTILE)])
    publish("Evening Post", "2024-03-02", [(REPEATER, HOSTILE + " or 2031")])
    later = publish(
        "Evening Post", "2024-03-03", [(CRITIC, HOSTILE.replace("2030", "2040"))]
    )
    # The same words but for their case: linked, with the changes shown.
    publish(
        "Morning Star", "2024-03-04", [(CRITIC, HOSTILE.replace("budget", "Budget"))]
    )
    assert ClaimMatch.objects.exists()
    client.force_login(editor)
    stored = Claim.objects.order_by("pk").first()
    for html in (
        page(client, reverse("claims:matches")),
        page(client, stored.get_absolute_url()),
        page(client, claim_in(later).get_absolute_url()),
    ):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    # The timeline's marked-up changes are escaped word by word.
    timeline = page(client, stored.get_absolute_url())
    assert "<del>budget</del> <ins>Budget</ins> &lt;script&gt;" in timeline


# --- The claim's timeline -----------------------------------------------------------


@pytest.fixture
def spread(editor) -> dict:
    """A claim said by a minister, repeated word for word, then reworded."""
    first = publish("Daily Ledger", "2024-03-01", [(MINISTER, WORDS)])
    again = publish("Evening Post", "2024-03-03", [(REPEATER, WORDS)])
    reworded = publish("Morning Star", "2024-03-04", [(MINISTER, EDITED)])
    claim = claim_in(first)
    assert claim_in(again) == claim_in(reworded) == claim
    return {"claim": claim, "first": first, "again": again, "reworded": reworded}


def test_the_timeline_shows_each_appearance_by_date_and_who_said_it(client, spread):
    claim = spread["claim"]
    html = page(client, claim.get_absolute_url())
    assert "Timeline: appears in 3 articles" in html
    order = [
        html.index(name) for name in ("Daily Ledger", "Evening Post", "Morning Star")
    ]
    assert order == sorted(order)
    first = spread["first"].appearances.get()
    assert (
        f'<li class="card appearance first-appearance" id="sighting-{first.pk}">'
        in html
    )
    assert html.count("First appearance") == 1
    assert "repeated by <a href=" in html and f">{REPEATER}</a>" in html
    assert html.count(f"said by {MINISTER}") == 2
    assert "Same wording as the first." in html
    assert "Wording against the first:" in html and "<ins>general</ins>" in html
    assert "matched: Same words" in html
    reworded = spread["reworded"].appearances.get()
    assert (
        f"matched: Nearly the same words: {round(reworded.match_score * 100)}%" in html
    )


def test_the_claim_page_says_which_judged_claim_it_may_be(client, proposal):
    stored, newer = proposal["stored"], proposal["newer"]
    html = page(client, newer.get_absolute_url())
    link = f'<a href="{stored.get_absolute_url()}">claim #{stored.pk}</a>'
    assert f"Possibly the same as {link}" in html
    assert "judged False" in html
    assert "found when this claim was stored" in html
    # Visitors see it, but not the buttons.
    assert reverse("claims:match-accept", args=[proposal["match"].pk]) not in html
    html = page(client, stored.get_absolute_url())
    assert f"claim #{newer.pk}</a> — " in html and "not judged yet" in html


def test_an_editor_accepts_from_the_claim_page_and_lands_on_the_merged_claim(
    client, editor, proposal
):
    client.force_login(editor)
    match, stored, newer = proposal["match"], proposal["stored"], proposal["newer"]
    html = page(client, newer.get_absolute_url())
    assert reverse("claims:match-accept", args=[match.pk]) in html
    response = client.post(
        reverse("claims:match-accept", args=[match.pk]),
        {"next": stored.get_absolute_url()},
    )
    assert response["Location"] == stored.get_absolute_url()
    html = page(client, stored.get_absolute_url())
    assert "Timeline: appears in 2 articles" in html and "Possibly the same" not in html
    # The newer claim's appearance says how it joined, with its changed words.
    assert "matched: Joined by an editor" in html and "<ins>2017</ins>" in html


# --- Split and merge ------------------------------------------------------------------


def split(client, claim: Claim, *appearances: Appearance, version=None):
    return client.post(
        reverse("claims:claim-split", args=[claim.pk]),
        {
            "version": version or claim.version,
            "appearance": [a.pk for a in appearances],
        },
    )


def test_an_editor_splits_a_wrong_link_off(client, editor, spread):
    claim = spread["claim"]
    client.force_login(editor)
    html = page(client, claim.get_absolute_url())
    moved = spread["reworded"].appearances.get()
    assert f'name="appearance" value="{moved.pk}" form="split-form"' in html
    response = split(client, claim, moved)
    twin = claim_in(spread["reworded"])
    assert twin != claim and twin.text == EDITED
    assert response["Location"] == twin.get_absolute_url()
    html = page(client, twin.get_absolute_url())
    assert f"1 appearance of claim #{claim.pk} now make this claim" in html
    assert claim.appearances.count() == 2
    assert ClaimMatch.objects.get(claim=twin, target=claim).status == "rejected"
    decided = page(client, reverse("claims:matches"), show="decided")
    assert "Split apart by an editor" in decided and "Rejected by ed at" in decided


def test_a_split_the_service_refuses_says_why(client, editor, spread):
    claim = spread["claim"]
    client.force_login(editor)
    response = split(client, claim)
    assert response.status_code == 200
    assert "Tick the appearances to split off" in response.content.decode()
    everything = list(claim.appearances.all())
    response = split(client, claim, *everything)
    html = response.content.decode()
    assert "Leave at least one appearance with the claim." in html
    assert "Nothing was split or merged" in html
    assert claim.appearances.count() == 3


def test_a_split_of_a_claim_changed_meanwhile_is_a_conflict(client, editor, spread):
    claim = spread["claim"]
    seen = claim.version
    claim.record_verdict(reviewer=_user("ann", "editor"), verdict="misleading")
    moved = spread["reworded"].appearances.get()
    client.force_login(editor)
    response = split(client, claim, moved, version=seen)
    assert response.status_code == 409
    html = response.content.decode()
    assert "This claim changed while you were looking at it" in html
    assert f'value="{moved.pk}" form="split-form" checked' in html
    assert f'name="version" value="{seen + 1}"' in html
    assert claim.appearances.count() == 3


def merge(client, claim: Claim, into: str, *, confirm: bool, version=None):
    data = {"version": version or claim.version, "into": into}
    if confirm:
        data["confirm"] = "1"
    return client.post(reverse("claims:claim-merge", args=[claim.pk]), data)


def test_an_editor_merges_a_claim_after_seeing_both(client, editor, proposal):
    stored, newer = proposal["stored"], proposal["newer"]
    client.force_login(editor)
    response = merge(
        client, newer, f"http://testserver{stored.get_absolute_url()}", confirm=False
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Merge claim #{newer.pk} into claim #{stored.pk}?" in html
    assert "<del>2019</del> <ins>2017</ins>" in html and "judged False" in html
    assert Claim.objects.filter(pk=newer.pk).exists()

    response = merge(client, newer, f"#{stored.pk}", confirm=True)
    assert response["Location"] == stored.get_absolute_url()
    assert not Claim.objects.filter(pk=newer.pk).exists()
    assert claim_in(proposal["newer_in"]) == stored
    # The pair of the two waiting in the queue is decided by the merge.
    match = ClaimMatch.objects.get()
    assert (match.status, match.decided_by, match.claim_text) == (
        "accepted",
        editor,
        OTHER_YEAR,
    )
    html = page(client, stored.get_absolute_url())
    assert f"Merged: claim #{newer.pk} is now part of this claim" in html
    assert "Timeline: appears in 2 articles" in html
    decided = page(client, reverse("claims:matches"), show="decided")
    assert "Accepted by ed at" in decided


@pytest.mark.parametrize(
    ("into", "error"),
    [
        ("yesterday's claim", "Give the other claim&#x27;s number"),
        ("#999999", "There is no claim #999999."),
        ("self", "That is this claim; give the other one."),
    ],
)
def test_a_merge_into_no_other_claim_says_why(client, editor, proposal, into, error):
    newer = proposal["newer"]
    client.force_login(editor)
    into = str(newer.pk) if into == "self" else into
    response = merge(client, newer, into, confirm=True)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Claim.objects.count() == 2


def test_a_merge_into_a_claim_merged_away_names_where_it_went(client, editor, proposal):
    third = claim_in(
        publish("Morning Star", "2024-03-09", [(CRITIC, "steel exports fell")])
    )
    gone = third.pk
    matching.claim_merge(claim=third, into=proposal["stored"], editor=editor)
    record = ClaimMatch.objects.get(method="editor")  # no pair of the two waited
    assert (record.status, record.decided_by, record.claim) == (
        "accepted",
        editor,
        None,
    )
    client.force_login(editor)
    decided = page(client, reverse("claims:matches"), show="decided")
    assert "Merged by an editor" in decided and "steel exports fell" in decided
    response = merge(client, proposal["newer"], f"#{gone}", confirm=True)
    assert (
        f"Claim #{gone} was merged into claim #{proposal['stored'].pk}; give that one."
        in response.content.decode()
    )


def test_a_merge_of_a_claim_changed_meanwhile_is_a_conflict(client, editor, proposal):
    stored, newer = proposal["stored"], proposal["newer"]
    seen = newer.version
    newer.record_verdict(reviewer=_user("ann", "editor"), verdict="verified")
    client.force_login(editor)
    for confirm in (False, True):
        response = merge(client, newer, f"#{stored.pk}", confirm=confirm, version=seen)
        assert response.status_code == 409
        html = response.content.decode()
        assert "nothing was split or merged" in html
        assert f'value="#{stored.pk}"' in html  # the editor's input is kept
    assert Claim.objects.filter(pk=newer.pk).exists()


def test_journalists_and_visitors_may_not_split_or_merge(client, journalist, spread):
    claim = spread["claim"]
    moved = spread["reworded"].appearances.get()
    assert split(client, claim, moved).status_code == 302  # to the login page
    client.force_login(journalist)
    assert split(client, claim, moved).status_code == 403
    other = claim_in(publish("Morning Star", "2024-03-09", [(CRITIC, "steel fell")]))
    assert merge(client, other, f"#{claim.pk}", confirm=True).status_code == 403
    html = page(client, claim.get_absolute_url())
    assert "split-form" not in html and "Compare, then merge" not in html
    assert claim.appearances.count() == 3
    assert Claim.objects.filter(pk=other.pk).exists()


def test_a_claim_repeated_more_than_the_page_shows_says_how_many(client, settings):
    settings.TIMELINE_LIMIT = 2
    for day in ("2024-03-01", "2024-03-02", "2024-03-03"):
        publish(f"Outlet {day}", day, [(MINISTER, WORDS)])
    claim = Claim.objects.get()
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "appears in 3 articles" in page
    assert "Showing the first 2" in page
    assert "Outlet 2024-03-02" in page
    assert "Outlet 2024-03-03" not in page


def test_the_timeline_reads_only_a_window_of_long_articles():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.services import matching as service

    article = publish("Daily Ledger", "2024-03-01", [(MINISTER, WORDS)])
    appearance = article.appearances.get()
    pad = "Filler sentence number one goes here. " * 300  # 11,400 characters
    shift = len(pad) + len("Before it came this. ")
    article.text = (
        pad + "Before it came this. " + article.text + " After it came that. " + pad
    )
    article.save(update_fields=["text"])
    appearance.start += shift
    appearance.end += shift
    appearance.content_spans = [
        [s + shift, e + shift] for s, e in appearance.content_spans
    ]
    appearance.save()

    claim = appearance.claim
    with CaptureQueriesContext(connection) as queries:
        (sighting,) = service.timeline(claim)
    assert sighting.words == WORDS
    assert sighting.passage.before == "Before it came this."
    assert sighting.passage.after == "After it came that."
    # The article's text is read only inside SUBSTR(...).
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert re.findall(r'"claims_article"\."text"', sql)
    assert not re.findall(r'(?<!\()"claims_article"\."text"', sql)


def test_the_timeline_shows_the_last_sentence_of_a_text_that_ends_in_the_window():
    from claims.services import matching as service

    article = publish("Daily Ledger", "2024-03-01", [(MINISTER, WORDS)])
    appearance = article.appearances.get()
    pad = "Filler sentence number one goes here. " * 300
    shift = len(pad)
    article.text = pad + article.text + " The very last words."
    article.save(update_fields=["text"])
    appearance.start += shift
    appearance.end += shift
    appearance.content_spans = [
        [s + shift, e + shift] for s, e in appearance.content_spans
    ]
    appearance.save()
    (sighting,) = service.timeline(appearance.claim)
    assert sighting.words == WORDS
    assert sighting.passage.after == "The very last words."
    assert sighting.passage.before == "Filler sentence number one goes here."
