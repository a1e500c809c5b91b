"""spaCy entity spans -> corrected (start, end, label) spans, and the tests an
organisation name must pass.

Input: a parsed ``Doc``. Output: token ranges with a spaCy label (PERSON, ORG,
GPE, NORP), after the small model's frequent slips are repaired with evidence
from the same article: a person tagged ORG ("Dean Smith said"), a party tagged
PERSON ("Ann Lee of Civic Action"), a first name and surname cut apart, a
hyphenated given name cut short, a place tagged ORG where it is a GPE
elsewhere, a newspaper or ministry tagged as a building or not at all ("the
Daily Gazette", "the Saudi Interior Ministry"), a body cut short before "of" or
"for", and two names run together ("Museum of Art at Lee University").
``trim_org_tokens`` and ``is_plausible_org`` clean and filter organisation
names (events, buildings, job titles, common nouns).
Pure: no ORM, settings or network.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token

from claims.ingest import entity_context
from claims.ingest.entity_context.spans import tokens_of
from claims.ingest.name_words import NAME_PARTICLES, ORG_HEADS, TITLE_WORDS

# Words that follow a place or an organisation to make a job title ("Home
# Secretary", "Foreign Minister"): the entity before them is no organisation.
OFFICE_WORDS = {"secretary", "minister", "spokesman", "spokeswoman",
                "spokesperson", "secretary-general"}  # fmt: skip
# Last words of events and buildings, which the NER often tags ORG.
EVENT_HEADS = {
    "cup", "championship", "championships", "fair", "expo", "festival",
    "olympics", "awards", "prize", "conference", "summit", "tournament",
    "marathon", "election", "elections", "war",
    # Programmes and holdings, run by a body but none themselves.
    "program", "programme", "project", "collection", "collections",
}  # fmt: skip
# Nouns after a place's name ("Dalmore county"): the name is a place's.
PLACE_NOUNS = {"county", "province", "city", "district", "region", "village",
               "town", "prefecture", "island", "municipality", "state"}  # fmt: skip
FACILITY_HEADS = {
    "station", "airport", "stadium", "tower", "towers", "building", "bridge",
    "street", "avenue", "road", "square", "highway", "plaza",
}  # fmt: skip
_VENUE = re.compile(r"\b(convention|exhibition|shopping|conference) cent(re|er)$", re.I)
RELIGIONS = {"islam", "christianity", "judaism", "hinduism", "buddhism",
             "sikhism", "catholicism", "protestantism", "atheism"}  # fmt: skip
TIME_ZONES = {"gmt", "utc", "bst", "est", "edt", "cst", "cdt", "mst", "mdt",
              "pst", "pdt", "cet", "cest", "aest", "ist", "jst"}  # fmt: skip
# Words that end an image or video caption glued to a name ("Ann Lee Image").
CAPTION_WORDS = {"image", "photo", "picture", "video", "audio", "file"}
# Verbs whose subject is almost always a person when named with a full name.
SPEECH_VERBS = {"say", "tell", "add", "explain", "recall", "write", "note",
                "insist", "admit", "claim", "argue"}  # fmt: skip
# Capitalised words before a surname that are no given name.
_NOT_GIVEN = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof",
              "lord", "baroness", "lady", "st", "image", "photo", "video"}  # fmt: skip
# First words of named storms, operations and flights, never of a person.
_NOT_PERSON_FIRST = {"hurricane", "storm", "typhoon", "cyclone", "tropical",
                     "operation", "flight"}  # fmt: skip
# Words of place and state names ("United Nations", "North Korea").
_PLACE_WORDS = {"united", "nations", "states", "kingdom", "republic", "north",
                "south", "east", "west", "northern", "southern", "eastern",
                "western", "island", "islands"}  # fmt: skip
# Prefixes of a stance word before a name ("pro-Beijing", "anti-war").
_STANCE = {"pro", "anti", "pan", "non", "ex"}
# A romanised East Asian given name ("Cheuk-ting", "Jong-un").
_HYPHENATED_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")
_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Za-z]+)?$")
_WEB_ADDRESS = re.compile(r"\w\.(com|org|net|gov|edu|info|io|co\.uk)\b", re.I)
# Title words that also name a party or a body on their own.
_PARTY_TITLES = {"labour", "conservative", "tory", "democrat", "democratic",
                 "republican", "gop", "treasury", "state"}  # fmt: skip
_ROMAN = re.compile(r"^[IVX]+$")
_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_MISTYPED_LABELS = {"FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"}
_ORG_CONNECTORS = {"of", "for", "on", "the", "and", "&"}
_WHEN = {"DATE", "TIME", "CARDINAL", "ORDINAL"}


def corrected(doc: Doc) -> list[tuple[int, int, str]]:
    """The doc's PERSON/ORG/GPE/NORP entities as (start, end, label) token
    ranges, with labels and bounds repaired."""
    ents = [[e.start, e.end, e.label_] for e in doc.ents if e.label_ in _LABELS]
    ents += _organisations_mistyped(doc)
    ents = _with_untagged_organisations(doc, ents)
    lower_words = lower_case_words(doc)
    ents = entity_context.with_context(doc, ents, lower_words)
    ents = _merge_split_names(doc, ents)
    for ent in ents:
        if ent[2] == "PERSON" and ent[1] - ent[0] > 1:
            ent[1] = _extend_hyphenated(doc, ent[1])
    votes = _label_votes(doc, ents)
    ents = _join_given_names(doc, ents, votes, lower_words)
    result: list[tuple[int, int, str]] = []
    for position, (start, end, label) in enumerate(ents):
        label = _relabel(doc, ents, position, votes, lower_words)
        if label == "ORG":
            tokens = trim_org_tokens(list(doc[start:end]))
            if not tokens:
                continue
            key = _key(doc, start, end)
            start, end = tokens[0].i, tokens[-1].i + 1
            start = _after_person_and_the(doc, start, end, votes)
            trimmed = _key(doc, start, end)
            if trimmed != key and "GPE" in votes.get(trimmed, ()):
                label = "GPE"  # "the Los Angeles Sheriff" -> a place
            elif trimmed != key and _is_person_name(doc[start:end].text.split()):
                label = "PERSON"  # "pro-Harbour Ho Ka-ming"
        if label:
            result.append((start, end, label))
    result.extend(_people_after_organisations(doc, ents))
    result = _split_organisations(doc, result, votes)
    result = [_extend_organisation(doc, ent, result) for ent in result]
    result.sort()
    return result


def _organisations_mistyped(doc: Doc) -> list[list]:
    """A place, building, product or work whose name ends in an organisation's
    head word ("the Saudi Gazette" tagged FAC) is an organisation."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in _MISTYPED_LABELS:
            continue
        words = [t for t in ent if not t.is_punct]
        if len(words) < 2 or words[-1].lower_ not in ORG_HEADS:
            continue
        if not all(t.text[:1].isupper() or t.lower_ in _ORG_CONNECTORS for t in words):
            continue
        found.append([ent.start, ent.end, "ORG"])
    return found


