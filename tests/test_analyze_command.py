"""manage.py analyze: JSON lines in, predictions out, no database."""

import gzip
import json
from pathlib import Path

from django.core.management import call_command

HTML = """<html><head><title>Port news</title></head><body><article>
<h1>Port closes</h1>
<p>The harbour master, Jane Porter, said on Monday that the port would close for
three weeks of repairs costing £4 million.</p>
<p>“We have no choice,” said Ms Porter. “The quay walls are failing.”</p>
<p>Shipping firms said they would move 200 vessels to other ports in the region
while the work is carried out over the summer months.</p>
</article></body></html>"""


def run(tmp_path: Path, documents: list[dict], gz: bool = False) -> list[dict]:
    name = "in.jsonl.gz" if gz else "in.jsonl"
    source = tmp_path / name
    lines = "".join(json.dumps(d) + "\n" for d in documents)
    if gz:
        with gzip.open(source, "wt", encoding="utf-8") as f:
            f.write(lines)
    else:
        source.write_text(lines, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    call_command("analyze", str(source), "-o", str(out))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_it_analyses_text_documents(tmp_path: Path):
    text = "“We will build 300 new homes by 2026,” said Mark Ellis."
    (prediction,) = run(tmp_path, [{"id": "t1", "text": text}])
    assert prediction["id"] == "t1"
    assert prediction["text"] == text
    (attribution,) = prediction["attributions"]
    assert attribution["speaker"] == "Mark Ellis"
    for span in attribution["content"]:
        assert text[span["start"] : span["end"]] == span["text"]


def test_it_extracts_html_documents(tmp_path: Path):
    (prediction,) = run(
        tmp_path, [{"id": "h1", "url": "https://example.org/a", "html": HTML}]
    )
    text = prediction["text"]
    assert "harbour master" in text
    assert "Jane Porter" in {a["actor"] for a in prediction["attributions"]}
    for claim in prediction["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]


def test_it_writes_an_empty_prediction_when_extraction_fails(tmp_path: Path):
    predictions = run(
        tmp_path,
        [
            {"id": "bad", "url": None, "html": ""},
            {"id": "empty", "text": ""},
            {"id": "ok", "text": "Prices rose by 9% in 2023, said Mark Ellis."},
        ],
        gz=True,
    )
    assert [p["id"] for p in predictions] == ["bad", "empty", "ok"]
    assert predictions[0]["text"] == ""
    assert predictions[0]["claims"] == []
    assert predictions[2]["attributions"]
