"""The accuracy report: which figures are measured, their goals, and what each means.

``manage.py evaluate`` writes the figures as a Markdown table to
``docs/quality.md``; the "How accurate is this?" page reads the table back and
explains each row in plain words. One table format serves both.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from django.conf import settings
from django.core.management.base import CommandError, CommandParser


@dataclass(frozen=True)
class Measure:
    task: str
    key: str  # path in score.py's --json metrics, e.g. "ggt_0.3.f1"
    label: str
    goal: float | None
    explanation: str


MEASURES = [
    Measure(
        "extraction", "f1", "Main text: word-overlap F1 (79 pages)", 0.970,
        "How much of an article's real text we keep, and how little menu, "
        "advert and comment text we let in, on 79 news pages annotated by hand. "
        "1.0 would be a perfect copy of the article body.",
    ),
    Measure(
        "extraction_snippets", "f1", "Main text: snippet F1 (90 pages)", 0.945,
        "On 90 other pages, whether sentences that belong to the article are "
        "kept and boilerplate sentences are dropped.",
    ),
    Measure(
        "attribution", "ggt_0.3.f1", "Quotes found (F1, 30% overlap)", 0.80,
        "Whether we find the statements reported in political news (direct "
        "quotes, reported speech, 'according to') on 84 articles annotated by "
        "researchers. Precision: share of what we flag that is a real "
        "attribution; recall: share of real attributions we find.",
    ),
    Measure(
        "attribution", "ggt_0.3.precision", "Quotes found: precision", None,
        "Of the quotes we report, the share that annotators also marked.",
    ),
    Measure(
        "attribution", "ggt_0.3.recall", "Quotes found: recall", None,
        "Of the quotes annotators marked, the share we report. Missed quotes "
        "are the main gap: check articles that matter by reading them.",
    ),
    Measure(
        "attribution", "ggt_0.8.f1", "Quotes with their full extent (F1, 80%)", 0.70,
        "As above, but a quote only counts when we cover at least 80% of its "
        "words: the highlighted text is the whole statement, not a piece.",
    ),
    Measure(
        "attribution", "ggt_0.3.speaker_accuracy", "Right speaker for a found quote",
        0.90,
        "For quotes we found, how often the speaker we point at is the one the "
        "annotators marked. A wrong speaker is a misattribution: editors check "
        "the attribution of any claim they publish.",
    ),
    Measure(
        "attribution", "speaker_name_f1.f1", "Speaker name (word overlap)", 0.85,
        "How closely the speaker we give matches the speaker the annotators "
        "marked, word by word: the name as the article gives it ('Republican "
        "nominee Donald Trump'), or for 'he said' the name we resolve 'he' to.",
    ),
    Measure(
        "attribution", "canonical_speaker_name_f1.f1",
        "Speaker name, as filed (word overlap)", None,
        "The same, with the full names actors are filed under ('Oliver Dowden' "
        "for 'Mr Dowden'), which this measure counts as partly wrong.",
    ),
    Measure(
        "attribution", "citron_cue_exact.f1", "Reporting verb exactly right", 0.75,
        "Whether we mark exactly the words that introduce the statement "
        "('said', 'according to').",
    ),
    Measure(
        "attribution", "confidence.error", "Confidence: calibration error", None,
        "Each attribution carries a confidence: the share of attributions "
        "found the same way that annotators confirm, measured on other "
        "articles. This is how far that promise is from what happens on these "
        "84: 0.05 means an attribution shown at 0.80 is right about 75 to 85 "
        "times in 100. Lower is better.",
    ),
    Measure(
        "attribution", "confidence.flagged_wrong",
        "Flagged as unsure: share wrong", None,
        "Of the attributions the review queue flags as unsure (confidence "
        "below the LOW_CONFIDENCE setting), the share that is wrong: a missing "
        "or wrong speaker, or no statement there at all.",
    ),
    Measure(
        "attribution", "confidence.unflagged_right",
        "Not flagged: share right", None,
        "Of the attributions not flagged, the share annotators confirm, with "
        "the same speaker.",
    ),
    Measure(
        "checkworthy", "f1", "Check-worthy sentences (F1)", 0.85,
        "Whether we flag the sentences that fact-checkers judged worth checking "
        "(318 sentences from US political debates). The check-worthiness score "
        "orders the review queue; it is a hint, not a verdict.",
    ),
    Measure(
        "actors", "person_broad.f1", "People named (F1)", 0.90,
        "Whether we list the people named in an article, each once, on 20 "
        "annotated Wikinews articles.",
    ),
    Measure(
        "actors", "organization_broad.f1", "Organisations named (F1)", 0.80,
        "Whether we list the organisations and government bodies named in an "
        "article. Organisation names are the harder part: check actor pages "
        "before relying on them.",
    ),
]  # fmt: skip

_ROW = re.compile(
    r"^\|\s*(?P<task>[\w]+)\s*\|\s*(?P<label>[^|]+?)\s*\|\s*(?P<value>[\d.]+|—)"
)


def report_path() -> Path:
    return Path(settings.QUALITY_REPORT)


def read_report(path: Path | None = None) -> dict:
    """The figures of the latest report, each with its measure's explanation."""
    path = path or report_path()
    if not path.exists():
        return {"rows": [], "header": "", "exists": False}
    text = path.read_text(encoding="utf-8")
    by_label = {(m.task, m.label): m for m in MEASURES}
    rows = []
    for line in text.splitlines():
        match = _ROW.match(line)
        if not match:
            continue
        measure = by_label.get((match["task"], match["label"]))
        if measure is None:
            continue
        value = None if match["value"] == "—" else float(match["value"])
        rows.append(
            {
                "measure": measure,
                "value": value,
                "met": None
                if measure.goal is None or value is None
                else value >= measure.goal,
            }
        )
    header = next(
        (line for line in text.splitlines() if line.startswith("Measured")), ""
    )
    return {"rows": rows, "header": header, "exists": True, "text": text}


