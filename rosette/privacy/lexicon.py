"""Word lists the name and workplace detectors consult.

The two large gazetteers (given names, surnames) are generated data files under ``data/`` (see
``data/PROVENANCE.md``); everything here is small and curated by hand, so each list says why it
exists. All lookups are on the exact capitalised form unless a list says otherwise.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def _load(name: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of text, as a set."""
    return frozenset(text.split())


@cache
def _extra() -> dict[str, frozenset[str]]:
    """The hand-written supplement, by heading ("given", "surname")."""
    text = resources.files(__package__).joinpath("data", "names_extra.txt").read_text("utf-8")
    sections: dict[str, set[str]] = {}
    current: set[str] = set()
    for line in text.splitlines():
        if line.startswith("["):
            current = sections.setdefault(line.strip("[] "), set())
        elif not line.startswith("#"):
            current.update(line.split())
    return {name: frozenset(words) for name, words in sections.items()}


@cache
def given_names() -> frozenset[str]:
    """Given names (generated gazetteer and supplement), less words that are rarely names."""
    return (_load("given_names.txt") | _extra()["given"]) - NOT_NAMES


@cache
def surnames() -> frozenset[str]:
    """Surnames: the generated gazetteer and the hand-written supplement."""
    return _load("surnames.txt") | _extra()["surname"]


@cache
def everyday_words() -> frozenset[str]:
    """Lower-case words of everyday English (SCOWL size 35): "hope", "will", "rose"."""
    return _load("everyday_words.txt")


@cache
def known_words() -> frozenset[str]:
    """Every lower-case word of ordinary English writing (SCOWL size 50), everyday or not,
    with the words of social care the dictionary lacks and the lower-case words of the lists
    below ("carer", "keyworker", "telecare")."""
    curated = (
        KIN_AND_ROLES | ROLE_NOUNS | PERSON_VERBS | PERSON_STATES | POSSESSIONS | TEXTSPEAK
        | CARE_WORDS
    )  # fmt: skip
    return everyday_words() | _load("more_words.txt") | curated


@cache
def proper_nouns() -> frozenset[str]:
    """Capitalised words of the dictionary: places, nationalities, brands (and some names)."""
    return _load("proper_nouns.txt")


@cache
def _places_file() -> tuple[frozenset[str], tuple[str, ...]]:
    entries = _load("places.txt")
    return (
        frozenset(e for e in entries if " " not in e),
        tuple(sorted(e for e in entries if " " in e)),
    )


@cache
def places() -> frozenset[str]:
    """One-word places: the hand-written PLACES below and ``data/places.txt``."""
    return PLACES | _places_file()[0]


def place_phrases() -> tuple[str, ...]:
    """Places of more than one word ("Fort William", "Wester Hailes"), never people."""
    return _places_file()[1]


# All capitals, or a capital inside a word other than a name's (Mc-, Mac-, O'-, Fitz-, De-...).
_ACRONYM_OR_BRAND = re.compile(
    r"[A-Z]{2,}|(?!(?:Mc|Mac|O'|O\u2019|Fitz|De|Di|Da|Du|La|Le|Van|Von)[A-Z])[A-Z][a-z]+[A-Z]\w*"
)

# What a capitalised word is, before its context is read (see kind()).
GIVEN = "given"  # a given name that is not also an everyday word: "Irene", "Graham"
SURNAME = "surname"  # a surname only: "Kowalski"
AMBIGUOUS = "ambiguous"  # a name that is also a word, a place or a month: "Hope", "Iona", "May"
PLACE = "place"  # a place that is not a name: "Tranent"
PROPER = "proper"  # a proper noun of the dictionary that is not a name: "Ethiopian", "Netflix"
RARE = "rare"  # a word of the dictionary, but not an everyday one: "Bracken", "Rankine"
WORD = "word"  # an everyday word: "Support", "Tea"
UNKNOWN = "unknown"  # none of these: shaped like a name nobody listed ("Kezia", "Gilfillan")


@cache
def kind(word: str) -> str:
    """Classify a capitalised word by the lists alone; the detectors then read its context."""
    if word in NOT_NAMES:
        return WORD
    if "-" in word and all(p.lower() in everyday_words() for p in word.split("-")):
        return WORD  # "Sign-off", "Follow-up": a compound of everyday words
    if _ACRONYM_OR_BRAND.fullmatch(word):
        return PROPER  # "GDPR", "GamCare", "WhatsApp": never a person's name on its own
    is_name = word in given_names() or word in surnames()
    lower = word.lower()
    if is_name:
        if (
            lower in everyday_words()
            or word in AMBIGUOUS_NAMES
            or word in NAMED_AFTER_PEOPLE
            or word in places()
            or word in MONTHS_AND_DAYS
        ):
            return AMBIGUOUS
        return GIVEN if word in given_names() else SURNAME
    if word in NAMED_AFTER_PEOPLE or word in AMBIGUOUS_NAMES:
        return AMBIGUOUS
    if word in places():
        return PLACE
    if lower in everyday_words() or lower in CARE_WORDS:
        return WORD
    if word in NATIONALITIES or word in PRODUCTS:
        return PROPER
    if lower in known_words() or lower.endswith(_WORD_SUFFIXES):
        return RARE
    if word in proper_nouns() or _brand_compound(lower):
        return PROPER
    return UNKNOWN


