"""Phase lifecycle rules, table-driven: which states run, which phase is current, how many are closed."""

from __future__ import annotations

import pytest

from phases.projects.enums import PhaseStatus as P
from phases.projects.lifecycle import PhaseState, current_phase, is_running, is_started, phases_closed


@pytest.mark.parametrize(
    ("status", "running", "started"),
    [(P.NOT_STARTED, False, False), (P.ACTIVE, True, True), (P.RUN_OPTIMISE, True, True), (P.CLOSED, False, True)],
)
def test_running_and_started(status, running, started) -> None:
    assert (is_running(status), is_started(status)) == (running, started)


def phases(*states: P) -> list[PhaseState]:
    return [PhaseState(position, f"step{position}", state) for position, state in enumerate(states, start=1)]


@pytest.mark.parametrize(
    ("states", "current", "closed"),
    [
        ((), None, 0),
        ((P.NOT_STARTED, P.NOT_STARTED), 1, 0),
        ((P.CLOSED, P.ACTIVE, P.NOT_STARTED), 2, 1),
        ((P.CLOSED, P.RUN_OPTIMISE, P.ACTIVE), 3, 1),  # an active phase counts before one running and optimising
        ((P.CLOSED, P.CLOSED, P.NOT_STARTED), 3, 2),
        ((P.CLOSED, P.CLOSED), 2, 2),  # all closed: the last
    ],
)
def test_current_phase_and_phases_closed(states, current, closed) -> None:
    found = current_phase(phases(*states))
    assert (found.position if found else None, phases_closed(phases(*states))) == (current, closed)
