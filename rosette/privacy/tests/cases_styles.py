"""Statements in the styles issue 18 names, for tuning the rules (the held-out set in
bench/data/ is never tuned on). Names, streets and workplaces here are outside the screener's
lists and differ from those of the held-out set.

IDENTIFYING: (statement, the substrings that must each be found). CLEAN: statements that must
produce no finding at all.
"""

from __future__ import annotations

IDENTIFYING: list[tuple[str, tuple[str, ...]]] = [
    # --- the cases the issue names
    ("Her son Frank said he was scared.", ("Frank",)),
    ("My colleague Clare Thompson agreed.", ("Clare Thompson",)),
    ("I sat with Angela Rogers, who is 82.", ("Angela Rogers", "82")),
    ("Graham was given an iPad.", ("Graham",)),
    # --- formal reflective
    (
        "During my placement I worked alongside Ciorstaidh Balmain, a senior practitioner.",
        ("Ciorstaidh Balmain",),
    ),
    ("I explained the privacy settings to Mr Colquhoun and his daughter.", ("Mr Colquhoun",)),
    ("Supervision with Tearlach helped me think about boundaries online.", ("Tearlach",)),
    ("Reflecting on my work with Seumas, I realise I rushed him.", ("Seumas",)),
    ("The lady I support, Iseabail Galbraith, was sent a fake invoice.", ("Iseabail Galbraith",)),
    ("Somerled told me he had been sent threatening messages.", ("Somerled",)),
    ("My line manager, Wanjiru Kincaid, approved the referral.", ("Wanjiru Kincaid",)),
    ("I was asked to support Mrs Sturrock to use the NHS app.", ("Mrs Sturrock",)),
    ("It was Otieno who noticed that the laptop had been left unlocked.", ("Otieno",)),
    ("When I first met Folake she would not touch the tablet.", ("Folake",)),
    ("I discussed the concern with Dr Wemyss at the practice.", ("Dr Wemyss",)),
    ("Kwesi and I spent the morning setting up his new phone.", ("Kwesi",)),
    ("Afua felt that the video call was easier than travelling.", ("Afua",)),
    ("After Mr Bissett lost money to a caller, I helped him report it.", ("Mr Bissett",)),
    ("Working with Luwam Cargill has taught me to slow down.", ("Luwam Cargill",)),
    ("I have learned a great deal from Ekow, who has worked here for years.", ("Ekow",)),
    ("Filmon wanted to learn how to check his bank balance online.", ("Filmon",)),
    ("I spoke to Abdiwali's foster carer about parental controls.", ("Abdiwali",)),
    ("The resident, Nimco Dorward, asked me to delete the photograph.", ("Nimco Dorward",)),
    # --- lists and notes
    (
        "Attendees:\n- Shukri Dunsmuir (chair)\n- Dilnaz\n- Rozhin Gellatly (OT)\n- me",
        ("Shukri Dunsmuir", "Dilnaz", "Rozhin Gellatly"),
    ),
    (
        "Present: Karwan, Sherzad and Mehwish. Apologies: Naheed.",
        ("Karwan", "Sherzad", "Mehwish", "Naheed"),
    ),
    ("Actions\n1. Ask Rubina about the router\n2. Book training for Tahira", ("Rubina", "Tahira")),
    (
        "Visit notes\nWho: Mrs Izatt\nWhere: 9 Lorimer Gardens\nNext: Tuesday",
        ("Mrs Izatt", "9 Lorimer Gardens"),
    ),
    (
        "Handover: Farzana settled at 10, Imtiaz up twice asking for his phone.",
        ("Farzana", "Imtiaz"),
    ),
    ("Team: Haroon (nights), Tanvir (days), Shabnam (bank).", ("Haroon", "Tanvir", "Shabnam")),
    ("Signed off by Hafsa Mather, Practice Educator", ("Hafsa Mather",)),
    ("Name: Thuy Mollison\nAge: 79\nConcern: scam calls", ("Thuy Mollison", "79")),
    (
        "Digital champions this year: Minh, Quynh, Xiumei and Haoran.",
        ("Minh", "Quynh", "Xiumei", "Haoran"),
    ),
    (
        "Things that went well:\n* Eirlys joined the call herself\n* Gethin remembered his PIN",
        ("Eirlys", "Gethin"),
    ),
    # --- text-message style
    ("helped Heledd sort her snap settings, she didnt know her location was on", ("Heledd",)),
    ("Rhodri got a dodgy txt abt a parcel n nearly paid!! went thru it w him", ("Rhodri",)),
    ("covered for Tegwen 2day, she's off sick", ("Tegwen",)),
    ("fyi Ogston family want updates by email not phone", ("Ogston",)),
    ("me n Peattie did the visit, gent v worried abt a call from 'microsoft'", ("Peattie",)),
    ("Rankine says the wifi's down again in the flats", ("Rankine",)),
    ("need to chase Sandilands re the forms, still not back", ("Sandilands",)),
    # --- Scots
    ("Ah went roond tae see wee Frangag an she wis greetin aboot the phone calls.", ("Frangag",)),
    ("Big Mungo cannae get the hang o the tablet yet but he's no giein up.", ("Mungo",)),
    ("Auld Ninian telt me he'd gied his bank details tae a man on the phone.", ("Ninian",)),
    ("Me an Drostan had a blether aboot passwords.", ("Drostan",)),
    ("Ah telt Mrs Shirreffs no tae worry, we'd sort it the morn.", ("Mrs Shirreffs",)),
    # --- nicknames and initials
    ("Everyone calls him Smudger and he uses that name on every app.", ("Smudger",)),
    ("The lady, known to staff as Granny Nettle, wanted to send voice notes.", ("Nettle",)),
    ("In my notes I refer to the young person as T.R. to protect him.", ("T.R.",)),
    ("Mrs V. told me she no longer wanted her son to see her bank account.", ("Mrs V.",)),
    ("KW settled after a call with family; MS unsettled.", ("KW",)),
    ("Concern raised by JB (night staff) about late-night phone use.", ("JB",)),
    # --- names that are also words
    ("My colleague Hope showed me the new rota.", ("Hope",)),
    ("Will said he would try the app again tomorrow.", ("Will",)),
    ("I showed Rose how to block a number.", ("Rose",)),
    ("Mr Bell asked me to set up his prescriptions online.", ("Mr Bell",)),
    ("Mrs Brown and her husband joined the review by video.", ("Mrs Brown",)),
    ("Grace told me her brother had used her card.", ("Grace",)),
    ("Her daughter Joy lives in Australia.", ("Joy",)),
    ("Hope was quiet during the session but stayed behind to talk.", ("Hope",)),
    ("Patience is a care assistant who joined us last year.", ("Patience",)),
    ("I phoned May's son to explain the plan.", ("May",)),
    ("Drew told me his stepdad was reading his messages.", ("Drew",)),
    ("Our deputy manager, Sandy Flett, led the session.", ("Sandy Flett",)),
    ("Robin and I went through the recording system together.", ("Robin",)),
    # --- workplaces
    ("I work nights at the home on Harcus Road.", ("the home on Harcus Road",)),
    ("I was a support worker at Isbister Lodge for three years.", ("Isbister Lodge",)),
    ("My placement was at the hostel on Linklater Street.", ("hostel on Linklater Street",)),
    ("The young people from Omand children's house came too.", ("Omand",)),
    ("A nurse from Rendall Court phoned about the care plan.", ("Rendall Court",)),
    (
        "I now work in the care home next to the chemist on Sclater Avenue.",
        ("care home next to the chemist on Sclater Avenue",),
    ),
    ("We run a club at Garriock Primary on Tuesdays.", ("Garriock Primary",)),
    # --- addresses
    ("He lives at flat 1/2, 14 Halcrow Terrace, Kirkcaldy.", ("14 Halcrow Terrace",)),
    ("The letter went to 6 Inkster Tce instead of his new flat.", ("6 Inkster Tce",)),
    ("She has just moved to Flat 4, 22 Mouat Rd, Elgin.", ("22 Mouat Rd",)),
    ("The girl was later found at an address on Pottinger Place.", ("Pottinger Place",)),
    # --- ages
    ("The woman I support is eighty-four and has never had a mobile.", ("eighty-four",)),
    ("He's 91 now and still does his own banking.", ("91",)),
    ("The boy, aged 12, had been added to a group chat with adults.", ("12",)),
    ("A 96-year-old resident asked me to help her email her niece.", ("96-year-old",)),
    ("My client (72) was worried the letter was a scam.", ("72",)),
    ("She is only fourteen but has been talking to a man in his twenties.", ("fourteen",)),
    ("I support a gentleman of 89 who lives alone.", ("89",)),
    ("Her grandson, a 5 yr old, showed her how to swipe.", ("5 yr old",)),
    ("The baby is 6 weeks old and the health visitor calls by video.", ("6 weeks old",)),
    ("She celebrated her 103rd birthday with her family on Zoom.", ("103rd birthday",)),
    ("An older man, 77 yrs, who has just been diagnosed.", ("77 yrs",)),
    ("The girl (13y) was sent a link to a 'modelling agency'.", ("13y",)),
    ("Aged seventeen, she is the youngest tenant.", ("seventeen",)),
    ("Her husband, 90, is her main carer.", ("90",)),
    ("At fifteen he can make many decisions himself.", ("fifteen",)),
    # --- dates of birth
    ("DOB 23.04.1951", ("23.04.1951",)),
    ("The caller asked for her d.o.b. and she gave it: 3/9/41.", ("3/9/41",)),
    ("He was born on the eleventh of May 1948.", ("eleventh of May 1948",)),
    ("Her birthday is the 3rd of August and her password was built on it.", ("3rd of August",)),
    ("dob 9 feb 77, lives alone", ("9 feb 77",)),
    ("Her DoB is 2nd Dec '49.", ("2nd Dec '49",)),
    ("He was born in 1952 and left school at fifteen.", ("1952",)),
    # --- identifiers written loosely
    ("His NI number is ab 12 34 56 c.", ("ab 12 34 56 c",)),
    ("National insurance: Ce-11-22-33-A", ("Ce-11-22-33-A",)),
    ("She wrote her NI no as JK 123 456 B on a note.", ("JK 123 456 B",)),
    ("CHI 01 02 90 1236 on the discharge letter", ("01 02 90 1236",)),
    ("His CHI number is 0102 9012 36.", ("0102 9012 36",)),
    ("NHS no. 9434 765 919 for the referral", ("9434 765 919",)),
    ("nhs number 943-476-5919", ("943-476-5919",)),
    # --- contact details and handles
    ("His Snapchat (jayden.r2011) was public.", ("jayden.r2011",)),
    ("Her gamertag is Pixie_Queen99 and strangers message her.", ("Pixie_Queen99",)),
    ("Call her on 07700 900 987 after lunch.", ("07700 900 987",)),
]

