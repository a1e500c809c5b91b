"""The pipeline end to end with tasks inline, on real saved inputs."""

import gc

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.ingest import analysis, pipeline
from claims.ingest.extract import EXTRACTOR_VERSION
from claims.models import (
    Actor,
    Appearance,
    Article,
    ArticleEvent,
    Claim,
    Mention,
    Review,
    Source,
    SourceDomain,
)
from claims.tasks import ingest_article
from tests.conftest import DATA

SPEAKERS = {"Oliver Dowden", "Lord Cameron", "Iain Duncan Smith", "Tim Loughton"}


def _rows() -> dict[str, list]:
    """Every row the pipeline writes, as comparable tuples."""
    return {
        "articles": list(Article.objects.values_list("pk", "status", "text", "url")),
        "claims": list(Claim.objects.order_by("pk").values_list("pk", "fingerprint")),
        "actors": list(Actor.objects.order_by("pk").values_list("pk", "key", "kind")),
        "appearances": sorted(
            Appearance.objects.values_list("claim_id", "article_id", "start", "end")
        ),
        "mentions": sorted(Mention.objects.values_list("actor_id", "article_id")),
        "sources": list(Source.objects.values_list("pk", "name")),
    }


@pytest.mark.django_db(transaction=True)
def test_it_ingests_pasted_text_into_claims_with_speakers(seed_text, journalist):
    article, created = services.article_submit_text(text=seed_text, user=journalist)
    assert created
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    assert article.title.startswith("China spied on MPs emails")
    speakers = set(
        Claim.objects.filter(appearances__article=article).values_list(
            "claimant__name", flat=True
        )
    )
    assert speakers >= SPEAKERS
    for appearance in article.appearances.all():
        for start, end in appearance.content_spans:
            assert article.text[start:end].strip()
        assert "Source link" not in appearance.claim.text
    statuses = list(article.events.values_list("status", flat=True))
    assert statuses == ["queued", "extracting", "analysing", "done"]


@pytest.mark.django_db(transaction=True)
def test_it_fetches_a_page_and_finds_its_outlet(page_server, journalist):
    html = (DATA / "seed-article.html").read_text(encoding="utf-8")
    url = page_server.add("/politics/china", html)
    article, _ = services.article_submit_url(url=url, user=journalist)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    assert article.byline == "Example Political Staff"
    assert article.published_at.year == 2024
    assert article.source.name == "The Daily Example"
    assert article.raw_html == html  # the snapshot is kept as fetched
    assert article.appearances.exists()
    assert list(article.events.values_list("status", flat=True)) == [
        "queued", "fetching", "extracting", "analysing", "done",
    ]  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_it_ingests_an_uploaded_html_file(journalist):
    html = (DATA / "seed-article.html").read_text(encoding="utf-8")
    article, _ = services.article_submit_html(html=html, user=journalist)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    # The page names its canonical address, which becomes the article's URL.
    assert (
        article.url == "https://news.example.co.uk/politics/china-spied-on-mps-emails"
    )
    assert article.source.domain_list == ["news.example.co.uk"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("status", "content_type", "body", "message"),
    [
        (200, "application/pdf", b"%PDF-1.4 ...", "PDF"),
        (404, "text/html", b"<html><body>gone</body></html>", "not found"),
        (
            200,
            "text/html",
            b"<html><body><nav>Home</nav></body></html>",
            "No article text",
        ),
    ],
)
def test_it_fails_bad_pages_with_a_readable_error(
    page_server, journalist, status, content_type, body, message
):
    url = page_server.add("/bad", body, content_type=content_type, status=status)
    article, _ = services.article_submit_url(url=url, user=journalist)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert message.lower() in article.error.lower()
    assert not article.appearances.exists()


@pytest.mark.django_db(transaction=True)
def test_it_refuses_loopback_unless_the_setting_allows_it(
    page_server, journalist, settings
):
    settings.FETCH_ALLOW_PRIVATE = False
    url = page_server.add("/page", (DATA / "seed-article.html").read_text())
    article, _ = services.article_submit_url(url=url, user=journalist)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "127.0.0.1" in article.error
    assert article.raw_html == ""


