from django.urls import path

from claims.views import annotations, articles, browse, dashboard, health, review

app_name = "claims"

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("submit/", articles.submit, name="submit"),
    path("articles/", articles.article_list, name="articles"),
    path("articles/<int:pk>/", articles.article_detail, name="article"),
    path(
        "articles/<int:pk>/reprocess/",
        articles.article_reprocess,
        name="article-reprocess",
    ),
    path("claims/", browse.claim_list, name="claims"),
    path("claims/<int:pk>/", browse.claim_detail, name="claim"),
    path("actors/", browse.actor_list, name="actors"),
    path("actors/<int:pk>/", browse.actor_detail, name="actor"),
    path("sources/<int:pk>/", browse.source_detail, name="source"),
    path("review/", review.review_queue, name="review-queue"),
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
]