# Second halves of the one-word names of apps and firms: "Rightmove", "Clearpay", "Netmums".
_BRAND_ENDINGS = (
    "pay", "move", "mums", "hub", "app", "apps", "book", "box", "ware", "soft", "tube", "pod",
    "chat", "cast", "bot", "cloud", "link", "flix", "mail", "shop", "mart", "zone",
)  # fmt: skip


def _brand_compound(lower: str) -> bool:
    """Whether an unlisted word is an everyday word run together with a brand ending, as the
    names of apps and firms are ("Clearpay" = clear + pay); names of people are not."""
    return any(
        lower.endswith(end)
        and len(lower) - len(end) >= 3
        and lower[: -len(end)] in everyday_words()
        for end in _BRAND_ENDINGS
    )


# Endings of English words made from other words ("Facilitators", "Digitisation",
# "Mentorship"), which names seldom have: an unlisted word ending so is a rare word.
_WORD_SUFFIXES = (
    "ation", "ations", "ator", "ators", "ology", "ities", "ship", "ships", "ism", "isms",
    "ised", "ising", "ized", "izing",
)  # fmt: skip


# Entries of the generated lists that are ordinary English words far more often than names,
# so that treating them as names would flag clean prose ("Said", "Made", "Forum").
NOT_NAMES = words("""
    Said Made Man Else Sad Till Mad Harm Forum Edit Sole Nail Mar Raid Harsh Peer Pastor Cord
    Theres Pier Meta Ale Mare Loot Lore Om Grit Corona Eta Ante Ide Sever Amor Gala Sonata Marine
    German Urban Ion Kaiser Lucky Diamond
    Major King Prince Duke Royal Precious Sterling Justice
    Honour Happy Young Little Long Small Street Road Lane
    Hall House Church Wood Field Parks Bridge Bank Mill Well Wells Way Page Rich Good Best Hardy
    Love Care Service Support Health Safe Safety Team Help Home Day Week Month Year Staff Lord
    Lady Miss Sister Brother Father Mother Sunday Monday Tuesday Wednesday Thursday Friday
    Saturday January February March April May June July August September October November
    December Christmas Easter English Scottish British Irish Polish Welsh French Spanish Pole
    Scot Teams Zoom Signal Alexa Siri Echo Ring Nest Portal Apple Google Microsoft Amazon Near
    Code Act Law Practice Standards Council Unit Ward Centre Center Court Lodge Trust Board
    Online Digital Data Policy Learning Zone Mental Social Adult Adults Child Children Family
    Families Carer Carers Nurse Doctor Manager Worker Workers Client Tenant Resident Person
    People Can Shall Must Might Could Should Would Also Even Just Only Then When While Where
    Our Their His Her Its This That These Those What Which Who Whom Whose How Why Here There
    Before After During Since Until Under Over Between Among Around About Above Below Next Last
    First Second Third New Old Other Another Each Every Some Any Many Much More Most Less Few
    All Both Either Neither Not No Yes And But Or If As At By For From In Into Of On Onto To
    With Without We You They He She It Me Him Them Us My Your Mac Macs Pascal Gregorian Danish
    Christian Muslim Jewish Sikh Hindu Catholic Protestant Victorian Edwardian Georgian Celtic
    Gaelic Doric Scots Jesus God Allah Buddha Bible Quran Koran Internet Web Wifi Bluetooth
    Abba
""")