CLEAN: list[str] = [
    # --- word-names used as words
    "I hope to finish the unit by the summer and I will ask for time to do it.",
    "Her confidence rose week by week.",
    "A frank discussion with my manager helped me.",
    "Will this approach work for everyone? Probably not.",
    "The door bell rang during the call.",
    "She keeps her letters in a brown envelope.",
    "Mark the date: the champions meet on the first Tuesday.",
    "The gas bill went up, so she turns the router off at night.",
    "May I suggest we review the policy before the end of the year?",
    "Patience matters most when teaching someone a new phone.",
    "Joy is the word I would use for the first call with her sister.",
    "Drew the curtains and started the call so the screen had no glare.",
    "Hope is important for the young people I work with.",
    "Grace and courtesy go a long way on the phone.",
    "We agreed a grace period of a week for the new rules.",
    "Robins and blue tits come to the feeder, and the residents photograph them.",
    "Heather and gorse cover the hills around the house.",
    # --- places, organisations, schemes, theorists, conditions, products
    "I work for a housing support service in Tranent and visit people in Ormiston.",
    "The service covers Huntly, Keith and Dufftown.",
    "We took the minibus to Pitlochry and then on to Aberfeldy.",
    "We used a leaflet from Macmillan to explain video appointments.",
    "Using Gibbs' reflective cycle helped me structure this account.",
    "Kolb's learning cycle describes what happened.",
    "Thompson's PCS model helped me see the structural barriers.",
    "Carl Rogers' core conditions guide how I listen.",
    "I read about the Clare's Law scheme and explained it to the family.",
    "I signposted him to Talk to Frank for information about drugs.",
    "We learned about Ask for Angela in the training.",
    "The Robertson Trust funded the tablets.",
    "Alexa reminds the gentleman to take his tablets.",
    "The young people play Minecraft and Roblox on the console.",
    "A Macmillan nurse joined the call.",
    "We used Makaton and Talking Mats with the gentleman.",
    "The young woman is Eritrean and speaks Tigrinya at home.",
    "Her family are Kurdish and the interpreter spoke Sorani.",
    "The gentleman listens to Gaelic radio on his smart speaker.",
    "I found the GDPR training and the GIRFEC refresher useful.",
    "We contacted the SSSC and the Care Inspectorate for guidance.",
    "Our team reviewed the ASP procedures with the CPN and the OT.",
    "The resident uses WhatsApp, FaceTime and YouTube every day.",
    "I signposted her to GamCare for support with gambling.",
    "Our manager completed the SVQ assessor award at SCQF level 8.",
    # --- numbers that are not identifiers
    "The group is for adults aged 18 to 65.",
    "The session lasted 45 minutes and 12 people came.",
    "I have worked in care for 14 years.",
    "Children aged 5 to 12 can join the club.",
    "Young people aged 16 and over can refer themselves.",
    "The over-65s coffee morning includes a digital tip.",
    "The policy was reviewed on 4 March 2024.",
    "Our team meeting on 12/06/2024 was about recording.",
    "Code 5 reminds me to uphold public trust online.",
    "The tablet was 6 years old and no longer updated.",
    "At 16, young people in Scotland can consent to many things.",
    "The helpline is 0808 800 1234.",
    "Room 14 has the best wifi in the building.",
    "The home has 40 beds across two floors.",
    "The idea was born out of frustration with lost chargers.",
    # --- text-message style and Scots
    "had sup 2day, talked abt the online group. mgr happy w it",
    "tablet 3 broken again, dont use it pls",
    "helped the gent in no 4 set up his phone 4 video calls",
    "Ah wis nervous aboot the trainin but it wis fine.",
    "The auld fella in the end flat cannae get his heid roond the tablet.",
    "Ah telt the weans no tae put their location on their videos.",
    # --- lists and headings
    "Attendees: team leader, two support workers, student social worker.",
    "What I did\nI listened, wrote it down and told the duty social worker.",
    "Reflection\nI rushed the first session. Next time I will plan breaks.",
    "Pros: quicker, less paper. Cons: logins time out.",
]

