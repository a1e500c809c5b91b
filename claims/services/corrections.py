"""Editors' corrections: a claim's text or speaker, duplicate actors and claims,
an article's byline, date and outlet. Each keeps a record of what it changed.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.ingest import matching
from claims.models import (
    Actor,
    ActorAlias,
    Appearance,
    Article,
    ArticleEvent,
    Claim,
    ClaimConflict,
    ClaimEdit,
    ClaimMatch,
    ClaimWording,
    Mention,
    Review,
    Source,
    Verdict,
)
from claims.services.deletions import deletions_record
from claims.services.matching import insert_terms

__all__ = [
    "ClaimConflict",
    "actor_merge",
    "article_edit",
    "claim_correct",
    "claims_merge",
]

# How an article's history marks an editor's correction.
CORRECTED_BY = "Corrected by "
# Verdicts that are a judgement, as opposed to the state of the queue.
JUDGED = {Verdict.VERIFIED, Verdict.MISLEADING, Verdict.FALSE, Verdict.UNVERIFIABLE}


@transaction.atomic
def claims_merge(*, survivor: Claim, duplicate: Claim) -> Claim:
    """Fold ``duplicate`` into ``survivor`` and delete it; returns the survivor.

    Appearances, reviews, annotations and edits move (an appearance the survivor
    already has at the same place is dropped). The survivor's verdict is then
    that of the latest review of either; its attribution likewise.
    """
    if survivor.pk == duplicate.pk:
        raise ValueError("A claim cannot be merged into itself.")
    # Lock both rows in a fixed order so two merges cannot deadlock.
    locked = {
        c.pk: c
        for c in Claim.objects.select_for_update()
        .filter(pk__in=[survivor.pk, duplicate.pk])
        .order_by("pk")
    }
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]

    _keep_wording(duplicate, survivor)
    _move_matches(duplicate, survivor)
    placed = set(survivor.appearances.values_list("article_id", "start"))
    clashes = [
        a.pk
        for a in duplicate.appearances.only("pk", "article_id", "start")
        if (a.article_id, a.start) in placed
    ]
    Appearance.objects.filter(pk__in=clashes).delete()
    # Everything else pointing at the claim moves as it is: reviews, annotations,
    # edits, and whatever later features hang off a claim.
    for relation in Claim._meta.related_objects:
        if relation.one_to_many and relation.related_model is not ClaimMatch:
            name = relation.field.name
            relation.related_model._base_manager.filter(**{name: duplicate}).update(
                **{name: survivor}
            )

    fields: dict = {
        "checkworthiness": max(survivor.checkworthiness, duplicate.checkworthiness),
        "first_seen_at": min(survivor.first_seen_at, duplicate.first_seen_at),
        "version": max(survivor.version, duplicate.version) + 1,
        "updated_at": timezone.now(),
    }
    latest = Review.objects.filter(claim=survivor).order_by("-created_at", "-id")
    judged = latest.filter(verdict__in=JUDGED).first()
    held = next(
        (c for c in (survivor, duplicate) if c.verdict == Verdict.IN_REVIEW), None
    )
    if judged is not None:
        fields.update(verdict=judged.verdict, assigned_to=None, assigned_at=None)
    elif held is not None:
        fields.update(
            verdict=Verdict.IN_REVIEW,
            assigned_to=held.assigned_to_id,
            assigned_at=held.assigned_at,
        )
    checked = latest.exclude(attribution="").first()
    if checked is not None:
        fields["attribution_status"] = checked.attribution
    duplicate_pk = duplicate.pk
    duplicate.delete()
    deletions_record("claim", [duplicate_pk], replaced_by=survivor.pk)
    Claim.objects.filter(pk=survivor.pk).update(**fields)
    Claim.objects.filter(pk=survivor.pk).refresh_search()
    survivor.refresh_from_db()
    return survivor


def _keep_wording(claim: Claim, into: Claim) -> None:
    """``claim``'s words and speaker as they were now identify ``into``."""
    ClaimWording.objects.filter(fingerprint=claim.fingerprint).delete()
    ClaimWording.objects.create(
        claim=into,
        fingerprint=claim.fingerprint,
        text_key=claim.text_key or matching.text_key(claim.text),
        method=ClaimMatch.Method.EDITOR,
    )


