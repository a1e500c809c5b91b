"""spaCy Doc + ActorIndex -> list[Attribution]: quotes and reported speech.

Input: the parsed ``Doc`` of an article and its ``ActorIndex``. Output: one
``Attribution`` per statement attributed to a source, with its content span(s),
its cue (the reporting verb, or "according to"), its source as written and the
speaker it resolves to. Offsets refer to ``doc.text``.

Patterns, most specific first:

- direct quotes in “curly”, "straight" or «angle» quotation marks (apostrophes
  never open a quote), with the source after the quote (“...,” said X / X said)
  or before it (X said: “...” / Lee: “...”); any verb right after a quotation
  ending in a comma or a cry (“Stop!” a man yelled); a paragraph that opens
  with a quotation mark carries on the previous paragraph's quote and speaker;
- indirect speech: a reporting verb with a clausal complement ("X said that
  ..."), its subject being the source, inherited by "..., adding that ...",
  "issued a statement saying ..." and "her statement condemning ..."; a "that"
  the parser hung elsewhere still opens the clause; speech after its verb runs
  to the end of the sentence; a reporting clause set off by commas or opened
  by "as" ("The plant is closing, its owner said", "As Lee noted, ..."); a
  request ("urged Congress to act"), a question ("asked them if ..."), and a
  relative pronoun before the verb ("which she said was ...");
- stances: a verb's object ("criticised the plan", "was rejected by the
  council"), a stance adjective or partisan noun after a copula ("officials
  are worried that ...", "she was a supporter of ...");
- expectations no one in the sentence holds ("the bill is expected to pass",
  "he seems to be winning", "the plan seems unfair"): no source;
- "according to X".

A verb's object, a thought or a wish, or a quoted word or two found inside
someone else's reported statement is left to that statement ("she said he
backed the plan", "he said he thinks ...").

A cue is marked as news annotators mark it (PolNeAR's conventions): the verb
group with auxiliaries, negation and adverbs ("has also said"), a particle or
the preposition that introduces the content ("called for"), the medium
("said in a statement") and a closing colon ("added:").

A relative pronoun's source runs from what it stands for ("Ann Lee, who");
"he"/"she" resolves to the last person named outside quotations. Pure: no ORM,
settings or network.

Modules: quotes.py (quotation marks and paragraphs, no parse needed),
lexicon.py (the word lists) and finder.py (``Attribution`` and the patterns).
"""

from claims.ingest.attribution.finder import Attribution, find_attributions
from claims.ingest.attribution.lexicon import HOLDER_NOUNS, SPEECH_LEMMAS
from claims.ingest.attribution.quotes import Quote, find_quotes, paragraphs

__all__ = [
    "HOLDER_NOUNS",
    "SPEECH_LEMMAS",
    "Attribution",
    "Quote",
    "find_attributions",
    "find_quotes",
    "paragraphs",
]
