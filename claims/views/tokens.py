"""The user's API tokens: create one (its key shown once), list them, revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from claims.models import ApiToken
from claims.services.tokens import api_token_create, api_token_revoke

# The new key waits in the (server-side) session for the one page that shows it.
NEW_KEY = "api_token_new_key"


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="What the token is for, e.g. “newsroom CMS” or “my notebook”.",
    )
    scope = forms.ChoiceField(
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        help_text="Read is enough to pull data; write also submits articles "
        "(and, for editors, reviews and notes).",
    )


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            token, key = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
            )
            request.session[NEW_KEY] = {"id": token.pk, "key": key}
            return redirect("api-tokens")
    else:
        form = TokenForm()
    new = request.session.pop(NEW_KEY, None)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-id")
    return render(
        request,
        "claims/api_tokens.html",
        {"form": form, "tokens": tokens, "new": new},
    )


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if api_token_revoke(token=token):
        messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("api-tokens")
