"""Gate rules, table-driven: unreviewed and rework criteria block; only the sponsor's waiver lets a phase pass them."""

from __future__ import annotations

import pytest

from phases.projects.enums import CriterionStanding as S
from phases.projects.enums import CriterionState as C
from phases.projects.enums import GateDecision as D
from phases.projects.enums import GateState as G
from phases.projects.enums import PhaseStatus as P
from phases.projects.gates import (
    Criterion,
    PhaseMoves,
    Signoff,
    all_passed,
    any_reviewed,
    can_start,
    criterion_standing,
    gate_blockers,
    gate_state,
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


WAIVER_OF_2 = Signoff(D.GO, frozenset({2}))


@pytest.mark.parametrize(
    ("states", "signoff", "state", "can_close", "signed_go", "uncovered"),
    [
        ((C.PASS, C.PASS), None, G.AWAITING, False, False, ()),  # passed, but the sponsor has not signed
        ((C.REWORK,), None, G.AWAITING, False, False, (1,)),
        ((C.PASS, C.PASS), Signoff(D.GO), G.PASSED, True, True, ()),
        ((C.PASS, C.WAIVED), Signoff(D.GO), G.PASSED, True, True, ()),  # waived in review: not open
        ((C.PASS, C.REWORK), Signoff(D.GO), G.REOPENED, False, True, (2,)),  # rework since the go: closed again
        ((C.PASS, C.REWORK), WAIVER_OF_2, G.PASSED_WITH_WAIVER, True, True, ()),  # the sponsor's explicit waiver
        ((C.PASS, C.UNREVIEWED), WAIVER_OF_2, G.PASSED_WITH_WAIVER, True, True, ()),
        ((C.PASS, C.PASS), WAIVER_OF_2, G.PASSED, True, True, ()),  # the waived criterion passed since
        ((C.REWORK, C.REWORK), WAIVER_OF_2, G.REOPENED, False, True, (1,)),  # reopened after the waiver: not covered
        ((C.PASS, C.REWORK, C.UNREVIEWED), WAIVER_OF_2, G.REOPENED, False, True, (3,)),  # added after the waiver
        ((C.PASS, C.PASS), Signoff(D.NO_GO), G.REJECTED, False, False, ()),
        ((C.UNREVIEWED,), Signoff(D.NO_GO), G.REJECTED, False, False, (1,)),
        ((C.PASS, C.REWORK), Signoff(D.NO_GO, frozenset({2})), G.REJECTED, False, False, (2,)),  # no waiver in a no-go
        ((), Signoff(D.GO), G.PASSED, True, True, ()),
    ],
)
def test_gate_status(states, signoff, state, can_close, signed_go, uncovered) -> None:
    status = gate_status(criteria(*states), signoff)
    assert (status.state, status.can_close, status.signed_go, status.uncovered) == (
        state,
        can_close,
        signed_go,
        uncovered,
    )
    assert status.decided is can_close


@pytest.mark.parametrize(
    ("state", "signoff", "standing"),
    [
        (C.PASS, None, S.PASSED),
        (C.WAIVED, None, S.WAIVED),
        (C.UNREVIEWED, None, S.OPEN),
        (C.REWORK, None, S.REWORK),
        (C.REWORK, WAIVER_OF_2, S.WAIVED_AT_SIGNOFF),
        (C.UNREVIEWED, WAIVER_OF_2, S.WAIVED_AT_SIGNOFF),
        (C.PASS, WAIVER_OF_2, S.PASSED),  # passed since the waiver: its own review wins
        (C.WAIVED, WAIVER_OF_2, S.WAIVED),
        (C.REWORK, Signoff(D.GO), S.REWORK),  # a go without waiver covers nothing
        (C.REWORK, Signoff(D.GO, frozenset({1})), S.REWORK),  # the waiver names another criterion
        (C.REWORK, Signoff(D.NO_GO, frozenset({2})), S.REWORK),  # a no-go waives nothing
    ],
)
def test_criterion_standing(state, signoff, standing) -> None:
    assert criterion_standing(Criterion(2, state), signoff) is standing


@pytest.mark.parametrize(
    ("signoff", "blockers", "uncovered", "state"),
    [
        (None, (), (), G.AWAITING),
        (None, (1,), (1,), G.AWAITING),
        (Signoff(D.NO_GO), (), (), G.REJECTED),
        (Signoff(D.GO), (), (), G.PASSED),
        (Signoff(D.GO, frozenset({1})), (1,), (), G.PASSED_WITH_WAIVER),
        (Signoff(D.GO, frozenset({1})), (1, 2), (2,), G.REOPENED),
        (Signoff(D.GO), (1,), (1,), G.REOPENED),
    ],
)
def test_gate_state(signoff, blockers, uncovered, state) -> None:
    assert gate_state(signoff, blockers, uncovered) is state


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
