"""Who may do what: every role against every action, and no rows for refusals."""

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import (
    Actor,
    ActorAlias,
    Appearance,
    Article,
    ArticleEvent,
    Claim,
    ClaimEdit,
    Mention,
    Review,
    Source,
)
from tests.conftest import _user

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "journalist", "editor")
OK, LOGIN, FORBIDDEN = "ok", "login", "forbidden"
# What each role gets: writes end in a redirect (POST/redirect/GET), the
# queue page in 200, refusals in a redirect to the login page or 403.
JOURNALIST_MAY = {"submit", "reprocess"}
ACTIONS = (
    "submit",
    "reprocess",
    "take",
    "release",
    "verdict",
    "attribution check",
    "edit claim",
    "merge actors",
    "edit article",
    "view review queue",
)


def expected(role: str, action: str) -> str:
    if role == "anonymous":
        return LOGIN
    if role == "editor" or (role == "journalist" and action in JOURNALIST_MAY):
        return OK
    return FORBIDDEN


@pytest.fixture
def world(db) -> dict:
    source = Source.objects.create(name="The Example Times")
    article = Article.objects.create(
        title="China accused", text="x" * 100, status="done", source=source
    )
    dowden = Actor.objects.create(name="Oliver Dowden", kind="person")
    duplicate = Actor.objects.create(name="Mr Dowden", kind="person")
    Mention.objects.create(actor=duplicate, article=article, spans=[[0, 5]])
    text = "China was behind the attacks."
    claim = Claim.objects.create(
        text=text,
        claimant=dowden,
        fingerprint=Claim.make_fingerprint(text, dowden.pk),
    )
    Appearance.objects.create(
        claim=claim, article=article, content_spans=[[0, 5]], start=0, end=5
    )
    taken = Claim.objects.create(
        text="Another editor is on this one.",
        fingerprint=Claim.make_fingerprint("Another editor is on this one.", None),
    )
    assert taken.take(_user("holder", "editor"))
    return {"article": article, "claim": claim, "dowden": dowden, "taken": taken}


def request_for(action: str, world: dict) -> tuple[str, str, dict]:
    """(method, url, data) of ``action`` with input an editor would give."""
    article, claim = world["article"], world["claim"]
    review = {"version": claim.version, "evidence": ""}
    return {
        "submit": (
            "post",
            reverse("claims:submit"),
            {"kind": "text", "t-text": "The minister said the report was wrong."},
        ),
        "reprocess": (
            "post",
            reverse("claims:article-reprocess", args=[article.pk]),
            {},
        ),
        "take": ("post", reverse("claims:claim-take", args=[claim.pk]), {}),
        "release": (
            "post",
            reverse("claims:claim-release", args=[world["taken"].pk]),
            {},
        ),
        "verdict": (
            "post",
            reverse("claims:claim-review", args=[claim.pk]),
            {**review, "verdict": "false", "rationale": "No record of it."},
        ),
        "attribution check": (
            "post",
            reverse("claims:claim-review", args=[claim.pk]),
            {**review, "attribution": "confirmed", "attribution_note": "On video."},
        ),
        "edit claim": (
            "post",
            reverse("claims:claim-correct", args=[claim.pk]),
            {
                "version": claim.version,
                "text": "China was behind the cyber attacks.",
                "speaker": "Oliver Dowden",
                "note": "Quote was cut short.",
            },
        ),
        "merge actors": (
            "post",
            reverse("claims:actor-merge", args=[world["dowden"].pk]),
            {"duplicate": "Mr Dowden"},
        ),
        "edit article": (
            "post",
            reverse("claims:article-edit", args=[article.pk]),
            {"title": "China accused", "byline": "Jane Reporter", "source": ""},
        ),
        "view review queue": ("get", reverse("claims:review-queue"), {}),
    }[action]


def rows() -> dict:
    """Everything the actions could write."""
    return {
        "articles": list(
            Article.objects.order_by("pk").values_list(
                "pk", "status", "title", "byline", "published_at", "source_id"
            )
        ),
        "events": list(ArticleEvent.objects.values_list("pk", "message")),
        "claims": list(
            Claim.objects.order_by("pk").values_list(
                "pk",
                "text",
                "claimant_id",
                "verdict",
                "attribution_status",
                "version",
                "assigned_to_id",
            )
        ),
        "reviews": list(Review.objects.values_list("pk", flat=True)),
        "edits": list(ClaimEdit.objects.values_list("pk", flat=True)),
        "actors": list(Actor.objects.order_by("pk").values_list("pk", "merged_into")),
        "aliases": list(ActorAlias.objects.values_list("pk", "actor_id")),
        "mentions": list(Mention.objects.values_list("pk", "actor_id")),
    }


def client_as(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(
            _user("out", None) if role == "outsider" else _user(role[:2], role)
        )
    return client


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_it_may(role, action, world, settings):
    settings.TASK_MODE = "celery"  # queued only; nothing runs the pipeline
    client = client_as(role)
    method, url, data = request_for(action, world)
    before = rows()
    response = getattr(client, method)(url, data)
    outcome = expected(role, action)

    if outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
    elif method == "get":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse("login"))

    if outcome == OK and method == "post":
        assert rows() != before, "the action did nothing"
    else:
        assert rows() == before


WRITES = [a for a in ACTIONS if a != "view review queue"]


@pytest.mark.parametrize("action", WRITES)
def test_every_write_needs_the_csrf_token(action, world, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    _, url, data = request_for(action, world)
    before = rows()
    response = client.post(url, data)
    assert response.status_code == 403
    assert rows() == before


@pytest.mark.parametrize("name", ["claims:claim-take", "claims:claim-release"])
def test_take_and_release_are_never_done_by_a_get(client, editor, world, name):
    client.force_login(editor)
    before = rows()
    assert client.get(reverse(name, args=[world["claim"].pk])).status_code == 405
    assert rows() == before


def test_links_to_editor_tools_show_only_to_editors(client, world):
    pages = [
        world["claim"].get_absolute_url(),
        world["dowden"].get_absolute_url(),
        world["article"].get_absolute_url(),
    ]
    markers = ["Correct the text or speaker", "Merge a duplicate", "Correct the title"]
    for role_client in (client, client_as("journalist")):
        for url in pages:
            page = role_client.get(url).content.decode()
            assert not any(m in page for m in markers), url
    editor = client_as("editor")
    seen = "".join(editor.get(url).content.decode() for url in pages)
    assert all(m in seen for m in markers)
