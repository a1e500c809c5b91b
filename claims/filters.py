"""Finding claims: one search box, combinable filters, facet counts, sort orders.

The browser list, the editors' review queue and the API share this FilterSet:
``ClaimFilterSet(request.GET, queryset=...)`` gives ``.qs`` and ``.form``, and
``facets(filterset)`` counts each filter's options under the other filters.

Search uses PostgreSQL full-text search on ``Claim.search_vector`` (claim text,
weight A; speaker, aliases, article titles and outlets, weight B) and, on
SQLite, requires every word of the query in the claim text or its search text.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, time, timedelta
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from claims.models import (
    Actor,
    Appearance,
    AttributionStatus,
    Claim,
    Source,
    Verdict,
    quotation_is,
)

QUOTE_CHOICES = [
    ("direct", "Direct quote"),
    ("partial", "Partly quoted"),
    ("indirect", "Indirect (reported)"),
]
SORT_CHOICES = [
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("checkworthy", "Most check-worthy"),
    ("repeated", "Most repeated"),
    ("relevance", "Best match"),
]
# Check-worthiness thresholds offered in the form, each with its count.
THRESHOLDS = (0.3, 0.5, 0.7, 0.9)
# Speakers and outlets are many; the form lists the busiest under the filters.
FACET_LIMIT = 25
# Filters on where a claim appears; combined so one appearance meets them all.
APPEARANCE_FILTERS = ("outlet", "date_from", "date_to", "quote")
MAX_QUERY_WORDS = 12


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_words(q: str) -> list[str]:
    """The words of a query, for the SQLite fallback and its highlighting."""
    words = re.findall(r"\w+", q.lower())
    words = [w for w in dict.fromkeys(words) if w != "or"]
    return words[:MAX_QUERY_WORDS]


def _search_query(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config="english")


class ClaimFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_noop", label="Search claims")
    verdict = django_filters.ChoiceFilter(choices=Verdict.choices, label="Verdict")
    attribution = django_filters.ChoiceFilter(
        field_name="attribution_status",
        choices=AttributionStatus.choices,
        label="Attribution",
    )
    speaker = django_filters.ModelChoiceFilter(
        field_name="claimant",
        queryset=Actor.objects.all(),
        label="Speaker",
    )
    outlet = django_filters.ModelChoiceFilter(
        method="filter_noop", queryset=Source.objects.all(), label="Outlet"
    )
    date_from = django_filters.DateFilter(
        method="filter_noop",
        label="Published from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        method="filter_noop",
        label="Published to",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    min_checkworthiness = django_filters.NumberFilter(
        field_name="checkworthiness",
        lookup_expr="gte",
        label="Check-worthiness at least",
        min_value=0,
        max_value=1,
    )
    quote = django_filters.ChoiceFilter(
        method="filter_noop", choices=QUOTE_CHOICES, label="Quote"
    )
    sort = django_filters.ChoiceFilter(
        method="filter_noop", choices=SORT_CHOICES, label="Sort", empty_label=None
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_noop(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        # Search, appearance filters and sorting are applied together in
        # filter_queryset, because they depend on one another.
        return queryset

    @property
    def search(self) -> str:
        """The search query as cleaned, or ''."""
        return (self._cleaned().get("q") or "").strip()

    @property
    def sort_order(self) -> str:
        sort = self._cleaned().get("sort") or ""
        if sort == "relevance" or not sort:
            return "relevance" if self.search else "newest"
        return sort

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self.apply_sort(self.apply_filters(queryset), unfiltered=queryset)

    def apply_filters(self, queryset: QuerySet, *, without: str = "") -> QuerySet:
        """The queryset narrowed by every filter but ``without``, unsorted."""
        data = {k: v for k, v in self._cleaned().items() if k != without}
        for name, value in data.items():
            if name not in ("q", "sort", *APPEARANCE_FILTERS):
                queryset = self.filters[name].filter(queryset, value)
        queryset = _apply_search(queryset, (data.get("q") or "").strip())
        where = appearance_conditions(data)
        if where:
            appearances = Appearance.objects.filter(where, claim=OuterRef("pk"))
            queryset = queryset.filter(Exists(appearances))
        return queryset

    def apply_sort(
        self, queryset: QuerySet, *, unfiltered: QuerySet | None = None
    ) -> QuerySet:
        """``queryset`` sorted; ``unfiltered``, the same before the filters,
        lets the ranked window skip filtering again claims it knows match."""
        sort, q = self.sort_order, self.search
        if sort == "oldest":
            return queryset.order_by("first_seen_at", "id")
        if sort == "checkworthy":
            return queryset.order_by("-checkworthiness", "-first_seen_at", "-id")
        if sort == "repeated":
            if "appearance_count" not in queryset.query.annotations:
                queryset = queryset.annotate(
                    appearance_count=Count("appearances", distinct=True)
                )
            return queryset.order_by("-appearance_count", "-first_seen_at", "-id")
        if sort == "relevance" and q:
            queryset = _rank_window(queryset, unfiltered)
            if _uses_postgres():
                # As double precision: ts_rank's float4, read back from a
                # cursor as a float8, no longer equals itself, and the next page
                # began again at the first row of its rank.
                rank = Cast(
                    SearchRank(F("search_vector"), _search_query(q)), FloatField()
                )
            else:
                # Words found in the claim itself rank above words found only
                # in its speaker or article titles.
                rank = sum(
                    (
                        Case(
                            When(text__icontains=word, then=Value(1)),
                            default=Value(0),
                            output_field=IntegerField(),
                        )
                        for word in search_words(q)
                    ),
                    Value(0),
                )
            return queryset.annotate(rank=rank).order_by(
                "-rank", "-first_seen_at", "-id"
            )
        return queryset.order_by("-first_seen_at", "-id")

    def _cleaned(self) -> dict:
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018 (validates the form, so cleaned_data exists)
        return self.form.cleaned_data


def _rank_window(queryset: QuerySet, unfiltered: QuerySet | None = None) -> QuerySet:
    """Only the newest ``SEARCH_RANK_WINDOW`` matches are ranked by relevance.

    Ranking needs a score for every match, and a common word matches a tenth
    of a million claims; the newest matches come off the date index instead
    (on PostgreSQL, under a date cutoff when the word is common, as the ids of
    the window). The page says so when the window is full (``rank_window_full``).
    """
    window = settings.SEARCH_RANK_WINDOW
    if not window:
        return queryset
    newest = queryset.order_by("-first_seen_at", "-id")
    if _uses_postgres():
        ids = _newest_ids_by_cutoff(newest, window)
        if ids is not None:
            # These claims meet the filters: the planner, given the search
            # again, would match the words over the whole archive once more.
            if unfiltered is None:
                unfiltered = queryset
            return unfiltered.filter(pk__in=ids)
    return queryset.filter(pk__in=newest.values("pk")[:window])


# A common word's newest matches, read off the date index, are each a random
# heap page (6,900 pages for 500 matches of "inflation" at 1M claims: seconds
# from a cold disk). Bounded to the newest claims, the search index and the date
# index meet in a bitmap first, and only the matches' pages are read.
# The cutoff aims at this many times the window's matches...
RANK_CUTOFF_MARGIN = 1.5
# ... within at most this many times the window in newest claims at first, so
# that a planner's low estimate of several words together (it multiplies their
# frequencies) does not read thousands of matches; a second cutoff follows the
# matches found under the first.
RANK_CUTOFF_FIRST = 20
# Past this share of the archive a cutoff saves little: the current query runs.
RANK_CUTOFF_MOST = 0.1


def _newest_ids_by_cutoff(newest: QuerySet, window: int) -> list[int] | None:
    """The ids of the first ``window`` rows of ``newest`` (sorted newest first),
    found among the newest claims only; None when the planner expects too few
    matches for that to pay, or the cutoffs hold fewer than ``window``.

    Whatever the estimates, the ids are exactly the newest ``window``: a cutoff
    on ``first_seen_at`` keeps a head of the order, and ``window`` rows of a
    head are its first ``window`` rows.
    """
    claims = _estimated_rows(Claim.objects.order_by())
    matches = _estimated_rows(newest.order_by())
    if claims < 1 or matches < 1:
        return None
    most = claims * RANK_CUTOFF_MOST
    needed = window * RANK_CUTOFF_MARGIN * claims / matches
    rows = math.ceil(min(needed, window * RANK_CUTOFF_FIRST))
    for _ in range(2):
        if needed > most:
            return None
        cutoff = (
            Claim.objects.order_by("-first_seen_at", "-id")
            .values_list("first_seen_at", flat=True)[rows - 1 : rows]
            .first()
        )
        if cutoff is None:
            return None
        ids = list(
            newest.filter(first_seen_at__gte=cutoff).values_list("pk", flat=True)[
                :window
            ]
        )
        if len(ids) == window:
            return ids
        if not ids:
            return None
        rows = needed = math.ceil(rows * window * RANK_CUTOFF_MARGIN / len(ids))
    return None


def _estimated_rows(queryset: QuerySet) -> float:
    """The planner's estimate of the rows of ``queryset``: no rows are read."""
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


