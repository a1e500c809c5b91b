"""The whole flow through Redis and a real Celery worker process (CI's second run)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.ingest.analysis import analyse
from claims.models import Appearance, Article, Claim
from claims.tasks import ingest_article
from tests.conftest import DATA, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def _finished(pk: int) -> Article | None:
    article = Article.objects.get(pk=pk)
    return None if article.is_working else article


def test_a_submitted_url_is_processed_by_the_worker(
    celery_worker, page_server, client, journalist
):
    url = page_server.add("/news/china", (DATA / "seed-article.html").read_text())
    client.force_login(journalist)
    response = client.post(reverse("claims:submit"), {"kind": "url", "u-url": url})
    assert response.status_code == 302
    article = Article.objects.get()
    article = wait_for(lambda: _finished(article.pk))
    assert article.status == Article.Status.DONE, article.error
    assert article.source.name == "The Daily Example"
    speakers = set(
        Claim.objects.filter(appearances__article=article).values_list(
            "claimant__name", flat=True
        )
    )
    assert {"Oliver Dowden", "Lord Cameron", "Tim Loughton"} <= speakers
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Iain Duncan Smith" in page


def test_a_task_delivered_twice_leaves_the_same_rows(
    celery_worker, page_server, journalist
):
    url = page_server.add("/news/twice", (DATA / "seed-article.html").read_text())
    article = Article.objects.create(url=url, submitted_url=url, origin="url")
    ingest_article.delay(article.pk)
    ingest_article.delay(article.pk)
    wait_for(lambda: _finished(article.pk))
    appearances = Appearance.objects.filter(article=article)
    rows = sorted(appearances.values_list("claim_id", "start", "end"))
    ingest_article.delay(article.pk)  # a third, late delivery
    ingest_article.delay(0)  # and one for a row that is gone
    # The solo worker takes messages in order: once this one is done, so are those.
    marker_url = page_server.add(
        "/news/marker", (DATA / "seed-article.html").read_text()
    )
    marker = Article.objects.create(
        url=marker_url, submitted_url=marker_url, origin="url"
    )
    ingest_article.delay(marker.pk)
    wait_for(lambda: _finished(marker.pk))
    assert sorted(appearances.values_list("claim_id", "start", "end")) == rows
    # The marker holds the same page: its claims are the same rows, not new
    # ones, but for words pointing back into their article ("the claims"),
    # which are a claim of each article.
    article.refresh_from_db()
    pointing = {c.text for c in analyse(article.text).claims if not c.stands_alone}
    marker_only = Claim.objects.filter(appearances__article=marker).exclude(
        appearances__article=article
    )
    assert set(marker_only.values_list("text", flat=True)) == pointing
    assert Claim.objects.count() == len({r[0] for r in rows}) + marker_only.count()


def test_a_missing_page_fails_with_a_readable_status(
    celery_worker, page_server, journalist
):
    url = page_server.url("/news/missing")
    article = Article.objects.create(url=url, submitted_url=url, origin="url")
    ingest_article.delay(article.pk)
    article = wait_for(lambda: _finished(article.pk))
    assert article.status == Article.Status.FAILED
    assert article.error == "The page was not found (HTTP 404)."


def test_outdated_articles_are_caught_up_on_the_workers(celery_worker, seed_text):
    article = Article.objects.create(
        text=seed_text,
        origin="text",
        status="done",
        extractor_version="trafilatura; analyser-0.1+00000000",
    )
    out = io.StringIO()
    call_command("reprocess", "--queue", stdout=out, stderr=io.StringIO())
    assert "1 queued" in out.getvalue()
    article = wait_for(
        lambda: (a := _finished(article.pk)) and not a.analysis_outdated and a
    )
    assert article.status == Article.Status.DONE, article.error
    assert article.appearances.exists()
