"""Routes of the exports and webhooks, included by claims/api/urls.py at /api/v1/.

Include these before a router's claim routes: a router's format-suffix pattern
(``claims/<pk>.<format>``) would otherwise take ``claims/export.csv``.
"""

from django.urls import path

from claims.api.exports import (
    ClaimCSVExportView,
    ClaimJSONLExportView,
    ClaimReviewFeedView,
    ClaimReviewView,
)
from claims.api.webhooks import WebhookViewSet

webhook_list = WebhookViewSet.as_view({"get": "list", "post": "create"})
webhook_detail = WebhookViewSet.as_view(
    {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
)
# Not through a router: the action's own arguments are passed here.
webhook_deliveries = WebhookViewSet.as_view(
    {"get": "deliveries"}, pagination_class=None
)

urlpatterns = [
    path(
        "claims/export.csv",
        ClaimCSVExportView.as_view(),
        name="claims-export-csv",
    ),
    path(
        "claims/export.jsonl",
        ClaimJSONLExportView.as_view(),
        name="claims-export-jsonl",
    ),
    path(
        "claims/<int:pk>/claimreview",
        ClaimReviewView.as_view(),
        name="claim-claimreview",
    ),
    path("claimreviews/", ClaimReviewFeedView.as_view(), name="claimreview-list"),
    path("webhooks/", webhook_list, name="webhook-list"),
    path("webhooks/<int:pk>/", webhook_detail, name="webhook-detail"),
    path(
        "webhooks/<int:pk>/deliveries/",
        webhook_deliveries,
        name="webhook-deliveries",
    ),
]
