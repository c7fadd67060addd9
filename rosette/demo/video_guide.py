"""The video-based services safeguarding guide (shared/seeds/001_…), as structured data.

Source: "Video-based services: safeguarding when using video calling software", the guide behind
the SSSC "OSS Video chats" badge. Used as demo content, attributed to its publisher.
"""

from __future__ import annotations

from typing import Any

ATTRIBUTION = "Guide text from the Scottish Social Services Council's Video chats badge materials."

VIDEO_GUIDE: dict[str, Any] = {
    "slug": "video-based-services",
    "title": "Video-based services",
    "summary": (
        "Safeguarding when using video calling software (e.g. Zoom) to run 1-1 or group "
        "sessions with your users."
    ),
    "actions": [
        "Choose video calling software that has an acceptable level of security and adequate "
        "privacy settings. Consider accessibility needs too",
        "Check your users have a safe, quiet and private space from which to talk",
        "Take action to reduce the risks listed below",
    ],
    "risks": [
        {
            "title": "Call quality is poor or call disconnects",
            "description": "User becomes confused and unsettled and staff fail to hear important "
            "things they are saying.",
            "questions": [
                "How might you ensure your users have strong enough wifi or data connections "
                "for a video call?",
            ],
        },
        {
            "title": "Inadequate security settings",
            "description": "Leave conversations vulnerable to being hacked or traced.",
            "questions": [
                "What security settings does this software offer?",
                "Does it ensure the privacy of everyone on the call?",
            ],
        },
        {
            "title": "Being witnessed leads to further harm",
            "description": "A user (or users) who is at risk of abuse or harm is overheard/seen "
            "contacting others in such a way as to increase harm and risk to that individual.",
            "questions": [
                "Can any party on the call be overheard or witnessed calling by others in a way "
                "that might compromise their privacy?",
                "Can any party on the call be overheard or witnessed by others in a way that "
                "might lead to threat from a perpetrator?",
            ],
        },
        {
            "title": "User discomfort at being visible",
            "description": "Users with poor mental health or experiencing trauma or body "
            "dysmorphia may feel uncomfortable being visible. This is more likely when the user "
            "and worker have not previously met or established trust.",
            "questions": [
                "What can we or the software offer users who do not want to be visible on the "
                "call?",
            ],
        },
        {
            "title": "Overwhelmed by group work in an unfamiliar setting",
            "description": "The nature of video calling where delays might occur, social cues are "
            "different and individuals risk speaking over one another leaves individuals "
            "feeling distressed and upset.",
            "questions": [
                "Does the software include functionality (e.g. break-out rooms) that allow for "
                "one-to-one support during group sessions?",
            ],
        },
        {
            "title": "User discloses abuse in a group setting",
            "description": "Member makes a disclosure witnessed by others.",
            "questions": [
                "Are procedures in place to identify risk and provide support when disclosures "
                "are made in a group video setting?",
                "Can my chosen platform enable one-to-one conversation (e.g. a break-out room "
                "feature)?",
            ],
        },
    ],
    "more_actions": [
        "Establish a safe word or code in case your user needs to end the call suddenly (e.g. "
        "because someone who poses a risk enters a room/house). This makes it easier for them "
        "and alerts you to the risk.",
        "Introduce vulnerable users to ‘Signal for Help’ a one-handed gesture that anyone can use "
        "to communicate when they are at risk of harm.",
        "Set up shared agreements for group calls. That way users know what to expect, how to "
        "speak up and how to ask for support away from the group.",
        "If using break-out rooms then ensure facilitators are available to support them.",
        "Find out whether your platform allows users to hide their own image from themselves. "
        "This can help people experiencing body dysmorphia to feel more comfortable. Tell users "
        "about this feature.",
        "Group working over video can be intense and emotionally draining. Always encourage "
        "reflection and debriefing for both group members and facilitators to ensure people "
        "feel supported and not left feeling triggered or traumatised when working remotely.",
    ],
}
