from django.contrib import admin

from claims import models


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
    )
    list_filter = ("is_direct",)
    search_fields = ("claim__text", "source_text")
    raw_id_fields = ("claim", "article")


@admin.register(models.Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ("actor", "article")
    search_fields = ("actor__name",)
    raw_id_fields = ("actor", "article")
