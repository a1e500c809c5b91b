"""Claim matching: repeats join the claim they repeat, near ones go to editors."""

from __future__ import annotations

import numpy as np
import pytest

from claims.ingest import embed, matching
from claims.ingest.analysis import Analysis
from claims.ingest.store import store_analysis
from claims.models import (
    Article,
    Claim,
    ClaimMatch,
    ClaimVector,
    ClaimWording,
    MatchTerm,
)
from claims.services import matching as service
from claims.services.corrections import claim_correct, claims_merge
from tests.factories import analysis_of

pytestmark = pytest.mark.django_db

MINISTER = "Ana Ruiz"
REPEATER = "Tom Berg"


def _analysis(sentences: list[tuple[str, str]]) -> tuple[str, Analysis]:
    return analysis_of(sentences)


def _analyse(article: Article, analysis: Analysis, vectors) -> None:
    if vectors is True:
        vectors = service.embed_texts([c.text for c in analysis.claims])
    store_analysis(article, analysis, extractor_version="t", vectors=vectors)


def _store(sentences: list[tuple[str, str]], tag: str, *, vectors=None) -> Article:
    text, analysis = _analysis(sentences)
    article = Article.objects.create(
        text=text, origin="text", status=Article.Status.ANALYSING, content_hash=tag
    )
    _analyse(article, analysis, vectors)
    return article


def _analyse_again(article: Article, sentences, vectors=None) -> None:
    Article.objects.filter(pk=article.pk).update(status=Article.Status.ANALYSING)
    article.refresh_from_db()
    text, analysis = _analysis(sentences)
    assert text == article.text
    _analyse(article, analysis, vectors)


WORDS = "the national debt has doubled since the last election in 2019"


def test_the_same_words_from_someone_else_join_the_claim_they_repeat():
    first = _store([(MINISTER, WORDS)], "a")
    claim = Claim.objects.get()
    second = _store(
        [(REPEATER, "The national debt has DOUBLED since the last election in 2019")],
        "b",
    )

    assert Claim.objects.count() == 1
    repeat = second.appearances.get()
    assert repeat.claim == claim
    assert repeat.match_method == "exact"
    assert repeat.speaker.name == REPEATER
    assert first.appearances.get().speaker.name == MINISTER


def test_a_judged_claim_repeated_shows_its_verdict_at_once(editor):
    _store([(MINISTER, WORDS)], "a")
    claim = Claim.objects.get()
    claim.record_verdict(reviewer=editor, verdict="false")
    second = _store([(REPEATER, WORDS)], "b")
    assert second.appearances.get().claim.verdict == "false"


def test_lightly_edited_words_are_linked_and_analysing_again_changes_nothing():
    _store([(MINISTER, WORDS)], "a")
    edited = "the national debt has doubled since the last general election in 2019"
    second = _store([(REPEATER, edited)], "b")
    repeat = second.appearances.get()
    assert repeat.claim.text == WORDS
    assert repeat.match_method == "lexical"
    assert repeat.match_score >= 0.85
    assert ClaimWording.objects.filter(claim=repeat.claim).count() == 1

    _analyse_again(second, [(REPEATER, edited)])
    assert Claim.objects.count() == 1
    again = second.appearances.get()
    assert (again.claim_id, again.match_method) == (repeat.claim_id, "lexical")


def test_a_changed_number_goes_to_editors_instead_of_being_linked():
    _store([(MINISTER, WORDS)], "a")
    _store([(REPEATER, WORDS.replace("2019", "2017"))], "b")
    assert Claim.objects.count() == 2
    proposal = ClaimMatch.objects.get()
    assert proposal.status == "proposed"
    assert proposal.target.text == WORDS
    assert proposal.claim.text.endswith("2017")


def test_unrelated_claims_are_left_alone():
    _store([(MINISTER, WORDS)], "a")
    _store([(REPEATER, "hospital waiting lists fell for the third month running")], "b")
    assert Claim.objects.count() == 2
    assert not ClaimMatch.objects.exists()


def test_new_claims_are_indexed_for_later_ones():
    _store([(MINISTER, WORDS)], "a")
    claim = Claim.objects.get()
    keys = set(MatchTerm.objects.filter(claim=claim).values_list("key", flat=True))
    assert keys == set(matching.term_keys(WORDS))


