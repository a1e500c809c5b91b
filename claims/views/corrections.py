"""Editors' corrections: claim text or speaker, duplicate actors, article details."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from claims.forms import ActorMergeForm, ArticleEditForm, ClaimCorrectForm
from claims.models import Actor, Article, Claim, ClaimConflict
from claims.services import corrections
from claims.views.review import rebind_to_current, render_claim_form_page


@login_required
@permission_required("claims.change_claim", raise_exception=True)
def claim_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct the text or speaker extraction got wrong; GET shows the form alone."""
    claim = get_object_or_404(Claim.objects.select_related("claimant"), pk=pk)
    if request.method != "POST":
        return render_claim_form_page(request, claim)
    form = ClaimCorrectForm(request.POST)
    if not form.is_valid():
        return render_claim_form_page(request, claim, correct_form=form)
    data = form.cleaned_data
    try:
        result = corrections.claim_correct(
            claim=claim,
            editor=request.user,
            version=data["version"],
            text=data["text"],
            claimant=data["speaker"],
            note=data["note"].strip(),
        )
    except ClaimConflict as conflict:
        return render_claim_form_page(
            request,
            conflict.claim,
            correct_form=rebind_to_current(ClaimCorrectForm, request, conflict.claim),
            conflict=True,
            status=409,
        )
    except ValueError as exc:
        form.add_error(None, str(exc))
        return render_claim_form_page(request, claim, correct_form=form)
    if result.pk != claim.pk:
        messages.success(
            request,
            f"Corrected. The claim is now the same as this one (claim {result.pk}), "
            "so the two were merged: its appearances, reviews and notes are here.",
        )
    else:
        messages.success(request, "Corrected; the original is kept in the history.")
    return redirect(result)


@login_required
@permission_required("claims.change_actor", raise_exception=True)
def actor_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge a duplicate actor into this one; GET shows the form alone."""
    survivor = get_object_or_404(Actor, pk=pk)
    if survivor.merged_into_id:
        messages.info(request, f"{survivor.name} was merged into this actor.")
        return redirect(survivor.merged_into)
    form = ActorMergeForm(request.POST or None, survivor=survivor)
    if request.method == "POST" and form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        try:
            corrections.actor_merge(actor=duplicate, into=survivor)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Merged {duplicate.name} into {survivor.name}: its claims, "
                "mentions and names are now here.",
            )
            return redirect(survivor)
    return render(request, "claims/actor_merge.html", {"actor": survivor, "form": form})


@login_required
@permission_required("claims.change_article", raise_exception=True)
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an article's title, byline, date or outlet; GET shows the form."""
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    initial = {
        "title": article.title,
        "byline": article.byline,
        "published_at": article.published_at,
        "source": article.source_id,
    }
    form = ArticleEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changes = corrections.article_edit(
                article=article,
                editor=request.user,
                title=data["title"],
                byline=data["byline"],
                published_at=data["published_at"],
                source=data["source"],
                note=data["note"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            if changes:
                messages.success(request, "Corrected: " + "; ".join(changes) + ".")
            else:
                messages.info(request, "Nothing changed.")
            return redirect(article)
    return render(
        request, "claims/article_edit.html", {"article": article, "form": form}
    )
