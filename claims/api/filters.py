"""Query parameters of the lists: the browser's claim filters, and sync by time.

``ApiClaimFilterSet`` is the browser's ``ClaimFilterSet`` (same parameter names,
so a browser URL's query string works on the API) plus a maximum
check-worthiness. ``UpdatedSinceFilter`` gives every list ``?updated_since=``.
"""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime, time

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework import exceptions
from rest_framework.filters import BaseFilterBackend

from claims.filters import ClaimFilterSet
from claims.ingest.analysis import analyser_version
from claims.models import (
    Actor,
    Annotation,
    Article,
    AttributionStatus,
    Claim,
    Deletion,
    Review,
    Source,
    Verdict,
    analysed_before,
)


class ApiClaimFilterSet(ClaimFilterSet):
    max_checkworthiness = django_filters.NumberFilter(
        field_name="checkworthiness",
        lookup_expr="lte",
        label="Check-worthiness at most (0 to 1).",
        min_value=0,
        max_value=1,
    )

    class Meta(ClaimFilterSet.Meta):
        model = Claim
        fields: list[str] = []


# Descriptions for the API reference, on copies: the browser's form shows the
# shared filters' labels and must not gain these.
ApiClaimFilterSet.base_filters = copy.deepcopy(ApiClaimFilterSet.base_filters)
HELP = {
    "q": "Full-text search in the claim, its speaker (and aliases), and the "
    "titles and outlets of the articles it appears in.",
    "verdict": "Only claims with this verdict.",
    "attribution": "Only claims with this attribution status.",
    "speaker": "Only claims by this actor (id).",
    "outlet": "Only claims appearing in an article of this outlet (id).",
    "date_from": "Only claims appearing in an article published on or after "
    "this day (YYYY-MM-DD).",
    "date_to": "Only claims appearing in an article published on or before "
    "this day (YYYY-MM-DD).",
    "min_checkworthiness": "Check-worthiness at least (0 to 1).",
    "max_checkworthiness": "Check-worthiness at most (0 to 1).",
    "quote": "Only claims quoted directly (all in quotation marks), partly quoted "
    "(reported, with some words quoted) or reported (indirect).",
    "sort": "Order: newest (default), oldest, checkworthy, repeated (most "
    "appearances first), relevance (the default with q). Ignored with "
    "updated_since, which orders by (updated_at, id).",
}
for _name, _text in HELP.items():
    ApiClaimFilterSet.base_filters[_name].extra["help_text"] = _text


class ArticleFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Article.Status.choices, help_text="Only articles in this status."
    )
    origin = django_filters.ChoiceFilter(
        choices=Article.Origin.choices,
        help_text="Only articles submitted this way.",
    )
    outlet = django_filters.ModelChoiceFilter(
        field_name="source",
        queryset=Source.objects.all(),
        help_text="Only articles of this outlet (id).",
    )
    url = django_filters.CharFilter(
        field_name="url", help_text="The article with this canonical URL."
    )
    outdated = django_filters.BooleanFilter(
        method="filter_outdated",
        help_text="true: only the finished articles an earlier analyser read "
        "(process them again for what it finds now); false: all others.",
    )

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_outdated(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        outdated = analysed_before(analyser_version())
        return queryset.filter(outdated) if value else queryset.exclude(outdated)


class ActorFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Actor.Kind.choices, help_text="Only actors of this kind."
    )
    q = django_filters.CharFilter(
        method="filter_name", help_text="Actors whose name or an alias contains this."
    )

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        matching = Actor.objects.filter(
            Q(name__icontains=value) | Q(aliases__name__icontains=value)
        )
        return queryset.filter(pk__in=matching.values("pk"))


class SourceFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Source.Kind.choices, help_text="Only outlets of this kind."
    )
    domain = django_filters.CharFilter(
        field_name="domains__domain", help_text="The outlet publishing on this domain."
    )

    class Meta:
        model = Source
        fields: list[str] = []


class ReviewFilterSet(django_filters.FilterSet):
    claim = django_filters.NumberFilter(
        field_name="claim_id", help_text="Only reviews of this claim (id)."
    )
    verdict = django_filters.ChoiceFilter(
        choices=Verdict.choices, help_text="Only reviews giving this verdict."
    )
    attribution = django_filters.ChoiceFilter(
        choices=AttributionStatus.choices,
        help_text="Only reviews with this attribution finding.",
    )

    class Meta:
        model = Review
        fields: list[str] = []


class AnnotationFilterSet(django_filters.FilterSet):
    claim = django_filters.NumberFilter(
        field_name="claim_id", help_text="Only notes on this claim (id)."
    )
    article = django_filters.NumberFilter(
        field_name="article_id", help_text="Only notes on this article (id)."
    )

    class Meta:
        model = Annotation
        fields: list[str] = []


class DeletionFilterSet(django_filters.FilterSet):
    model = django_filters.ChoiceFilter(
        choices=[("claim", "claim"), ("actor", "actor"), ("annotation", "annotation")],
        help_text="Only deletions of this kind of row.",
    )

    class Meta:
        model = Deletion
        fields: list[str] = []


_PLUS_AS_SPACE = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


def parse_since(raw: str, name: str) -> datetime:
    """An ISO 8601 time (or day); a time without an offset is taken as UTC."""
    # A "+" of an offset arrives as a space when the client did not encode it.
    raw = _PLUS_AS_SPACE.sub(r"\1+\2", raw.strip())
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)) is not None:
            value = datetime.combine(day, time.min)
    except ValueError:  # well formed, but no such day or time
        value = None
    if value is None:
        raise exceptions.ValidationError(
            {name: ["An ISO 8601 time, e.g. 2024-03-25T12:00:00Z."]}
        )
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    try:
        # PostgreSQL takes offsets up to 15:59 only: compare in UTC.
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise exceptions.ValidationError(
            {name: ["That time is out of range."]}
        ) from None


class UpdatedSinceFilter(BaseFilterBackend):
    """``?updated_since=T``: rows changed at or after T, oldest change first.

    The view names its time field (``updated_field``; ``updated_at`` by
    default). The bound is inclusive and the order is (time, id), so a client
    mirroring the data polls with the latest time it has seen and upserts.
    """

    params = ("updated_since",)

    def filter_queryset(self, request, queryset, view):
        field = getattr(view, "updated_field", "updated_at")
        params = getattr(view, "updated_since_params", self.params)
        raw = next(
            (request.query_params[p] for p in params if p in request.query_params), None
        )
        if raw is None:
            return queryset
        since = parse_since(raw, params[0])
        return queryset.filter(**{f"{field}__gte": since}).order_by(field, "id")

    def get_schema_operation_parameters(self, view) -> list[dict]:
        field = getattr(view, "updated_field", "updated_at")
        params = getattr(view, "updated_since_params", self.params)
        return [
            {
                "name": name,
                "required": False,
                "in": "query",
                "description": f"Only rows with {field} at or after this ISO 8601 "
                f"time, ordered by ({field}, id): poll with the latest {field} "
                "seen to mirror the data.",
                "schema": {"type": "string", "format": "date-time"},
            }
            for name in params
        ]
