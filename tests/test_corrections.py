"""Editors correct claims, merge duplicate actors and fix article details."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import (
    Actor,
    ActorAlias,
    Annotation,
    Appearance,
    Article,
    ArticleEvent,
    Claim,
    ClaimEdit,
    Mention,
    Review,
    Source,
)
from claims.services import corrections
from tests.conftest import _user
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def place(claim: Claim, article: Article, start: int = 0) -> Appearance:
    return Appearance.objects.create(
        claim=claim,
        article=article,
        content_spans=[[start, start + 5]],
        start=start,
        end=start + 5,
    )


@pytest.fixture
def article(db) -> Article:
    source = Source.objects.create(name="The Example Times")
    return Article.objects.create(
        title="China accused of cyber attacks",
        text="x" * 200,
        status="done",
        url="https://example.com/news/1",
        source=source,
    )


@pytest.fixture
def dowden(db) -> Actor:
    return Actor.objects.create(name="Oliver Dowden", kind="person")


def correct_data(claim: Claim, **fields) -> dict:
    data = {
        "version": claim.version,
        "text": claim.text,
        "speaker": claim.claimant.name if claim.claimant else "",
        "note": "Extraction cut the quote short.",
    }
    data.update(fields)
    return data


# --- Correcting a claim ----------------------------------------------------


def test_an_editor_corrects_the_text_and_speaker(client, editor, article, dowden):
    cameron = Actor.objects.create(name="Lord Cameron", kind="person")
    ActorAlias.objects.create(
        actor=cameron, name="Foreign Secretary", key="foreign secretary"
    )
    claim = make_claim("China was behind the", claimant=dowden)
    place(claim, article)
    client.force_login(editor)
    response = client.post(
        reverse("claims:claim-correct", args=[claim.pk]),
        correct_data(
            claim,
            text="China was behind the attacks.",
            speaker="Foreign Secretary",
        ),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.text == "China was behind the attacks."
    assert claim.claimant == cameron
    assert claim.fingerprint == Claim.make_fingerprint(claim.text, cameron.pk)
    assert claim.version == 2
    assert "Lord Cameron" in claim.search_text
    edit = ClaimEdit.objects.get()
    assert (edit.old_text, edit.new_text) == ("China was behind the", claim.text)
    assert (edit.old_claimant, edit.new_claimant, edit.editor) == (
        dowden,
        cameron,
        editor,
    )

    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Corrected; the original is kept in the history." in page
    assert 'Text was: <q class="old">China was behind the</q>' in page
    assert "Speaker was Oliver Dowden, now Lord Cameron." in page
    assert "Extraction cut the quote short." in page


def test_a_speaker_no_actor_is_named_is_refused(client, editor, dowden):
    claim = make_claim("Something was said.", claimant=dowden)
    client.force_login(editor)
    response = client.post(
        reverse("claims:claim-correct", args=[claim.pk]),
        correct_data(claim, speaker="Nobody Known"),
    )
    assert response.status_code == 200
    assert "No actor is named “Nobody Known”" in response.content.decode()
    assert not ClaimEdit.objects.exists()
    assert Claim.objects.get(pk=claim.pk).claimant == dowden


def test_a_correction_matching_another_claim_merges_into_it(
    client, editor, article, dowden
):
    existing = make_claim(
        "China was behind the attacks.", claimant=dowden, checkworthiness=0.4
    )
    place(existing, article, start=0)
    wrong = make_claim(
        "China was behind the attacks", claimant=None, checkworthiness=0.8
    )
    place(wrong, article, start=50)
    Review.objects.create(
        claim=wrong, reviewer=editor, verdict="false", rationale="Checked."
    )
    Annotation.objects.create(author=editor, claim=wrong, body="See the advisory.")
    client.force_login(editor)
    response = client.post(
        reverse("claims:claim-correct", args=[wrong.pk]),
        correct_data(wrong, speaker="Oliver Dowden"),
    )
    assert response.status_code == 302
    assert response["Location"] == existing.get_absolute_url()
    assert not Claim.objects.filter(pk=wrong.pk).exists()
    existing.refresh_from_db()
    assert existing.appearances.count() == 2
    assert existing.reviews.get().rationale == "Checked."
    assert existing.annotations.get().body == "See the advisory."
    assert existing.verdict == "false"
    assert existing.checkworthiness == 0.8
    edit = existing.edits.get()
    assert edit.new_claimant == dowden
    assert f"same as claim {existing.pk}" in edit.note
    page = client.get(existing.get_absolute_url()).content.decode()
    assert "the two were merged" in page
    assert client.get(reverse("claims:claim", args=[wrong.pk])).status_code == 404


def test_a_stale_correction_gets_the_conflict_and_keeps_the_input(
    client, editor, dowden
):
    ann = _user("ann", "editor")
    claim = make_claim("The first version.", claimant=dowden)
    stale = correct_data(claim, text="Ed's version.")
    corrections.claim_correct(
        claim=claim, editor=ann, version=1, text="Ann's version.", claimant=dowden
    )
    client.force_login(editor)
    response = client.post(reverse("claims:claim-correct", args=[claim.pk]), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "This claim changed while you were editing" in page
    assert "Latest correction by <strong>ann</strong>" in page
    assert "Ed&#x27;s version." in page
    assert ClaimEdit.objects.count() == 1
    assert Claim.objects.get(pk=claim.pk).text == "Ann's version."


def test_nothing_to_correct_is_said_so(client, editor, dowden):
    claim = make_claim("Unchanged.", claimant=dowden)
    client.force_login(editor)
    response = client.post(
        reverse("claims:claim-correct", args=[claim.pk]), correct_data(claim)
    )
    assert "Nothing to change" in response.content.decode()
    assert not ClaimEdit.objects.exists()


# --- Merging actors -----------------------------------------------------------


def test_merging_actors_moves_claims_mentions_and_names(
    client, editor, article, dowden
):
    other = Article.objects.create(title="Second", text="y" * 100, status="done")
    duplicate = Actor.objects.create(name="Mr Dowden", kind="person")
    ActorAlias.objects.create(actor=duplicate, name="Dowden", key="dowden")
    ActorAlias.objects.create(actor=dowden, name="Dowden", key="dowden")
    Mention.objects.create(actor=dowden, article=article, spans=[[0, 5], [40, 45]])
    Mention.objects.create(actor=duplicate, article=article, spans=[[40, 45], [90, 99]])
    Mention.objects.create(actor=duplicate, article=other, spans=[[3, 8]])
    # The same words, once under each name: one claim after the merge.
    kept = make_claim("It was China.", claimant=dowden, checkworthiness=0.3)
    place(kept, article, start=0)
    twin = make_claim("It was China.", claimant=duplicate, checkworthiness=0.7)
    place(twin, article, start=0)  # the same place: one appearance stays
    place(twin, other, start=10)
    Review.objects.create(claim=twin, reviewer=editor, verdict="verified")
    only_dup = make_claim("We will respond.", claimant=duplicate)
    place(only_dup, other, start=30)
    Claim.objects.all().refresh_search()

    client.force_login(editor)
    response = client.post(
        reverse("claims:actor-merge", args=[dowden.pk]), {"duplicate": "Mr Dowden"}
    )
    assert response.status_code == 302
    assert response["Location"] == dowden.get_absolute_url()

    duplicate.refresh_from_db()
    assert duplicate.merged_into == dowden
    assert set(dowden.claims.values_list("pk", flat=True)) == {kept.pk, only_dup.pk}
    assert not Claim.objects.filter(pk=twin.pk).exists()
    kept.refresh_from_db()
    assert sorted(kept.appearances.values_list("article_id", "start")) == sorted(
        [(article.pk, 0), (other.pk, 10)]
    )
    assert kept.reviews.count() == 1
    assert kept.verdict == "verified"
    assert kept.checkworthiness == 0.7
    only_dup.refresh_from_db()
    assert only_dup.fingerprint == Claim.make_fingerprint(only_dup.text, dowden.pk)
    assert "Mr Dowden" in only_dup.search_text

    assert not duplicate.mentions.exists()
    assert dowden.mentions.get(article=article).spans == [[0, 5], [40, 45], [90, 99]]
    assert dowden.mentions.get(article=other).spans == [[3, 8]]
    assert sorted(dowden.alias_names) == ["Dowden", "Mr Dowden"]
    assert not duplicate.aliases.exists()

    page = client.get(duplicate.get_absolute_url(), follow=True).content.decode()
    assert "Merged Mr Dowden into Oliver Dowden" in page
    assert "Mr Dowden" in page  # now listed among the names
    assert client.get(duplicate.get_absolute_url())["Location"] == (
        dowden.get_absolute_url()
    )


def test_the_actor_page_suggests_duplicates_to_merge(client, editor, dowden):
    Actor.objects.create(name="Mr Dowden", kind="person")
    Actor.objects.create(name="Rishi Sunak", kind="person")
    client.force_login(editor)
    page = client.get(dowden.get_absolute_url()).content.decode()
    assert "Merge a duplicate into Oliver Dowden" in page
    assert "Mr Dowden" in page
    assert "Rishi Sunak" not in page


def test_an_actor_cannot_be_merged_into_itself_or_twice(client, editor, dowden):
    gone = Actor.objects.create(name="Oliver Dowden MP", kind="person")
    corrections.actor_merge(actor=gone, into=dowden)
    client.force_login(editor)
    url = reverse("claims:actor-merge", args=[dowden.pk])
    page = client.post(url, {"duplicate": f"#{dowden.pk}"}).content.decode()
    assert "Choose another actor than this one." in page
    page = client.post(url, {"duplicate": f"#{gone.pk}"}).content.decode()
    assert "was merged into Oliver Dowden" in page
    with pytest.raises(ValueError, match="already merged"):
        corrections.actor_merge(actor=gone, into=dowden)


@pytest.mark.django_db(transaction=True)
def test_merging_actors_found_in_a_real_article(client, editor, seed_text, journalist):
    services.article_submit_text(text=seed_text, user=journalist)
    cameron = Actor.objects.get(name="Lord Cameron")
    dowden = Actor.objects.get(name="Oliver Dowden")
    claims_before = Claim.objects.filter(claimant__in=[cameron, dowden]).count()
    client.force_login(editor)
    client.post(
        reverse("claims:actor-merge", args=[cameron.pk]), {"duplicate": f"#{dowden.pk}"}
    )
    assert Claim.objects.filter(claimant=cameron).count() == claims_before
    assert not Claim.objects.filter(claimant=dowden).exists()
    assert Mention.objects.filter(actor=cameron).count() >= 1
    assert "Oliver Dowden" in cameron.alias_names
    page = client.get(cameron.get_absolute_url()).content.decode()
    assert "Oliver Dowden" in page


# --- Correcting an article --------------------------------------------------


def test_an_editor_corrects_byline_date_and_outlet(client, editor, article):
    outlet = Source.objects.create(name="The Other Paper")
    claim = make_claim("A claim in it.")
    place(claim, article)
    client.force_login(editor)
    response = client.post(
        reverse("claims:article-edit", args=[article.pk]),
        {
            "title": article.title,
            "byline": "Jane Reporter",
            "published_at": "2024-03-25T09:30",
            "source": outlet.pk,
            "note": "From the print edition.",
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.byline == "Jane Reporter"
    assert timezone.localtime(article.published_at).replace(tzinfo=None) == datetime(
        2024, 3, 25, 9, 30
    )
    assert article.source == outlet
    event = ArticleEvent.objects.get(article=article)
    assert event.message.startswith("Corrected by ed: ")
    assert "byline “(none)” → “Jane Reporter”" in event.message
    assert "outlet “The Example Times” → “The Other Paper”" in event.message
    assert "From the print edition." in event.message
    claim.refresh_from_db()
    assert "The Other Paper" in claim.search_text

    page = client.get(article.get_absolute_url()).content.decode()
    assert "Jane Reporter" in page
    assert "byline “(none)” → “Jane Reporter”" in page


def test_an_article_being_processed_cannot_be_corrected(client, editor, article):
    Article.objects.filter(pk=article.pk).update(status="analysing")
    client.force_login(editor)
    page = client.post(
        reverse("claims:article-edit", args=[article.pk]),
        {"title": article.title, "byline": "Someone", "published_at": "", "source": ""},
    ).content.decode()
    assert "correct it once processing ends" in page
    article.refresh_from_db()
    assert article.byline == ""
    assert not ArticleEvent.objects.exists()


def test_an_unchanged_article_writes_no_history(client, editor, article):
    client.force_login(editor)
    response = client.post(
        reverse("claims:article-edit", args=[article.pk]),
        {
            "title": article.title,
            "byline": "",
            "published_at": "",
            "source": article.source_id,
        },
        follow=True,
    )
    assert "Nothing changed." in response.content.decode()
    assert not ArticleEvent.objects.exists()