# Given names that are also common English words, months or things: accepted as a person only
# with a context cue ("my colleague Grace", "Will said", "Holly's mum"), never bare.
AMBIGUOUS_NAMES = words("""
    Will May June April August Hope Guy Summer Bill Mark Faith Jack Rose Frank Grant Joy Drew
    Chase Dawn Autumn Grace Robin Eve Sandy Penny Olive Pearl Ruby Amber Holly Heather Ivy Violet
    Daisy Iris Jade Willow Coral Hazel Rosemary Poppy Misty Basil Clement Earl Dean Glen Dale
    Lance Rex Kay Jo Sue Pat Ray Don Nick Rob Bob Carter Cooper Parker Mason Archer Fletcher
    Piper Tanner Hunter Spencer Bailey Harper Brandy Sherry Ginger Melody Aurora Luna Stella
    Flora Gene Jean Victor Kelvin Rowan Scot Kyle Lewis Ross Jordan Morgan Kerry Kent Florence
    Sienna Lily Jasmine Carol Shelly Misty Sky Skye Storm Rain River Brook Cliff Heath Reed Clay
    Art Max Sol Dot Star Teddy Happy Ginny Fern Myrtle Lavender Bay Lake Jasper Amethyst Garnet
    Opal Beryl Sunny Rusty Smokey Gay Merry Noble Constance Prudence Verity Felicity Bliss Marina
    Mercy Charity Temperance Honor
    Iona Arran Lorne Clyde Douglas Angus Moray Irvine Hamilton Stirling Paisley Campbell Elgin
    Cromarty Islay Bute Lennox Nairn Troon Fraser Murray
    Keith Leslie Dallas Austin Houston Denver Florida Georgia Carolina Virginia Chelsea
    Kendal Lincoln Preston Hastings Chester Devon Dorset Shannon Tyler Taylor Madison Sidney
    Sydney Vienna Paris London Trent Orlando Brooklyn Memphis Phoenix Savannah Dakota Cheyenne
    China India Asia Africa Kenya Chad Jersey Guernsey Sable Pepper Candy Cherry Apple Berry
    Plum Peach Jewel Goldie Silver Sterling Page Hardy Banks Wells Church Hall Moss Gray Grey
    Green White Black Brown Young Long Small Little Rich Good Best Love Bird Fox Wolf Lamb Swan
""")

# Honorifics and titles that put a surname right after them.
TITLES = words("""
    Mr Mrs Ms Miss Mx Dr Doctor Prof Professor Rev Reverend Revd Fr Father Sr Cllr Councillor
    Sgt Sergeant PC DC DS DI Constable Inspector Officer Nurse Sister Auntie Aunty Uncle Granny
    Gran Grandad Grandpa Grandma Nana Papa
""")
# Titles that are also ordinary capitalised words at the start of a sentence ("Father figures",
# "Officer training"): these need the next word to be a known name, not just any capital.
WEAK_TITLES = words("Doctor Father Sister Nurse Officer Inspector Constable Uncle Gran Granny")

# Relations and roles that introduce a person's name: "his daughter Iona", "my colleague Arjun".
KIN_AND_ROLES = words("""
    mum mam mom mummy dad daddy mother father parent parents son daughter brother sister
    stepmum stepdad stepson stepdaughter brother-in-law sister-in-law son-in-law daughter-in-law
    aunt auntie aunty uncle niece nephew cousin gran granny gran's grandma grandmother grandad
    granddad grandpa grandfather grandson granddaughter wife husband partner boyfriend girlfriend
    fiance fiancee friend pal neighbour neighbor carer colleague colleagues manager supervisor
    boss keyworker key-worker worker client tenant resident patient learner student pupil
    child baby toddler teenager lodger flatmate housemate landlord landlady advocate guardian
    foster handyman cleaner cook chef driver receptionist janitor caretaker gardener porter
    administrator coordinator co-ordinator teacher tutor lecturer mentor befriender chaplain
    interpreter translator volunteer assessor verifier therapist psychologist psychiatrist
""")
# Verbs and phrases after which the next capitalised word is someone spoken to or acted with.
PERSON_PRECEDERS = words("""
    with told asked helped supported showed reminded encouraged thanked visited phoned rang
    called texted emailed messaged met contacted shadowed prompted reassured warned advised
    assured praised taught coached mentored interviewed gave let about for to and that by
    whether when because saw see heard accompanied collected drove invited introduced joined
    congratulated visit support help ask tell thank contact remind meet
""")
# Verbs that, straight after a capitalised word, show it acting as a person.
PERSON_FOLLOWERS = words("""
    said says told tells asked asks was is had has would will could can did does felt feels
    seemed seems looked looks disclosed explained agreed wanted wants needed needs went goes
    came comes became received receives started starts decided chose lives lived called phoned
    rang texted emailed messaged replied answered cried laughed smiled shouted refused kept keeps
    sat stood uses used knew knows thought thinks understood understands gave gives got gets
    made makes tried tries loves loved enjoys enjoyed likes liked prefers preferred showed shows
    told mentioned admitted confirmed reported became turned remembered forgot worries worried
    who whose herself himself themselves
""")
# Words that, just before a capitalised word, make it a thing rather than a person.
DETERMINERS = words("""
    a an the this these those our their its every each any some no another such
""")

# Capitalised words after which we are in a place, not with a person: "moved to Angus".
PLACE_PRECEDERS = words("in at near from across around across within throughout outside of on")

