"""Word lists and parser labels the attribution patterns read: reporting verbs,
stance adjectives, the nouns for those who hold views, and what a cue may take in.

General English resources (lists of reporting verbs and the like), written for
news text; nothing here comes from annotated data.
"""

import re

SPEECH_LEMMAS = {
    "say", "tell", "add", "claim", "insist", "stress", "warn", "announce", "reveal",
    "argue", "note", "explain", "state", "suggest", "report", "confirm", "deny",
    "admit", "acknowledge", "write", "agree", "conclude", "declare", "allege",
    "assert", "contend", "maintain", "predict", "promise", "pledge", "vow",
    "concede", "complain", "recall", "remark", "reply", "respond", "answer",
    "ask", "urge", "estimate", "emphasise", "emphasize", "indicate", "show",
    "find", "tweet", "post", "testify", "observe", "continue", "believe",
    "think", "fear", "hope", "expect", "learn", "charge", "counter", "caution",
    "boast", "point", "mention", "describe", "disclose", "signal",
    "speculate", "guess", "retort", "reiterate",
    "recount", "highlight", "underline", "demand", "propose",
    "brag", "joke", "lament", "muse", "query", "question", "scoff", "shout",
    "suspect", "tout", "whisper", "worry", "assure", "advise", "inform", "remind",
    "plead", "concur", "forecast", "project", "calculate", "know", "read",
    # verbs of thought and perception that report a view ("she realised that")
    "wonder", "imply", "demonstrate", "notice", "realize", "realise", "anticipate",
    "assume", "feel", "hear", "understand", "determine", "decide", "rule", "see",
    "remember", "forget", "recognize", "recognise", "doubt", "figure", "reckon",
    "imagine", "suppose", "presume", "insinuate", "theorize", "theorise", "posit",
    "accept", "verify", "discover", "guarantee", "swear", "bet",
    "hint", "surmise", "gather", "infer", "deduce",
    "opine", "proclaim", "instruct", "order", "decree",
    "rebut", "clarify", "interject", "elaborate", "yell", "quip", "preach",
    "pronounce",
    # verbs of the manner of saying ("“Stop it!” the crowd chanted")
    "chant", "fume", "scream", "exclaim", "gush", "grumble", "mutter", "bellow",
    "holler", "rant", "sneer", "marvel", "groan", "sigh", "cry", "boom",
    "thunder", "roar", "bark", "growl", "hiss", "murmur",
    # messages sent ("she emailed that ...", like "tweeted")
    "email", "e-mail", "text",
}  # fmt: skip
# Adjectives of a stance, after a copula ("officials are concerned that ...").
# Not the impersonal ones ("it is likely that", "the plan is clear"): annotators
# mark few of them.
STANCE_ADJECTIVES = {
    "concerned", "worried", "sure", "certain", "confident", "convinced", "aware",
    "unaware", "adamant", "skeptical", "sceptical", "optimistic",
    "pessimistic", "hopeful", "afraid", "fearful", "unsure", "uncertain",
    "doubtful", "positive", "insistent", "happy", "glad", "pleased", "proud",
    "angry", "upset", "furious", "frustrated", "disappointed", "surprised",
    "critical", "supportive", "opposed", "open", "willing", "unwilling",
    "eager", "reluctant", "determined", "keen", "wary", "suspicious", "hesitant",
    "unanimous", "vocal", "outspoken", "explicit", "emphatic",
    "wrong", "right", "correct", "mistaken",
    "responsible", "grateful", "thankful", "sorry", "ashamed", "nervous",
    "anxious", "excited", "enthusiastic", "fond", "tired", "sick", "familiar",
    "sensitive", "delighted", "impressed", "thrilled", "outraged", "appalled",
    "disgusted", "alarmed", "troubled", "dismayed", "offended", "annoyed",
    "satisfied", "comfortable", "uncomfortable", "interested", "hostile",
    "sympathetic", "receptive", "resistant", "dismissive", "scornful",
    "inclined", "disinclined", "unhappy", "dissatisfied", "displeased",
    "enamored", "enamoured", "shocked", "devoted",
}  # fmt: skip
# Stance adjectives that, after a noun, say what someone knows or does rather
# than what they think ("a source familiar with the talks", "the official
# responsible for trade").
ROLE_ADJECTIVES = {"familiar", "responsible", "certain", "wrong", "right",
                   "correct", "aware", "unaware"}  # fmt: skip
