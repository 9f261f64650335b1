"""Gate rules, table-driven: unreviewed and rework criteria block; only the sponsor's waiver lets a phase pass them."""
from __future__ import annotations

import pytest

from phases.projects.enums import CriterionState as C
from phases.projects.enums import GateDecision as D
from phases.projects.enums import PhaseStatus as P
from phases.projects.gates import Criterion, Signoff, can_start, gate_blockers, gate_status, transition_allowed


def criteria(*states: C) -> list[Criterion]:
    return [Criterion(number, state) for number, state in enumerate(states, start=1)]


@pytest.mark.parametrize(
    ("states", "blockers"),
    [((), ()), ((C.PASS, C.WAIVED), ()), ((C.PASS, C.REWORK), (2,)), ((C.UNREVIEWED, C.PASS, C.REWORK), (1, 3))],
)
def test_blockers(states, blockers) -> None:
    assert gate_blockers(criteria(*states)) == blockers


@pytest.mark.parametrize(
    ("states", "signoff", "can_close", "signed_go"),
    [
        ((C.PASS, C.PASS), None, False, False),                     # passed, but the sponsor has not signed
        ((C.PASS, C.PASS), Signoff(D.GO, False), True, True),
        ((C.PASS, C.WAIVED), Signoff(D.GO, False), True, True),
        ((C.PASS, C.REWORK), Signoff(D.GO, False), False, True),   # rework since the go: closed again
        ((C.PASS, C.REWORK), Signoff(D.GO, True), True, True),     # the sponsor's explicit waiver
        ((C.PASS, C.PASS), Signoff(D.NO_GO, False), False, False),
        ((C.UNREVIEWED,), Signoff(D.NO_GO, False), False, False),
        ((), Signoff(D.GO, False), True, True),
    ],
)
def test_gate_status(states, signoff, can_close, signed_go) -> None:
    status = gate_status(criteria(*states), signoff)
    assert (status.can_close, status.signed_go) == (can_close, signed_go)


@pytest.mark.parametrize(
    ("previous", "allowed"), [(None, True), (P.CLOSED, True), (P.ACTIVE, False), (P.RUN_OPTIMISE, False), (P.NOT_STARTED, False)]
)
def test_can_start(previous, allowed) -> None:
    assert can_start(previous) is allowed


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (P.NOT_STARTED, P.ACTIVE, True), (P.NOT_STARTED, P.CLOSED, False), (P.ACTIVE, P.RUN_OPTIMISE, True),
        (P.ACTIVE, P.CLOSED, True), (P.RUN_OPTIMISE, P.ACTIVE, True), (P.RUN_OPTIMISE, P.CLOSED, True),
        (P.CLOSED, P.ACTIVE, False), (P.ACTIVE, P.NOT_STARTED, False),
    ],
)
def test_transitions(current, target, allowed) -> None:
    assert transition_allowed(current, target) is allowed
