"""Enum labels: members of different enums that share a value keep their own labels."""

from __future__ import annotations

from assess.models import AssessmentStatus
from core.labels import label
from phases.issues.enums import IssueStatus
from phases.projects.enums import PhaseStatus


def test_same_value_different_enums(app) -> None:
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        assert label(PhaseStatus.CLOSED) == "已结束"
        assert label(IssueStatus.CLOSED) == "已解决"
        assert label(AssessmentStatus.OPEN) != label(IssueStatus.OPEN)
        assert label(PhaseStatus.CLOSED, "en") == "Closed"