# Stance adjectives that, with an infinitive, predict what will happen (like
# "likely to": "the vote is sure to pass") and, after "make", mean to see to
# it ("made sure to call"): no one's view.
RAISING_ADJECTIVES = {"sure", "certain"}
# Adjectives that take a verb of saying with it into the cue ("was quick to say").
READY_ADJECTIVES = {
    "quick", "slow", "likely", "unlikely", "able", "unable", "eager", "keen",
    "reluctant", "inclined", "willing", "unwilling", "ready", "careful",
    "hesitant", "happy", "glad", "loath", "loth", "first", "last", "sure",
    "certain", "free", "prepared",
}  # fmt: skip
# Nouns for a partisan after a copula ("he has been a supporter of the bill").
PARTISAN_NOUNS = {
    "supporter", "advocate", "critic", "opponent", "proponent", "fan", "champion",
    "sponsor", "backer", "defender", "admirer", "detractor", "skeptic", "sceptic",
    "foe", "enemy", "friend", "ally",
}  # fmt: skip
# Verbs whose subject and infinitive make a claim no one in the sentence holds
# ("the bill is expected to pass", "he seems to be winning").
RAISING_LEMMAS = {"seem", "appear", "expect", "predict", "project", "forecast",
                   "believe", "think", "rumor", "rumour", "report", "say",
                   "consider", "know", "tip", "deem"}  # fmt: skip
RAISING_ACTIVE = {"seem", "appear"}
# Verbs of asking, whose passive participle opens an answer ("Asked about it,
# Lee said ...").
ASKING_LEMMAS = {"ask", "press", "question", "quiz", "challenge", "query"}
# Verbs whose object does what the participle after it says ("left voters
# wondering", "watched her argue").
OBJECT_CONTROL = {"leave", "keep", "see", "watch", "hear", "find", "get", "catch",
                  "feature", "set"}  # fmt: skip
SUBJECTS = {"nsubj", "nsubjpass"}
# The tags of a verb in a tense ("said", "says", "say").
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
# Parts of speech of words that only link a sentence to the one before ("But,",
# "Still,").
LINK_POS = {"CCONJ", "SCONJ", "ADV", "INTJ", "PUNCT"}
# Prepositions of when, where and how a thing was said or told ("said in a
# statement on Monday", "told Lee at a debate that ..."), not of what it was
# about or to whom it answered ("pointed to", "agreed with", "asked for").
ADJUNCT_PREPS = {"in", "on", "at", "during", "after", "before", "over", "via",
                 "through", "from", "by", "outside", "inside"}  # fmt: skip
CUT_DEPS = {"relcl", "appos", "acl", "advcl", "punct", "cc", "conj"}
# Two apostrophes stand for a straight double quotation mark in some wire copy.
SENTENCE_END = {".", "!", "?"}
TRIM_CHARS = " \t\n,;:.—–-"
DASHES = {"—", "–", "―", "-", "--"}
# A one-word answer a verb of saying reports ("72 percent said yes", "said so"),
# or a word that stands for a statement made before ("a third said the
# same", "she said otherwise").
ANSWER_WORDS = {"yes", "no", "so", "same", "otherwise"}
# Verbs whose attributed content is a predicate ("called it a disgrace") or an
# intention ("pledged to cut taxes") rather than a clause.
PREDICATE_LEMMAS = {"call", "describe", "label", "brand", "dub", "deem"}
INTENT_LEMMAS = {"pledge", "promise", "vow", "threaten", "refuse", "decline",
                  "plan", "want", "urge", "demand", "offer", "intend", "expect",
                  "hope", "agree", "propose", "claim", "prefer", "seek", "aim",
                  "wish", "vote", "look", "like", "love", "decide"}  # fmt: skip
# Verbs that ask someone to act ("urged Congress to act"): the one asked and the
# infinitive are what is attributed.
DIRECTIVE_LEMMAS = {
    "ask", "tell", "urge", "encourage", "press", "implore", "invite", "challenge",
    "beg", "order", "instruct", "warn", "advise", "remind", "pressure", "persuade",
    "convince", "direct", "exhort", "call", "dare", "request", "petition",
}  # fmt: skip
# Verbs whose object is who hears it ("told reporters"), not what was said.
HEARER_LEMMAS = {"tell", "inform", "assure", "notify", "brief"}
# Nouns of fact and likelihood that take a that-clause of their own ("the
# news that", "the possibility that"), beside the nouns of speech and stance.
FACT_NOUNS = {"fact", "news", "report", "evidence", "notion", "possibility",
              "rumor", "rumour", "sign", "chance", "risk", "likelihood",
              "assumption", "theory", "proof", "indication", "impression"}  # fmt: skip
# Verbs that ask a question ("asked them if ...", "wondered whether ...").
QUESTION_LEMMAS = {"ask", "wonder", "question", "inquire", "enquire", "query"}
# Words that open the question a verb of asking puts ("asked why ...").
QUESTION_WORDS = {"if", "whether", "why", "how", "what", "who", "when", "where",
                  "which"}  # fmt: skip
