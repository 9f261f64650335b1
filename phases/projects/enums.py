"""States of phases, milestones and gates, shared by models and pure rule modules."""

from __future__ import annotations

import enum


class PhaseStatus(enum.StrEnum):
    """Where a phase stands."""

    NOT_STARTED = "not_started"
    ACTIVE = "active"
    RUN_OPTIMISE = "run_optimise"
    CLOSED = "closed"


class Rag(enum.StrEnum):
    """Red, amber, green."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class MilestoneRag(enum.StrEnum):
    """A milestone's computed status, worst first after 'done'."""

    DONE = "done"
    OVERDUE = "overdue"
    BEHIND = "behind"
    AT_RISK = "at_risk"
    ON_TRACK = "on_track"


class CriterionState(enum.StrEnum):
    """The review of one quality-gate criterion."""

    UNREVIEWED = "unreviewed"
    PASS = "pass"
    REWORK = "rework"
    WAIVED = "waived"


class GateDecision(enum.StrEnum):
    """The sponsor's decision on a phase gate."""

    GO = "go"
    NO_GO = "no_go"


class CriterionStanding(enum.StrEnum):
    """Where a criterion stands once the sponsor's latest sign-off is taken into account."""

    PASSED = "passed"
    WAIVED = "waived"  # waived in its review, the reviewer's note says why
    WAIVED_AT_SIGNOFF = "waived_at_signoff"  # open, but covered by the waiver of the sponsor's latest "go"
    OPEN = "open"  # not reviewed yet
    REWORK = "rework"


class GateState(enum.StrEnum):
    """What the sponsor's latest sign-off decided for a gate, as it stands today."""

    AWAITING = "awaiting"  # nothing signed yet
    PASSED = "passed"  # "go", and no criterion open
    PASSED_WITH_WAIVER = "passed_with_waiver"  # "go", and every open criterion covered by its waiver
    REOPENED = "reopened"  # "go", but a criterion opened since that its waiver does not cover
    REJECTED = "rejected"  # "no-go"
