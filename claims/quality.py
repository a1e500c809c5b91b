"""The accuracy report: which figures are measured, their goals, and what each means.

``manage.py evaluate`` writes the figures as a Markdown table to
``docs/quality.md``; the "How accurate is this?" page reads the table back and
explains each row in plain words. One table format serves both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


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