# A second batch, written after the first was passing: harder structures and more traps.
IDENTIFYING += [
    ("Kezia's confidence grew over the weeks.", ("Kezia",)),
    ("I had a message from Otieno asking about the rota.", ("Otieno",)),
    (
        "Handover\nNjeri: settled, slept well\nKamau: up twice, asked for his phone",
        ("Njeri", "Kamau"),
    ),
    ("Mary-Kate and her mum joined the review by video.", ("Mary-Kate",)),
    ("I reassured Zoë that she had done nothing wrong.", ("Zoë",)),
    ("Mr O'Rourke asked how to stop the calls.", ("Mr O'Rourke",)),
    ("We wrote to Ms Ní Bhriain about the meeting.", ("Ms Ní Bhriain",)),
    ("Dear Adwoa, thank you for today.", ("Adwoa",)),
    ("The boy's gran, Mrs Yaa Mensah-Scollay, asked for a copy.", ("Yaa Mensah-Scollay",)),
    ("Later that evening Ratter phoned the office in a panic.", ("Ratter",)),
    ("Staff told Mouat that the tablet was his to keep.", ("Mouat",)),
    ("He calls himself Tinker online and uses a cartoon picture.", ("Tinker",)),
    ("We agreed that Sahra would keep her location off on all her apps.", ("Sahra",)),
    ("It took Winta three attempts to join the call, but she did it.", ("Winta",)),
    ("Olamide Inkster, the young man I key-work, is applying for college.", ("Olamide Inkster",)),
    ("I noticed Abdiwali looking at his phone anxiously during dinner.", ("Abdiwali",)),
    ("The referral was made by her keyworker, Stodart.", ("Stodart",)),
    ("Ask Tweedie or Vass if you need the spare key.", ("Tweedie", "Vass")),
    ("Our new student, Smail, shadowed me on Friday.", ("Smail",)),
    ("She's 79 and lives on her own.", ("79",)),
    ("The man who contacted her online said he was 34.", ("34",)),
    ("Her birthday's the 5th of July.", ("5th of July",)),
    ("I checked his wristband (DOB 01/12/1938) before the call.", ("01/12/1938",)),
    ("A nurse from the Pottinger respite unit came to the meeting.", ("Pottinger",)),
    ("I did my placement at Scollay House, a small care home.", ("Scollay House",)),
    (
        "We visited the day centre on Garriock Road to see their digital cafe.",
        ("day centre on Garriock Road",),
    ),
]

