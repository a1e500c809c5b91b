"""The API, version 1: mounted at /api/v1/ by tracker/urls.py (namespace "api")."""

from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import SimpleRouter

from claims.api import feeds, matches, urls_exports, views

app_name = "api"

# Path converters: an id that is not a number is a 404 at the router.
router = SimpleRouter(use_regex_path=False)
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("sources", views.SourceViewSet, basename="source")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("annotations", views.AnnotationViewSet, basename="annotation")
router.register("deletions", views.DeletionViewSet, basename="deletion")
router.register("feeds", feeds.FeedViewSet, basename="feed")
router.register("matches", matches.MatchViewSet, basename="match")

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The page and its script are two requests: no inline script (CSP).
    path(
        "docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"
    ),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    # Exports and webhooks (their own module) before the router's claim routes.
    *urls_exports.urlpatterns,
    *router.urls,
]