# Verb + preposition whose object is what is attributed ("called for a ban").
PREP_LEMMAS = {
    ("call", "for"), ("call", "on"), ("point", "to"), ("ask", "for"),
    ("ask", "about"), ("talk", "about"), ("speak", "about"), ("speak", "of"),
    ("refer", "to"), ("complain", "about"), ("worry", "about"),
    ("apologize", "for"), ("apologise", "for"), ("push", "for"),
    ("argue", "for"), ("argue", "against"), ("advocate", "for"), ("vote", "for"),
    ("vote", "against"), ("rail", "against"), ("warn", "against"),
    ("warn", "of"), ("warn", "about"), ("comment", "on"), ("insist", "on"),
    ("agree", "with"), ("disagree", "with"), ("hint", "at"), ("allude", "to"),
    ("respond", "to"), ("object", "to"), ("boast", "about"),
    ("brag", "about"), ("joke", "about"), ("write", "about"), ("lobby", "for"),
    ("campaign", "for"), ("campaign", "against"),
    ("side", "with"), ("testify", "about"), ("tweet", "about"),
    ("think", "about"), ("believe", "in"), ("balk", "at"), ("hope", "for"),
    ("touch", "on"), ("vouch", "for"),
    ("boast", "of"), ("talk", "of"), ("caution", "against"), ("remark", "on"),
    ("remark", "upon"), ("acquiesce", "to"), ("agree", "on"), ("press", "about"),
    ("press", "on"), ("press", "for"), ("plead", "for"), ("pray", "for"),
    ("testify", "on"), ("reflect", "on"),
    ("muse", "about"), ("muse", "on"), ("opine", "on"), ("weigh", "on"),
}  # fmt: skip
# Phrasal verbs of taking sides or of attention ("rallied behind", "distanced
# herself from", "focused on"): a stance only when someone named holds it.
SIDING_PREPS = {
    ("focus", "on"), ("dwell", "on"), ("harp", "on"), ("look", "to"),
    ("rally", "behind"), ("rally", "around"), ("unite", "behind"),
    ("unite", "around"), ("stand", "with"), ("stand", "by"),
    ("distance", "from"), ("align", "with"), ("lash", "at"), ("swipe", "at"),
}  # fmt: skip
SIDING_VERBS = {verb for verb, _ in SIDING_PREPS}
PREP_LEMMAS |= SIDING_PREPS
# Phrasal verbs of speaking out, with the preposition that names the topic or
# target ("came out against the bill", "weighed in on the dispute").
PHRASAL_PREPS = {
    ("come", "out", "against"), ("come", "out", "for"),
    ("speak", "out", "against"), ("speak", "out", "on"), ("speak", "out", "about"),
    ("lash", "out", "at"), ("lash", "out", "against"), ("weigh", "in", "on"),
    ("fire", "back", "at"), ("hit", "back", "at"), ("push", "back", "against"),
    ("push", "back", "on"), ("sign", "on", "to"), ("sound", "off", "on"),
    ("sound", "off", "about"), ("double", "down", "on"), ("back", "away", "from"),
    ("zero", "in", "on"), ("open", "up", "about"), ("talk", "up", "about"),
}  # fmt: skip
# Idioms of a verb, its object and a preposition ("took a swipe at", "cast
# their votes for").
IDIOM_PREPS = {
    ("take", "aim", "at"), ("take", "shot", "at"), ("take", "swipe", "at"),
    ("take", "jab", "at"), ("take", "dig", "at"), ("take", "potshot", "at"),
    ("take", "issue", "with"), ("take", "credit", "for"), ("poke", "fun", "at"),
    ("cast", "vote", "for"), ("cast", "vote", "against"), ("cast", "ballot", "for"),
    ("cast", "ballot", "against"), ("pay", "tribute", "to"),
    ("find", "fault", "with"), ("make", "reference", "to"),
    ("make", "mention", "of"), ("make", "secret", "of"), ("take", "whack", "at"),
    ("take", "stance", "on"), ("take", "stance", "against"),
    ("take", "position", "on"), ("take", "position", "against"),
    ("take", "stand", "on"), ("take", "stand", "against"),
    ("draw", "attention", "to"), ("draw", "contrast", "with"),
    ("draw", "contrast", "between"), ("throw", "support", "behind"),
    ("throw", "weight", "behind"), ("cast", "doubt", "on"), ("heap", "praise", "on"),
}  # fmt: skip
# Phrasal verbs whose direct object is what they set out, play down or dismiss
# ("laid out her plan", "shrugged off the criticism", "singled out the mayor").
PHRASAL_OBJECTS = {
    ("lay", "out"), ("spell", "out"), ("shrug", "off"), ("brush", "off"),
    ("brush", "aside"), ("wave", "off"), ("single", "out"), ("rule", "out"),
    ("play", "down"), ("play", "up"), ("talk", "up"), ("call", "out"),
}  # fmt: skip
PHRASAL_VERBS = {verb for verb, _, _ in PHRASAL_PREPS | IDIOM_PREPS} | {
    verb for verb, _ in PHRASAL_OBJECTS
}
# Verbs of stance and speech whose direct object is the attributed content
# ("endorsed the senator", "criticised the plan").
OBJECT_LEMMAS = {
    "endorse", "support", "back", "criticize", "criticise", "praise", "accuse",
    "oppose", "defend", "propose", "reject", "denounce", "attack", "applaud",
    "thank", "dismiss", "embrace", "welcome", "condemn", "blame", "favor",
    "favour", "advocate", "cite", "mention", "discuss", "question", "challenge",
    "recommend", "slam", "blast", "mock", "hail", "deny", "announce", "express",
    "prefer", "seek", "want", "like", "dislike", "love", "hate", "recognize",
    "recognise", "acknowledge", "dispute", "doubt", "request", "demand",
    "promise", "predict", "describe", "echo", "repeat", "tout", "highlight",
    "ridicule", "fault", "lambaste", "chide", "rebuke", "scold", "decry",
    "lament", "deplore", "reiterate", "concede", "estimate", "forecast",
    "urge", "call", "label", "brand", "insult", "pledge", "vow",
    "disparage", "belittle", "claim", "confirm", "suggest", "admit",
    "characterize", "characterise", "portray", "depict", "invoke", "quote",
    "congratulate", "commend", "view", "regard", "consider",
    "warn", "dub", "deride", "excoriate", "assail",
    "show", "reveal", "indicate", "see", "offer", "name",
    "focus", "push", "tweet", "post", "share",
    # what was put out or put forward ("released a plan", "voiced concern")
    "release", "issue", "voice", "reference", "underscore", "promote",
    "introduce", "compare", "address", "chant", "outline", "unveil", "detail",
    "publish", "list", "sign", "file",
    # views restated, played down or disowned ("bemoaned the cuts", "likened
    # the race to a circus", "disavowed the group")
    "liken", "bemoan", "reaffirm", "articulate", "disavow", "repudiate",
    "downplay", "retweet", "savage", "credit", "envision", "rebuff", "relish",
    "recite", "document", "contradict", "champion", "interpret", "contemplate",
    "mull", "foresee", "revile", "herald", "trumpet", "lecture", "attribute",
    "utter",
    # characterising ("identified him as the leader", "ranked it first")
    "identify", "classify", "rank", "perceive", "frame",
    # a stance against or an exposure ("resisted the plan", "exposed the scheme")
    "resist", "expose",
}  # fmt: skip
# Verbs of judging and of making known whose passive names what was judged or
# made known, whoever did it ("the plan was condemned", "the deal was announced").
JUDGED_LEMMAS = {
    "criticize", "criticise", "accuse", "condemn", "attack", "dismiss",
    "blame", "praise", "denounce", "fault", "hail", "reject", "endorse",
    "declare", "announce", "disclose", "mention", "report", "reveal",
    "ridicule", "mock", "slam", "blast", "deride", "applaud",
}  # fmt: skip
# Prepositions that say what a passive verb of judging holds of its subject
# ("was criticised for ...", "was hailed as ...", "is accused of ...").
PASSIVE_PREPS = {"for", "as", "over", "of"}
# Gatherings one speaks before or at ("addressed the rally", "spoke at a news
# conference announcing ...").
GATHERING_NOUNS = {
    "rally", "rallies", "convention", "conference", "gala", "meeting",
    "summit", "session", "assembly", "dinner", "luncheon", "breakfast",
    "banquet", "crowd", "crowds", "audience", "gathering", "forum",
    "ceremony", "commencement", "graduation", "fundraiser", "congregation",
    "attendees", "delegates", "convocation", "symposium",
}  # fmt: skip
# Verbs whose object can be an occasion rather than a view, with the nouns
# that make it one: a gathering one speaks before ("addressed the rally", like
# "spoke at the rally"), an office one runs for ("is seeking the nomination",
# "sought re-election"). What was said there, or why, is not in the object.
OCCASION_OBJECTS = {
    "address": GATHERING_NOUNS,
    "seek": {
        "presidency", "nomination", "office", "reelection", "re-election",
        "election", "term", "seat", "seats", "post", "candidacy", "governorship",
        "mayoralty", "speakership", "chairmanship", "premiership",
    },
}  # fmt: skip
# Verbs that name a contest when their object is a rival and nothing says
# what about ("is challenging the mayor", "challenged her for the seat"), and
# the prepositions that make it a dispute instead ("challenged her on the
# budget", "over the figures", "to a debate").
CONTEST_LEMMAS = {"challenge"}
DISPUTE_PREPS = {"on", "about", "over", "to", "regarding"}
# Who can be a rival in a contest: a person named, a personal pronoun, a
# contender or the holder of an office ("the incumbent", "the mayor").
RIVAL_PRONOUNS = {"him", "her", "them", "me", "us", "you"}
RIVAL_NOUNS = {
    "incumbent", "mayor", "governor", "senator", "congressman", "congresswoman",
    "representative", "president", "chairman", "chairwoman", "chair",
    "councillor", "councilman", "councilwoman", "leader", "candidate",
    "nominee", "frontrunner", "front-runner", "champion", "challenger",
}  # fmt: skip
# Verbs of stance that also name a load a thing bears ("the bridge supports the
# line", "a frame backs the panel"): only someone who holds views takes a stance.
LOAD_LEMMAS = {"support", "back", "carry", "hold", "bear", "push"}
# Reporting verbs whose direct object is seldom a view ("found the keys", "asked
# a question", "continued the tour"): only their clauses are attributed.
NOT_OBJECT_LEMMAS = {
    "find", "ask", "advise", "continue", "maintain", "understand", "accept",
    "learn", "read", "hear", "remember", "forget", "gather", "figure", "decide",
    "rule", "answer", "project", "calculate", "discover", "add",
    # a view only in their clause ("determined that ...", "noticed that ...");
    # their object is what was settled, taken on, seen, ended or owned
    # ("determined the outcome", "assumed office", "noticed the sign",
    # "concluded the talks", "the hotel boasts a pool", "sworn enemies")
    "determine", "assume", "presume", "notice", "observe", "conclude", "boast",
    "swear",
}  # fmt: skip
# Verbs of thought, wish and intention: inside someone's reported statement they
# are part of what was said ("he said he thinks ...", "she said they want ...").
PRIVATE_LEMMAS = {
    "think", "believe", "know", "see", "show", "feel", "expect", "hope", "want",
    "plan", "seek", "wish", "fear", "understand", "remember", "realize",
    "realise", "doubt", "suspect", "assume", "imagine", "suppose", "guess",
    "reckon", "wonder", "learn", "find", "intend", "prefer", "aim", "like",
    "love", "hate", "worry", "anticipate", "recognize", "recognise", "forget",
    "notice", "hear", "consider", "try", "need",
}  # fmt: skip
# Conjunctions of a condition or reason that carry what was said on ("... unless
# he is paid", "... because policing has changed").
CONTENT_MARKS = {"unless", "because", "if", "although", "though", "since",
                 "whereas", "so", "until", "once"}  # fmt: skip
