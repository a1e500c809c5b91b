"""Browser pages: thin interfaces that parse input, call services and render."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from claims import services
from claims.forms import SubmitHTMLForm, SubmitTextForm, SubmitURLForm
from claims.highlight import paragraphs
from claims.ingest.fetch import FetchError
from claims.models import Actor, Appearance, Article, Claim, Source
from claims.quality import read_report

PAGE_SIZE = 50


def readable(view):
    """Anonymous visitors may read when PUBLIC_READ is on; others must log in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not settings.PUBLIC_READ and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def _page(request: HttpRequest, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _claims_with_speakers(queryset):
    return queryset.select_related("claimant").annotate(
        appearance_count=Count("appearances", distinct=True)
    )


@readable
def home(request: HttpRequest) -> HttpResponse:
    recent_articles = Article.objects.select_related("source")[:10]
    mine = []
    if request.user.is_authenticated:
        mine = Article.objects.filter(submitted_by=request.user).select_related(
            "source"
        )[:10]
    context = {
        "recent_articles": recent_articles,
        "my_articles": mine,
        "recent_claims": _claims_with_speakers(Claim.objects.newest_first())[:10],
        "counts": {
            "articles": Article.objects.count(),
            "claims": Claim.objects.count(),
            "actors": Actor.objects.live().count(),
            "queue": Claim.objects.awaiting_review().count(),
        },
        "url_form": SubmitURLForm(),
    }
    return render(request, "claims/home.html", context)


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


def _article_context(article: Article) -> dict:
    appearances = list(
        article.appearances.select_related("claim", "claim__claimant").order_by("start")
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
    return {
        "article": article,
        "appearances": appearances,
        "paragraphs": paragraphs(article.text, spans) if article.text else [],
        "events": list(article.events.all()),
        "steps": Article.STEPS,
    }


@readable
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.select_related("source", "submitted_by"), pk=pk
    )
    context = _article_context(article)
    if request.headers.get("HX-Request"):
        return render(request, "claims/_article_body.html", context)
    return render(request, "claims/article_detail.html", context)


@readable
def article_list(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.select_related("source")
        .annotate(claim_count=Count("appearances", distinct=True))
        .order_by("-created_at", "-id")
    )
    status = request.GET.get("status")
    if status in Article.Status.values:
        articles = articles.filter(status=status)
    return render(
        request,
        "claims/article_list.html",
        {
            "page": _page(request, articles),
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


@readable
def claim_list(request: HttpRequest) -> HttpResponse:
    claims = _claims_with_speakers(Claim.objects.newest_first())
    return render(request, "claims/claim_list.html", {"page": _page(request, claims)})


@readable
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("claimant"), pk=pk)
    appearances = claim.appearances.select_related(
        "article", "article__source"
    ).order_by("article__published_at", "article__created_at")
    reviews = claim.reviews.select_related("reviewer")
    return render(
        request,
        "claims/claim_detail.html",
        {"claim": claim, "appearances": appearances, "reviews": reviews},
    )


@readable
def actor_list(request: HttpRequest) -> HttpResponse:
    actors = (
        Actor.objects.live()
        .with_claim_counts()
        .annotate(article_count=Count("mentions", distinct=True))
    )
    kind = request.GET.get("kind")
    if kind in Actor.Kind.values:
        actors = actors.filter(kind=kind)
    actors = actors.order_by("-claim_count", "-article_count", "name")
    return render(
        request,
        "claims/actor_list.html",
        {"page": _page(request, actors), "kind": kind, "kinds": Actor.Kind},
    )


@readable
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor, pk=pk)
    if actor.merged_into_id:
        return redirect(actor.merged_into)
    claims = _claims_with_speakers(actor.claims.newest_first()).prefetch_related(
        Prefetch(
            "appearances",
            queryset=Appearance.objects.select_related("article", "article__source"),
        )
    )
    articles = Article.objects.filter(mentions__actor=actor).select_related("source")[
        :20
    ]
    return render(
        request,
        "claims/actor_detail.html",
        {
            "actor": actor,
            "page": _page(request, claims),
            "articles": articles,
            "aliases": actor.alias_names,
        },
    )


@readable
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    articles = source.articles.annotate(
        claim_count=Count("appearances", distinct=True)
    ).order_by("-published_at", "-created_at")
    return render(
        request,
        "claims/source_detail.html",
        {"source": source, "page": _page(request, articles)},
    )


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for the container: the database answers."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_required
@permission_required("claims.add_review", raise_exception=True)
def review_queue(request: HttpRequest) -> HttpResponse:
    """Unreviewed claims, most check-worthy first; unsure attributions flagged."""
    threshold = settings.LOW_CONFIDENCE
    claims = _claims_with_speakers(Claim.objects.awaiting_review())
    claims = claims.with_attribution_confidence()
    only_low = request.GET.get("flag") == "low"
    if only_low:
        claims = claims.filter(attribution_confidence__lt=threshold)
    return render(
        request,
        "claims/review_queue.html",
        {
            "page": _page(request, claims),
            "threshold": threshold,
            "only_low": only_low,
            "low_count": Claim.objects.awaiting_review()
            .low_confidence(threshold)
            .count(),
        },
    )


@readable
def accuracy(request: HttpRequest) -> HttpResponse:
    """How far to trust the extraction: the latest measured figures, explained."""
    return render(request, "claims/accuracy.html", {"report": read_report()})
