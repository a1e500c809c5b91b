"""Match queue API: pairs of claims that may be one claim, and editors' decisions.

``/api/v1/matches/`` lists the pairs (anyone who may read the API; newest
first, ``?status=proposed`` for the queue), ``/api/v1/matches/{id}/`` reads
one, and ``POST .../accept/`` (the two are one claim: the newer is merged into
the stored one) or ``POST .../reject/`` (different claims, never proposed
again) decide it, for editors. Decisions go through
``claims.services.matching``; a pair decided already is a 409.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from claims.api.errors import Conflict
from claims.api.serializers import MatchSerializer
from claims.api.views import ApiViewSet, errors
from claims.models import ClaimMatch
from claims.services import matching


class MatchFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=ClaimMatch.Status.choices,
        help_text="proposed: the queue; accepted or rejected: the decisions.",
    )
    method = django_filters.ChoiceFilter(
        choices=ClaimMatch.Method.choices,
        help_text="Only pairs found this way (exact, lexical, semantic, editor).",
    )
    claim = django_filters.NumberFilter(
        method="filter_claim",
        help_text="Only pairs with this claim (id) on either side.",
    )

    class Meta:
        model = ClaimMatch
        fields: list[str] = []

    def filter_claim(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(Q(claim_id=value) | Q(target_id=value))


def _decided(match_id: int) -> Conflict:
    match = ClaimMatch.objects.select_related("decided_by").filter(pk=match_id).first()
    if match is None:
        return Conflict("This pair no longer exists.")
    if match.status == ClaimMatch.Status.PROPOSED:
        return Conflict(
            "The newer claim of this pair no longer exists (merged or removed)."
        )
    who = match.decided_by.get_username() if match.decided_by else "an editor"
    when = timezone.localtime(match.decided_at).isoformat() if match.decided_at else ""
    return Conflict(
        f"This pair was already {match.status} by {who}"
        + (f" at {when}" if when else "")
        + "; nothing changed."
    )


@extend_schema_view(
    list=extend_schema(
        summary="List pairs of claims that may be one claim",
        description="The match queue and its decisions, newest first. "
        "`?status=proposed` is the queue editors work.",
        responses={200: MatchSerializer(many=True), **errors(400, 401, 429)},
    ),
    retrieve=extend_schema(
        summary="One pair",
        responses={200: MatchSerializer, **errors(401, 404, 429)},
    ),
)
class MatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = MatchSerializer
    queryset = ClaimMatch.objects.all()
    filter_backends = [DjangoFilterBackend]
    filterset_class = MatchFilterSet
    write_permissions = {"POST": "claims.change_claimmatch"}

    def get_queryset(self):
        return (
            ClaimMatch.objects.select_related(
                "claim__claimant", "target__claimant", "decided_by"
            )
            .defer(
                "claim__search_text",
                "claim__search_vector",
                "target__search_text",
                "target__search_vector",
            )
            .order_by("-created_at", "-id")
        )

    def _one(self, match: ClaimMatch) -> Response:
        match = self.get_queryset().get(pk=match.pk)
        return Response(
            MatchSerializer(match, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Accept a pair: one claim (editors)",
        description="The newer claim is merged into the stored one: its "
        "appearances, reviews and notes move, and the stored claim's verdict "
        "applies. Answers the pair, now accepted (`target` is the merged "
        "claim). A pair decided already is a **409**.",
        request=None,
        responses={200: MatchSerializer, **errors(401, 403, 404, 409, 429)},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        match = get_object_or_404(ClaimMatch, pk=pk)
        try:
            matching.match_accept(match, request.user)
        except (matching.MatchDecided, ClaimMatch.DoesNotExist):
            raise _decided(match.pk) from None
        return self._one(match)

    @extend_schema(
        summary="Reject a pair: different claims (editors)",
        description="The two stay apart and the pair is not proposed again. "
        "A pair decided already is a **409**.",
        request=None,
        responses={200: MatchSerializer, **errors(401, 403, 404, 409, 429)},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        match = get_object_or_404(ClaimMatch, pk=pk)
        try:
            matching.match_reject(match, request.user)
        except (matching.MatchDecided, ClaimMatch.DoesNotExist):
            raise _decided(match.pk) from None
        return self._one(match)


__all__ = ["MatchViewSet"]
