"""Pure rules about a project's phases: which one is current and how far the project is."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from phases.projects.enums import PhaseStatus


@dataclass(frozen=True)
class PhaseState:
    """The part of a phase these rules need."""

    position: int
    key: str
    status: PhaseStatus


def current_phase(phases: Sequence[PhaseState]) -> PhaseState | None:
    """Return the phase being worked on: the first open one, else the first not started, else the last."""
    ordered = sorted(phases, key=lambda phase: phase.position)
    for wanted in (PhaseStatus.ACTIVE, PhaseStatus.RUN_OPTIMISE):
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
