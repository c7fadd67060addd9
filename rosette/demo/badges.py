"""The demo catalogue: SSSC, its two introductory badges, and Online safety and security.

"OSS Video chats" carries the real text of shared/seeds/000_…; the other seven contributing
badges and the introductory badges are written for the demo in the same style (see
docs/demo-content.md).
"""

from __future__ import annotations

from typing import Any

SSSC: dict[str, Any] = {
    "slug": "sssc",
    "name": "Scottish Social Services Council",
    "email": "openbadges@sssc.example",
    "url": "https://www.sssc.uk.com/",
    # The SSSC's rule: evidence that could identify someone is declined (DESIGN rule 5).
    "privacy_policy": "decline",
    "description": (
        "Our work means the people of Scotland can count on social work, social care and "
        "children and young people services being provided by a trusted, skilled, confident "
        "and valued workforce."
    ),
}

CATEGORIES = [
    ("introductory", "Introductory"),
    ("digital-skills", "Digital skills"),
    ("practice", "Practice"),
]

GETTING_STARTED: dict[str, Any] = {
    "slug": "getting-started-with-open-badges",
    "name": "Getting started with Open Badges",
    "summary": "Find out what Open Badges are and how they can support your learning.",
    "category": "introductory",
    "colour": "#0065bd",
    "description": (
        "This badge is awarded to people who understand what Open Badges are and how they can "
        "use them to record their continuous professional learning.\n\n"
        "Collecting evidence of learning through badges can feel daunting at first and is very "
        "different to traditional online learning. This badge helps you find your way around."
    ),
    "criteria": (
        "- read An introduction to Open Badges\n"
        "- tell us what an Open Badge is and how you could use badges in your learning "
        "(50 words minimum)\n"
        "- tell us which badge you would like to earn next and why (50 words minimum)"
    ),
    "questions": [
        ("What is an Open Badge, and how could you use badges in your learning?", 50),
        ("Which badge would you like to earn next, and why?", 50),
    ],
    "overall": 100,
}

WRITING_EVIDENCE: dict[str, Any] = {
    "slug": "writing-evidence-for-open-badge-applications",
    "name": "Writing evidence for Open Badge applications",
    "summary": "Learn how to write evidence that shows your learning and protects privacy.",
    "category": "introductory",
    "colour": "#5e5e5e",
    "description": (
        "This badge is awarded to people who can write clear evidence of their learning for an "
        "Open Badge application.\n\n"
        "Good evidence describes what you learned, why it matters to your practice, and what "
        "you will do differently. It never includes anything that could identify a person."
    ),
    "criteria": (
        "- read Preparing and publishing your evidence\n"
        "- tell us what makes good evidence of learning (100 words minimum)\n"
        "- tell us how you will make sure your evidence does not identify anyone "
        "(50 words minimum)"
    ),
    "questions": [
        ("What makes good evidence of learning?", 100),
        ("How will you make sure your evidence does not identify anyone?", 50),
    ],
    "overall": 150,
}

VIDEO_CHATS: dict[str, Any] = {
    "slug": "oss-video-chats",
    "name": "OSS Video chats",
    "summary": (
        "This badge is awarded to people who demonstrate their understanding of the appropriate "
        "use of online meeting platforms and how to secure online chats and webinars."
    ),
    "category": "digital-skills",
    "colour": "#00703c",
    "description": (
        "Video chatting using platforms such as Zoom, Teams, Skype, Facetime and Google "
        "Hangouts across multiple devices is now well established and provides a great way for "
        "people to stay in touch. Webinars allow large numbers of people from across the world "
        "to take part in meetings as well as events to support many aspects of the working and "
        "social life.\n\n"
        "The increased use of these platform has also created opportunities for criminals to "
        "breach organisational networks due to some simple security errors.\n\n"
        "You can earn this badge by demonstrating your understanding of the appropriate use of "
        "online meeting platforms and how to secure online chats and webinars."
    ),
    "criteria": (
        "- download and complete the Video chats handout\n"
        "- tell us about three things you learned from these activities and why this is "
        "important to you and your practice (150 words minimum)\n"
        "- tell us what you can do to keep yourself and your organisation secure during video "
        "chats and webinars (50 words minimum)."
    ),
    "questions": [
        (
            "Tell us about three things you learned from these activities and why this is "
            "important to you and your practice.",
            150,
        ),
        (
            "Tell us what you can do to keep yourself and your organisation secure during video "
            "chats and webinars.",
            50,
        ),
    ],
    "overall": 200,
    "position": 6,
    "activities": (
        "- work through the Video chats handout for your own setting: its six risks, ranked by "
        "likelihood, and the questions under each"
    ),
    # Rule 18: most badges include a discussion task (SSSC's guidance for managers, seeds/002).
    "discussion_task": (
        "Share the handout you completed with colleagues, or with your manager or tutor, in a "
        "team meeting or supervision. Give and take feedback, discuss the key points for your "
        "own practice and the service, and agree how you will apply what you learned."
    ),
    # The declaration and the data-sharing statement of seeds/000, as the learner reads them.
    "declaration": (
        "I confirm that I have read, understood and completed all the activities listed in the "
        "badge criteria and that each question from the criteria is answered in the evidence I "
        "have provided.\n"
        "My evidence has been written or recorded by me and I have not copied it from anywhere "
        "or anyone else.\n"
        "I understand that it will take 28 days for you to assess my application and that "
        "feedback cannot be provided if my application is unsuccessful."
    ),
    "data_sharing": (
        "Your evidence, name, and email address will be sent to the organisation who issue "
        "this badge."
    ),
}


