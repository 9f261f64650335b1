"""Issue-log rules, table-driven: which statuses are settled, what closing needs, who may change an issue."""

from __future__ import annotations

import pytest

from phases.issues.enums import FILTER_STATUSES, OPEN_STATUSES, IssueFilter
from phases.issues.enums import IssueStatus as S
from phases.issues.rules import closes, closing_gap, is_closed, may_change, reopens


@pytest.mark.parametrize(("status", "closed"), [(S.OPEN, False), (S.IN_PROGRESS, False), (S.CLOSED, True)])
def test_is_closed(status, closed) -> None:
    assert is_closed(status) is closed
    assert (status in OPEN_STATUSES) is not closed


@pytest.mark.parametrize(
    ("old", "new", "closing", "reopening"),
    [
        (S.OPEN, S.CLOSED, True, False),
        (S.IN_PROGRESS, S.CLOSED, True, False),
        (S.CLOSED, S.CLOSED, False, False),  # saved again: not closed anew
        (S.CLOSED, S.OPEN, False, True),
        (S.OPEN, S.IN_PROGRESS, False, True),
        (S.OPEN, None, False, False),  # the status was not part of the change
    ],
)
def test_closes_and_reopens(old, new, closing, reopening) -> None:
    assert closes(old, new) is closing
    assert reopens(new) is reopening


@pytest.mark.parametrize(
    ("texts", "missing"),
    [
        ({}, "root_cause"),
        ({"root_cause": "  ", "prevention": "rule"}, "root_cause"),
        ({"root_cause": "pinyin codes", "prevention": ""}, "prevention"),
        ({"root_cause": "pinyin codes", "prevention": None}, "prevention"),
        ({"root_cause": "pinyin codes", "prevention": "region code in the rule"}, None),
    ],
)
def test_closing_gap(texts, missing) -> None:
    assert closing_gap(texts) == missing


@pytest.mark.parametrize(
    ("user_id", "is_staff", "reporter_id", "owner_id", "allowed"),
    [
        (1, True, None, None, True),
        (2, False, 2, 3, True),
        (3, False, 2, 3, True),
        (4, False, 2, 3, False),
        (4, False, None, None, False),
    ],
)
def test_may_change(user_id, is_staff, reporter_id, owner_id, allowed) -> None:
    assert may_change(user_id, is_staff, reporter_id, owner_id) is allowed


def test_every_filter_lists_its_statuses() -> None:
    assert set(FILTER_STATUSES) == set(IssueFilter)
    assert FILTER_STATUSES[IssueFilter.OPEN] == OPEN_STATUSES
    assert set(FILTER_STATUSES[IssueFilter.CLOSED]) | set(OPEN_STATUSES) == set(FILTER_STATUSES[IssueFilter.ALL])
