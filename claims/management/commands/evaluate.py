"""Score the analysis on the evaluation kit and write docs/quality.md.

``python manage.py evaluate --kit ../shared/eval`` runs ``analyze`` (the same
code as the pipeline) on every task's inputs, scores each with the kit's
``score.py``, prints one table and writes it, with the date and commit, to
docs/quality.md. It also times ``analyze`` against spaCy's parse alone.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from claims.quality import (
    MEASURES,
    add_kit_argument,
    attribution_outcomes,
    calibration,
    kit_folder,
    report_path,
)

# How many times the speed check times the parse and the analysis each.
SPEED_ROUNDS = 3

# task -> (inputs file, split given to analyze, split given to score.py)
TASKS = {
    "extraction": ("extraction/inputs.jsonl.gz", None, None),
    "extraction_snippets": ("extraction_snippets/inputs.jsonl.gz", None, None),
    "attribution": ("attribution/inputs.jsonl.gz", "dev", "dev"),
    "checkworthy": ("checkworthy/inputs.jsonl", "dev-test", "dev-test"),
    "actors": ("actors/inputs.jsonl", None, None),
}


def _lookup(metrics: dict, key: str) -> float | None:
    # Keys hold dots of their own ("ggt_0.3"): match the longest known prefix.
    for name, value in metrics.items():
        if key == name:
            return value
        if key.startswith(name + ".") and isinstance(value, dict):
            return _lookup(value, key[len(name) + 1 :])
    return None


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True, text=True, cwd=settings.BASE_DIR, check=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
        capture_output=True, text=True, cwd=settings.BASE_DIR,
    ).stdout.strip()  # fmt: skip
    return out.stdout.strip() + ("+changes" if dirty else "")


def _score(command: list[str]) -> dict:
    out = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return json.loads(out.stdout)


def _with_canonical_speakers(source: Path, target: Path) -> None:
    """``source``'s predictions with each attribution's ``speaker`` replaced
    by its ``actor`` (analysis.to_prediction writes both)."""
    with source.open(encoding="utf-8") as read, target.open("w") as write:
        for line in read:
            doc = json.loads(line)
            for attribution in doc.get("attributions", []):
                attribution["speaker"] = attribution.get("actor")
            write.write(json.dumps(doc) + "\n")


class Command(BaseCommand):
    help = "Measure the analysis on the evaluation kit and write docs/quality.md."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        add_kit_argument(parser)
        parser.add_argument("--tasks", default=",".join(TASKS), help="comma-separated")
        parser.add_argument("-o", "--output", default=str(report_path()))
        parser.add_argument("--no-speed", action="store_true", help="skip the timing")
        parser.add_argument(
            "--speed-rounds",
            type=int,
            default=SPEED_ROUNDS,
            help="time the parse and the analysis this many times each, "
            "alternated, and keep the fastest of each",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kit = kit_folder(options["kit"])
        tasks = [t for t in options["tasks"].split(",") if t]
        unknown = set(tasks) - set(TASKS)
        if unknown:
            raise CommandError(f"Unknown task(s): {', '.join(sorted(unknown))}.")
        results: dict[str, dict] = {}
        with tempfile.TemporaryDirectory() as tmp:
            for task in tasks:
                results[task] = self._run(kit, task, Path(tmp))
        speed = (
            None
            if options["no_speed"]
            else self._speed(kit, max(1, options["speed_rounds"]))
        )
        report = self._report(results, speed)
        self.stdout.write(report)
        Path(options["output"]).parent.mkdir(parents=True, exist_ok=True)
        Path(options["output"]).write_text(report, encoding="utf-8")
        self.stderr.write(f"Wrote {options['output']}.")

    def _run(self, kit: Path, task: str, tmp: Path) -> dict:
        inputs, split, score_split = TASKS[task]
        pred = tmp / f"{task}.jsonl"
        self.stderr.write(f"== {task}")
        argv = [str(kit / inputs), "-o", str(pred)]
        if split:
            argv += ["--split", split]
        started = time.perf_counter()
        call_command("analyze", *argv, stdout=self.stderr, stderr=self.stderr)
        seconds = time.perf_counter() - started
        command = [
            sys.executable,
            str(kit / "score.py"),
            task,
            "--gold",
            str(kit / task),
        ]
        if score_split:
            command += ["--split", score_split]
        result = _score([*command, "--pred", str(pred), "--json"])
        result["seconds"] = seconds
        if task == "attribution":
            # The same speakers by the canonical names actors are filed under
            # ("Oliver Dowden" for "Mr Dowden"), beside the names as written.
            canonical = tmp / "attribution-canonical.jsonl"
            _with_canonical_speakers(pred, canonical)
            again = _score([*command, "--pred", str(canonical), "--json"])
            result["metrics"]["canonical_speaker_name_f1"] = again["metrics"][
                "speaker_name_f1"
            ]
            # How well the confidence shown beside each attribution holds.
            result["metrics"]["confidence"] = calibration(
                attribution_outcomes(kit, pred, score_split or "dev"),
                settings.LOW_CONFIDENCE,
            )
        return result

    def _speed(self, kit: Path, rounds: int) -> dict:
        """Documents and tokens per second: analysis against spaCy's parse alone.

        Each is timed ``rounds`` times, alternated, and the fastest run of each
        kept: a single run of each moved the ratio by 0.04 either way between
        runs of the same code on a quiet machine, and the fastest run is the
        one least disturbed by the rest of the machine."""
        from claims.ingest import nlp
        from claims.ingest.analysis import analyse_many

        with gzip.open(
            kit / "attribution/inputs.jsonl.gz", "rt", encoding="utf-8"
        ) as f:
            texts = [
                d["text"] for line in f if (d := json.loads(line))["split"] == "dev"
            ]
        model = settings.SPACY_MODEL
        nlp.get_pipeline(model)  # load outside the timing
        self.stderr.write(f"== speed (attribution dev texts, best of {rounds})")
        parse = full = float("inf")
        for _ in tqdm(range(rounds), desc="timing", unit="round", file=sys.stderr):
            started = time.perf_counter()
            tokens = sum(len(doc) for doc in nlp.parse_many(texts, model))
            parse = min(parse, time.perf_counter() - started)
            started = time.perf_counter()
            for _ in analyse_many(texts, model=model):
                pass
            full = min(full, time.perf_counter() - started)
        return {
            "documents": len(texts),
            "tokens": tokens,
            "rounds": rounds,
            "parse_seconds": parse,
            "analyse_seconds": full,
        }

    def _report(self, results: dict[str, dict], speed: dict | None) -> str:
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        lines = [
            "# How accurate is the analysis?",
            "",
            f"Measured {now} on commit {_commit()} with `make eval` "
            "(`python manage.py evaluate`), on the public evaluation kit "
            "(`../shared/eval/`, human-annotated data nobody on this project wrote).",
            "",
            "| task | measure | value | goal |",
            "|---|---|---|---|",
        ]
        for measure in MEASURES:
            if measure.task not in results:
                continue
            value = _lookup(results[measure.task]["metrics"], measure.key)
            shown = "—" if value is None else f"{value:.3f}"
            goal = "" if measure.goal is None else f"≥ {measure.goal:g}"
            lines.append(f"| {measure.task} | {measure.label} | {shown} | {goal} |")
        lines += ["", "Splits: attribution `dev`, checkworthy `dev-test`, others all."]
        lines += ["", "Seconds per task (analyze, one process):"]
        lines += [f"- {task}: {r['seconds']:.0f} s" for task, r in results.items()]
        if speed:
            docs, tokens = speed["documents"], speed["tokens"]
            parse, full = speed["parse_seconds"], speed["analyse_seconds"]
            lines += [
                "",
                f"Speed on {docs} articles ({tokens} tokens), one process, "
                f"fastest of {speed.get('rounds', 1)} alternated runs each:",
                "",
                "| | documents/s | tokens/s |",
                "|---|---|---|",
                f"| spaCy parse alone | {docs / parse:.1f} | {tokens / parse:.0f} |",
                f"| full analysis | {docs / full:.1f} | {tokens / full:.0f} |",
                "",
                f"Analysis / parse alone: {full / parse:.2f} × (goal ≤ 1.5 ×).",
            ]
        return "\n".join(lines) + "\n"
