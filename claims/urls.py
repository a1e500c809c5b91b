from django.urls import path

from claims.views import (
    annotations,
    articles,
    browse,
    corrections,
    dashboard,
    feeds,
    health,
    review,
)

app_name = "claims"

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("submit/", articles.submit, name="submit"),
    path("articles/", articles.article_list, name="articles"),
    path("articles/<int:pk>/", articles.article_detail, name="article"),
    path(
        "articles/<int:pk>/snapshot/",
        articles.article_snapshot,
        name="article-snapshot",
    ),
    path(
        "articles/<int:pk>/reprocess/",
        articles.article_reprocess,
        name="article-reprocess",
    ),
    path("claims/", browse.claim_list, name="claims"),
    path("claims/facets/", browse.claim_facets, name="claim_facets"),
    path("claims/<int:pk>/", browse.claim_detail, name="claim"),
    path("actors/", browse.actor_list, name="actors"),
    path("actors/<int:pk>/", browse.actor_detail, name="actor"),
    path("sources/<int:pk>/", browse.source_detail, name="source"),
    path("review/", review.review_queue, name="review-queue"),
    path("claims/<int:pk>/take/", review.claim_take, name="claim-take"),
    path("claims/<int:pk>/release/", review.claim_release, name="claim-release"),
    path("claims/<int:pk>/review/", review.claim_review, name="claim-review"),
    path("claims/<int:pk>/correct/", corrections.claim_correct, name="claim-correct"),
    path("actors/<int:pk>/merge/", corrections.actor_merge, name="actor-merge"),
    path("articles/<int:pk>/edit/", corrections.article_edit, name="article-edit"),
    path("accuracy/", browse.accuracy, name="accuracy"),
    path("claims/<int:pk>/notes/", annotations.claim_note_create, name="claim-note"),
    path(
        "articles/<int:pk>/notes/",
        annotations.article_note_create,
        name="article-note",
    ),
    path("notes/<int:pk>/edit/", annotations.note_edit, name="note-edit"),
    path("notes/<int:pk>/delete/", annotations.note_delete, name="note-delete"),
    path("notes/<int:pk>/hide/", annotations.note_hide, name="note-hide"),
    path("feeds/", feeds.feed_list, name="feeds"),
    path("feeds/import/", feeds.feed_import, name="feed-import"),
    path("feeds/<int:pk>/pause/", feeds.feed_pause, name="feed-pause"),
    path("feeds/<int:pk>/resume/", feeds.feed_resume, name="feed-resume"),
]
