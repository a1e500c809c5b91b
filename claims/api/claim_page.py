"""``GET /api/v1/claims/`` for its common requests, without DRF's request cycle.

Clients that mirror or page through claims send the same few requests again and
again: the newest claims, perhaps of one verdict, attribution status or
speaker, followed by cursor. Through DRF such a page costs about 6 ms of Python
on top of its SQL and rows: the request wrapper, content negotiation, the
filter set (django-filter copies its filters and form fields per request), the
ORM compiling four queries. Here the same page is answered from precompiled
SQL, with DRF's own authentication and throttle classes, the paginator's cursor
format and links, ``claim_rows`` for the rows and ``with_etag`` for the ETag.

The grammar is small on purpose. Anything outside it goes to ``ClaimViewSet``
unchanged, which owns every error: search, another sort, ``expand``, another
filter, a repeated or empty parameter, an unknown value, a bad cursor, another
``Accept``, a browser session, a bad or missing token, a throttled client, and
SQLite (the embedded default). ``tests/api/test_claim_page.py`` holds the two
paths to the same status, headers and bytes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps
from types import SimpleNamespace

import orjson
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse
from rest_framework import exceptions
from rest_framework.settings import api_settings

from claims.api import claim_rows
from claims.api.authentication import TokenAuthentication
from claims.api.pagination import KeysetPagination, decode_cursor
from claims.api.renderers import FastJSONRenderer, with_etag
from claims.models import AttributionStatus, Claim, Verdict

ORDERING = ["-first_seen_at", "-id"]
# Query parameter -> (column, allowed values or None for an actor id).
FILTERS = {
    "verdict": ("c.verdict", frozenset(Verdict.values)),
    "attribution": ("c.attribution_status", frozenset(AttributionStatus.values)),
    "speaker": ("c.claimant_id", None),
}
NAMES = frozenset({*FILTERS, "cursor", "page_size"})
ACCEPTED = frozenset({"", "*/*", "application/json"})
MEDIA_TYPE = "application/json"
_MAX_ID = 2**63 - 1
_COLUMNS = """c.id, c.text, c.claimant_id, a.name, a.kind, c.checkworthiness,
    c.verdict, c.attribution_status, c.version, c.first_seen_at, c.updated_at"""
_APPEARANCE_FIELDS = [f for f in claim_rows.APPEARANCE_FIELDS if f != "claim_id"]
_REVIEW_FIELDS = [f for f in claim_rows.REVIEW_FIELDS if f != "claim_id"]
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAMES = itertools.count()  # prepared statements' names, unique in the process


def _microseconds(column: str) -> str:
    """A time as whole microseconds since 1970, exact in JSON (PostgreSQL
    writes times in JSON with their fraction trimmed)."""
    return (
        f"(EXTRACT(EPOCH FROM date_trunc('second', {column}))::bigint * 1000000"
        f" + EXTRACT(MICROSECONDS FROM {column})::bigint %% 1000000)"
    )


# The page, then each claim's appearances (as claim_rows orders them) and
# reviews (newest first) as JSON arrays of claim_rows' fields, in that order.
_PAGE = f"""
WITH page AS (
    SELECT {_COLUMNS} FROM claims_claim c
    LEFT JOIN claims_actor a ON a.id = c.claimant_id
    WHERE {{where}}
    ORDER BY c.first_seen_at {{direction}}, c.id {{direction}} LIMIT %s
)
SELECT page.*,
    (SELECT json_agg(json_build_array(
        p.content_spans, p.start, p."end", p.cue_text, p.cue_start, p.cue_end,
        p.source_text, p.source_start, p.source_end, p.is_direct, p.confidence,
        p.found_by, p.article_id, r.url, r.title, {_microseconds("r.published_at")},
        r.source_id, s.name
     ) ORDER BY r.published_at, r.created_at, p.start, p.id)::text
     FROM claims_appearance p JOIN claims_article r ON r.id = p.article_id
     LEFT JOIN claims_source s ON s.id = r.source_id
     WHERE p.claim_id = page.id),
    (SELECT json_agg(json_build_array(
        v.id, v.verdict, v.rationale, v.evidence, v.attribution,
        v.attribution_note, u.username, {_microseconds("v.created_at")}
     ) ORDER BY v.created_at DESC, v.id DESC)::text
     FROM claims_review v JOIN auth_user u ON u.id = v.reviewer_id
     WHERE v.claim_id = page.id)
