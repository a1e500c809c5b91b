"""JSON lines of documents -> JSON lines of predictions, without a database.

``python manage.py analyze IN.jsonl[.gz] -o OUT.jsonl`` reads ``{"id", "text"}``
text documents or ``{"id", "url", "html"}`` HTML documents and writes one
prediction per document in the evaluation kit's format (shared/eval/README.md).
HTML is extracted first and the extracted text goes into the prediction's
"text"; offsets refer to that text, or to the input text of a text document.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from claims.ingest.analysis import DEFAULT_MODEL, Analysis, analyse_many, to_prediction
from claims.ingest.extract import ExtractError, extract

BATCH = 32


def _open(path: str) -> IO[str]:
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


class Command(BaseCommand):
    help = "Analyse JSON-lines documents and write predictions as JSON lines."
    # A pure transform: no system checks that might touch the database.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="JSON lines, optionally gzipped")
        parser.add_argument("-o", "--output", required=True, help="predictions file")
        parser.add_argument("--model", default=None, help="spaCy pipeline name")
        parser.add_argument("--split", default=None, help="only documents of a split")
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if not Path(options["input"]).exists():
            raise CommandError(f"No such file: {options['input']}")
        model = options["model"] or _setting_model()
        documents = list(self._read(options["input"], options["split"]))
        if options["limit"] is not None:
            documents = documents[: options["limit"]]
        count = 0
        with open(options["output"], "w", encoding="utf-8") as out:
            progress = tqdm(total=len(documents), file=sys.stderr, unit="doc")
            for start in range(0, len(documents), BATCH):
                batch = documents[start : start + BATCH]
                texts = [self._text(doc) for doc in batch]
                for doc, text, analysis in zip(
                    batch, texts, self._analyse(texts, model), strict=True
                ):
                    line = to_prediction(str(doc.get("id")), analysis, text)
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    count += 1
                progress.update(len(batch))
            progress.close()
        self.stderr.write(f"Wrote {count} predictions to {options['output']}.")

    def _read(self, path: str, split: str | None) -> Iterator[dict]:
        with _open(path) as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CommandError(f"Line {number} is not JSON ({exc}).") from exc
                if split is None or doc.get("split") in split.split(","):
                    yield doc

    def _text(self, doc: dict) -> str:
        if "html" in doc and "text" not in doc:
            try:
                return extract(doc.get("html") or "", doc.get("url")).text
            except ExtractError as exc:
                self.stderr.write(f"{doc.get('id')}: {exc}")
                return ""
        return doc.get("text") or ""

    def _analyse(self, texts: list[str], model: str) -> list[Analysis]:
        try:
            return list(analyse_many(texts, model=model))
        except Exception as exc:  # one bad document must not sink the batch
            self.stderr.write(f"Batch failed ({exc!r}); analysing one by one.")
        results = []
        for text in texts:
            try:
                results.extend(analyse_many([text], model=model))
            except Exception as exc:
                self.stderr.write(f"Analysis failed ({exc!r}).")
                results.append(Analysis(sentences=[], actors=[], claims=[]))
        return results


def _setting_model() -> str:
    from django.conf import settings

    return getattr(settings, "SPACY_MODEL", DEFAULT_MODEL)
