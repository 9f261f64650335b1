"""States of phases and projects, shared by models and pure rule modules."""
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


class IssueSeverity(enum.StrEnum):
    """How badly an issue hurts the implementation."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class IssueStatus(enum.StrEnum):
    """Where an issue stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class CellStage(enum.StrEnum):
    """Where one function stands in one unit of a group rollout, in the order the stages come."""

    NOT_STARTED = "not_started"
    PILOT = "pilot"
    TEMPLATE_READY = "template_ready"
    ROLLING_OUT = "rolling_out"
    LIVE = "live"
    OPTIMISING = "optimising"


class UnitTier(enum.StrEnum):
    """The management tier of a unit in a group rollout (分級管理), each with its own incentives and penalties."""

    A = "a"
    B = "b"
    C = "c"


class SupervisorRole(enum.StrEnum):
    """A seat on a rollout's supervision team."""

    LEAD = "lead"
    BUSINESS_LEAD = "business_lead"
    REGIONAL_LEAD = "regional_lead"


class DeviationStatus(enum.StrEnum):
    """The supervision team's decision on a unit's personalisation of a rollout template."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"


class TrainingAudience(enum.StrEnum):
    """Who a training session of a rollout is for."""

    MANAGERS = "managers"
    SALES = "sales"
    MARKETING = "marketing"
    SERVICE = "service"
    KEY_USERS = "key_users"
