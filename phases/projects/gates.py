"""Pure quality-gate rules: carry no defect into the next step unless the sponsor signs a waiver."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from phases.projects.enums import CriterionState, GateDecision, PhaseStatus

OPEN_STATES = (CriterionState.UNREVIEWED, CriterionState.REWORK)


@dataclass(frozen=True)
class Criterion:
    """A gate criterion as the rules see it."""

    id: int
    state: CriterionState


@dataclass(frozen=True)
class Signoff:
    """The sponsor's latest decision on the gate."""

    decision: GateDecision
    waiver: bool


@dataclass(frozen=True)
class GateStatus:
    """What may happen to a phase given its gate."""

    blockers: tuple[int, ...]
    can_sign_go_without_waiver: bool
    can_close: bool
    signed_go: bool


def gate_blockers(criteria: Sequence[Criterion]) -> tuple[int, ...]:
    """Return the criteria still unreviewed or in rework."""
    return tuple(criterion.id for criterion in criteria if criterion.state in OPEN_STATES)


def gate_status(criteria: Sequence[Criterion], signoff: Signoff | None) -> GateStatus:
    """Return the gate's blockers and whether the phase may close.

    A phase closes only after the sponsor signed "go". "Go" with open criteria needs the
    sponsor's explicit waiver; a waiver covers the criteria open when it was signed.
    """
    blockers = gate_blockers(criteria)
    signed_go = signoff is not None and signoff.decision is GateDecision.GO
    can_close = signed_go and (not blockers or signoff.waiver)
    return GateStatus(blockers, not blockers, can_close, signed_go)


def can_start(previous_status: PhaseStatus | None) -> bool:
    """Return whether a phase may start: the first may, a later one only after the previous phase closed."""
    return previous_status is None or previous_status is PhaseStatus.CLOSED


# Allowed moves between phase states; closing and starting are further checked against the gate.
TRANSITIONS = {
    PhaseStatus.NOT_STARTED: (PhaseStatus.ACTIVE,),
    PhaseStatus.ACTIVE: (PhaseStatus.RUN_OPTIMISE, PhaseStatus.CLOSED),
    PhaseStatus.RUN_OPTIMISE: (PhaseStatus.ACTIVE, PhaseStatus.CLOSED),
    PhaseStatus.CLOSED: (),
}


def transition_allowed(current: PhaseStatus, target: PhaseStatus) -> bool:
    """Return whether a phase may move from one state to another (gates aside)."""
    return target in TRANSITIONS[current]