CLEAN += [
    "The residents love Billy Connolly and watched his old shows on the smart TV.",
    "We made a playlist of Frank Sinatra and Dean Martin songs for the lounge.",
    "Oor Wullie and The Broons annuals are popular in the reminiscence group.",
    "On Burns Night the residents recited Tam o' Shanter.",
    "We used the Stop, Think, Check approach from Get Safe Online.",
    "Self-directed Support gives people more say over their care.",
    "Technology Enabled Care includes alarms, sensors and video calls.",
    "I completed the Digital Champions Network course last spring.",
    "Connecting Scotland provided the tablet and a year of data.",
    "We shopped at Sainsbury's, Morrisons and Tesco to compare prices online.",
    "The young man moved here from Eritrea and is learning English at college.",
    "Next Steps\nBook the refresher and update my PRTL record.",
    "Impact and Learning\nThe session changed how I talk about scams.",
    "Key Learning Points: listen first, then explain.",
    "We took the residents to Pumpherston and Uphall on the minibus outing.",
    "The gentleman grew up in Mallaig and worked on the fishing boats.",
    "She wanted to see photographs of Stornoway harbour and the Callanish stones.",
    "Our Senior Social Worker and the Team Manager agreed the plan.",
    "The Care Inspectorate's guidance on CCTV was shared at the team meeting.",
    "The Mental Welfare Commission visited the ward in the autumn.",
    "I read the Independent Review of Adult Social Care.",
    "We watched Strictly Come Dancing together on Saturday night.",
    "The young people enjoyed the Commonwealth Games on the big screen.",
    "The tablet uses Android and the phone uses iOS.",
    "Her Fitbit reminds her to move every hour.",
    "I used Canva to make an easy-read poster about scams.",
    "Police Scotland and Trading Standards Scotland both warn about doorstep scams.",
    "We ordered the shopping from Ocado because the gentleman cannot get to the shops.",
    "Our team uses Teams for meetings and Outlook for email.",
    "At Hogmanay we streamed the bells for families who could not visit.",
    "The gentleman is a lifelong Hibs supporter and watches the highlights online.",
    "The residents listened to Radio Scotland and Radio nan Gàidheal.",
    "I signposted the family to Alzheimer Scotland's Dementia Helpline.",
    "We followed the National Care Standards and the SSSC Codes of Practice.",
    "The boys were playing Fortnite until midnight, so we agreed new rules.",
    "The lady watches Countdown every afternoon and likes to play along.",
]