def _move_matches(duplicate: Claim, survivor: Claim) -> None:
    """The duplicate's pairs in the match queue become the survivor's.

    A pair between the two is settled by the merge (kept, without the claim
    that is going); pairs the survivor already has are dropped.
    """
    between = ClaimMatch.objects.filter(
        Q(claim=duplicate, target=survivor) | Q(claim=survivor, target=duplicate)
    )
    between.filter(status=ClaimMatch.Status.PROPOSED).update(
        status=ClaimMatch.Status.ACCEPTED, decided_at=timezone.now()
    )
    between.update(claim=None, target=survivor)
    for match in ClaimMatch.objects.filter(Q(claim=duplicate) | Q(target=duplicate)):
        mine = match.claim_id == duplicate.pk
        pair = (survivor.pk, match.target_id) if mine else (match.claim_id, survivor.pk)
        if (
            pair[0] == pair[1]
            or ClaimMatch.objects.filter(claim_id=pair[0], target_id=pair[1]).exists()
        ):
            match.delete()
            continue
        match.claim_id, match.target_id = pair
        match.save(update_fields=["claim", "target"])


@transaction.atomic
def claim_correct(
    *,
    claim: Claim,
    editor,
    version: int,
    text: str,
    claimant: Actor | None,
    note: str = "",
) -> Claim:
    """Correct a claim's text or speaker, keeping the old ones in a ``ClaimEdit``.

    Returns the claim as corrected. When the corrected claim is identical to
    another one (same fingerprint), the two are merged and the other one, which
    existed first, is returned. Raises ``ClaimConflict`` if the claim is no
    longer at ``version``.
    """
    text = text.strip()
    if not text:
        raise ValueError("The claim text cannot be empty.")
    claimant_id = claimant.pk if claimant else None
    if text == claim.text and claimant_id == claim.claimant_id:
        raise ValueError("Nothing to change: the text and speaker are the same.")
    fingerprint = claim.fingerprint_for(text, claimant_id)
    twin = Claim.objects.filter(fingerprint=fingerprint).exclude(pk=claim.pk).first()
    fields: dict = {"version": F("version") + 1, "updated_at": timezone.now()}
    if twin is None:
        fields.update(
            text=text,
            text_key=matching.text_key(text),
            claimant=claimant,
            fingerprint=fingerprint,
        )
    # The conditional UPDATE claims the change: a second editor correcting the
    # same version finds no row and gets the conflict.
    if not Claim.objects.filter(pk=claim.pk, version=version).update(**fields):
        claim.refresh_from_db()
        raise ClaimConflict(claim)
    if twin is not None:
        note = (
            f"{note}\n\n" if note else ""
        ) + f"The corrected claim was the same as claim {twin.pk}; merged into it."
    ClaimEdit.objects.create(
        claim=claim,
        editor=editor,
        old_text=claim.text,
        new_text=text,
        old_claimant_id=claim.claimant_id,
        new_claimant=claimant,
        note=note,
    )
    if twin is not None:
        return claims_merge(survivor=twin, duplicate=claim)
    # The articles still have the old words: analysed again, they find the claim.
    _keep_wording(claim, claim)
    insert_terms([(claim.pk, key) for key in matching.term_keys(text)])
    Claim.objects.filter(pk=claim.pk).refresh_search()
    claim.refresh_from_db()
    return claim


def _merge_spans(*span_lists: list) -> list[list[int]]:
    return sorted({tuple(s) for spans in span_lists for s in spans})