def _apply_search(queryset: QuerySet, q: str) -> QuerySet:
    if not q:
        return queryset
    if _uses_postgres():
        return queryset.filter(search_vector=_search_query(q))
    words = search_words(q)
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(
            Q(text__icontains=word) | Q(search_text__icontains=word)
        )
    return queryset


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def appearance_conditions(data: dict) -> Q:
    """Conditions on an Appearance from the appearance filters' values."""
    where = Q()
    if data.get("outlet"):
        where &= Q(article__source=data["outlet"])
    # An article without a publication date counts from when it was stored.
    published = Coalesce("article__published_at", "article__created_at")
    if data.get("date_from"):
        where &= Q(GreaterThanOrEqual(published, _day_start(data["date_from"])))
    if data.get("date_to"):
        end = _day_start(data["date_to"] + timedelta(days=1))
        where &= Q(LessThan(published, end))
    if data.get("quote"):
        where &= quotation_is(data["quote"])
    return where


# --- Facets ---------------------------------------------------------------------


class Option:
    """One choice of a filter, with how many claims it would show."""

    __slots__ = ("count", "label", "selected", "value")

    def __init__(self, value: Any, label: str, count: int | None, selected: bool):
        self.value, self.label, self.count, self.selected = (
            str(value),
            label,
            count,
            selected,
        )

    def __repr__(self) -> str:
        return f"Option({self.value!r}, {self.label!r}, {self.count})"


