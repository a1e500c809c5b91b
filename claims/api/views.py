"""The API's endpoints: thin viewsets that read through querysets and write
through the services. Mounted at /api/v1/ (``claims/api/urls.py``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from claims import services
from claims.api import claim_page, claim_rows, filters
from claims.api import serializers as s
from claims.api.errors import Conflict
from claims.api.renderers import FastJSONRenderer, JSONLDRenderer, with_etag
from claims.api.schema import ERRORS, ApiAutoSchema
from claims.ingest.fetch import FetchError
from claims.models import (
    Actor,
    Annotation,
    Appearance,
    Article,
    Claim,
    Deletion,
    Review,
    Source,
    related_count,
)
from claims.services import annotations as notes
from claims.services.matching import claim_merge, claim_split
from claims.services.reviews import review_record

HEAVY_ARTICLE_FIELDS = ("article__text", "article__raw_html")
MAX_MERGE_HOPS = 20


def errors(*codes: int) -> dict:
    """Documented error responses. ``ApiAutoSchema`` adds the usual ones (401,
    429, and 400 / 403 / 404 / 413 / 415 where they apply) to every operation
    anyway; list them here to say so explicitly, or for the others (409)."""
    return {code: ERRORS[code] for code in codes}


class ApiViewSet(viewsets.GenericViewSet):
    """Adds ETag / If-None-Match to every successful read."""

    schema = ApiAutoSchema()
    filter_backends = [DjangoFilterBackend, filters.UpdatedSinceFilter]
    # Ids are integers: anything else is a 404 at the router, not a crash later.
    lookup_value_converter = "int"
    # method -> permission the user's role must hold (see permissions.ApiAccess)
    write_permissions: dict[str, str] = {}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and isinstance(response, Response)
        ):
            response.render()
            response = with_etag(request, response, response.accepted_media_type)
        return response

    def expand(self) -> set[str]:
        raw = self.request.query_params.get("expand", "")
        names = {n.strip() for n in raw.split(",") if n.strip()}
        unknown = names - set(s.ClaimSerializer.EXPANDABLE)
        if unknown:
            raise serializers.ValidationError(
                {"expand": [f"Only {', '.join(s.ClaimSerializer.EXPANDABLE)}."]}
            )
        return names

    def created(self, data: dict, location: str, code: int) -> Response:
        return Response(data, status=code, headers={"Location": location})


# The browser filters that work through a method: their types, spelled out.
CLAIM_FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description=filters.HELP["q"]),
    OpenApiParameter("outlet", OpenApiTypes.INT, description=filters.HELP["outlet"]),
    OpenApiParameter(
        "date_from", OpenApiTypes.DATE, description=filters.HELP["date_from"]
    ),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description=filters.HELP["date_to"]),
]
FORMAT = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "jsonld"],
    description="jsonld: the W3C Web Annotation representation (like "
    "`Accept: application/ld+json`).",
)

EXPAND = OpenApiParameter(
    "expand",
    OpenApiTypes.STR,
    description="Comma-separated: reviews, annotations. Adds those lists to each "
    "claim.",
)


# --- Claims -------------------------------------------------------------------------


def claims_for_api(queryset, *, user, expand: set[str]):
    """Claims with everything their representation shows, in a fixed number of
    queries: the claims, their appearances (with articles and outlets), their
    reviews, and with ``expand`` their notes."""
    queryset = (
        queryset.select_related("claimant")
        .defer("search_text", "search_vector")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("article", "article__source")
                .defer(*HEAVY_ARTICLE_FIELDS)
                .order_by(
                    "article__published_at", "article__created_at", "start", "id"
                ),
            ),
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer").order_by(
                    "-created_at", "-id"
                ),
            ),
        )
    )
    if "annotations" in expand:
        queryset = queryset.prefetch_related(
            Prefetch(
                "annotations",
                queryset=Annotation.objects.visible_to(user).select_related("author"),
            )
        )
    return queryset


def claim_list(view: ApiViewSet, queryset) -> Response:
    """A filtered page of claims: the paginator cuts light rows, and
    ``claim_rows`` renders them as ``ClaimSerializer`` would, in three queries
    (four with notes) whatever the page size."""
    expand = view.expand()
    page = view.paginate_queryset(claim_rows.page_rows(view.filter_queryset(queryset)))
    data = claim_rows.represent(page, request=view.request, expand=expand)
    return view.get_paginated_response(data)


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="The browser's claim filters, cursor-paginated.",
        parameters=[EXPAND, *CLAIM_FILTERS],
        responses={200: s.ClaimSerializer(many=True), **errors(400, 401, 429)},
    ),
    retrieve=extend_schema(
        summary="One claim, with its timeline",
        description="Besides the list's fields: `timeline`, every appearance by "
        "date with its outlet, speaker and words, and `proposed_matches`, claims "
        "that may be this one (with their verdicts) waiting for an editor.",
        parameters=[EXPAND],
        responses={200: s.ClaimDetailSerializer, **errors(401, 404, 429)},
    ),
)
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = s.ClaimSerializer
    filterset_class = filters.ApiClaimFilterSet
    queryset = Claim.objects.all()

    # Splitting and merging claims are corrections: the editors' permission.
    def required_permission(self, request) -> str | None:
        if self.action in ("split", "merge"):
            return "claims.change_claim"
        return None

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        if actions and actions.get("get") == "list":
            # The list's common requests skip DRF's request cycle (claim_page).
            return claim_page.fast_list(view)
        return view

    def get_queryset(self):
        return claims_for_api(
            Claim.objects.all(), user=self.request.user, expand=self.expand()
        )

    def get_serializer_class(self):
        # The list stays light (claim_rows): the timeline is the detail's.
        if self.action in ("retrieve", "split", "merge"):
            return s.ClaimDetailSerializer
        return s.ClaimSerializer

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "expand": self.expand()}

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset  # the list's filters do not hide a claim asked by id
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
        return claim_list(self, Claim.objects.all())

    def _detail(self, claim: Claim, code: int = 200) -> Response:
        claim = self.get_queryset().get(pk=claim.pk)
        data = s.ClaimDetailSerializer(claim, context=self.get_serializer_context())
        return self.created(data.data, data.data["url"], code)

    @extend_schema(
        summary="Split appearances off a claim (editors)",
        description="The appearances given (ids from the claim's `timeline`) "
        "become a claim of their own, with the words and speaker of the earliest "
        "one; reviews stay with this claim, and the two are remembered as "
        "different so matching never joins them again. **201** with the new "
        "claim and `Location`. Send the claim's `version` as you read it: if "
        "it changed since, nothing is done and the answer is **409**.",
        request=s.ClaimSplitSerializer,
        parameters=[EXPAND],
        responses={
            201: s.ClaimDetailSerializer,
            **errors(400, 401, 403, 404, 409, 413, 415, 429),
        },
    )
    @action(detail=True, methods=["post"])
    def split(self, request, pk=None):
        claim = get_object_or_404(Claim, pk=pk)
        serializer = s.ClaimSplitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            twin = claim_split(
                claim, data["appearances"], request.user, version=data["version"]
            )
        except ValueError as exc:
            raise serializers.ValidationError({"appearances": [str(exc)]}) from exc
        return self._detail(twin, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Merge a claim into another (editors)",
        description="This claim's appearances, reviews and notes move to the "
        "claim `into`, and this claim goes (listed in /deletions/ with "
        "replaced_by). Answers the surviving claim, with `Location`. Send this "
        "claim's `version` as you read it: if it changed since, nothing is done "
        "and the answer is **409**.",
        request=s.ClaimMergeSerializer,
        parameters=[EXPAND],
        responses={
            200: s.ClaimDetailSerializer,
            **errors(400, 401, 403, 404, 409, 413, 415, 429),
        },
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        claim = get_object_or_404(Claim, pk=pk)
        serializer = s.ClaimMergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            survivor = claim_merge(
                claim=claim,
                into=data["into"],
                editor=request.user,
                version=data["version"],
            )
        except ValueError as exc:
            raise serializers.ValidationError({"into": [str(exc)]}) from exc
        return self._detail(survivor)


# --- Articles -----------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        responses={200: s.ArticleSerializer(many=True), **errors(400, 401, 429)},
    ),
    retrieve=extend_schema(
        summary="One article, with its text, history and claims",
        responses={200: s.ArticleDetailSerializer, **errors(401, 404, 429)},
    ),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    filterset_class = filters.ArticleFilterSet
    queryset = Article.objects.all()
    write_permissions = {"POST": "claims.add_article"}

    def get_queryset(self):
        articles = Article.objects.select_related("source", "submitted_by").annotate(
            claim_count=related_count(Appearance.objects, "article")
        )
        if self.action == "retrieve":
            return articles.defer("raw_html").prefetch_related(
                "events",
                Prefetch(
                    "appearances",
                    queryset=Appearance.objects.select_related(
                        "claim", "claim__claimant"
                    )
                    .defer("claim__search_text", "claim__search_vector")
                    .order_by("start", "id"),
                ),
            )
        return articles.defer("raw_html", "text")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.ArticleDetailSerializer
        if self.action == "create":
            return s.ArticleCreateSerializer
        return s.ArticleSerializer

    def _answer(self, article: Article, code: int) -> Response:
        article = self.get_queryset().get(pk=article.pk)
        data = s.ArticleSerializer(article, context=self.get_serializer_context()).data
        return self.created(data, data["url"], code)

    @extend_schema(
        summary="Submit an article",
        description="Send one of {url}, {text, title?, url?, published_at?} or "
        "{html, url?}. A new article answers **202 Accepted**: it is queued, and "
        "the `Location` header is the address to poll until `status` is `done` "
        "or `failed`. An article already known (same URL, or the same text "
        "without a URL) answers **200 OK** with that article and the same "
        "`Location`; nothing is queued (use reprocess to run it again).",
        request=s.ArticleCreateSerializer,
        responses={
            202: OpenApiResponse(s.ArticleSerializer, description="Queued."),
            200: OpenApiResponse(s.ArticleSerializer, description="Already known."),
            **errors(400, 401, 403, 413, 415, 429),
        },
    )
    def create(self, request):
        serializer = s.ArticleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            if data["kind"] == "text":
                article, created = services.article_submit_text(
                    text=data["text"],
                    title=data["title"],
                    url=data["url"],
                    published_at=data["published_at"],
                    user=request.user,
                )
            elif data["kind"] == "html":
                article, created = services.article_submit_html(
                    html=data["html"], url=data["url"], user=request.user
                )
            else:
                article, created = services.article_submit_url(
                    url=data["url"], user=request.user
                )
        except FetchError as exc:
            raise serializers.ValidationError({"url": [str(exc)]}) from exc
        except ValueError as exc:
            raise serializers.ValidationError({data["kind"]: [str(exc)]}) from exc
        return self._answer(article, 202 if created else 200)

    @extend_schema(
        summary="Process an article again",
        description="Runs a done or failed article through the pipeline again "
        "(the stored snapshot is reused). 202 with `Location` to poll; 409 while "
        "it is still being processed.",
        request=None,
        responses={
            202: OpenApiResponse(s.ArticleSerializer, description="Queued again."),
            **errors(401, 403, 404, 409, 429),
        },
    )
    @action(detail=True, methods=["post"])
    def reprocess(self, request, pk=None):
        article = get_object_or_404(Article, pk=pk)
        if not services.article_reprocess(article=article):
            raise Conflict(
                "The article is still being processed; try again when it is done."
            )
        return self._answer(article, 202)


# --- Actors -------------------------------------------------------------------------


def survivor_of(actor: Actor) -> Actor:
    hops = 0
    while actor.merged_into_id and hops < MAX_MERGE_HOPS:
        actor = actor.merged_into
        hops += 1
    return actor


MERGED = OpenApiResponse(
    s.MergedActorSerializer,
    description="Merged into another actor: `Location` and the body point at it.",
)


@extend_schema_view(
    list=extend_schema(
        summary="List actors",
        description="Live actors (merged ones are listed in /deletions/ with "
        "replaced_by).",
        responses={200: s.ActorSerializer(many=True), **errors(400, 401, 429)},
    ),
    retrieve=extend_schema(
        summary="One actor",
        description="An actor merged into another answers **301 Moved "
        "Permanently**: `Location` is the surviving actor, and the body "
        '`{"merged_into": id, "url": ...}` says the same.',
        responses={200: s.ActorSerializer, 301: MERGED, **errors(401, 404, 429)},
    ),
)
class ActorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = s.ActorSerializer
    filterset_class = filters.ActorFilterSet
    queryset = Actor.objects.all()

    def get_queryset(self):
        actors = Actor.objects.prefetch_related("aliases").with_claim_counts()
        if self.action == "list":
            actors = actors.live().order_by("name", "id")
        return actors

    def filter_queryset(self, queryset):
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)

    def _merged(self, actor: Actor, name: str) -> Response:
        survivor = survivor_of(actor)
        url = self.reverse_action(name, args=[survivor.pk])
        return Response(
            {"merged_into": survivor.pk, "url": url},
            status=status.HTTP_301_MOVED_PERMANENTLY,
            headers={"Location": url},
        )

    def retrieve(self, request, pk=None):
        actor = get_object_or_404(self.get_queryset(), pk=pk)
        if actor.merged_into_id:
            return self._merged(actor, "detail")
        return Response(self.get_serializer(actor).data)

    @extend_schema(
        summary="The claims of an actor",
        description="The claim list, narrowed to this actor's claims (all claim "
        "filters apply). A merged actor answers 301 to the survivor's claims.",
        parameters=[EXPAND, *CLAIM_FILTERS],
        responses={
            200: s.ClaimSerializer(many=True),
            301: MERGED,
            **errors(400, 401, 404, 429),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        serializer_class=s.ClaimSerializer,
        filterset_class=filters.ApiClaimFilterSet,
        queryset=Claim.objects.all(),
    )
    def claims(self, request, pk=None):
        actor = get_object_or_404(Actor, pk=pk)
        if actor.merged_into_id:
            return self._merged(actor, "claims")
        return claim_list(self, Claim.objects.filter(claimant=actor))


# --- Sources ------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List outlets",
        responses={200: s.SourceSerializer(many=True), **errors(400, 401, 429)},
    ),
    retrieve=extend_schema(
        summary="One outlet",
        responses={200: s.SourceSerializer, **errors(401, 404, 429)},
    ),
)
class SourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = s.SourceSerializer
    filterset_class = filters.SourceFilterSet
    queryset = Source.objects.all()

    def get_queryset(self):
        return (
            Source.objects.prefetch_related("domains")
            .annotate(article_count=related_count(Article.objects, "source"))
            .order_by("name", "id")
        )


# --- Reviews ------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List reviews",
        description="Reviews are never edited, so updated_since filters on created_at.",
        responses={200: s.ReviewSerializer(many=True), **errors(400, 401, 429)},
    ),
    retrieve=extend_schema(
        summary="One review",
        responses={200: s.ReviewSerializer, **errors(401, 404, 429)},
    ),
)
class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = s.ReviewSerializer
    filterset_class = filters.ReviewFilterSet
    queryset = Review.objects.all()
    updated_field = "created_at"
    write_permissions = {"POST": "claims.add_review"}

    def get_queryset(self):
        return Review.objects.select_related("reviewer").order_by("-created_at", "-id")

    @extend_schema(
        summary="Review a claim (editors)",
        description="A verdict (with a rationale and evidence links), an "
        "attribution finding (with a note), or both. Send the claim's `version` "
        "as you read it: if another editor changed the claim since, nothing is "
        "written and the answer is **409** with the claim's current version in "
        "`error.current`.",
        request=s.ReviewCreateSerializer,
        responses={
            201: s.ReviewSerializer,
            **errors(400, 401, 403, 409, 413, 415, 429),
        },
    )
    def create(self, request):
        serializer = s.ReviewCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            review = review_record(
                claim=data["claim"],
                reviewer=request.user,
                version=data["version"],
                verdict=data["verdict"],
                rationale=data["rationale"],
                evidence=[dict(e) for e in data["evidence"]],
                attribution=data["attribution"],
                attribution_note=data["attribution_note"],
            )
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc
        out = s.ReviewSerializer(review, context=self.get_serializer_context()).data
        return self.created(out, out["url"], status.HTTP_201_CREATED)


# --- Annotations --------------------------------------------------------------------


def note_responses(
    code: int,
    *error_codes: int,
    json=s.AnnotationSerializer,
    jsonld=s.W3CAnnotationSerializer,
) -> dict:
    """Notes as JSON, or as W3C Web Annotations (JSON-LD), and the errors."""
    return {
        (code, "application/json"): json,
        (code, "application/ld+json"): jsonld,
        **errors(*error_codes),
    }


JSONLD_NOTE = (
    " With `Accept: application/ld+json` or `?format=jsonld` the notes come as "
    "W3C Web Annotations (JSON-LD, @context http://www.w3.org/ns/anno.jsonld)."
)


@extend_schema(parameters=[FORMAT])
@extend_schema_view(
    list=extend_schema(
        summary="List notes",
        description="Notes on claims and on spans of articles' text. Hidden notes "
        "are listed for editors only." + JSONLD_NOTE,
        responses=note_responses(
            200,
            400,
            401,
            429,
            json=s.AnnotationSerializer(many=True),
            jsonld=s.W3CAnnotationPageSerializer,
        ),
    ),
    retrieve=extend_schema(
        summary="One note",
        description=JSONLD_NOTE.strip(),
        responses=note_responses(200, 401, 404, 429),
    ),
)
class AnnotationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = s.AnnotationSerializer
    filterset_class = filters.AnnotationFilterSet
    queryset = Annotation.objects.all()
    renderer_classes = [FastJSONRenderer, JSONLDRenderer]

    # Creating is for editors (roles.py); editing and deleting are for the
    # author (checked by the service); hiding is for editors.
    def required_permission(self, request) -> str | None:
        if self.action == "create":
            return "claims.add_annotation"
        if self.action == "hide":
            return "claims.change_annotation"
        return None

    def get_queryset(self):
        return (
            Annotation.objects.visible_to(self.request.user)
            .select_related("author", "article")
            .defer("article__text", "article__raw_html")
            .order_by("created_at", "id")
        )

    def _jsonld(self) -> bool:
        renderer = getattr(self.request, "accepted_renderer", None)
        return getattr(renderer, "format", "") == "jsonld"

    def _one(self, note: Annotation, code: int = 200, **headers) -> Response:
        if self._jsonld():
            data = s.annotation_jsonld(note, self.request)
        else:
            data = s.AnnotationSerializer(
                note, context=self.get_serializer_context()
            ).data
        return Response(data, status=code, headers=headers or None)

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        if not self._jsonld():
            return self.get_paginated_response(
                self.get_serializer(page, many=True).data
            )
        paginator = self.paginator
        return Response(
            {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "id": request.build_absolute_uri(),
                "type": "AnnotationPage",
                "next": paginator.get_next_link(),
                "prev": paginator.get_previous_link(),
                "items": [s.annotation_jsonld(note, request) for note in page],
            }
        )

    def retrieve(self, request, pk=None):
        return self._one(self.get_object())

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    @extend_schema(
        summary="Write a note (editors)",
        description="On a claim ({body, claim}) or on words of an article's "
        "text ({body, article, quote, start?}); the W3C selectors are computed "
        "from the quote. 201 with `Location`.",
        request=s.AnnotationCreateSerializer,
        responses=note_responses(201, 400, 401, 403, 413, 415, 429),
    )
    def create(self, request):
        serializer = s.AnnotationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            note = notes.annotation_create(
                author=request.user,
                body=data["body"],
                claim=data["claim"],
                article=data["article"],
                quote=data["quote"],
                start=data["start"],
            )
        except DjangoValidationError as exc:
            field = "quote" if data["article"] is not None else "body"
            raise serializers.ValidationError({field: exc.messages}) from exc
        note = self.get_queryset().get(pk=note.pk)
        url = s.api_url("annotation", note.pk, request)
        return self._one(note, status.HTTP_201_CREATED, Location=url)

    @extend_schema(
        summary="Edit your note",
        request=s.AnnotationUpdateSerializer,
        responses=note_responses(200, 400, 401, 403, 404, 429),
    )
    def update(self, request, pk=None):
        note = self.get_object()
        serializer = s.AnnotationUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notes.annotation_update(
            annotation=note, user=request.user, body=serializer.validated_data["body"]
        )
        return self._one(note)

    @extend_schema(
        summary="Edit your note",
        request=s.AnnotationUpdateSerializer,
        responses=note_responses(200, 400, 401, 403, 404, 429),
    )
    def partial_update(self, request, pk=None):
        return self.update(request, pk)

    @extend_schema(
        summary="Delete your note",
        description="The deletion is listed in /deletions/.",
        responses={204: None, **errors(401, 403, 404, 429)},
    )
    def destroy(self, request, pk=None):
        notes.annotation_delete(annotation=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Hide or show a note (editors)",
        description="Hidden notes are kept, and shown to editors only.",
        request=s.AnnotationHideSerializer,
        responses=note_responses(200, 400, 401, 403, 404, 429),
    )
    @action(detail=True, methods=["post"])
    def hide(self, request, pk=None):
        note = self.get_object()
        serializer = s.AnnotationHideSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notes.annotation_set_hidden(
            annotation=note,
            user=request.user,
            hidden=serializer.validated_data["hidden"],
        )
        return self._one(note)


# --- Deletions ----------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Rows that are gone",
        description="Claims merged or dropped by a re-analysis, actors merged "
        "into another (replaced_by is the survivor), deleted notes. Poll with "
        "`since` (the latest deleted_at seen) alongside `updated_since` on the "
        "other lists to mirror the data.",
        responses={200: s.DeletionSerializer(many=True), **errors(400, 401, 429)},
    ),
)
class DeletionViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.DeletionSerializer
    filterset_class = filters.DeletionFilterSet
    queryset = Deletion.objects.order_by("deleted_at", "id")
    updated_field = "deleted_at"
    updated_since_params = ("since", "updated_since")


__all__ = [
    "ActorViewSet",
    "AnnotationViewSet",
    "ApiRoot",
    "ArticleViewSet",
    "ClaimViewSet",
    "DeletionViewSet",
    "ReviewViewSet",
    "SourceViewSet",
]


class ApiRoot(APIView):
    """The entry point: where each resource and the documentation are."""

    @extend_schema(exclude=True)
    def get(self, request):
        def link(name: str) -> str:
            return reverse(name, request=request)

        names = ["claim", "article", "actor", "source", "review", "annotation",
                 "deletion"]  # fmt: skip
        return Response(
            {
                **{f"{n}s": link(f"api:{n}-list") for n in names},
                "feeds": link("api:feed-list"),
                "matches": link("api:match-list"),
                "schema": link("api:schema"),
                "docs": link("api:docs"),
                "redoc": link("api:redoc"),
            }
        )
