"""The ingest benchmark's autovacuum stand-in runs what autovacuum would."""

from __future__ import annotations

import pytest

from bench.database import autovacuum_due

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
