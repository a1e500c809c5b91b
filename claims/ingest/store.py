"""Analysis -> rows: the only pipeline module that writes claims, actors and outlets.

``store_analysis`` runs in one short transaction and is idempotent: running it
twice for the same article leaves the same rows, because an article's
appearances and mentions are replaced, claims are keyed by fingerprint
(normalised text + claimant) and actors by normalised name and kind. It takes
the same number of queries for 2 speakers as for 30 (about 30 in all): actors,
aliases and claims are looked up and inserted in batches.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import numpy as np
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models.constants import OnConflict
from django.utils import timezone

from claims.ingest.analysis import ActorCandidate, Analysis, ClaimCandidate
from claims.ingest.matching import LINK, text_key
from claims.models import (
    SEARCH_VECTOR_SQL,
    Actor,
    ActorAlias,
    Appearance,
    Article,
    Claim,
    ClaimMatch,
    Mention,
    Source,
    SourceDomain,
    analyser_mark,
    normalise_name,
    search_text_of,
)
from claims.services.deletions import deletions_record
from claims.services.matching import (
    exact_claims,
    find_matches,
    index_claims,
    propose,
    record_wordings,
)
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


def resolve_actors(candidates: list[ActorCandidate]) -> dict[str, Actor]:
    """The stored actor for each candidate, by candidate key, in a few queries.

    For each candidate in turn: the live actor of its kind by canonical name,
    then the one actor whose name or alias is one of the candidate's names (an
    alias shared by two actors, "Mr Smith", identifies neither), else a new
    actor. The candidate's names become aliases of the actor it resolved to.
    Later candidates see the actors and aliases of earlier ones, as if each
    were stored at once; the new rows are then inserted in one statement each.
    Each actor returned carries ``known_aliases``: its alias names, oldest
    first, as its claims' search text lists them.
    """
    names = {}
    for candidate in candidates:
        keys = {normalise_name(candidate.name)}
        keys |= {normalise_name(a) for a in candidate.aliases}
        keys.discard("")
        names[candidate.key] = keys
    wanted = set().union(*names.values()) if names else set()
    # (name key, kind) -> the actors called so, by their name or an alias;
    # actors not inserted yet are told apart by object identity.
    by_name: dict[tuple[str, str], dict[object, Actor]] = {}
    canonical: dict[tuple[str, str], Actor] = {}

    def called(name: str, actor: Actor) -> None:
        ident = actor.pk or ("new", id(actor))
        by_name.setdefault((name, actor.kind), {})[ident] = actor

    for actor in Actor.objects.live().filter(key__in=wanted):
        canonical[(actor.key, actor.kind)] = actor
        called(actor.key, actor)
    aliases = ActorAlias.objects.filter(key__in=wanted, actor__merged_into=None)
    for alias in aliases.select_related("actor"):
        called(alias.key, alias.actor)

    resolved: dict[str, Actor] = {}
    new_actors: list[Actor] = []
    for candidate in candidates:
        key, kind = normalise_name(candidate.name), candidate.kind
        actor = canonical.get((key, kind))
        if actor is None:
            matches: dict[object, Actor] = {}
            for name in names[candidate.key]:
                matches.update(by_name.get((name, kind), {}))
            actor = next(iter(matches.values())) if len(matches) == 1 else None
        if actor is None:
            actor = Actor(name=candidate.name, key=key, kind=kind)
            new_actors.append(actor)
            canonical[(key, kind)] = actor
        resolved[candidate.key] = actor
        for name in names[candidate.key]:
            if len(name) > 1:  # as the alias rows below
                called(name, actor)
        called(actor.key, actor)
    replaced = _insert_actors(new_actors)
    resolved = {k: replaced.get(id(a), a) for k, a in resolved.items()}

    # The new claims are stored with their search text (refresh_search's).
    alias_names: dict[int, list[str]] = {a.pk: [] for a in resolved.values()}
    known = {(a.pk, a.key) for a in resolved.values()}
    for actor_id, key, name in (
        ActorAlias.objects.filter(actor__in=alias_names)
        .order_by("pk")
        .values_list("actor_id", "key", "name")
    ):
        known.add((actor_id, key))
        alias_names[actor_id].append(name)
    new_aliases = []
    for candidate in candidates:
        actor = resolved[candidate.key]
        for alias in [*candidate.aliases, candidate.name]:
            alias_key = normalise_name(alias)
            if len(alias_key) > 1 and (actor.pk, alias_key) not in known:
                new_aliases.append(ActorAlias(actor=actor, key=alias_key, name=alias))
                known.add((actor.pk, alias_key))
                alias_names[actor.pk].append(alias)
    # A conflict is the same alias added by another worker meanwhile: keep theirs.
    ActorAlias.objects.bulk_create(new_aliases, ignore_conflicts=True)
    for actor in resolved.values():
        actor.known_aliases = alias_names[actor.pk]
    return resolved


def _insert_actors(actors: list[Actor]) -> dict[int, Actor]:
    """Insert new actors in one statement; those another worker inserted first.

    Returns {id(ours): theirs} for each actor another worker inserted meanwhile,
    to be used instead of ours.
    """
    inserted = {id(a) for a in _insert_new(actors, ("key", "kind"))}
    raced = [a for a in actors if id(a) not in inserted]
    if not raced:
        return {}
    theirs = {
        (a.key, a.kind): a
        for a in Actor.objects.live().filter(
            key__in={a.key for a in raced}, kind__in={a.kind for a in raced}
        )
    }
    return {id(a): theirs[(a.key, a.kind)] for a in raced}


def _insert_new(
    objs: list, keys: tuple[str, ...], computed: dict[str, str] | None = None
) -> list:
    """Insert new rows of one model in one statement; the ones inserted.

    A row whose unique key another worker has taken meanwhile is skipped (ON
    CONFLICT DO NOTHING) and keeps no primary key; ``keys`` name the fields
    that tell the rows apart, to match the returned ids to them. Neither a
    savepoint nor a retry row by row is needed: the transaction goes on.
    ``computed`` gives columns PostgreSQL computes from the others' values
    (column -> SQL, a template over the column names: ``{text}``); elsewhere
    they are left as the objects have them.
    """
    if not objs:
        return []
    model = type(objs[0])
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not f.primary_key]
    by_key = {tuple(getattr(o, k) for k in keys): o for o in objs}
    if connection.vendor == "postgresql":
        rows = _insert_unnest(objs, fields, keys, computed or {})
    else:
        # The insert bulk_create makes, with RETURNING kept for ON CONFLICT
        # (bulk_create drops it when ignoring conflicts), in the batches it
        # would make (SQLite builds may limit a statement to 999 parameters).
        size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
        rows = []
        for start in range(0, len(objs), size):
            rows += model._base_manager._insert(
                objs[start : start + size],
                fields=fields,
                returning_fields=[opts.pk, *(opts.get_field(k) for k in keys)],
                on_conflict=OnConflict.IGNORE,
            )
    inserted = []
    for pk, *key in rows:
        obj = by_key[tuple(key)]
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias
        inserted.append(obj)
    return inserted


def _insert_unnest(
    objs: list, fields: list, keys: tuple[str, ...], computed: dict[str, str]
) -> list[tuple]:
    """PostgreSQL: the rows as one array per column, unnested in one INSERT.

    What bulk_create does on PostgreSQL when every column is a simple type,
    for any column type (the arrays are cast to each column's type), with
    ``computed`` columns written by the same statement.
    """
    opts = type(objs[0])._meta
    qn = connection.ops.quote_name
    given = [f for f in fields if f.column not in computed]
    columns = [qn(f.column) for f in given]
    arrays = [
        [f.get_db_prep_save(f.pre_save(o, True), connection) for o in objs]
        for f in given
    ]
    types = [f.db_type(connection).split("(")[0] for f in given]
    unnest = ", ".join(f"%s::{t}[]" for t in types)
    names = {f.column: qn(f.column) for f in given}
    extra = {qn(column): sql.format(**names) for column, sql in computed.items()}
    returning = ", ".join(qn(opts.get_field(k).column) for k in (opts.pk.name, *keys))
    sql = (
        f"INSERT INTO {qn(opts.db_table)} ({', '.join([*columns, *extra])})"  # noqa: S608 - names and placeholders only
        f" SELECT {', '.join([*columns, *extra.values()])}"
        f" FROM unnest({unnest}) AS u({', '.join(columns)})"
        f" ON CONFLICT DO NOTHING RETURNING {returning}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, arrays)
        return cursor.fetchall()


@dataclass
class Placed:
    """Where a candidate's words went: a claim, and how they were matched to it."""

    claim: Claim
    method: str = ""  # "" : the claim's own words
    score: float | None = None


def claims_for(
    candidates: list[ClaimCandidate],
    actors: dict[str, Actor],
    seen_at: datetime,
    vectors: dict[str, np.ndarray] | None = None,
    seen_in: tuple[str, ...] = (),
    article_id: int | None = None,
    replaceable: frozenset[int] = frozenset(),
) -> tuple[list[Placed | None], list[Claim]]:
    """The stored claim of each candidate (None: it has no content), and the new.

    Claims are keyed by fingerprint (normalised text + claimant; for words that
    do not stand alone, such as "the claims", the article ``article_id`` too,
    and they are not matched against the archive), found with
    the wordings matching linked to them earlier in one query each. Words not
    seen before are matched against the archive (services/matching.py): a close
    enough match takes the appearance, a possible one goes to the match queue
    beside a new claim. The missing claims are inserted in one statement, with
    their search text (``seen_in``: the article's title and outlet); a known
    claim seen here earlier than its first sighting moves that back.

    ``replaceable`` are claims that only an earlier analysis of this article
    had and no editor has judged, noted or corrected: other words (a wording
    linked earlier among them) do not take them over
    (the claim would keep words its article no longer has); a new claim is
    made, and the old one goes as an orphan.
    """
    # The article a candidate's words belong to alone (None: they stand alone).
    scopes = [None if c.stands_alone else article_id for c in candidates]
    fingerprints: list[str | None] = []
    for candidate, scope in zip(candidates, scopes, strict=True):
        if not candidate.content or not candidate.text.strip():
            fingerprints.append(None)
            continue
        claimant = actors.get(candidate.speaker_key) if candidate.speaker_key else None
        fingerprints.append(
            Claim.make_fingerprint(
                candidate.text, claimant.pk if claimant else None, scope
            )
        )
    wanted = {fp for fp in fingerprints if fp}
    # Only words that stand alone are looked for, and matched, in the archive.
    alone = {
        fp
        for fp, scope in zip(fingerprints, scopes, strict=True)
        if fp and scope is None
    }
    keys = {
        text_key(c.text)
        for c, fp in zip(candidates, fingerprints, strict=True)
        if fp in alone
    }
    by_key, by_print = exact_claims(keys, wanted)
    stored = {
        fp: Placed(row)
        if isinstance(row, Claim)
        else Placed(row.claim, row.method, row.score)
        for fp, row in by_print.items()
        # A wording linked earlier is other words too.
        if isinstance(row, Claim) or row.claim.pk not in replaceable
    }

    texts: dict[str, str] = {}
    for candidate, fingerprint in zip(candidates, fingerprints, strict=True):
        if fingerprint in alone and fingerprint not in stored:
            texts.setdefault(fingerprint, candidate.text)
    matches = find_matches(list(texts.values()), vectors, exact=by_key)
    found = {
        fingerprint: None if match and match.claim.pk in replaceable else match
        for fingerprint, match in zip(texts, matches, strict=True)
    }
    linked = []
    for fingerprint, match in found.items():
        if match is not None and match.action == LINK:
            stored[fingerprint] = Placed(match.claim, match.method, match.score)
            linked.append((fingerprint, texts[fingerprint], match))
    record_wordings(linked)
    # Seen here before its first sighting (an older article analysed late).
    # A claim found by its candidates was built from its id and text only.
    earlier = {
        p.claim.pk
        for p in stored.values()
        if "first_seen_at" in p.claim.get_deferred_fields()
        or p.claim.first_seen_at > seen_at
    }
    if earlier:
        Claim.objects.filter(pk__in=earlier, first_seen_at__gt=seen_at).update(
            first_seen_at=seen_at
        )

    new: dict[str, Claim] = {}
    for candidate, fingerprint, scope in zip(
        candidates, fingerprints, scopes, strict=True
    ):
        if fingerprint and fingerprint not in stored and fingerprint not in new:
            claimant = (
                actors.get(candidate.speaker_key) if candidate.speaker_key else None
            )
            names = [claimant.name, *claimant.known_aliases] if claimant else []
            new[fingerprint] = Claim(
                fingerprint=fingerprint,
                scope_article_id=scope,
                text=candidate.text,
                text_key=text_key(candidate.text),
                claimant=claimant,
                checkworthiness=min(max(candidate.checkworthiness, 0.0), 1.0),
                first_seen_at=seen_at,
                search_text=search_text_of([*names, *seen_in]),
            )
    created = _insert_claims(list(new.values()))
    index_claims(created, vectors or {})
    propose(
        [
            (claim, found[claim.fingerprint])
            for claim in created
            if found.get(claim.fingerprint) is not None
        ]
    )
    stored.update((c.fingerprint, Placed(c)) for c in created)
    raced = wanted - stored.keys()
    if raced:  # stored by another worker between our read and our insert
        late = Claim.objects.filter(fingerprint__in=raced)
        late.filter(first_seen_at__gt=seen_at).update(first_seen_at=seen_at)
        stored.update((c.fingerprint, Placed(c)) for c in late)
    return [stored[fp] if fp else None for fp in fingerprints], created


def _unjudged_orphans(claim_ids: set[int]) -> list[int]:
    """Those of ``claim_ids`` with no appearance left and no editor's work: no
    review, note or correction."""
    if not claim_ids:
        return []
    return list(
        Claim.objects.filter(pk__in=claim_ids, appearances__isnull=True)
        .filter(reviews__isnull=True, annotations__isnull=True, edits__isnull=True)
        .values_list("pk", flat=True)
    )


def _insert_claims(claims: list[Claim]) -> list[Claim]:
    """Insert new claims in one statement; those inserted here (not another
    worker's, stored meanwhile under the same fingerprint). On PostgreSQL the
    search vector is computed from the text and search text in the insert."""
    return _insert_new(claims, ("fingerprint",), {"search_vector": SEARCH_VECTOR_SQL})


@contextmanager
def async_commit() -> Iterator[None]:
    """A transaction for what the analysis derives from a stored article (its
    status as the work goes on, extracted fields, claims): on PostgreSQL its
    commit does not wait for the disk (settings.STORE_ASYNC_COMMIT).

    A database crash can lose such a commit, never corrupt it: the article is
    left in an earlier working status, which the stuck-article sweep sends
    again, and the work is redone from the article as submitted or fetched.
    """
    with transaction.atomic():
        if settings.STORE_ASYNC_COMMIT and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


@async_commit()
def store_analysis(
    article: Article,
    analysis: Analysis,
    *,
    extractor_version: str,
    vectors: dict[str, np.ndarray] | None = None,
) -> None:
    """Replace the article's appearances and mentions by ``analysis``; mark it done.

    ``vectors`` are the embeddings of new claim texts (``matching.embed_texts``,
    computed before this transaction), for matching and to store.
    """
    # The snapshot (page and text, often hundreds of KB) is not needed here.
    locked = Article.objects.select_for_update(of=("self",)).defer("raw_html", "text")
    locked = locked.select_related("source")
    article = locked.get(pk=article.pk)
    seen_at = article.published_at or article.created_at or timezone.now()

    actors = resolve_actors(analysis.actors)

    # The article's appearances go, and the claims they were of are kept to see
    # which are left without any (one statement; nothing refers to appearances).
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(Appearance._meta.db_table)}"  # noqa: S608 - table name only
            " WHERE article_id = %s RETURNING claim_id",
            [article.pk],
        )
        previous_claims = {claim_id for (claim_id,) in cursor.fetchall()}
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

    seen_in = (article.title, article.source.name if article.source else "")
    claims, created_claims = claims_for(
        analysis.claims,
        actors,
        seen_at,
        vectors,
        seen_in,
        article.pk,
        replaceable=frozenset(_unjudged_orphans(previous_claims)),
    )
    placed: set[tuple[int, int]] = set()
    appearances = []
    for candidate, where in zip(analysis.claims, claims, strict=True):
        if where is None:
            continue
        claim = where.claim
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
                is_direct=candidate.quoted_whole,
                confidence=candidate.confidence,
                found_by=candidate.basis[:40],
                extractor_version=analysis.version,
                speaker=actors.get(candidate.speaker_key)
                if candidate.speaker_key
                else None,
                match_method=where.method,
                match_score=where.score,
            )
        )
    Appearance.objects.bulk_create(appearances)
    webhooks_claims_created(created_claims)

    # Claims this article alone had produced, and nobody has judged, noted or
    # corrected, go with a re-analysis that no longer finds them.
    orphans = _unjudged_orphans(previous_claims)
    # Their proposals in the match queue go too: nothing is left to decide.
    ClaimMatch.objects.filter(
        claim_id__in=orphans, status=ClaimMatch.Status.PROPOSED
    ).delete()
    Claim.objects.filter(pk__in=orphans).delete()
    deletions_record("claim", orphans)
    # Claims that gained or lost an appearance here: their search text names
    # the articles they are in, and they changed for API clients. The new
    # claims were stored with theirs.
    touched = previous_claims.union(a.claim_id for a in appearances)
    touched -= {*orphans, *(c.pk for c in created_claims)}
    Claim.objects.filter(pk__in=touched).refresh_search(touch=True)

    article.advance(
        Article.Status.DONE,
        expect=Article.WORKING,
        extractor_version=f"{extractor_version}; {analyser_mark(analysis.version)}",
    )
