"""The issue log's read models are frozen and hold no database records: ids, names, enums, dates and booleans."""

from __future__ import annotations

import dataclasses
from typing import Any

from core.extensions import db
from phases.issues.enums import IssueFilter, IssueStatus
from phases.issues.queries import IssueDetail, issue_detail, issue_log
from phases.projects.methodology import Methodology
from tests.phases.issues.test_issues import _issue


def assert_plain(value: Any, where: str = "view") -> None:
    """Fail when a read model is not frozen or holds an ORM record anywhere inside it."""
    assert not isinstance(value, db.Model), f"{where} is a database record"
    if dataclasses.is_dataclass(value):
        assert type(value).__dataclass_params__.frozen, f"{where} ({type(value).__name__}) is not frozen"
        for field in dataclasses.fields(value):
            assert_plain(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            assert_plain(item, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            assert_plain(item, f"{where}[{key!r}]")


def test_the_log_and_the_issue_page_read_frozen_rows(app, world) -> None:
    project_id, reporter = world["project"].id, world["member"].id
    open_id = _issue(app, project_id, reporter, "接口偶发超时", "high", owner_id=world["consultant"].id)
    closed_id = _issue(app, project_id, reporter, "编码混淆", "low", IssueStatus.CLOSED)
    with app.test_request_context():
        log = issue_log(project_id, Methodology.FIVE_STEP, IssueFilter.ALL, "en")
        detail = issue_detail(closed_id, Methodology.FIVE_STEP, "en")
        assert_plain(log, "log")
        assert_plain(detail, "detail")
    assert [(row.id, row.is_closed, row.owner_name) for row in log.rows] == [
        (open_id, False, "王立新"),
        (closed_id, True, ""),
    ]
    assert [tab.current for tab in log.tabs] == [tab.filter is IssueFilter.ALL for tab in log.tabs]
    assert isinstance(detail, IssueDetail) and detail.is_closed and detail.reporter_name == "张敏"
    assert (detail.root_cause, detail.prevention) == ("原因", "措施")
