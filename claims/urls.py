from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("submit/", views.submit, name="submit"),
    path("articles/", views.article_list, name="articles"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path(
        "articles/<int:pk>/reprocess/",
        views.article_reprocess,
        name="article-reprocess",
    ),
    path("claims/", views.claim_list, name="claims"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("actors/", views.actor_list, name="actors"),
    path("actors/<int:pk>/", views.actor_detail, name="actor"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("review/", views.review_queue, name="review-queue"),
    path("accuracy/", views.accuracy, name="accuracy"),
]
