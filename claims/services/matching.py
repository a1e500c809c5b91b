"""Claim matching against the archive, the match queue, split and timeline.

The store calls ``find_matches`` for claims it has not seen in these words
before (see store.claims_for): exact text first (one indexed lookup for all),
then the stored claims sharing the most of the new claim's rarer words
(``MatchTerm``, index lookups bounded by ``MATCH_TERM_CAP``), scored by trigram
similarity and by the cosine of stored embeddings (``ClaimVector``, static
embeddings distilled from MiniLM: see embed.py; old claims are never embedded
again). The cost per new claim stays flat as the archive
grows: bench/match_bench.py measures it at a million claims.

Editors work the match queue (``match_accept`` merges the pair, ``match_reject``
remembers the pair is different) and can split appearances off a claim
(``claim_split``) or merge two claims (``corrections.claims_merge``).
"""

from __future__ import annotations

import difflib
import logging
import math
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest, Substr
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from claims.context import Passage, passage
from claims.ingest import matching
from claims.models import (
    Appearance,
    Claim,
    ClaimConflict,
    ClaimMatch,
    ClaimVector,
    ClaimWording,
    MatchTerm,
)
from claims.services.webhooks import webhooks_claims_created

log = logging.getLogger(__name__)

__all__ = [
    "Found",
    "claim_merge",
    "claim_split",
    "embed_texts",
    "find_matches",
    "index_claims",
    "insert_terms",
    "match_accept",
    "match_reject",
    "timeline",
]


def thresholds() -> matching.Thresholds:
    return matching.Thresholds(
        link_lexical=settings.MATCH_LINK_LEXICAL,
        link_semantic=settings.MATCH_LINK_SEMANTIC,
        propose_lexical=settings.MATCH_PROPOSE_LEXICAL,
        propose_semantic=settings.MATCH_PROPOSE_SEMANTIC,
    )


def semantic_enabled() -> bool:
    from claims.ingest import embed

    return settings.MATCH_SEMANTIC and embed.available()


def embed_texts(texts: list[str]) -> dict[str, np.ndarray]:
    """Embeddings of ``texts`` (each distinct one once), for matching new claims.

    Called before the store's transaction. Every text is embedded, known words
    too: the static table embeds twenty sentences in under a millisecond, less
    than looking up which of them are known would take.
    """
    if not texts or not semantic_enabled():
        return {}
    wanted = list(dict.fromkeys(t for t in texts if t.strip()))
    if not wanted:
        return {}
    from claims.ingest import embed

    return dict(zip(wanted, embed.static(wanted), strict=True))


@dataclass(frozen=True)
class Found:
    """The stored claim most like a new one, and what to do about it."""

    claim: Claim
    action: str  # matching.LINK or matching.PROPOSE
    method: str
    score: float


def find_matches(
    texts: list[str],
    vectors: dict[str, np.ndarray] | None = None,
    *,
    exact: dict[str, Claim] | None = None,
) -> list[Found | None]:
    """For each new claim text, the stored claim to link it to or propose, or None.

    A fixed number of queries however many texts: exact words, wordings, how
    common each word is, the best candidates of every text, their texts and
    their vectors. ``exact`` (text key -> claim, from ``exact_claims``) saves
    the first two when the caller has looked them up already.
    """
    vectors = vectors or {}
    keys = [matching.text_key(t) for t in texts]
    if exact is None:
        exact, _ = exact_claims(set(keys))
    found: list[Found | None] = [
        Found(exact[key], matching.LINK, "exact", 1.0) if key in exact else None
        for key in keys
    ]
    rest = [i for i, key in enumerate(keys) if key not in exact]
    with_vectors = any(texts[i] in vectors for i in rest)
    shortlists = candidates([texts[i] for i in rest], with_vectors=with_vectors)
    size = next((v.size for v in vectors.values()), None)
    limits = thresholds()
    for i, shortlist in zip(rest, shortlists, strict=True):
        found[i] = _best(
            texts[i],
            [(c.pk, c.text) for c in shortlist],
            _cosines(vectors.get(texts[i]), shortlist, size),
            limits,
        )
    return found


# What matching and the store read of a claim found by its words: not its
# search text and vector, the largest columns of a claim seen often.
FOUND_FIELDS = ("id", "text", "text_key", "fingerprint", "first_seen_at")