# Verbs that govern a reporting verb and belong to its cue ("declined to say").
CATENATIVE_LEMMAS = {
    "decline", "refuse", "continue", "go", "begin", "start", "try", "seem",
    "appear", "want", "plan", "hope", "fail", "repeat", "proceed", "venture",
    "dare", "rush", "move",
}  # fmt: skip
# Prepositions that join the cue when they introduce the content ("talked about").
CUE_PREPS = {"to", "for", "about", "against", "with", "over", "into", "on",
              "of", "in", "at", "during", "after", "upon"}  # fmt: skip
# Where something was said: such a phrase right after the verb is part of the cue.
# What it was published in ("said in a statement", "wrote on Facebook"), not the
# event where it was spoken ("at a rally", "in a speech", "during the debate") nor
# an interview, e-mail or letter: news annotators mostly leave those out.
MEDIUM_NOUNS = {
    "statement", "tweet", "post", "release", "memo", "op-ed",
    "editorial", "message", "note", "column", "essay", "article", "book",
    "memoir", "filing", "affidavit", "facebook", "twitter", "instagram", "blog",
    "newsletter", "communique", "declaration", "announcement", "op", "appearance",
    "court", "clip", "reply",
}  # fmt: skip
# A message put out ("issued a statement saying ...", "released an ad
# attacking ...", "passed a resolution condemning ..."): the verb that puts it
# out and the message, which news annotators mark with the participle that
# reports what it says as one cue.
PUT_OUT_LEMMAS = {"issue", "release", "publish", "post", "put", "send", "run",
                  "air", "launch", "circulate", "distribute", "unveil", "blast",
                  "place", "pass", "approve", "adopt"}  # fmt: skip
