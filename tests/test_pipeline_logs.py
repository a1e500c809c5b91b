"""Every pipeline log line names its article; failures their stage and reason."""

from __future__ import annotations

import json
import logging

import pytest

from claims import services
from claims.models import Article
from tracker.logs import JSONFormatter

pytestmark = pytest.mark.django_db


def _lines(caplog, article_id: int) -> list[dict]:
    formatter = JSONFormatter()
    return [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.name.startswith("claims.ingest")
    ]


def test_a_failed_article_logs_its_id_stage_and_reason(
    caplog, journalist, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.INFO, logger="claims.ingest")
    with django_capture_on_commit_callbacks(execute=True):
        article, _ = services.article_submit_html(
            html="<html><body><nav>Home</nav></body></html>", url="", user=journalist
        )
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    lines = _lines(caplog, article.pk)
    failure = [line for line in lines if line["level"] == "WARNING"]
    assert failure, lines
    assert failure[0]["article_id"] == article.pk
    assert failure[0]["stage"] == "extracting"
    assert failure[0]["reason"] == article.error


def test_a_processed_article_logs_its_stage_timings(
    caplog, journalist, seed_text, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.INFO, logger="claims.ingest")
    with django_capture_on_commit_callbacks(execute=True):
        article, _ = services.article_submit_text(
            text=seed_text, title="Seed", url="", published_at=None, user=journalist
        )
    lines = [line for line in _lines(caplog, article.pk) if "timing" in line["message"]]
    assert [line["article_id"] for line in lines] == [article.pk]
    assert {"extract_ms", "analyse_ms", "store_ms"} <= set(lines[0])
