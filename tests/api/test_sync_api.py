"""Mirroring by polling: updated_since on every list, and the deletions list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.ingest.analysis import Analysis
from claims.ingest.store import store_analysis
from claims.models import Actor, Annotation, Article, Claim, Deletion, Source
from claims.services import annotations as notes
from claims.services.corrections import actor_merge, claims_merge
from claims.services.reviews import review_record
from tests.api.conftest import error, ids, results
from tests.factories import make_actor, make_article, make_claim

pytestmark = pytest.mark.django_db


def since(moment) -> dict:
    return {"updated_since": moment.isoformat()}


def test_every_list_takes_updated_since(ed_api, editor, newsroom):
    before = timezone.now()
    # Something changes in every resource after `before`.
    Source.objects.filter(pk=newsroom["gov"].pk).update(updated_at=timezone.now())
    Article.objects.filter(pk=newsroom["a2"].pk).update(updated_at=timezone.now())
    Actor.objects.filter(pk=newsroom["ncsc"].pk).update(updated_at=timezone.now())
    review = review_record(claim=newsroom["deny"], reviewer=editor, version=1,
                           verdict="verified", rationale="ok")  # fmt: skip
    note = Annotation.objects.create(author=editor, claim=newsroom["hack"], body="n")
    expected = {
        "sources": [newsroom["gov"].pk],
        "articles": [newsroom["a2"].pk],
        "actors": [newsroom["ncsc"].pk],
        "claims": [newsroom["deny"].pk],
        "reviews": [review.pk],
        "annotations": [note.pk],
    }
    for resource, want in expected.items():
        response = ed_api.get(f"/api/v1/{resource}/", since(before))
        assert ids(response) == want, resource
        everything = ed_api.get(
            f"/api/v1/{resource}/", since(before - timedelta(days=1))
        )
        assert len(ids(everything)) > len(want) or resource in (
            "reviews",
            "annotations",
        )


def test_polling_pages_through_changes_oldest_first(jo_api, db):
    start = timezone.now()
    made = [make_claim(f"Claim {n}") for n in range(5)]
    # A bulk change gives many rows the same time; the id orders them.
    Claim.objects.filter(pk__in=[c.pk for c in made[:3]]).update(
        updated_at=start + timedelta(seconds=1)
    )
    seen, url = [], f"/api/v1/claims/?updated_since={start.isoformat()}&page_size=2"
    url = url.replace("+", "%2B")
    while url:
        body = jo_api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == [c.pk for c in made[3:]] + [c.pk for c in made[:3]]


def test_a_claim_merge_is_a_deletion_pointing_at_the_survivor(jo_api, db):
    start = timezone.now()
    survivor, duplicate = make_claim("One"), make_claim("Two")
    claims_merge(survivor=survivor, duplicate=duplicate)
    rows = results(jo_api.get("/api/v1/deletions/", {"since": start.isoformat()}))
    assert [(r["model"], r["object_id"], r["replaced_by"]) for r in rows] == [
        ("claim", duplicate.pk, survivor.pk)
    ]
    assert ids(jo_api.get("/api/v1/claims/", since(start))) == [survivor.pk]


def test_an_actor_merge_is_a_deletion_and_the_survivor_changes(jo_api, db):
    start = timezone.now()
    dowden, dup, older = (make_actor(n) for n in ("Oliver Dowden", "O Dowden", "Olly"))
    actor_merge(actor=older, into=dup)
    actor_merge(actor=dup, into=dowden)
    rows = results(jo_api.get("/api/v1/deletions/?model=actor", since(start)))
    assert [(r["object_id"], r["replaced_by"]) for r in rows] == [
        (older.pk, dup.pk),
        (dup.pk, dowden.pk),
        (older.pk, dowden.pk),
    ]
    assert ids(jo_api.get("/api/v1/actors/", since(start))) == [dowden.pk]


def test_claims_a_reanalysis_drops_are_deletions(jo_api, db):
    article = make_article("Page", text="Words and more words.")
    gone = make_claim("Words", articles=(article,))
    kept = make_claim("Kept", articles=(article,))
    Annotation.objects.create(author=_someone(), claim=kept, body="keep me")
    start = timezone.now()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.ANALYSING)
    store_analysis(
        article,
        Analysis(sentences=[], actors=[], claims=[], version="t"),
        extractor_version="t",
    )
    rows = results(jo_api.get("/api/v1/deletions/", {"since": start.isoformat()}))
    assert [(r["model"], r["object_id"], r["replaced_by"]) for r in rows] == [
        ("claim", gone.pk, None)
    ]
    # The kept claim lost its appearance: it changed, for a mirror.
    assert ids(jo_api.get("/api/v1/claims/", since(start))) == [kept.pk]


def test_a_deleted_note_is_a_deletion(ed_api, editor, newsroom):
    note = notes.annotation_create(author=editor, body="x", claim=newsroom["hack"])
    note_id = note.pk
    notes.annotation_delete(annotation=note, user=editor)
    row = Deletion.objects.get()
    assert (row.model, row.object_id, row.replaced_by) == ("annotation", note_id, None)
    assert ids(ed_api.get("/api/v1/deletions/?model=annotation")) == [row.pk]
    error(ed_api.get("/api/v1/deletions/?since=never"), 400, "invalid")


def _someone():
    from django.contrib.auth.models import User

    return User.objects.create_user("someone")
