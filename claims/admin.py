from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse

from claims import models
from claims.services.tokens import api_token_create, api_token_revoke


class SourceDomainInline(admin.TabularInline):
    model = models.SourceDomain
    extra = 0


class FeedInline(admin.TabularInline):
    model = models.Feed
    extra = 0
    fields = (
        "url",
        "is_active",
        "interval_minutes",
        "last_success_at",
        "failures",
        "last_error",
    )
    readonly_fields = ("last_success_at", "failures", "last_error")


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "homepage", "created_at")
    list_filter = ("kind",)
    search_fields = ("name", "domains__domain", "homepage")
    inlines = [SourceDomainInline, FeedInline]


@admin.register(models.Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ("url", "source", "is_active", "last_polled_at", "failures")
    list_filter = ("is_active",)
    search_fields = ("url", "source__name")
    autocomplete_fields = ("source",)


class ArticleEventInline(admin.TabularInline):
    model = models.ArticleEvent
    extra = 0
    can_delete = False
    readonly_fields = ("status", "message", "at")


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "source",
        "status",
        "origin",
        "published_at",
        "created_at",
    )
    list_filter = ("status", "origin", "source")
    search_fields = ("title", "url", "byline")
    date_hierarchy = "created_at"
    autocomplete_fields = ("source",)
    # The snapshot and the pipeline's bookkeeping are not for hand edits;
    # title, byline and date corrections are.
    readonly_fields = (
        "raw_html",
        "text",
        "content_hash",
        "status",
        "status_changed_at",
        "error",
        "attempts",
        "extractor_version",
        "submitted_by",
        "created_at",
        "updated_at",
    )
    inlines = [ArticleEventInline]


class ActorAliasInline(admin.TabularInline):
    model = models.ActorAlias
    extra = 0
    fields = ("name",)


@admin.register(models.Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "wikidata_id", "merged_into", "created_at")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name", "wikidata_id")
    autocomplete_fields = ("merged_into",)
    inlines = [ActorAliasInline]


class AppearanceInline(admin.TabularInline):
    model = models.Appearance
    extra = 0
    fields = (
        "article",
        "start",
        "end",
        "cue_text",
        "source_text",
        "is_direct",
        "confidence",
        "found_by",
    )
    readonly_fields = fields
    can_delete = False


@admin.register(models.Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "claimant",
        "verdict",
        "attribution_status",
        "checkworthiness",
        "first_seen_at",
    )
    list_filter = ("verdict", "attribution_status")
    search_fields = ("text", "claimant__name")
    autocomplete_fields = ("claimant",)
    # Verdicts change through reviews only, so the history stays complete.
    readonly_fields = ("verdict", "attribution_status", "version", "fingerprint")
    inlines = [AppearanceInline]


@admin.register(models.Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("claim", "verdict", "attribution", "reviewer", "created_at")
    list_filter = ("verdict", "attribution")
    search_fields = ("claim__text", "rationale", "reviewer__username")
    raw_id_fields = ("claim",)

    def has_add_permission(self, request) -> bool:
        # A review is recorded through review_record (claim verdict, version,
        # webhooks), on the claim's review page or the API, not typed in here.
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # reviews are kept as written

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "author", "claim", "article", "created_at")
    search_fields = ("body", "author__username")
    raw_id_fields = ("claim", "article")


@admin.register(models.Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = (
        "claim",
        "article",
        "cue_text",
        "source_text",
        "is_direct",
        "confidence",
        "found_by",
    )
    list_filter = ("is_direct", "found_by")
    search_fields = ("claim__text", "source_text")
    raw_id_fields = ("claim", "article")


@admin.register(models.Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ("actor", "article")
    search_fields = ("actor__name",)
    raw_id_fields = ("actor", "article")


class ApiTokenAddForm(forms.ModelForm):
    class Meta:
        model = models.ApiToken
        fields = ("user", "name", "scope")


@admin.register(models.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created here with a random key, shown once on the next page."""

    list_display = (
        "name",
        "user",
        "prefix",
        "scope",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("scope", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "prefix", "user__username")
    raw_id_fields = ("user",)
    actions = ["revoke"]
    # The hash is never shown: it is of no use to anyone reading the page.
    exclude = ("key_hash",)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("user", "name", "scope")
        return ("user", "name", "scope", "prefix", "created_at", "last_used_at",
                "revoked_at")  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("user", "prefix", "created_at", "last_used_at", "revoked_at")

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        token, key = api_token_create(
            user=obj.user, name=obj.name, scope=obj.scope or models.ApiToken.Scope.READ
        )
        obj.pk, obj.prefix, obj.key_hash = token.pk, token.prefix, token.key_hash
        obj.created_at = token.created_at
        # On the request, not on this admin: one ModelAdmin serves every request.
        request.new_api_token_key = key

    def response_add(self, request, obj, post_url_continue=None):
        key = getattr(request, "new_api_token_key", None)
        if key is None:
            return super().response_add(request, obj, post_url_continue)
        return TemplateResponse(
            request,
            "admin/claims/apitoken/created.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "token": obj,
                "key": key,
                "title": "API token created",
            },
        )

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset) -> None:
        count = sum(api_token_revoke(token=token) for token in queryset)
        self.message_user(request, f"{count} token(s) revoked.")
