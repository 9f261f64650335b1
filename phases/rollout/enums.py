"""States of rollout cells, unit tiers, supervision seats, deviations and training."""

from __future__ import annotations

import enum


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
