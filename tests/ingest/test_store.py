"""Analysis -> rows in a fixed number of queries, with the same rows as one by one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.ingest import store as store_module
from claims.ingest.analysis import (
    ActorCandidate,
    Analysis,
    ClaimCandidate,
    Span,
    analyser_version,
)
from claims.ingest.matching import text_key
from claims.ingest.store import (
    _insert_actors,
    _insert_claims,
    resolve_actors,
    store_analysis,
)
from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimWording,
    Review,
    Source,
)

pytestmark = pytest.mark.django_db


def _actor(key: str, name: str, *aliases: str, kind: str = "person"):
    return ActorCandidate(key=key, name=name, kind=kind, aliases=list(aliases))


def _analysis(size: int, tag: str) -> tuple[str, Analysis]:
    """An article of ``size`` new speakers, each with one claim."""
    lines, actors, claims = [], [], []
    offset = 0
    for i in range(size):
        text = f"the {tag} budget rose by {i} per cent"
        line = f"Speaker {tag}{i} said {text}."
        lines.append(line)
        start = offset + line.index(text)
        end = start + len(text)
        actors.append(_actor(f"a{i}", f"Speaker {tag}{i}", f"Mr {tag}{i}"))
        claims.append(
            ClaimCandidate(
                text=text,
                content=[Span(start, end, text)],
                speaker=f"Speaker {tag}{i}",
                speaker_key=f"a{i}",
                checkworthiness=0.7,
            )
        )
        offset += len(line) + 1
    return "\n".join(lines), Analysis(sentences=[], actors=actors, claims=claims)


def _store(size: int, tag: str, copy: int = 0) -> int:
    text, analysis = _analysis(size, tag)
    article = Article.objects.create(
        text=text,
        origin="text",
        status=Article.Status.ANALYSING,
        content_hash=f"{tag}{copy}",
    )
    with CaptureQueriesContext(connection) as queries:
        store_analysis(article, analysis, extractor_version="t")
    assert article.appearances.count() == size
    return len(queries)


def test_the_store_takes_as_many_queries_for_30_speakers_as_for_2():
    # An archive to match against, so both take every matching step.
    _store(3, "Gamma")
    assert _store(30, "Alpha") == _store(2, "Beta")
    # Known speakers and claims (a second copy) take fewer, also fixed.
    assert _store(30, "Alpha", copy=1) == _store(2, "Beta", copy=1)


def test_a_known_actor_is_found_by_name_then_by_one_alias():
    dowden = Actor.objects.create(name="Oliver Dowden", kind="person")
    ActorAlias.objects.create(actor=dowden, key="mr dowden", name="Mr Dowden")
    actors = resolve_actors(
        [_actor("a1", "Oliver Dowden"), _actor("a2", "Mr Dowden", "Dowden")]
    )
    assert actors["a1"] == dowden == actors["a2"]
    assert sorted(dowden.aliases.values_list("key", flat=True)) == [
        "dowden",
        "mr dowden",
    ]


def test_an_alias_shared_by_two_actors_identifies_neither():
    for name in ("John Smith", "Jane Smith"):
        actor = Actor.objects.create(name=name, kind="person")
        ActorAlias.objects.create(actor=actor, key="smith", name="Smith")
    actors = resolve_actors([_actor("a1", "Smith")])
    assert actors["a1"].name == "Smith"
    assert Actor.objects.count() == 3


def test_a_later_candidate_finds_the_actor_an_earlier_one_made():
    actors = resolve_actors(
        [
            _actor("a1", "Rishi Sunak", "Mr Sunak"),
            _actor("a2", "Mr Sunak"),
            _actor("a3", "Sunak", kind="organisation"),  # another kind: another actor
        ]
    )
    assert actors["a1"] == actors["a2"]
    assert actors["a1"].pk is not None
    assert actors["a3"] != actors["a1"]
    assert Actor.objects.count() == 2


def test_an_actor_another_worker_inserted_first_is_used():
    theirs = Actor.objects.create(name="Lord Cameron", kind="person")
    ours = [
        Actor(name="Lord Cameron", key="lord cameron", kind="person"),
        Actor(name="Tim Loughton", key="tim loughton", kind="person"),
    ]
    replaced = _insert_actors(ours)
    assert replaced == {id(ours[0]): theirs}
    assert ours[1].pk is not None
    assert Actor.objects.count() == 2


def test_a_claim_another_worker_inserted_first_is_not_counted_as_new():
    Claim.objects.create(text="Taxes rose.", fingerprint="f1")
    ours = [
        Claim(text="Taxes rose.", fingerprint="f1"),
        Claim(text="No.", fingerprint="f2"),
    ]
    inserted = _insert_claims(ours)
    assert [c.fingerprint for c in inserted] == ["f2"]
    assert Claim.objects.count() == 2


def test_a_claim_an_article_no_longer_makes_loses_its_title_from_search():
    """Re-analysed without the claim, an article no longer finds it by its title."""
    kept = Article.objects.create(title="Budget leak", origin="text", text="x")
    other = Article.objects.create(title="Harbour story", origin="text", text="x")
    text, analysis = _analysis(1, "Delta")
    for article in (kept, other):
        Article.objects.filter(pk=article.pk).update(
            text=text, status=Article.Status.ANALYSING
        )
        article.refresh_from_db()
        store_analysis(article, analysis, extractor_version="t")
    claim = Claim.objects.get()
    assert "Harbour story" in claim.search_text
    before = claim.updated_at

    Article.objects.filter(pk=other.pk).update(status=Article.Status.ANALYSING)
    other.refresh_from_db()
    empty = Analysis(sentences=[], actors=[], claims=[])
    store_analysis(other, empty, extractor_version="t")

    claim.refresh_from_db()
    assert "Budget leak" in claim.search_text
    assert "Harbour story" not in claim.search_text
    assert claim.updated_at > before
    other.refresh_from_db()
    assert other.status == Article.Status.DONE
    assert other.extractor_version == f"t; analyser-{analyser_version()}"


def _said(words: str, *, stands_alone: bool = True) -> Analysis:
    """An article where the mayor says ``words``, one appearance."""
    return Analysis(
        sentences=[],
        actors=[_actor("a0", "Mayor Ann Kowalski")],
        claims=[
            ClaimCandidate(
                text=words,
                content=[Span(0, len(words), words)],
                speaker="Mayor Ann Kowalski",
                speaker_key="a0",
                stands_alone=stands_alone,
            )
        ],
    )


@pytest.mark.parametrize("judged", [False, True], ids=["unjudged", "judged"])
def test_a_claim_read_again_in_other_words_takes_them_unless_judged(
    judged: bool, django_user_model
):
    """Read again by a better analyser, an article's claim in other words is a
    new claim in those words, and the old one goes; one an editor judged keeps
    its verdict and takes the new words as a wording of it."""
    article = Article.objects.create(title="Harbour", origin="text", text="x")

    def store(words: str) -> Claim:
        Article.objects.filter(pk=article.pk).update(status=Article.Status.ANALYSING)
        article.refresh_from_db()
        store_analysis(article, _said(words), extractor_version="t")
        return article.appearances.get().claim

    before = "the harbour tax will rise by four per cent next year"
    after = "the harbour tax will rise by four per cent next year for every ferry"
    old = store(before)
    if judged:
        editor = django_user_model.objects.create_user("ed")
        Review.objects.create(claim=old, reviewer=editor, verdict="verified")
    new = store(after)
    if judged:
        assert new.pk == old.pk and new.text == before
    else:
        assert new.text == after
        assert not Claim.objects.filter(pk=old.pk).exists()
    assert Claim.objects.count() == 1


def test_a_claim_read_again_takes_its_words_even_when_they_were_linked_to_it():
    """A wording an earlier analysis of the article linked to an unjudged
    claim of its own is other words too: read again, the article gets a claim
    in those words."""
    article = Article.objects.create(title="Harbour", origin="text", text="x")
    before = "the harbour tax will rise by four per cent next year"
    after = "the harbour tax will rise by four per cent next year for every ferry"
    Article.objects.filter(pk=article.pk).update(status=Article.Status.ANALYSING)
    article.refresh_from_db()
    store_analysis(article, _said(before), extractor_version="t")
    old = article.appearances.get().claim
    mayor = Actor.objects.get(name="Mayor Ann Kowalski")
    ClaimWording.objects.create(
        claim=old,
        fingerprint=Claim.make_fingerprint(after, mayor.pk),
        text_key=text_key(after),
        method="semantic",
        score=0.9,
    )

    Article.objects.filter(pk=article.pk).update(status=Article.Status.ANALYSING)
    article.refresh_from_db()
    store_analysis(article, _said(after), extractor_version="t")

    assert article.appearances.get().claim.text == after
    assert not Claim.objects.filter(pk=old.pk).exists()


def test_words_that_point_back_into_an_article_are_a_claim_of_it_alone():
    """ "The mayor criticised the report" in two articles: two reports, so two
    claims; a claim that stands alone is still one claim wherever it appears."""
    articles = [
        Article.objects.create(title=t, origin="text", text="the report")
        for t in ("Bus fares", "School meals")
    ]

    def store(article, analysis):
        Article.objects.filter(pk=article.pk).update(status=Article.Status.ANALYSING)
        article.refresh_from_db()
        store_analysis(article, analysis, extractor_version="t")

    for article in articles:
        store(article, _said("the report", stands_alone=False))
    bus, meals = (a.appearances.get().claim_id for a in articles)
    assert bus != meals
    # Processed again, an article keeps its own claim: none is duplicated.
    store(articles[0], _said("the report", stands_alone=False))
    assert articles[0].appearances.get().claim_id == bus
    assert Claim.objects.count() == 2

    for article in articles:
        store(article, _said("the report", stands_alone=True))
    assert len({a.appearances.get().claim_id for a in articles}) == 1


def test_merging_speakers_keeps_words_pointing_back_apart():
    """Two speakers each "criticised the report" in their own story; found to
    be one person, they still made two claims, one in each story."""
    from claims.services.corrections import actor_merge

    articles = [
        Article.objects.create(title=t, origin="text", text="the report")
        for t in ("Bus fares", "School meals")
    ]
    for article, name in zip(articles, ("Ann Kowalska", "A. Kowalski"), strict=True):
        Article.objects.filter(pk=article.pk).update(status=Article.Status.ANALYSING)
        article.refresh_from_db()
        analysis = _said("the report", stands_alone=False)
        analysis.actors = [_actor("a0", name)]
        analysis.claims[0].speaker = name
        store_analysis(article, analysis, extractor_version="t")
    person = Actor.objects.create(name="Ann Kowalski", kind="person")
    for name in ("Ann Kowalska", "A. Kowalski"):
        actor_merge(actor=Actor.objects.get(name=name), into=person)
    claims = Claim.objects.filter(appearances__article__in=articles).distinct()
    assert claims.count() == 2
    assert {c.claimant_id for c in claims} == {person.pk}
    assert {c.scope_article_id for c in claims} == {a.pk for a in articles}


def _search_fields() -> dict[int, tuple]:
    return {
        pk: (text, str(vector))
        for pk, text, vector in Claim.objects.values_list(
            "pk", "search_text", "search_vector"
        )
    }


def test_new_claims_are_stored_with_the_search_fields_a_refresh_gives():
    """The store writes new claims' search text (and vector) as it inserts them;
    a full refresh afterwards changes nothing."""
    outlet = Source.objects.create(name="Harbour Gazette")
    known = Actor.objects.create(name="Speaker Zeta0", kind="person")
    ActorAlias.objects.create(actor=known, key="the speaker", name="The Speaker")
    text, analysis = _analysis(3, "Zeta")
    article = Article.objects.create(
        title="Harbour dues", source=outlet, text=text, origin="text",
        status=Article.Status.ANALYSING,
    )  # fmt: skip
    store_analysis(article, analysis, extractor_version="t")
    stored = _search_fields()
    assert len(stored) == 3
    assert stored[Claim.objects.get(claimant=known).pk][0] == (
        "Speaker Zeta0 \nThe Speaker \nMr Zeta0 \nHarbour dues \nHarbour Gazette"
    )

    Claim.objects.all().refresh_search()

    assert _search_fields() == stored


def _commit_setting() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("async_commit", [True, False])
def test_only_the_store_transaction_commits_without_waiting_for_the_disk(
    monkeypatch, settings, async_commit
):
    settings.STORE_ASYNC_COMMIT = async_commit
    seen = []
    real = store_module.resolve_actors

    def resolve_and_look(candidates):
        seen.append(_commit_setting())
        return real(candidates)

    monkeypatch.setattr(store_module, "resolve_actors", resolve_and_look)
    text, analysis = _analysis(2, "Epsilon")
    article = Article.objects.create(
        text=text, origin="text", status=Article.Status.ANALYSING
    )
    store_analysis(article, analysis, extractor_version="t")

    assert seen == ["off" if async_commit else "on"]
    assert _commit_setting() == "on"  # the next transaction waits again
    assert article.appearances.count() == 2