def _oss(
    position: int, slug: str, name: str, summary: str, topic: str, colour: str
) -> dict[str, Any]:
    return {
        "slug": slug,
        "name": name,
        "summary": summary,
        "category": "digital-skills",
        "colour": colour,
        "position": position,
        # The page says it is "one of eight badges…" from the pathway itself, not from here.
        "description": (
            f"This badge is awarded to people who can show what they learned about {topic} "
            "and how it changes what they do at work and at home. (Sample content written for "
            "the Rosette demo.)"
        ),
        "activities": (
            f"- look at how you and your team deal with {topic} at work today\n"
            "- note three things you would keep and three you would change"
        ),
        "criteria": (
            "- complete the activities below\n"
            f"- tell us about three things you learned about {topic} and why this is important "
            "to you and your practice (150 words minimum)\n"
            f"- tell us what you will do differently to stay safe with {topic} (50 words minimum)"
        ),
        "questions": [
            (
                f"Tell us about three things you learned about {topic} and why this is "
                "important to you and your practice.",
                150,
            ),
            (f"Tell us what you will do differently to stay safe with {topic}.", 50),
        ],
        "overall": 200,
    }


OSS_OTHERS = [
    _oss(
        1,
        "oss-passwords",
        "OSS Passwords",
        "Create and manage strong passwords.",
        "passwords",
        "#6f2c91",
    ),
    _oss(
        2,
        "oss-phishing",
        "OSS Phishing and scams",
        "Recognise phishing emails, texts and calls, and what to do about them.",
        "phishing and scams",
        "#b3541e",
    ),
    _oss(
        3,
        "oss-social-media",
        "OSS Social media",
        "Use social media safely and professionally.",
        "social media",
        "#1d70b8",
    ),
    _oss(
        4,
        "oss-devices",
        "OSS Securing your devices",
        "Keep phones, tablets and computers secure and up to date.",
        "your devices",
        "#4c2c92",
    ),
    _oss(
        5,
        "oss-browsing",
        "OSS Safe browsing",
        "Browse the web safely and spot risky websites.",
        "web browsing",
        "#00605a",
    ),
    _oss(
        7,
        "oss-public-wifi",
        "OSS Public wi-fi",
        "Understand the risks of public wi-fi and how to reduce them.",
        "public wi-fi",
        "#8a1538",
    ),
    _oss(
        8,
        "oss-sharing-information",
        "OSS Sharing information safely",
        "Share information safely and lawfully online.",
        "sharing information",
        "#594d00",
    ),
]

ONLINE_SAFETY: dict[str, Any] = {
    "slug": "online-safety-and-security",
    "name": "Online safety and security",
    "summary": (
        "Awarded automatically to people who earn all eight Online safety and security badges."
    ),
    "category": "digital-skills",
    "colour": "#002d54",
    "description": (
        "The Online safety and security badge recognises learning across eight areas of "
        "staying safe online at work and at home, from passwords to video chats.\n\n"
        "You do not apply for this badge: it is awarded to you automatically when you hold "
        "all eight contributing badges."
    ),
    "criteria": "- hold all eight Online safety and security badges",
    "position": 9,
}


# A second issuer, so that the catalogue, the workspace and credentials show more than one
# (its own signing key, its own badges, its own admin). Fictional, written for the demo.
SECOND_ISSUER: dict[str, Any] = {
    "slug": "northern-care-academy",
    "name": "Northern Care Academy",
    "email": "badges@northern-care.example",
    "url": "",
    "privacy_policy": "block",
    "description": (
        "A fictional training provider for care services, here to show how Rosette serves "
        "more than one issuer. (Sample content written for the Rosette demo.)"
    ),
}

SECOND_ISSUER_BADGES: list[dict[str, Any]] = [
    {
        "slug": "nca-reflective-supervision",
        "name": "Reflective supervision",
        "summary": "Use supervision to reflect on your practice and plan your learning.",
        "category": "practice",
        "colour": "#6f2c91",
        "position": 1,
        "description": (
            "This badge is awarded to people who use supervision to reflect on their practice "
            "and plan their learning. (Sample content written for the Rosette demo.)"
        ),
        "criteria": (
            "- prepare for a supervision session using the reflection prompts below\n"
            "- tell us what you reflected on and what you learned (100 words minimum)\n"
            "- tell us what you will do differently as a result (50 words minimum)"
        ),
        "activities": (
            "- before supervision, note one piece of work that went well and why\n"
            "- note one that was hard, what you felt and what you would try next time\n"
            "- note one thing you want to learn, and how you could learn it"
        ),
        "discussion_task": (
            "Talk through your reflection with your manager in supervision and agree one thing "
            "to try in your practice."
        ),
        "questions": [
            ("What did you reflect on, and what did you learn?", 100),
            ("What will you do differently as a result?", 50),
        ],
        "overall": 150,
    },
    {
        "slug": "nca-person-centred-recording",
        "name": "Person-centred recording",
        "summary": "Write records that put the person at the centre and protect their privacy.",
        "category": "practice",
        "colour": "#00605a",
        "position": 2,
        "description": (
            "This badge is awarded to people who write clear, respectful, person-centred "
            "records. (Sample content written for the Rosette demo.)"
        ),
        "criteria": (
            "- review three of your own recent records using the activities below\n"
            "- tell us what makes a record person-centred (100 words minimum)"
        ),
        "activities": (
            "- check whether each record uses the person's own words and what matters to them\n"
            "- check that each is factual, respectful and could be read by the person\n"
            "- note what you would write differently next time"
        ),
        "questions": [("What makes a record person-centred?", 100)],
        "overall": 100,
    },
]
