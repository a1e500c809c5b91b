"""Finding claims: the search box, the filters, their counts and the sort orders."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.filters import ClaimFilterSet, facets, highlight
from claims.models import Article, Claim, Source
from tests.factories import make_actor, make_article, make_claim, refresh_search

# --- The newsroom the tests search ---------------------------------------------


@pytest.fixture
def newsroom(db):
    """Three outlets, four speakers and six claims with known answers."""
    herald = Source.objects.create(name="Example Herald")
    gazette = Source.objects.create(name="Example Gazette")
    dowden = make_actor("Oliver Dowden", "Mr Dowden")
    cameron = make_actor("David Cameron", "Lord Cameron")
    hunt = make_actor("Jeremy Hunt")
    spies = make_article(
        "China accused of cyber-attacks on MPs", source=herald, published="2024-03-25"
    )
    budget = make_article("Budget day", source=gazette, published="2024-03-06")
    undated = make_article("Undated briefing", source=gazette)
    Article.objects.filter(pk=undated.pk).update(
        created_at=timezone.make_aware(datetime(2024, 5, 2, 12))
    )
    claims = {
        "hackers": make_claim(
            "Hackers stole data from the Electoral Commission",
            claimant=dowden,
            articles=(spies,),
            verdict="verified",
            attribution="confirmed",
            checkworthiness=0.9,
            first_seen="2024-03-25",
        ),
        "tolerate": make_claim(
            "The UK will not tolerate malicious cyber activity",
            claimant=dowden,
            articles=(spies, undated),
            direct=True,
            checkworthiness=0.4,
            first_seen="2024-03-26",
        ),
        "sanctions": make_claim(
            "Sanctions were placed on two individuals and one company",
            claimant=cameron,
            articles=(spies,),
            direct=False,
            found_by="clause+quoted/named",  # reported, quoting some words
            verdict="verified",
            checkworthiness=0.7,
            first_seen="2024-03-27",
        ),
        "inflation": make_claim(
            "Inflation will fall to two per cent next year",
            claimant=hunt,
            articles=(budget,),
            verdict="misleading",
            attribution="disputed",
            checkworthiness=0.8,
            first_seen="2024-03-06",
        ),
        "growth": make_claim(
            "Growth will return by the spring",
            claimant=hunt,
            articles=(budget,),
            direct=False,
            verdict="false",
            checkworthiness=0.2,
            first_seen="2024-03-07",
        ),
        "unsourced": make_claim(
            "Officials said the attack failed",
            articles=(undated,),
            direct=False,
            checkworthiness=0.6,
            first_seen="2024-05-02",
        ),
    }
    refresh_search()
    return {
        "claims": claims,
        "herald": herald,
        "gazette": gazette,
        "dowden": dowden,
        "cameron": cameron,
        "hunt": hunt,
    }


def listed(client, **params) -> list[str]:
    """The claim texts the claims page lists, in order."""
    response = client.get(reverse("claims:claims"), params)
    assert response.status_code == 200
    page = response.content.decode()
    texts = re.findall(r'class="claim-text" href="/claims/\d+/">(.*?)</a>', page)
    return [re.sub(r"</?mark>", "", t) for t in texts]


def keys(newsroom, texts: list[str]) -> list[str]:
    by_text = {c.text: k for k, c in newsroom["claims"].items()}
    return [by_text[t] for t in texts]


# --- Search ---------------------------------------------------------------------


def test_it_finds_claims_by_their_words(client, newsroom):
    assert keys(newsroom, listed(client, q="hackers")) == ["hackers"]
    assert keys(newsroom, listed(client, q="INFLATION")) == ["inflation"]


def test_it_finds_claims_by_speaker_alias_and_article_title(client, newsroom):
    assert set(keys(newsroom, listed(client, q="Dowden"))) == {"hackers", "tolerate"}
    assert keys(newsroom, listed(client, q="Lord Cameron")) == ["sanctions"]
    assert set(keys(newsroom, listed(client, q="budget"))) == {"inflation", "growth"}


def test_the_search_text_is_speaker_aliases_then_titles_and_outlets_once(db):
    outlet = Source.objects.create(name="Example Courier")
    speaker = make_actor("Ada Lovelace", "Countess Lovelace", "Ada Lovelace")
    first = make_article("Engines and numbers", source=outlet)
    second = make_article("Numbers again", source=outlet)
    claim = make_claim(
        "The engine can compose music", claimant=speaker, articles=(first, second)
    )
    before = claim.updated_at

    Claim.objects.filter(pk=claim.pk).refresh_search()
    claim.refresh_from_db()
    words = [
        "Ada Lovelace",
        "Countess Lovelace",
        "Engines and numbers",
        "Example Courier",
        "Numbers again",
    ]
    assert claim.search_text == " \n".join(words)
    assert claim.updated_at == before  # only with touch=True

    Claim.objects.filter(pk=claim.pk).refresh_search(touch=True)
    claim.refresh_from_db()
    assert claim.updated_at > before


def test_every_word_of_the_query_must_match(client, newsroom):
    assert keys(newsroom, listed(client, q="Hunt growth")) == ["growth"]
    assert listed(client, q="hackers inflation") == []
    page = client.get(reverse("claims:claims"), {"q": "hackers inflation"})
    assert "No claims match" in page.content.decode()


def test_matches_are_highlighted_and_claim_text_is_escaped(client, newsroom):
    make_claim('Hackers wrote <script>alert("x")</script> & <b>more</b>')
    refresh_search()
    page = client.get(reverse("claims:claims"), {"q": "hackers"}).content.decode()
    assert "<mark>Hackers</mark> stole data" in page
    assert "<script>alert" not in page
    assert "<b>more</b>" not in page
    assert "&lt;script&gt;alert(" in page
    assert "&lt;b&gt;more&lt;/b&gt;" in page


def test_highlight_escapes_first_and_never_splits_an_entity():
    got = highlight('Tom & Jerry <b>"amp"</b>', ["amp", "tom", "b"])
    assert got == (
        "<mark>Tom</mark> &amp; Jerry &lt;<mark>b</mark>&gt;&quot;<mark>amp</mark>"
        "&quot;&lt;/<mark>b</mark>&gt;"
    )
    assert highlight("<i>x</i>", []) == "&lt;i&gt;x&lt;/i&gt;"


def test_best_match_orders_claims_that_say_the_words_first(client, newsroom):
    # "cyber" is in the claim text of one, and in the article title of others.
    texts = keys(newsroom, listed(client, q="cyber"))
    assert texts[0] == "tolerate"
    assert set(texts) == {"tolerate", "hackers", "sanctions"}


# --- Filters --------------------------------------------------------------------


def test_each_filter_narrows_the_list(client, newsroom):
    cases = [
        ({"verdict": "verified"}, {"hackers", "sanctions"}),
        ({"attribution": "disputed"}, {"inflation"}),
        ({"speaker": newsroom["hunt"].pk}, {"inflation", "growth"}),
        ({"outlet": newsroom["herald"].pk}, {"hackers", "tolerate", "sanctions"}),
        ({"min_checkworthiness": "0.7"}, {"hackers", "sanctions", "inflation"}),
        ({"quote": "direct"}, {"hackers", "tolerate", "inflation"}),
        ({"quote": "partial"}, {"sanctions"}),
        ({"quote": "indirect"}, {"growth", "unsourced"}),
        # The undated article counts from when it was stored (2 May).
        ({"date_from": "2024-04-01"}, {"tolerate", "unsourced"}),
        ({"date_to": "2024-03-10"}, {"inflation", "growth"}),
        (
            {"date_from": "2024-03-25", "date_to": "2024-03-25"},
            {"hackers", "tolerate", "sanctions"},
        ),
    ]
    for params, expected in cases:
        assert set(keys(newsroom, listed(client, **params))) == expected, params


def test_filters_combine(client, newsroom):
    params = {"outlet": newsroom["herald"].pk, "verdict": "verified", "quote": "direct"}
    assert keys(newsroom, listed(client, **params)) == ["hackers"]
    params = {"q": "malicious", "speaker": newsroom["dowden"].pk}
    assert keys(newsroom, listed(client, **params)) == ["tolerate"]


def test_outlet_date_and_quote_must_hold_in_the_same_article(client, newsroom):
    # "tolerate" is in the Herald (25 March) and the undated briefing (2 May):
    # no single appearance is in the Herald in May.
    params = {"outlet": newsroom["herald"].pk, "date_from": "2024-04-01"}
    assert listed(client, **params) == []


def test_a_bad_filter_value_is_ignored_and_explained(client, newsroom):
    response = client.get(reverse("claims:claims"), {"verdict": "true-ish"})
    assert response.status_code == 200
    assert len(listed(client, verdict="true-ish")) == 6
    assert "Select a valid choice" in response.content.decode()


def test_the_filter_form_keeps_its_values_in_the_url(client, newsroom):
    hunt = newsroom["hunt"]
    page = client.get(
        reverse("claims:claims"), {"speaker": hunt.pk, "q": "a<b", "sort": "oldest"}
    ).content.decode()
    assert 'method="get"' in page
    assert f'<option value="{hunt.pk}" selected>Jeremy Hunt (' in page
    assert 'value="a&lt;b"' in page
    assert '<option value="oldest" selected>' in page


# --- Facet counts ---------------------------------------------------------------


def options(facet) -> dict[str, int]:
    return {o.label: o.count for o in facet}


def test_facets_count_each_option_under_the_other_filters(newsroom):
    herald = newsroom["herald"]
    filterset = ClaimFilterSet(
        {"outlet": herald.pk, "verdict": "verified"}, queryset=Claim.objects.all()
    )
    got = facets(filterset)
    # Verdicts in the Herald, whatever verdict is chosen.
    assert options(got["verdict"]) == {
        "Unreviewed": 1,
        "In review": 0,
        "Verified": 2,
        "Misleading": 0,
        "False": 0,
        "Unverifiable": 0,
    }
    # Outlets of verified claims, whatever outlet is chosen.
    assert options(got["outlet"]) == {"Example Herald": 2}
    assert [o.selected for o in got["outlet"]] == [True]
    assert options(got["speaker"]) == {"Oliver Dowden": 1, "David Cameron": 1}
    assert options(got["quote"]) == {
        "Direct quote": 1,
        "Partly quoted": 1,
        "Indirect (reported)": 0,
    }
    assert options(got["min_checkworthiness"]) == {
        "0.3 or more": 2,
        "0.5 or more": 2,
        "0.7 or more": 2,
        "0.9 or more": 1,
    }
    assert options(got["attribution"])["Confirmed"] == 1


def test_the_page_shows_the_counts_beside_each_option(client, newsroom):
    page = client.get(
        reverse("claims:claims"), {"speaker": newsroom["hunt"].pk}
    ).content.decode()
    assert '<option value="misleading">Misleading (1)</option>' in page
    assert '<option value="false">False (1)</option>' in page
    assert '<option value="verified">Verified (0)</option>' in page
    gazette = newsroom["gazette"]
    assert f'<option value="{gazette.pk}">Example Gazette (2)</option>' in page


def test_a_chosen_speaker_stays_listed_when_nothing_matches(newsroom):
    hunt = newsroom["hunt"]
    filterset = ClaimFilterSet(
        {"speaker": hunt.pk, "outlet": newsroom["herald"].pk},
        queryset=Claim.objects.all(),
    )
    assert filterset.qs.count() == 0
    speakers = facets(filterset)["speaker"]
    assert (speakers[0].label, speakers[0].count, speakers[0].selected) == (
        "Jeremy Hunt",
        0,
        True,
    )


def test_a_restricted_queryset_limits_the_counts(newsroom):
    """The review queue passes its own claims; the counts stay within them."""
    filterset = ClaimFilterSet({}, queryset=Claim.objects.filter(verdict="unreviewed"))
    got = facets(filterset)
    assert options(got["verdict"])["Unreviewed"] == 2
    assert options(got["verdict"])["Verified"] == 0
    assert filterset.qs.count() == 2


# --- Sort -----------------------------------------------------------------------


def test_the_sort_orders(client, newsroom):
    assert keys(newsroom, listed(client)) == [
        "unsourced", "sanctions", "tolerate", "hackers", "growth", "inflation"
    ]  # fmt: skip
    assert keys(newsroom, listed(client, sort="oldest"))[:2] == ["inflation", "growth"]
    assert keys(newsroom, listed(client, sort="checkworthy"))[:3] == [
        "hackers", "inflation", "sanctions"
    ]  # fmt: skip
    assert keys(newsroom, listed(client, sort="repeated"))[0] == "tolerate"


def test_relevance_without_a_query_falls_back_to_newest(client, newsroom):
    assert listed(client, sort="relevance") == listed(client)


# --- htmx -----------------------------------------------------------------------


def test_htmx_gets_the_results_and_the_filters_with_fresh_counts(client, newsroom):
    response = client.get(
        reverse("claims:claims"), {"verdict": "false"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body
    assert "Growth will return by the spring" in body
    assert "Hackers stole data" not in body
    assert 'hx-swap-oob="true"' in body
    assert '<option value="false" selected>False (1)</option>' in body


def test_the_full_page_works_without_javascript(client, newsroom):
    page = client.get(reverse("claims:claims")).content.decode()
    assert "<html" in page
    assert 'action="/claims/"' in page
    assert 'hx-get="/claims/"' in page
    assert "hx-swap-oob" not in page
    # Every control has a label.
    for control in re.findall(r'<(?:select|input)[^>]*\bid="([^"]+)"', page):
        assert f'<label for="{control}"' in page, control


def test_the_filter_partial_works_without_facets(rf, newsroom):
    """Other pages include the form; without counts it still keeps every value."""
    from django.template.loader import render_to_string

    hunt = newsroom["hunt"]
    request = rf.get("/review/", {"speaker": hunt.pk, "verdict": "false"})
    filterset = ClaimFilterSet(request.GET, queryset=Claim.objects.all())
    html = render_to_string(
        "claims/_claim_filters.html",
        {"filter": filterset, "results_target": "#queue-results"},
        request=request,
    )
    assert f'<input type="hidden" name="speaker" value="{hunt.pk}">' in html
    assert '<option value="false" selected>False</option>' in html
    assert 'hx-target="#queue-results"' in html
    assert 'action="/review/"' in html