@transaction.atomic
def actor_merge(*, actor: Actor, into: Actor) -> Actor:
    """Merge the duplicate ``actor`` into ``into``; returns the survivor.

    Claims, mentions and aliases move to the survivor, and the duplicate's name
    becomes one of its aliases. The duplicate stays as a row pointing at the
    survivor (``merged_into``) so old links redirect. Claims that become
    identical (same text, now the same speaker) are merged.
    """
    if actor.pk == into.pk:
        raise ValueError("An actor cannot be merged into itself.")
    locked = {
        a.pk: a
        for a in Actor.objects.select_for_update()
        .filter(pk__in=[actor.pk, into.pk])
        .order_by("pk")
    }
    actor, into = locked[actor.pk], locked[into.pk]
    for one in (actor, into):
        if one.merged_into_id:
            raise ValueError(f"{one.name} was already merged into another actor.")

    known = set(into.aliases.values_list("key", flat=True)) | {into.key}
    for alias in actor.aliases.all():
        if alias.key in known:
            alias.delete()
        else:
            ActorAlias.objects.filter(pk=alias.pk).update(actor=into)
            known.add(alias.key)
    if actor.key not in known:
        ActorAlias.objects.create(actor=into, name=actor.name, key=actor.key)

    mentions = actor.mentions.all()
    theirs = {
        m.article_id: m
        for m in into.mentions.filter(article_id__in=mentions.values("article_id"))
    }
    for mention in mentions:
        twin = theirs.get(mention.article_id)
        if twin is None:
            Mention.objects.filter(pk=mention.pk).update(actor=into)
        else:
            twin.spans = _merge_spans(twin.spans, mention.spans)
            twin.save(update_fields=["spans"])
            mention.delete()

    now = timezone.now()
    for claim in Claim.objects.filter(claimant=actor).order_by("pk"):
        fingerprint = claim.fingerprint_for(claim.text, into.pk)
        twin = Claim.objects.filter(fingerprint=fingerprint).first()
        if twin is not None:
            claims_merge(survivor=twin, duplicate=claim)
        else:
            Claim.objects.filter(pk=claim.pk).update(
                claimant=into,
                fingerprint=fingerprint,
                version=F("version") + 1,
                updated_at=now,
            )

    # Actors merged into the duplicate earlier now point at the survivor too.
    earlier = list(Actor.objects.filter(merged_into=actor).values_list("pk", flat=True))
    Actor.objects.filter(pk__in=earlier).update(merged_into=into, updated_at=now)
    Actor.objects.filter(pk=actor.pk).update(merged_into=into, updated_at=now)
    # The survivor gained aliases; API clients see both changes.
    Actor.objects.filter(pk=into.pk).update(updated_at=now)
    deletions_record("actor", [actor.pk, *earlier], replaced_by=into.pk)
    # The survivor's aliases are part of the search text of all its claims.
    Claim.objects.filter(claimant=into).refresh_search()
    into.refresh_from_db()
    return into


def _shown(value) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


@transaction.atomic
def article_edit(
    *,
    article: Article,
    editor,
    title: str,
    byline: str,
    published_at: datetime | None,
    source: Source | None,
    note: str = "",
) -> list[str]:
    """Correct an article's title, byline, date or outlet; returns what changed.

    Each edit is written to the article's history (``ArticleEvent``). Refused
    with ``ValueError`` while the article is being processed, because the
    pipeline writes these fields too.
    """
    if (
        published_at
        and article.published_at
        and published_at.replace(second=0, microsecond=0)
        == article.published_at.replace(second=0, microsecond=0)
    ):
        # The form shows minutes: an untouched date keeps its seconds.
        published_at = article.published_at
    new = {
        "title": title.strip(),
        "byline": byline.strip(),
        "published_at": published_at,
        "source": source,
    }
    labels = {
        "title": "title",
        "byline": "byline",
        "published_at": "date",
        "source": "outlet",
    }
    changes = [
        f"{labels[name]} “{_shown(getattr(article, name))}” → “{_shown(value)}”"
        for name, value in new.items()
        if getattr(article, name) != value
    ]
    if not changes:
        return []
    finished = (Article.Status.DONE, Article.Status.FAILED)
    updated = Article.objects.filter(pk=article.pk, status__in=finished).update(
        **new, updated_at=timezone.now()
    )
    if not updated:
        raise ValueError(
            "The article is being processed; correct it once processing ends."
        )
    article.refresh_from_db()
    message = f"{CORRECTED_BY}{editor.get_username()}: " + "; ".join(changes) + "."
    if note.strip():
        message += f" Note: {note.strip()}"
    ArticleEvent.objects.create(article=article, status=article.status, message=message)
    # Claims are found by the titles and outlets of the articles they appear in.
    Claim.objects.filter(appearances__article=article).distinct().refresh_search()
    return changes
