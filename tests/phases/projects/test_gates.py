"""Gate rules, table-driven: unreviewed and rework criteria block; only the sponsor's waiver lets a phase pass them."""

from __future__ import annotations

import pytest

from phases.projects.enums import CriterionState as C
from phases.projects.enums import GateDecision as D
from phases.projects.enums import PhaseStatus as P
from phases.projects.gates import (
    Criterion,
    PhaseMoves,
    Signoff,
    all_passed,
    any_reviewed,
    can_start,
    gate_blockers,
    gate_status,
    is_open,
    may_review,
    may_sign,
    needs_note,
    phase_moves,
    transition_allowed,
)


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
        ((C.PASS, C.PASS), None, False, False),  # passed, but the sponsor has not signed
        ((C.PASS, C.PASS), Signoff(D.GO, False), True, True),
        ((C.PASS, C.WAIVED), Signoff(D.GO, False), True, True),
        ((C.PASS, C.REWORK), Signoff(D.GO, False), False, True),  # rework since the go: closed again
        ((C.PASS, C.REWORK), Signoff(D.GO, True), True, True),  # the sponsor's explicit waiver
        ((C.PASS, C.PASS), Signoff(D.NO_GO, False), False, False),
        ((C.UNREVIEWED,), Signoff(D.NO_GO, False), False, False),
        ((), Signoff(D.GO, False), True, True),
    ],
)
def test_gate_status(states, signoff, can_close, signed_go) -> None:
    status = gate_status(criteria(*states), signoff)
    assert (status.can_close, status.signed_go) == (can_close, signed_go)


@pytest.mark.parametrize(
    ("previous", "allowed"),
    [(None, True), (P.CLOSED, True), (P.ACTIVE, False), (P.RUN_OPTIMISE, False), (P.NOT_STARTED, False)],
)
def test_can_start(previous, allowed) -> None:
    assert can_start(previous) is allowed


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (P.NOT_STARTED, P.ACTIVE, True),
        (P.NOT_STARTED, P.CLOSED, False),
        (P.ACTIVE, P.RUN_OPTIMISE, True),
        (P.ACTIVE, P.CLOSED, True),
        (P.RUN_OPTIMISE, P.ACTIVE, True),
        (P.RUN_OPTIMISE, P.CLOSED, True),
        (P.CLOSED, P.ACTIVE, False),
        (P.ACTIVE, P.NOT_STARTED, False),
    ],
)
def test_transitions(current, target, allowed) -> None:
    assert transition_allowed(current, target) is allowed


@pytest.mark.parametrize(
    ("state", "open_", "note"),
    [(C.UNREVIEWED, True, False), (C.REWORK, True, True), (C.PASS, False, False), (C.WAIVED, False, True)],
)
def test_open_criteria_and_reviews_that_need_a_note(state, open_, note) -> None:
    assert (is_open(state), needs_note(state)) == (open_, note)


@pytest.mark.parametrize(
    ("states", "passed", "reviewed"),
    [
        ((), False, False),  # no criteria: nothing passed, nothing reviewed
        ((C.PASS, C.PASS), True, True),
        ((C.PASS, C.WAIVED), False, True),  # a waiver is not a pass
        ((C.UNREVIEWED, C.PASS), False, True),
        ((C.UNREVIEWED, C.UNREVIEWED), False, False),
        ((C.REWORK,), False, True),
    ],
)
def test_all_passed_and_any_reviewed(states, passed, reviewed) -> None:
    assert (all_passed(states), any_reviewed(states)) == (passed, reviewed)


@pytest.mark.parametrize(
    ("status", "review", "sign"),
    [(P.NOT_STARTED, True, False), (P.ACTIVE, True, True), (P.RUN_OPTIMISE, True, True), (P.CLOSED, False, False)],
)
def test_who_may_review_and_sign_a_gate_by_phase_state(status, review, sign) -> None:
    assert (may_review(status), may_sign(status)) == (review, sign)


@pytest.mark.parametrize(
    ("status", "previous", "window", "moves"),
    [
        # start, may start, run and optimise, back to active, close, review, sign
        (P.NOT_STARTED, None, True, PhaseMoves(True, True, False, False, False, True, False)),
        (P.NOT_STARTED, P.ACTIVE, True, PhaseMoves(True, False, False, False, False, True, False)),
        (P.NOT_STARTED, P.CLOSED, False, PhaseMoves(True, True, False, False, False, True, False)),
        (P.ACTIVE, P.CLOSED, True, PhaseMoves(False, True, True, False, True, True, True)),
        (P.ACTIVE, None, False, PhaseMoves(False, True, False, False, True, True, True)),  # no window to enter
        (P.RUN_OPTIMISE, P.CLOSED, True, PhaseMoves(False, True, False, True, True, True, True)),
        (P.CLOSED, P.CLOSED, True, PhaseMoves(False, True, False, False, False, False, False)),
    ],
)
def test_phase_moves(status, previous, window, moves) -> None:
    assert phase_moves(status, previous, window) == moves