def exact_claims(
    keys: set[str], fingerprints: set[str] = frozenset()
) -> tuple[dict[str, Claim], dict[str, Claim | ClaimWording]]:
    """Stored claims by the words (text keys), and by fingerprint, in two queries.

    By text key: the first claim seen in those words, else the claim a wording
    in those words was linked to. By fingerprint (the store's own lookup, in
    the same queries): the claim, else the wording (its claim selected).
    """
    by_key: dict[str, Claim] = {}
    by_print: dict[str, Claim | ClaimWording] = {}
    if not keys and not fingerprints:
        return by_key, by_print
    claims = (
        Claim.objects.filter(Q(text_key__in=keys) | Q(fingerprint__in=fingerprints))
        .order_by("first_seen_at", "pk")
        .only(*FOUND_FIELDS)
    )
    for claim in claims:
        if claim.text_key in keys:
            by_key.setdefault(claim.text_key, claim)
        if claim.fingerprint in fingerprints:
            by_print[claim.fingerprint] = claim
    keys, fingerprints = keys - by_key.keys(), fingerprints - by_print.keys()
    if keys or fingerprints:
        wordings = (
            ClaimWording.objects.filter(
                Q(text_key__in=keys) | Q(fingerprint__in=fingerprints)
            )
            .select_related("claim")
            .only(
                "fingerprint",
                "text_key",
                "method",
                "score",
                "claim",
                *(f"claim__{f}" for f in FOUND_FIELDS),
            )
        )
        for wording in wordings:
            if wording.text_key in keys:
                by_key.setdefault(wording.text_key, wording.claim)
            if wording.fingerprint in fingerprints:
                by_print[wording.fingerprint] = wording
    return by_key, by_print


@dataclass(frozen=True)
class Candidate:
    """A stored claim sharing rarer words with a new text: its words and vector."""

    pk: int
    text: str
    vector: bytes | None = None  # matching.pack()'s bytes, if embedded