@pytest.mark.django_db(transaction=True)
def test_it_retries_a_server_error_then_fails_readably(page_server, journalist):
    url = page_server.add("/flaky", b"oops", status=503)
    article, _ = services.article_submit_url(url=url, user=journalist)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "503" in article.error
    # Three retries after the first try, each a fetch attempt.
    assert article.events.filter(status="fetching").count() == 1
    assert article.attempts == 4


@pytest.mark.django_db(transaction=True)
def test_the_task_runs_twice_with_the_same_rows(seed_text, journalist):
    article, _ = services.article_submit_text(text=seed_text, user=journalist)
    before = _rows()
    ingest_article.apply(args=[article.pk])
    assert _rows() == before


@pytest.mark.django_db(transaction=True)
def test_reprocessing_leaves_the_same_rows_and_keeps_reviews(
    seed_text, journalist, editor
):
    article, _ = services.article_submit_text(text=seed_text, user=journalist)
    claim = Claim.objects.filter(claimant__name="Lord Cameron").first()
    claim.record_verdict(
        reviewer=editor, verdict="verified", rationale="On the record."
    )
    before = _rows()
    assert services.article_reprocess(article=article)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert _rows() == before
    assert Review.objects.get().claim == claim
    assert Claim.objects.get(pk=claim.pk).verdict == "verified"


@pytest.mark.django_db(transaction=True)
def test_a_second_article_reuses_actors_and_identical_claims(seed_text, journalist):
    first, _ = services.article_submit_text(text=seed_text, user=journalist)
    second, _ = services.article_submit_text(
        text=seed_text, url="https://other.example.com/copy", user=journalist
    )
    second.refresh_from_db()
    assert second.status == Article.Status.DONE
    assert Actor.objects.filter(name="Oliver Dowden").count() == 1
    # The same words from the same speaker are one claim appearing twice;
    # words pointing back into their article ("denied the claims") are a claim
    # of each article, as they would be in two different stories.
    shared = Claim.objects.filter(appearances__article=first).filter(
        appearances__article=second
    )
    first.refresh_from_db()
    claims = analysis.analyse(first.text).claims
    pointing = {c.text for c in claims if not c.stands_alone}
    assert pointing  # the seed has one: Chris Cash "has denied the claims"
    assert set(shared.values_list("text", flat=True)) == {
        c.text for c in claims if c.stands_alone
    }
    for article in (first, second):
        own = Claim.objects.filter(appearances__article=article, text__in=pointing)
        assert own.count() == len(pointing)


@pytest.mark.django_db(transaction=True)
def test_a_status_change_and_its_event_are_kept_together(monkeypatch):
    article = Article.objects.create(text="Words.", origin=Article.Origin.TEXT)
    assert article.advance(Article.Status.EXTRACTING, expect=(Article.Status.QUEUED,))
    assert list(article.events.values_list("status", flat=True)) == ["extracting"]

    def refuse(**fields):
        raise RuntimeError("the event could not be written")

    monkeypatch.setattr(ArticleEvent.objects, "create", refuse)
    with pytest.raises(RuntimeError):
        article.advance(Article.Status.ANALYSING, expect=(Article.Status.EXTRACTING,))
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTING  # not moved without its event
    assert article.events.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("async_commit", [True, False])
