"""Pure quality-gate rules: carry no defect into the next step unless the sponsor signs a waiver."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from phases.projects.enums import CriterionStanding, CriterionState, GateDecision, GateState, PhaseStatus
from phases.projects.lifecycle import is_running

OPEN_STATES = (CriterionState.UNREVIEWED, CriterionState.REWORK)
# A reviewer who sends a criterion back or waives it says why.
NOTE_REQUIRED_STATES = (CriterionState.REWORK, CriterionState.WAIVED)


@dataclass(frozen=True)
class Criterion:
    """A gate criterion as the rules see it."""

    id: int
    state: CriterionState


@dataclass(frozen=True)
class Signoff:
    """The sponsor's latest decision on the gate, with the criteria its waiver covers."""

    decision: GateDecision
    waived: frozenset[int] = frozenset()  # the criteria that were open when the sponsor signed "go" over them

    @property
    def waiver(self) -> bool:
        """Return whether the sponsor signed a waiver."""
        return bool(self.waived)


@dataclass(frozen=True)
class GateStatus:
    """What the sponsor decided for a gate, as it stands today, and what may happen to its phase."""

    blockers: tuple[int, ...]  # criteria unreviewed or in rework
    uncovered: tuple[int, ...]  # blockers that the waiver of the latest "go" does not cover
    state: GateState
    can_sign_go_without_waiver: bool
    can_close: bool
    signed_go: bool

    @property
    def decided(self) -> bool:
        """Return whether the sponsor's "go" stands: nothing open is left that it does not cover."""
        return self.state in DECIDED_STATES


DECIDED_STATES = (GateState.PASSED, GateState.PASSED_WITH_WAIVER)
# Where a criterion stands from its own review, when no waiver of the sponsor covers it.
STANDINGS = {
    CriterionState.PASS: CriterionStanding.PASSED,
    CriterionState.WAIVED: CriterionStanding.WAIVED,
    CriterionState.UNREVIEWED: CriterionStanding.OPEN,
    CriterionState.REWORK: CriterionStanding.REWORK,
}


def is_open(state: CriterionState) -> bool:
    """Return whether a criterion in this state still blocks its gate (unreviewed or in rework)."""
    return state in OPEN_STATES


def needs_note(state: CriterionState) -> bool:
    """Return whether a review to this state must say why (rework and waived)."""
    return state in NOTE_REQUIRED_STATES


def all_passed(states: Sequence[CriterionState]) -> bool:
    """Return whether a gate has criteria and every one of them passed (none waived, none open)."""
    return bool(states) and all(state is CriterionState.PASS for state in states)


def any_reviewed(states: Sequence[CriterionState]) -> bool:
    """Return whether at least one criterion of a gate has been reviewed."""
    return any(state is not CriterionState.UNREVIEWED for state in states)


def gate_blockers(criteria: Sequence[Criterion]) -> tuple[int, ...]:
    """Return the criteria still unreviewed or in rework."""
    return tuple(criterion.id for criterion in criteria if is_open(criterion.state))


def waived_at_signoff(criterion: Criterion, signoff: Signoff | None) -> bool:
    """Return whether an open criterion is covered by the waiver of the sponsor's latest "go"."""
    return (
        signoff is not None
        and signoff.decision is GateDecision.GO
        and is_open(criterion.state)
        and criterion.id in signoff.waived
    )


def criterion_standing(criterion: Criterion, signoff: Signoff | None) -> CriterionStanding:
    """Return where a criterion stands: its review, unless the sponsor's latest "go" waived it while it was open."""
    return CriterionStanding.WAIVED_AT_SIGNOFF if waived_at_signoff(criterion, signoff) else STANDINGS[criterion.state]


def gate_state(signoff: Signoff | None, blockers: Sequence[int], uncovered: Sequence[int]) -> GateState:
    """Return what the latest sign-off decided, given the open criteria and those its waiver does not cover."""
    if signoff is None:
        return GateState.AWAITING
    if signoff.decision is GateDecision.NO_GO:
        return GateState.REJECTED
    if uncovered:
        return GateState.REOPENED
    return GateState.PASSED_WITH_WAIVER if blockers else GateState.PASSED


def gate_status(criteria: Sequence[Criterion], signoff: Signoff | None) -> GateStatus:
    """Return the gate's blockers, what the sponsor's latest sign-off decided and whether the phase may close.

    A phase closes only after the sponsor signed "go". "Go" with open criteria needs the sponsor's
    explicit waiver; a waiver covers the criteria open when it was signed, not those reopened since.
    """
    blockers = gate_blockers(criteria)
    uncovered = tuple(c.id for c in criteria if is_open(c.state) and not waived_at_signoff(c, signoff))
    state = gate_state(signoff, blockers, uncovered)
    signed_go = signoff is not None and signoff.decision is GateDecision.GO
    return GateStatus(blockers, uncovered, state, not blockers, state in DECIDED_STATES, signed_go)


def can_start(previous_status: PhaseStatus | None) -> bool:
    """Return whether a phase may start: the first may, a later one only after the previous phase closed."""
    return previous_status is None or previous_status is PhaseStatus.CLOSED


def may_review(status: PhaseStatus) -> bool:
    """Return whether a phase's gate criteria may still be reviewed or added: not once it closed."""
    return status is not PhaseStatus.CLOSED


def may_sign(status: PhaseStatus) -> bool:
    """Return whether a phase's gate may be signed off: only while the phase runs."""
    return is_running(status)


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


@dataclass(frozen=True)
class PhaseMoves:
    """What can be done next to a phase; the services check the gate again when it is done."""

    start: bool  # the phase has not started: offer to start it…
    may_start: bool  # …which it may once the previous phase closed
    run_optimise: bool  # an active phase with a run-and-optimise window may enter it
    back_to_active: bool  # a phase running and optimising may go back to active
    close: bool  # a running phase may be closed (once its gate allows)
    review: bool  # its criteria may be reviewed and added
    sign: bool  # its gate may be signed off


def phase_moves(status: PhaseStatus, previous_status: PhaseStatus | None, has_window: bool) -> PhaseMoves:
    """Return the moves a phase offers, from its state, the previous phase's state and whether it has a window."""
    return PhaseMoves(
        start=status is PhaseStatus.NOT_STARTED,
        may_start=can_start(previous_status),
        run_optimise=has_window and transition_allowed(status, PhaseStatus.RUN_OPTIMISE),
        back_to_active=status is not PhaseStatus.NOT_STARTED and transition_allowed(status, PhaseStatus.ACTIVE),
        close=transition_allowed(status, PhaseStatus.CLOSED),
        review=may_review(status),
        sign=may_sign(status),
    )