def _with_untagged_organisations(doc: Doc, ents: list[list]) -> list[list]:
    """ "the Saudi Interior Ministry", "the Deseret News": capitalised words
    ending in an organisation's head word that the model left untagged (or
    tagged only in part, as a nationality) make an organisation."""
    tagged: dict[int, list] = {}
    for ent in ents:
        for i in range(ent[0], ent[1]):
            tagged[i] = ent
    added = []
    for token in tokens_of(doc, ORG_HEADS):
        if token.lower_ not in ORG_HEADS or not _NAME_WORD.match(token.text):
            continue
        if token.i in tagged or token.is_sent_start:
            continue
        first = token.i
        while first > 0:
            before = doc[first - 1]
            ent = tagged.get(before.i)
            if ent is not None and ent[2] not in ("NORP", "GPE"):
                break
            if not (
                _NAME_WORD.match(before.text) or (before.is_upper and before.is_alpha)
            ):
                break
            if before.is_sent_start:
                if before.lower_ != "the":
                    first -= 1
                break
            first -= 1
        if first == token.i:
            continue
        for i in range(first, token.i):
            ent = tagged.get(i)
            if ent is not None and ent in ents:
                ents.remove(ent)  # "Saudi" NORP inside "Saudi Interior Ministry"
        added.append([first, token.i + 1, "ORG"])
    return sorted(ents + added)


