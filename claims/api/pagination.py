"""Cursor (keyset) pagination for every list, on the list's own ordering.

The ordering is read from the queryset and always ends with the primary key, so
it is total: a page starts strictly after the last row of the one before, by
value, however many rows share a timestamp and whatever is inserted meanwhile.
The cursor is opaque to clients (base64 JSON of the boundary row's values).
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class KeysetPagination(BasePagination):
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        self.request = request
        self.page_size = self._page_size(request)
        ordering = self._ordering(queryset)
        queryset = queryset.order_by(*ordering)
        cursor = self._decode(request, ordering)
        reverse = bool(cursor and cursor["r"])
        if cursor:
            values = [
                self._to_python(queryset, f, v)
                for f, v in zip(ordering, cursor["v"], strict=True)
            ]
            queryset = queryset.filter(_after(ordering, values, reverse))
        if reverse:
            queryset = queryset.order_by(*(_flip(f) for f in ordering))
        rows = list(queryset[: self.page_size + 1])
        return self.cut(request, rows, ordering, cursor is not None, reverse)

    def cut(
        self, request, rows: list, ordering: list[str], after: bool, reverse: bool
    ) -> list:
        """The page from ``rows`` read in ``ordering`` (flipped when
        ``reverse``), one past ``page_size`` if there are more; ``after``:
        the request came with a cursor. Sets what the links need."""
        self.request = request
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if reverse:
            rows.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, after
        self.ordering, self.rows = ordering, rows
        return rows

    def _page_size(self, request) -> int:
        default = settings.API_PAGE_SIZE
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return default
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= settings.API_MAX_PAGE_SIZE:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        f"A whole number from 1 to {settings.API_MAX_PAGE_SIZE}."
                    ]
                }
            )
        return size

    @staticmethod
    def _ordering(queryset: QuerySet) -> list[str]:
        ordering = [
            o
            for o in (queryset.query.order_by or queryset.model._meta.ordering)
            if isinstance(o, str)
        ]
        pk = queryset.model._meta.pk.name
        names = [o.lstrip("-") for o in ordering]
        if "id" in names or pk in names:
            cut = names.index("id" if "id" in names else pk)
            return ordering[: cut + 1]
        descending = bool(ordering) and ordering[0].startswith("-")
        return [*ordering, f"-{pk}" if descending else pk]

    def _decode(self, request, ordering: list[str]) -> dict | None:
        return decode_cursor(
            request.query_params.get(self.cursor_query_param), ordering
        )

    @staticmethod
    def _to_python(queryset: QuerySet, ordering_field: str, value: Any) -> Any:
        if value is None:  # the lists' sort columns hold no nulls
            raise exceptions.ValidationError({"cursor": ["Invalid cursor."]})
        name = ordering_field.lstrip("-")
        try:
            field = queryset.model._meta.get_field(name)
        except FieldDoesNotExist:
            return value  # an annotation: numbers survive JSON as they are
        try:
            return field.to_python(value)
        except Exception:
            raise exceptions.ValidationError({"cursor": ["Invalid cursor."]}) from None

    def _link(self, row, reverse: bool) -> str:
        values = [_jsonable(_value(row, f.lstrip("-"))) for f in self.ordering]
        payload = json.dumps(
            {"o": self.ordering, "v": values, "r": reverse}, separators=(",", ":")
        )
        cursor = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_next_link(self) -> str | None:
        if not (self.has_next and self.rows):
            return None
        return self._link(self.rows[-1], reverse=False)

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if not self.rows:
            url = self.request.build_absolute_uri()
            return remove_query_param(url, self.cursor_query_param)
        return self._link(self.rows[0], reverse=True)

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page, or null on the last one.",
                },
                "previous": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The previous page, or null on the first one.",
                },
                "results": {**schema, "description": "The rows of this page."},
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: take it from a `next` or "
                "`previous` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": "Results per page (default 50, at most 200).",
                "schema": {"type": "integer", "minimum": 1, "maximum": 200},
            },
        ]


def decode_cursor(raw: str | None, ordering: list[str]) -> dict | None:
    """A ``cursor`` parameter as ``_link`` wrote it for ``ordering``, or None
    without one; a 400 (ValidationError) for anything else."""
    if not raw:
        return None
    try:
        padded = raw + "=" * (-len(raw) % 4)
        cursor = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        valid = (
            isinstance(cursor, dict)
            and cursor.get("o") == ordering
            and isinstance(cursor.get("v"), list)
            and len(cursor["v"]) == len(ordering)
            and isinstance(cursor.get("r"), bool)
        )
    except (ValueError, UnicodeEncodeError, binascii.Error):
        valid = False
    if not valid:
        raise exceptions.ValidationError(
            {
                KeysetPagination.cursor_query_param: [
                    "Invalid cursor: use the next or previous link of a page "
                    "with the same filters and ordering."
                ]
            }
        )
    return cursor


def _flip(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def _after(ordering: list[str], values: list, reverse: bool) -> Q:
    """Rows strictly after ``values`` in ``ordering`` (before, when ``reverse``)."""
    condition = Q()
    equal = Q()
    for field, value in zip(ordering, values, strict=True):
        name = field.lstrip("-")
        descending = field.startswith("-") != reverse
        lookup = "lt" if descending else "gt"
        condition |= equal & Q(**{f"{name}__{lookup}": value})
        equal &= Q(**{name: value})
    # The same bound on the first column alone, which the OR above hides from
    # the planner: with it, a page far into the list starts with an index
    # range scan at the cursor instead of walking every row before it.
    first, value = ordering[0], values[0]
    if value is not None:
        descending = first.startswith("-") != reverse
        bound = "lte" if descending else "gte"
        condition = Q(**{f"{first.lstrip('-')}__{bound}": value}) & condition
    return condition


def _value(row: Any, name: str) -> Any:
    """A boundary value from a model instance or a ``values()`` row."""
    return row[name] if isinstance(row, dict) else getattr(row, name)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
