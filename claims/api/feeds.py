"""Feeds API: the outlets' feeds the tracker follows, and their health.

``/api/v1/feeds/`` lists (anyone who may read the API) and adds (editors);
``/api/v1/feeds/{id}/`` reads, pauses or resumes (``is_active``), changes the
interval, and deletes; ``/api/v1/feeds/{id}/poll/`` queues a poll now;
``/api/v1/feeds/import/`` adds every feed of an OPML file. Writes go through
``claims.services.feeds``.
"""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import BaseParser
from rest_framework.response import Response

from claims.api.errors import Conflict, PayloadTooLarge
from claims.api.parsers import LimitedJSONParser
from claims.api.serializers import OutletRefSerializer, api_url
from claims.api.views import ApiViewSet, errors
from claims.ingest.feeds import FeedError
from claims.ingest.fetch import FetchError
from claims.models import Feed, Source
from claims.services import feeds as feed_services

MAX_INTERVAL = 24 * 60


# --- Representations -------------------------------------------------------------


class FeedSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField(help_text="This feed in the API.")
    outlet = OutletRefSerializer(source="source", help_text="The outlet it belongs to.")

    class Meta:
        model = Feed
        fields = [
            "id",
            "api_url",
            "url",
            "outlet",
            "is_active",
            "interval_minutes",
            "last_polled_at",
            "last_success_at",
            "next_poll_at",
            "failures",
            "last_error",
            "note",
            "items_seen",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "The feed's id."},
            "url": {"help_text": "The feed's address (RSS, Atom or sitemap)."},
            "is_active": {"help_text": "False while the feed is paused."},
            "interval_minutes": {"help_text": "Minutes between two polls."},
            "last_polled_at": {"help_text": "The last poll, successful or not."},
            "last_success_at": {
                "help_text": "The last poll that read the feed (or heard it "
                "was unchanged)."
            },
            "next_poll_at": {
                "help_text": "When it is polled next (null: at the next cycle)."
            },
            "failures": {
                "help_text": "Failed polls in a row; each doubles the wait, up to "
                "a day."
            },
            "last_error": {
                "help_text": "Why the last poll failed; empty when it did not."
            },
            "note": {
                "help_text": "A note for the editors, whatever the polls' outcome: "
                "the feed's address moved permanently (a 301 or 308 at every hop) "
                "and the feed now uses the new one, or could not move because "
                "another feed already follows that address."
            },
            "items_seen": {
                "help_text": "New items this feed has brought in, in all (each "
                "became an article)."
            },
        }

    def get_api_url(self, obj: Feed) -> str:
        return api_url("feed", obj.pk, self.context.get("request"))


class FeedCreateSerializer(serializers.Serializer):
    url = serializers.CharField(
        max_length=2000, help_text="The feed's address (RSS, Atom or sitemap)."
    )
    outlet = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), help_text="The id of the outlet it belongs to."
    )
    interval_minutes = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INTERVAL,
        default=15,
        help_text="Minutes between two polls (default 15).",
    )


class FeedUpdateSerializer(serializers.Serializer):
    is_active = serializers.BooleanField(
        required=False, help_text="false pauses the feed; true resumes it at once."
    )
    interval_minutes = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_INTERVAL,
        help_text="Minutes between two polls.",
    )


class OpmlSerializer(serializers.Serializer):
    opml = serializers.CharField(
        help_text="The OPML document (an export of a feed reader's subscriptions)."
    )


class OpmlRefusedSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="The address as the file gave it.")
    reason = serializers.CharField(help_text="Why it was not added.")


class OpmlImportSerializer(serializers.Serializer):
    added = FeedSerializer(many=True, help_text="The feeds added.")
    already = serializers.IntegerField(help_text="Feeds followed before.")
    refused = OpmlRefusedSerializer(many=True, help_text="Outlines not added, and why.")


class OPMLParser(BaseParser):
    """The OPML file itself as the body, no larger than the site accepts."""

    media_type = "text/x-opml"

    def parse(self, stream, media_type=None, parser_context=None) -> dict:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        data = stream.read(limit + 1) if stream is not None else b""
        if limit is not None and len(data) > limit:
            raise PayloadTooLarge()
        return {"opml": data}


class XMLOPMLParser(OPMLParser):
    media_type = "application/xml"


class TextXMLOPMLParser(OPMLParser):
    media_type = "text/xml"