# Multi-word and single names of organisations, services, products, schemes, helplines, laws and
# theorists that look like people's names but identify nobody. Matched as whole phrases.
ALLOWED_PHRASES: tuple[str, ...] = (
    "Marie Curie",
    "Sue Ryder",
    "Maggie's",
    "Barnardo's",
    "Clare's Law",
    "Sarah's Law",
    "Martyn's Law",
    "Michael's Law",
    "Alzheimer Scotland",
    "Penumbra",
    "Cornerstone",
    "Capability Scotland",
    "Turning Point",
    "Aberlour",
    "Quarriers",
    "Enable",
    "Samaritans",
    "Age Scotland",
    "Carers Trust",
    "Citizens Advice",
    "Shelter",
    "CrossReach",
    "Crossreach",
    "Includem",
    "Action for Children",
    "Who Cares",
    "Victim Support",
    "Women's Aid",
    "Rape Crisis",
    "Childline",
    "ChildLine",
    "NSPCC",
    "Mind",
    "Scope",
    "Leonard Cheshire",
    "Sense Scotland",
    "Kibble",
    "Hey Girls",
    "Florence Nightingale",
    "Mary Seacole",
    "William Wallace",
    "Robert Burns",
    "Rabbie Burns",
    "Queen Elizabeth",
    "King Charles",
    "Prince William",
    "Prince Harry",
    "Saint Andrew",
    "St Andrew",
    "St Andrews",
    "St Johnstone",
    "St Mirren",
    "St John",
    "St John Ambulance",
    "Fort William",
    "Port Glasgow",
    "Prestonpans",
    "Carl Rogers",
    "Honey and Mumford",
    "Tom Kitwood",
    "Siri",
    "Cortana",
    "Google",
    "Zoom",
    "Teams",
    "Skype",
    "FaceTime",
    "WhatsApp",
    "Messenger",
    "Facebook",
    "Instagram",
    "Snapchat",
    "TikTok",
    "Twitter",
    "LinkedIn",
    "YouTube",
    "Echo Show",
    "Echo Dot",
    "Nest",
    "Portal",
    "Chromebook",
    "iPad",
    "iPhone",
    "Near Me",
    "Attend Anywhere",
    "Signal for Help",
    "Signal",
    "Hollie Guard",
    "Ask for Angela",
    "Lottie",
    "Brightsky",
    "Bright Sky",
    "Hestia",
    "Rose Unit",
    "Grace period",
    "Jack Kane",
    "Talk to Frank",
    "Get Safe Online",
    "Think U Know",
    "ThinkUKnow",
    "CEOP",
    "Mumsnet",
    "Ted",
    "TED",
    "Wallace and Gromit",
    "Peppa Pig",
    "Bob the Builder",
    "Thomas the Tank Engine",
    "Henry Moore",
    "John Lewis",
    "Marks and Spencer",
    "Marks & Spencer",
    "Sainsbury's",
    "McDonald's",
    "Boots",
    "Morrisons",
    "Tesco",
    "Asda",
    "Lidl",
    "Aldi",
    "Greggs",
    "Argos",
    "Ladbrokes",
    "William Hill",
    "Paddy Power",
    "Betfred",
    "Virgin Media",
    "Barclays",
    "Santander",
    "Halifax",
    "Lloyds",
    "Nationwide",
    "Monzo",
    "Starling",
    "PayPal",
    "Klarna",
    "Robertson Trust",
    "Carnegie",
    "Wellcome",
    "Nuffield",
    "Rowntree",
    "Joseph Rowntree",
    "Iriss",
    "Scottish Women's Aid",
    "Shakti",
    "Saheliya",
    "Dr Google",
    "Mr Tumble",
    "Father Christmas",
    "Frank's Law",
    "Macmillan Cancer Support",
    "Amina Muslim Women's Resource Centre",
    "Neil Thompson",
    "Abraham Maslow",
    "Graham Gibbs",
    "David Kolb",
    "Donald Schön",
    "Gerard Egan",
    "John Bowlby",
    "Jean Piaget",
    "Erik Erikson",
    "Sigmund Freud",
    "Bruce Tuckman",
    "Urie Bronfenbrenner",
    "Santa Claus",
    "Oor Wullie",
    "The Broons",
    "Tam o' Shanter",
    "Radio nan Gàidheal",
    "BBC Alba",
    "Lloyds Bank",
    "Lloyds Pharmacy",
)

# Single words that are people's names but, alone and without a cue, usually name an
# organisation, brand, theory, scheme or condition ("a leaflet from Macmillan", "Gibbs' cycle",
# "Talk to Frank", "has Parkinson's"). They are not allow-listed: they count as ambiguous
# names, so a strong cue ("her son Frank", "Mr Thompson", "Rogers said") still makes them a
# person.
NAMED_AFTER_PEOPLE = words("""
    Alexa Amina Angela Belbin Bloom Borton Boud Bowlby Bronfenbrenner Brookfield Clare Coral
    Driscoll Egan Erikson Frank Freud Gibbs Jessie Johns Karpman Kitwood Kolb Kubler-Ross
    Kübler-Ross Macmillan Maslow Piaget Ring Robertson Rogers Rolfe Santa Schon Schön Thompson
    Tina Tuckman Vygotsky Wilma
    Parkinson Huntington Crohn Tourette Asperger Korsakoff Alzheimer Hodgkin Addison Raynaud
""")