MESSAGE_OUT_NOUNS = {
    "statement", "release", "report", "ad", "advert", "advertisement",
    "commercial", "spot", "message", "letter", "memo", "email", "e-mail",
    "video", "tweet", "post", "resolution", "petition", "robocall", "op-ed",
    "column", "notice", "flyer", "mailer", "brochure", "leaflet", "pamphlet",
    "study", "analysis", "paper", "document", "list", "ads", "statements",
}  # fmt: skip
# Platforms one "takes to" in order to speak ("took to Twitter to say ...",
# "took to the airwaves", "took to the floor").
PLATFORM_NOUNS = {"twitter", "facebook", "instagram", "media", "airwaves",
                  "radio", "television", "blog", "floor", "podium", "stage",
                  "microphone", "pages", "internet", "web"}  # fmt: skip
# The prepositions that put a cue's medium after its verb ("in a statement").
MEDIUM_PREPS = {"in", "on", "via", "with"}
# The look or sound a word is said with: "said with a grin" is one cue.
MANNER_NOUNS = {"laugh", "smile", "grin", "smirk", "chuckle", "shrug", "sigh",
                "wink", "nod", "roll", "laughter"}  # fmt: skip
NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Za-z]+)?$")
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
             "sunday"}  # fmt: skip
# Adverbs a title-case headline puts before its verb ("Lee Just Said ..."), too
# common as words to be a misread surname.
HEADLINE_ADVERBS = {"just", "also", "now", "finally", "still", "already"}
# Adverbs that link a sentence to what came before ("So: ...", "Even so, ...").
LINK_ADVERBS = {"so", "even", "still", "yet", "meanwhile", "however", "previously",
                "again", "then", "moreover", "besides", "instead", "otherwise",
                "thus", "hence", "indeed", "plus", "anyway"}  # fmt: skip
