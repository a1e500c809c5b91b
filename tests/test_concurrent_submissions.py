"""The same article submitted 20 times at once: one article, one set of claims."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from claims import services
from claims.models import Appearance, Article, Claim
from tests.conftest import DATA

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent writers"
    ),
]


def test_twenty_simultaneous_submissions_make_one_article(
    page_server, journalist, settings
):
    settings.TASK_MODE = "eager"  # each submission would run the pipeline inline
    url = page_server.add("/news/rush", (DATA / "seed-article.html").read_text())
    start = threading.Barrier(20)
    results, errors = [], []

    def submit() -> None:
        try:
            start.wait()
            results.append(services.article_submit_url(url=url, user=journalist))
        except Exception as exc:  # collected: a thread's failure fails the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Article.objects.count() == 1
    article = Article.objects.get()
    assert {a.pk for a, _ in results} == {article.pk}
    assert sum(created for _, created in results) == 1
    assert article.status == Article.Status.DONE, article.error
    spans = list(
        Appearance.objects.filter(article=article).values_list("claim_id", "start")
    )
    assert spans and len(spans) == len(set(spans))  # each claim placed once
    assert Claim.objects.filter(appearances__article=article).exists()