class FeedFilterSet(django_filters.FilterSet):
    source = django_filters.NumberFilter(
        field_name="source_id", help_text="Only the feeds of this outlet (id)."
    )
    is_active = django_filters.BooleanFilter(
        help_text="true: the feeds being polled; false: the paused ones."
    )
    failing = django_filters.BooleanFilter(
        method="filter_failing",
        help_text="true: only feeds whose last poll failed; false: the others.",
    )

    class Meta:
        model = Feed
        fields: list[str] = []

    def filter_failing(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(failures__gt=0) if value else queryset.filter(failures=0)


# --- The viewset -----------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List feeds",
        description="The outlets' feeds and their health.",
        responses={200: FeedSerializer(many=True), **errors(400, 401, 429)},
    ),
    retrieve=extend_schema(
        summary="One feed",
        responses={200: FeedSerializer, **errors(401, 404, 429)},
    ),
)
class FeedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = FeedSerializer
    queryset = Feed.objects.all()
    filter_backends = [DjangoFilterBackend]
    filterset_class = FeedFilterSet
    write_permissions = {
        "POST": "claims.add_feed",
        "PATCH": "claims.change_feed",
        "DELETE": "claims.delete_feed",
    }

    def required_permission(self, request) -> str | None:
        if self.action == "poll":
            return "claims.change_feed"
        return self.write_permissions.get(request.method)

    def get_queryset(self):
        return Feed.objects.select_related("source").order_by("id")

    def _one(self, feed: Feed, code: int = 200, **headers) -> Response:
        feed = self.get_queryset().get(pk=feed.pk)
        data = FeedSerializer(feed, context=self.get_serializer_context()).data
        return Response(data, status=code, headers=headers or None)

    @extend_schema(
        summary="Follow a feed (editors)",
        description="Adds a feed to an outlet; it is polled at the next cycle "
        "(within a minute). 201 with `Location`. An address already followed is "
        "a 400.",
        request=FeedCreateSerializer,
        responses={201: FeedSerializer, **errors(400, 401, 403, 413, 415, 429)},
    )
    def create(self, request):
        serializer = FeedCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            feed = feed_services.feed_add(
                source=data["outlet"],
                url=data["url"],
                user=request.user,
                interval_minutes=data["interval_minutes"],
            )
        except FetchError as exc:
            raise serializers.ValidationError({"url": [exc.message]}) from exc
        except ValueError as exc:
            raise serializers.ValidationError({"url": [str(exc)]}) from exc
        location = api_url("feed", feed.pk, request)
        return self._one(feed, status.HTTP_201_CREATED, Location=location)

    @extend_schema(
        summary="Pause, resume or re-time a feed (editors)",
        description="`is_active: false` pauses polling; `true` resumes it at the "
        "next cycle, without waiting out a failure backoff.",
        request=FeedUpdateSerializer,
        responses={200: FeedSerializer, **errors(400, 401, 403, 404, 429)},
    )
    def partial_update(self, request, pk=None):
        feed = get_object_or_404(Feed, pk=pk)
        serializer = FeedUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        feed_services.feed_update(
            feed=feed, user=request.user, **serializer.validated_data
        )
        return self._one(feed)

    @extend_schema(
        summary="Stop following a feed (editors)",
        description="The articles it brought in stay.",
        responses={204: None, **errors(401, 403, 404, 429)},
    )
    def destroy(self, request, pk=None):
        feed_services.feed_delete(
            feed=get_object_or_404(Feed, pk=pk), user=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Poll a feed now (editors)",
        description="Queues a poll of the feed at once instead of at its next "
        "turn; answers **202** with the feed before the poll runs (read it again "
        "for what the poll found). A paused feed is a **409**: resume it first.",
        request=None,
        responses={202: FeedSerializer, **errors(401, 403, 404, 409, 429)},
    )
    @action(detail=True, methods=["post"])
    def poll(self, request, pk=None):
        feed = get_object_or_404(Feed, pk=pk)
        if not feed_services.feed_poll_soon(feed=feed, user=request.user):
            raise Conflict("The feed is paused; resume it to poll it.")
        return self._one(feed, status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="Import an OPML file of feeds (editors)",
        description="Send the file as the body (`Content-Type: text/x-opml` or "
        '`application/xml`), or JSON `{"opml": "..."}`. Each outline with an '
        "`xmlUrl` becomes a feed of the outlet publishing on its site's domain "
        "(`htmlUrl`, else the feed's), else of the outlet named like the "
        "outline, else of a new outlet. Feeds already followed are counted, not "
        "added twice.",
        request={
            "application/json": OpmlSerializer,
            "text/x-opml": {"type": "string"},
            "application/xml": {"type": "string"},
        },
        responses={200: OpmlImportSerializer, **errors(400, 401, 403, 413, 415, 429)},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[
            LimitedJSONParser,
            OPMLParser,
            XMLOPMLParser,
            TextXMLOPMLParser,
        ],
    )
    def import_opml(self, request):
        raw = request.data.get("opml") if hasattr(request.data, "get") else None
        if not raw or not isinstance(raw, str | bytes):
            raise serializers.ValidationError({"opml": ["Send an OPML file."]})
        try:
            result = feed_services.feeds_import_opml(raw, user=request.user)
        except FeedError as exc:
            raise serializers.ValidationError({"opml": [exc.message]}) from exc
        context = self.get_serializer_context()
        feeds = Feed.objects.select_related("source").filter(
            pk__in=[f.pk for f in result.added]
        )
        return Response(
            {
                "added": FeedSerializer(
                    feeds.order_by("id"), many=True, context=context
                ).data,
                "already": result.already,
                "refused": [{"url": u, "reason": r} for u, r in result.refused],
            }
        )


__all__ = ["FeedViewSet"]
