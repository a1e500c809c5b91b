"""Claim lists from plain rows: the ``ClaimSerializer`` representation, built fast.

A page of 50 claims through DRF's nested serializers costs ~100 ms of Python
(field objects per row, model instances for every appearance, article and
outlet, a ``reverse()`` per link). Here the page is three ``values()`` queries
(claims with their speaker; appearances with article and outlet; reviews with
the reviewer) grouped in dictionaries, links formatted from one ``reverse()``
each. ``ClaimSerializer`` stays the documented contract (OpenAPI, detail
views); ``tests/api/test_claim_rows.py`` checks that both give the same JSON.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from django.db.models import QuerySet
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from claims.api.serializers import AnnotationSerializer
from claims.models import Annotation, Appearance, Claim, Review, quotation_of

CLAIM_FIELDS = (
    "id", "text", "claimant_id", "claimant__name", "claimant__kind",
    "checkworthiness", "verdict", "attribution_status", "version",
    "first_seen_at", "updated_at",
)  # fmt: skip
APPEARANCE_FIELDS = (
    "claim_id", "content_spans", "start", "end", "cue_text", "cue_start",
    "cue_end", "source_text", "source_start", "source_end", "is_direct",
    "confidence", "found_by", "article_id", "article__url", "article__title",
    "article__published_at", "article__source_id", "article__source__name",
)  # fmt: skip
REVIEW_FIELDS = (
    "id", "claim_id", "verdict", "rationale", "evidence", "attribution",
    "attribution_note", "reviewer__username", "created_at",
)  # fmt: skip
_SENTINEL = 987654321


def _datetime(value: datetime, zone) -> str:
    """As DRF's DateTimeField writes it (in the current time zone, "Z" for
    UTC); the test against ClaimSerializer holds the two equal."""
    text = (value if value.tzinfo is zone else value.astimezone(zone)).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def page_rows(queryset: QuerySet) -> QuerySet:
    """The filtered, sorted claims as the rows ``represent`` needs, for the
    paginator to cut (it reads the sort columns, annotations included)."""
    return queryset.values(*CLAIM_FIELDS, *queryset.query.annotations)


class _Links:
    """Absolute links: each route's path around the id, from one ``reverse()``
    per route and script prefix in the process, joined to the request's
    scheme and host."""

    ROUTES = {
        "claim": "api:claim-detail",
        "web": "claims:claim",
        "actor": "api:actor-detail",
        "article": "api:article-detail",
        "source": "api:source-detail",
        "review": "api:review-detail",
    }

    def __init__(self, request) -> None:
        root = request.build_absolute_uri("/")[:-1] if request else ""
        prefix = get_script_prefix()
        for name, route in self.ROUTES.items():
            head, tail = _route_parts(route, prefix)
            setattr(self, name, (root + head, tail))
        # Looked up once per page: it is a context-local, slow to read per value.
        self.zone = timezone.get_current_timezone()


@lru_cache(maxsize=32)
def _route_parts(route: str, prefix: str) -> tuple[str, str]:
    """The path of ``route`` before and after its id (under ``prefix``, the
    script prefix ``reverse`` reads)."""
    head, tail = reverse(route, args=[_SENTINEL]).split(str(_SENTINEL))
    return head, tail


def represent_ids(
    ids: Iterable[int], *, request, expand: set[str] | frozenset = frozenset()
) -> list[dict]:
    """The claims ``ids``, in that order (those that exist)."""
    ids = list(ids)
    if not ids:
        return []
    rows = Claim.objects.filter(pk__in=ids).values(*CLAIM_FIELDS)
    found = {row["id"]: row for row in rows}
    return represent(
        [found[pk] for pk in ids if pk in found], request=request, expand=expand
    )


def represent(
    rows: list[dict],
    *,
    request,
    expand: set[str] | frozenset = frozenset(),
    related: tuple[dict, dict] | None = None,
) -> list[dict]:
    """Claim rows (``CLAIM_FIELDS``, as ``page_rows`` gives them), in that
    order, as ``ClaimSerializer`` renders them. ``related``: their appearance
    and review rows by claim id, when the caller read them with the claims."""
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    link = _Links(request)
    if related is None:
        appearances, reviews = defaultdict(list), defaultdict(list)
        for row in _appearance_rows(ids):
            appearances[row["claim_id"]].append(row)
        for row in _review_rows(ids):
            reviews[row["claim_id"]].append(row)
    else:
        appearances, reviews = related
    notes = _annotations(ids, request) if "annotations" in expand else {}

    out = []
    claim_head, claim_tail = link.claim
    web_head, web_tail = link.web
    for claim in rows:
        pk = claim["id"]
        own_reviews = [_review(r, link) for r in reviews.get(pk, ())]
        own_appearances = appearances.get(pk, ())
        item = {
            "id": pk,
            "url": f"{claim_head}{pk}{claim_tail}",
            "web_url": f"{web_head}{pk}{web_tail}",
            "text": claim["text"],
            "speaker": _speaker(claim, link),
            "checkworthiness": float(claim["checkworthiness"]),
            "verdict": claim["verdict"],
            "attribution_status": claim["attribution_status"],
            "version": claim["version"],
            "first_seen_at": _datetime(claim["first_seen_at"], link.zone),
            "updated_at": _datetime(claim["updated_at"], link.zone),
            "appearances": [_appearance(a, link) for a in own_appearances],
            "latest_review": own_reviews[0] if own_reviews else None,
            "counts": {
                "appearances": len(own_appearances),
                "articles": len({a["article_id"] for a in own_appearances}),
                "reviews": len(own_reviews),
            },
        }
        if "reviews" in expand:
            item["reviews"] = own_reviews
        if "annotations" in expand:
            item["annotations"] = notes.get(pk, [])
        out.append(item)
    return out


def _appearance_rows(ids: list[int]) -> Iterable[dict]:
    """The appearances of the claims ``ids`` (``APPEARANCE_FIELDS``), in
    timeline order."""
    return (
        Appearance.objects.filter(claim_id__in=ids)
        .order_by("article__published_at", "article__created_at", "start", "id")
        .values(*APPEARANCE_FIELDS)
    )


def _review_rows(ids: list[int]) -> Iterable[dict]:
    """The reviews of the claims ``ids`` (``REVIEW_FIELDS``), newest first."""
    return (
        Review.objects.filter(claim_id__in=ids)
        .order_by("-created_at", "-id")
        .values(*REVIEW_FIELDS)
    )


def _speaker(claim: dict, link: _Links) -> dict | None:
    pk = claim["claimant_id"]
    if pk is None:
        return None
    return {
        "id": pk,
        "name": claim["claimant__name"],
        "kind": claim["claimant__kind"],
        "url": f"{link.actor[0]}{pk}{link.actor[1]}",
    }


def _span(text: str, start: int | None, end: int | None) -> dict | None:
    if start is None:
        return None
    return {"text": text, "start": start, "end": end}


def _appearance(row: dict, link: _Links) -> dict:
    article_id, source_id = row["article_id"], row["article__source_id"]
    published = row["article__published_at"]
    return {
        "article": {
            "id": article_id,
            "url": f"{link.article[0]}{article_id}{link.article[1]}",
            "page_url": row["article__url"],
            "title": row["article__title"],
            "outlet": None
            if source_id is None
            else {
                "id": source_id,
                "name": row["article__source__name"],
                "url": f"{link.source[0]}{source_id}{link.source[1]}",
            },
            "published_at": _datetime(published, link.zone) if published else None,
        },
        "content_spans": [list(map(int, span)) for span in row["content_spans"]],
        "start": row["start"],
        "end": row["end"],
        "cue": _span(row["cue_text"], row["cue_start"], row["cue_end"]),
        "source": _span(row["source_text"], row["source_start"], row["source_end"]),
        "quote": quotation_of(row["is_direct"], row["found_by"]),
        "confidence": float(row["confidence"]),
        "found_by": row["found_by"],
    }


def _review(row: dict, link: _Links) -> dict:
    return {
        "id": row["id"],
        "url": f"{link.review[0]}{row['id']}{link.review[1]}",
        "claim": row["claim_id"],
        "claim_url": f"{link.claim[0]}{row['claim_id']}{link.claim[1]}",
        "verdict": row["verdict"],
        "rationale": row["rationale"],
        "evidence": [
            {"url": e["url"], "title": e.get("title", "")} for e in row["evidence"]
        ],
        "attribution": row["attribution"],
        "attribution_note": row["attribution_note"],
        "reviewer": row["reviewer__username"],
        "created_at": _datetime(row["created_at"], link.zone),
    }


def _annotations(ids: list[int], request) -> dict[int, list]:
    """Notes are few and need the viewer's visibility rules: the serializer."""
    user = request.user if request else None
    grouped = defaultdict(list)
    notes = (
        Annotation.objects.visible_to(user)
        .filter(claim_id__in=ids)
        .select_related("author")
    )
    context = {"request": request}
    for note in notes:
        grouped[note.claim_id].append(AnnotationSerializer(note, context=context).data)
    return grouped
