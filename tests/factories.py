"""Plain create helpers for the tests: rows made with Model.objects.create."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from claims.ingest.analysis import ActorCandidate, Analysis, ClaimCandidate, Span
from claims.models import Actor, ActorAlias, Appearance, Article, Claim, Source


def make_actor(name: str, *aliases: str, kind: str = "person") -> Actor:
    actor = Actor.objects.create(name=name, kind=kind)
    for alias in aliases:
        ActorAlias.objects.create(actor=actor, name=alias, key=alias.lower())
    return actor


def make_article(
    title: str = "An article",
    *,
    source: Source | None = None,
    text: str = "",
    published: str | None = None,
    url: str | None = None,
    raw_html: str = "",
) -> Article:
    published_at = None
    if published:
        day = datetime.fromisoformat(published)
        published_at = timezone.make_aware(day)
    return Article.objects.create(
        title=title,
        source=source,
        text=text,
        url=url,
        raw_html=raw_html,
        published_at=published_at,
        status=Article.Status.DONE,
    )


def make_claim(
    text: str,
    *,
    claimant: Actor | None = None,
    articles: tuple[Article, ...] = (),
    direct: bool = True,
    verdict: str = "unreviewed",
    attribution: str = "unchecked",
    checkworthiness: float = 0.5,
    first_seen: str | None = None,
    cue: str = "",
    found_by: str = "",
) -> Claim:
    claim = Claim.objects.create(
        text=text,
        fingerprint=Claim.make_fingerprint(text, claimant.pk if claimant else None),
        claimant=claimant,
        verdict=verdict,
        attribution_status=attribution,
        checkworthiness=checkworthiness,
        first_seen_at=(
            timezone.make_aware(datetime.fromisoformat(first_seen))
            if first_seen
            else timezone.now()
        ),
    )
    for article in articles:
        appear(claim, article, direct=direct, cue=cue, found_by=found_by)
    return claim


def appear(
    claim: Claim,
    article: Article,
    *,
    direct: bool = True,
    cue: str = "",
    found_by: str = "",
):
    """Place ``claim`` in ``article``: where its text stands, or at the start.
    ``direct``: all of it quoted; ``found_by`` with "+quoted" and not ``direct``:
    partly quoted."""
    start = max(article.text.find(claim.text), 0)
    end = start + len(claim.text)
    return Appearance.objects.create(
        claim=claim,
        article=article,
        content_spans=[[start, end]],
        start=start,
        end=end,
        cue_text=cue,
        is_direct=direct,
        found_by=found_by,
        confidence=0.9,
    )


def refresh_search() -> None:
    Claim.objects.refresh_search()


def analysis_of(said: list[tuple[str, str]], **fields) -> tuple[str, Analysis]:
    """An article's text in which each (speaker, words) pair is one claim, and
    the analysis that finds them; ``fields`` go to every ClaimCandidate."""
    lines, actors, claims = [], {}, []
    offset = 0
    for speaker, words in said:
        line = f"{speaker} said: {words}."
        start = offset + line.index(words)
        key = speaker.lower()
        actors[key] = ActorCandidate(key=key, name=speaker, kind="person")
        claims.append(
            ClaimCandidate(
                text=words,
                content=[Span(start, start + len(words), words)],
                speaker=speaker,
                speaker_key=key,
                checkworthiness=0.8,
                **fields,
            )
        )
        lines.append(line)
        offset += len(line) + 1
    analysis = Analysis(sentences=[], actors=list(actors.values()), claims=claims)
    return "\n".join(lines), analysis
