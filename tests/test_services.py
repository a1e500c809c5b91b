from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims import services
from claims.ingest.fetch import FetchError
from claims.models import Article


@pytest.mark.django_db
def test_it_gives_back_the_existing_article_for_a_known_url(journalist):
    first, created = services.article_submit_url(
        url="https://news.example.com/a", user=journalist, enqueue=False
    )
    again, created_again = services.article_submit_url(
        url="https://news.example.com/a", user=journalist, enqueue=False
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_tracking_parameters_do_not_make_a_second_article(journalist):
    first, _ = services.article_submit_url(
        url="https://news.example.com/a?utm_source=newsletter&id=7", enqueue=False
    )
    again, created = services.article_submit_url(
        url="https://news.example.com/a?id=7&fbclid=xyz", enqueue=False
    )
    assert not created and again.pk == first.pk
    assert first.url == "https://news.example.com/a?id=7"
    assert (
        first.submitted_url == "https://news.example.com/a?utm_source=newsletter&id=7"
    )
    pasted, created = services.article_submit_text(
        text="Words.", url="https://news.example.com/a?id=7&gclid=1", enqueue=False
    )
    assert not created and pasted.pk == first.pk


@pytest.mark.django_db
def test_the_same_pasted_text_twice_is_one_article(journalist):
    a, _ = services.article_submit_text(text="Some words here.\n\nMore.", enqueue=False)
    b, created = services.article_submit_text(
        text="Some words here.\r\n\r\nMore.  ", enqueue=False
    )
    assert not created and a.pk == b.pk


@pytest.mark.django_db
def test_the_database_refuses_a_second_pasted_article_with_the_same_text():
    # What keeps two workers from storing the same pasted text twice; the
    # migration that dropped content_hash's own indexes must keep this one.
    fields = {"url": None, "origin": Article.Origin.TEXT, "content_hash": "same"}
    Article.objects.create(text="Some words here.", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text="Some words here.", **fields)
    Article.objects.create(url="https://example.org/a", content_hash="same")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["not a url", "ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)"],
)
def test_it_refuses_urls_it_cannot_fetch(url):
    with pytest.raises(FetchError):
        services.article_submit_url(url=url, enqueue=False)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_reprocess_refuses_an_article_still_in_progress():
    article, _ = services.article_submit_url(
        url="https://news.example.com/b", enqueue=False
    )
    assert not services.article_reprocess(article=article)


@pytest.mark.django_db(transaction=True)
def test_the_sweep_finishes_articles_a_worker_left_behind(settings, seed_text):
    settings.INGEST_STUCK_AFTER_SECONDS = 600
    stuck, _ = services.article_submit_text(text=seed_text, enqueue=False)
    recent, _ = services.article_submit_text(text="The mayor said so.", enqueue=False)
    # A worker died while analysing the first one, half an hour ago.
    long_ago = timezone.now() - timedelta(minutes=30)
    Article.objects.filter(pk=stuck.pk).update(
        status="analysing", status_changed_at=long_ago
    )

    assert services.articles_requeue_stuck() == 1

    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.status == Article.Status.DONE
    assert stuck.appearances.exists()
    assert "Picked up again" in stuck.events.get(status="analysing").message
    assert recent.status == Article.Status.QUEUED  # not stuck yet: left alone
