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

# Given names read as one gender nearly always in English-language news, for
# agreement with "he" and "she". Names borne by both (Chris, Alex, Sam, Jordan,
# Taylor, Kim, Lee, Jean, Andrea, Robin, Leslie, Lindsey, Terry, Kelly...) are in
# neither list: a name that is in neither agrees with both pronouns.
FEMALE_GIVEN_NAMES = {
    "abigail", "ada", "adriana", "agnes", "aileen", "alexandra", "alexandria",
    "alice", "alicia", "alison", "allison", "amanda", "amber", "amelia", "amy",
    "ana", "anastasia", "angela", "angelina", "anita", "ann", "anna", "anne",
    "annette", "antonia", "april", "arlene", "audrey", "barbara", "beatrice",
    "becky", "belinda", "bernadette", "beth", "betsy", "betty", "beverly",
    "bonnie", "brenda", "bridget", "brittany", "caitlin", "camilla", "carla",
    "carmen", "carol", "caroline", "carolyn", "catherine", "cathy", "charlotte",
    "cheryl", "chloe", "christina", "christine", "cindy", "claire", "clara",
    "claudia", "colleen", "connie", "courtney", "cristina", "cynthia", "daisy",
    "danielle", "darlene", "deborah", "debbie", "debra", "denise", "diana",
    "diane", "donna", "doris", "dorothy", "edith", "eileen", "elaine",
    "eleanor", "elena", "elisabeth", "elise", "eliza", "elizabeth", "ella",
    "ellen", "eloise", "elsa", "emilia", "emily", "emma", "erica", "erika",
    "esther", "eva", "evelyn", "fiona", "florence", "frances", "francesca",
    "gabriela", "gabrielle", "gail", "georgina", "geraldine", "gillian",
    "gina", "giorgia", "gloria", "grace", "gretchen", "gwen", "hannah",
    "harriet", "hazel", "heather", "heidi", "helen", "helena", "hillary",
    "holly", "ilhan", "ingrid", "irene", "iris", "isabel", "isabella", "ivana",
    "ivanka",
    "jacqueline", "jane", "janet", "janice", "jasmine", "jennifer", "jenny",
    "jessica", "jill", "joan", "joanna", "joanne", "jocelyn", "josephine",
    "joyce", "judith", "judy", "julia", "julie", "juliet", "justine", "kamala",
    "karen", "kate", "katherine", "kathleen", "kathryn", "kathy", "katie",
    "kay", "kayleigh", "kemi", "kirsten", "kristen", "kristin", "kristina",
    "laura", "lauren", "leah", "lily", "linda", "lisa",
    "liz", "lois", "lorraine", "louise", "lucia", "lucy", "lydia", "lynn",
    "madeleine", "maggie", "mandy", "marcia", "margaret", "margarita",
    "maria", "marian", "marie", "marilyn", "marina", "marjorie", "marsha",
    "martha", "mary", "maureen", "megan", "melanie", "melania", "melinda",
    "melissa", "meredith", "michaela", "michelle", "mildred", "miriam", "molly",
    "monica", "nadia", "nadine", "nancy", "naomi", "natalie", "natasha",
    "nicola", "nicole", "nikki", "nina", "nora", "olivia", "pamela", "patricia",
    "paula", "pauline", "peggy", "penelope", "penny", "phyllis", "polly",
    "priti", "priscilla", "rachel", "rebecca", "regina", "rita", "roberta",
    "rosa", "rosalind", "rose", "rosemary", "ruth", "sabrina", "sally",
    "samantha", "sandra", "sara", "sarah", "sharon", "sheila", "shirley",
    "silvia", "sonia", "sophia", "sophie", "stella", "stephanie", "susan",
    "suzanne", "sylvia", "tamara", "tanya", "teresa", "theresa", "tiffany",
    "tina", "tulsi", "ursula", "valerie", "vanessa", "vera", "veronica",
    "victoria", "violet", "virginia", "vivian", "wendy", "yvette", "yvonne",
    "zoe",
}  # fmt: skip
MALE_GIVEN_NAMES = {
    "aaron", "abraham", "adam", "adrian", "ahmed", "alan", "albert", "alberto",
    "alexander", "alfred", "ali", "alistair", "allen", "alvin", "andre",
    "andrew", "andy", "angus", "anthony", "antonio", "archibald", "arnold",
    "arthur", "barack", "barry", "ben", "benjamin", "bernard", "bernie",
    "bill", "billy", "bob", "boris", "brad", "bradley", "brandon", "brendan",
    "brett", "brian", "bruce", "bryan", "byron", "calvin", "carl", "carlos",
    "charles", "charlie", "chuck", "clarence", "clifford", "clint", "colin",
    "craig", "curtis", "dale", "dan", "daniel", "danny", "darren", "dave",
    "david", "dean", "dennis", "derek", "dick", "dominic", "don", "donald",
    "douglas", "duncan", "dwight", "eamonn", "earl", "ed", "eddie", "edgar",
    "edmund", "eduardo", "edward", "edwin", "elijah", "elon", "emmanuel",
    "enrique", "eric", "ernest", "ethan", "eugene", "felix", "fernando",
    "frank", "franklin", "fred", "frederick", "gabriel", "gareth", "gary",
    "gavin", "geoffrey", "george", "gerald", "gerard", "gordon", "graham",
    "grant", "greg", "gregory", "guy", "hakeem", "hamish", "hank", "harold",
    "harry", "harvey", "hector", "henry", "herbert", "howard", "hugh", "hugo",
    "hunter", "iain", "ian", "isaac", "ivan", "jack", "jacob", "jake",
    "james", "jared", "jason", "javier", "jay", "jeb", "jeff", "jeffrey",
    "jeremy", "jerome", "jerry", "jim", "jimmy", "joe", "joel", "john",
    "johnny", "jon", "jonathan", "jorge", "jose", "joseph", "joshua", "juan",
    "julian", "justin", "keir", "keith", "ken", "kenneth", "kevin", "kieran",
    "kurt", "kyle", "lance", "larry", "lawrence", "leo", "leon", "leonard",
    "lewis", "liam", "lloyd", "louis", "luis", "luke", "malcolm",
    "marco", "marcus", "mario", "mark", "martin", "matt", "matthew", "maurice",
    "max", "michael", "miguel", "mike", "mitch", "mitchell", "mohammed",
    "muhammad", "nathan", "neil", "nicholas", "nick", "nigel", "noah",
    "norman", "oliver", "omar", "oscar", "owen", "patrick", "paul", "pedro",
    "peter", "phil", "philip", "phillip", "pierre", "rafael", "ralph", "randy",
    "raymond", "reginald", "rex", "richard", "rick", "rishi", "rob", "robert",
    "roberto", "rodney", "roger", "ron", "ronald", "ross", "roy", "rudy",
    "rupert", "russell", "ryan", "samuel", "scott", "sean", "sebastian",
    "sergei", "sergey", "seth", "shane", "simon", "stanley", "stephen",
    "steve", "steven", "stewart", "stuart", "ted", "theodore", "thomas", "tim",
    "timothy", "todd", "tom", "tommy", "tony", "travis", "trevor", "troy",
    "tyler", "victor", "vince", "vincent", "vladimir", "volodymyr", "walter",
    "warren", "wayne", "wesley", "william", "willie", "winston", "xavier",
    "yuri", "zachary",
}  # fmt: skip
