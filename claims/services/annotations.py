"""Notes on claims and on spans of an article's stored text (W3C Web Annotation)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from claims.models import Annotation, Article, Claim
from claims.services.deletions import deletions_record

CONTEXT_CHARS = 32  # prefix and suffix kept in the TextQuoteSelector
MAX_BODY = 10_000


def text_selectors(text: str, start: int, end: int) -> list[dict]:
    """TextQuote + TextPosition selectors for ``text[start:end]``."""
    return [
        {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT_CHARS) : start],
            "suffix": text[end : end + CONTEXT_CHARS],
        },
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def selector_position(selector: list | dict) -> tuple[int, int] | None:
    """The (start, end) of a stored selector, or None for a note without a span."""
    for item in selector if isinstance(selector, list) else []:
        if item.get("type") == "TextPositionSelector":
            return int(item["start"]), int(item["end"])
    return None


def locate_quote(text: str, quote: str, start: int | None = None) -> tuple[int, int]:
    """Where ``quote`` stands in ``text``: at ``start`` if it matches there, else once.

    A selection from the browser sends its offsets; the form without JavaScript
    sends only the quoted words, which must then occur exactly once.
    """
    quote = quote.strip()
    if not quote:
        raise ValidationError("Select or type the words the note is about.")
    if start is not None and text[start : start + len(quote)] == quote:
        return start, start + len(quote)
    first = text.find(quote)
    if first == -1:
        raise ValidationError("Those words are not in the article's text.")
    if text.find(quote, first + 1) != -1:
        raise ValidationError(
            "Those words occur more than once in the article: quote a longer passage."
        )
    return first, first + len(quote)


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError("Write the note.")
    if len(body) > MAX_BODY:
        raise ValidationError(f"Keep the note under {MAX_BODY} characters.")
    return body


def annotation_create(
    *,
    author,
    body: str,
    claim: Claim | None = None,
    article: Article | None = None,
    quote: str = "",
    start: int | None = None,
) -> Annotation:
    """A note on a claim, or on the span of an article that ``quote`` names."""
    if not author.has_perm("claims.add_annotation"):
        raise PermissionDenied
    body = _clean_body(body)
    selector: list[dict] = []
    if article is not None:
        span_start, span_end = locate_quote(article.text, quote, start)
        selector = text_selectors(article.text, span_start, span_end)
    elif claim is None:
        raise ValidationError("A note needs a claim or an article.")
    return Annotation.objects.create(
        author=author, body=body, claim=claim, article=article, selector=selector
    )


def _own(annotation: Annotation, user) -> None:
    if annotation.author_id != user.pk:
        raise PermissionDenied


def annotation_update(*, annotation: Annotation, user, body: str) -> Annotation:
    _own(annotation, user)
    annotation.body = _clean_body(body)
    annotation.save(update_fields=["body", "updated_at"])
    return annotation


@transaction.atomic
def annotation_delete(*, annotation: Annotation, user) -> None:
    _own(annotation, user)
    pk = annotation.pk
    annotation.delete()
    deletions_record("annotation", [pk])


@transaction.atomic
def annotation_set_hidden(*, annotation: Annotation, user, hidden: bool) -> None:
    """Editors hide (or show again) someone else's note; it is kept either way."""
    if not user.has_perm("claims.change_annotation"):
        raise PermissionDenied
    annotation.hidden_by = user if hidden else None
    annotation.save(update_fields=["hidden_by", "updated_at"])
