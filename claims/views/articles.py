"""Submitting articles and reading them: thin views over the services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from claims import services
from claims.forms import SubmitHTMLForm, SubmitTextForm, SubmitURLForm
from claims.highlight import paragraphs
from claims.ingest.fetch import FetchError
from claims.models import Appearance, Article, related_count
from claims.services.annotations import selector_position
from claims.views.access import paginate, readable


@login_required
@permission_required("claims.add_article", raise_exception=True)
def submit(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind") or request.GET.get("kind") or "url"
    forms = {
        "url": SubmitURLForm(prefix="u"),
        "text": SubmitTextForm(prefix="t"),
        "html": SubmitHTMLForm(prefix="h"),
    }
    if kind not in forms:
        kind = "url"
    if request.method == "POST":
        form_class = type(forms[kind])
        form = form_class(request.POST, request.FILES, prefix=forms[kind].prefix)
        forms[kind] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if kind == "url":
                    article, created = services.article_submit_url(
                        url=data["url"], user=request.user
                    )
                elif kind == "text":
                    article, created = services.article_submit_text(
                        text=data["text"],
                        title=data["title"],
                        url=data["url"],
                        published_at=data["published_at"],
                        user=request.user,
                    )
                else:
                    article, created = services.article_submit_html(
                        html=data["file"], url=data["url"], user=request.user
                    )
            except (FetchError, ValueError) as exc:
                form.add_error(None, str(exc))
            else:
                if created:
                    messages.success(
                        request, "Submitted. The page updates as it is processed."
                    )
                else:
                    messages.info(
                        request,
                        "This article was already submitted; here it is. "
                        "You can process it again below.",
                    )
                return redirect(article)
    return render(
        request, "claims/submit.html", {"forms": forms, "kind": kind}, status=200
    )


def _article_context(article: Article, user) -> dict:
    notes = list(
        article.annotations.visible_to(user).select_related("author", "hidden_by")
    )
    appearances = list(
        article.appearances.select_related("claim", "claim__claimant")
        .defer("claim__search_text", "claim__search_vector")
        .order_by("start")
    )
    spans = []
    for appearance in appearances:
        for start, end in appearance.content_spans:
            spans.append((start, end, appearance, "content"))
        if appearance.cue_start is not None:
            spans.append((appearance.cue_start, appearance.cue_end, appearance, "cue"))
        if appearance.source_start is not None:
            spans.append(
                (appearance.source_start, appearance.source_end, appearance, "source")
            )
    # Where claims nest, the inner one is drawn over the outer one, so every
    # claim keeps a visible piece: the first covering span wins a segment.
    spans.sort(key=lambda span: span[1] - span[0])
    for note in notes:
        position = selector_position(note.selector)
        if position:
            spans.append((*position, note, "note"))
    paras = paragraphs(article.text, spans) if article.text else []
    # One keyboard stop per claim: the first piece of its content is focusable
    # and is the target of the panel's "show in text" link.
    seen = set()
    for para in paras:
        for seg in para:
            seg.first = False
            if seg.role == "content" and seg.mark.pk not in seen:
                seen.add(seg.mark.pk)
                seg.first = True
    return {
        "article": article,
        "appearances": appearances,
        "paragraphs": paras,
        "notes": notes,
        "events": list(article.events.all()),
        "steps": Article.STEPS,
        "low_confidence": settings.LOW_CONFIDENCE,
    }


@readable
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.select_related("source", "submitted_by")
        .defer("raw_html")
        .annotate(has_snapshot=~Q(raw_html="")),
        pk=pk,
    )
    context = _article_context(article, request.user)
    if request.headers.get("HX-Request"):
        return render(request, "claims/_article_body.html", context)
    return render(request, "claims/article_detail.html", context)


@readable
def article_snapshot(request: HttpRequest, pk: int) -> HttpResponse:
    """The raw page as fetched, as a plain-text download: never rendered as HTML."""
    article = get_object_or_404(Article.objects.only("pk", "raw_html"), pk=pk)
    if not article.raw_html:
        raise Http404("No snapshot was kept for this article.")
    response = HttpResponse(article.raw_html, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="article-{article.pk}-snapshot.html.txt"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@readable
def article_list(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.select_related("source")
        .annotate(claim_count=related_count(Appearance.objects, "article"))
        .order_by("-created_at", "-id")
    )
    status = request.GET.get("status")
    if status in Article.Status.values:
        articles = articles.filter(status=status)
    return render(
        request,
        "claims/article_list.html",
        {
            "page": paginate(request, articles),
            "status": status,
            "statuses": Article.Status,
        },
    )


@require_POST
@login_required
@permission_required("claims.add_article", raise_exception=True)
def article_reprocess(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    if services.article_reprocess(article=article):
        messages.success(request, "Processing again.")
    else:
        messages.warning(request, "The article is still being processed.")
    return redirect(article)