# Prepositions a headline's verb takes into its cue ("Lee Calls On Ryan To
# Quit", "Lee Accused Of Lying"); not "in" or "at", which say where.
HEADLINE_PREPS = {"on", "of", "about", "for", "against", "with"}
# Verbs that report another's words ("quoted her as saying", "cited him as
# saying"): the verb is the cue, not the "saying" after it.
QUOTING_LEMMAS = {"quote", "cite"}
# Quantifiers that float off their subject into the verb group ("the two
# leaders both said", "they all agreed").
FLOATING_QUANTIFIERS = {"both", "all", "each"}
# Adverbs that are no part of a cue: question words and connectives.
NOT_CUE_ADVERBS = {"when", "where", "why", "how", "so", "as", "there",
                    "here", "however", "though", "meanwhile", "thus", "therefore",
                    "instead", "yet", "too"}  # fmt: skip
# Entities that say when ("Monday", "in 2019", "this morning").
TIME_ENTS = {"DATE", "TIME"}
NOT_CONTENT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"}
# What may follow a verb's object and still belong to the attributed content.
OBJECT_TAIL = {"oprd", "xcomp", "prep", "advcl", "advmod"}
HOLDER_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
# Common nouns for people and institutions that take stances.
HOLDER_NOUNS = {
    "official", "spokesman", "spokeswoman", "spokesperson", "leader", "president",
    "campaign", "group", "critic", "supporter", "voter", "lawmaker", "legislator",
    "senator", "candidate", "party", "administration", "government", "committee",
    "analyst", "expert", "aide", "adviser", "advisor", "minister", "secretary",
    "governor", "mayor", "judge", "court", "lawyer", "attorney", "prosecutor",
    "police", "officer", "union", "company", "firm", "executive", "chief",
    "director", "chairman", "chairwoman", "board", "council", "activist",
    "organization", "organisation", "agency", "department", "ministry",
    "politician", "democrat", "republican", "conservative", "liberal",
    "resident", "worker", "member", "people", "man", "woman", "donor",
    "delegate", "nominee", "frontrunner", "challenger", "rival", "opponent",
    "ally", "advocate", "economist", "scientist", "researcher", "author",
    "writer", "columnist", "editor", "newspaper", "network", "host", "reporter",
    "poll", "survey", "report", "study", "statement", "letter", "ad",
    "congressman", "congresswoman", "representative", "state", "country",
    "nation", "coalition", "movement", "businessman", "businesswoman",
    "billionaire", "mogul", "student", "parent", "teacher", "doctor", "nurse",
    "protester", "protestor", "fan", "citizen", "american", "pollster",
    "strategist", "consultant", "operative", "staff", "staffer", "team",
    "campaigner", "insider", "source", "witness", "friend", "family", "wife",
    "husband", "son", "daughter", "mother", "father", "colleague", "ambassador",
    "diplomat", "general", "commander", "soldier", "veteran", "bishop", "pope",
    # records and findings that "show" or "suggest" something
    "result", "record", "data", "figure", "document", "file", "number",
    "statistic", "research", "analysis", "estimate", "tally", "count", "video",
    "footage", "email", "memo", "filing", "review", "audit", "investigation",
    "evidence", "model", "projection", "forecast", "index", "census",
    # shares of people in polls and crowds ("37 percent would vote for ...")
    "percent", "majority", "minority", "plurality", "many", "most", "fifth",
    "tenth",
    "some", "few", "others", "other", "both", "all", "participant",
    "respondent", "electorate", "public", "crowd", "audience", "base",
    "caucusgoer", "attendee", "independent", "evangelical", "millennial",
    "everyone", "everybody", "nobody", "someone", "somebody", "anyone", "one",
    "proponent", "detractor", "backer", "follower", "observer", "commentator",
    "pundit", "historian", "scholar", "professor", "academic", "pastor",
    "priest", "rabbi", "imam", "cleric", "preacher", "evangelist", "clergy",
    "lobbyist", "fundraiser", "volunteer", "organizer", "organiser",
    "demonstrator", "marcher", "legislature", "congress", "senate", "house",
    "parliament", "jury", "panel", "commission", "regulator",
    "manager", "employee", "person", "investor", "user", "authority", "camp",
    "side", "moderator", "runner", "superdelegate", "journalist", "actor",
    "actress", "speaker", "narrator", "establishment", "brother", "sister",
    "leadership", "contender", "checker", "outlet", "progressive", "half",
    "third", "quarter", "community", "faction", "wing", "bloc", "caucus",
    "partner", "tycoon", "star", "generation", "associate", "defender",
    "affiliate", "developer", "investigator", "owner", "founder",
    "environmentalist", "prince", "princess", "elite", "hawk", "socialist",
    "objector", "office", "magazine", "publication", "website", "editorial",
    "article", "book", "transcript", "affidavit", "petition", "lawsuit",
    "disclosure", "summary", "polling", "average", "datum", "%",
}  # fmt: skip
# Labels before a colon that introduce no speaker.
LABEL_WORDS = {
    "update", "updated", "note", "related", "watch", "read", "photo", "photos",
    "video", "source", "sources", "editor", "correction", "advertisement",
    "image", "images", "credit", "caption", "listen", "more", "see", "also",
    "q", "a", "question", "answer", "warning", "breaking", "live", "exclusive",
    "analysis", "opinion", "comment", "review", "transcript", "audio",
    # a credit line ("Contributing: ...") and a live blog's label ("The
    # Latest: ...", "LOOK: ...")
    "contributing", "latest", "look",
}  # fmt: skip
# Nouns of speech and belief whose "that" clause is what was said ("his claim
# that the vote was rigged", "voiced concern that ...").
SPEECH_NOUNS = {
    "claim", "belief", "argument", "assertion", "suggestion", "statement", "fear",
    "hope", "warning", "concern", "assurance", "admission", "promise",
    "allegation", "accusation", "insistence", "contention", "pledge", "vow",
    "complaint", "prediction", "declaration", "announcement", "acknowledgment",
    "acknowledgement", "charge", "criticism", "denial", "guarantee", "reminder",
    "testimony", "expectation", "worry", "conclusion", "finding", "threat",
    "assumption", "understanding", "hint", "speculation", "insinuation",
}  # fmt: skip
# Nouns of a message or a view that, as the subject of "is", introduce what it
# says ("her answer was that ...", "the argument is: ...").
MESSAGE_NOUNS = {
    "answer", "argument", "message", "point", "idea", "view", "claim", "response",
    "reply", "explanation", "slogan", "motto", "theme", "pitch", "refrain",
    "mantra", "premise", "theory", "rationale", "reasoning", "thinking",
    "belief", "hope", "fear", "concern", "worry", "conclusion", "complaint",
    "warning", "suggestion", "assumption", "consensus", "verdict", "assessment",
    "position", "contention", "promise", "case", "line", "takeaway", "lesson",
    "comment", "remark",
}  # fmt: skip
# Nouns of a stance or a statement whose prepositional object is what the stance
# is about ("her criticism of the plan", "voiced support for the bill"), with the
# prepositions that introduce it.
STANCE_NOUNS = {
    "support": ("for", "of"), "backing": ("for", "of"), "endorsement": ("of",),
    "criticism": ("of",), "condemnation": ("of",), "praise": ("for", "of"),
    "attack": ("on", "against"), "opposition": ("to",), "objection": ("to",),
    "rejection": ("of",), "defense": ("of",), "defence": ("of",),
    "question": ("about", "over"), "doubt": ("about", "over"),
    "call": ("for",), "demand": ("for",), "plea": ("for",), "appeal": ("for",),
    "view": ("of", "on"), "position": ("on",), "stance": ("on",),
    "opinion": ("of", "on", "about"), "concern": ("about", "over"),
    "complaint": ("about",), "skepticism": ("about", "of"),
    "scepticism": ("about", "of"), "distrust": ("of",), "contempt": ("for",),
    "disdain": ("for",), "admiration": ("for",), "enthusiasm": ("for",),
    "hostility": ("to", "toward", "towards"), "dislike": ("of",),
    "approval": ("of",), "disapproval": ("of",), "embrace": ("of",),
    "critique": ("of",), "disagreement": ("with", "over", "about"),
    "confidence": ("in",), "anxiety": ("about", "over"), "mention": ("of",),
    "reference": ("to",), "tribute": ("to",), "passion": ("for",),
}  # fmt: skip
# Nouns of a stance taken "in" it, with the preposition that names what it is
# taken on ("voted in favour of", "rallied in support of", "stood in opposition
# to").
IN_STANCE_NOUNS = {
    "favor": "of", "favour": "of", "support": "of", "opposition": "to",
    "defense": "of", "defence": "of", "praise": "of", "protest": "of",
}  # fmt: skip
# Nouns of intention and decision whose infinitive is what is intended ("her
# decision to run", "his pledge to cut taxes").
INTENT_NOUNS = {
    "decision", "promise", "plan", "pledge", "vow", "threat", "refusal",
    "reluctance", "unwillingness", "willingness", "determination", "desire",
    "call", "demand", "request", "offer", "proposal", "commitment",
    "intention", "resolve", "wish",
}  # fmt: skip
# Verbs that make a stance noun their object and belong to its cue ("voiced
# support for", "launched an attack on"): their subject holds the stance.
LIGHT_VERBS = {
    "voice", "express", "offer", "launch", "renew", "lend", "give",
    "pledge", "announce", "reiterate", "signal", "show", "level", "make",
    "throw", "step", "repeat", "state", "register", "issue", "mount", "raise",
    "pose", "air",
}  # fmt: skip
# Verbs that say something only through the noun of feeling or stance they
# take ("expressed concern that ...", "voiced support for ..."): news
# annotators mark the noun, and the preposition that says what it is about, as
# part of the cue. Not verbs whose object can be what is said ("offered a
# defense of ...", "showed little evidence that ..."), which they mark alone.
NOUN_CUE_VERBS = {"express", "voice"}
# Prepositions that introduce what such a noun is about ("concern about"); not
# "to", which names whom it is made to ("made an appeal to voters").
NOUN_CUE_PREPS = {"about", "for", "of", "on", "over", "against", "with", "in",
                  "toward", "towards"}  # fmt: skip
