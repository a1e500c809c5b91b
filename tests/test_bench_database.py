"""The ingest benchmark's autovacuum stand-in runs what autovacuum would."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from bench.database import autovacuum_due
from claims.models import Appearance, Claim, Review

# PostgreSQL's defaults (15): thresholds in rows, scale factors of the table.
DEFAULTS = {
    "autovacuum_vacuum_threshold": "50",
    "autovacuum_vacuum_scale_factor": "0.2",
    "autovacuum_vacuum_insert_threshold": "1000",
    "autovacuum_vacuum_insert_scale_factor": "0.2",
    "autovacuum_analyze_threshold": "50",
    "autovacuum_analyze_scale_factor": "0.1",
}
QUIET = {"n_dead_tup": 0, "n_ins_since_vacuum": 0, "n_mod_since_analyze": 0}


@pytest.mark.parametrize(
    ("counters", "expected"),
    [
        ({}, []),
        # Analyse past 50 + 10 % of the table's 1,000 rows changed.
        ({"n_mod_since_analyze": 150}, []),
        ({"n_mod_since_analyze": 151}, ["ANALYZE"]),
        # Vacuum past 50 + 20 % dead rows, or 1,000 + 20 % inserted ones.
        ({"n_dead_tup": 251}, ["VACUUM"]),
        ({"n_ins_since_vacuum": 1200}, []),
        ({"n_ins_since_vacuum": 1201, "n_mod_since_analyze": 1201},
         ["VACUUM", "ANALYZE"]),
    ],
)  # fmt: skip
def test_autovacuum_rules_at_the_servers_thresholds(counters, expected):
    assert autovacuum_due(QUIET | counters, 1000, DEFAULTS) == expected


def test_a_table_never_analysed_is_analysed_after_a_few_rows():
    # reltuples is -1 before the first ANALYZE; the stand-in reads it as 0.
    assert autovacuum_due(QUIET | {"n_mod_since_analyze": 51}, 0, DEFAULTS) == [
        "ANALYZE"
    ]


def test_the_thresholds_are_the_servers():
    lazy = DEFAULTS | {"autovacuum_analyze_scale_factor": "0.5"}
    assert autovacuum_due(QUIET | {"n_mod_since_analyze": 300}, 1000, lazy) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_fill_synthetic_fills_every_column_the_models_require():
    # The benchmarks' filler writes rows with COPY, past the ORM: a column
    # added to a model without a default must be added to it too.
    call_command(
        "fill_synthetic",
        "--claims=40",
        "--articles=8",
        "--actors=6",
        "--sources=3",
        "--reviews=4",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert Claim.objects.count() == 40
    assert Appearance.objects.filter(claim__isnull=False).count() >= 40
    assert Appearance.objects.exclude(found_by="").exists()
    assert Review.objects.count() == 4