def test_accepting_a_proposal_merges_the_claims_and_keeps_the_decision(editor):
    _store([(MINISTER, WORDS)], "a")
    second = _store([(REPEATER, WORDS.replace("2019", "2017"))], "b")
    proposal = ClaimMatch.objects.get()
    survivor = service.match_accept(proposal, editor)
    assert survivor.text == WORDS
    assert Claim.objects.count() == 1
    assert second.appearances.get().claim == survivor
    proposal.refresh_from_db()
    assert (proposal.status, proposal.claim, proposal.decided_by) == (
        "accepted",
        None,
        editor,
    )
    with pytest.raises(service.MatchDecided):
        service.match_accept(proposal, editor)
    # Analysed again, the merged words find the survivor, and nothing is proposed.
    _analyse_again(second, [(REPEATER, WORDS.replace("2019", "2017"))])
    assert Claim.objects.count() == 1
    assert ClaimMatch.objects.filter(status="proposed").count() == 0


def test_a_rejected_pair_is_not_proposed_again(editor):
    _store([(MINISTER, WORDS)], "a")
    changed = WORDS.replace("2019", "2017")
    second = _store([(REPEATER, changed)], "b")
    service.match_reject(ClaimMatch.objects.get(), editor)
    _analyse_again(second, [(REPEATER, changed)])
    assert Claim.objects.count() == 2
    assert list(ClaimMatch.objects.values_list("status", flat=True)) == ["rejected"]


def test_splitting_a_wrong_link_gives_the_appearances_their_own_claim(editor):
    first = _store([(MINISTER, WORDS)], "a")
    edited = "the national debt has doubled since the last general election in 2019"
    second = _store([(REPEATER, edited)], "b")
    claim = first.appearances.get().claim
    moved = second.appearances.get()

    twin = service.claim_split(claim, [moved.pk], editor)
    assert twin.text == edited
    assert twin.claimant.name == REPEATER
    assert second.appearances.get().claim == twin
    assert first.appearances.get().claim == claim
    assert ClaimMatch.objects.get(claim=twin, target=claim).status == "rejected"
    # The split holds when the article is analysed again.
    _analyse_again(second, [(REPEATER, edited)])
    assert second.appearances.get().claim == twin
    with pytest.raises(ValueError, match="at least one"):
        service.claim_split(claim, [first.appearances.get().pk], editor)


def test_merging_claims_keeps_pending_pairs_consistent(editor):
    _store([(MINISTER, WORDS)], "a")
    _store([(REPEATER, WORDS.replace("2019", "2017"))], "b")
    old, new = Claim.objects.order_by("pk")
    third = _store([("Eva Lind", "exports of steel rose sharply last year")], "c")
    other = third.appearances.get().claim
    claims_merge(survivor=other, duplicate=new)
    pair = ClaimMatch.objects.get()
    assert (pair.claim, pair.target) == (other, old)


def test_a_corrected_claim_is_still_found_by_its_old_words(editor):
    article = _store([(MINISTER, WORDS)], "a")
    claim = Claim.objects.get()
    claim_correct(
        claim=claim,
        editor=editor,
        version=claim.version,
        text="The national debt has doubled since the 2019 election",
        claimant=claim.claimant,
    )
    _analyse_again(article, [(MINISTER, WORDS)])
    assert Claim.objects.count() == 1
    assert article.appearances.get().claim == claim


def test_the_timeline_lists_appearances_with_speakers_and_changed_words():
    _store([(MINISTER, WORDS)], "a")
    edited = "the national debt has doubled since the last general election in 2019"
    _store([(REPEATER, edited)], "b")
    claim = Claim.objects.get()
    first, second = service.timeline(claim)
    assert first.first and not second.first
    assert first.same_speaker and not second.same_speaker
    assert "<ins>general</ins>" in second.changes


def test_word_diff_escapes_what_it_shows():
    shown = service.word_diff("a <b>", "a <script>x</script>")
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown


HOMES = "The government will build 300,000 new homes every year"
HOUSES = "Each year the government is going to construct 300,000 new houses"


@pytest.mark.skipif(not embed.available(), reason="the MiniLM model is not installed")
def test_a_reworded_claim_is_found_by_its_meaning(settings):
    settings.MATCH_LINK_SEMANTIC = 0.99  # so the pair goes to editors
    settings.MATCH_PROPOSE_SEMANTIC = 0.8
    _store([(MINISTER, HOMES)], "a", vectors=True)
    claim = Claim.objects.get()
    assert ClaimVector.objects.filter(claim=claim).exists()
    _store([(REPEATER, HOUSES)], "b", vectors=True)
    pair = ClaimMatch.objects.get()
    assert (pair.method, pair.target, pair.claim.text) == ("semantic", claim, HOUSES)
    assert 0.8 <= pair.score < 0.99