# Adverbs that mark a clause as hearsay ("the firm reportedly plans to ...").
HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly",
                   "seemingly", "ostensibly"}  # fmt: skip
# Polls and their averages, whose findings are theirs ("leads in the latest poll").
POLL_NOUNS = {"poll", "polls", "survey", "surveys", "polling", "average",
              "ranking", "rankings"}  # fmt: skip
# Verbs of saying that can open a sentence before their speaker and a colon
# ("Said Ellis: “...”", "Adds Lee: “...”").
FRONTED_VERBS = {"said", "says", "added", "adds", "asked", "asks", "wrote",
                 "writes", "replied", "replies", "noted", "notes", "explained",
                 "explains", "concluded", "concludes", "recalled", "recalls",
                 "warned", "warns", "quipped", "quips"}  # fmt: skip
# Nouns of a view one holds a statement "in" ("In Lee's view, ...", "in the
# eyes of most voters", "in the words of an adviser").
VIEW_NOUNS = {"view", "opinion", "estimation", "judgment", "judgement", "eyes",
              "words", "mind", "reckoning", "assessment"}  # fmt: skip
# Nouns of speech that one "makes" ("made the case that ...", "made those
# remarks"): the making is the saying.
MADE_NOUNS = {"case", "comment", "remark", "statement", "argument", "claim",
              "point", "pledge", "promise", "accusation", "allegation", "plea",
              "appeal", "assertion", "suggestion", "prediction", "announcement",
              "declaration", "threat", "vow", "joke"}  # fmt: skip
