"""Pure schedule rules: a milestone's RAG from its dates and progress, and phase run-and-optimise windows."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from phases.projects.enums import MilestoneRag, PhaseStatus

AT_RISK_DAYS = 14  # a milestone due this soon…
AT_RISK_PERCENT = 50  # …with less than this done is at risk
BEHIND_TOLERANCE = 10  # percentage points of progress a milestone may lag its dates before it is "behind"
DAYS_PER_MONTH = 30.44

# Milestone states from worst to best; "done" counts as best, so a finished plan reads as done.
RAG_ORDER = (MilestoneRag.OVERDUE, MilestoneRag.BEHIND, MilestoneRag.AT_RISK, MilestoneRag.ON_TRACK, MilestoneRag.DONE)
# The states that need someone's attention, worst first.
LATE_RAGS = (MilestoneRag.OVERDUE, MilestoneRag.BEHIND, MilestoneRag.AT_RISK)


@dataclass(frozen=True)
class MilestoneDates:
    """What the RAG rule needs of a milestone."""

    start: date | None  # when work on it begins (its phase's start, or the project's)
    planned: date | None  # the current due date
    baseline: date | None  # the approved due date
    actual: date | None  # when it was done
    percent_done: int


def expected_percent(start: date | None, due: date | None, today: date) -> float | None:
    """Return how far a piece of work should be today if progress ran evenly from start to due."""
    if start is None or due is None or due <= start:
        return None
    if today <= start:
        return 0.0
    if today >= due:
        return 100.0
    return 100.0 * (today - start).days / (due - start).days


def milestone_rag(milestone: MilestoneDates, today: date) -> MilestoneRag:
    """Return done, overdue, behind schedule, at risk or on track; computed, never typed."""
    if milestone.actual is not None or milestone.percent_done >= 100:
        return MilestoneRag.DONE
    if milestone.planned is not None and milestone.planned < today:
        return MilestoneRag.OVERDUE
    expected = expected_percent(milestone.start, milestone.planned, today)
    if expected is not None and expected - milestone.percent_done > BEHIND_TOLERANCE:
        return MilestoneRag.BEHIND
    slipped = (
        milestone.baseline is not None and milestone.planned is not None and milestone.planned > milestone.baseline
    )
    due_soon = milestone.planned is not None and (milestone.planned - today).days <= AT_RISK_DAYS
    if slipped or (due_soon and milestone.percent_done < AT_RISK_PERCENT):
        return MilestoneRag.AT_RISK
    return MilestoneRag.ON_TRACK


def worst_rag(rags: list[MilestoneRag]) -> MilestoneRag | None:
    """Return the worst open RAG of a set of milestones (done counts only when all are done)."""
    return min(rags, key=RAG_ORDER.index) if rags else None


def late_order(rags: Sequence[MilestoneRag]) -> tuple[int, ...]:
    """Return the positions of the late or at-risk milestones, worst state first, in their order within a state."""
    return tuple(index for wanted in LATE_RAGS for index, rag in enumerate(rags) if rag is wanted)


class MilestoneKept(enum.StrEnum):
    """Why a milestone cannot be deleted."""

    PROGRESS = "progress"  # work on it has been reported: it is part of the record
    LATE = "late"  # overdue: deleting it would hide the slip from the sponsor


def milestone_kept(milestone: MilestoneDates, today: date) -> MilestoneKept | None:
    """Return why a milestone must stay, or None when it may be deleted (planned by mistake, nothing reported yet)."""
    if milestone.actual is not None or milestone.percent_done > 0:
        return MilestoneKept.PROGRESS
    if milestone_rag(milestone, today) is MilestoneRag.OVERDUE:
        return MilestoneKept.LATE
    return None


@dataclass(frozen=True)
class WindowCheck:
    """Whether a phase runs inside its recommended run-and-optimise window."""

    months: float
    minimum: int
    maximum: int
    too_short: bool
    too_long: bool


def window_check(
    status: PhaseStatus,
    actual_start: date | None,
    actual_end: date | None,
    window_months: tuple[int, int] | None,
    today: date,
) -> WindowCheck | None:
    """Return a warning when a phase closed before its window's minimum or runs past its maximum."""
    if window_months is None or actual_start is None or status is PhaseStatus.NOT_STARTED:
        return None
    end = actual_end if status is PhaseStatus.CLOSED and actual_end else today
    months = (end - actual_start).days / DAYS_PER_MONTH
    minimum, maximum = window_months
    too_short = status is PhaseStatus.CLOSED and months < minimum
    too_long = months > maximum
    if not (too_short or too_long):
        return None
    return WindowCheck(round(months, 1), minimum, maximum, too_short, too_long)
