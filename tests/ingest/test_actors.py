"""Actors: entity cleaning, typing, aliases and resolution within one article."""

from pathlib import Path

import pytest

from claims.ingest.actors import find_actors, is_government
from claims.ingest.analysis import ActorCandidate, analyse
from claims.ingest.extract import clean_text
from claims.ingest.nlp import parse

DEMO = (
    Path(__file__).resolve().parents[2]
    / "claims/demo/china-hackers-mps-electoral-commission.txt"
)


def actors_of(text: str) -> dict[str, ActorCandidate]:
    return {a.name: a for a in find_actors(parse(text)).actors}


def test_it_finds_the_demo_actors():
    text = clean_text(DEMO.read_text(encoding="utf-8"))
    actors = {a.name: a for a in analyse(text).actors}
    for name in (
        "APT31",
        "Electoral Commission",
        "National Cyber Security Centre",
        "Wang Yi",
        "Alison Giles",
        "Chris Cash",
        "Tom Tugendhat",
        "Alicia Kearns",
        "Inter-Parliamentary Alliance on China",
    ):
        assert name in actors, name
    assert "NCSC" in actors["National Cyber Security Centre"].aliases
    assert "IPAC" in actors["Inter-Parliamentary Alliance on China"].aliases
    assert actors["Electoral Commission"].kind == "government"
    assert actors["National Cyber Security Centre"].kind == "government"
    assert actors["Wang Yi"].kind == "person"
    assert actors["Oliver Dowden"].aliases == ["Mr Dowden"]
    assert "Sir Iain" in actors["Iain Duncan Smith"].aliases
    assert "Foreign Secretary Lord Cameron" not in actors
    assert "Lord Cameron" in actors


def test_it_gives_an_organisation_its_parenthesised_acronym():
    text = (
        "The Coalition for Open Roads (COR) protested on Monday. "
        "Later that week COR sued the city."
    )
    actor = actors_of(text)["Coalition for Open Roads"]
    assert actor.kind == "organisation"
    assert actor.aliases == ["COR"]
    assert len(actor.mentions) == 3


def test_it_finds_alphanumeric_group_codes():
    text = "Officials blamed the Moscow-linked hacking group ZX9 for the breach."
    assert actors_of(text)["ZX9"].kind == "organisation"


def test_it_does_not_take_every_code_for_a_group():
    text = "The flight BA2490 landed at 6pm."
    assert "BA2490" not in actors_of(text)


def test_it_strips_titles_and_honorifics():
    text = (
        "Deputy Prime Minister Helen Marsh visited the plant. "
        "Mrs Marsh met workers there."
    )
    actor = actors_of(text)["Helen Marsh"]
    assert actor.kind == "person"
    assert "Mrs Marsh" in actor.aliases


def test_it_keeps_hyphenated_given_names():
    text = "Kwok Ka-ki won the seat, beating Lam Siu-fai."
    actors = actors_of(text)
    assert "Kwok Ka-ki" in actors


def test_it_drops_a_leading_the_from_organisations():
    text = "The Electoral Commission said the register was safe."
    assert "Electoral Commission" in actors_of(text)


@pytest.mark.parametrize(
    ("name", "government"),
    [
        ("Ministry of Defence", True),
        ("Department for Education", True),
        ("National Crime Agency", True),
        ("Home Office", True),
        ("Greenpeace", False),
        ("Bank of Scotland", False),
    ],
)
def test_it_types_government_bodies(name: str, government: bool):
    assert is_government(name) is government


def test_it_types_countries_and_groups():
    actors = actors_of("French farmers protested in Germany on Monday.")
    assert actors["Germany"].kind == "country"
    assert actors["French"].kind == "group"
