"""Names as written -> whether two of them name the same actor.

Pure string tests shared by actor resolution: a person's shorter or misspelt
name ("Duncan Smith", "Kristen Lee"), an organisation's acronym, head word,
or a name inside a longer one, and one letter off ("Untied Rail").
"""

from __future__ import annotations

import re

from claims.ingest.name_words import ORG_HEADS

# Words left out of an organisation's initials ("Bank of England" -> BE).
CONNECTORS = {"of", "on", "for", "and", "the", "de", "du", "des", "in", "&"}


def initials_match(words: list[str], acronym: str) -> bool:
    initials = "".join(
        part[0].upper() for word in words for part in word.split("-") if part
    )
    letters = [c for c in acronym.upper() if c.isalpha()]
    if not initials or not letters or initials[0] != letters[0]:
        return False
    if len(letters) >= 3 and sorted(initials) == sorted(letters):
        return True  # an acronym of the name in another language, same words
    # Every letter of the acronym appears, in order, among the initials.
    remaining = iter(initials)
    return (
        all(letter in remaining for letter in letters)
        and len(initials) <= len(letters) + 2
    )


def name_key(name: str) -> str:
    """ "New People's Party" and "New People Party" compare equal."""
    return " ".join(re.sub(r"['’]s\b", "", name).lower().split())


def inside_name(words: list[str], longer: list[str]) -> bool:
    """Whether ``words`` name the same body inside a longer name ("Home Office"
    in "United Kingdom Home Office"), not a body within it ("Lee University" in
    "Lee University Chess Club")."""
    size = len(words)
    if len(longer) <= size:
        return False
    complete = any(w in ORG_HEADS for w in words)  # "Lee University"
    for i in range(len(longer) - size + 1):
        if longer[i : i + size] == words:
            rest = longer[i + size :]
            return not (complete and any(w in ORG_HEADS for w in rest))
    return False


def acronym_letters(name: str) -> str:
    """ "U.N." -> "UN", "NATO" -> "NATO"; "" for a name that is no acronym."""
    letters = name.replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters
    return ""


def org_initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", re.sub(r"['’]s\b", "", name)) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in CONNECTORS)


def org_heads(name: str) -> set[str]:
    """The words a one-word short form may take: the first and last words and
    the word before "of" ("Church of England" -> church, england)."""
    words = name_key(name).split()
    heads = {words[0], words[-1]}
    if "of" in words:
        heads.add(words[words.index("of") - 1])
    heads.discard("of")
    return heads


def same_person(words: list[str], known: list[str]) -> bool:
    if words == known:
        return True
    if len(words) < len(known) and known[-len(words) :] == words:
        return True  # "Duncan Smith" in "Iain Duncan Smith"
    if words[-1] == known[-1] and len(words) == len(known) == 2:
        # "Kristin Lee" and "Kristen Lee": one misspelt given name.
        return one_letter_apart(words[0], known[0])
    # "Hillary Clinton" and "Hillary Rodham Clinton"
    return words[0] == known[0] and words[-1] == known[-1]


def misspelt(words: list[str], name: str) -> bool:
    """Whether ``words`` spell ``name`` but for one word one letter off."""
    other = name_key(name).split()
    if len(other) != len(words):
        return False
    differ = [(a, b) for a, b in zip(words, other, strict=True) if a != b]
    return len(differ) == 1 and one_letter_apart(*differ[0])


def one_letter_apart(a: str, b: str) -> bool:
    """One letter changed, added, dropped, or swapped with the next."""
    if min(len(a), len(b)) < 5 or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
        return len(diff) == 1 or swapped
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
