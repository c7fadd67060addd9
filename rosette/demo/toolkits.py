"""Demo guides: the Video chats handout (seeds/001) and a small sample guide of our own."""

from __future__ import annotations

from typing import Any

from rosette.catalogue.models import Badge, Issuer
from rosette.demo.video_guide import VIDEO_GUIDE
from rosette.toolkits import services
from rosette.toolkits.models import Guide

# Sample content, drafted for the demo to show the guide type is general. Not SSSC guidance.
LONE_WORKING_GUIDE: dict[str, Any] = {
    "slug": "lone-working-on-home-visits",
    "title": "Lone working on home visits",
    "summary": (
        "Sample content: staying safe when you visit people in their own homes on your own, "
        "and keeping the people you support safe too."
    ),
    "actions": [
        "Agree how your service knows where you are, when you expect to finish and how you "
        "will check in",
        "Read what is known about a home before a first visit, including any risks to visitors",
        "Take action to reduce the risks listed below",
    ],
    "risks": [
        {
            "title": "No one knows where you are",
            "description": "A worker is delayed, unwell or in danger and no one notices because "
            "their visits and check-ins are not recorded.",
            "questions": [
                "How does your service know which visits each worker is making today?",
                "What happens if a worker misses a check-in?",
            ],
        },
        {
            "title": "A visit becomes hostile",
            "description": "Someone in the home becomes angry or threatening, or a person not "
            "expected to be there arrives.",
            "questions": [
                "How would a worker leave safely and raise the alarm without escalating things?",
            ],
        },
        {
            "title": "Travel in poor weather or after dark",
            "description": "Rural roads, bad weather or late visits leave a worker stranded or "
            "unsafe between visits.",
            "questions": [
                "What do workers do if they cannot travel safely to or from a visit?",
            ],
        },
        {
            "title": "A worker is left carrying what they saw",
            "description": "Workers who see distressing things alone have no one to talk to "
            "afterwards.",
            "questions": [
                "How soon after a difficult visit can a worker debrief with someone?",
            ],
        },
    ],
    "more_actions": [
        "Agree a code word a worker can use on the phone to say they need help without "
        "alarming anyone in the room.",
        "Make sure every worker carries a charged phone and knows the number to call out of hours.",
        "Review lone-working arrangements with staff at team meetings, not only after an incident.",
    ],
    "further_reading": [
        (
            "Health and Safety Executive: protecting lone workers",
            "https://www.hse.gov.uk/lone-working/",
        ),
    ],
}


def load_demo_guides() -> list[Guide]:
    """Load both demo guides through the services; link the video guide to Video chats."""
    issuer = Issuer.objects.filter(slug="sssc").first()
    video_badges = list(Badge.objects.filter(slug="oss-video-chats"))
    video = services.guide_import(spec=VIDEO_GUIDE, actor=None, issuer=issuer, badges=video_badges)
    sample = services.guide_import(spec=LONE_WORKING_GUIDE, actor=None, is_sample=True)
    return [video, sample]
