"""Recording rows that are gone, so API clients mirroring the data can drop them."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from claims.models import Deletion


def deletions_record(
    model: str, ids: Iterable[int], *, replaced_by: int | None = None
) -> None:
    """One ``Deletion`` per id; call it in the transaction that deletes the rows."""
    now = timezone.now()
    Deletion.objects.bulk_create(
        Deletion(model=model, object_id=pk, replaced_by=replaced_by, deleted_at=now)
        for pk in ids
    )