def facets(filterset: ClaimFilterSet) -> dict[str, list[Option]]:
    """Options of each filter with their counts under all the other filters.

    One aggregate query per facet, whatever the number of options or claims.
    """
    data = filterset._cleaned()
    raw = filterset.data or {}

    def base(without: str) -> QuerySet:
        qs = filterset.apply_filters(filterset.queryset.all(), without=without)
        qs = qs.order_by()
        if qs.query.annotations:  # grouping must not mix with the caller's
            qs = Claim.objects.filter(pk__in=qs.values("pk"))
        return qs

    def counted(name: str, field: str, choices) -> list[Option]:
        rows = base(name).values(field).annotate(n=Count("pk"))
        counts = {row[field]: row["n"] for row in rows}
        current = raw.get(name) or ""
        return [
            Option(value, label, counts.get(value, 0), value == current)
            for value, label in choices
        ]

    result = {
        "verdict": counted("verdict", "verdict", Verdict.choices),
        "attribution": counted(
            "attribution", "attribution_status", AttributionStatus.choices
        ),
    }

    speaker = data.get("speaker")
    rows = (
        base("speaker")
        .filter(claimant__isnull=False)
        .values("claimant", "claimant__name")
        .annotate(n=Count("pk"))
        # The chosen speaker stays listed even when not among the busiest.
        .order_by(_first_if(speaker, "claimant"), "-n", "claimant__name")
    )[:FACET_LIMIT]
    result["speaker"] = _sorted_options(
        (r["claimant"], r["claimant__name"], r["n"]) for r in rows
    )
    _mark_selected(result["speaker"], speaker)

    outlet = data.get("outlet")
    others = {k: v for k, v in data.items() if k != "outlet"}
    rows = (
        Appearance.objects.filter(
            appearance_conditions(others),
            article__source__isnull=False,
            claim__in=base("outlet").values("pk"),
        )
        .values("article__source", "article__source__name")
        .annotate(n=Count("claim", distinct=True))
        .order_by(_first_if(outlet, "article__source"), "-n", "article__source__name")
    )[:FACET_LIMIT]
    result["outlet"] = _sorted_options(
        (r["article__source"], r["article__source__name"], r["n"]) for r in rows
    )
    _mark_selected(result["outlet"], outlet)

    others = {k: v for k, v in data.items() if k != "quote"}
    counts = Appearance.objects.filter(
        appearance_conditions(others), claim__in=base("quote").values("pk")
    ).aggregate(
        **{
            value: Count("claim", distinct=True, filter=quotation_is(value))
            for value, _ in QUOTE_CHOICES
        }
    )
    result["quote"] = [
        Option(value, label, counts.get(value, 0), raw.get("quote") == value)
        for value, label in QUOTE_CHOICES
    ]

    threshold = data.get("min_checkworthiness")
    levels = sorted({*THRESHOLDS, *([float(threshold)] if threshold else [])})
    totals = base("min_checkworthiness").aggregate(
        **{
            f"t{i}": Count("pk", filter=Q(checkworthiness__gte=level))
            for i, level in enumerate(levels)
        }
    )
    result["min_checkworthiness"] = [
        Option(
            f"{level:g}",
            f"{level:g} or more",
            totals[f"t{i}"],
            threshold is not None and float(threshold) == level,
        )
        for i, level in enumerate(levels)
    ]
    return result


