"""Exports: schema.org ClaimReview (one claim, or a feed) and bulk CSV / JSON lines.

ClaimReview
    ``GET /api/v1/claims/{id}/claimreview`` and ``GET /api/v1/claimreviews/``
    (cursor-paginated, newest review first, ``?updated_since=`` ISO date-time).
    Only claims whose verdict is a real judgement (verified, misleading, false,
    unverifiable) are exported. The rating scale, 1 (worst) to 5 (best):

    ============  ===========  ==================================================
    verdict       ratingValue  why
    ============  ===========  ==================================================
    false         1            the claim is inaccurate
    misleading    2            accurate in part, but gives a false impression
    unverifiable  3            the middle: neither confirmed nor refuted; the
                               alternateName says so, so nobody reads it as
                               "half true"
    verified      5            the claim is accurate
    ============  ===========  ==================================================

    4 is left free for a future "mostly accurate" verdict.

Bulk export
    ``GET /api/v1/claims/export.csv`` and ``GET /api/v1/claims/export.jsonl``
    take the claim browser's filters (q, verdict, attribution, speaker, outlet,
    date_from, date_to, min_checkworthiness, quote, sort) and stream every
    matching claim: one SQL query read through a cursor in chunks, speaker and
    first appearance joined in by subqueries, so memory and queries stay
    constant whatever the number of rows. CSV cells starting with = + - @ (or a
    tab / carriage return) are prefixed with a quote against formula injection.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.conf import settings
from django.db.models import (
    Count,
    DateTimeField,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.filters import parse_since
from claims.api.pagination import KeysetPagination
from claims.api.permissions import ApiAccess
from claims.api.renderers import FastJSONRenderer, JSONLDRenderer
from claims.api.schema import ApiAutoSchema
from claims.api.serializers import ErrorSerializer
from claims.filters import ClaimFilterSet
from claims.models import Actor, Appearance, Claim, Review, Verdict

# --- ClaimReview ------------------------------------------------------------------

REVIEWED = (Verdict.VERIFIED, Verdict.MISLEADING, Verdict.FALSE, Verdict.UNVERIFIABLE)
BEST_RATING, WORST_RATING = 5, 1
RATINGS: dict[str, tuple[int, str]] = {
    Verdict.FALSE: (1, "False: the claim is inaccurate"),
    Verdict.MISLEADING: (2, "Misleading: accurate in part, but misleading"),
    Verdict.UNVERIFIABLE: (
        3,
        "Unverifiable: the claim could be neither confirmed nor refuted",
    ),
    Verdict.VERIFIED: (5, "Verified: the claim is accurate"),
}
# A claim repeated across many articles lists its first ones.
MAX_APPEARANCES = 20
_PERSON_KINDS = {Actor.Kind.PERSON}


def _published():
    return Coalesce("article__published_at", "article__created_at")


def reviewed_claims() -> QuerySet:
    """Claims with a real verdict, with the latest such review's time and text."""
    latest = Review.objects.filter(claim=OuterRef("pk"), verdict__in=REVIEWED).order_by(
        "-created_at", "-id"
    )
    appearances = (
        Appearance.objects.select_related("article__source")
        .annotate(published=_published())
        .order_by("published", "article_id", "start")
    )
    return (
        Claim.objects.filter(verdict__in=REVIEWED)
        .select_related("claimant")
        .annotate(
            reviewed_at=Coalesce(
                Subquery(latest.values("created_at")[:1]),
                F("updated_at"),
                output_field=DateTimeField(),
            ),
            review_rationale=Subquery(latest.values("rationale")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=appearances[: MAX_APPEARANCES * 2],
                to_attr="export_appearances",
            )
        )
    )


