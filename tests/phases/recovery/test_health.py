"""Health check rules, table-driven: every signal, its cap, the levels, the reasons' wording; the content files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from phases.recovery.health import (
    SIGNALS,
    HealthFacts,
    HealthLevel,
    HealthRules,
    Reason,
    SignalRule,
    check_health,
    parse_rules,
    reason_text,
)

RULES = HealthRules(
    signals=(
        SignalRule("overdue_milestones", 2, 6),
        SignalRule("behind_milestones", 1, 3),
        SignalRule("criteria_in_rework", 2, 4),
        SignalRule("gates_no_go", 3, 6),
        SignalRule("critical_issues", 3, 6),
        SignalRule("high_issues", 2, 4),
        SignalRule("low_maturity", 2, 2),
        SignalRule("divergent_dimensions", 1, 3),
        SignalRule("unrealistic_expectations", 1, 3),
    ),
    watch=4,
    troubled=8,
    low_maturity_below=2.5,
)
CONTENT = Path(__file__).parents[3] / "phases" / "recovery" / "content"


@pytest.mark.parametrize(
    ("facts", "points", "level", "keys"),
    [
        (HealthFacts(), 0, HealthLevel.HEALTHY, ()),
        (HealthFacts(overdue_milestones=1), 2, HealthLevel.HEALTHY, ("overdue_milestones",)),
        (HealthFacts(overdue_milestones=2), 4, HealthLevel.WATCH, ("overdue_milestones",)),
        (HealthFacts(overdue_milestones=9), 6, HealthLevel.WATCH, ("overdue_milestones",)),  # capped
        (
            HealthFacts(overdue_milestones=3, rework_phases=("设计期",)),
            8,
            HealthLevel.TROUBLED,
            ("overdue_milestones", "criteria_in_rework"),
        ),
        (
            HealthFacts(no_go_phases=("试用期",), critical_issues=2),
            9,
            HealthLevel.TROUBLED,
            ("critical_issues", "gates_no_go"),
        ),
        (HealthFacts(high_issues=5), 4, HealthLevel.WATCH, ("high_issues",)),
        (
            HealthFacts(behind_milestones=1, unrealistic_expectations=1),
            2,
            HealthLevel.HEALTHY,
            ("behind_milestones", "unrealistic_expectations"),
        ),
        (HealthFacts(maturity_score=2.49), 2, HealthLevel.HEALTHY, ("low_maturity",)),
        (HealthFacts(maturity_score=2.5), 0, HealthLevel.HEALTHY, ()),  # not below
        (HealthFacts(maturity_score=None), 0, HealthLevel.HEALTHY, ()),  # no assessment
        (
            HealthFacts(divergent_dimensions=7, unrealistic_expectations=1),
            4,
            HealthLevel.WATCH,
            ("divergent_dimensions", "unrealistic_expectations"),
        ),
    ],
)
def test_check_health(facts, points, level, keys) -> None:
    check = check_health(facts, RULES)
    assert (check.points, check.level) == (points, level)
    assert {reason.key for reason in check.reasons} == set(keys)
    assert check.suggests_recovery is (level is HealthLevel.TROUBLED)


def test_reasons_come_worst_first_and_name_phases_once() -> None:
    check = check_health(HealthFacts(behind_milestones=1, rework_phases=("设计期", "设计期", "选型期")), RULES)
    assert [reason.key for reason in check.reasons] == ["criteria_in_rework", "behind_milestones"]
    assert check.reasons[0] == Reason("criteria_in_rework", 3, ("设计期", "选型期"), 4)


@pytest.mark.parametrize(
    ("template", "reason", "text"),
    [
        (
            {"one": "1 milestone overdue", "other": "{count} milestones overdue"},
            Reason("x", 1, (), 2),
            "1 milestone overdue",
        ),
        (
            {"one": "1 milestone overdue", "other": "{count} milestones overdue"},
            Reason("x", 3, (), 6),
            "3 milestones overdue",
        ),
        (
            "{count} 項標準需重工（{details}）",
            Reason("x", 2, ("設計期", "試用期"), 4),
            "2 項標準需重工（設計期, 試用期）",
        ),
        ({"other": "{count} gates no-go ({details})"}, Reason("x", 1, ("Trial",), 3), "1 gates no-go (Trial)"),
    ],
)
def test_reason_text(template, reason, text) -> None:
    assert reason_text(template, reason) == text


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (
            {
                "signals": [{"key": "moon_phase", "weight": 1, "cap": 1}],
                "levels": {"watch": 1, "troubled": 2},
                "low_maturity_below": 2,
            },
            "unknown health signal",
        ),
        ({"signals": [], "levels": {"watch": 5, "troubled": 2}, "low_maturity_below": 2}, "watch <= troubled"),
        ({"signals": [], "levels": {"watch": 0, "troubled": 2}, "low_maturity_below": 2}, "watch <= troubled"),
    ],
)
def test_bad_rules_are_refused(content, error) -> None:
    with pytest.raises(ValueError, match=error):
        parse_rules(content)


def test_the_shipped_thresholds_cover_every_signal_in_three_languages() -> None:
    content = yaml.safe_load((CONTENT / "health_check.yaml").read_text(encoding="utf-8"))
    rules = parse_rules(content)
    assert {rule.key for rule in rules.signals} == set(SIGNALS)
    assert 0 < rules.watch <= rules.troubled
    for entry in content["signals"]:
        assert set(entry["reason"]) == {"en", "zh_Hans", "zh_Hant"}, entry["key"]


def test_the_checklist_has_eight_steps_each_with_items_in_three_languages() -> None:
    steps = yaml.safe_load((CONTENT / "recovery_steps.yaml").read_text(encoding="utf-8"))["steps"]
    assert [step["key"] for step in steps] == [
        "analyse",
        "customer_flow",
        "pain_points",
        "expectations",
        "scope",
        "gather",
        "data",
        "rules",
    ]
    for step in steps:
        assert step["items"], step["key"]
        for text in [step["title"], step["purpose"], *(item["text"] for item in step["items"])]:
            assert set(text) == {"en", "zh_Hans", "zh_Hant"} and all(text.values()), step["key"]