def _first_if(selected, field: str):
    if selected is None:
        return Value(0)
    return Case(When(**{field: selected.pk}, then=Value(0)), default=Value(1))


def _sorted_options(rows) -> list[Option]:
    options = [Option(pk, name, n, False) for pk, name, n in rows]
    options.sort(key=lambda o: (-(o.count or 0), o.label.lower()))
    return options


def _mark_selected(options: list[Option], selected) -> None:
    if selected is None:
        return
    for option in options:
        if option.value == str(selected.pk):
            option.selected = True
            return
    # Chosen, but no claim matches under the other filters.
    options.insert(0, Option(selected.pk, str(selected), 0, True))


# --- Highlighting -------------------------------------------------------------

# ts_headline marks matches with these; the text is escaped before they become
# <mark> tags, so nothing from a claim is ever trusted as HTML.
_START, _STOP = "\x02", "\x03"
_MARKED = re.compile(f"{_START}([^{_START}{_STOP}]*){_STOP}")
_ENTITY = r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);"


def highlight(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, with every occurrence of ``words`` wrapped in <mark>."""
    escaped = escape(text)
    words = [w for w in words if w]
    if not words:
        return escaped
    alternatives = "|".join(
        re.escape(escape(w)) for w in sorted(words, key=len, reverse=True)
    )
    # Entities are matched first and kept whole, so "amp" never splits "&amp;".
    pattern = re.compile(f"{_ENTITY}|({alternatives})", re.IGNORECASE)

    def wrap(match: re.Match) -> str:
        if match.group(1) is None:
            return match.group()
        return f"<mark>{match.group(1)}</mark>"

    return mark_safe(pattern.sub(wrap, escaped))  # noqa: S308 (escaped above)


def _headline_html(marked: str) -> SafeString:
    escaped = escape(marked)
    html = _MARKED.sub(r"<mark>\1</mark>", escaped)
    html = html.replace(_START, "").replace(_STOP, "")
    return mark_safe(html)  # noqa: S308 (escaped above; only <mark> added)


def _truncate(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    return text[: length - 1].rstrip() + "…"


def attach_headlines(claims, q: str, length: int = 300) -> None:
    """Set ``claim.headline``: the text (cut to ``length``) with matches marked.

    One query on PostgreSQL (ts_headline over the page's claims), none on SQLite.
    """
    claims = list(claims)
    for claim in claims:
        claim.headline = None
    q = (q or "").strip()
    if not q or not claims:
        return
    if not _uses_postgres():
        words = search_words(q)
        for claim in claims:
            claim.headline = highlight(_truncate(claim.text, length), words)
        return
    headline = SearchHeadline(
        "text",
        _search_query(q),
        config="english",
        start_sel=_START,
        stop_sel=_STOP,
        highlight_all=True,
    )
    marked = dict(
        Claim.objects.filter(pk__in=[c.pk for c in claims])
        .annotate(headline=headline)
        .values_list("pk", "headline")
    )
    for claim in claims:
        text = _truncate(marked.get(claim.pk) or claim.text, length)
        if text.count(_START) > text.count(_STOP):
            text += _STOP
        claim.headline = _headline_html(text)
