"""Analysis -> rows: the only pipeline module that writes claims, actors and outlets.

``store_analysis`` runs in one short transaction and is idempotent: running it
twice for the same article leaves the same rows, because an article's
appearances and mentions are replaced, claims are keyed by fingerprint
(normalised text + claimant) and actors by normalised name and kind.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.ingest.analysis import ActorCandidate, Analysis
from claims.models import (
    Actor,
    ActorAlias,
    Appearance,
    Article,
    Claim,
    Mention,
    Source,
    SourceDomain,
    normalise_name,
)
from claims.services.deletions import deletions_record
from claims.services.webhooks import webhooks_claims_created


def domain_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def source_for(url: str, site_name: str = "") -> Source | None:
    """The outlet publishing on the domain of ``url``, created on first sight."""
    domain = domain_of(url)
    if not domain:
        return None
    known = SourceDomain.objects.select_related("source").filter(domain=domain).first()
    if known:
        return known.source
    scheme = urlsplit(url).scheme or "https"
    try:
        with transaction.atomic():
            source = Source.objects.create(
                name=site_name or domain, homepage=f"{scheme}://{urlsplit(url).netloc}/"
            )
            SourceDomain.objects.create(source=source, domain=domain)
            return source
    except IntegrityError:
        # Another worker registered the domain first: use theirs.
        return SourceDomain.objects.select_related("source").get(domain=domain).source


def resolve_actor(candidate: ActorCandidate) -> Actor:
    """The stored actor for a candidate: by canonical name, then by alias, else new."""
    key = normalise_name(candidate.name)
    actor = Actor.objects.live().filter(key=key, kind=candidate.kind).first()
    if actor is None:
        keys = {key} | {normalise_name(a) for a in candidate.aliases}
        keys.discard("")
        matches = list(
            Actor.objects.live()
            .filter(kind=candidate.kind)
            .filter(Q(aliases__key__in=keys) | Q(key__in=keys))
            .distinct()[:2]
        )
        # An alias shared by two actors ("Mr Smith") identifies neither.
        actor = matches[0] if len(matches) == 1 else None
    if actor is None:
        try:
            with transaction.atomic():
                actor = Actor.objects.create(name=candidate.name, kind=candidate.kind)
        except IntegrityError:
            actor = Actor.objects.live().get(key=key, kind=candidate.kind)
    known = set(actor.aliases.values_list("key", flat=True)) | {actor.key}
    for alias in [*candidate.aliases, candidate.name]:
        alias_key = normalise_name(alias)
        if alias_key and alias_key not in known and len(alias_key) > 1:
            ActorAlias.objects.get_or_create(
                actor=actor, key=alias_key, defaults={"name": alias}
            )
            known.add(alias_key)
    return actor


@transaction.atomic
def store_analysis(
    article: Article, analysis: Analysis, *, extractor_version: str
) -> None:
    """Replace the article's appearances and mentions by ``analysis``; mark it done."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    seen_at = article.published_at or article.created_at or timezone.now()

    actors = {c.key: resolve_actor(c) for c in analysis.actors}

    previous_claims = set(article.appearances.values_list("claim_id", flat=True))
    article.appearances.all().delete()
    article.mentions.all().delete()

    spans_by_actor: dict[int, list[list[int]]] = {}
    for candidate in analysis.actors:
        actor = actors[candidate.key]
        spans = spans_by_actor.setdefault(actor.pk, [])
        spans.extend([m.start, m.end] for m in candidate.mentions)
    Mention.objects.bulk_create(
        Mention(actor_id=actor_id, article=article, spans=sorted(spans))
        for actor_id, spans in spans_by_actor.items()
    )

    placed: set[tuple[int, int]] = set()
    appearances = []
    created_claims: list[Claim] = []
    for candidate in analysis.claims:
        if not candidate.content or not candidate.text.strip():
            continue
        claimant = actors.get(candidate.speaker_key) if candidate.speaker_key else None
        fingerprint = Claim.make_fingerprint(
            candidate.text, claimant.pk if claimant else None
        )
        claim, created = Claim.objects.get_or_create(
            fingerprint=fingerprint,
            defaults={
                "text": candidate.text,
                "claimant": claimant,
                "checkworthiness": min(max(candidate.checkworthiness, 0.0), 1.0),
                "first_seen_at": seen_at,
            },
        )
        if created:
            created_claims.append(claim)
        elif seen_at < claim.first_seen_at:
            Claim.objects.filter(pk=claim.pk).update(first_seen_at=seen_at)
        start = candidate.content[0].start
        if (claim.pk, start) in placed:
            continue
        placed.add((claim.pk, start))
        appearances.append(
            Appearance(
                claim=claim,
                article=article,
                content_spans=[[s.start, s.end] for s in candidate.content],
                start=start,
                end=max(s.end for s in candidate.content),
                cue_start=candidate.cue.start if candidate.cue else None,
                cue_end=candidate.cue.end if candidate.cue else None,
                cue_text=candidate.cue.text[:200] if candidate.cue else "",
                source_start=candidate.source.start if candidate.source else None,
                source_end=candidate.source.end if candidate.source else None,
                source_text=candidate.source.text[:300] if candidate.source else "",
                is_direct=candidate.direct,
                confidence=candidate.confidence,
                extractor_version=analysis.version,
            )
        )
    Appearance.objects.bulk_create(appearances)
    webhooks_claims_created(created_claims)
    Claim.objects.filter(pk__in={a.claim_id for a in appearances}).refresh_search()

    # Claims this article alone had produced, and nobody has judged or noted,
    # go with a re-analysis that no longer finds them.
    orphans = list(
        Claim.objects.filter(pk__in=previous_claims, appearances__isnull=True)
        .filter(reviews__isnull=True, annotations__isnull=True)
        .values_list("pk", flat=True)
    )
    Claim.objects.filter(pk__in=orphans).delete()
    deletions_record("claim", orphans)
    # Claims that gained or lost an appearance here changed for API clients.
    touched = previous_claims.union(a.claim_id for a in appearances) - set(orphans)
    Claim.objects.filter(pk__in=touched).update(updated_at=timezone.now())

    article.extractor_version = f"{extractor_version}; analyser-{analysis.version}"
    article.save(update_fields=["extractor_version", "updated_at"])
    article.advance(Article.Status.DONE, expect=Article.WORKING)