# A third batch: names at a sentence start with only "is/has" after them, names in brackets,
# and Scottish brands, saints and schools in clean text.
IDENTIFYING += [
    ("Tormod has a tablet now, but he rarely uses it.", ("Tormod",)),
    ("Kezia is in S3 at the local school and she loves art.", ("Kezia",)),
    ("The young person (Ekundayo) told me about the messages.", ("Ekundayo",)),
    ("I met her son (Somerled) at the review.", ("Somerled",)),
    ("Afterwards, Njeri and her sister set up the video call.", ("Njeri",)),
]
CLEAN += [
    "The residents had a can of Irn-Bru and Tunnock's teacakes at the party.",
    "The young people go to St Mary's Primary and St Ninian's High.",
    "St Columba's Hospice runs a bereavement group online.",
    "The gentleman was a pupil at Craigroyston High in the sixties.",
    "Tranent has a good library, and it runs a digital drop-in.",
    "Roblox is a game that lets children chat with strangers.",
    "We bought the shopping at Lidl and a cardigan at Primark.",
    "Edinburgh Napier University and Glasgow Caledonian run the course.",
]

# A fourth batch of clean statements, heavy with organisations, programmes and places.
CLEAN += [
    "We used resources from Childline and the Internet Watch Foundation in the session.",
    "The Scottish Fire and Rescue Service did a home safety visit and fitted a linked alarm.",
    "The tenant gets Pension Credit and Attendance Allowance, and we checked both online.",
    "Our Chief Social Work Officer wrote to every team about the new guidance.",
    "The Adult Disability Payment application is done online or by phone.",
    "I completed the Trauma Informed Practice module from NHS Education for Scotland.",
    "We watched the Panorama programme about scams together and talked about it afterwards.",
    "The lunch club meets in the Masonic Hall on Thursdays.",
    "The gentleman follows Partick Thistle and watches every match on his tablet.",
    "We used the Be Safe Scotland resources with the young people.",
    "The Health Visitor and the Family Nurse Partnership both use video calls now.",
    "Dementia Friends training helped me to understand how to support people online.",
    "The Glasgow Children's Hospital Charity gave the unit two tablets.",
    "The Kinship Care Advice Service for Scotland runs online drop-ins for grandparents.",
    "Our organisation follows the ISO 27001 standard for information security.",
    "We use Office 365, and the training was on SharePoint and OneDrive.",
    "The young woman uses Snapchat, Instagram and BeReal with her friends.",
    "The Clyde Gateway project helped us find a venue for the digital cafe.",
    "The Scottish Tech Army helped us set up the laptops.",
    "We celebrated Diwali and Eid with food and music in the lounge.",
    "The Lord Provost visited the day service to open the new garden.",
    "Team Leaders from across Fife met at the Rothes Halls for the training.",
    "People from Ukraine, Syria and Afghanistan attend the English classes.",
    "The ceilidh band played Strip the Willow and the Gay Gordons.",
    "The gentleman was a miner at Bilston Glen and Monktonhall.",
]