FROM page ORDER BY page.first_seen_at {{direction}}, page.id {{direction}}
"""  # noqa: S608 (constants; the values are parameters)
# The first column's bound on its own, as the paginator writes it: the planner
# starts an index range scan there instead of walking the rows before it.
_AFTER = {
    False: "c.first_seen_at <= %s AND (c.first_seen_at < %s OR "
    "(c.first_seen_at = %s AND c.id < %s))",
    True: "c.first_seen_at >= %s AND (c.first_seen_at > %s OR "
    "(c.first_seen_at = %s AND c.id > %s))",
}


def fast_list(view: Callable) -> Callable:
    """``view`` (the router's claim list) answering the common requests itself."""

    @wraps(view)
    def claims_list(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "GET" and connection.vendor == "postgresql":
            response = answer(request)
            if response is not None:
                return response
        return view(request, *args, **kwargs)

    return claims_list


def answer(request: HttpRequest) -> HttpResponse | None:
    """The page, or None when ``ClaimViewSet`` must answer."""
    query = _query(request)
    if query is None or request.META.get("HTTP_ACCEPT", "") not in ACCEPTED:
        return None
    try:
        after = _after(query.get("cursor"))
    except (exceptions.ValidationError, DjangoValidationError, TypeError, ValueError):
        return None  # the paginator's 400
    client = _client(request)
    if client is None or not _throttles_allow(client):
        return None  # DRF asks the throttles again and answers 429
    reverse = bool(after and after[2])
    size = int(query.get("page_size", settings.API_PAGE_SIZE))
    page = _page(query, after, size)
    if page is None:
        return None  # an unknown speaker: the filter set's 400
    rows, related = page
    paginator = KeysetPagination()
    paginator.page_size = size
    rows = paginator.cut(request, rows, ORDERING, after is not None, reverse)
    body = {
        "next": paginator.get_next_link(),
        "previous": paginator.get_previous_link(),
        "results": claim_rows.represent(rows, request=request, related=related),
    }
    response = HttpResponse(FastJSONRenderer().render(body), content_type=MEDIA_TYPE)
    response["Allow"] = "GET, HEAD, OPTIONS"
    return with_etag(request, response, MEDIA_TYPE)


def _query(request: HttpRequest) -> dict[str, str] | None:
    """The query string as one value per parameter, if the grammar covers it."""
    query = {}
    for name, values in request.GET.lists():
        if name not in NAMES or len(values) != 1 or not values[0]:
            return None
        query[name] = values[0]
    for name, (_, allowed) in FILTERS.items():
        value = query.get(name)
        if value is not None and not (
            _is_id(value) if allowed is None else value in allowed
        ):
            return None
    size = query.get("page_size")
    if size is not None and not (
        _is_id(size) and int(size) <= settings.API_MAX_PAGE_SIZE
    ):
        return None
    return query


def _is_id(value) -> bool:
    """A positive whole number as written by the API ("7", not "07" or "7.0")."""
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit()) or value != str(int(value)):
            return False
        value = int(value)
    return type(value) is int and 0 < value <= _MAX_ID


def _after(raw: str | None) -> tuple | None:
    """The cursor's boundary (first_seen_at, id, reverse), or None without one."""
    cursor = decode_cursor(raw, ORDERING)
    if cursor is None:
        return None
    seen, pk = cursor["v"]
    seen = Claim._meta.get_field("first_seen_at").to_python(seen)
    if seen is None or seen.tzinfo is None or not _is_id(pk):
        raise DjangoValidationError("Not a cursor this list writes.")
    return seen, pk, cursor["r"]


def _client(request: HttpRequest) -> SimpleNamespace | None:
    """The token's user, as DRF's token authentication finds it; None when a
    session, no credentials, a 401 or a 403 is DRF's business."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    if not request.META.get("HTTP_AUTHORIZATION"):
        return None
    try:
        found = TokenAuthentication().authenticate(request)
    except exceptions.APIException:
        return None
    if found is None:
        return None
    user, token = found
    return SimpleNamespace(user=user, auth=token, META=request.META)


def _throttles_allow(client: SimpleNamespace) -> bool:
    return all(
        throttle().allow_request(client, None)
        for throttle in api_settings.DEFAULT_THROTTLE_CLASSES
    )


def _page(query: dict, after: tuple | None, size: int) -> tuple | None:
    """Up to ``size + 1`` claim rows (``claim_rows.CLAIM_FIELDS``) in page
    order, with their appearance and review rows by claim id: one statement."""
    where, params = [], []
    for name, (column, allowed) in FILTERS.items():
        if name in query:
            where.append(f"{column} = %s")
            params.append(query[name] if allowed else int(query[name]))
    reverse = bool(after and after[2])
    if after:
        where.append(_AFTER[reverse])
        params += [after[0], after[0], after[0], after[1]]
    direction = "ASC" if reverse else "DESC"
    sql = _PAGE.format(where=" AND ".join(where) or "TRUE", direction=direction)
    with connection.cursor() as cur:
        _execute(cur, sql, [*params, size + 1])
        found = cur.fetchall()
        if not found and "speaker" in query:
            cur.execute(
                "SELECT 1 FROM claims_actor WHERE id = %s", [int(query["speaker"])]
            )
            if cur.fetchone() is None:
                return None
    rows, appearances, reviews = [], {}, {}
    width = len(claim_rows.CLAIM_FIELDS)
    for row in found:
        claim = dict(zip(claim_rows.CLAIM_FIELDS, row[:width], strict=True))
        rows.append(claim)
        pk = claim["id"]
        if row[width]:
            appearances[pk] = [_appearance(pk, a) for a in orjson.loads(row[width])]
        if row[width + 1]:
            reviews[pk] = [_review(pk, v) for v in orjson.loads(row[width + 1])]
    return rows, (appearances, reviews)


def _execute(cursor, sql: str, params: list) -> None:
    """``sql`` as a statement prepared once per connection: PostgreSQL takes
    about as long to plan the page's joins as to run them. Off with
    ``DB_PREPARED_STATEMENTS=0`` (behind a pooler in transaction mode, which
    hands each transaction any server connection)."""
    if not settings.DB_PREPARED_STATEMENTS:
        cursor.execute(sql, params)
        return
    raw = connection.connection
    known = getattr(connection, "claim_page_statements", None)
    if known is None or known[0] is not raw:  # a new server session
        known = connection.claim_page_statements = (raw, {})
    name = known[1].get(sql)
    if name is None:
        name = f"claim_page_{next(_NAMES)}"
        pieces = sql.replace("%%", "%").split("%s")
        numbered = "".join(
            f"{piece}${n}" if n < len(pieces) else piece
            for n, piece in enumerate(pieces, start=1)
        )
        cursor.execute(f"PREPARE {name} AS {numbered}")
        known[1][sql] = name
    cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(params))})", params)


def _time(microseconds: int | None) -> datetime | None:
    if microseconds is None:
        return None
    return _EPOCH + timedelta(microseconds=microseconds)


def _appearance(claim_id: int, values: list) -> dict:
    row = dict(zip(_APPEARANCE_FIELDS, values, strict=True))
    row["claim_id"] = claim_id
    row["article__published_at"] = _time(row["article__published_at"])
    return row


def _review(claim_id: int, values: list) -> dict:
    row = dict(zip(_REVIEW_FIELDS, values, strict=True))
    row["claim_id"] = claim_id
    row["created_at"] = _time(row["created_at"])
    return row
