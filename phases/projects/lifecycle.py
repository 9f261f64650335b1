"""Pure rules about a project's phases: which ones run, which one is current and how far the project is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from phases.projects.enums import PhaseStatus

# A running phase is being worked on: its gate can be reviewed and signed, and it can close.
RUNNING_STATES = (PhaseStatus.ACTIVE, PhaseStatus.RUN_OPTIMISE)


@dataclass(frozen=True)
class PhaseState:
    """The part of a phase these rules need."""

    position: int
    key: str
    status: PhaseStatus


def is_running(status: PhaseStatus) -> bool:
    """Return whether a phase in this state is being worked on (active, or running and optimising)."""
    return status in RUNNING_STATES


def is_started(status: PhaseStatus) -> bool:
    """Return whether a phase in this state has started (it may since have closed)."""
    return status is not PhaseStatus.NOT_STARTED


def current_phase(phases: Sequence[PhaseState]) -> PhaseState | None:
    """Return the phase being worked on: the first open one, else the first not started, else the last."""
    ordered = sorted(phases, key=lambda phase: phase.position)
    for wanted in RUNNING_STATES:
        for phase in ordered:
            if phase.status is wanted:
                return phase
    for phase in ordered:
        if phase.status is PhaseStatus.NOT_STARTED:
            return phase
    return ordered[-1] if ordered else None


def phases_closed(phases: Sequence[PhaseState]) -> int:
    """Return how many phases are closed."""
    return sum(1 for phase in phases if phase.status is PhaseStatus.CLOSED)