def absolute_url(request: Request | None, path: str) -> str:
    if settings.SITE_URL:
        return f"{settings.SITE_URL}{path}"
    return request.build_absolute_uri(path) if request is not None else path


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def claimreview(claim: Claim, request: Request | None = None) -> dict:
    """The schema.org ClaimReview of a claim from ``reviewed_claims()``."""
    rating, meaning = RATINGS[claim.verdict]
    item: dict = {"@type": "Claim"}
    if claim.claimant:
        kind = "Person" if claim.claimant.kind in _PERSON_KINDS else "Organization"
        item["author"] = {"@type": kind, "name": claim.claimant.name}
    works, seen = [], set()
    for appearance in claim.export_appearances:
        article = appearance.article
        if article.pk in seen:
            continue  # the claim twice in one article
        seen.add(article.pk)
        work: dict = {
            "@type": "NewsArticle" if article.source else "CreativeWork",
            "url": article.url or absolute_url(request, article.get_absolute_url()),
            "headline": article.title,
        }
        if article.source:
            work["publisher"] = {"@type": "Organization", "name": article.source.name}
        if article.published_at:
            work["datePublished"] = article.published_at.isoformat()
        works.append(work)
    if works:
        item["appearance"] = works[:MAX_APPEARANCES]
        item["firstAppearance"] = works[0]
    publisher: dict = {
        "@type": "Organization",
        "name": settings.CLAIMREVIEW_PUBLISHER_NAME,
    }
    if settings.CLAIMREVIEW_PUBLISHER_URL:
        publisher["url"] = settings.CLAIMREVIEW_PUBLISHER_URL
    document = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute_url(request, claim.get_absolute_url()),
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "author": publisher,
        "datePublished": _iso(claim.reviewed_at),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "textualRating": Verdict(claim.verdict).label,
            "alternateName": meaning,
        },
    }
    if claim.review_rationale:
        document["reviewBody"] = claim.review_rationale
    return document


class ClaimReviewView(APIView):
    """The schema.org ClaimReview (JSON-LD) of one claim; 404 until it has a verdict."""

    permission_classes = [ApiAccess]
    renderer_classes = [JSONLDRenderer, FastJSONRenderer]
    schema = ApiAutoSchema()

    @extend_schema(
        operation_id="claims_claimreview",
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description=__doc__),
            404: OpenApiResponse(
                ErrorSerializer,
                description="No such claim, or it has no verdict (yet).",
            ),
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = reviewed_claims().filter(pk=pk).first()
        if claim is None:
            raise NotFound("This claim has no verdict to export yet.")
        return Response(claimreview(claim, request))


class ClaimReviewFeedView(APIView):
    """Every exported ClaimReview, newest review first, by cursor pages.

    ``updated_since`` (ISO 8601 date or date-time) keeps claims reviewed or
    corrected since then.
    """

    permission_classes = [ApiAccess]
    renderer_classes = [JSONLDRenderer, FastJSONRenderer]
    schema = ApiAutoSchema()

    @extend_schema(
        operation_id="claimreviews_list",
        parameters=[
            OpenApiParameter(
                "updated_since",
                OpenApiTypes.DATETIME,
                description="Only claims reviewed or changed since then (ISO 8601).",
            ),
            OpenApiParameter(
                "cursor", OpenApiTypes.STR, description="From a next/previous link."
            ),
            OpenApiParameter(
                "page_size", OpenApiTypes.INT, description="1 to 200 (default 50)."
            ),
        ],
        responses=OpenApiResponse(
            OpenApiTypes.OBJECT,
            description='{"next", "previous", "results": [ClaimReview, ...]}',
        ),
    )
    def get(self, request: Request) -> Response:
        claims = reviewed_claims()
        since = request.query_params.get("updated_since")
        if since:
            claims = claims.filter(updated_at__gte=parse_since(since, "updated_since"))
        paginator = KeysetPagination()
        page = paginator.paginate_queryset(
            claims.order_by("-reviewed_at", "-id"), request, view=self
        )
        return paginator.get_paginated_response(
            [claimreview(claim, request) for claim in page or []]
        )


# --- Bulk export ------------------------------------------------------------------