def _split_organisations(
    doc: Doc, ents: list[tuple[int, int, str]], votes: dict[str, Counter[str]]
) -> list[tuple[int, int, str]]:
    """Cut an organisation's name where the model ran it into the next name:
    a person named after it ("... Relations Ann Lee", where "Lee" is a person
    elsewhere), or a second body after "at" ("Museum of Art at Lee University")."""
    result: list[tuple[int, int, str]] = []
    for start, end, label in ents:
        if label != "ORG" or end - start < 4:
            result.append((start, end, label))
            continue
        tokens = doc[start:end]
        at = next(
            (t.i for t in tokens if t.lower_ == "at" and start < t.i < end - 1), None
        )
        if at is not None:
            left = [t.lower_ for t in doc[start:at]]
            right = [t.lower_ for t in doc[at + 1 : end]]
            if any(w in ORG_HEADS for w in left) and any(w in ORG_HEADS for w in right):
                result.append((start, at, "ORG"))
                result.append((at + 1, end, "ORG"))
                continue
        given, surname = doc[end - 2], doc[end - 1]
        head_before = any(t.lower_ in ORG_HEADS for t in doc[start : end - 2])
        if (
            head_before
            and _NAME_WORD.match(given.text)
            and _NAME_WORD.match(surname.text)
            and given.lower_ not in ORG_HEADS
            and surname.lower_ not in ORG_HEADS
            and ("PERSON" in votes.get(surname.lower_, ()) or _speech_verb_at(doc, end))
        ):
            result.append((start, end - 2, "ORG"))
            result.append((end - 2, end, "PERSON"))
            continue
        result.append((start, end, label))
    return result


def _extend_organisation(
    doc: Doc, ent: tuple[int, int, str], ents: list[tuple[int, int, str]]
) -> tuple[int, int, str]:
    """ "Joint Council" + "for the Welfare of Immigrants": an organisation's
    head word followed by "of"/"for"/"on" and capitalised words the model left
    out."""
    start, end, label = ent
    if label != "ORG" or doc[end - 1].lower_ not in ORG_HEADS or end >= len(doc):
        return ent
    if doc[end].lower_ not in ("of", "for", "on"):
        return ent
    taken = {
        i: (s, e, lab)
        for s, e, lab in ents
        if (s, e) != (start, end)
        for i in range(s, e)
    }
    index, last = end + 1, None
    while index < len(doc) and index - end <= 8:
        token = doc[index]
        after = taken.get(index)
        if after is not None and after[2] == "ORG" and after[0] == index:
            # "Lee Foundation" + "for the" + "Coastal Arts", tagged apart.
            last = after[1] - 1
            break
        if after is not None and after[2] == "GPE" and after[0] == index:
            # "Lee University" + "of the" + "US": the country it belongs to.
            last = after[1] - 1 if doc[end].lower_ == "of" else last
            break
        if index in taken or token.is_sent_start or token.ent_type_ in _WHEN:
            break  # "the Council on Tuesday"
        if _NAME_WORD.match(token.text) or (token.is_upper and token.is_alpha):
            last = index
        elif token.lower_ not in _ORG_CONNECTORS and token.text != "-":
            break
        index += 1
    return (start, last + 1, label) if last is not None else ent


