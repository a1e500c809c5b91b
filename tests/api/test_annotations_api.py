"""Notes through the API: editors write, authors edit, editors hide; W3C JSON-LD."""

from __future__ import annotations

import pytest

from claims.models import Annotation, Deletion
from tests.api.conftest import client_for, error, ids, results
from tests.conftest import _user

pytestmark = pytest.mark.django_db


def note_on_words(client, article, quote="Mr Dowden said", **extra):
    return client.post(
        "/api/v1/annotations/",
        {"body": "Check the quote.", "article": article.pk, "quote": quote, **extra},
        format="json",
    )


def test_an_editor_notes_words_of_an_article_with_w3c_selectors(ed_api, newsroom):
    a1 = newsroom["a1"]
    response = note_on_words(ed_api, a1)
    assert response.status_code == 201, response.content
    body = response.json()
    note = Annotation.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/annotations/{note.pk}/"
    assert body["author"] == "ed"
    assert body["article"] == a1.pk
    quote, position = body["selector"]
    assert quote["type"] == "TextQuoteSelector"
    assert quote["exact"] == "Mr Dowden said"
    assert position == {"type": "TextPositionSelector", "start": 43, "end": 57}
    assert a1.text[43:57] == "Mr Dowden said"


def test_a_note_is_also_a_w3c_web_annotation(ed_api, newsroom):
    a1 = newsroom["a1"]
    url = note_on_words(ed_api, a1)["Location"]
    for response in (
        ed_api.get(url, HTTP_ACCEPT="application/ld+json"),
        ed_api.get(url + "?format=jsonld"),
    ):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/ld+json")
        body = response.json()
        assert body["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert body["type"] == "Annotation"
        assert body["id"] == url
        assert body["body"] == {
            "type": "TextualBody",
            "value": "Check the quote.",
            "format": "text/plain",
            "purpose": "commenting",
        }
        target = body["target"]
        assert target["source"] == f"http://testserver/api/v1/articles/{a1.pk}/"
        assert target["scope"] == a1.url
        assert [s["type"] for s in target["selector"]] == [
            "TextQuoteSelector",
            "TextPositionSelector",
        ]
    page = ed_api.get("/api/v1/annotations/?format=jsonld").json()
    assert page["type"] == "AnnotationPage"
    assert [item["id"] for item in page["items"]] == [url]


def test_a_note_on_a_claim_targets_the_claim(ed_api, newsroom):
    hack = newsroom["hack"]
    response = ed_api.post(
        "/api/v1/annotations/", {"body": "Ask.", "claim": hack.pk}, format="json"
    )
    assert response.status_code == 201
    body = ed_api.get(response["Location"] + "?format=jsonld").json()
    assert body["target"] == {"source": f"http://testserver/api/v1/claims/{hack.pk}/"}
    assert ids(ed_api.get(f"/api/v1/annotations/?claim={hack.pk}")) == [
        response.json()["id"]
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"body": "x"}, "non_field_errors"),
        ({"body": "", "claim": "hack"}, "body"),
        ({"body": "x", "article": "a1"}, "quote"),
        ({"body": "x", "article": "a1", "quote": "not in the text"}, "quote"),
        ({"body": "x", "article": "a1", "quote": "said"}, "quote"),  # twice
    ],
)
def test_bad_notes_are_400(ed_api, newsroom, data, field):
    data = {k: newsroom[v].pk if k in ("claim", "article") else v
            for k, v in data.items()}  # fmt: skip
    response = ed_api.post("/api/v1/annotations/", data, format="json")
    assert field in error(response, 400, "invalid")["fields"]


def test_a_repeated_quote_is_placed_by_its_start(ed_api, newsroom):
    a1 = newsroom["a1"]
    second = a1.text.rindex("said")
    response = note_on_words(ed_api, a1, quote="said", start=second)
    assert response.json()["selector"][1]["start"] == second


@pytest.mark.parametrize(
    ("role", "scope", "status"),
    [("editor", "write", 201), ("editor", "read", 403), ("journalist", "write", 403)],
)
def test_only_editors_write_notes(newsroom, role, scope, status):
    client = client_for(_user("someone", role), scope)
    assert note_on_words(client, newsroom["a1"]).status_code == status


def test_only_the_author_edits_or_deletes_a_note(ed_api, newsroom):
    url = note_on_words(ed_api, newsroom["a1"])["Location"]
    other = client_for(_user("ann", "editor"))
    error(other.patch(url, {"body": "Mine now"}, format="json"), 403,
          "permission_denied")  # fmt: skip
    error(other.delete(url), 403, "permission_denied")

    response = ed_api.patch(url, {"body": "Checked: he said it."}, format="json")
    assert response.status_code == 200
    assert response.json()["body"] == "Checked: he said it."
    assert ed_api.put(url, {"body": "Again."}, format="json").json()["body"] == "Again."
    error(ed_api.patch(url, {"body": ""}, format="json"), 400, "invalid")

    note = Annotation.objects.get()
    assert ed_api.delete(url).status_code == 204
    assert not Annotation.objects.exists()
    assert Deletion.objects.filter(model="annotation", object_id=note.pk).exists()
    error(ed_api.get(url), 404, "not_found")


def test_editors_hide_notes_from_everyone_else(ed_api, jo_api, newsroom):
    url = note_on_words(ed_api, newsroom["a1"])["Location"]
    other = client_for(_user("ann", "editor"))
    response = other.post(url + "hide/", {"hidden": True}, format="json")
    assert response.status_code == 200
    assert response.json()["hidden"] is True
    assert results(jo_api.get("/api/v1/annotations/")) == []
    error(jo_api.get(url), 404, "not_found")
    assert [r["hidden"] for r in results(ed_api.get("/api/v1/annotations/"))] == [True]
    # A journalist cannot hide (nor show again).
    error(jo_api.post(url + "hide/", {"hidden": False}, format="json"), 403,
          "permission_denied")  # fmt: skip
    assert (
        other.post(url + "hide/", {"hidden": False}, format="json").json()["hidden"]
        is False
    )