# A fifth batch: premises named by one word, sentence starts with "can" or "needs", and
# lower-case names after a verb done to someone.
IDENTIFYING += [
    ("I have worked at Glenmorven for six years, mostly on nights.", ("Glenmorven",)),
    ("Staff at Corrieview noticed the change in her behaviour.", ("Corrieview",)),
    ("Ekundayo can use the tablet now, but he still asks for help with passwords.", ("Ekundayo",)),
    ("asked wanjiku if she wanted to try the app", ("wanjiku",)),
    ("helped tormod log in to his bank", ("tormod",)),
]
CLEAN += [
    "I work in Tranent and my colleagues are based at Haddington.",
    "We met at Bilston for the walk and had lunch at the cafe.",
    "helped install the new router and tested the wifi",
    "asked abt the new rota, mgr says next wk",
]

# --- second round (issue 18): the classes still missed after the first round, in new
# statements with new names, streets and workplaces (none taken from the held-out set).
IDENTIFYING += [
    # lower-case names in text-message style, listed or not
    ("i saw jenny at the shop and she was fine", ("jenny",)),
    ("met wee tamsin in town she says hi", ("tamsin",)),
    ("went round to see marguerite she was upset", ("marguerite",)),
    ("seen kirstin earlier, she's doing better", ("kirstin",)),
    ("gave loreen a lift home", ("loreen",)),
    ("tbh marisol was raging about the bill", ("marisol",)),
    ("ma pal shereen got hacked", ("shereen",)),
    ("Magnus n Ottilie came to group", ("Magnus", "Ottilie")),
    # workplaces named by one word after the people who work or live there
    ("A young person at Rowanbank told me about the game.", ("Rowanbank",)),
    ("Staff from Hillview came to the training.", ("Hillview",)),
    ("One of the residents at Ferncroft was scammed.", ("Ferncroft",)),
    ("Two carers from Glenlora asked about the app.", ("Glenlora",)),
    ("A resident at Lindenbrae was scammed.", ("Lindenbrae",)),
    ("Halcyon Lodge residents got new tablets.", ("Halcyon Lodge",)),
    # unknown full names in running text
    ("Yesterday Ottoline Ferrante phoned the office.", ("Ottoline Ferrante",)),
    ("I spoke with Dashiell Quarrie about the router.", ("Dashiell Quarrie",)),
    ("Bartholomew Quist phoned the office.", ("Bartholomew Quist",)),
    ("Visited Evander Loxley at home today.", ("Evander Loxley",)),
    # names that are also words, with a feeling or a relation
    ("Hope was gutted when the game got deleted.", ("Hope",)),
    ("Will's mum asked about parental controls.", ("Will",)),
    ("I helped Bell set up her email.", ("Bell",)),
    ("Mr Brown (84) lost money to a scam.", ("Mr Brown", "84")),
    # notes, nicknames, ages and identifiers
    ("Tuesday - visited Ysolde re scam texts", ("Ysolde",)),
    ("- Perpetua: needs help with passwords", ("Perpetua",)),
    ("spoke to dad (Anselm) about the laptop", ("Anselm",)),
    ("Big Tam fae the flats got a new phone.", ("Big Tam",)),
    ("Isidore, 79, lives alone.", ("Isidore", "79")),
    ("Una, 8, and her brother, 10, came to the library session.", ("Una", "8")),
    ("He's ninety-one and sharp as a tack.", ("ninety-one",)),
    ("dob 3/4/51", ("3/4/51",)),
    ("NI: ab 12 34 56 c", ("ab 12 34 56 c",)),
    ("Present: me, Caro, Tibby", ("Caro", "Tibby")),
]
CLEAN += [
    # "and" between two words that are also names is no list of people
    "I hope the new policy will help. Rose and Bell are streets in the town centre.",
    "In May and June the team reviewed the Will and Power of Attorney guidance.",
    "We used the Brown and Levinson model in training.",
    "Dawn and dusk are quiet times on the unit.",
    "Sky and Virgin both sent letters about price rises.",
    "Grace and dignity matter in end of life care.",
    # organisations things come from, and places that are no workplace
    "We bought tablets from Argos and phones from Currys.",
    "We got funding from Corra Foundation for the tablets.",
    "Staff from the council came to the training.",
    "A young person at school told me about the game.",
    "People from Glasgow and Edinburgh came to the event.",
    "Lots of folk fae Fife came along.",
    # Scots words for people after "wee", "big", "auld"
    "The wee yin was fair chuffed wi the new tablet.",
    "Big man, ye've done it again, the password's reset.",
    "The bairns were fair chuffed wi the new tablets.",
    "Awfy dreich day, so we stayed in and did the quiz.",
    # words that are names, job titles, months
    "Hope is what keeps people going when things are hard.",
    "Will the new app be ready by April?",
    "Brown envelopes from the bank worried a few residents.",
    "Rose gold phones are popular with the teenagers.",
    "The Bell Street office and the Hope Street office both had training.",
    "In April and May we ran sessions; June was quieter.",
    "Our Team Leader and the Service Manager met the Practice Educator.",
    "The Advocate and the Mental Health Officer attended.",
    "Frank conversations about money are hard.",
    "Penny for your thoughts, as my gran would say.",
    "Matt screen protectors stop the glare.",
    "Bob's your uncle, the password was reset.",
    "Summer holidays mean the kids are online more.",
    # numbers between commas after a place, a day or a heading are no age
    "Places taken so far: Glasgow, 12, Tranent, 9, Haddington, 4.",
    "Rooms 4, 12, 15 were painted over the summer.",
    "On Tuesday, 14, maybe 15, people came to the drop-in.",
]

