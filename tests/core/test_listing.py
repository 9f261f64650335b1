"""The listing rules: sort keys, directions and filters checked against what a list allows; links that keep the rest."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from core.listing import Direction, ListingSpec, Shown, parse_listing, sort_rows
from core.undo import UNDO_WINDOW, LoggedRow, UndoRefusal, latest_deletion, undo_refusal, value_from_text

SPEC = ListingSpec(
    prefix="m_",
    sort_keys=("name", "planned", "owner"),
    default_sort="planned",
    filters=("state", "owner"),
    anchor="milestones",
    descending_first=frozenset({"owner"}),
)
ALLOWED = {"state": ("overdue", "done"), "owner": ("7", "9")}


@pytest.mark.parametrize(
    "args, sort, direction, filters",
    [
        ({}, "planned", Direction.ASC, {}),
        ({"m_sort": "name"}, "name", Direction.ASC, {}),
        ({"m_sort": "name", "m_dir": "desc"}, "name", Direction.DESC, {}),
        ({"m_sort": "owner"}, "owner", Direction.DESC, {}),  # a column that reads largest first
        ({"m_sort": "password"}, "planned", Direction.ASC, {}),  # not a sortable column
        ({"m_sort": "password", "m_dir": "desc"}, "planned", Direction.ASC, {}),
        ({"m_dir": "desc"}, "planned", Direction.DESC, {}),
        ({"m_sort": "name", "m_dir": "sideways"}, "name", Direction.ASC, {}),
        ({"sort": "name"}, "planned", Direction.ASC, {}),  # another list's parameter
        ({"m_state": "overdue"}, "planned", Direction.ASC, {"state": "overdue"}),
        ({"m_state": "late; DROP"}, "planned", Direction.ASC, {}),  # not an allowed value
        ({"m_owner": "8"}, "planned", Direction.ASC, {}),  # somebody the list does not offer
        ({"m_owner": "9", "m_state": ""}, "planned", Direction.ASC, {"owner": "9"}),
    ],
)
def test_parameters_are_checked_against_what_the_list_allows(args, sort, direction, filters) -> None:
    listing = parse_listing(SPEC, args, ALLOWED)
    assert (listing.sort, listing.direction, dict(listing.filters)) == (sort, direction, filters)
    assert listing.is_filtered == bool(filters)


@pytest.mark.parametrize(
    "args, key, href, aria, arrow",
    [
        ({}, "planned", "?m_sort=planned&m_dir=desc#milestones", "ascending", "▲"),
        ({}, "name", "?m_sort=name&m_dir=asc#milestones", None, ""),
        ({}, "owner", "?m_sort=owner&m_dir=desc#milestones", None, ""),
        ({"m_sort": "planned", "m_dir": "desc"}, "planned", "?#milestones", "descending", "▼"),  # back to default
        ({"m_sort": "name", "m_dir": "desc"}, "name", "?m_sort=name&m_dir=asc#milestones", "descending", "▼"),
        (
            {"m_state": "done", "u_rag": "red"},
            "name",
            "?u_rag=red&m_state=done&m_sort=name&m_dir=asc#milestones",
            None,
            "",
        ),
    ],
)
def test_a_header_link_sorts_its_column_and_keeps_filters_and_other_lists(args, key, href, aria, arrow) -> None:
    listing = parse_listing(SPEC, args, ALLOWED)
    assert (listing.sort_href(key), listing.aria_sort(key), listing.arrow(key)) == (href, aria, arrow)


@pytest.mark.parametrize(
    "args, cleared, hidden",
    [
        ({"m_state": "done"}, "?#milestones", ()),
        (
            {"m_state": "done", "m_owner": "7", "m_sort": "name", "u_rag": "red"},
            "?u_rag=red&m_sort=name&m_dir=asc#milestones",
            (("u_rag", "red"), ("m_sort", "name"), ("m_dir", "asc")),
        ),
    ],
)
def test_clearing_filters_keeps_the_sort_and_the_other_lists(args, cleared, hidden) -> None:
    listing = parse_listing(SPEC, args, ALLOWED)
    assert listing.clear_href() == cleared
    assert listing.hidden_fields() == hidden


@pytest.mark.parametrize(
    "args, name, value, href",
    [
        ({}, "state", "done", "?m_state=done#milestones"),
        ({"m_state": "done", "m_owner": "7"}, "state", "", "?m_owner=7#milestones"),
        ({"m_owner": "7"}, "state", "overdue", "?m_state=overdue&m_owner=7#milestones"),
    ],
)
def test_a_filter_link_changes_one_filter(args, name, value, href) -> None:
    assert parse_listing(SPEC, args, ALLOWED).filter_href(name, value) == href


ROWS = (("b", 2), ("a", None), ("c", 1), ("d", 2))


@pytest.mark.parametrize(
    "args, order",
    [
        ({"m_sort": "name"}, ["a", "b", "c", "d"]),
        ({"m_sort": "name", "m_dir": "desc"}, ["d", "c", "b", "a"]),
        ({}, ["c", "b", "d", "a"]),  # empty last, ties in their given order
        ({"m_dir": "desc"}, ["b", "d", "c", "a"]),  # empty last either way
    ],
)
def test_rows_sort_with_empty_values_last(args, order) -> None:
    listing = parse_listing(SPEC, args, ALLOWED)
    keys = {"name": lambda row: row[0], "planned": lambda row: row[1], "owner": lambda row: row[0]}
    assert [row[0] for row in sort_rows(ROWS, keys, listing)] == order


@pytest.mark.parametrize("shown, total, partial", [(5, 23, True), (23, 23, False), (0, 0, False)])
def test_the_counts_line_says_whether_filters_hide_rows(shown, total, partial) -> None:
    assert Shown(shown, total).is_partial is partial


NOW = datetime(2026, 3, 1, 12, 0)


@pytest.mark.parametrize(
    "deleted_at, taken, refusal",
    [
        (NOW - timedelta(minutes=1), False, None),
        (NOW - UNDO_WINDOW, False, None),
        (NOW - UNDO_WINDOW - timedelta(seconds=1), False, UndoRefusal.TOO_LATE),
        (NOW - timedelta(minutes=1), True, UndoRefusal.CLASH),
        (NOW - timedelta(days=1), True, UndoRefusal.TOO_LATE),
    ],
)
def test_a_deletion_can_be_undone_for_a_while_unless_its_number_is_taken(deleted_at, taken, refusal) -> None:
    assert undo_refusal(deleted_at, NOW, taken) is refusal


@pytest.mark.parametrize(
    "python_type, text, nullable, value",
    [
        (str, "接口超时", False, "接口超时"),
        (str, None, False, ""),
        (str, None, True, None),
        (int, "42", True, 42),
        (int, None, False, 0),
        (int, None, True, None),
        (date, "2026-09-30", True, date(2026, 9, 30)),
        (datetime, "2026-03-01T08:15:30.123456", False, datetime(2026, 3, 1, 8, 15, 30, 123456)),
        (Decimal, "1200.50", True, Decimal("1200.50")),
        (bool, "True", False, True),
        (bool, "False", False, False),
        (Direction, "desc", False, Direction.DESC),
    ],
)
def test_a_deleted_field_reads_back_from_its_stored_text(python_type, text, nullable, value) -> None:
    restored = value_from_text(python_type, text, nullable)
    assert restored == value and type(restored) is type(value)


def _row(action: str, field: str = "", value: str = "", minute: int = 0) -> LoggedRow:
    return LoggedRow(action, field, value, NOW + timedelta(minutes=minute), "标题", 7)


@pytest.mark.parametrize(
    "rows, values, minute",
    [
        ([], None, None),
        ([_row("created")], None, None),
        (
            [_row("deleted", "title", "A"), _row("deleted", "due_date", "2026-09-30")],
            {"title": "A", "due_date": "2026-09-30"},
            0,
        ),
        ([_row("deleted", "title", "A"), _row("restored", minute=1)], None, None),
        (
            [
                _row("deleted", "title", "A"),
                _row("restored", minute=1),
                _row("updated", "title", "A", 2),
                _row("deleted", "title", "B", 3),
            ],
            {"title": "B"},
            3,
        ),
    ],
)
def test_only_a_deletion_not_undone_since_can_be_undone(rows, values, minute) -> None:
    deletion = latest_deletion(rows)
    if values is None:
        assert deletion is None
    else:
        assert (dict(deletion.values), deletion.at, deletion.label) == (values, NOW + timedelta(minutes=minute), "标题")
