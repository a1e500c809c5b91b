"""Editors' page of feeds: their health, adding, pausing, polling now, deleting,
importing OPML."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from claims.ingest.feeds import FeedError
from claims.ingest.fetch import FetchError
from claims.models import Feed, Source
from claims.services import feeds as feed_services
from claims.views.access import paginate

MAX_INTERVAL = 24 * 60


class FeedForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Source.objects.order_by("name"),
        label="Outlet",
        empty_label="Choose an outlet",
    )
    url = forms.CharField(
        label="Feed address",
        max_length=2000,
        help_text="RSS, Atom or a news sitemap, e.g. https://example.org/feed.xml.",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    interval_minutes = forms.IntegerField(
        label="Poll every (minutes)", min_value=1, max_value=MAX_INTERVAL, initial=15
    )


class OpmlForm(forms.Form):
    file = forms.FileField(
        label="OPML file",
        help_text="An export of a feed reader's subscriptions (.opml or .xml).",
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 10 * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is larger than {limit // (1024 * 1024)} MB."
            )
        return upload.read()


def _feeds():
    # Failing feeds first: they are what an editor comes here for.
    return (
        Feed.objects.select_related("source")
        .annotate(
            failing=Case(
                When(failures__gt=0, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("failing", "source__name", "url")
    )


def _page(request: HttpRequest, form: FeedForm, opml: OpmlForm) -> HttpResponse:
    return render(
        request,
        "claims/feeds.html",
        {"page": paginate(request, _feeds()), "form": form, "opml_form": opml},
    )


@login_required
@permission_required("claims.view_feed", raise_exception=True)
def feed_list(request: HttpRequest) -> HttpResponse:
    """The feeds and their health; POST adds one (editors)."""
    if request.method != "POST":
        return _page(request, FeedForm(), OpmlForm())
    if not request.user.has_perm("claims.add_feed"):
        raise PermissionDenied
    form = FeedForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            feed = feed_services.feed_add(
                source=data["source"],
                url=data["url"],
                user=request.user,
                interval_minutes=data["interval_minutes"],
            )
        except FetchError as exc:
            form.add_error("url", exc.message)
        except ValueError as exc:
            form.add_error("url", str(exc))
        else:
            messages.success(
                request,
                f"Feed added to {feed.source}; it is polled within a minute.",
            )
            return redirect("claims:feeds")
    return _page(request, form, OpmlForm())


@require_POST
@login_required
@permission_required("claims.add_feed", raise_exception=True)
def feed_import(request: HttpRequest) -> HttpResponse:
    form = OpmlForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = feed_services.feeds_import_opml(
                form.cleaned_data["file"], user=request.user
            )
        except FeedError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(request, f"OPML imported: {result}")
            for url, reason in result.refused[:20]:
                messages.warning(request, f"{url}: {reason}")
            return redirect("claims:feeds")
    return _page(request, FeedForm(), form)


@require_POST
@login_required
@permission_required("claims.change_feed", raise_exception=True)
def feed_pause(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(Feed, pk=pk)
    if feed_services.feed_pause(feed=feed, user=request.user):
        messages.success(request, f"Paused {feed.url}.")
    return redirect("claims:feeds")


@require_POST
@login_required
@permission_required("claims.change_feed", raise_exception=True)
def feed_resume(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(Feed, pk=pk)
    if feed_services.feed_resume(feed=feed, user=request.user):
        messages.success(request, f"Resumed {feed.url}; it is polled within a minute.")
    return redirect("claims:feeds")


@require_POST
@login_required
@permission_required("claims.change_feed", raise_exception=True)
def feed_poll_now(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(Feed, pk=pk)
    if feed_services.feed_poll_soon(feed=feed, user=request.user):
        messages.success(
            request,
            f"Poll of {feed.url} queued; refresh this page in a moment to see "
            "what it found.",
        )
    else:
        messages.warning(request, f"{feed.url} is paused; resume it to poll it.")
    return redirect("claims:feeds")


@require_POST
@login_required
@permission_required("claims.delete_feed", raise_exception=True)
def feed_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop following a feed, once the editor has confirmed on the page this
    POST first answers with."""
    feed = get_object_or_404(Feed.objects.select_related("source"), pk=pk)
    if request.POST.get("confirm") != "1":
        return render(request, "claims/feed_delete.html", {"feed": feed})
    feed_services.feed_delete(feed=feed, user=request.user)
    messages.success(
        request,
        f"Stopped following {feed.url}; the articles it brought in stay.",
    )
    return redirect("claims:feeds")
