"""Recovery checklist rules, table-driven: progress, the scope cut, what an item or a decision needs, who may update."""

from __future__ import annotations

from datetime import date

import pytest

from phases.recovery.checklist import ItemStatus as S
from phases.recovery.checklist import ScopeDecision as D
from phases.recovery.checklist import (
    awaits_acceptance,
    evidence_missing,
    is_overdue,
    may_update_item,
    progress,
    scope_cut,
    scope_reason_missing,
)

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("statuses", "closed", "status", "percent"),
    [
        ((), 0, S.DONE, 100),
        ((S.OPEN, S.OPEN), 0, S.OPEN, 0),
        ((S.OPEN, S.IN_PROGRESS), 0, S.IN_PROGRESS, 0),
        ((S.OPEN, S.DONE), 1, S.IN_PROGRESS, 50),
        ((S.DONE, S.NOT_APPLICABLE, S.DONE), 3, S.DONE, 100),
        ((S.DONE, S.OPEN, S.OPEN), 1, S.IN_PROGRESS, 33),
    ],
)
def test_progress(statuses, closed, status, percent) -> None:
    result = progress(list(statuses))
    assert (result.closed, result.total, result.status, result.percent) == (closed, len(statuses), status, percent)


def test_scope_cut_counts_before_and_after() -> None:
    cut = scope_cut([D.KEPT, D.DROPPED, D.DEFERRED, D.KEPT, D.DROPPED])
    assert (cut.before, cut.kept, cut.deferred, cut.dropped) == (5, 2, 1, 2)


@pytest.mark.parametrize(
    ("decision", "reason", "missing"),
    [
        (D.KEPT, "", False),
        (D.DEFERRED, "", True),
        (D.DROPPED, "  ", True),
        (D.DROPPED, "no budget", False),
        (D.DEFERRED, "phase 2", False),
    ],
)
def test_scope_reason(decision, reason, missing) -> None:
    assert scope_reason_missing(decision, reason) is missing


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (None, S.OPEN, False),
        (date(2026, 11, 30), S.OPEN, True),
        (date(2026, 11, 30), S.IN_PROGRESS, True),
        (date(2026, 11, 30), S.DONE, False),  # closed items hold nothing up
        (date(2026, 11, 30), S.NOT_APPLICABLE, False),
        (TODAY, S.OPEN, False),  # due today is not late yet
        (date(2026, 12, 2), S.OPEN, False),
    ],
)
def test_is_overdue(due, status, overdue) -> None:
    assert is_overdue(due, status, TODAY) is overdue


@pytest.mark.parametrize(
    ("status", "evidence", "missing"),
    [
        (S.DONE, "", True),
        (S.DONE, "  ", True),
        (S.DONE, "minutes of 3/12", False),
        (S.IN_PROGRESS, "", False),
        (S.NOT_APPLICABLE, "", False),
        (S.OPEN, "", False),
    ],
)
def test_evidence_missing(status, evidence, missing) -> None:
    assert evidence_missing(status, evidence) is missing


@pytest.mark.parametrize(
    ("user_id", "is_staff", "owner_id", "allowed"),
    [(1, True, None, True), (1, True, 2, True), (2, False, 2, True), (3, False, 2, False), (3, False, None, False)],
)
def test_may_update_item(user_id, is_staff, owner_id, allowed) -> None:
    assert may_update_item(user_id, is_staff, owner_id) is allowed


@pytest.mark.parametrize(
    ("expectations", "accepted", "waiting"),
    [(0, False, False), (2, False, True), (2, True, False), (0, True, False)],
)
def test_awaits_acceptance(expectations, accepted, waiting) -> None:
    assert awaits_acceptance(expectations, accepted) is waiting