def add_kit_argument(parser: CommandParser) -> None:
    """A command's ``--kit``: the evaluation kit's folder, beside the project."""
    parser.add_argument(
        "--kit",
        default=str(Path(settings.BASE_DIR).parent / "shared" / "eval"),
        help="folder of the evaluation kit (with score.py)",
    )


def kit_folder(value: str) -> Path:
    """``--kit`` as a folder, or a CommandError when it holds no ``score.py``."""
    kit = Path(value)
    if not (kit / "score.py").exists():
        raise CommandError(f"No evaluation kit (score.py) in {kit}.")
    return kit


def load_scorer(kit: Path) -> ModuleType:
    """The evaluation kit's ``score.py`` as a module, so that what counts as a
    match is the kit's own code (standard library only)."""
    spec = importlib.util.spec_from_file_location("eval_kit_score", kit / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(kit / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def attribution_outcomes(
    kit: Path, predictions: Path, split: str
) -> list[tuple[str, float, bool]]:
    """(basis, confidence, right) for each attribution predicted for the
    ``split`` documents of the kit's attribution task.

    Right: its content and that of one annotated attribution share more than
    half of the shorter of the two, and their sources overlap, or neither has
    one (the kit's speaker accuracy counts sources the same way). Not the
    kit's one-to-one quote matching: a quotation we give in two parts, which
    annotators marked as one, is right in both parts, as editors see it; and
    content running past the annotated statement still holds it."""
    score = load_scorer(kit)
    gold = score.load_gold(str(kit / "attribution"), {split})
    predicted = score.load_predictions(str(predictions))
    outcomes = []
    for document in gold:
        prediction = predicted.get(document["id"], {})
        annotated = [
            (score.as_spans(a["source"], "gold"), score.as_spans(a["content"], "gold"))
            for a in document["attributions"]
        ]
        found = score.read_attributions(prediction, document["id"])
        for raw, ours in zip(prediction.get("attributions") or [], found, strict=True):
            length = score.length(ours["content"])
            right = any(
                score.overlap(content, ours["content"])
                > min(length, score.length(content)) / 2
                and (
                    score.overlap(source, ours["source"]) > 0
                    or not (source or ours["source"])
                )
                for source, content in annotated
            )
            outcomes.append((raw.get("basis", ""), float(raw["confidence"]), right))
    return outcomes


def calibration(
    outcomes: list[tuple[str, float, bool]], threshold: float, bins: int = 10
) -> dict[str, float]:
    """How well confidences hold on ``outcomes``.

    ``error``: the expected calibration error, the mean gap between the
    confidence and the share right within ``bins`` equal-width bins, weighted
    by how many attributions fall in each. ``flagged``: the share below
    ``threshold`` (the review queue's "unsure attribution"); ``flagged_wrong``
    and ``unflagged_right``: the share wrong among those, and right among the
    rest."""
    if not outcomes:
        return {}
    binned: dict[int, list[tuple[float, bool]]] = {}
    for _, value, right in outcomes:
        binned.setdefault(min(int(value * bins), bins - 1), []).append((value, right))
    error = sum(
        abs(sum(v for v, _ in group) - sum(r for _, r in group))
        for group in binned.values()
    ) / len(outcomes)
    flagged = [right for _, value, right in outcomes if value < threshold]
    kept = [right for _, value, right in outcomes if value >= threshold]
    return {
        "attributions": len(outcomes),
        "error": error,
        "flagged": len(flagged) / len(outcomes),
        "flagged_wrong": 1 - sum(flagged) / len(flagged) if flagged else 0.0,
        "unflagged_right": sum(kept) / len(kept) if kept else 0.0,
    }
