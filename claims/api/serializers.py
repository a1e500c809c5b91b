"""The API's representations: what each resource looks like, field by field.

Serializers only translate: writes are validated here and then performed by
the services (``claims/services/``), never in ``create``/``update``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from claims.forms import MAX_EVIDENCE_LINKS
from claims.models import (
    ATTRIBUTION_FINDINGS,
    Actor,
    Annotation,
    Appearance,
    Article,
    AttributionStatus,
    Claim,
    ClaimMatch,
    Deletion,
    Quotation,
    Review,
    Source,
    Verdict,
)
from claims.services.annotations import MAX_BODY, selector_position

JUDGEMENTS = [Verdict.VERIFIED, Verdict.MISLEADING, Verdict.FALSE, Verdict.UNVERIFIABLE]


def api_url(name: str, pk: int, request, route: str = "detail") -> str:
    # Django's reverse: DRF's would carry ?format= over into every link.
    url = reverse(f"api:{name}-{route}", args=[pk])
    return request.build_absolute_uri(url) if request is not None else url


def web_url(obj, request) -> str:
    url = obj.get_absolute_url()
    return request.build_absolute_uri(url) if request is not None else url


class _Links(serializers.Serializer):
    """Base for representations with an API address and a browser page."""

    api_name = ""

    def get_url(self, obj) -> str:
        return api_url(self.api_name, obj.pk, self.context.get("request"))

    def get_web_url(self, obj) -> str:
        return web_url(obj, self.context.get("request"))


def _url_field(text: str) -> serializers.SerializerMethodField:
    return extend_schema_field(OpenApiTypes.URI)(
        serializers.SerializerMethodField(help_text=text)
    )


# --- Small shared pieces ---------------------------------------------------------


class SpanSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The words as they stand in the text.")
    start = serializers.IntegerField(
        help_text="Offset of the first character in the article's stored text."
    )
    end = serializers.IntegerField(help_text="Offset just past the last character.")


class OutletRefSerializer(_Links):
    api_name = "source"
    id = serializers.IntegerField(help_text="The outlet's id.")
    name = serializers.CharField(help_text="The outlet's name.")
    url = _url_field("The outlet in the API.")


class ActorRefSerializer(_Links):
    api_name = "actor"
    id = serializers.IntegerField(help_text="The actor's id.")
    name = serializers.CharField(help_text="The actor's canonical name.")
    kind = serializers.ChoiceField(
        choices=Actor.Kind.choices, help_text="Person, organisation, ..."
    )
    url = _url_field("The actor in the API.")


class EvidenceSerializer(serializers.Serializer):
    url = serializers.URLField(
        max_length=2000,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="An http(s) link to what the verdict rests on.",
    )
    title = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="What the link is (a report's title, say).",
    )


# --- Sources -----------------------------------------------------------------------


class SourceSerializer(_Links):
    api_name = "source"
    id = serializers.IntegerField(read_only=True, help_text="The outlet's id.")
    url = _url_field("This outlet in the API.")
    web_url = _url_field("This outlet's page in the browser.")
    name = serializers.CharField(help_text="The outlet's name.")
    kind = serializers.ChoiceField(
        choices=Source.Kind.choices, help_text="What kind of publisher it is."
    )
    homepage = serializers.URLField(help_text="Its home page, or empty.")
    domains = serializers.SerializerMethodField(
        help_text="The web domains it publishes on."
    )
    article_count = serializers.IntegerField(
        help_text="How many articles of this outlet the tracker holds."
    )
    created_at = serializers.DateTimeField(help_text="When the outlet was added.")
    updated_at = serializers.DateTimeField(help_text="When it last changed.")

    def get_domains(self, obj) -> list[str]:
        return [d.domain for d in obj.domains.all()]


# --- Actors ------------------------------------------------------------------------


class ActorSerializer(_Links):
    api_name = "actor"
    id = serializers.IntegerField(help_text="The actor's id.")
    url = _url_field("This actor in the API.")
    web_url = _url_field("This actor's page in the browser.")
    claims_url = _url_field("The claims attributed to this actor, in the API.")
    name = serializers.CharField(help_text="The canonical name.")
    kind = serializers.ChoiceField(
        choices=Actor.Kind.choices, help_text="Person, organisation, ..."
    )
    description = serializers.CharField(help_text="A short description, or empty.")
    wikidata_id = serializers.CharField(help_text="Wikidata item (Q…), or empty.")
    aliases = serializers.SerializerMethodField(
        help_text="Other names this actor is known by (“Mr Dowden”)."
    )
    claim_count = serializers.IntegerField(
        help_text="How many claims are attributed to this actor."
    )
    created_at = serializers.DateTimeField(help_text="When the actor was added.")
    updated_at = serializers.DateTimeField(help_text="When it last changed.")

    def get_aliases(self, obj) -> list[str]:
        return obj.alias_names

    def get_claims_url(self, obj) -> str:
        return api_url("actor", obj.pk, self.context.get("request"), "claims")


class MergedActorSerializer(serializers.Serializer):
    merged_into = serializers.IntegerField(
        help_text="The id of the actor this one was merged into."
    )
    url = serializers.URLField(help_text="That actor in the API (also in Location).")


# --- Reviews -------------------------------------------------------------------------


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The review's id.")
    url = _url_field("This review in the API.")
    claim = serializers.IntegerField(source="claim_id", help_text="The claim's id.")
    claim_url = _url_field("The claim in the API.")
    verdict = serializers.ChoiceField(
        choices=Verdict.choices,
        help_text="The claim's verdict after this review (unchanged when the "
        "review judged only the attribution).",
    )
    rationale = serializers.CharField(help_text="Why: what was checked, against what.")
    evidence = EvidenceSerializer(many=True, help_text="Links the verdict rests on.")
    attribution = serializers.ChoiceField(
        choices=[("", "not checked"), *AttributionStatus.choices],
        help_text="The attribution finding, or empty if not checked in this review.",
    )
    attribution_note = serializers.CharField(
        help_text="How the attribution was checked."
    )
    reviewer = serializers.CharField(
        source="reviewer.get_username", help_text="The editor's user name."
    )
    created_at = serializers.DateTimeField(help_text="When the review was recorded.")

    def get_url(self, obj) -> str:
        return api_url("review", obj.pk, self.context.get("request"))

    def get_claim_url(self, obj) -> str:
        return api_url("claim", obj.claim_id, self.context.get("request"))


class ReviewCreateSerializer(serializers.Serializer):
    claim = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(), help_text="The claim judged (id)."
    )
    version = serializers.IntegerField(
        min_value=1,
        help_text="The claim's version as you read it; 409 if it changed since.",
    )
    verdict = serializers.ChoiceField(
        choices=[(v.value, v.label) for v in JUDGEMENTS],
        required=False,
        allow_blank=True,
        default="",
        help_text="The verdict; empty to judge only the attribution.",
    )
    rationale = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Why this verdict (required with a verdict).",
    )
    evidence = EvidenceSerializer(
        many=True,
        required=False,
        default=list,
        max_length=MAX_EVIDENCE_LINKS,
        help_text=f"Up to {MAX_EVIDENCE_LINKS} links the verdict rests on.",
    )
    attribution = serializers.ChoiceField(
        choices=[(a.value, a.label) for a in ATTRIBUTION_FINDINGS],
        required=False,
        allow_blank=True,
        default="",
        help_text="Did this speaker really say it? Empty if not checked now.",
    )
    attribution_note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="How the attribution was checked (required with a finding).",
    )

    def validate(self, data: dict) -> dict:
        # The browser's ReviewForm rules.
        if not data["verdict"] and not data["attribution"]:
            raise serializers.ValidationError(
                "Give a verdict, an attribution finding, or both."
            )
        errors = {}
        if data["verdict"] and not data["rationale"].strip():
            errors["rationale"] = ["Say why: a verdict needs a rationale."]
        if data["attribution"] and not data["attribution_note"].strip():
            errors["attribution_note"] = ["Say how the attribution was checked."]
        if errors:
            raise serializers.ValidationError(errors)
        return data


# --- Annotations ------------------------------------------------------------------


class AnnotationSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The note's id.")
    url = _url_field("This note in the API.")
    author = serializers.CharField(
        source="author.get_username", help_text="Who wrote the note."
    )
    body = serializers.CharField(help_text="The note, plain text.")
    claim = serializers.IntegerField(
        source="claim_id", allow_null=True, help_text="The claim it is on, or null."
    )
    article = serializers.IntegerField(
        source="article_id",
        allow_null=True,
        help_text="The article whose text it marks, or null.",
    )
    selector = serializers.JSONField(
        help_text="W3C Web Annotation selectors on the article's stored text: "
        "[TextQuoteSelector, TextPositionSelector]; [] for a note on a claim."
    )
    hidden = serializers.SerializerMethodField(
        help_text="Hidden by an editor (only editors see hidden notes)."
    )
    created_at = serializers.DateTimeField(help_text="When the note was written.")
    updated_at = serializers.DateTimeField(help_text="When it last changed.")

    def get_url(self, obj) -> str:
        return api_url("annotation", obj.pk, self.context.get("request"))

    def get_hidden(self, obj) -> bool:
        return obj.hidden_by_id is not None


class AnnotationCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY, help_text="The note.")
    claim = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="A claim to note (id); or give article and quote.",
    )
    article = serializers.PrimaryKeyRelatedField(
        queryset=Article.objects.only("pk", "text", "url"),
        required=False,
        allow_null=True,
        default=None,
        help_text="An article whose words the note is about (id).",
    )
    quote = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="With article: the exact words, as in the article's stored text.",
    )
    start = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        help_text="With article: the offset of quote, needed when the words "
        "occur more than once.",
    )

    def validate(self, data: dict) -> dict:
        if (data["claim"] is None) == (data["article"] is None):
            raise serializers.ValidationError("Give either a claim or an article.")
        if data["article"] is not None and not data["quote"].strip():
            raise serializers.ValidationError(
                {"quote": ["Quote the words the note is about."]}
            )
        return data


class AnnotationUpdateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY, help_text="The new text.")


class AnnotationHideSerializer(serializers.Serializer):
    hidden = serializers.BooleanField(
        default=True, help_text="True to hide the note, false to show it again."
    )


def annotation_jsonld(note: Annotation, request) -> dict:
    """The note as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/)."""
    body = {
        "type": "TextualBody",
        "value": note.body,
        "format": "text/plain",
        "purpose": "commenting",
    }
    if note.article_id is not None:
        target: dict = {
            # The offsets count characters of the stored text the API serves.
            "source": api_url("article", note.article_id, request),
            "selector": note.selector or [],
        }
        if note.article.url:
            target["scope"] = note.article.url
    else:
        target = {"source": api_url("claim", note.claim_id, request)}
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": api_url("annotation", note.pk, request),
        "type": "Annotation",
        "motivation": "commenting",
        "creator": {"type": "Person", "nickname": note.author.get_username()},
        "created": note.created_at.isoformat(),
        "modified": note.updated_at.isoformat(),
        "body": body,
        "target": target,
    }


# The W3C representation, for the schema only (``annotation_jsonld`` writes it).


class W3CBodySerializer(serializers.Serializer):
    type = serializers.CharField(help_text="Always TextualBody.")
    value = serializers.CharField(help_text="The note, plain text.")
    format = serializers.CharField(help_text="Always text/plain.")
    purpose = serializers.CharField(help_text="Always commenting.")


class W3CTargetSerializer(serializers.Serializer):
    source = serializers.URLField(help_text="The claim or the article, in the API.")
    selector = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        help_text="On an article: the W3C selectors of the marked words.",
    )
    scope = serializers.URLField(
        required=False, help_text="On an article: its canonical web address."
    )


class W3CCreatorSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="Always Person.")
    nickname = serializers.CharField(help_text="Who wrote the note.")


def _w3c_context():
    return serializers.CharField(help_text="http://www.w3.org/ns/anno.jsonld")


class W3CAnnotationSerializer(serializers.Serializer):
    """A note as a W3C Web Annotation (JSON-LD)."""

    id = serializers.URLField(help_text="The note in the API.")
    type = serializers.CharField(help_text="Always Annotation.")
    motivation = serializers.CharField(help_text="Always commenting.")
    creator = W3CCreatorSerializer(help_text="Who wrote the note.")
    created = serializers.DateTimeField(help_text="When the note was written.")
    modified = serializers.DateTimeField(help_text="When it last changed.")
    body = W3CBodySerializer(help_text="The note.")
    target = W3CTargetSerializer(help_text="What the note is on.")

    def get_fields(self) -> dict:
        return {"@context": _w3c_context(), **super().get_fields()}


@extend_schema_serializer(many=False)  # a page itself, not a list to paginate
class W3CAnnotationPageSerializer(serializers.Serializer):
    """A page of notes as a W3C AnnotationPage (JSON-LD)."""

    id = serializers.URLField(help_text="This page.")
    type = serializers.CharField(help_text="Always AnnotationPage.")
    next = serializers.URLField(
        allow_null=True, help_text="The next page, or null on the last one."
    )
    prev = serializers.URLField(
        allow_null=True, help_text="The previous page, or null on the first one."
    )
    items = W3CAnnotationSerializer(many=True, help_text="The notes of this page.")

    def get_fields(self) -> dict:
        return {"@context": _w3c_context(), **super().get_fields()}


# --- Claims -----------------------------------------------------------------------


class AppearanceArticleSerializer(_Links):
    api_name = "article"
    id = serializers.IntegerField(help_text="The article's id.")
    url = _url_field("The article in the API.")
    page_url = serializers.URLField(
        source="url", allow_null=True, help_text="The article's canonical web address."
    )
    title = serializers.CharField(help_text="The article's title.")
    outlet = OutletRefSerializer(
        source="source", allow_null=True, help_text="The outlet, if known."
    )
    published_at = serializers.DateTimeField(
        allow_null=True, help_text="When the article was published, if known."
    )


class AppearanceSerializer(serializers.Serializer):
    article = AppearanceArticleSerializer(help_text="The article the claim is in.")
    content_spans = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="[[start, end], ...]: the claim's words in the article's stored "
        "text; several when the quote is split.",
    )
    start = serializers.IntegerField(help_text="Start of the first content span.")
    end = serializers.IntegerField(help_text="End of the last content span.")
    cue = serializers.SerializerMethodField(
        help_text="The reporting verb (“said”), or null."
    )
    source = serializers.SerializerMethodField(
        help_text="The speaker as written in the article (“Mr Dowden”), or null."
    )
    quote = serializers.SerializerMethodField(
        help_text="direct (all of it in quotation marks), partial (reported "
        "speech that quotes some words) or indirect (reported speech)."
    )
    confidence = serializers.FloatField(
        help_text="How sure the extractor is of this attribution (0 to 1): the "
        "share of attributions found the same way that annotators confirm."
    )
    found_by = serializers.CharField(
        help_text="How the attribution was found: the pattern, “+quoted” when "
        "some of its content is in quotation marks, and the kind of source "
        "(“clause/named”, “quote+quoted/pronoun”, “object/none”); "
        "“continuation” for a quotation carried on from an earlier paragraph; "
        "empty for a sentence picked for being check-worthy."
    )

    @extend_schema_field(SpanSerializer(allow_null=True))
    def get_cue(self, obj: Appearance) -> dict | None:
        if obj.cue_start is None:
            return None
        return {"text": obj.cue_text, "start": obj.cue_start, "end": obj.cue_end}

    @extend_schema_field(SpanSerializer(allow_null=True))
    def get_source(self, obj: Appearance) -> dict | None:
        if obj.source_start is None:
            return None
        return {
            "text": obj.source_text,
            "start": obj.source_start,
            "end": obj.source_end,
        }

    @extend_schema_field(
        serializers.ChoiceField(choices=[(value, value) for value in Quotation.values])
    )
    def get_quote(self, obj: Appearance) -> str:
        return obj.quotation


class ClaimCountsSerializer(serializers.Serializer):
    appearances = serializers.IntegerField(help_text="Appearances in articles.")
    articles = serializers.IntegerField(help_text="Distinct articles.")
    reviews = serializers.IntegerField(help_text="Reviews recorded.")


class ClaimSerializer(_Links):
    """A claim. ``reviews`` and ``annotations`` come with ``?expand=``."""

    EXPANDABLE = ("reviews", "annotations")
    api_name = "claim"

    id = serializers.IntegerField(help_text="The claim's id.")
    url = _url_field("This claim in the API.")
    web_url = _url_field("This claim's page in the browser.")
    text = serializers.CharField(help_text="What was claimed.")
    speaker = ActorRefSerializer(
        source="claimant", allow_null=True, help_text="Who made it, if known."
    )
    checkworthiness = serializers.FloatField(
        help_text="How worth checking it is, 0 to 1."
    )
    verdict = serializers.ChoiceField(
        choices=Verdict.choices, help_text="The verdict of its latest review."
    )
    attribution_status = serializers.ChoiceField(
        choices=AttributionStatus.choices,
        help_text="Whether the speaker really said it, as checked by editors.",
    )
    version = serializers.IntegerField(
        help_text="Bumped on every change by editors; send it with a review."
    )
    first_seen_at = serializers.DateTimeField(
        help_text="When it first appeared (the earliest article's date)."
    )
    updated_at = serializers.DateTimeField(help_text="When it last changed.")
    appearances = AppearanceSerializer(
        many=True, help_text="Where it appears, oldest article first."
    )
    latest_review = serializers.SerializerMethodField(
        help_text="The latest review, or null."
    )
    counts = serializers.SerializerMethodField(help_text="How often, how many.")
    reviews = serializers.SerializerMethodField(
        required=False, help_text="Every review, newest first (?expand=reviews)."
    )
    annotations = serializers.SerializerMethodField(
        required=False, help_text="Notes on the claim (?expand=annotations)."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        expand = self.context.get("expand")
        if expand is not None:
            for name in self.EXPANDABLE:
                if name not in expand:
                    self.fields.pop(name)

    def _reviews(self, obj) -> list[Review]:
        return list(obj.reviews.all())  # prefetched, newest first

    @extend_schema_field(ReviewSerializer(allow_null=True))
    def get_latest_review(self, obj) -> dict | None:
        reviews = self._reviews(obj)
        if not reviews:
            return None
        return ReviewSerializer(reviews[0], context=self.context).data

    @extend_schema_field(ClaimCountsSerializer)
    def get_counts(self, obj) -> dict:
        appearances = list(obj.appearances.all())
        return {
            "appearances": len(appearances),
            "articles": len({a.article_id for a in appearances}),
            "reviews": len(self._reviews(obj)),
        }

    @extend_schema_field(ReviewSerializer(many=True))
    def get_reviews(self, obj) -> list[dict]:
        return ReviewSerializer(
            self._reviews(obj), many=True, context=self.context
        ).data

    @extend_schema_field(AnnotationSerializer(many=True))
    def get_annotations(self, obj) -> list[dict]:
        return AnnotationSerializer(
            obj.annotations.all(), many=True, context=self.context
        ).data


# --- Claim matching -----------------------------------------------------------------


MATCH_METHODS = [(m.value, m.label) for m in ClaimMatch.Method]


class ClaimRefSerializer(_Links):
    api_name = "claim"
    id = serializers.IntegerField(help_text="The claim's id.")
    url = _url_field("The claim in the API.")
    web_url = _url_field("The claim's page in the browser.")
    text = serializers.CharField(help_text="What was claimed.")
    speaker = ActorRefSerializer(
        source="claimant", allow_null=True, help_text="Who made it, if known."
    )
    verdict = serializers.ChoiceField(
        choices=Verdict.choices, help_text="The claim's current verdict."
    )


class MatchSerializer(serializers.Serializer):
    """A pair of claims that may be one claim, and what editors made of it."""

    id = serializers.IntegerField(help_text="The pair's id.")
    url = _url_field("This pair in the API.")
    status = serializers.ChoiceField(
        choices=ClaimMatch.Status.choices,
        help_text="proposed (waiting for an editor), accepted (merged: one "
        "claim) or rejected (different claims; never proposed again).",
    )
    method = serializers.ChoiceField(
        choices=MATCH_METHODS,
        help_text="How the pair was found: exact (same words), lexical (nearly "
        "the same words, by trigram similarity), semantic (same meaning, by "
        "sentence embeddings), or editor (an editor's split or merge).",
    )
    score = serializers.FloatField(
        help_text="The similarity that found it, 0 to 1 (0 for an editor's pair)."
    )
    claim = ClaimRefSerializer(
        allow_null=True,
        help_text="The newer claim; null once it was merged into the stored one.",
    )
    claim_text = serializers.CharField(
        help_text="The newer claim's words, kept after a merge."
    )
    target = ClaimRefSerializer(
        help_text="The stored claim it resembles (after an accept: the merged "
        "claim, with the verdict that now applies)."
    )
    created_at = serializers.DateTimeField(help_text="When the pair was found.")
    decided_by = serializers.SerializerMethodField(
        help_text="The user name of the editor who decided, or null."
    )
    decided_at = serializers.DateTimeField(
        allow_null=True, help_text="When it was decided, or null."
    )

    def get_url(self, obj) -> str:
        return api_url("match", obj.pk, self.context.get("request"))

    def get_decided_by(self, obj) -> str | None:
        return obj.decided_by.get_username() if obj.decided_by else None


class TimelineEntrySerializer(serializers.Serializer):
    appearance = serializers.IntegerField(
        source="appearance.pk",
        help_text="The appearance's id (what POST .../split takes).",
    )
    date = serializers.SerializerMethodField(
        help_text="When the article was published, else when it was stored."
    )
    outlet = OutletRefSerializer(
        source="appearance.article.source",
        allow_null=True,
        help_text="The outlet, if known.",
    )
    article = AppearanceArticleSerializer(
        source="appearance.article", help_text="The article it appears in."
    )
    speaker = ActorRefSerializer(
        source="appearance.speaker",
        allow_null=True,
        help_text="Who said it in this article, if known.",
    )
    same_speaker = serializers.BooleanField(
        help_text="true: said by the claim's speaker; false: someone repeating it."
    )
    words = serializers.CharField(help_text="The claim's words in this article.")
    match_method = serializers.SerializerMethodField(
        help_text="How this appearance joined the claim: exact, lexical or "
        "semantic (found by matching), editor (an editor merged its claim into "
        "this one), or null: the claim's own words."
    )
    match_score = serializers.FloatField(
        source="appearance.match_score",
        allow_null=True,
        help_text="The similarity that linked it, 0 to 1, or null.",
    )
    first = serializers.BooleanField(help_text="The earliest appearance.")

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_date(self, obj) -> str:
        article = obj.appearance.article
        field = serializers.DateTimeField()
        return field.to_representation(article.published_at or article.created_at)

    @extend_schema_field(
        serializers.ChoiceField(choices=MATCH_METHODS, allow_null=True)
    )
    def get_match_method(self, obj) -> str | None:
        return obj.appearance.match_method or None


class ProposedMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The pair's id (accept or reject it).")
    url = _url_field("The pair in the API.")
    side = serializers.ChoiceField(
        choices=[("newer", "newer"), ("stored", "stored")],
        help_text="newer: this claim is the one found like a stored claim; "
        "stored: a newer claim was found like this one.",
    )
    other = ClaimRefSerializer(
        help_text="The other claim, with its verdict (which would apply to both)."
    )
    method = serializers.ChoiceField(
        choices=MATCH_METHODS, help_text="How the pair was found."
    )
    score = serializers.FloatField(help_text="The similarity that found it, 0 to 1.")
    created_at = serializers.DateTimeField(help_text="When the pair was found.")

    def get_url(self, obj) -> str:
        return api_url("match", obj.pk, self.context.get("request"))


class ClaimDetailSerializer(ClaimSerializer):
    """One claim, with its timeline and the pairs waiting in the match queue."""

    timeline = serializers.SerializerMethodField(
        help_text="Every appearance by date, oldest first (the first 200, "
        "TIMELINE_LIMIT): outlet, speaker, words."
    )
    proposed_matches = serializers.SerializerMethodField(
        help_text="Claims that may be this one, waiting for an editor's decision."
    )

    @extend_schema_field(TimelineEntrySerializer(many=True))
    def get_timeline(self, obj) -> list[dict]:
        from claims.services.matching import timeline

        return TimelineEntrySerializer(
            timeline(obj, limit=settings.TIMELINE_LIMIT),
            many=True,
            context=self.context,
        ).data

    @extend_schema_field(ProposedMatchSerializer(many=True))
    def get_proposed_matches(self, obj) -> list[dict]:
        from claims.services.matching import proposed_for

        rows = []
        for match in proposed_for(obj).select_related(
            "claim__claimant", "target__claimant"
        ):
            newer = match.claim_id == obj.pk
            other = match.target if newer else match.claim
            if other is None:  # the newer claim is gone
                continue
            match.side = "newer" if newer else "stored"
            match.other = other
            rows.append(match)
        return ProposedMatchSerializer(rows, many=True, context=self.context).data


class ClaimSplitSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        help_text="The claim's version as you read it; 409 if it changed since.",
    )
    appearances = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        max_length=10_000,
        help_text="The ids of the appearances to move into a claim of their own "
        "(see the claim's timeline).",
    )


class ClaimMergeSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        help_text="This claim's version as you read it; 409 if it changed since.",
    )
    into = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(),
        help_text="The id of the claim to merge this one into (it stays).",
    )


# --- Articles ---------------------------------------------------------------------


class ArticleSerializer(_Links):
    api_name = "article"
    id = serializers.IntegerField(help_text="The article's id.")
    url = _url_field("This article in the API (poll it to follow its status).")
    web_url = _url_field("This article's page in the browser.")
    page_url = serializers.URLField(
        source="url",
        allow_null=True,
        help_text="The canonical web address; null for pasted text without one.",
    )
    submitted_url = serializers.CharField(help_text="The address as submitted.")
    origin = serializers.ChoiceField(
        choices=Article.Origin.choices, help_text="How it was submitted."
    )
    title = serializers.CharField(help_text="The title (from the page, or given).")
    byline = serializers.CharField(help_text="The author(s), as printed.")
    published_at = serializers.DateTimeField(
        allow_null=True, help_text="When it was published, if known."
    )
    language = serializers.CharField(help_text="Language code, if detected.")
    outlet = OutletRefSerializer(
        source="source", allow_null=True, help_text="The outlet, if known."
    )
    status = serializers.ChoiceField(
        choices=Article.Status.choices,
        help_text="queued → fetching → extracting → analysing → done, or failed.",
    )
    error = serializers.CharField(
        help_text="Why it failed, or why it waits (a retry); empty otherwise."
    )
    status_changed_at = serializers.DateTimeField(help_text="When status last changed.")
    extractor_version = serializers.CharField(
        help_text="The extractor and analyser versions that produced the claims."
    )
    analysis_outdated = serializers.BooleanField(
        help_text="True when an earlier analyser version found its claims: "
        "reprocess it for what the analyser finds now (list filter: outdated)."
    )
    submitted_by = serializers.SerializerMethodField(
        help_text="The user name of who submitted it, or null."
    )
    claim_count = serializers.IntegerField(
        help_text="How many claim appearances were found in it."
    )
    created_at = serializers.DateTimeField(help_text="When it was submitted.")
    updated_at = serializers.DateTimeField(help_text="When it last changed.")

    def get_submitted_by(self, obj) -> str | None:
        return obj.submitted_by.get_username() if obj.submitted_by else None


class ArticleEventSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Article.Status.choices, help_text="The status entered."
    )
    message = serializers.CharField(help_text="What happened, if anything to say.")
    at = serializers.DateTimeField(help_text="When.")


class ArticleClaimSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="claim_id", help_text="The claim's id.")
    claim_url = serializers.SerializerMethodField(help_text="The claim in the API.")
    text = serializers.CharField(source="claim.text", help_text="The claim's text.")
    speaker = ActorRefSerializer(
        source="claim.claimant", allow_null=True, help_text="Who made it, if known."
    )
    content_spans = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="[[start, end], ...] in this article's text.",
    )
    quote = serializers.SerializerMethodField(
        help_text="direct, partial (partly quoted) or indirect."
    )

    def get_claim_url(self, obj) -> str:
        return api_url("claim", obj.claim_id, self.context.get("request"))

    def get_quote(self, obj) -> str:
        return obj.quotation


class ArticleDetailSerializer(ArticleSerializer):
    text = serializers.CharField(
        help_text="The extracted text; every offset in the API counts its characters."
    )
    events = ArticleEventSerializer(
        many=True, help_text="The status history, oldest first."
    )
    claims = ArticleClaimSerializer(
        source="appearances",
        many=True,
        help_text="The claims found in it, in text order.",
    )


class ArticleCreateSerializer(serializers.Serializer):
    """One of: {url}; {text, title?, url?, published_at?}; {html, url?}."""

    url = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="The page to fetch; with text or html, the page they came from.",
    )
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text="Pasted article text (instead of fetching).",
    )
    title = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=500,
        help_text="With text: the title.",
    )
    published_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="With text: when it was published.",
    )
    html = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text="A saved web page's HTML (instead of fetching).",
    )

    def validate(self, data: dict) -> dict:
        text, html, url = data["text"].strip(), data["html"].strip(), data["url"]
        if text and html:
            raise serializers.ValidationError("Send text or html, not both.")
        if not (text or html or url.strip()):
            raise serializers.ValidationError(
                "Send a url, a text or an html page to submit."
            )
        if not text and (data["title"] or data["published_at"]):
            raise serializers.ValidationError(
                "title and published_at go with text only; a page carries its own."
            )
        data["kind"] = "text" if text else "html" if html else "url"
        return data


# --- Deletions ---------------------------------------------------------------------


class DeletionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deletion
        fields = ["id", "model", "object_id", "replaced_by", "deleted_at"]
        extra_kwargs = {
            "id": {"help_text": "The id of this deletion record."},
            "model": {"help_text": "What was deleted: claim, actor or annotation."},
            "object_id": {"help_text": "The id of the row that is gone."},
            "replaced_by": {
                "help_text": "The survivor's id when the row was merged into "
                "another, else null."
            },
            "deleted_at": {"help_text": "When it went."},
        }


# --- Errors -------------------------------------------------------------------------


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="Stable, machine-readable: invalid, not_authenticated, "
        "authentication_failed, permission_denied, insufficient_scope, not_found, "
        "method_not_allowed, not_acceptable, conflict, payload_too_large, "
        "unsupported_media_type, throttled, server_error."
    )
    message = serializers.CharField(help_text="What went wrong, for people.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="For invalid input: field name → messages (nested as a.0.b).",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer(help_text="The error.")


__all__ = [
    "ActorSerializer",
    "AnnotationSerializer",
    "ArticleDetailSerializer",
    "ArticleSerializer",
    "ClaimDetailSerializer",
    "ClaimSerializer",
    "DeletionSerializer",
    "MatchSerializer",
    "ReviewSerializer",
    "SourceSerializer",
    "selector_position",
]