def candidates(
    texts: list[str], *, with_vectors: bool = False
) -> list[list[Candidate]]:
    """For each text, the stored claims sharing most of its rarer words.

    Two queries for all texts: how many stored claims have each word (counted
    up to ``MATCH_TERM_CAP``: a word in more is too common to tell claims
    apart), then the best ``MATCH_CANDIDATES`` claims of each text by shared
    words, each weighted by its inverse frequency, found from the index and
    returned with their texts (and stored vectors, ``with_vectors``).
    """
    cap, limit = settings.MATCH_TERM_CAP, settings.MATCH_CANDIDATES
    term_keys = [matching.term_keys(t) for t in texts]
    every = sorted({k for keys in term_keys for k in keys})
    if not every:
        return [[] for _ in texts]
    table = connection.ops.quote_name(MatchTerm._meta.db_table)
    values = ", ".join(["(%s)"] * len(every))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.column1, (SELECT COUNT(*) FROM (SELECT 1 FROM {table} t"  # noqa: S608 - placeholders only
            f" WHERE t.key = v.column1 LIMIT %s) s) FROM (VALUES {values}) AS v",
            [cap + 1, *every],
        )
        postings = dict(cursor.fetchall())
    # Each text's rarer words (at most QUERY_TERMS, rarest first) and their
    # weights: a rarer shared word says more, by its inverse frequency.
    wanted: list[list[tuple[int, float]]] = []
    for keys in term_keys:
        rare = sorted(
            (k for k in keys if 0 < postings.get(k, 0) <= cap), key=postings.get
        )
        wanted.append(
            [
                (k, round(1 / math.log(2 + postings[k]), 6))
                for k in rare[: matching.QUERY_TERMS]
            ]
        )
    if not any(wanted):
        return [[] for _ in texts]
    rows = _shortlists(wanted, cap, limit, with_vectors)
    shortlists: list[list[Candidate]] = [[] for _ in texts]
    for i, claim_id, _shared, text, packed in rows:
        packed = bytes(packed) if packed is not None else None
        shortlists[i].append(Candidate(claim_id, text, packed))
    return shortlists


def _shortlists(
    wanted: list[list[tuple[int, float]]], cap: int, limit: int, with_vectors: bool
) -> list[tuple]:
    """(text number, claim id, shared weight, text, vector) of the best ``limit``
    claims of each text by the summed weights of the words they share with it,
    by text and best first.

    Each text's best are found on their own: its words' postings summed by
    claim and the top kept (a top-N sort of a few hundred rows), rather than
    every text's postings sorted together to number them (70,000 rows for a
    long article, spilled to disk). Each word's postings are read from the
    index, and each shortlisted claim's text and vector by its primary key (a
    subquery per row): a join let the planner, misjudging how few rows are
    left, hash both whole tables at every call.
    """
    table = connection.ops.quote_name(MatchTerm._meta.db_table)
    claims = connection.ops.quote_name(Claim._meta.db_table)
    vector = "NULL"
    if with_vectors:
        vectors_table = connection.ops.quote_name(ClaimVector._meta.db_table)
        vector = (
            f"(SELECT cv.vector FROM {vectors_table} cv"  # noqa: S608 - table name only
            " WHERE cv.claim_id = r.claim_id)"
        )
    columns = (
        f"r.claim_id, r.shared, (SELECT c.text FROM {claims} c"  # noqa: S608 - table name only
        f" WHERE c.id = r.claim_id), {vector}"
    )
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            # No LATERAL: every text's postings summed by claim, numbered
            # within each text, and the first kept.
            values = ", ".join(
                f"({i}, %s, %s)" for i, words in enumerate(wanted) for _ in words
            )
            cursor.execute(
                f"SELECT r.i, {columns} FROM (SELECT v.column1 AS i, t.claim_id,"  # noqa: S608 - numbers and placeholders only
                " SUM(v.column3) AS shared, ROW_NUMBER() OVER (PARTITION BY"
                " v.column1 ORDER BY SUM(v.column3) DESC, t.claim_id DESC) AS place"
                f" FROM (VALUES {values}) AS v JOIN {table} t ON t.key = v.column2"
                " GROUP BY v.column1, t.claim_id) r WHERE r.place <= %s"
                " ORDER BY r.i, r.shared DESC, r.claim_id DESC",
                [x for words in wanted for word in words for x in word] + [limit],
            )
            return cursor.fetchall()
        # The words of every text as two arrays, text i's at positions lo..hi
        # (1-based), so that the statement's text is the same for any number
        # of texts and words. The LIMIT keeps each word's lateral subquery
        # from being flattened into a join, which the planner hashed with a
        # scan of the whole index table when it was small. Weights are double
        # precision: a bare literal would be numeric, summed slowly and
        # returned as Decimal.
        numbers, lows, highs, keys, weights = [], [], [], [], []
        for i, words in enumerate(wanted):
            if words:
                numbers.append(i)
                lows.append(len(keys) + 1)
                keys += [k for k, _ in words]
                weights += [w for _, w in words]
                highs.append(len(keys))
        cursor.execute(
            f"SELECT g.i, {columns} FROM unnest(%s::int[], %s::int[], %s::int[])"  # noqa: S608 - table names and placeholders only
            " AS g(i, lo, hi) CROSS JOIN LATERAL (SELECT t.claim_id,"
            " SUM(v.w) AS shared FROM unnest((%s::bigint[])[g.lo:g.hi],"
            " (%s::float8[])[g.lo:g.hi]) AS v(k, w) CROSS JOIN LATERAL"
            f" (SELECT p.claim_id FROM {table} p WHERE p.key = v.k LIMIT %s) t"
            " GROUP BY t.claim_id ORDER BY shared DESC, t.claim_id DESC LIMIT %s) r"
            " ORDER BY g.i, r.shared DESC, r.claim_id DESC",
            [numbers, lows, highs, keys, weights, cap + 1, limit],
        )
        return cursor.fetchall()


def _cosines(
    vector: np.ndarray | None, shortlist: list[Candidate], size: int | None
) -> dict[int, float]:
    """The cosine of ``vector`` with each candidate's stored vector, by claim id,
    in one matrix product. A stored vector of another size came from an
    earlier embedding model: not comparable (`manage.py index_claims` embeds
    such claims again)."""
    if vector is None:
        return {}
    embedded = [c for c in shortlist if c.vector is not None and len(c.vector) == size]
    if not embedded:
        return {}
    packed = np.frombuffer(b"".join(c.vector for c in embedded), dtype=np.int8)
    stored = packed.reshape(len(embedded), size).astype(np.float32)
    norms = np.linalg.norm(stored, axis=1)
    norms[norms == 0] = 1.0
    cosines = (stored @ np.asarray(vector, dtype=np.float32)) / norms
    return dict(zip((c.pk for c in embedded), cosines.tolist(), strict=True))


def _best(
    text: str,
    claims: list[tuple[int, str]],
    cosines: dict[int, float],
    limits: matching.Thresholds,
) -> Found | None:
    grams = matching.trigrams(text)
    best: tuple[int, str, matching.Decision] | None = None
    rank = {matching.LINK: 2, matching.PROPOSE: 1}
    for pk, stored_text in claims:
        lexical = matching.lexical_similarity(grams, matching.trigrams(stored_text))
        semantic = cosines.get(pk)
        if lexical < limits.propose_lexical and (
            semantic is None or semantic < limits.propose_semantic
        ):
            # Below both proposal scores, decide() has nothing to say: the same
            # words would have been found exactly, before the candidates.
            continue
        verdict = matching.decide(
            text, stored_text, lexical=lexical, semantic=semantic, thresholds=limits
        )
        if not verdict.action:
            continue
        if best is None or (rank[verdict.action], verdict.score) > (
            rank[best[2].action],
            best[2].score,
        ):
            best = (pk, stored_text, verdict)
    if best is None:
        return None
    pk, stored_text, verdict = best
    # As loaded from the database, with only the fields matching read.
    claim = Claim.from_db(connection.alias, ["id", "text"], [pk, stored_text])
    return Found(claim, verdict.action, verdict.method, verdict.score)


def index_claims(claims: list[Claim], vectors: dict[str, np.ndarray]) -> None:
    """Make new claims findable by later ones: their words and embeddings."""
    insert_terms(
        [(claim.pk, key) for claim in claims for key in matching.term_keys(claim.text)]
    )
    ClaimVector.objects.bulk_create(
        (
            ClaimVector(claim_id=claim.pk, vector=matching.pack(vectors[claim.text]))
            for claim in claims
            if claim.text in vectors
        ),
        ignore_conflicts=True,
    )


def insert_terms(rows: list[tuple[int, int]]) -> None:
    """Insert (claim id, term key) index rows: a dozen a claim, so plain SQL.

    Building a model per row took more than twice the insert itself.
    """
    if not rows:
        return
    table = connection.ops.quote_name(MatchTerm._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            claim_ids, keys = zip(*rows, strict=True)
            cursor.execute(
                f"INSERT INTO {table} (claim_id, key)"  # noqa: S608 - table name only
                " SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
                [list(claim_ids), list(keys)],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {table} (claim_id, key) VALUES (%s, %s)",  # noqa: S608
                rows,
            )


def record_wordings(linked: list[tuple[str, str, Found]]) -> None:
    """Remember (fingerprint, words) linked to a claim, so it is found at once."""
    ClaimWording.objects.bulk_create(
        (
            ClaimWording(
                claim=found.claim,
                fingerprint=fingerprint,
                text_key=matching.text_key(text),
                method=found.method,
                score=round(found.score, 4),
            )
            for fingerprint, text, found in linked
        ),
        ignore_conflicts=True,
    )


def propose(pairs: list[tuple[Claim, Found]]) -> None:
    """Put new claims and the stored claims they resemble in the match queue."""
    ClaimMatch.objects.bulk_create(
        (
            ClaimMatch(
                claim=claim,
                claim_text=claim.text,
                target=found.claim,
                method=found.method,
                score=round(found.score, 4),
            )
            for claim, found in pairs
            if claim.pk != found.claim.pk
        ),
        ignore_conflicts=True,
    )


# --- editors ---------------------------------------------------------------


class MatchDecided(Exception):
    """The pair was already accepted or rejected (by someone else, or before)."""


@transaction.atomic
def match_accept(match: ClaimMatch, editor) -> Claim:
    """The two are one claim: merge the new one into the stored one."""
    from claims.services.corrections import claims_merge

    match = ClaimMatch.objects.select_for_update().get(pk=match.pk)
    if match.status != ClaimMatch.Status.PROPOSED or match.claim_id is None:
        raise MatchDecided(match)
    _decide(match, ClaimMatch.Status.ACCEPTED, editor)
    joined_by_editor(match.claim_id)
    return claims_merge(survivor=match.target, duplicate=match.claim)


@transaction.atomic
def match_reject(match: ClaimMatch, editor) -> ClaimMatch:
    """The two are different claims; the pair is not proposed again."""
    match = ClaimMatch.objects.select_for_update().get(pk=match.pk)
    if match.status != ClaimMatch.Status.PROPOSED:
        raise MatchDecided(match)
    _decide(match, ClaimMatch.Status.REJECTED, editor)
    return match


def joined_by_editor(claim_id: int) -> None:
    """The claim's own appearances, about to move into another claim, say an
    editor joined them (as the store says when it finds the words again:
    merges keep them as a wording with method "editor")."""
    Appearance.objects.filter(claim_id=claim_id, match_method="").update(
        match_method=ClaimMatch.Method.EDITOR, match_score=None
    )


def _decide(match: ClaimMatch, status: str, editor) -> None:
    match.status = status
    match.decided_by = editor
    match.decided_at = timezone.now()
    match.save(update_fields=["status", "decided_by", "decided_at"])


def appearance_text(appearance: Appearance, article_text: str, offset: int = 0) -> str:
    """The words of the claim as this article has them (``article_text`` may be a
    part of the article's text starting at ``offset``)."""
    return " ".join(
        article_text[start - offset : end - offset].strip()
        for start, end in appearance.content_spans
    ).strip()


@transaction.atomic
def claim_split(
    claim: Claim, appearance_ids: list[int], editor, *, version: int | None = None
) -> Claim:
    """Move appearances wrongly linked to ``claim`` into a claim of their own.

    The new claim takes the words and speaker of the first moved appearance;
    reviews stay with ``claim`` (they judged its words). The pair is recorded
    as rejected so matching never joins them again. With ``version`` (the
    claim as the editor saw it) a claim changed since raises ClaimConflict.
    """
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if version is not None and claim.version != version:
        raise ClaimConflict(claim)
    moving = list(
        claim.appearances.filter(pk__in=appearance_ids)
        .select_related("article")
        .order_by("article__published_at", "article__created_at", "pk")
    )
    if not moving or len(moving) != len(set(appearance_ids)):
        raise ValueError("Choose appearances of this claim to split off.")
    if len(moving) == claim.appearances.count():
        raise ValueError("Leave at least one appearance with the claim.")
    first = moving[0]
    text = appearance_text(first, first.article.text) or claim.text
    speaker_id = first.speaker_id
    # Split off words that only mean something in their article stay in it.
    fingerprint = claim.fingerprint_for(text, speaker_id)
    # Wordings of the moved appearances stop pointing at the old claim.
    moved_keys = set()
    for appearance in moving:
        words = appearance_text(appearance, appearance.article.text)
        moved_keys.add(Claim.make_fingerprint(words, appearance.speaker_id))
    ClaimWording.objects.filter(claim=claim, fingerprint__in=moved_keys).delete()
    twin = Claim.objects.filter(fingerprint=fingerprint).first()
    created = False
    if twin is None:
        try:
            with transaction.atomic():
                twin = Claim.objects.create(
                    text=text,
                    fingerprint=fingerprint,
                    scope_article_id=claim.scope_article_id,
                    claimant_id=speaker_id,
                    checkworthiness=claim.checkworthiness,
                    first_seen_at=first.article.published_at
                    or first.article.created_at,
                )
        except IntegrityError:  # the words were this claim's own
            raise ValueError(
                "These appearances have the claim's own words and speaker."
            ) from None
        index_claims([twin], {})
        created = True
    elif twin.pk == claim.pk:
        raise ValueError("These appearances have the claim's own words and speaker.")
    Appearance.objects.filter(pk__in=[a.pk for a in moving]).update(
        claim=twin, match_method="", match_score=None
    )
    now = timezone.now()
    ClaimMatch.objects.update_or_create(
        claim=twin,
        target=claim,
        defaults={
            "claim_text": twin.text,
            "method": ClaimMatch.Method.EDITOR,
            "score": 0.0,
            "status": ClaimMatch.Status.REJECTED,
            "decided_by": editor,
            "decided_at": now,
        },
    )
    Claim.objects.filter(pk__in=[claim.pk, twin.pk]).update(
        version=F("version") + 1, updated_at=now
    )
    Claim.objects.filter(pk__in=[claim.pk, twin.pk]).refresh_search()
    twin.refresh_from_db()
    if created:  # API clients hear of the new claim as of any other
        webhooks_claims_created([twin])
    return twin


@transaction.atomic
def claim_merge(
    *, claim: Claim, into: Claim, editor, version: int | None = None
) -> Claim:
    """An editor's merge of ``claim`` into ``into``; returns the survivor.

    With ``version`` (``claim`` as the editor saw it) a claim changed since
    raises ClaimConflict. The merge is remembered as a pair accepted by the
    editor (the pair of the two waiting in the queue, if there is one), so the
    match queue's history says who joined them.
    """
    from claims.services.corrections import claims_merge

    if claim.pk == into.pk:
        raise ValueError("A claim cannot be merged into itself.")
    # Both rows locked in pk order, as claims_merge locks them.
    locked = {
        c.pk: c
        for c in Claim.objects.select_for_update()
        .filter(pk__in=[claim.pk, into.pk])
        .order_by("pk")
    }
    if claim.pk not in locked:
        raise ValueError("This claim no longer exists (merged or removed).")
    if into.pk not in locked:
        raise ValueError(f"Claim #{into.pk} no longer exists (merged or removed).")
    current = locked[claim.pk]
    if version is not None and current.version != version:
        raise ClaimConflict(current)
    words = current.text
    # A pair of the two waiting in the queue is decided by this merge.
    waiting = list(
        ClaimMatch.objects.filter(status=ClaimMatch.Status.PROPOSED)
        .filter(
            Q(claim_id=claim.pk, target_id=into.pk)
            | Q(claim_id=into.pk, target_id=claim.pk)
        )
        .values_list("pk", flat=True)
    )
    joined_by_editor(current.pk)
    survivor = claims_merge(survivor=locked[into.pk], duplicate=current)
    if waiting:
        ClaimMatch.objects.filter(pk__in=waiting).update(decided_by=editor)
        return survivor
    ClaimMatch.objects.create(
        claim=None,
        claim_text=words,
        target=survivor,
        method=ClaimMatch.Method.EDITOR,
        score=0.0,
        status=ClaimMatch.Status.ACCEPTED,
        decided_by=editor,
        decided_at=timezone.now(),
    )
    return survivor


# --- the claim page --------------------------------------------------------


@dataclass(frozen=True)
class Sighting:
    """One appearance of a claim on its timeline."""

    appearance: Appearance
    words: str
    first: bool
    same_speaker: bool
    changes: SafeString  # the words against the first appearance's, marked up
    passage: Passage | None  # the sentences around it, for the page


# Characters of the article read on each side of an appearance: enough for the
# sentences before and after it, without reading whole articles.
CONTEXT_CHARS = 2000


def timeline(claim: Claim, limit: int | None = None) -> list[Sighting]:
    """The appearances of ``claim`` by date (the first ``limit``), with who said
    it in each, the wording, and the sentences around it.

    Only a window of each article's text around the appearance is read, so a
    claim repeated in long articles costs no more than one in short ones.
    """
    window_start = Greatest(F("start") - CONTEXT_CHARS, Value(0))
    appearances = (
        claim.appearances.select_related("article__source", "speaker")
        .defer("article__raw_html", "article__text")
        .annotate(
            window_start=window_start,
            # One character more than the window: if it comes back, the text
            # goes on past the window. (LENGTH would read the whole text;
            # PostgreSQL reads a SUBSTR's slice only.)
            window=Substr(
                "article__text",
                window_start + 1,  # SUBSTR counts from 1
                F("end") + CONTEXT_CHARS + 1 - window_start,
            ),
        )
        .order_by("article__published_at", "article__created_at", "pk")
    )
    appearances = list(appearances[:limit] if limit else appearances)
    sightings: list[Sighting] = []
    first_words = ""
    for index, appearance in enumerate(appearances):
        offset = appearance.window_start
        window = appearance.window or ""
        cut_after = len(window) > appearance.end + CONTEXT_CHARS - offset
        if cut_after:
            window = window[:-1]
        words = appearance_text(appearance, window, offset=offset) or claim.text
        if index == 0:
            first_words = words
        speaker = appearance.speaker_id or claim.claimant_id
        sightings.append(
            Sighting(
                appearance=appearance,
                words=words,
                first=index == 0,
                same_speaker=speaker == claim.claimant_id,
                changes=word_diff(first_words, words),
                passage=passage(
                    window,
                    appearance.start - offset,
                    appearance.end - offset,
                    cut_before=offset > 0,
                    cut_after=cut_after,
                ),
            )
        )
    return sightings


def word_diff(before: str, after: str) -> SafeString:
    """``after`` with words added since ``before`` in <ins> and removed in <del>."""
    old, new = before.split(), after.split()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(new[b1:b2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every word escaped above


def proposed_for(claim: Claim):
    """Pending pairs involving ``claim``, either side."""
    return (
        ClaimMatch.objects.filter(status=ClaimMatch.Status.PROPOSED)
        .filter(Q(claim=claim) | Q(target=claim))
        .select_related("claim", "target")
    )
