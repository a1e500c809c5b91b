"""PostgreSQL drops every connection while a worker is in the middle of an
article (what a restart does to clients): the worker recovers by itself, the
task runs again, and the article is processed once. Real worker and database."""

from __future__ import annotations

import time

import pytest
from django.db import connection

from claims import services
from claims.models import Appearance, Article
from tests.conftest import DATA, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def _cut_every_other_connection() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_a_worker_survives_the_database_dropping_it_mid_article(
    celery_worker, page_server, journalist
):
    # The page takes a while: the worker has touched the database (status
    # "fetching") and will write again once the page arrives.
    html = (DATA / "seed-article.html").read_text()
    url = page_server.add("/news/restart", html, delay=3)
    article, _ = services.article_submit_url(url=url, user=journalist)
    wait_for(lambda: Article.objects.filter(pk=article.pk, status="fetching").exists())
    time.sleep(0.5)
    assert _cut_every_other_connection() >= 1  # the worker's connection went

    done = wait_for(
        lambda: (
            Article.objects.filter(pk=article.pk)
            .exclude(status__in=Article.WORKING)
            .first()
        ),
        timeout=180,
    )
    assert done.status == Article.Status.DONE, done.error
    spans = list(
        Appearance.objects.filter(article=done).values_list("claim_id", "start")
    )
    assert spans and len(spans) == len(set(spans))
    # And the worker goes on with the next article on a fresh connection.
    again = page_server.add("/news/after", html.replace("Dowden", "Dowden "))
    second, _ = services.article_submit_url(url=again, user=journalist)
    assert wait_for(
        lambda: Article.objects.filter(pk=second.pk, status="done").exists()
    )
