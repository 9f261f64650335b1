"""Enum labels: every enum state of the project has its own label, in every language, never another enum's."""

from __future__ import annotations

import enum
import importlib
import pkgutil
from pathlib import Path

import pytest

from assess.links import LinkState
from assess.models import AssessmentStatus, ResponseStatus
from core.labels import label, register_labels, registered_labels
from phases.issues.enums import IssueStatus
from phases.projects.enums import PhaseStatus

ROOT = Path(__file__).parent.parent.parent
PACKAGES = ("accounts", "assess", "core", "dashboard", "phases", "reports", "charts", "demo")
LOCALES = ("zh_Hans", "zh_Hant", "en")

# Outcomes of rules that the pages state as whole sentences (phases/rollout/messages.py, the status reasons of
# phases/overview/status_view.py, the response-rate warning of assess/views.py, the refusals of deletes and undos),
# or that only steer code (a list's sort direction).
SENTENCES_NOT_LABELS = {
    "CoverageKind",
    "PilotRefusal",
    "MoveRefusal",
    "LateKind",
    "StatusSignal",
    "Reliability",
    "Direction",
    "UndoRefusal",
    "MilestoneKept",
}


def _project_enums() -> list[type[enum.Enum]]:
    """Return every enum class defined in the project's own modules."""
    found: list[type[enum.Enum]] = []
    for package in PACKAGES:
        for module_info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
            module = importlib.import_module(module_info.name)
            found.extend(
                value
                for value in vars(module).values()
                if isinstance(value, type) and issubclass(value, enum.Enum) and value.__module__ == module.__name__
            )
    return found


ENUMS = _project_enums()


def test_the_walk_finds_the_enums_it_should() -> None:
    names = {kind.__name__ for kind in ENUMS}
    assert {"LinkState", "AssessmentStatus", "PhaseStatus", "IssueFilter", "Role", "HealthLevel"} <= names


@pytest.mark.parametrize("kind", [kind for kind in ENUMS if kind.__name__ not in SENTENCES_NOT_LABELS], ids=str)
def test_every_member_has_a_translated_label_in_every_language(app, kind) -> None:
    registered = registered_labels()
    with app.test_request_context():
        _check_labels(kind, registered)


def _check_labels(kind, registered) -> None:
    for member in kind:
        assert (kind, member) in registered, f"{kind.__name__}.{member.name} has no label"
        english = label(member, "en")
        assert english and english != member.value, f"{kind.__name__}.{member.name} shows its value in English"
        for locale in ("zh_Hans", "zh_Hant"):
            assert label(member, locale) != english, f"{kind.__name__}.{member.name} is untranslated in {locale}"


def test_members_with_one_value_keep_their_own_labels(app) -> None:
    """LinkState.CLOSED == AssessmentStatus.CLOSED as strings; each must still find its own label."""
    registered = registered_labels()
    shown = [kind for kind in ENUMS if kind.__name__ not in SENTENCES_NOT_LABELS]
    sharing = [
        (first, second)
        for index, first in enumerate(shown)
        for second in shown[index + 1 :]
        if {member.value for member in first} & {member.value for member in second}
    ]
    assert (AssessmentStatus, LinkState) in sharing or (LinkState, AssessmentStatus) in sharing
    for first, second in sharing:
        for value in {member.value for member in first} & {member.value for member in second}:
            assert registered.get((first, first(value))) is not None, f"{first.__name__}.{value}"
            assert registered.get((second, second(value))) is not None, f"{second.__name__}.{value}"


@pytest.mark.parametrize(
    "locale, member, expected",
    [
        ("zh_Hans", PhaseStatus.CLOSED, "已结束"),
        ("zh_Hans", IssueStatus.CLOSED, "已解决"),
        ("en", PhaseStatus.CLOSED, "Closed"),
        ("zh_Hans", LinkState.CLOSED, "已截止"),
        ("zh_Hant", LinkState.CLOSED, "已截止"),
        ("zh_Hans", AssessmentStatus.CLOSED, "已结束"),
        ("zh_Hans", LinkState.SUBMITTED, "已提交"),
        ("zh_Hans", ResponseStatus.SUBMITTED, "已提交"),
    ],
)
def test_same_value_different_enums(app, locale, member, expected) -> None:
    with app.test_request_context():
        assert label(member, locale) == expected


def test_a_mapping_keyed_by_another_enum_is_refused() -> None:
    merged = {AssessmentStatus.CLOSED: "x", LinkState.CLOSED: "y"}  # one key survives: AssessmentStatus.CLOSED
    with pytest.raises(TypeError):
        register_labels({LinkState: merged})


@pytest.mark.parametrize("value", ["closed", 3])
def test_a_bare_value_is_refused(app, value) -> None:
    with pytest.raises(TypeError):
        label(value, "en")