CHUNK_SIZE = 2000  # rows fetched from the database cursor at a time
FLUSH_ROWS = 500  # rows per chunk of the response body
COLUMNS = [
    "id", "text", "speaker_id", "speaker", "verdict", "attribution_status",
    "checkworthiness", "first_seen_at", "updated_at", "appearances",
    "first_appearance_article_id", "first_appearance_url",
    "first_appearance_title", "first_appearance_outlet",
    "first_appearance_published_at", "url",
]  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_rows(claims: QuerySet) -> QuerySet:
    """``claims`` as dict rows of COLUMNS (but url), all in one SQL query."""
    first = Appearance.objects.filter(claim=OuterRef("pk")).order_by(
        _published(), "article_id", "start"
    )
    count = (
        Appearance.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return claims.annotate(
        export_speaker=F("claimant__name"),
        export_appearances=Coalesce(Subquery(count), 0),
        export_article=Subquery(first.values("article_id")[:1]),
        export_article_url=Subquery(first.values("article__url")[:1]),
        export_article_title=Subquery(first.values("article__title")[:1]),
        export_outlet=Subquery(first.values("article__source__name")[:1]),
        export_published=Subquery(
            first.annotate(p=_published()).values("p")[:1],
            output_field=DateTimeField(),
        ),
    ).values(
        "id",
        "text",
        "claimant_id",
        "export_speaker",
        "verdict",
        "attribution_status",
        "checkworthiness",
        "first_seen_at",
        "updated_at",
        "export_appearances",
        "export_article",
        "export_article_url",
        "export_article_title",
        "export_outlet",
        "export_published",
    )


def _record(row: dict, site: str) -> dict:
    return {
        "id": row["id"],
        "text": row["text"],
        "speaker_id": row["claimant_id"],
        "speaker": row["export_speaker"],
        "verdict": row["verdict"],
        "attribution_status": row["attribution_status"],
        "checkworthiness": row["checkworthiness"],
        "first_seen_at": _iso(row["first_seen_at"]),
        "updated_at": _iso(row["updated_at"]),
        "appearances": row["export_appearances"],
        "first_appearance_article_id": row["export_article"],
        "first_appearance_url": row["export_article_url"],
        "first_appearance_title": row["export_article_title"],
        "first_appearance_outlet": row["export_outlet"],
        "first_appearance_published_at": _iso(row["export_published"]),
        "url": site + reverse("claims:claim", args=[row["id"]]),
    }


def csv_cell(value) -> str | int | float:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _Line:
    """A file-like whose write returns what was written, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(records: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    lines: list[str] = []
    for record in records:
        lines.append(writer.writerow([csv_cell(record[c]) for c in COLUMNS]))
        if len(lines) >= FLUSH_ROWS:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def jsonl_chunks(records: Iterable[dict]) -> Iterator[str]:
    lines: list[str] = []
    for record in records:
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        if len(lines) >= FLUSH_ROWS:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


FORMATS = {
    "csv": ("text/csv; charset=utf-8", csv_chunks),
    "jsonl": ("application/x-ndjson; charset=utf-8", jsonl_chunks),
}


_FILTER_PARAMETERS = [
    OpenApiParameter(name, OpenApiTypes.STR, description=str(f.label))
    for name, f in ClaimFilterSet.base_filters.items()
]


class ClaimExportView(APIView):
    (
        """Every claim matching the browser's filters, streamed (no pagination).

    Takes the claim browser's query parameters. Columns: """
        + ", ".join(COLUMNS)
        + """.
    """
    )

    # A whole database in one request: signed-in clients only, even when
    # reading is public.
    permission_classes = [permissions.IsAuthenticated, ApiAccess]
    schema = ApiAutoSchema()
    fmt = "csv"

    def perform_content_negotiation(self, request, force=False):
        # The body is CSV or JSON lines whatever Accept says; errors are JSON.
        return super().perform_content_negotiation(request, force=True)

    def get(self, request: Request) -> StreamingHttpResponse:
        filterset = ClaimFilterSet(request.query_params, queryset=Claim.objects.all())
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        rows = export_rows(filterset.qs).iterator(chunk_size=CHUNK_SIZE)
        site = settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")
        records = (_record(row, site) for row in rows)
        content_type, chunks = FORMATS[self.fmt]
        response = StreamingHttpResponse(chunks(records), content_type=content_type)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = (
            f'attachment; filename="claims-{stamp}.{self.fmt}"'
        )
        return response


class ClaimCSVExportView(ClaimExportView):
    fmt = "csv"

    @extend_schema(
        operation_id="claims_export_csv",
        parameters=_FILTER_PARAMETERS,
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        return super().get(request)


class ClaimJSONLExportView(ClaimExportView):
    fmt = "jsonl"

    @extend_schema(
        operation_id="claims_export_jsonl",
        parameters=_FILTER_PARAMETERS,
        responses={(200, "application/x-ndjson"): OpenApiTypes.STR},
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        return super().get(request)