@pytest.mark.skipif(not embed.available(), reason="the MiniLM model is not installed")
def test_a_reworded_claim_above_the_link_score_joins_the_claim(settings):
    settings.MATCH_LINK_SEMANTIC = 0.85
    first = _store([(MINISTER, HOMES)], "a", vectors=True)
    second = _store([(REPEATER, HOUSES)], "b", vectors=True)
    repeat = second.appearances.get()
    assert repeat.claim == first.appearances.get().claim
    assert repeat.match_method == "semantic"
    assert not ClaimMatch.objects.exists()


def test_vectors_survive_packing():
    vector = np.random.default_rng(1).normal(size=embed.STATIC_DIMENSIONS)
    vector = vector.astype(np.float32)
    vector /= np.linalg.norm(vector)
    assert float(np.dot(vector, matching.unpack(matching.pack(vector)))) > 0.999


@pytest.mark.skipif(not embed.available(), reason="the MiniLM model is not installed")
def test_a_vector_from_an_earlier_model_is_not_compared(settings):
    settings.MATCH_LINK_SEMANTIC = 0.85
    first = _store([(MINISTER, HOMES)], "a", vectors=True)
    claim = first.appearances.get().claim
    old = np.ones(384, dtype=np.float32) / np.sqrt(384)  # MiniLM's size
    ClaimVector.objects.filter(claim=claim).update(vector=matching.pack(old))
    vector = embed.static([HOUSES])[0]
    found = service.find_matches([HOUSES], {HOUSES: vector})[0]
    assert found is None or found.method != "semantic"


def test_numbers_and_negation_are_facts_that_block_links():
    assert matching.same_facts("rose by three per cent", "rose by 3 per cent")
    assert not matching.same_facts("rose by 3 per cent", "rose by 30 per cent")
    assert not matching.same_facts("we will raise taxes", "we will not raise taxes")
    verdict = matching.decide(
        "we will raise taxes next year",
        "we will not raise taxes next year",
        lexical=0.9,
        semantic=0.97,
        thresholds=matching.Thresholds(),
    )
    assert verdict.action == matching.PROPOSE


def test_index_claims_indexes_what_was_stored_before_matching(capsys):
    from django.core.management import call_command

    from claims.models import Claim as ClaimModel

    old = ClaimModel.objects.create(
        text=WORDS, fingerprint=ClaimModel.make_fingerprint(WORDS, None)
    )
    assert not MatchTerm.objects.filter(claim=old).exists()
    call_command("index_claims")
    assert set(
        MatchTerm.objects.filter(claim=old).values_list("key", flat=True)
    ) == set(matching.term_keys(WORDS))
    assert ClaimVector.objects.filter(claim=old).exists() == service.semantic_enabled()
    # Other words for the same claim now find the old claim.
    found = service.find_matches([WORDS.replace("last", "previous")])[0]
    assert found.claim == old
    call_command("index_claims")  # nothing missing: nothing added
    assert MatchTerm.objects.filter(claim=old).count() == len(matching.term_keys(WORDS))


def test_a_proposal_goes_when_analysing_again_drops_its_claim():
    _store([(MINISTER, WORDS)], "a")
    changed = WORDS.replace("2019", "2017")
    second = _store([(REPEATER, changed)], "b")
    assert ClaimMatch.objects.filter(status="proposed").count() == 1
    # A better analysis no longer finds the claim in the article.
    Article.objects.filter(pk=second.pk).update(status=Article.Status.ANALYSING)
    second.refresh_from_db()
    store_analysis(
        second, Analysis(sentences=[], actors=[], claims=[]), extractor_version="t"
    )
    assert Claim.objects.count() == 1
    assert not ClaimMatch.objects.exists()


def test_a_split_announces_its_new_claim_to_webhooks(editor, monkeypatch):
    announced = []
    monkeypatch.setattr(
        service, "webhooks_claims_created", lambda claims: announced.extend(claims)
    )
    first = _store([(MINISTER, WORDS)], "a")
    edited = "the national debt has doubled since the last general election in 2019"
    second = _store([(REPEATER, edited)], "b")
    twin = service.claim_split(
        first.appearances.get().claim, [second.appearances.get().pk], editor
    )
    assert announced == [twin]
