"""Word lists the name and workplace detectors consult.

The two large gazetteers (given names, surnames) are generated data files under ``data/`` (see
``data/PROVENANCE.md``); everything here is small and curated by hand, so each list says why it
exists. All lookups are on the exact capitalised form unless a list says otherwise.
"""

from __future__ import annotations

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


# Entries of the generated lists that are ordinary English words far more often than names,
# so that treating them as names would flag clean prose ("Said", "Made", "Forum").
NOT_NAMES = words("""
    Said Made Man Else Sad Till Mad Harm Forum Edit Sole Nail Mar Raid Harsh Peer Pastor Cord
    Theres Pier Meta Ale Mare Loot Lore Om Grit Corona Eta Ante Ide Sever Amor Gala Sonata Marine
    German Urban Ion Kaiser Lucky Diamond Charity Destiny Patience Harmony Blessing Comfort Peace
    Trinity Angel Crystal Phoenix Sierra Major King Prince Duke Royal Precious Sterling Justice
    Honor Honour Happy Young Little Long Small Black White Brown Green Gray Grey Street Road Lane
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
    Iona Arran Lorne Clyde Douglas Angus Moray Irvine Hamilton Stirling Paisley Campbell Elgin
    Cromarty Islay Bute Lennox Nairn Troon Fraser Mackay Murray Wallace Bruce Gordon Graham
    Keith Leslie Cameron Dallas Austin Houston Denver Florida Georgia Carolina Virginia Chelsea
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
    foster named called nicknamed
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
    "Macmillan",
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
    "Gibbs",
    "Kolb",
    "Schön",
    "Schon",
    "Maslow",
    "Johns",
    "Rolfe",
    "Driscoll",
    "Bowlby",
    "Piaget",
    "Erikson",
    "Egan",
    "Rogers",
    "Carl Rogers",
    "Freud",
    "Tuckman",
    "Belbin",
    "Honey and Mumford",
    "Bloom",
    "Vygotsky",
    "Kübler-Ross",
    "Kubler-Ross",
    "Karpman",
    "Bronfenbrenner",
    "Thompson",
    "Brookfield",
    "Boud",
    "Borton",
    "Kitwood",
    "Tom Kitwood",
    "Alexa",
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
    "Ring",
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
    "Angela",
    "Ask for Angela",
    "Lottie",
    "Brightsky",
    "Bright Sky",
    "Hestia",
    "Clare",
    "Jessie",
    "Rose Unit",
    "Grace period",
    "Jack Kane",
    "Frank",
    "Talk to Frank",
    "Get Safe Online",
    "Think U Know",
    "ThinkUKnow",
    "CEOP",
    "Mumsnet",
    "Ted",
    "TED",
    "Tina",
    "Wilma",
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
    "Coral",
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
    "Robertson",
    "Carnegie",
    "Wellcome",
    "Nuffield",
    "Rowntree",
    "Joseph Rowntree",
    "Iriss",
    "Scottish Women's Aid",
    "Shakti",
    "Amina",
    "Saheliya",
    "Dr Google",
    "Mr Tumble",
    "Santa",
    "Father Christmas",
)

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
    Hostel Project Hub Villa Villas Mews Haven Nursery Croft Mains Steading
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