def _words(doc: Doc, start: int, end: int) -> list[str]:
    return [t.text for t in doc[start:end] if t.is_alpha or "-" in t.text]


def _key(doc: Doc, start: int, end: int) -> str:
    """The lower-case words of ``doc[start:end]`` without punctuation, "the" and
    possessive "'s": the form under which an entity's labels are counted.
    Kept per ``Doc``, as several rules ask for the same entities' keys."""
    keys = doc.user_data.setdefault("entity_keys", {})
    key = keys.get((start, end))
    if key is None:
        key = keys[start, end] = " ".join(
            t.lower_
            for t in doc[start:end]
            if not t.is_punct and t.lower_ != "the" and t.text not in ("'s", "’s")
        )
    return key


def _merge_split_names(doc: Doc, ents: list[list]) -> list[list]:
    """A one-word entity right before a PERSON is the given name the model cut
    off ("Jan" ORG + "Kowalski" PERSON)."""
    merged: list[list] = []
    for ent in ents:
        if merged:
            previous = merged[-1]
            first = doc[previous[0]]
            if (
                previous[1] == ent[0]
                and ent[2] == "PERSON"
                and previous[2] in ("ORG", "PERSON")
                and previous[1] - previous[0] == 1
                and _NAME_WORD.match(first.text)
                and first.lower_ not in TITLE_WORDS
                and first.lower_ not in ORG_HEADS
                and not doc[ent[0]].is_sent_start
            ):
                previous[1], previous[2] = ent[1], "PERSON"
                continue
        merged.append(list(ent))
    return merged


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per ``Doc``: spaCy joins every token anew on
    each access, which for an article costs more than many of the rules."""
    cached = doc.user_data.get("text")
    if cached is None:
        cached = doc.user_data["text"] = doc.text
    return cached


def remember_text(doc: Doc, text: str) -> None:
    """Keep ``doc``'s text for ``doc_text``, given a text ``doc`` was parsed from
    (or one that starts with it), so that it is not joined from the tokens."""
    if len(doc) and "text" not in doc.user_data:
        last = doc[-1]
        doc.user_data["text"] = text[: last.idx + len(last.text_with_ws)]


def lower_case_words(doc: Doc) -> set[str]:
    """The article's whole lower-case words ("state", not "youtube" of
    "youtube-dl"): evidence that a capitalised one is a common noun."""
    cached = doc.user_data.get("lower_case_words")
    if cached is None:
        # Three callers per article.
        words = (w.strip(".,;:!?\"'()[]“”‘’") for w in doc_text(doc).split())
        cached = {w for w in words if w.isalpha() and w.islower()}
        doc.user_data["lower_case_words"] = cached
    return cached


def _join_given_names(
    doc: Doc, ents: list[list], votes: dict[str, Counter[str]], lower_words: set[str]
) -> list[list]:
    """ "Jan" untagged before "Kowalski" PERSON, or a one-word ORG before an
    untagged surname that is a PERSON elsewhere: one person."""
    tagged = {i for start, end, _ in ents for i in range(start, end)}
    for ent in ents:
        start, end, label = ent
        if label == "PERSON" and end - start == 1 and start > 0:
            before = doc[start - 1]
            if (
                before.i not in tagged
                and not before.is_sent_start
                and _NAME_WORD.match(before.text)
                and before.pos_ == "PROPN"
                and before.lower_ not in lower_words
                and before.lower_ not in TITLE_WORDS
                and before.lower_.rstrip(".") not in _NOT_GIVEN
            ):
                ent[0] = start - 1
        elif label in ("ORG", "PERSON") and end - start == 1 and end < len(doc):
            after = doc[end]
            if (
                after.i not in tagged
                and _NAME_WORD.match(doc[start].text)
                and _NAME_WORD.match(after.text)
                and "PERSON" in votes.get(after.lower_, ())
            ):
                ent[1], ent[2] = end + 1, "PERSON"
    return ents


def _extend_hyphenated(doc: Doc, end: int) -> int:
    """ "Wong Ka-tat" tagged only up to "Wong Ka": take in the hyphen and the
    rest of the word."""
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].is_lower
    ):
        return end + 2
    return end


def _label_votes(doc: Doc, ents: list[list]) -> dict[str, Counter[str]]:
    """How often each name (lower-cased, without "the" and "'s") got each label."""
    votes: dict[str, Counter[str]] = {}
    for start, end, label in ents:
        votes.setdefault(_key(doc, start, end), Counter())[label] += 1
    return votes


def _has_org_head(words: list[str]) -> bool:
    return any(w.lower() in ORG_HEADS for w in words)


def _looks_like_person_name(words: list[str]) -> bool:
    return (
        2 <= len(words) <= 3
        and words[0].lower() not in _NOT_PERSON_FIRST
        and not any(w.lower() in _PLACE_WORDS for w in words)
        and all(_NAME_WORD.match(w) for w in words)
        and not any(w.lower() in TITLE_WORDS for w in words)
        and not _has_org_head(words)
    )


def _relabel(
    doc: Doc,
    ents: list[list],
    position: int,
    votes: dict[str, Counter[str]],
    lower_words: set[str],
) -> str | None:
    start, end, label = ents[position]
    words = _words(doc, start, end)
    key = _key(doc, start, end)
    seen_as = votes.get(key, Counter())
    if _has_org_head(words) and label in ("PERSON", "GPE"):
        return "ORG"
    if label == "PERSON" and len(words) == 1:
        # "Norland" tagged PERSON once, GPE (or, as a team, ORG) more often.
        other, count = max(
            ((lab, seen_as[lab]) for lab in ("GPE", "ORG")), key=lambda p: p[1]
        )
        if count > seen_as["PERSON"]:
            return other
        if _after_place_and_comma(doc, ents, position):
            return "GPE"  # "Arvel, Brenshire"
        if words[0].lower() in _product_words(doc):
            return None  # "Glint" after "Hexa Glint"
    if (
        label == "PERSON"
        and len(words) > 1
        and words[-1].isupper()
        and _ROMAN.match(words[-1]) is None
    ):
        return None  # "Arkham VR": a product, no surname is an acronym
    if (
        label in ("ORG", "GPE")
        and _looks_like_person_name(words)
        and not any("GPE" in votes.get(w.lower(), ()) for w in words)
        # "Neither Lee", "Longtime Imus": a common word, not a given name.
        and words[0].lower() not in lower_words
    ):
        if label == "ORG" and seen_as["GPE"] > seen_as["ORG"]:
            return "GPE"
        last = words[-1].lower()
        if (
            "PERSON" in seen_as
            or "PERSON" in votes.get(last, set())
            or any(_HYPHENATED_GIVEN.match(w) for w in words)
            or _before_speech_verb(doc, start, end)
        ):
            return "PERSON"
    if label == "ORG" and end < len(doc) and not _has_org_head(words):
        after = doc[end]
        if after.is_lower and after.lower_ in PLACE_NOUNS:
            return "GPE"  # "in Dalmore county"
        if start > 1 and doc[start - 1].lower_ == "of":
            noun = doc[start - 2]
            if noun.is_lower and noun.lower_ in PLACE_NOUNS:
                return "GPE"  # "the town of Dalmore"
    if label == "ORG" and seen_as["GPE"] > seen_as["ORG"] and not _has_org_head(words):
        return "GPE"
    # "Ann Lee of Civic Action", "Civic Action's Ann Lee": the possessor or
    # the "of" phrase of a person is an organisation (or a place).
    if label == "PERSON" and (
        _after_person_of(doc, ents, position)
        or _possessor_of_person(doc, ents, position)
    ):
        return "GPE" if "GPE" in seen_as else "ORG"
    if (
        label == "ORG"
        and end < len(doc)
        and doc[end].lower_ in OFFICE_WORDS
        and not _has_org_head(words)
    ):
        return None  # "Home Secretary", "Foreign Minister"
    return label


def _after_place_and_comma(doc: Doc, ents: list[list], position: int) -> bool:
    start = ents[position][0]
    before = ents[position - 1] if position > 0 else None
    return (
        before is not None
        and before[2] == "GPE"
        and before[1] == start - 1
        and doc[start - 1].text == ","
        and (start + 1 >= len(doc) or not doc[start + 1].text[:1].isupper())
    )


def _product_words(doc: Doc) -> set[str]:
    """The last words of the article's products, works and events of two or
    more words ("Glint" of "Hexa Glint"): alone, they are no person."""
    cached = doc.user_data.get("product_words")
    if cached is None:
        cached = {
            ent[-1].lower_
            for ent in doc.ents
            if ent.label_ in ("PRODUCT", "WORK_OF_ART", "EVENT") and len(ent) > 1
        }
        doc.user_data["product_words"] = cached
    return cached


def _after_person_and_the(
    doc: Doc, start: int, end: int, votes: dict[str, Counter[str]]
) -> int:
    """ "Lee the Acme" ("According to Lee the Acme property was sold", Lee a
    person elsewhere): the organisation starts after "the"."""
    for i in range(start + 1, end - 1):
        if doc[i].lower_ != "the":
            continue
        before = _key(doc, start, i)
        named = any(
            "PERSON" in seen and (key == before or key.endswith(" " + before))
            for key, seen in votes.items()
        )
        return i + 1 if named and before else start
    return start


def _is_person_name(words: list[str]) -> bool:
    """A name with a romanised East Asian given name ("Ho Ka-ming")."""
    return (
        2 <= len(words) <= 3
        and all(_NAME_WORD.match(w) for w in words)
        and any(_HYPHENATED_GIVEN.match(w) for w in words)
        and not _has_org_head(words)
    )


def _speech_verb_at(doc: Doc, index: int) -> bool:
    if index >= len(doc):
        return False
    token = doc[index]
    return token.lemma_ in SPEECH_VERBS and token.pos_ == "VERB"


def _before_speech_verb(doc: Doc, start: int, end: int) -> bool:
    if start > 0 and doc[start - 1].lower_ == "the":
        return False  # "the Acme Trust said"
    token = doc[end] if end < len(doc) else None
    if token is not None and token.text in (",", "'s", "’s"):
        return False
    return token is not None and token.lemma_ in SPEECH_VERBS and token.pos_ == "VERB"


def _after_person_of(doc: Doc, ents: list[list], position: int) -> bool:
    start = ents[position][0]
    if position == 0 or start < 2:
        return False
    before = ents[position - 1]
    link = doc[start - 1]
    return (
        link.lower_ in ("of", "from")
        and before[2] == "PERSON"
        and before[1] == start - 1
    )


def _possessor_of_person(doc: Doc, ents: list[list], position: int) -> bool:
    end = ents[position][1]
    if position + 1 >= len(ents) or doc[end - 1].text not in ("'s", "’s"):
        return False
    after = ents[position + 1]
    return after[2] == "PERSON" and after[0] == end


def _people_after_organisations(
    doc: Doc, ents: list[list]
) -> list[tuple[int, int, str]]:
    """ "the chief executive of the Lee Trust Ann Marsh, said": a run of two or
    three capitalised words the model left untagged after an organisation."""
    tagged = {i for start, end, _ in ents for i in range(start, end)}
    found = []
    for _start, end, label in ents:
        if label != "ORG" or end >= len(doc) or end in tagged:
            continue
        run = end
        while run < len(doc) and run - end < 3 and _NAME_WORD.match(doc[run].text):
            if run in tagged or doc[run].is_sent_start or doc[run].is_stop:
                break
            run += 1
        if run - end < 2 or run in tagged:
            continue
        # "Civic Action's Ann Lee": after a possessive, the run is the name
        # whatever follows it.
        possessive = doc[end - 1].text in ("'s", "’s")
        if (
            run < len(doc)
            and not possessive
            and not (doc[run].is_punct or doc[run].pos_ in ("VERB", "AUX"))
        ):
            continue
        words = [t.text for t in doc[end:run]]
        if _looks_like_person_name(words):
            found.append((end, run, "PERSON"))
    return found


def trim_org_tokens(tokens: list[Token]) -> list[Token]:
    """Drop a leading stance word ("pro-Beijing"), leading lower-case words, and
    trailing job titles, caption words and numbers ("Sweden 1")."""
    while len(tokens) > 1:
        # The first whitespace-separated word and its tokens ("pro", "-", "X").
        size = next((n + 1 for n, t in enumerate(tokens) if t.whitespace_), len(tokens))
        if size >= len(tokens):
            break
        word = "".join(t.text for t in tokens[:size])
        head = word.split("-")[0]
        lower_word = word[:1].islower() and head not in NAME_PARTICLES
        if lower_word or ("-" in word and head.lower() in _STANCE):
            tokens = tokens[size:]
        else:
            break
    while tokens and (tokens[-1].is_punct or tokens[-1].text in ("'s", "’s")):
        tokens = tokens[:-1]
    tokens = _cut_at_inner_phrase(tokens)
    while len(tokens) > 1 and (
        tokens[-1].like_num
        or tokens[-1].lower_ in CAPTION_WORDS
        or tokens[-1].lower_ in OFFICE_WORDS
        or tokens[-1].lower_ in ("spokesperson", "sheriff")
    ):
        tokens = tokens[:-1]
        while tokens and (tokens[-1].is_punct or tokens[-1].text in ("'s", "’s")):
            tokens = tokens[:-1]
    return tokens


def _cut_at_inner_phrase(tokens: list[Token]) -> list[Token]:
    """ "Acme on Dutch" ("Acme on Dutch television") keeps what precedes
    "on": the model ran the name into the noun phrase after it."""
    if len(tokens) < 3:
        return tokens
    last = tokens[-1]
    if len(tokens) > 2 and last.head.i > last.i and last.dep_ in ("amod", "compound"):
        for n in range(len(tokens) - 2, 0, -1):
            if tokens[n].lower_ in ("on", "in", "at"):
                return tokens[:n]
    return tokens


def is_plausible_org(tokens: list[Token], name: str, lower_words: set[str]) -> bool:
    """Whether an ORG-tagged name can be an organisation: not an event, a
    building, a religion, a time zone, a handle or a common noun (one found in
    ``lower_words``, the article's lower-case words)."""
    words = name.split()
    last = words[-1].lower()
    if name.startswith(("@", "#")) or words[0] == "Operation":
        return False
    if _WEB_ADDRESS.search(name):
        return False  # "Acme.com": a website
    if last in EVENT_HEADS or last in FACILITY_HEADS or _VENUE.search(name):
        return False
    if len(tokens) == 1:
        token = tokens[0]
        lower = token.lower_
        if lower in RELIGIONS or lower in TIME_ZONES:
            return False
        if not token.is_upper and lower.endswith(("ist", "ists", "ism", "phobia")):
            return False  # a follower or a doctrine, not a body
        if lower in TITLE_WORDS and lower not in _PARTY_TITLES:
            return False  # "Emeritus", "Minister of Health"
        if not token.is_upper and lower in lower_words:
            return False  # "the State", "Education" beside "state", "education"
    if len(words) == 1 and "-" in name and not name.split("-")[-1][:1].isupper():
        return False  # "Anti-royalist": a stance, not a body
    # "Comic Expo Norland": an event.
    return not any(w.lower() in ("expo", "festival", "olympics") for w in words)
