"""Browsing claims, actors and outlets; the accuracy page."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from claims.filters import ClaimFilterSet, attach_headlines, facets
from claims.models import (
    Actor,
    Appearance,
    Article,
    Claim,
    Mention,
    Source,
    related_count,
)
from claims.quality import read_report
from claims.services import articles_outdated, matching, reviews
from claims.views.access import PAGE_SIZE, CappedPaginator, paginate, readable

# Columns no list page shows; the article text and raw page can be large.
HEAVY_ARTICLE_FIELDS = ("article__text", "article__raw_html")
CO_MENTIONS = 10
# How long the accuracy page's counts (editors' checks, outdated articles) may
# lag: counting 50,000 checks among a million claims takes about a second
# (bench/accuracy_counts.py), and they move slowly.
CHECKS_CACHE_SECONDS = 600
# Up to this many claims in all, the claims page counts its facets at once.
FACETS_INLINE = 20_000


def claims_with_speakers(queryset):
    """Claims with their speaker and how many times they appear, for list rows;
    a claim with no speaker named gets ``source_as_written``, its source as the
    article gives it ("officials", "the company"), or ""; a claim of words
    pointing back into its article ("the claims") gets ``cue_as_written``, the
    verb that says what was done with them ("has denied"), or "".

    The count, source and cue are subqueries per row shown, not joins grouped
    over every match: the page still comes straight off the sort order's index.
    """
    queryset = queryset.select_related("claimant").defer("search_text", "search_vector")
    queryset = queryset.annotate(
        source_as_written=_from_first_appearance("source_text", claimant=None),
        cue_as_written=_from_first_appearance(
            "cue_text", scope_article_id__isnull=False
        ),
    )
    if "appearance_count" in queryset.query.annotations:
        return queryset
    return queryset.annotate(
        appearance_count=related_count(Appearance.objects, "claim")
    )


def _from_first_appearance(field: str, **when) -> Case:
    """``field`` of the claim's first appearance that has one, for the rows
    matching ``when``; "" for the others, which run no subquery."""
    first = (
        Appearance.objects.filter(claim=OuterRef("pk"))
        .exclude(**{field: ""})
        .order_by("pk")
        .values(field)[:1]
    )
    return Case(When(Q(**when), then=Subquery(first)), default=Value(""))


def cached_facets(
    request: HttpRequest, filterset: ClaimFilterSet, scope: str, *, compute: bool
) -> dict | None:
    """The facet counts for these filters, from the cache or (``compute``) made
    now and cached for ``FACET_CACHE_SECONDS``; None when not ready."""
    asked = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name not in ("page", "sort", "count")
        for value in values
    )
    key = "facets:" + hashlib.sha256(f"{scope}{asked}".encode()).hexdigest()
    found = cache.get(key)
    if found is None and compute:
        found = facets(filterset)
        cache.set(key, found, settings.FACET_CACHE_SECONDS)
    return found


def _few_claims() -> bool:
    return Claim.objects.order_by()[: FACETS_INLINE + 1].count() <= FACETS_INLINE


@readable
def claim_list(request: HttpRequest) -> HttpResponse:
    filterset = ClaimFilterSet(request.GET, queryset=Claim.objects.all())
    page = paginate(request, claims_with_speakers(filterset.qs))
    attach_headlines(page.object_list, filterset.search)
    # Over a large archive the counts take seconds: the list comes first and
    # the filters fetch their counts after (claim_facets), unless cached.
    counts = cached_facets(request, filterset, "claims", compute=_few_claims())
    window = settings.SEARCH_RANK_WINDOW
    context = {
        "filter": filterset,
        "facets": counts,
        "facets_url": None
        if counts is not None
        else f"{reverse('claims:claim_facets')}?{request.GET.urlencode()}",
        "form_path": reverse("claims:claims"),
        "page": page,
        "rank_window": window,
        "rank_window_full": bool(window)
        and filterset.sort_order == "relevance"
        and page.paginator.count >= window,
    }
    if request.headers.get("HX-Request"):
        # The results, and the filters out of band so their counts follow.
        context["oob"] = True
        return render(request, "claims/_claim_results.html", context)
    return render(request, "claims/claim_list.html", context)


@readable
def claim_facets(request: HttpRequest) -> HttpResponse:
    """The claim filters with their counts, for the claims page to load."""
    filterset = ClaimFilterSet(request.GET, queryset=Claim.objects.all())
    context = {
        "filter": filterset,
        "facets": cached_facets(request, filterset, "claims", compute=True),
        "form_path": reverse("claims:claims"),
    }
    return render(request, "claims/_claim_filters_box.html", context)


def _safe_evidence(evidence) -> list[dict]:
    """Evidence links a browser may follow: http(s) only, with a title."""
    links = []
    for item in evidence if isinstance(evidence, list) else []:
        if not isinstance(item, dict):
            continue
        url = str(item.get("url") or "").strip()
        title = str(item.get("title") or "").strip()
        try:
            ok = urlsplit(url).scheme.lower() in ("http", "https")
        except ValueError:
            ok = False
        if ok:
            links.append({"url": url, "title": title or url})
    return links


CLAIM_PAGE_QUERY = Claim.objects.select_related("claimant").defer("search_vector")


@readable
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(CLAIM_PAGE_QUERY, pk=pk)
    return render_claim_page(request, claim, reload=False)


def render_claim_page(
    request: HttpRequest,
    claim: Claim,
    *,
    split_form=None,
    merge_form=None,
    conflict: bool = False,
    status: int = 200,
    reload: bool = True,
) -> HttpResponse:
    """The claim's page: its timeline, reviews and notes; for editors the split
    and merge forms, as submitted when they come back with an error."""
    # The editors' forms live with their views, which import this module.
    from claims.views.matches import ClaimMergeForm, ClaimSplitForm, describe_match

    if reload:
        claim = CLAIM_PAGE_QUERY.get(pk=claim.pk)
    # A claim repeated thousands of times shows its earliest appearances.
    sightings = matching.timeline(claim, limit=settings.TIMELINE_LIMIT)
    appearance_total = claim.appearances.count()
    # Of the articles shown, those with a stored page.
    snapshots = set(
        Article.objects.filter(pk__in={s.appearance.article_id for s in sightings})
        .exclude(raw_html="")
        .values_list("pk", flat=True)
    )
    ticked: set[str] = set()
    if split_form is not None and split_form.is_bound:
        ticked = set(split_form.data.getlist("appearance"))
    entries = []
    for sighting in sightings:
        appearance = sighting.appearance
        appearance.passage = sighting.passage
        appearance.has_snapshot = appearance.article_id in snapshots
        entries.append(
            {
                "sighting": sighting,
                "ap": appearance,
                "changed": "<ins>" in sighting.changes or "<del>" in sighting.changes,
                "how": describe_match(appearance.match_method, appearance.match_score)
                if appearance.match_method
                else "",
                "ticked": str(appearance.pk) in ticked,
            }
        )
    proposed = []
    for match in matching.proposed_for(claim):
        other = match.target if match.claim_id == claim.pk else match.claim
        if other is None:  # the newer claim is gone; nothing left to compare
            continue
        proposed.append(
            {
                "match": match,
                "other": other,
                "newer": match.claim_id == claim.pk,
                "how": describe_match(match.method, match.score, pair=True),
            }
        )
    reviews = list(claim.reviews.select_related("reviewer"))
    for review in reviews:
        review.evidence_links = _safe_evidence(review.evidence)
    # The notes' authors in the same query: the panel names each one.
    notes = claim.annotations.visible_to(request.user).select_related(
        "author", "hidden_by"
    )
    may_change = request.user.has_perm("claims.change_claim")
    if may_change:
        split_form = split_form or ClaimSplitForm(initial={"version": claim.version})
        merge_form = merge_form or ClaimMergeForm(
            initial={"version": claim.version}, claim=claim
        )
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "appearances": [entry["ap"] for entry in entries],
            "timeline": entries,
            "appearance_total": appearance_total,
            "proposed": proposed,
            "reviews": reviews,
            "notes": notes,
            "may_split": may_change and len(entries) > 1,
            "split_form": split_form if may_change else None,
            "merge_form": merge_form if may_change else None,
            "conflict": conflict,
        },
        status=status,
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
        {"page": paginate(request, actors), "kind": kind, "kinds": Actor.Kind},
    )


def _appearances_for_rows():
    return Prefetch(
        "appearances",
        queryset=Appearance.objects.select_related("article", "article__source")
        .defer(*HEAVY_ARTICLE_FIELDS)
        .order_by("article__published_at", "article__created_at"),
    )


def co_mentioned(actor: Actor, limit: int = CO_MENTIONS):
    """Actors named in the same articles as ``actor``, most shared articles first."""
    articles = Mention.objects.filter(actor=actor).values("article")
    return (
        Actor.objects.live()
        .filter(mentions__article__in=articles)
        .exclude(pk=actor.pk)
        .annotate(shared=Count("mentions__article", distinct=True))
        .order_by("-shared", "name")[:limit]
    )


@readable
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.prefetch_related("aliases"), pk=pk)
    if actor.merged_into_id:
        return redirect(actor.merged_into)
    claims = claims_with_speakers(actor.claims.newest_first()).prefetch_related(
        _appearances_for_rows()
    )
    tally = dict(
        actor.claims.order_by()
        .values("verdict")
        .annotate(n=Count("*"))  # COUNT(*): answered from an index alone
        .values_list("verdict", "n")
    )
    track_record = [
        {"verdict": value, "label": label, "count": tally.get(value, 0)}
        for value, label in Claim._meta.get_field("verdict").choices
    ]
    articles = (
        Article.objects.filter(mentions__actor=actor)
        .select_related("source")
        .defer("text", "raw_html")
        .annotate(claim_count=related_count(Appearance.objects, "article"))
        .order_by("-published_at", "-created_at")[:20]
    )
    return render(
        request,
        "claims/actor_detail.html",
        {
            "actor": actor,
            "page": paginate(request, claims),
            "articles": articles,
            "aliases": actor.alias_names,
            "track_record": track_record,
            "claim_total": sum(tally.values()),
            "co_mentioned": co_mentioned(actor),
        },
    )


@readable
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source.objects.prefetch_related("domains"), pk=pk)
    articles = (
        source.articles.select_related("source")
        .defer("text", "raw_html")
        .annotate(claim_count=related_count(Appearance.objects, "article"))
        .order_by("-published_at", "-created_at")
    )
    in_outlet = Appearance.objects.filter(claim=OuterRef("pk"), article__source=source)
    claims = claims_with_speakers(
        Claim.objects.filter(Exists(in_outlet)).newest_first()
    )
    return render(
        request,
        "claims/source_detail.html",
        {
            "source": source,
            "page": paginate(request, articles),
            # Two lists on one page: the claims turn pages with their own parameter.
            "claims_page": CappedPaginator(claims, PAGE_SIZE).get_page(
                request.GET.get("claims_page")
            ),
        },
    )


@readable
def accuracy(request: HttpRequest) -> HttpResponse:
    """How far to trust the extraction: the latest measured figures, explained,
    and how the attributions editors checked here fared."""
    low = settings.LOW_CONFIDENCE
    checks, outdated = cache.get_or_set(
        f"accuracy-counts:{low}",
        lambda: (reviews.attribution_checks(low), articles_outdated().count()),
        CHECKS_CACHE_SECONDS,
    )
    return render(
        request,
        "claims/accuracy.html",
        {
            "report": read_report(),
            "low_confidence": low,
            "checks": checks,
            "outdated": outdated,
        },
    )