# --- famous people known from their work, and firms things come from (second round)
IDENTIFYING += [
    ("I was reading a book with Ottoline Ferrante.", ("Ottoline Ferrante",)),
    ("I follow Dashiell Quarrie's lead when the alarm goes.", ("Dashiell Quarrie",)),
    ("A video by Kezia Gilfillan was posted on the group chat.", ("Kezia Gilfillan",)),
    ("I talked to Lavinia about her songs.", ("Lavinia",)),
    ("A message from Otieno came in late.", ("Otieno",)),
    ("Her son Kitwood said hi.", ("Kitwood",)),
    # a person still, after "from", "by", "follows" and "and"
    ("I got a referral from Kezia about her neighbour.", ("Kezia",)),
    ("We had training from Ottoline on scams.", ("Ottoline",)),
    ("A donation from Tormod paid for the tablets.", ("Tormod",)),
    ("Guidance from Wanjiku helped me.", ("Wanjiku",)),
    ("I heard it was from Kezia.", ("Kezia",)),
    ("It is from Tormod, not from the bank.", ("Tormod",)),
    ("I played a song by Lavinia for the group.", ("Lavinia",)),
    ("He follows Tormod everywhere.", ("Tormod",)),
    ("Me and Will set up the router.", ("Will",)),
    ("Kezia and Grace were both upset.", ("Kezia", "Grace")),
    ("Rose and Bell were both upset.", ("Rose", "Bell")),
]
CLEAN += [
    "We watched a film about Nelson Mandela with the group.",
    "We read a poem by Robert Burns at the Burns supper.",
    "The young people follow Marcus Rashford on social media.",
    "The residents like listening to Dolly Parton and Johnny Cash.",
    "Sir David Attenborough's programmes are a favourite in the lounge.",
    "We talked about Kitwood and person-centred care.",
    "The email claimed to be from Evri about a parcel.",
    "A text claiming to be from Royal Mail asked for a fee.",
    "The scammer pretended to be from Amazon.",
    "We got advice from Childline and from Samaritans.",
    "He supports Hibs and goes to Easter Road every week.",
    "We used Canva and Padlet to make the posters.",
]

