"""The review queue, taking a claim, and verdicts, as editors see them."""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from claims.models import (
    Actor,
    Appearance,
    Article,
    Claim,
    ClaimConflict,
    Review,
)
from claims.services import reviews
from tests.conftest import _user
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def place(
    claim: Claim, article: Article, *, start: int = 0, confidence=0.9, found_by=""
):
    return Appearance.objects.create(
        found_by=found_by,
        claim=claim,
        article=article,
        content_spans=[[start, start + 10]],
        start=start,
        end=start + 10,
        cue_text="said",
        confidence=confidence,
    )


@pytest.fixture
def other_editor(db):
    return _user("ann", "editor")


@pytest.fixture
def claim(db) -> Claim:
    dowden = Actor.objects.create(name="Oliver Dowden", kind="person")
    return make_claim("Hackers targeted the Electoral Commission.", claimant=dowden)


def review_data(claim: Claim, **fields) -> dict:
    data = {
        "version": claim.version,
        "verdict": "",
        "rationale": "",
        "evidence": "",
        "attribution": "",
        "attribution_note": "",
    }
    data.update(fields)
    return data


# --- The queue ---------------------------------------------------------------


def test_it_lists_claims_to_judge_most_checkworthy_first(client, editor, other_editor):
    low = make_claim("A claim few would check.", checkworthiness=0.2)
    high = make_claim("A claim everyone should check.", checkworthiness=0.9)
    taken = make_claim("A claim ann is on.", checkworthiness=0.5)
    judged = make_claim("A claim already judged.", checkworthiness=1.0)
    assert taken.take(other_editor)
    judged.record_verdict(reviewer=editor, verdict="false", rationale="No.")

    client.force_login(editor)
    page = client.get(reverse("claims:review-queue")).content.decode()
    assert page.index(high.text) < page.index(taken.text) < page.index(low.text)
    assert judged.text not in page
    assert "in review by ann" in page
    assert "3 to judge" in page


def test_it_keeps_flagging_unsure_attributions(client, editor):
    article = Article.objects.create(text="x" * 100, status="done")
    unsure = make_claim("The minister may have said this.")
    sure = make_claim("The minister certainly said this.")
    place(unsure, article, confidence=0.3)
    place(sure, article, start=20, confidence=0.95)
    client.force_login(editor)
    page = client.get(reverse("claims:review-queue")).content.decode()
    assert "unsure attribution · 0.30" in page
    assert "Unsure attribution (1)" in page
    flagged = client.get(reverse("claims:review-queue") + "?flag=low").content.decode()
    assert unsure.text in flagged
    assert sure.text not in flagged


def test_a_flag_says_how_the_least_certain_attribution_was_found(client, editor):
    article = Article.objects.create(text="x" * 100, status="done")
    unsure = make_claim("The plan will cost more than promised.")
    place(unsure, article, confidence=0.55, found_by="clause/none")
    place(unsure, article, start=20, confidence=0.47, found_by="noun/unnamed")
    place(unsure, article, start=40, confidence=0.95, found_by="quote+quoted/named")
    sure = make_claim("The bridge opened in May.")
    place(sure, article, start=60, confidence=0.91, found_by="clause/named")
    client.force_login(editor)
    page = client.get(reverse("claims:review-queue")).content.decode()
    row = page[page.index(unsure.text) :]
    row = row[: row.index("</li>")]
    assert "unsure attribution · 0.47" in row
    assert (
        "found as a noun of saying (“his claim that”), the speaker described, not named"
        in row
    )
    assert "a reporting clause" not in row
    assert page.count("found as ") == 2  # the badge's title and its hint, once


def test_it_filters_the_queue_like_the_browse_page(client, editor):
    dowden = Actor.objects.create(name="Oliver Dowden", kind="person")
    cameron = Actor.objects.create(name="Lord Cameron", kind="person")
    by_dowden = make_claim("China was behind the attack.", claimant=dowden)
    by_cameron = make_claim("We summoned the ambassador.", claimant=cameron)
    Claim.objects.all().refresh_search()
    client.force_login(editor)
    url = reverse("claims:review-queue")

    page = client.get(url, {"speaker": dowden.pk}).content.decode()
    assert by_dowden.text in page
    assert by_cameron.text not in page

    page = client.get(url, {"q": "ambassador"}).content.decode()
    assert by_cameron.text in page
    assert by_dowden.text not in page

    # htmx swaps only the list, with the filters out of band.
    response = client.get(url, {"speaker": cameron.pk}, HTTP_HX_REQUEST="true")
    part = response.content.decode()
    assert "<h1>" not in part
    assert by_cameron.text in part
    assert 'hx-swap-oob="true"' in part


