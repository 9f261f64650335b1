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
