"""Milestone RAG and phase windows, table-driven: dates around today, missing dates, 0 % and 100 %."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from phases.projects.enums import MilestoneRag as R
from phases.projects.enums import PhaseStatus
from phases.projects.schedule import (
    MilestoneDates,
    MilestoneKept,
    expected_percent,
    late_order,
    milestone_kept,
    milestone_rag,
    window_check,
    worst_rag,
)

TODAY = date(2026, 11, 24)


def day(offset: int | None) -> date | None:
    return None if offset is None else TODAY + timedelta(days=offset)


@pytest.mark.parametrize(
    ("start", "planned", "baseline", "actual", "percent", "expected"),
    [
        (-30, 30, 30, None, 50, R.ON_TRACK),  # half the time gone, half done
        (-30, 30, 30, None, 100, R.DONE),  # 100 % is done even without a date
        (-30, -1, -1, -2, 80, R.DONE),  # an actual date means done
        (-30, -1, -1, None, 90, R.OVERDUE),  # due yesterday, not done
        (-30, 0, 0, None, 95, R.ON_TRACK),  # due today and nearly done: not yet overdue
        (-30, 30, 30, None, 20, R.BEHIND),  # 50 % of the time gone, 20 % done
        (-30, 30, 30, None, 41, R.ON_TRACK),  # within the 10-point tolerance
        (-60, 10, 10, None, 40, R.BEHIND),  # 86 % of time gone, 40 % done
        (-5, 10, 10, None, 30, R.AT_RISK),  # due within 14 days with under 50 % done (33 % expected: not behind)
        (-30, 60, 40, None, 40, R.AT_RISK),  # slipped past its baseline
        (None, 30, None, None, 0, R.ON_TRACK),  # no start: progress cannot be judged
        (None, None, None, None, 0, R.ON_TRACK),  # no dates at all
        (None, None, None, None, 100, R.DONE),
        (10, 40, 40, None, 0, R.ON_TRACK),  # not begun yet
        (-30, 5, 5, None, 0, R.BEHIND),  # 0 % with most of the time gone
    ],
)
def test_milestone_rag(start, planned, baseline, actual, percent, expected) -> None:
    dates = MilestoneDates(day(start), day(planned), day(baseline), day(actual), percent)
    assert milestone_rag(dates, TODAY) is expected


@pytest.mark.parametrize(
    ("start", "due", "expected"),
    [(-10, 10, 50.0), (0, 10, 0.0), (5, 10, 0.0), (-10, -1, 100.0), (None, 10, None), (-10, None, None), (10, 5, None)],
)
def test_expected_percent(start, due, expected) -> None:
    assert expected_percent(day(start), day(due), TODAY) == expected


def test_worst_rag() -> None:
    assert worst_rag([R.DONE, R.ON_TRACK, R.AT_RISK]) is R.AT_RISK
    assert worst_rag([R.DONE, R.OVERDUE, R.BEHIND]) is R.OVERDUE
    assert worst_rag([R.DONE, R.DONE]) is R.DONE
    assert worst_rag([]) is None


@pytest.mark.parametrize(
    ("rags", "order"),
    [
        ((), ()),
        ((R.DONE, R.ON_TRACK), ()),  # nothing late
        ((R.AT_RISK, R.OVERDUE, R.BEHIND, R.OVERDUE), (1, 3, 2, 0)),  # worst state first, plan order within a state
        ((R.BEHIND, R.DONE, R.AT_RISK, R.BEHIND), (0, 3, 2)),
    ],
)
def test_late_order(rags, order) -> None:
    assert late_order(rags) == order


@pytest.mark.parametrize(
    ("status", "start", "end", "window", "short", "long"),
    [
        (PhaseStatus.ACTIVE, -200, None, (1, 3), False, True),  # Collect running 6.6 months: too long
        (PhaseStatus.ACTIVE, -60, None, (1, 3), None, None),  # 2 months: inside
        (PhaseStatus.CLOSED, -60, -50, (1, 3), True, False),  # closed after 10 days: too short
        (PhaseStatus.CLOSED, -120, -20, (3, 6), None, None),  # Flow closed after 3.3 months: inside
        (PhaseStatus.RUN_OPTIMISE, -250, None, (3, 6), False, True),
        (PhaseStatus.ACTIVE, -400, None, None, None, None),  # no window for this phase
        (PhaseStatus.NOT_STARTED, None, None, (1, 3), None, None),
    ],
)
def test_window_check(status, start, end, window, short, long) -> None:
    check = window_check(status, day(start), day(end), window, TODAY)
    if short is None:
        assert check is None
    else:
        assert (check.too_short, check.too_long) == (short, long)


@pytest.mark.parametrize(
    "planned, actual, percent, kept",
    [
        (30, None, 0, None),  # planned by mistake, nothing reported: it may go
        (None, None, 0, None),
        (3, None, 0, None),  # due soon (at risk) but not late yet
        (30, None, 10, MilestoneKept.PROGRESS),
        (-5, -6, 100, MilestoneKept.PROGRESS),  # done
        (-1, None, 0, MilestoneKept.LATE),  # overdue: deleting it would hide the slip
    ],
)
def test_milestone_kept(planned, actual, percent, kept) -> None:
    dates = MilestoneDates(day(-60), day(planned), day(planned), day(actual), percent)
    assert milestone_kept(dates, TODAY) is kept
