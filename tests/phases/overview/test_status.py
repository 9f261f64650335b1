"""The computed project status: a table of facts and the status and reasons they give; no database."""

from __future__ import annotations

from datetime import date

import pytest

from phases.overview.status import (
    ProjectStatus,
    StatusFacts,
    StatusSignal,
    compute_status,
    disagrees,
    gate_late,
    status_facts,
)
from phases.projects.enums import Rag
from phases.recovery.health import HealthCheck, HealthFacts, HealthLevel

S, G = ProjectStatus, StatusSignal
TROUBLED, WATCH = HealthLevel.TROUBLED, HealthLevel.WATCH


@pytest.mark.parametrize(
    ("facts", "status", "signals"),
    [
        (StatusFacts(started=False), S.NOT_STARTED, ()),
        (StatusFacts(), S.ON_TRACK, ()),
        (StatusFacts(health=HealthLevel.HEALTHY, health_points=3), S.ON_TRACK, ()),
        (StatusFacts(health=WATCH, health_points=4), S.AT_RISK, (G.HEALTH_WATCH,)),
        (StatusFacts(overdue_milestones=1), S.AT_RISK, (G.OVERDUE_MILESTONES,)),
        (StatusFacts(gates_late=1), S.AT_RISK, (G.GATES_LATE,)),
        (StatusFacts(high_issues=2), S.AT_RISK, (G.HIGH_ISSUES,)),
        (StatusFacts(started=False, overdue_milestones=1), S.AT_RISK, (G.OVERDUE_MILESTONES,)),
        (StatusFacts(health=TROUBLED, health_points=12), S.IN_TROUBLE, (G.HEALTH_TROUBLED,)),
        (StatusFacts(gates_no_go=1), S.IN_TROUBLE, (G.GATE_NO_GO,)),
        (StatusFacts(critical_issues=1), S.IN_TROUBLE, (G.CRITICAL_ISSUES,)),
        # the worst level wins, and every signal that fired stays a reason, worst first
        (
            StatusFacts(health=WATCH, health_points=9, overdue_milestones=2, critical_issues=1, high_issues=1),
            S.IN_TROUBLE,
            (G.CRITICAL_ISSUES, G.HEALTH_WATCH, G.OVERDUE_MILESTONES, G.HIGH_ISSUES),
        ),
        (
            StatusFacts(health=TROUBLED, health_points=14, gates_no_go=1, gates_late=1),
            S.IN_TROUBLE,
            (G.HEALTH_TROUBLED, G.GATE_NO_GO, G.GATES_LATE),
        ),
    ],
)
def test_the_status_is_the_worst_level_a_signal_sets(facts, status, signals) -> None:
    computed = compute_status(facts)
    assert computed.status is status
    assert tuple(reason.signal for reason in computed.reasons) == signals


@pytest.mark.parametrize(
    ("facts", "signal", "count"),
    [
        (StatusFacts(health=WATCH, health_points=7), G.HEALTH_WATCH, 7),
        (StatusFacts(overdue_milestones=3), G.OVERDUE_MILESTONES, 3),
        (StatusFacts(critical_issues=2), G.CRITICAL_ISSUES, 2),
    ],
)
def test_a_reason_carries_how_often_its_signal_occurs(facts, signal, count) -> None:
    (reason,) = compute_status(facts).reasons
    assert (reason.signal, reason.count) == (signal, count)


@pytest.mark.parametrize(
    ("computed", "reported", "differs"),
    [
        (S.ON_TRACK, Rag.GREEN, False),
        (S.AT_RISK, Rag.AMBER, False),
        (S.IN_TROUBLE, Rag.RED, False),
        (S.NOT_STARTED, Rag.GREEN, False),
        (S.ON_TRACK, None, False),
        (S.IN_TROUBLE, None, False),
        (S.AT_RISK, Rag.GREEN, True),
        (S.IN_TROUBLE, Rag.GREEN, True),
        (S.IN_TROUBLE, Rag.AMBER, True),
        (S.ON_TRACK, Rag.RED, True),
        (S.NOT_STARTED, Rag.AMBER, True),
    ],
)
def test_the_reported_status_disagrees_when_it_says_something_else(computed, reported, differs) -> None:
    assert disagrees(computed, reported) is differs


@pytest.mark.parametrize(
    ("running", "planned_end", "signed_go", "late"),
    [
        (True, date(2026, 5, 31), False, True),
        (True, date(2026, 6, 1), False, False),  # ends today: not late yet
        (True, date(2026, 5, 31), True, False),
        (False, date(2026, 5, 31), False, False),
        (True, None, False, False),
    ],
)
def test_a_gate_is_late_when_its_running_phase_passed_its_planned_end_without_go(
    running, planned_end, signed_go, late
) -> None:
    assert gate_late(running, planned_end, signed_go, date(2026, 6, 1)) is late


def test_the_facts_come_from_the_health_check() -> None:
    health = HealthFacts(overdue_milestones=2, no_go_phases=("设计",), critical_issues=1, high_issues=3)
    facts = status_facts(health, HealthCheck(15, TROUBLED, ()), gates_late=1, started=True)
    assert facts == StatusFacts(True, TROUBLED, 15, 1, 1, 2, 1, 3)
