"""What the editors' panels on the claim, actor and article pages need.

The pages' views belong to the reading pages; these tags give the panels their
blank forms and history, so a panel is one ``{% include %}`` wherever it goes.
"""

from __future__ import annotations

from django import template
from django.db.models import Q

from claims.forms import ActorMergeForm, ArticleEditForm, ClaimCorrectForm, ReviewForm
from claims.models import Actor, Article, Claim
from claims.services.corrections import CORRECTED_BY

register = template.Library()


def speaker_label(actor: Actor | None) -> str:
    """How the correction form names a speaker: by name, or #id if ambiguous."""
    if actor is None:
        return ""
    if Actor.objects.named(actor.name).exclude(pk=actor.pk).exists():
        return f"#{actor.pk}"
    return actor.name


@register.simple_tag
def claim_tools(claim: Claim, user) -> dict:
    """Review and correction forms (for those allowed), and the edit history."""
    tools: dict = {
        "edits": list(
            claim.edits.select_related("editor", "old_claimant", "new_claimant")
        ),
        "latest": claim.reviews.select_related("reviewer").first(),
    }
    if user.has_perm("claims.add_review"):
        tools["review"] = ReviewForm(initial={"version": claim.version})
    if user.has_perm("claims.change_claim"):
        tools["correct"] = ClaimCorrectForm(
            initial={
                "version": claim.version,
                "text": claim.text,
                "speaker": speaker_label(claim.claimant),
            }
        )
        tools["speakers"] = list(
            Actor.objects.live()
            .filter(mentions__article__appearances__claim=claim)
            .distinct()
            .order_by("name")[:50]
        )
    return tools


@register.simple_tag
def actor_tools(actor: Actor, user) -> dict:
    """The merge form and likely duplicates: actors sharing a word of the name."""
    if not user.has_perm("claims.change_actor") or actor.merged_into_id:
        return {}
    words = [w for w in actor.key.split() if len(w) > 3]
    similar = Q(pk__in=[])
    for word in words:
        similar |= Q(key__contains=word) | Q(aliases__key__contains=word)
    suggestions = (
        Actor.objects.live()
        .exclude(pk=actor.pk)
        .filter(similar)
        .distinct()
        .order_by("name")[:10]
    )
    return {"merge": ActorMergeForm(survivor=actor), "suggestions": suggestions}


@register.simple_tag
def article_tools(article: Article, user) -> dict:
    """The correction form (for those allowed) and the corrections made so far."""
    tools: dict = {
        "corrections": list(
            article.events.filter(message__startswith=CORRECTED_BY).order_by(
                "-at", "-id"
            )
        )
    }
    if user.has_perm("claims.change_article"):
        tools["edit"] = ArticleEditForm(
            initial={
                "title": article.title,
                "byline": article.byline,
                "published_at": article.published_at,
                "source": article.source_id,
            }
        )
    return tools