# Scottish and other UK places a learner names without identifying anyone: council areas,
# towns, islands, rivers. A capitalised word here is never a person on its own.
PLACES = words("""
    Scotland England Wales Ireland Britain UK Europe Edinburgh Glasgow Aberdeen Dundee Inverness
    Perth Stirling Falkirk Paisley Kilmarnock Ayr Irvine Livingston Hamilton Motherwell Wishaw
    Coatbridge Airdrie Cumbernauld Kirkcaldy Dunfermline Glenrothes Methil Leven Buckhaven
    Arbroath Montrose Forfar Brechin Carnoustie Stonehaven Peterhead Fraserburgh Elgin Forres
    Nairn Dingwall Thurso Wick Fort Lerwick Kirkwall Stornoway Portree Oban Lochgilphead
    Campbeltown Dunoon Helensburgh Dumbarton Clydebank Greenock Gourock Largs Ardrossan
    Saltcoats Troon Prestwick Girvan Stranraer Dumfries Annan Lockerbie Galashiels Hawick
    Kelso Peebles Selkirk Melrose Duns Eyemouth Berwick Carlisle Newcastle Musselburgh
    Dalkeith Penicuik Bonnyrigg Haddington Dunbar Bathgate Linlithgow Broxburn Grangemouth
    Alloa Bo'ness Kinross Crieff Pitlochry Aviemore Blairgowrie Cupar Andrews Anstruther
    Leith Portobello Gorgie Morningside Govan Partick Maryhill Easterhouse Drumchapel Castlemilk
    Pollok Shettleston Springburn Possil Barrhead Renfrew Johnstone Erskine Bearsden
    Milngavie Kirkintilloch Bishopbriggs Lenzie Larkhall Lanark Carluke Biggar Shotts
    Bellshill Uddingston Cambuslang Rutherglen Blantyre Kilwinning Stewarton Cumnock
    Lothian Lothians Midlothian Fife Angus Moray Highland Highlands Lowlands Islands Borders
    Argyll Bute Ayrshire Lanarkshire Renfrewshire Inverclyde Dunbartonshire Perthshire
    Aberdeenshire Clackmannanshire Galloway Shetland Orkney Hebrides Lewis Harris Skye Mull
    Islay Arran Uist Barra Tiree Jura Iona Caithness Sutherland Ross Cromarty Lochaber
    Badenoch Strathspey Deeside Tayside Grampian Strathclyde Clyde Forth Tay Tweed Dee Don
    Spey Nith Ness Lomond Trossachs Cairngorms Caledonia Holyrood Westminster London
    Manchester Liverpool Birmingham Leeds Sheffield Bristol Cardiff Belfast Dublin Derry
    York Durham Cumbria Northumberland Yorkshire Lancashire Kent Surrey Essex Devon Cornwall
    Brighton Oxford Cambridge Nottingham Leicester Coventry Sunderland Middlesbrough
    Poland Romania Lithuania Latvia Ukraine Syria Afghanistan Pakistan India Nigeria Ghana
    Eritrea Sudan Somalia Iraq Iran China Hong Kong Philippines Portugal Spain Italy France
    Germany America Canada Australia
""")