# Participles of a reputation or a characterisation no one in the sentence
# holds, and the preposition that names it ("known as a hawk", "seen as the
# favourite", "will be remembered for the bridge", "is often described as").
REPUTATION_VERBS = {
    "known": ("as", "for"), "seen": ("as",), "regarded": ("as",),
    "viewed": ("as",), "perceived": ("as",), "remembered": ("as", "for"),
    "described": ("as",), "portrayed": ("as",), "characterized": ("as",),
    "characterised": ("as",), "labeled": ("as",), "labelled": ("as",),
    "considered": ("as",), "billed": ("as",), "touted": ("as",),
    "branded": ("as",), "hailed": ("as",), "cast": ("as",),
}  # fmt: skip
# Pronouns for people that a participle can describe ("those backing the bill").
GROUP_PRONOUNS = {"those", "others", "anyone", "anybody", "everyone",
                  "everybody", "someone", "somebody", "many", "some", "few",
                  "all", "both"}  # fmt: skip
# Subjects or objects that are not the holder or topic of a statement.
RELATIVES = {"who", "that", "which", "whom"}
NOT_SOURCES = {"it", "this", "that", "which", "there", "what", "these", "those"}
# Pronouns that can be the object a stance is taken on ("opposed it", "accused
# it of ..."): what they stand for is what the stance is about.
OBJECT_PRONOUNS = {"it", "this", "that", "these", "those"}
# Pronouns that stand for what was said, before the verb ("which she said was").
FRONTED_RELATIVES = {"which", "that", "what", "whom", "who"}

ALL_LEMMAS = (
    SPEECH_LEMMAS
    | PREDICATE_LEMMAS
    | INTENT_LEMMAS
    | DIRECTIVE_LEMMAS
    | QUESTION_LEMMAS
    | OBJECT_LEMMAS
    | {verb for verb, _ in PREP_LEMMAS}
    | {"make"}  # "made clear that ..."
)
# Verbs that report only as these phrasal verbs ("came out against").
PHRASAL_ONLY = PHRASAL_VERBS - ALL_LEMMAS
ALL_LEMMAS |= PHRASAL_VERBS

# Verbs a headline reports with ("Lee Praises Plan", "Lee Vowed To ...").
HEADLINE_LEMMAS = (SPEECH_LEMMAS | OBJECT_LEMMAS | INTENT_LEMMAS | DIRECTIVE_LEMMAS) - {
    "show",
    "post",
    "read",
    "see",
    "know",
    "find",
    "like",
    "name",
    "file",
    "list",
}
