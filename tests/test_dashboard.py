"""The dashboard: charts drawn on the server from the real counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.charts import bar_chart, column_chart
from claims.models import Actor, Appearance, Article, Claim


def test_columns_scale_to_the_largest_value():
    chart = column_chart([("a", 0), ("b", 5), ("c", 10)], width=300, height=116)
    heights = [bar.height for bar in chart.bars]
    assert heights == [0, 50, 100]  # 16 px are kept for the top margin
    assert [bar.y for bar in chart.bars] == [116, 66, 16]
    assert chart.bars[1].x > chart.bars[0].x


def test_an_empty_chart_draws_nothing_tall():
    chart = bar_chart([("Verified", 0, "")])
    assert chart.bars[0].width == 0
    assert column_chart([]).bars == []


@pytest.mark.django_db
def test_the_dashboard_counts_claims_per_day_and_by_verdict(client, editor):
    speaker = Actor.objects.create(name="Jane Minister", kind="person")
    article = Article.objects.create(origin="text", text="x" * 50, status="done")
    for i in range(3):
        claim = Claim.objects.create(
            text=f"claim {i}", fingerprint=f"f{i}", claimant=speaker
        )
        Appearance.objects.create(
            claim=claim, article=article, content_spans=[[0, 5]], start=i, end=i + 5
        )
    old = Claim.objects.create(text="old", fingerprint="old")
    Claim.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=3)
    )
    Claim.objects.get(text="claim 0").record_verdict(
        reviewer=editor, verdict="verified", rationale="Matches the record."
    )
    client.force_login(editor)
    page = client.get(reverse("claims:home")).content.decode()
    today = timezone.localdate().strftime("%-d %b")
    three_days_ago = (timezone.localdate() - timedelta(days=3)).strftime("%-d %b")
    assert f"<title>{today}: 3</title>" in page
    assert f"<title>{three_days_ago}: 1</title>" in page
    assert "<title>Verified: 1</title>" in page
    assert "<title>Unreviewed: 3</title>" in page
    assert 'Jane Minister</a> <span class="hint">3 quotes' in page
    assert "by ed," in page  # recently verified, with the reviewer


@pytest.mark.django_db
def test_my_submissions_keep_polling_while_one_is_working(client, journalist):
    Article.objects.create(origin="url", url="https://e.com/1", submitted_by=journalist)
    client.force_login(journalist)
    part = client.get(
        reverse("claims:home") + "?part=mine", headers={"HX-Request": "true"}
    ).content.decode()
    assert 'hx-trigger="every 2s"' in part and "<html" not in part
    Article.objects.update(status="done")
    part = client.get(
        reverse("claims:home") + "?part=mine", headers={"HX-Request": "true"}
    ).content.decode()
    assert "hx-trigger" not in part