# Words that end the name of a place of work: "Rowan House", "Brae View", "Kirkhill Court".
WORKPLACE_SUFFIXES = words("""
    House Lodge Court Centre Center Home Living Gardens Grange Manor View Cottage Cottages
    Hostel Project Hub Villa Villas Mews Haven Nursery Croft Mains Steading Primary
""")
# Two-word endings that are themselves generic: "Nursing Home", "Supported Living".
WORKPLACE_KINDS = words("""
    Care Nursing Residential Respite Supported Day Resource Children's Childrens Family
    Community Recovery Rehabilitation Rehab Resettlement Assessment Support Youth Hospice
    Retirement Sheltered Housing Student
""")
# Lowercase descriptors that make a preceding capitalised name a place of work.
WORKPLACE_DESCRIPTORS: tuple[str, ...] = (
    "care home",
    "children's house",
    "childrens house",
    "young people's house",
    "respite unit",
    "nursing home",
    "residential home",
    "children's home",
    "childrens home",
    "residential unit",
    "day centre",
    "day center",
    "day service",
    "resource centre",
    "supported living",
    "respite",
    "respite centre",
    "respite house",
    "hostel",
    "care village",
    "sheltered housing",
    "retirement home",
    "hospice",
    "group home",
    "family centre",
    "nursery",
    "care service",
    "housing support service",
    "supported accommodation",
)
# Qualifiers that say what kind of place it is without naming which one: "the Health Centre",
# "a Day Centre". A workplace name needs at least one word outside this set.
GENERIC_QUALIFIERS = (
    WORKPLACE_KINDS
    | WORKPLACE_SUFFIXES
    | PLACES
    | words("""
    The A An Our My Their Health Medical Learning Leisure Sports Job Jobcentre Contact Visitor
    Visitors Citizens Advice Council Royal National Scottish NHS Scotland Companies Parliament
    Bute Open White Social Work Mental Wellbeing Wellness Carers Carer Parent Parents Baby
    Early Years Primary Secondary High Academy School College University Business Town City
    County Village Local Public Police Fire Court Sheriff Hearing Hearings Children Adult Adults
    Older People Elderly Disability Disabled Learning Deaf Blind Dementia Autism Drug Alcohol
    Addiction Homeless Homelessness Women's Men's Young Family Families Community Church Parish
    Mosque Temple Opera Guest Dolls Green Tree Summer Boarding Safe Halfway Coffee Tea Main Big
    Little Old New West East North South Central Upper Lower St Saint Pupil Staff Head Office
    Integration Joint Partnership Services Service Team Unit Ward Hospital Infirmary Clinic
    Practice Surgery Pharmacy Bank Post Library Museum Gallery Hall Church Centre Trust
    """)
)

# Capitalised words that make a run of capitals an organisation or institution, so that none of
# its words is a person ("NHS Lothian", "Glasgow City Council", "Aberdeen Royal Infirmary").
ORG_WORDS = words("""
    NHS Council Councils Scotland Scottish Government Inspectorate Service Services Team Trust
    Board Partnership Authority Agency Department Office Ministry Commission Commissioner
    Hospital Infirmary Clinic Surgery Practice Pharmacy University College School Academy
    Nursery Police Fire Rescue Ambulance Court Tribunal Unit Ward Act Law Code Codes Standards
    Helpline Line Scheme Programme Project Network Foundation Association Society Charity Fund
    Alliance Federation Institute Union Group Ltd Limited PLC Plc Inc Co Company Bank Building
    Media Mail Online Direct Security Support Care Health Social Advice Aid Crisis Rights
    Welfare Works Zone Hub Champions Framework Outcomes Wellbeing Principles Standards Award
    Awards Badge Badges Course Module Unit Level Street Road Avenue Lane Drive Crescent Place
    Terrace Church Cathedral Mosque Temple Chapel
    Station Airport Bridge Castle Museum Gallery Library Theatre Arena Stadium Centre Center
    Club Cafe Café Hotel Inn Bar Restaurant Shop Store Stores Market Mall Ltd Associates
    Partners Solicitors Housing Homes Association Credit Bureau Alzheimer Parkinson's
    Huntington's Down Asperger Crohn's Alzheimer's Tourette's Dementia Autism Motor Neurone
""")

MONTHS_AND_DAYS = words("""
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Christmas Easter Hogmanay Diwali Eid Ramadan Hanukkah Halloween
""")

# Nationalities, languages and faiths that the dictionary lacks.
NATIONALITIES = words("""
    Eritrean Eritreans Tigrinya Amharic Oromo Somali Somalis Kurdish Kurd Kurds Sorani Kurmanji
    Farsi Dari Pashto Punjabi Urdu Bengali Bangladeshi Pakistani Pakistanis Indian Sikh Sikhs
    Hindu Hindus Muslim Muslims Syrian Syrians Afghan Afghans Sudanese Ukrainian Ukrainians
    Romanian Romanians Roma Polish Lithuanian Latvian Slovak Czech Bulgarian Nigerian Ghanaian
    Congolese Zimbabwean Eritrea Yoruba Igbo Hausa Twi Shona Swahili Mandarin Cantonese Tagalog
    Filipino Vietnamese Arabic Gaelic Doric Scots Glaswegian Dundonian Aberdonian Weegie
""")

