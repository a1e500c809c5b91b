"""bench/results.json merges the parts measured, keeping the last figures of
the others, and judges each goal on what it holds."""

from __future__ import annotations

from bench.run_all import summarise

PREVIOUS = {
    "measured_at": "2026-11-27T09:50:00+00:00",
    "commit": "aaaaaaa",
    "fill_synthetic_s": 712.0,
    "read_measured_at": "2026-11-27T09:49:44+00:00",
    "api_list_p95_ms": 13.0,
    "read_cases": {"list": {"p95_ms": 13.0}},
    "ingest_measured_at": "2026-11-27T13:14:31+00:00",
    "ingest_cost_ratio": 1.339,
    "ingest_stage_ms": {"store": 81.1},
    "worker_rss_mb": 382.9,
    "goals": {"ingest_cost_ratio": {"goal": 1.3, "met": False}},
}


def test_a_part_measured_alone_is_merged_and_the_others_kept():
    ingest = {
        "ingest_cost_ratio": 1.112,
        "worker_rss_mb": 389.0,
        "ingest_stage_ms": {"store": 34.1},
        "ingest_rounds": {"1": [5.9]},  # per round: not a headline figure
    }
    results = summarise(
        PREVIOUS,
        {"ingest": (ingest, "2026-11-27T15:21:00+00:00")},
        measured_at="2026-11-27T16:10:00+00:00",
        commit="bbbbbbb",
    )
    assert results["ingest_cost_ratio"] == 1.112
    assert results["ingest_stage_ms"] == {"store": 34.1}
    assert results["ingest_measured_at"] == "2026-11-27T15:21:00+00:00"
    assert "ingest_rounds" not in results
    # The read part was not measured again: its figures and date stay.
    assert results["api_list_p95_ms"] == 13.0
    assert results["read_measured_at"] == "2026-11-27T09:49:44+00:00"
    assert results["read_cases"] == {"list": {"p95_ms": 13.0}}
    assert results["fill_synthetic_s"] == 712.0
    assert (results["commit"], results["measured_at"]) == (
        "bbbbbbb",
        "2026-11-27T16:10:00+00:00",
    )
    # Goals are judged again on the merged figures.
    assert results["goals"]["ingest_cost_ratio"] == {"goal": 1.3, "met": True}
    assert results["goals"]["api_list_p95_ms"] == {"goal": 50, "met": True}
    assert results["goals"]["search_p95_ms"] == {"goal": 100, "met": False}


def test_every_part_measured_replaces_what_was_there():
    read = {"api_list_p95_ms": 60.0, "cases": {"list": {"p95_ms": 60.0}}}
    results = summarise(
        {}, {"read": (read, "2026-11-27T16:00:00+00:00")}, commit="ccccccc"
    )
    assert results["api_list_p95_ms"] == 60.0
    assert results["read_cases"] == {"list": {"p95_ms": 60.0}}
    assert "cases" not in results
    assert results["goals"]["api_list_p95_ms"] == {"goal": 50, "met": False}
    assert results["goals"]["ingest_cost_ratio"]["met"] is False  # not measured
