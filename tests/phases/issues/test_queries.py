"""The issue log's read models are frozen and hold no database records: ids, names, enums, dates and booleans."""

from __future__ import annotations

from phases.issues.enums import IssueFilter, IssueStatus
from phases.issues.queries import IssueDetail, issue_detail, issue_listing, issue_log
from phases.projects.methodology import Methodology
from tests.phases.issues.test_issues import _issue
from tests.read_models import assert_frozen_and_orm_free


def test_the_log_and_the_issue_page_read_frozen_rows(app, world) -> None:
    project_id, reporter = world["project"].id, world["member"].id
    open_id = _issue(app, project_id, reporter, "接口偶发超时", "high", owner_id=world["consultant"].id)
    closed_id = _issue(app, project_id, reporter, "编码混淆", "low", IssueStatus.CLOSED)
    with app.test_request_context():
        log = issue_log(project_id, Methodology.FIVE_STEP, "en", issue_listing({"status": "all"}))
        detail = issue_detail(closed_id, Methodology.FIVE_STEP, "en")
        assert_frozen_and_orm_free(log, "log")
        assert_frozen_and_orm_free(detail, "detail")
    assert [(row.id, row.is_closed, row.owner_name) for row in log.rows] == [
        (open_id, False, "王立新"),
        (closed_id, True, ""),
    ]
    assert [tab.current for tab in log.tabs] == [tab.filter is IssueFilter.ALL for tab in log.tabs]
    assert isinstance(detail, IssueDetail) and detail.is_closed and detail.reporter_name == "张敏"
    assert (detail.root_cause, detail.prevention) == ("原因", "措施")
