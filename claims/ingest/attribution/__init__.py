"""spaCy Doc + ActorIndex -> list[Attribution]: quotes and reported speech.

Input: the parsed ``Doc`` of an article and its ``ActorIndex``. Output: one
``Attribution`` per statement attributed to a source, with its content span(s),
its cue (the reporting verb, or "according to"), its source as written and the
speaker it resolves to. Offsets refer to ``doc.text``.

Patterns, most specific first:

- direct quotes in “curly”, "straight" or «angle» quotation marks (apostrophes
  never open a quote; a closing mark typed to open one, ”...”, opens it), with
  the source after the quote (“...,” said X / X said / “...,” Jo Lee, a ferry
  captain for years, said / “...,” Rep. Jo Lee (D-Md.) said; a surname the
  parser misread, “...,” said Brightly; a name after a dash, “...” ― Jo Lee,
  on the same line or the next short one, "- Harbor master Jo Lee, Dayton.")
  or before it (X said: “...” / Lee: “...” / as
  Lee put it, “...” / X declared in the hall, “...”), but not a verb right
  after that reports a clause of its own (“... .” Lee said the plan ...; not a
  quoted title read as one, “...,” Lee said on the show “Meet the Growers”) or,
  opening the next sentence, an object of its own (“... .” She recalled the
  flood), unless its speaker follows it (“...,” said Jo Lee, who runs ...); any
  verb right after a quotation ending in a comma or a cry (“Stop!” a man
  yelled); the words before a reporting clause set off in mid-sentence and the
  rest of the sentence with the quotation after it ("The tram line, Lee said,
  “is a gift” to commuters"); a quoted word that opens the clause its verb
  reports runs to the clause's end (testified “dozens” of invoices were
  unpaid); a quotation that opens a paragraph after one ending in a colon ("Lee
  wrote:") or after the verb and its medium ("said in a statement:") or the
  message it puts out ("issued the following statement:", the message and the
  colon in the cue), or after a clause
  that does not end on its verb, the colon then being the cue ("He listed her
  rules:"); a person's name and a colon anywhere before it ("More from Jo Lee:
  “...”", "Turnout rose in the north - Jo Lee: “...”"); a paragraph that
  opens with a quotation mark carries on the previous paragraph's quote,
  speaker and cue; a paragraph that is a quotation after a
  paragraph closed by someone's reported speech carries that speech on;
- a post embedded in the page, signed "— Jo Lee (@jolee) June 3, 2024" (a
  tweet): the author's own words; a paragraph without marks after a reporting
  clause that ends in a colon ("Lee wrote on her blog:"), a quotation set as a
  block, unless it is a list or reports on its own ("The fares, he said, ...");
- indirect speech: a reporting verb with a clausal complement ("X said that
  ..."), its subject being the source, inherited by "..., adding that ..."
  (after a noun's "that" clause too: "dismissed the claim that ..., saying
  ..."), "issued a statement saying ..." and "her statement condemning ..."; a
  "that" the parser hung elsewhere still opens the clause; speech after its verb runs
  to the end of the sentence, or to a coordinated clause with a reporting verb
  of its own ("..., and a third said ...", or one in the first verb's tense the
  parser joined to what was said: "announced that he was leaving and vowed
  ..."), but not one opened by "that" ("said that ... but that ..."); a
  one-word answer ("said yes", "said so") or a word for a statement made
  before ("said the same", "said otherwise"), a subject and auxiliary ("said it
  would"); a reporting clause set off by commas or opened by "as" or closing
  the sentence ("The plant is closing, its owner said", "As Lee noted, ...",
  "Cut the fares, they said, and ...", "The plan to ... worries riders, said
  Jo Lee, a pilot" with the words before the comma hung on the verb as its
  subject, up to the next quotation found, even
  around a statement of its own: "When she saw it, her face fell, he said";
  read from the words where the parser took the words before the first comma
  for a second subject or the rest for the verb's clause: "The pier, the
  mayor said in a statement, will open", only when what follows the verb is
  when, where and to whom, and the rest a clause that goes on with what was
  said),
  its speaker the agent of a passive ("As reported by the Herald, ..."; not
  an "as" clause with an infinitive or a thing of its own, "as she continued
  to tour", which tells what was done); "made
  (it) clear that ..."; a request ("urged Congress to act"), a question ("asked
  them if ..."), the one made to speak ("was moved to say ..."); who was told
  is not what was said ("the mayor told reporters on Tuesday"; "..., she told
  the panel" is set off like "..., she said"); a verb and its preposition
  ("called for rivals to quit", "talked about raising taxes"; not a date,
  "called them reckless on Sunday") with the rest of its phrase ("railed
  against the council for ..."), a name given that the parser joined to whom it
  is given ("called her rival “second-rate”"), a clause the parser split or
  read as a gerund ("have said cutting it is vital"), a relative pronoun before
  the verb ("which she said was ...", "which she describes as ..."), an
  infinitive of two words ("declined to comment"), and a gerund a stance is
  taken on ("supports raising taxes"); a verb the tagger read as a noun but
  the parser gave a subject and an object ("half of voters support Lee"); a
  clause or infinitive after its verb, like a stance's object, takes the rest
  of the verb's phrase ("declined to comment, leaving it open");
- stances: a verb's object ("criticised the plan", "was rejected by the
  council", a list the parser split kept whole, "a group that endorsed her")
  with the rest of the verb's phrase ("endorsed her in November at a rally",
  "rejected the plan and walked out": a verb joined on that reports nothing
  and has no subject of its own, unless a name is given, "called her ...";
  not a clause with a reporting verb of its own, nor one with a subject of
  its own inside the object, "announced sanctions as the premier said ...",
  unless it gives a reason or a condition, "backs the plan because she
  fears ..."),
  taken by someone or by a thing ("the advert criticises ...", "it slams ...";
  not a load borne, "the bridge supports the line"); a judgement or an
  announcement in the passive, whoever made it ("the plan was widely
  condemned"), with what it holds of its subject ("was criticised for ...",
  "was declared the winner"); a phrasal verb of taking sides with a holder
  ("rallied behind ..."), a stance adjective or partisan noun after a copula
  ("officials are worried that ...", "she was a supporter of ...") or after
  its holder ("voters wary of the plan"; not "a source familiar with ..."), a
  stance taken "in favour of" something ("voted in favor of the bill", "in
  support of", "in opposition to"), a noun of speech with its "that" clause
  and a holder ("his claim that ...", "voiced concern that ..."), a noun of a
  message that "is" a clause ("her answer was that ...", "the message is:
  ..."), a noun of stance with its preposition and a holder ("her criticism
  of ...", "stepped up his attacks on ..."), a noun of intention with its
  infinitive ("his decision to run"), a noun of speech one makes ("made the
  case that ...", "made those remarks"), a wish ("would like to ..."), a
  phrasal verb or idiom of speaking out ("came out against ...", "took a swipe
  at ..."), a phrasal verb and its object ("laid out a plan", "shrugged off
  ..."); a question ("Do you support ...?"), a condition ("if the council
  backs it"), what is done "without" ("without naming her") or a reporter
  "seeking comment" takes no stance, nor does a gathering spoken before or an
  office run for ("addressed the rally", "is seeking the nomination"), a
  rival challenged with nothing said of what about ("is challenging the
  mayor in the primary"), a verb of thought's object ("assumed office",
  "determined the outcome"), "sure" or "certain" with an infinitive ("is
  sure to pass") or "made sure";
- expectations, reputations and hearsay no one in the sentence holds ("the
  bill is expected to pass", "he seems to be winning", "the plan seems
  unfair", "the bridges were deemed unsafe", "she is known as a tough
  negotiator", "will be remembered for ...", "the firm reportedly closed
  ..."): no source;
- "according to X", "In Lee's view, ..." ("..., in the eyes of many
  voters", "because, in her words, “...”"), "In a poll released Monday,
  ...", "Lee leads by six points in the latest poll", "Lee holds a wide lead
  in the poll" (not "leads in the polls", the race at large);
- transcripts and headlines: "SMITH: ..." (the whole turn, one statement; a
  transcript quoted turn by turn, “SMITH: ..., too, with the paragraphs that
  open a quotation and name no one carrying the turn on),
  "Lee: ..." (a headline's one line after a name is one statement too, "Lee:
  I Still Think We Win", after a label too, "EXCLUSIVE – Lee: ..."), "Lee to
  farmers: ..." and a title-case headline the parser cannot read ("Senator
  Jo Lee Backs Farm Bill", "Lee Finally Calls On ...": its adverb and
  preposition are the cue's; a verb's ending, not a noun's, "Young Voters
  ..."); not a label ("UPDATE: ...", "Contributing:
  ...", "The Latest: ...") nor a list of names after a heading.

A verb's object, a thought or a wish, an intention or an infinitive, what a
thing "shows" or "suggests", or a quoted word or two found inside someone
else's reported statement is left to that statement ("she said he backed the
plan", "he said he thinks ...", "she said they are looking to sell", "she said
the data suggest ..."), and so is a reporting verb that is the very clause
another reports ("she said he had warned that ...", "he added that aides have
called her"), and any statement inside what a source is
"according to" ("According to the poll, most said they ..."); a verb and the
reporting verb it governs report one statement ("declined to say whether
...", "continued to insist that ...", the longer cue kept). A statement
found inside what a stance adjective, a noun of speech or a raising verb
reports does not keep that outer one from being found ("the mayor is
confident voters will reject the tax", "her claim that the union backed it",
"the plan appears likely to anger those who rejected it"). A message put out
and named, not said, is no statement ("released a statement on Monday"), nor
is what someone goes or waits to see or hear ("waited to hear her speak"), nor
the linking "That said, ...".

A cue is marked as news annotators mark it (PolNeAR's conventions): the verb
group with auxiliaries, negation and adverbs ("has also said", "has since
said", a headline's "Just Said"; a quantifier floated off the subject, "Lee and
Park both said"), a particle or the preposition that introduces the content
("called for", before an infinitive the parser hung on the verb too: "asked
for a bus to carry them"), after a reflexive too ("distanced herself from"), a
copula and adjective before it ("was quick to say", "was vocal in rejecting"),
the verb of quoting alone ("quoted her as saying"), the look it was said with
("said with a grin"), an extraposed "it" with its copula and adjective ("it is
hard to see", which names no source), the verb it hangs on
("went on to praise", "took to Twitter to say", "has struggled to explain",
"began writing", "began by saying"; not one whose object speaks, "led her to
declare"), the message a
participle or relative clause reports and the verb that put it out ("issued a
statement saying", past a date or a medium, "released a statement Monday
saying", "released a video that says"), the noun a verb of expression takes and
its preposition ("expressed concern that", "voiced support for", "made the case
for"; not a noun someone owns, "expressed his support for", nor whom it is made
to, "made an appeal to"), the medium it was published in ("said in a
statement", "wrote on Facebook"; not the event, "at a rally", nor "in an
interview") and a closing colon ("added:").

A source leaves out an aside in a participle ("Lee, speaking to reporters,
said", "Lee, asked about it, said") and a phrase of time ("the panel in
2019"); "it is worth noting" names none. A relative pronoun's source runs from
what it stands for ("Ann Lee, who");
"he"/"she" resolves to the last person named outside quotations who can be
"he" or "she" (by honorific, title and given name), or the subject of the main
verb of that person's sentence if the subject can ("Chris Cash was employed by
Alicia Kearns. He denied it.": Chris Cash); none if no one named can. Where the
parser hangs the speaker elsewhere (on a dateline, an earlier noun, or a clause
about the speaker read as speech), the name before the verb is taken. Pure:
no ORM, settings or network.

Modules: quotes.py (quotation marks and paragraphs, no parse needed),
lexicon.py (the word lists), holders.py (who can hold a view, what a relative
pronoun stands for), roles.py (``Attribution``; a verb's cue, subject, source
and speaker), direct.py (the patterns that start from quotation marks),
views.py (stances, expectations, hearsay, polls, "according to"), nouns.py
(nouns of speech, stance and intention), idioms.py ("made the case",
"came out against", "took a swipe at"), complements.py (what a reporting verb
takes in: its clause, object, infinitive or question) and finder.py (reported
speech and verbs' objects; runs them all).
"""

from claims.ingest.attribution.finder import find_attributions
from claims.ingest.attribution.lexicon import HOLDER_NOUNS, SPEECH_LEMMAS
from claims.ingest.attribution.quotes import Quote, find_quotes, paragraphs
from claims.ingest.attribution.roles import Attribution

__all__ = [
    "HOLDER_NOUNS",
    "SPEECH_LEMMAS",
    "Attribution",
    "Quote",
    "find_attributions",
    "find_quotes",
    "paragraphs",
]
