"""Notes on claims and on spans of an article (W3C TextQuote + TextPosition)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.models import Annotation, Article, Claim
from claims.services.annotations import locate_quote, selector_position, text_selectors

TEXT = "The minister said taxes would fall. Critics said taxes would rise."
FALL = TEXT.index("would fall")


def test_a_quote_is_found_where_the_selection_says():
    second = TEXT.index("taxes would rise")
    assert locate_quote(TEXT, "taxes would", start=second) == (second, second + 11)


def test_a_typed_quote_must_occur_exactly_once():
    assert locate_quote(TEXT, "would fall") == (FALL, FALL + 10)
    with pytest.raises(ValidationError, match="more than once"):
        locate_quote(TEXT, "taxes would")
    with pytest.raises(ValidationError, match="not in the article"):
        locate_quote(TEXT, "taxes will")


def test_selectors_follow_the_w3c_model():
    quote, position = text_selectors(TEXT, FALL, FALL + 10)
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "would fall",
        "prefix": "The minister said taxes ",
        "suffix": ". Critics said taxes would rise.",
    }
    assert len(quote["prefix"]) <= 32 and len(quote["suffix"]) <= 32
    assert position == {"type": "TextPositionSelector", "start": FALL, "end": FALL + 10}
    assert selector_position([quote, position]) == (FALL, FALL + 10)


@pytest.fixture
def article(db):
    return Article.objects.create(
        origin="text", text=TEXT, title="Taxes", status="done"
    )


@pytest.fixture
def claim(db):
    return Claim.objects.create(text="Taxes would fall.", fingerprint="f1")


@pytest.mark.django_db
def test_an_editor_notes_a_span_without_javascript(client, editor, article):
    client.force_login(editor)
    response = client.post(
        reverse("claims:article-note", args=[article.pk]),
        {"quote": "would fall", "body": "The budget says otherwise."},
    )
    note = Annotation.objects.get()
    assert response["Location"].endswith(f"#note-{note.pk}")
    assert selector_position(note.selector) == (FALL, FALL + 10)
    page = client.get(article.get_absolute_url() + "?x=1", follow=True)
    assert page.status_code == 200


@pytest.mark.django_db
def test_a_note_on_an_ambiguous_quote_is_refused_with_the_reason(
    client, editor, article
):
    client.force_login(editor)
    response = client.post(
        reverse("claims:article-note", args=[article.pk]),
        {"quote": "taxes would", "body": "Which one?"},
        follow=True,
    )
    assert "more than once" in response.content.decode()
    assert not Annotation.objects.exists()


@pytest.mark.django_db
def test_notes_on_a_claim_are_edited_by_their_author_only(client, editor, claim):
    from django.contrib.auth.models import Group, User

    other = User.objects.create_user("ed2", password="x")
    other.groups.add(Group.objects.get(name="editor"))
    client.force_login(editor)
    client.post(
        reverse("claims:claim-note", args=[claim.pk]), {"body": "Check the ONS."}
    )
    note = Annotation.objects.get()
    assert "Check the ONS." in client.get(claim.get_absolute_url()).content.decode()

    client.force_login(other)
    assert (
        client.post(
            reverse("claims:note-edit", args=[note.pk]), {"body": "x"}
        ).status_code
        == 404
    )
    assert client.post(reverse("claims:note-delete", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.body == "Check the ONS."

    client.force_login(editor)
    client.post(
        reverse("claims:note-edit", args=[note.pk]), {"body": "Check the ONS tables."}
    )
    note.refresh_from_db()
    assert note.body == "Check the ONS tables."


@pytest.mark.django_db
def test_an_editor_hides_a_note_that_others_then_do_not_see(
    client, editor, journalist, claim
):
    note = Annotation.objects.create(
        author=journalist, claim=claim, body="Spam link here"
    )
    client.force_login(journalist)
    assert "Spam link here" in client.get(claim.get_absolute_url()).content.decode()

    client.force_login(editor)
    client.post(reverse("claims:note-hide", args=[note.pk]), {"hidden": "1"})
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Spam link here" in page and "hidden by ed" in page
    assert Annotation.objects.filter(pk=note.pk).exists()  # kept, not deleted

    client.force_login(journalist)
    assert "Spam link here" not in client.get(claim.get_absolute_url()).content.decode()
    assert client.post(reverse("claims:note-hide", args=[note.pk])).status_code == 403


@pytest.mark.django_db
def test_note_text_is_escaped(client, editor, claim):
    client.force_login(editor)
    client.post(
        reverse("claims:claim-note", args=[claim.pk]),
        {"body": '<script>alert(1)</script><a href="javascript:x">y</a>'},
    )
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_anonymous_visitors_cannot_write_notes(client, claim):
    response = client.post(reverse("claims:claim-note", args=[claim.pk]), {"body": "x"})
    assert response.status_code == 302
    assert not Annotation.objects.exists()


@pytest.mark.django_db
def test_a_noted_span_is_highlighted_in_the_article(client, editor, article):
    client.force_login(editor)
    client.post(
        reverse("claims:article-note", args=[article.pk]),
        {"quote": "would fall", "body": "Budget says otherwise", "start": str(FALL)},
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert (
        f'<span data-start="{FALL}" class="note-span" '
        'title="Note by ed: Budget says otherwise">would fall</span>'
    ) in page
    assert 'id="article-note-form"' in page


@pytest.mark.django_db
def test_annotating_is_for_editors(client, journalist, claim, article):
    client.force_login(journalist)
    assert (
        client.post(
            reverse("claims:claim-note", args=[claim.pk]), {"body": "x"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("claims:article-note", args=[article.pk]),
            {"quote": "would fall", "body": "x"},
        ).status_code
        == 403
    )
    assert (
        'id="article-note-form"'
        not in client.get(article.get_absolute_url()).content.decode()
    )
    assert not Annotation.objects.exists()


@pytest.mark.django_db
def test_the_claim_page_reads_its_notes_in_constant_queries(
    client, editor, journalist, claim
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(claim.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(editor)
    Annotation.objects.create(author=journalist, claim=claim, body="one")
    few = page_queries()
    for n in range(20):
        Annotation.objects.create(author=journalist, claim=claim, body=f"note {n}")
    assert page_queries() == few
