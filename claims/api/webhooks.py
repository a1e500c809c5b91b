"""Webhooks API: a client registers URLs for events and reads its deliveries.

``/api/v1/webhooks/`` lists and creates (the secret is made by the server and
shown in the create response only); ``/api/v1/webhooks/{id}/`` reads, changes
(url, events, is_active) and deletes; ``/api/v1/webhooks/{id}/deliveries/``
lists the latest deliveries. A client sees its own webhooks only.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api.permissions import ApiAccess
from claims.api.schema import ApiAutoSchema
from claims.ingest.fetch import InvalidURL, validate_url
from claims.models import Webhook, WebhookDelivery
from claims.services.webhooks import webhook_create, webhook_update

WEBHOOKS_DESCRIPTION = """\
Webhooks notify a URL of events: `claim.created` (the pipeline found a new
claim), `claim.reviewed` (an editor recorded a review), `article.done` and
`article.failed` (an article finished processing).

Each delivery is an HTTP POST with a JSON body
`{"event": "...", "created_at": "<ISO 8601>", "data": {...}}` and these headers:

- `X-Tracker-Event`: the event name;
- `X-Tracker-Delivery`: the delivery id, the same on every retry of one
  delivery (deliveries are at least once: use it to drop duplicates);
- `X-Tracker-Signature`: `sha256=` followed by the hex HMAC-SHA256 of the exact
  body bytes, keyed with the webhook's secret (shown once, when the webhook is
  created). Compute it over the raw body before parsing the JSON and compare in
  constant time.

A 2xx answer within the timeout (10 s by default) counts as delivered. Network
errors, 429 and 5xx answers are retried with exponential backoff (after 1, 3, 9,
27 and 81 minutes); other answers, redirects included, are not retried. After
10 failed deliveries in a row (a setting) the webhook is switched off; set
`is_active` to true to switch it on again. URLs that resolve to private,
loopback, link-local or cloud metadata addresses are never called.
"""

_EVENTS = serializers.ListField(
    child=serializers.ChoiceField(choices=Webhook.Event.choices),
    allow_empty=False,
    help_text="The events to send: " + ", ".join(Webhook.Event.values),
)


class WebhookSerializer(serializers.ModelSerializer):
    events = _EVENTS

    class Meta:
        model = Webhook
        fields = [
            "id",
            "url",
            "events",
            "is_active",
            "failures",
            "last_status",
            "last_delivery_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "failures",
            "last_status",
            "last_delivery_at",
            "created_at",
            "updated_at",
        ]

    def validate_url(self, value: str) -> str:
        try:
            return validate_url(value)
        except InvalidURL as exc:
            raise serializers.ValidationError(exc.message) from exc


class WebhookCreatedSerializer(WebhookSerializer):
    """The webhook as created, with its secret: the only time it is shown."""

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]
        read_only_fields = [*WebhookSerializer.Meta.read_only_fields, "secret"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "status",
            "attempts",
            "response_status",
            "error",
            "created_at",
            "delivered_at",
            "payload",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(description=WEBHOOKS_DESCRIPTION),
    create=extend_schema(
        description=WEBHOOKS_DESCRIPTION,
        responses={201: WebhookCreatedSerializer},
    ),
)
class WebhookViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's webhooks."""

    lookup_value_converter = "int"
    schema = ApiAutoSchema()

    serializer_class = WebhookSerializer
    permission_classes = [permissions.IsAuthenticated, ApiAccess]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator
            return Webhook.objects.none()
        return Webhook.objects.filter(owner=self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return WebhookCreatedSerializer
        if self.action == "deliveries":
            return WebhookDeliverySerializer
        return WebhookSerializer

    def perform_create(self, serializer) -> None:
        serializer.instance = webhook_create(
            owner=self.request.user,
            url=serializer.validated_data["url"],
            events=serializer.validated_data["events"],
        )

    def perform_update(self, serializer) -> None:
        serializer.instance = webhook_update(
            webhook=serializer.instance, **serializer.validated_data
        )

    @extend_schema(responses=WebhookDeliverySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def deliveries(self, request: Request, pk=None) -> Response:
        """The webhook's latest 100 deliveries, newest first."""
        deliveries = self.get_object().deliveries.order_by("-created_at", "-id")
        return Response(WebhookDeliverySerializer(deliveries[:100], many=True).data)
