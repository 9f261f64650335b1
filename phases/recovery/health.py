"""Pure project health check: weigh the warning signs the tool already knows and say when to start a recovery."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


class HealthLevel(enum.StrEnum):
    """How troubled a project looks."""

    HEALTHY = "healthy"
    WATCH = "watch"
    TROUBLED = "troubled"


@dataclass(frozen=True)
class HealthFacts:
    """What the check reads of a project and of its client's last assessment."""

    overdue_milestones: int = 0
    behind_milestones: int = 0
    rework_phases: tuple[str, ...] = ()  # one entry per criterion in rework: its phase's name
    no_go_phases: tuple[str, ...] = ()  # phases whose latest sign-off is "no-go"
    critical_issues: int = 0
    high_issues: int = 0
    maturity_score: float | None = None  # overall score of the last assessment, if any
    divergent_dimensions: int = 0
    unrealistic_expectations: int = 0


@dataclass(frozen=True)
class SignalRule:
    """What one signal is worth: points per occurrence, capped."""

    key: str
    weight: int
    cap: int


@dataclass(frozen=True)
class HealthRules:
    """The thresholds of the check, read from the content file."""

    signals: tuple[SignalRule, ...]
    watch: int
    troubled: int
    low_maturity_below: float


@dataclass(frozen=True)
class Reason:
    """One signal that fired: how often, on what, and the points it adds."""

    key: str
    count: int
    details: tuple[str, ...]
    points: int


@dataclass(frozen=True)
class HealthCheck:
    """The verdict: total points, level and the reasons behind it."""

    points: int
    level: HealthLevel
    reasons: tuple[Reason, ...]

    @property
    def suggests_recovery(self) -> bool:
        """Return whether the project is troubled enough to start a recovery."""
        return self.level is HealthLevel.TROUBLED


def _distinct(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


# Each signal's occurrences and details from the facts: a lookup table, so a new signal is one line and one YAML entry.
SIGNALS: dict[str, Callable[[HealthFacts, HealthRules], tuple[int, tuple[str, ...]]]] = {
    "overdue_milestones": lambda f, r: (f.overdue_milestones, ()),
    "behind_milestones": lambda f, r: (f.behind_milestones, ()),
    "criteria_in_rework": lambda f, r: (len(f.rework_phases), _distinct(f.rework_phases)),
    "gates_no_go": lambda f, r: (len(f.no_go_phases), _distinct(f.no_go_phases)),
    "critical_issues": lambda f, r: (f.critical_issues, ()),
    "high_issues": lambda f, r: (f.high_issues, ()),
    "low_maturity": lambda f, r: (
        (1, (f"{f.maturity_score:.2f}",))
        if f.maturity_score is not None and f.maturity_score < r.low_maturity_below
        else (0, ())
    ),
    "divergent_dimensions": lambda f, r: (f.divergent_dimensions, ()),
    "unrealistic_expectations": lambda f, r: (f.unrealistic_expectations, ()),
}


def check_health(facts: HealthFacts, rules: HealthRules) -> HealthCheck:
    """Return the project's health: every signal that fired with its points, worst first, and the level."""
    reasons = []
    for rule in rules.signals:
        count, details = SIGNALS[rule.key](facts, rules)
        if count > 0:
            reasons.append(Reason(rule.key, count, details, min(rule.weight * count, rule.cap)))
    points = sum(reason.points for reason in reasons)
    if points >= rules.troubled:
        level = HealthLevel.TROUBLED
    elif points >= rules.watch:
        level = HealthLevel.WATCH
    else:
        level = HealthLevel.HEALTHY
    return HealthCheck(points, level, tuple(sorted(reasons, key=lambda reason: -reason.points)))


def parse_rules(content: Mapping[str, Any]) -> HealthRules:
    """Turn the health-check content file into rules; an unknown signal or bad threshold is an error."""
    signals = []
    for entry in content["signals"]:
        if entry["key"] not in SIGNALS:
            raise ValueError(f"unknown health signal {entry['key']!r}")
        signals.append(SignalRule(entry["key"], int(entry["weight"]), int(entry["cap"])))
    watch, troubled = int(content["levels"]["watch"]), int(content["levels"]["troubled"])
    if not 0 < watch <= troubled:
        raise ValueError("health levels must satisfy 0 < watch <= troubled")
    return HealthRules(tuple(signals), watch, troubled, float(content["low_maturity_below"]))


def reason_text(template: Mapping[str, Any] | str, reason: Reason, separator: str = ", ") -> str:
    """Fill a reason's text (already in the reader's language) with its count and details."""
    if isinstance(template, Mapping):
        template = template["one"] if reason.count == 1 and "one" in template else template["other"]
    return template.format(count=reason.count, details=separator.join(reason.details))