def test_the_analysis_progress_commits_without_waiting_only_when_set(
    monkeypatch, settings, seed_text, journalist, async_commit
):
    """Statuses, extracted fields and claims are derived from the stored
    article: with STORE_ASYNC_COMMIT their commits do not wait for the disk;
    the submission itself (queued) always does."""
    settings.STORE_ASYNC_COMMIT = async_commit
    seen = {}
    real = Article.advance

    def advance_and_look(self, to, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            seen[to] = cursor.fetchone()[0]
        return real(self, to, **kwargs)

    monkeypatch.setattr(Article, "advance", advance_and_look)
    article, _ = services.article_submit_text(text=seed_text, user=journalist)
    article.refresh_from_db()

    assert article.status == Article.Status.DONE, article.error
    derived = "off" if async_commit else "on"
    assert seen == {"extracting": derived, "analysing": derived, "done": derived}
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"  # the next transaction waits again


@pytest.fixture
def collector_restored():
    """Python's collector as it was, whatever the test did to it."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_a_worker_process_is_prepared_when_celery_starts_it(collector_restored):
    from celery.signals import worker_process_init

    from claims.ingest import nlp
    from tracker import celery

    assert any(r() is celery._prepare_worker for _, r in worker_process_init.receivers)
    gc.unfreeze()
    worker_process_init.send(sender=None)

    # What lives as long as the process is out of the collector's way: the
    # model, and the text analysis' own data, loaded before any article.
    frozen = gc.get_freeze_count()
    assert frozen > 10_000
    model = nlp.get_pipeline(settings.SPACY_MODEL)
    assert not any(o is model for o in gc.get_objects())  # loaded, then frozen
    assert gc.get_threshold()[0] == pipeline.GC_YOUNG_THRESHOLD
    # Analysing an article now loads nothing the collector would walk for good.
    analysis.analyse(pipeline.WARM_UP_TEXT, model=settings.SPACY_MODEL)
    gc.collect()
    assert len(gc.get_objects()) < frozen / 2


def _fetched_page(**fields) -> Article:
    """An article whose page is fetched, on the domain of a known outlet."""
    source = Source.objects.create(name="The Daily Example")
    SourceDomain.objects.create(source=source, domain="news.example.co.uk")
    return Article.objects.create(
        url="https://news.example.co.uk/politics/china",
        origin=Article.Origin.URL,
        raw_html=(DATA / "seed-article.html").read_text(encoding="utf-8"),
        **fields,
    )


@pytest.mark.django_db
def test_the_extract_step_writes_its_fields_with_the_move_to_analysis():
    article = _fetched_page(status=Article.Status.FETCHING)
    with CaptureQueriesContext(connection) as queries:
        pipeline._extract_step(article)
    statements = [q["sql"].split()[0] for q in queries if "claims_" in q["sql"]]
    # Into extracting and its event; the outlet; into analysing, with the
    # extracted fields, and its event.
    assert statements == ["UPDATE", "INSERT", "SELECT", "UPDATE", "INSERT"]
    stored = Article.objects.get(pk=article.pk)
    assert stored.status == Article.Status.ANALYSING
    assert stored.byline == "Example Political Staff"
    assert stored.source.name == "The Daily Example"
    assert stored.text == article.text and stored.text
    assert stored.content_hash == Article.hash_text(stored.text)
    assert stored.extractor_version == EXTRACTOR_VERSION
    assert list(stored.events.values_list("status", flat=True)) == [
        "extracting", "analysing",
    ]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("moved_to", [Article.Status.ANALYSING, Article.Status.FAILED])
def test_the_extracted_fields_are_saved_when_another_worker_moved_on(moved_to):
    """A repeated delivery in extracting, while another worker (or a failure)
    moved the article on: the fields are written, the status stays."""
    article = _fetched_page(status=Article.Status.EXTRACTING)
    Article.objects.filter(pk=article.pk).update(status=moved_to)
    pipeline._extract_step(article)
    stored = Article.objects.get(pk=article.pk)
    assert stored.status == moved_to
    assert stored.text and stored.text == article.text
    assert stored.byline == "Example Political Staff"
    assert stored.source.name == "The Daily Example"
    assert not stored.events.exists()


@pytest.mark.django_db
def test_an_outlet_set_by_an_editor_is_kept_without_looking_it_up():
    corrected = Source.objects.create(name="The Sunday Example")
    article = _fetched_page(status=Article.Status.FETCHING, source=corrected)
    article = Article.objects.get(pk=article.pk)  # as a worker loads it
    with CaptureQueriesContext(connection) as queries:
        pipeline._extract_step(article)
    statements = [q["sql"].split()[0] for q in queries if "claims_" in q["sql"]]
    assert statements == ["UPDATE", "INSERT", "UPDATE", "INSERT"]
    assert Article.objects.get(pk=article.pk).source == corrected