# Verbs of speech, feeling and thought: straight after a capitalised word they make it a person
# ("Kezia told me", "Will said", "Tormod felt"), whatever the word is.
SPEECH_AND_FEELING = words("""
    said says told tells asked asks disclosed explained admitted shouted cried laughed smiled
    replied answered whispered insisted complained mentioned confided agreed refused felt
    feels worried worries decided chose wanted wants loves loved hates hated enjoyed enjoys
    thinks thought knew knows remembered forgot admits texted phoned rang emailed messaged
    apologised thanked hugged sobbed screamed giggled nodded sighed panicked
""")
# Verbs after a capitalised word at the start of a sentence that show someone acting: "Kacey
# picked up the tablet". Verbs that things do too ("is", "has", "uses") are left out.
PERSON_VERBS = SPEECH_AND_FEELING | words("""
    sat stood went came arrived left joined attended stayed slept woke walked ran got tried
    managed learned learnt practised typed clicked pressed swiped logged signed wrote read
    watched listened spoke talked chatted visited called met helped showed taught brought moved
    lived lives turned started finished completed opened received seemed looked needed settled
    kept picked did likes liked prefers preferred understands understood herself himself
    returned declined
""")
# How a person is (after "was", "is", "felt", "seemed"): "Hope was quiet", "Drew is upset".
PERSON_STATES = words("""
    upset quiet scared frightened worried anxious nervous happy pleased delighted proud angry
    cross distressed tearful excited unsettled settled confused tired unwell calm lonely
    embarrassed ashamed relieved keen reluctant determined chuffed raging buzzing sad
    overwhelmed annoyed frustrated afraid terrified thrilled grateful shy withdrawn agitated
    poorly ill asleep awake gutted fuming scunnered mortified livid devastated heartbroken
    stressed bored beelin isolated vulnerable housebound low brighter unhappy
""")
# People's roles: "Patience is a care assistant", "Bracken, a young person I support".
ROLE_NOUNS = words("""
    assistant worker carer nurse student officer lead leader manager colleague volunteer
    resident tenant neighbour friend mum dad son daughter mother father brother sister client
    person man woman boy girl lady gentleman child teenager pupil learner practitioner senior
    co-worker coworker mentor supervisor champion assessor educator therapist advocate staff
    grandmother grandfather gran granny aunt uncle cousin wife husband partner keyworker
    key-worker
""")
# Words ending just before a name that say the next word is what someone is called.
NAMING_CUES: tuple[tuple[str, ...], ...] = (
    ("calls", "himself"),
    ("calls", "herself"),
    ("called", "himself"),
    ("called", "herself"),
    ("call", "me"),
    ("known", "as"),
    ("goes", "by"),
    ("calls", "him"),
    ("calls", "her"),
    ("call", "him"),
    ("call", "her"),
    ("called", "him"),
    ("called", "her"),
    ("nicknamed",),
    ("named",),
    ("called",),
)
# Things a person has: "Hughie's phone", "Geordie's tablet" make the owner a person.
POSSESSIONS = words("""
    phone phones mobile tablet laptop ipad room flat house home bag account accounts password
    passwords card cards plan photo photos photograph photographs pictures messages profile
    family friends birthday appointment review medication wheelchair charger
""")
# Nouns that make a name before them a theory or method: "Gibbs' reflective cycle".
THEORY_NOUNS = words("""
    cycle model models theory theories hierarchy framework approach stages triangle idea ideas
    research writings
    principles conditions method guidelines competence reflective
""")
# Words put before a name or nickname, in Scots especially: "wee Jinty", "Big Shug".
NICKNAME_PREFIXES = words("Big Wee Auld big wee auld")
# Labels that start a line of people in notes: "Attendees: ...", "Name: ...".
LIST_LABELS = words("""
    name names who attendees attendee participants present apologies team signed referrer cc contact
    contacts keyworker mentor assessor witness chair author
""")
# Capitalised abbreviations common in social-care writing, which are never a person's initials.
ACRONYMS = words("""
    NHS GP GPs OT OTs SW SWs CPN CPNs ASP AP SVQ SVQs PVG SSSC DWP PIP ESA UC HMRC IT TV PC
    CCTV BSL ADHD ASD ASN GIRFEC SCQF PDA PRTL AOB SMART UK USA EU BBC SCVO CEOP NSPCC RNIB MSP
    MP PA PAs HSCP IJB CAMHS CAB ID PIN OK AM PM DOB CHI NI TEC ICT AI HR CV CVs QR SMS GDPR
    ECHR UNCRC MH LD ACE ACEs SDS CSO MOT WHO BT EE PE RE DT HIV STI LGBT LGBTQ SOS DBS ASAP
    FAQ FYI NB PS BST CBT DBT RIP OCD PTSD COPD MS MND RSVP ETA USB PDF URL APP
""")
# Words after "to" that is going somewhere rather than someone: "went to Huntly".
MOTION_WORDS = words("""
    went go goes going gone moved move moving travelled travel drove drive walked trip trips
    back way route returned came come bus train ferry flight holiday holidays took take taking
    outing outings visit visits day
""")
# Text-message shorthand: lower-case words unknown to the dictionary that are not names.
TEXTSPEAK = words("""
    lol omg tbh fyi pls plz thx abt wiv cos coz tho thru gonna wanna gotta dunno innit hols
    mgr mgmt supv gent msg msgs txt txts fone wk wks mins hrs appt appts xmas ppl govt dept
    info asap btw imo idk ikr smh brb ttyl nvm hun hunni aye naw wean weans didnae cannae
    wouldnae couldnae wasnae isnae dinnae ken telt masel yersel thegither awfy wi fae tae oot
    doon roond efter afore noo wan ane yin ah wis whit hame heid bairn bairns lassie laddie
    wifi ipad iphone app apps online onto email emails whatsapp facebook snapchat tiktok
    instagram youtube zoom skype teams google alexa siri telecare telehealth smartphone
    pics pic vids vid meds tmrw tmw tmoz hosp sesh uni brekkie bestie bezzie fam bday
    convo probs defo deffo obvs totes gran granda nana maw da paw bro sis hubby
    jist polis disnae doesnae dinnae wantit wantae gonnae gie gied gaun goin baith aw awa wir
    oor ye yer yous youse hoose toon greetin blether dreich fitba naebody aebody sumdy mair
    ither wance frae hud huv wur roon ony mony kent yon thon nae naw och eejit wummin wumman
    boay hink hinkin tellt messages pieces insta fb ig yt snap
""")
# Lower-case words that, before an unknown lower-case word, make it someone acted with:
# "helped kaycee", "told jen", "me n shona" (text-message style).
LOWER_NAME_PRECEDERS = words(
    "with told asked helped tell ask remind for and n & chase phoned texted rang"
)
# Words of social-care writing that the dictionary lacks.
CARE_WORDS = words("""
    attendees carer carers keyworker keyworkers key-worker telecare telehealth reablement careline
    signposting signposted safeguard safeguarding neurodivergent neurodiverse autistic dyspraxia
    dementia-friendly stepmum stepdad flatmate housemate co-worker coworker fiance fiancee
    auntie aunty mam gran grandad grandma grandpa nan nana papa wifi ipad ipads tablet tablets
    smartphone smartphones app apps chromebook laptop laptops videocall facetime whatsapp
    homecare homeworker lifestory gaslighting sextortion catfishing grooming doxxing
    handover handovers annexe annexes
""")
# Games, apps, services and programmes the dictionary lacks, named in care writing.
PRODUCTS = words("""
    Minecraft Roblox Fortnite Xbox PlayStation Nintendo Netflix Spotify Deliveroo Ocado
    Makaton Boardmaker Widgit Proloquo Tobii Grid Fitbit Kindle Audible Duolingo Canva Padlet
    Kahoot Mentimeter Jamboard Trello Slack Webex Glow Seesaw Clicker Lifeline Careline
    Attend Brightsky Hollie Life360 Tapo Echo Ring Nest Hive Alexa Siri Cortana Bixby
    Hibs Hearts Rangers Celtic Jags Dons Accies Arabs Pars Bairns Killie Buddies Gers Jambos
    Irn-Bru Tunnock Tunnocks Baxters Mackie Mackies Walkers Lees Tennent Tennents Buckfast
    Primark Matalan Aldi Lidl Asda Iceland Poundland Greggs Costa Subway Deliveroo JustEat
    Vodafone Lenovo Doro Huawei Nokia Motorola Giffgaff Lebara Alcatel Acer Asus Medion
    Ofcom Ofgem Ofwat Corsa Fiesta Micra Qashqai Astra Yaris Clio Juke Zafira Kuga
""")
# Famous people and characters a learner may name in reminiscence or leisure work, as whole
# names (never one name alone): "Billy Connolly", "Vera Lynn".
FAMOUS_PEOPLE: tuple[str, ...] = (
    "Billy Connolly",
    "Sean Connery",
    "Rod Stewart",
    "Lewis Capaldi",
    "Susan Boyle",
    "Jimmy Shand",
    "Andy Stewart",
    "Kenneth McKellar",
    "Moira Anderson",
    "Lena Zavaroni",
    "Frank Sinatra",
    "Dean Martin",
    "Bing Crosby",
    "Nat King Cole",
    "Vera Lynn",
    "Doris Day",
    "Cliff Richard",
    "Tom Jones",
    "Shirley Bassey",
    "Cilla Black",
    "Lulu",
    "Johnny Cash",
    "Patsy Cline",
    "Ed Sheeran",
    "Taylor Swift",
    "Harry Styles",
    "Nicola Sturgeon",
    "John Swinney",
    "Winnie the Pooh",
    "Peter Rabbit",
    "Mary Poppins",
    "Charlie Chaplin",
    "Laurel and Hardy",
    "Des O'Connor",
    "Bruce Forsyth",
    "Terry Wogan",
    "David Attenborough",
    "Mo Farah",
    "Kenny Dalglish",
    "Denis Law",
    "Jim Baxter",
    "Chic Murray",
    "Stanley Baxter",
    "Rikki Fulton",
    "Jack Milroy",
    "Robert the Bruce",
    "Mary Queen of Scots",
    "Bonnie Prince Charlie",
    "Flora MacDonald",
    "Greyfriars Bobby",
    "Elsie Inglis",
    "Mary Slessor",
)