# --- Taking a claim ----------------------------------------------------------


def test_an_editor_takes_a_claim_and_the_queue_shows_it_is_theirs(
    client, editor, claim
):
    client.force_login(editor)
    response = client.post(reverse("claims:claim-take", args=[claim.pk]))
    assert response.status_code == 302
    assert response["Location"] == claim.get_absolute_url()
    claim.refresh_from_db()
    assert claim.verdict == "in_review"
    assert claim.assigned_to == editor
    assert claim.assigned_at is not None
    page = client.get(reverse("claims:review-queue")).content.decode()
    assert "in review by you" in page
    assert "You are reviewing" in page


def test_the_second_editor_to_take_a_claim_sees_who_has_it(
    client, editor, other_editor, claim
):
    client.force_login(other_editor)
    client.post(reverse("claims:claim-take", args=[claim.pk]))
    client.force_login(editor)
    response = client.post(
        reverse("claims:claim-take", args=[claim.pk]),
        {"next": reverse("claims:review-queue")},
        follow=True,
    )
    page = response.content.decode()
    assert "ann took this claim first" in page
    assert "in review by ann" in page
    claim.refresh_from_db()
    assert claim.assigned_to == other_editor
    # The claim page tells them too.
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "In review</span>" in page and ">ann</strong>" in page


def test_take_is_a_conditional_update(editor, other_editor, claim):
    stale = Claim.objects.get(pk=claim.pk)
    assert claim.take(editor)
    assert not stale.take(other_editor)
    assert stale.assigned_to == editor  # the loser learns who has it
    assert Claim.objects.get(pk=claim.pk).assigned_to == editor


def test_an_editor_releases_a_claim(client, editor, other_editor, claim):
    claim.take(other_editor)
    client.force_login(editor)
    response = client.post(reverse("claims:claim-release", args=[claim.pk]))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.verdict == "unreviewed"
    assert claim.assigned_to is None
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Released from ann" in page
    assert "Nobody is reviewing this claim" in page


def test_a_judged_claim_cannot_be_taken(client, editor, claim):
    claim.record_verdict(reviewer=editor, verdict="verified", rationale="Yes.")
    client.force_login(editor)
    page = client.post(
        reverse("claims:claim-take", args=[claim.pk]), follow=True
    ).content.decode()
    assert "already judged (Verified)" in page
    assert Claim.objects.get(pk=claim.pk).verdict == "verified"


# --- Verdicts and attribution -----------------------------------------------


