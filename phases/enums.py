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
