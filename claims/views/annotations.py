"""Notes: on a claim, or on a span of an article's text; own edits, editors hide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from claims.models import Annotation, Article, Claim
from claims.services import annotations as notes


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


@require_POST
@login_required
@permission_required("claims.add_annotation", raise_exception=True)
def claim_note_create(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    try:
        note = notes.annotation_create(
            author=request.user, body=request.POST.get("body", ""), claim=claim
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(claim)
    messages.success(request, "Note added.")
    return redirect(f"{claim.get_absolute_url()}#note-{note.pk}")


@require_POST
@login_required
@permission_required("claims.add_annotation", raise_exception=True)
def article_note_create(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    try:
        note = notes.annotation_create(
            author=request.user,
            body=request.POST.get("body", ""),
            article=article,
            quote=request.POST.get("quote", ""),
            start=_int_or_none(request.POST.get("start")),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{article.get_absolute_url()}#notes")
    messages.success(request, "Note added to the highlighted words.")
    return redirect(f"{article.get_absolute_url()}#note-{note.pk}")


def _back(note: Annotation) -> str:
    target = note.claim or note.article
    return f"{target.get_absolute_url()}#notes"


@login_required
def note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Annotation, pk=pk, author=request.user)
    error = ""
    if request.method == "POST":
        try:
            notes.annotation_update(
                annotation=note, user=request.user, body=request.POST.get("body", "")
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "Note saved.")
            return redirect(_back(note))
    return render(request, "claims/note_edit.html", {"note": note, "error": error})


@require_POST
@login_required
def note_delete(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Annotation, pk=pk, author=request.user)
    back = _back(note)
    notes.annotation_delete(annotation=note, user=request.user)
    messages.success(request, "Note deleted.")
    return redirect(back)


@require_POST
@login_required
@permission_required("claims.change_annotation", raise_exception=True)
def note_hide(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Annotation, pk=pk)
    hide = request.POST.get("hidden", "1") == "1"
    notes.annotation_set_hidden(annotation=note, user=request.user, hidden=hide)
    messages.success(request, "Note hidden." if hide else "Note shown again.")
    return redirect(_back(note))
