"""The analyser's version follows its code: any change to a file the analysis
runs on gives a new version, with no one having to bump it; comments,
docstrings and layout do not count."""

import textwrap

from claims.ingest.analysis import (
    ANALYSER_SERIES,
    Analysis,
    analyser_version,
    digest_of,
)


def test_the_digest_changes_with_any_file_it_covers(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "verbs.py").write_text("SAY = {'say'}\n")
    (tmp_path / "main.py").write_text("x = 1\n")
    (tmp_path / "rules" / "notes.txt").write_text("not code")
    names = ("main.py", "rules")
    first = digest_of(tmp_path, names)
    assert digest_of(tmp_path, names) == first
    (tmp_path / "rules" / "notes.txt").write_text("still not code")
    assert digest_of(tmp_path, names) == first
    (tmp_path / "rules" / "verbs.py").write_text("SAY = {'say', 'claim'}\n")
    second = digest_of(tmp_path, names)
    assert second != first
    (tmp_path / "rules" / "verbs.py").rename(tmp_path / "rules" / "cues.py")
    assert digest_of(tmp_path, names) not in (first, second)


def test_every_analysis_carries_the_version_of_the_code_that_made_it():
    version = analyser_version()  # reads every file it covers: none is missing
    series, digest = version.split("+")
    assert series == ANALYSER_SERIES and len(digest) == 8
    assert Analysis(sentences=[], actors=[], claims=[]).version == version


def test_comments_docstrings_and_layout_leave_the_digest_alone(tmp_path):
    rules = tmp_path / "rules.py"

    def digest_with(source):
        rules.write_text(textwrap.dedent(source))
        return digest_of(tmp_path, ["rules.py"])

    first = digest_with(
        """\
        \"\"\"Verbs.\"\"\"
        SAY = {"say"}
        def cue(word):
            return word in SAY
        """
    )
    reworded = digest_with(
        """\
        \"\"\"Verbs of saying, reworded.\"\"\"

        # A comment.
        SAY = {
            "say",
        }


        def cue(word):
            \"\"\"Whether a word is a cue.\"\"\"
            return word in SAY  # here
        """
    )
    assert reworded == first
    # A string that is not the first statement is code, not a docstring.
    with_string = digest_with(
        """\
        \"\"\"Verbs.\"\"\"
        SAY = {"say"}
        "not a docstring"
        def cue(word):
            return word in SAY
        """
    )
    negated = digest_with(
        """\
        \"\"\"Verbs.\"\"\"
        SAY = {"say"}
        def cue(word):
            return word not in SAY
        """
    )
    assert len({first, with_string, negated}) == 3


def test_a_data_file_counts_byte_for_byte(tmp_path):
    table = tmp_path / "weights.npz"
    table.write_bytes(b"\x00\x01")
    first = digest_of(tmp_path, ["weights.npz"])
    table.write_bytes(b"\x00\x02")
    assert digest_of(tmp_path, ["weights.npz"]) != first
