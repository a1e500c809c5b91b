"""The review history is append-only: no code path changes or deletes a Review,
and on PostgreSQL the database refuses it too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

from claims.models import Review
from claims.services.corrections import claims_merge
from claims.services.reviews import review_record
from tests.factories import make_article, make_claim

ROOT = Path(__file__).resolve().parent.parent
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
)


@pytest.fixture
def review(editor):
    claim = make_claim("Rail fares rose by 5 per cent", articles=(make_article(),))
    return review_record(
        claim=claim, reviewer=editor, version=1, verdict="false", rationale="ONS."
    )


def _refused(sql: str, params: list) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except IntegrityError as exc:
        return "append-only" in str(exc)
    return False


@on_postgres
@pytest.mark.django_db
def test_the_database_refuses_to_change_or_delete_a_review(review):
    assert _refused(
        "UPDATE claims_review SET verdict = 'verified' WHERE id = %s", [review.pk]
    )
    assert _refused(
        "UPDATE claims_review SET rationale = '' WHERE id = %s", [review.pk]
    )
    assert _refused("DELETE FROM claims_review WHERE id = %s", [review.pk])
    stored = Review.objects.get(pk=review.pk)
    assert (stored.verdict, stored.rationale) == ("false", "ONS.")


@on_postgres
@pytest.mark.django_db
def test_merging_claims_refiles_their_reviews_unchanged(review, editor):
    survivor = make_claim("Rail fares went up 5%", articles=(make_article(),))
    claims_merge(survivor=survivor, duplicate=review.claim)
    moved = Review.objects.get(pk=review.pk)
    assert moved.claim_id == survivor.pk
    assert (moved.verdict, moved.rationale, moved.reviewer_id) == (
        "false", "ONS.", editor.pk,
    )  # fmt: skip


def _review_writes(tree: ast.AST) -> list[str]:
    """Calls such as Review.objects....update()/delete() or review.delete()."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in {"update", "delete", "save", "bulk_update"}:
            continue
        chain = ast.unparse(node.func.value)
        if chain.startswith("Review.") or chain in {"review", "self.review"}:
            found.append(f"{chain}.{node.func.attr}() line {node.lineno}")
    return found


def test_no_code_path_updates_or_deletes_a_review():
    writes = {}
    for path in (ROOT / "claims").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        found = _review_writes(ast.parse(path.read_text(), filename=str(path)))
        if found:
            writes[str(path.relative_to(ROOT))] = found
    assert writes == {}


def test_the_scan_finds_a_review_write():
    # The check above would catch the writes it looks for.
    tree = ast.parse("Review.objects.filter(pk=1).update(verdict='x')\nreview.delete()")
    assert len(_review_writes(tree)) == 2
