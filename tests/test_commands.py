"""The command-line twins: ingest and load_demo."""

import io
import sys

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from claims.models import Actor, Article, Claim
from tests.conftest import DATA, SEED_TEXT


@pytest.mark.django_db(transaction=True)
def test_ingest_takes_a_url_a_file_and_stdin(page_server, monkeypatch, capsys):
    url = page_server.add("/a", (DATA / "seed-article.html").read_text())
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("The mayor said that the bridge cost £3m.")
    )
    out = io.StringIO()
    call_command("ingest", url, str(SEED_TEXT), "-", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert all(" done: " in line for line in lines), lines
    assert Article.objects.filter(status="done").count() == 3
    assert "100%" in capsys.readouterr().err  # the progress bar for several inputs


@pytest.mark.django_db(transaction=True)
def test_ingest_reports_duplicates_and_failures(page_server):
    good = page_server.add("/good", (DATA / "seed-article.html").read_text())
    missing = page_server.url("/missing")
    call_command("ingest", good, stdout=io.StringIO())
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 of 3"):
        call_command(
            "ingest", good, missing, "no-such-file.txt", stdout=out, stderr=err
        )
    text = out.getvalue()
    assert "already known" in text
    assert "not found" in text
    assert (
        "no-such-file.txt: refused: not a URL and not a readable file" in err.getvalue()
    )
    assert Article.objects.filter(url=good).count() == 1


@pytest.mark.django_db(transaction=True)
def test_load_demo_creates_the_accounts_and_the_seed_article(settings):
    settings.DATABASE_URL = ""  # the embedded default, whatever database runs the tests
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # safe to run again
    assert authenticate(username="editor", password="demo-password")
    journalist = authenticate(username="journalist", password="demo-password")
    assert journalist.has_perm("claims.add_article")
    assert not journalist.has_perm("claims.add_review")
    assert Article.objects.get().status == "done"
    assert Claim.objects.filter(claimant__name="Tim Loughton").exists()
    assert Actor.objects.filter(name="APT31").exists()


@pytest.mark.django_db
def test_load_demo_refuses_a_real_database(settings):
    settings.DATABASE_URL = "postgres://example/tracker"
    with pytest.raises(CommandError, match="Refusing"):
        call_command("load_demo", stdout=io.StringIO())
