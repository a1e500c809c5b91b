"""Catching stored articles up with the analyser: `manage.py reprocess`, the
outdated-article selection and what the article page says about it."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims import services
from claims.ingest.analysis import analyser_version
from claims.models import Article, Claim, Review

EARLIER = "trafilatura 2.0; analyser-0.1+0badc0de"


def _outdate(article: Article) -> None:
    """Make ``article`` look as if an earlier analyser had read it."""
    Article.objects.filter(pk=article.pk).update(extractor_version=EARLIER)


def _queued(text: str, user) -> Article:
    """A pasted article no worker has picked up yet."""
    article, _ = services.article_submit_text(text=text, user=user, enqueue=False)
    return article


def _reprocess(*args: str) -> str:
    out = io.StringIO()
    call_command("reprocess", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_outdated_articles_are_read_again_and_current_ones_left_alone(
    seed_text, journalist
):
    old, _ = services.article_submit_text(text=seed_text, user=journalist)
    current, _ = services.article_submit_text(
        text="The mayor said that the bridge would cost £3m.", user=journalist
    )
    _outdate(old)
    assert list(services.articles_outdated()) == [old]
    events_before = current.events.count()

    out = _reprocess()

    assert "1 article processed again" in out and "1 done" in out, out
    old.refresh_from_db()
    assert old.status == Article.Status.DONE
    assert old.extractor_version.endswith(f"analyser-{analyser_version()}")
    assert old.appearances.exists()
    assert current.events.count() == events_before
    assert not services.articles_outdated().exists()
    assert "0 articles to process again" in _reprocess()


@pytest.mark.django_db(transaction=True)
def test_reprocessing_outdated_articles_keeps_reviews(seed_text, journalist, editor):
    article, _ = services.article_submit_text(text=seed_text, user=journalist)
    claim = Claim.objects.filter(appearances__article=article).first()
    claim.record_verdict(reviewer=editor, verdict="verified", rationale="Checked.")
    _outdate(article)

    _reprocess()

    assert Review.objects.get().claim == claim
    assert Claim.objects.get(pk=claim.pk).verdict == "verified"
    assert not services.articles_outdated().exists()


@pytest.mark.django_db(transaction=True)
def test_a_dry_run_counts_and_changes_nothing(seed_text, journalist):
    article, _ = services.article_submit_text(text=seed_text, user=journalist)
    _outdate(article)
    events_before = article.events.count()

    out = _reprocess("--dry-run")

    assert out.startswith("1 article to process again")
    assert article.events.count() == events_before
    article.refresh_from_db()
    assert article.extractor_version == EARLIER


@pytest.mark.django_db(transaction=True)
def test_failed_articles_and_named_ones_can_be_sent_again(journalist):
    failed = _queued("The minister said the rail plan would be delayed.", journalist)
    failed.advance(
        Article.Status.FAILED, expect=(Article.Status.QUEUED,), message="Timed out."
    )

    assert "1 done" in _reprocess("--failed")
    failed.refresh_from_db()
    assert failed.status == Article.Status.DONE

    # Named by id, a current article is processed again too.
    assert "1 done" in _reprocess(str(failed.pk))
    assert failed.events.filter(status="queued").count() == 3
    with pytest.raises(CommandError, match="No article 999999"):
        _reprocess(str(failed.pk), "999999")


@pytest.mark.django_db(transaction=True)
def test_an_article_a_worker_holds_is_skipped(journalist):
    busy = _queued("The council said the library would close.", journalist)
    Article.objects.filter(pk=busy.pk).update(status=Article.Status.ANALYSING)

    out = _reprocess(str(busy.pk))

    assert "1 skipped" in out
    busy.refresh_from_db()
    assert busy.status == Article.Status.ANALYSING


@pytest.mark.django_db(transaction=True)
def test_the_article_page_says_when_an_earlier_analyser_read_it(
    client, seed_text, journalist, editor
):
    article, _ = services.article_submit_text(text=seed_text, user=journalist)
    url = reverse("claims:article", args=[article.pk])
    client.force_login(editor)
    assert 'id="analysis-outdated"' not in client.get(url).content.decode()

    _outdate(article)
    page = client.get(url).content.decode()
    assert "Read by an earlier version of the analyser: process it again" in page
    client.force_login(journalist)
    assert 'id="analysis-outdated"' in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_load_demo_reads_an_outdated_demo_again(settings):
    settings.DATABASE_URL = ""
    call_command("load_demo", stdout=io.StringIO())
    demo = Article.objects.get()
    _outdate(demo)

    call_command("load_demo", stdout=io.StringIO())

    demo.refresh_from_db()
    assert demo.status == Article.Status.DONE
    assert not demo.analysis_outdated
    assert Article.objects.count() == 1
