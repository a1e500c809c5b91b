"""Backup and restore: the documented procedure, run end to end.

On PostgreSQL: ``manage.py backup`` (pg_dump) of the test database, a fresh
database, ``manage.py restore`` into it, and the same claims, appearances and
reviews found there. On SQLite: the online backup copy holds the same claims.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from claims.models import Claim
from claims.services.reviews import review_record
from tests.factories import make_actor, make_article, make_claim

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(editor):
    dowden = make_actor("Oliver Dowden")
    article = make_article("Hackers", text="Hackers targeted MPs, Mr Dowden said.")
    claims = [
        make_claim("Hackers targeted MPs", claimant=dowden, articles=(article,)),
        make_claim("Sanctions follow", articles=(article,)),
    ]
    review_record(claim=claims[0], reviewer=editor, version=1, verdict="verified",
                  rationale="NCSC statement.")  # fmt: skip
    return claims


def _rows(cursor) -> tuple:
    cursor.execute(
        "SELECT id, text, fingerprint, verdict FROM claims_claim ORDER BY id"
    )
    claims = cursor.fetchall()
    cursor.execute("SELECT claim_id, article_id, start, \"end\" FROM claims_appearance "
                   "ORDER BY id")  # fmt: skip
    appearances = cursor.fetchall()
    cursor.execute("SELECT claim_id, verdict, rationale FROM claims_review ORDER BY id")
    return claims, appearances, cursor.fetchall()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump/pg_restore")
def test_a_backup_restores_into_a_fresh_database(archive, tmp_path, capsys):
    dump = tmp_path / "tracker.dump"
    call_command("backup", "--output", str(dump))
    assert "2 claims, 1 reviews" in capsys.readouterr().out
    with connection.cursor() as cursor:
        before = _rows(cursor)

    db = connection.settings_dict
    fresh = f"{db['NAME']}_restored"
    server = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
    admin = psycopg2.connect(f"{server}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        env = {**os.environ, "DATABASE_URL": f"{server}/{fresh}"}
        restore = [sys.executable, "manage.py", "restore", str(dump)]
        result = subprocess.run(restore, cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=120)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "2 claims, 1 reviews" in result.stdout
        restored = psycopg2.connect(f"{server}/{fresh}")
        with restored.cursor() as cursor:
            assert _rows(cursor) == before
        restored.close()
        # A second restore into the now full database is refused.
        again = subprocess.run(restore, cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=120)  # fmt: skip
        assert again.returncode != 0 and "already holds" in again.stderr
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        admin.close()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded database")
def test_the_embedded_database_backs_up_to_a_file(archive, tmp_path, capsys):
    copy = tmp_path / "tracker.sqlite3"
    call_command("backup", "--output", str(copy))
    assert "2 claims, 1 reviews" in capsys.readouterr().out
    with connection.cursor() as cursor:
        before = _rows(cursor)
    backup = sqlite3.connect(copy)
    assert _rows(backup.cursor()) == before
    assert len(before[0]) == Claim.objects.count() == 2
    backup.close()