def test_an_editor_gives_a_verdict_with_evidence(client, editor, claim):
    claim.take(editor)
    client.force_login(editor)
    response = client.post(
        reverse("claims:claim-review", args=[claim.pk]),
        review_data(
            claim,
            verdict="verified",
            rationale="The NCSC confirmed it.",
            evidence="https://www.ncsc.gov.uk/news/apt31 NCSC advisory\n\n"
            "http://example.org/report",
        ),
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.reviewer == editor
    assert review.verdict == "verified"
    assert review.evidence == [
        {"url": "https://www.ncsc.gov.uk/news/apt31", "title": "NCSC advisory"},
        {"url": "http://example.org/report", "title": ""},
    ]
    claim.refresh_from_db()
    assert claim.verdict == "verified"
    assert claim.assigned_to is None  # saving a verdict ends the assignment
    assert claim.version == 3  # taken, then judged

    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Review saved: verdict Verified." in page
    assert "The NCSC confirmed it." in page
    assert 'href="https://www.ncsc.gov.uk/news/apt31"' in page
    assert "by ed" in page


def test_the_attribution_is_checked_on_its_own(client, editor, claim):
    client.force_login(editor)
    response = client.post(
        reverse("claims:claim-review", args=[claim.pk]),
        review_data(
            claim,
            attribution="misattributed",
            attribution_note="His office says the message was fake.",
        ),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.attribution_status == "misattributed"
    assert claim.verdict == "unreviewed"
    review = Review.objects.get()
    assert review.attribution == "misattributed"
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Attribution misattributed: His office says the message was fake." in page


def test_every_review_adds_a_row_and_none_is_overwritten(client, editor, claim):
    client.force_login(editor)
    url = reverse("claims:claim-review", args=[claim.pk])
    client.post(url, review_data(claim, verdict="misleading", rationale="Partly."))
    claim.refresh_from_db()
    client.post(url, review_data(claim, verdict="false", rationale="Wholly."))
    assert list(Review.objects.values_list("verdict", "rationale")) == [
        ("false", "Wholly."),
        ("misleading", "Partly."),
    ]
    assert Claim.objects.get(pk=claim.pk).verdict == "false"
    page = client.get(claim.get_absolute_url()).content.decode()
    assert page.index("Wholly.") < page.index("Partly.")


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({}, "Give a verdict, an attribution finding, or both."),
        ({"verdict": "false"}, "a verdict needs a rationale"),
        ({"attribution": "disputed"}, "Say how the attribution was checked."),
        (
            {
                "verdict": "false",
                "rationale": "x",
                "evidence": "javascript:alert(1) Click",
            },
            "must start with http:// or https://",
        ),
        ({"verdict": "in_review", "rationale": "x"}, "Select a valid choice"),
    ],
)
def test_it_refuses_an_incomplete_review_and_keeps_the_input(
    client, editor, claim, fields, error
):
    client.force_login(editor)
    data = review_data(claim, **fields)
    response = client.post(reverse("claims:claim-review", args=[claim.pk]), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Review.objects.exists()
    assert Claim.objects.get(pk=claim.pk).version == claim.version


def test_two_editors_saving_at_once(client, editor, other_editor, claim):
    url = reverse("claims:claim-review", args=[claim.pk])
    # Both load the claim page: the form carries version 1.
    client.force_login(editor)
    assert (
        'name="version" value="1"'
        in client.get(claim.get_absolute_url()).content.decode()
    )
    ann = type(client)()
    ann.force_login(other_editor)
    assert (
        'name="version" value="1"' in ann.get(claim.get_absolute_url()).content.decode()
    )

    first = ann.post(
        url, review_data(claim, verdict="false", rationale="Ann: no such attack.")
    )
    assert first.status_code == 302
    second = client.post(
        url,
        review_data(
            claim,
            verdict="verified",
            rationale="Ed: the NCSC confirmed it.",
            evidence="https://www.ncsc.gov.uk/ NCSC",
        ),
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "This claim changed while you were editing" in page
    assert "nothing of yours was saved yet" in page
    assert "Latest review by <strong>ann</strong>" in page
    assert "Ann: no such attack." in page
    # Ed's input is kept, now on the current version.
    assert "Ed: the NCSC confirmed it." in page
    assert "https://www.ncsc.gov.uk/ NCSC" in page
    assert 'name="version" value="2"' in page
    assert Review.objects.count() == 1

    again = client.post(
        url,
        review_data(
            Claim.objects.get(pk=claim.pk),
            verdict="verified",
            rationale="Ed: the NCSC confirmed it.",
        ),
    )
    assert again.status_code == 302
    assert list(Review.objects.values_list("reviewer__username", flat=True)) == [
        "ed",
        "ann",
    ]
    assert Claim.objects.get(pk=claim.pk).verdict == "verified"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers"
)
def test_two_concurrent_saves_on_one_version_write_one_review(editor, other_editor):
    claim = make_claim("Two editors judge this at the same moment.")
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, verdict):
        try:
            barrier.wait()
            reviews.review_record(
                claim=Claim.objects.get(pk=claim.pk),
                reviewer=user,
                version=1,
                verdict=verdict,
                rationale=f"{user.username} says {verdict}",
            )
            outcomes.append("saved")
        except ClaimConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(editor, "false")),
        threading.Thread(target=save, args=(other_editor, "verified")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    review = Review.objects.get()
    assert Claim.objects.get(pk=claim.pk).verdict == review.verdict
    assert Claim.objects.get(pk=claim.pk).version == 2


def test_only_editors_see_the_review_form(client, journalist, editor, claim):
    form = 'name="rationale"'
    assert form not in client.get(claim.get_absolute_url()).content.decode()
    client.force_login(journalist)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert form not in page
    assert "Take it" not in page
    client.force_login(editor)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert form in page
    assert "Take it" in page
