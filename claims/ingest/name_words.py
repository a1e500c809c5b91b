"""Word lists for telling names apart: the titles that introduce a person's
name, the particles inside one, and the head words of organisations' names.

General linguistic resources, shared by ``entities`` (repairing the model's
entity spans) and ``actors`` (cleaning and resolving names).
"""

# Words that introduce a name without being part of it. A name is the run of
# capitalised words after the last of these ("Deputy Prime Minister Oliver Dowden").
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "deputy", "secretary", "foreign",
    "home", "security", "chancellor", "senator", "sen", "rep", "representative",
    "congressman", "congresswoman", "governor", "gov", "mayor", "general", "gen",
    "lt", "col", "colonel", "captain", "capt", "sergeant", "sgt", "officer",
    "detective", "sheriff", "inspector", "chief", "executive", "ceo", "chairman",
    "chairwoman", "chair", "director", "spokesman", "spokeswoman", "spokesperson",
    "leader", "speaker", "judge", "justice", "attorney", "ambassador",
    "commissioner", "professor", "pope", "rev", "reverend", "father", "bishop",
    "archbishop", "cardinal", "former", "mp", "mep", "shadow", "state", "health",
    "defence", "defense", "education", "interior", "finance", "trade", "culture",
    "transport", "environment", "energy", "business", "treasury", "tory",
    "conservative", "labour", "democrat", "democratic", "republican", "gop",
    "candidate", "nominee", "presidential", "first", "lady", "premier",
    "chairperson", "founder", "coach", "manager", "agent", "queen", "king", "prince",
    "princess", "emir", "sheikh", "ayatollah", "crown", "whip", "peer", "crossbench",
    "backbencher", "senior", "junior", "acting", "interim", "mrs.", "mr.", "ms.",
    "dr.", "st", "saint", "said", "says", "emeritus", "undersecretary",
}  # fmt: skip
NAME_PARTICLES = {"van", "von", "de", "da", "del", "der", "den", "bin", "al", "la",
                  "le", "du", "di", "dos", "ibn"}  # fmt: skip

# Head words that make a name an organisation's, whatever the NER said
# ("Instituto Rossi", "Lee Foundation"). Words that are also common surnames
# (Court, Church, Bank) are left out.
ORG_HEADS = {
    "inc", "ltd", "llc", "plc", "corp", "corporation", "company", "co",
    "party", "university", "college", "school", "academy", "institute",
    "institution", "ministry", "council", "agency", "association", "committee",
    "commission", "department", "league", "union", "foundation", "federation",
    "police", "guard", "research", "society", "organisation", "organization",
    "museum", "gallery", "hospital",
    "club", "municipality", "authority", "bureau", "parliament", "senate",
    "congress", "government", "alliance", "coalition", "movement", "trust",
    "news", "times", "post", "journal", "gazette", "herald", "tribune",
    "press", "radio", "television", "tv", "broadcasting", "magazine",
    "instituto", "istituto", "universidad", "università", "université",
    "partido", "partito", "parti", "museo", "musée", "comune", "municipio",
}  # fmt: skip
# Nouns that classify the name beside them as an organisation's ("the
# company Acme", "the Sea Watch group", "the Green Path party").
ORG_NOUNS = {
    "company", "firm", "group", "organisation", "organization", "party",
    "agency", "newspaper", "magazine", "broadcaster", "network", "band",
    "charity", "airline", "bank", "startup", "studio", "publisher",
    "association", "outlet", "tabloid", "retailer", "carmaker", "manufacturer",
    "church", "sect",
}  # fmt: skip
# Roles whose holder is named after the body he or she works for ("Acme
# founder Ann Lee", "Acme co-founder Ann Lee").
ORG_ROLES = {"founder", "cofounder", "co-founder", "creator", "ceo", "owner",
             "boss", "chairman", "chairwoman", "spokesman", "spokeswoman",
             "spokesperson"}  # fmt: skip
# Occupations written before a person's name ("illustrator Ann Lee",
# "athletes Ann Lee and ...").
OCCUPATIONS = {
    "actor", "actress", "artist", "athlete", "author", "columnist", "comedian",
    "cosplayer", "curator", "designer", "economist", "illustrator", "journalist",
    "musician", "novelist", "painter", "photographer", "poet", "rapper",
    "reporter", "researcher", "scientist", "sculptor", "singer", "songwriter",
    "writer", "striker", "goalkeeper", "midfielder", "defender", "winger",
}  # fmt: skip
# Works whose titles the model takes for people ("the film Night Rider").
WORK_NOUNS = {"film", "movie", "novel", "book", "album", "song", "single",
              "series", "show", "play", "opera", "musical", "painting", "poem",
              "documentary", "game", "sculpture"}  # fmt: skip