# --- lower-case names beside the writer, in greetings, after "spoke to" (second round)
IDENTIFYING += [
    ("lorcan n me went tae the library", ("lorcan",)),
    ("me and aurelie did the quiz", ("aurelie",)),
    ("Speak to ellery re: passwords", ("ellery",)),
    ("cheers marnie x", ("marnie",)),
    ("hiya tabitha\nhope ur ok", ("tabitha",)),
    ("Thelonius is in hospital again.", ("Thelonius",)),
    ("Quorra is 14 and on TikTok all night.", ("14",)),
]
CLEAN += [
    "me and uni are done lol",
    "cheers pal, see you tmrw",
    "spoke to mgmt about the rota",
    "thanks again",
    "visited the hosp with my bestie",
    "took pics of the new lounge for the newsletter",
]

# --- job titles listed as the people present (second round)
IDENTIFYING += [
    ("Present: Manager, Wanjiku, Tormod", ("Wanjiku", "Tormod")),
    ("My son, Forest, said hi.", ("Forest",)),
    ("Porter said he was scared of the phone.", ("Porter",)),
]
CLEAN += [
    "Present: Manager, Deputy, two Support Workers.",
    "Present: Deputy, Cook, Porter, Driver.",
    "Attendees:\n- Team Leader\n- Senior Carer\n- Night Staff",
    "Och, the wifie next door's a pure gem, she helps oot wi the shopping.",
    "Ah telt the weans tae keep their passwords tae theirsels.",
    "Robin, Wren and Finch are the names of our three lounges.",
    "We named the three tablets Faith, Hope and Charity.",
    "i hope ur ok hun, see u tmrw",
    "Morning all, quick update from nights: all quiet.",
    "Crystal clear instructions help everyone.",
]

# --- a name at a sentence start with a diagnosis or a state; "years young" (second round)
IDENTIFYING += [
    ("Pernille has dementia and lives alone.", ("Pernille",)),
    ("Ingrith is very isolated since the flood.", ("Ingrith",)),
    ("the lady in flat 3, 91 years young", ("91 years young",)),
]
CLEAN += [
    "Glasgow is very busy on a Saturday.",
    "The service has dementia training every spring.",
    "Dementia has many forms, and the app helps with some.",
]
