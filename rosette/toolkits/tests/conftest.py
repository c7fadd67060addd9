from __future__ import annotations

import pytest

from rosette.accounts.models import User
from rosette.demo.video_guide import VIDEO_GUIDE
from rosette.toolkits import services
from rosette.toolkits.models import Guide, GuideVersion, RiskAssessment
from tests import factories


@pytest.fixture
def guide(db: None) -> Guide:
    badge = factories.make_badge(slug="oss-video-chats", name="OSS Video chats")
    return services.guide_import(spec=VIDEO_GUIDE, actor=None, badges=[badge])


@pytest.fixture
def version(guide: Guide) -> GuideVersion:
    current = guide.current_version()
    assert current is not None
    return current


@pytest.fixture
def assessment(version: GuideVersion, learner: User) -> RiskAssessment:
    return services.assessment_start(
        version=version,
        actor=learner,
        setting_name="Tuesday video peer support group",
        setting_kind=RiskAssessment.SettingKind.GROUP,
    )
