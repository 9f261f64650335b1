"""Recovery services: starting the checklist once, items done only with evidence, expectations, scope, findings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from accounts.models import User
from core.clock import local_today
from core.errors_domain import RuleError
from core.extensions import db
from core.i18n import day
from phases.audit import AuditEntry
from phases.issues import services as issue_services
from phases.issues.enums import IssueSeverity
from phases.projects import gate_services
from phases.projects import services as phase_services
from phases.projects.enums import CriterionState
from phases.projects.models import GateCriterion, Milestone, Project
from phases.recovery import services
from phases.recovery.checklist import FindingCategory, ItemStatus, ScopeDecision
from phases.recovery.models import Finding, Recovery, RecoveryItem, ScopeItem

EN = {"Accept-Language": "en"}
WIN = {
    "original_claim": "Double sales",
    "small_win": "Reps log every visit",
    "metric": "Sales-rep productivity",
    "baseline_value": "100 %",
    "target_value": "110 %",
    "target_date": date.today() + timedelta(days=180),
}


def _get(model, record_id):
    return db.session.get(model, record_id)


def _start(app, world) -> int:
    with app.app_context():
        return services.start_recovery(_get(Project, world["project"].id), _get(User, world["consultant"].id), "").id


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _trouble(app, project_id: int, reporter_id: int) -> None:
    """Push a project into trouble: two milestones overdue, a criterion in rework, a critical issue."""
    with app.app_context():
        project = _get(Project, project_id)
        actor = _get(User, reporter_id)
        yesterday = date.today() - timedelta(days=1)
        for milestone in db.session.scalars(
            select(Milestone).where(Milestone.project_id == project_id).order_by(Milestone.id).limit(2)
        ):
            phase_services.update_milestone(milestone, actor, {"planned_date": yesterday, "percent_done": 10})
        criterion = db.session.scalars(select(GateCriterion).where(GateCriterion.project_id == project_id)).first()
        gate_services.review_criterion(criterion, actor, CriterionState.REWORK, "编码规则需返工", "编码规则")
        issue_services.report_issue(project, actor, "客户重复 12%", "", IssueSeverity.CRITICAL, None, None, None)


def test_starting_builds_the_eight_step_checklist_once(app, world) -> None:
    recovery_id = _start(app, world)
    assert _count(app, RecoveryItem, RecoveryItem.recovery_id == recovery_id) >= 8 * 2
    with app.app_context():
        steps = db.session.scalars(
            select(RecoveryItem.step_key).where(RecoveryItem.recovery_id == recovery_id).distinct()
        ).all()
        assert len(steps) == 8
        with pytest.raises(RuleError, match="already has a recovery"):
            services.start_recovery(_get(Project, world["project"].id), _get(User, world["consultant"].id), "")
        with pytest.raises(RuleError, match="Only consultants"):
            services.start_recovery(_get(Project, world["other_project"].id), _get(User, world["other_sponsor"].id), "")
    assert _count(app, Recovery) == 1
    assert _count(app, AuditEntry, AuditEntry.entity == "recovery", AuditEntry.action == "started") == 1


def test_an_item_is_done_only_with_evidence_and_every_change_is_audited(app, world) -> None:
    recovery_id = _start(app, world)
    with app.app_context():
        item = db.session.scalars(select(RecoveryItem).where(RecoveryItem.recovery_id == recovery_id)).first()
        actor = _get(User, world["member"].id)
        with pytest.raises(RuleError, match="what shows the item is done") as refused:
            services.update_item(item, actor, {"status": ItemStatus.DONE, "evidence": "  "}, "item")
        assert refused.value.field == "evidence"
        db.session.refresh(item)
        assert item.status is ItemStatus.OPEN and item.updated_at is None
        services.update_item(item, actor, {"status": ItemStatus.DONE, "evidence": "会议纪要 3/12"}, "item")
        db.session.refresh(item)
        assert item.status is ItemStatus.DONE and item.updated_at is not None
    assert _count(app, AuditEntry, AuditEntry.entity == "recovery_item") == 2  # status and evidence


def test_editing_accepted_expectations_withdraws_the_acceptance(app, world) -> None:
    recovery_id = _start(app, world)
    with app.app_context():
        recovery = _get(Recovery, recovery_id)
        consultant, sponsor = _get(User, world["consultant"].id), _get(User, world["sponsor"].id)
        with pytest.raises(RuleError, match="at least one"):
            services.accept_expectations(recovery, sponsor)
        with pytest.raises(RuleError) as refused:
            services.add_expectation(recovery, consultant, {**WIN, "metric": " "})
        assert refused.value.field == "metric"
        row = services.add_expectation(recovery, consultant, WIN)
        with pytest.raises(RuleError, match="Only the client's sponsor"):
            services.accept_expectations(recovery, consultant)
        with pytest.raises(RuleError, match="Only the client's sponsor"):
            services.accept_expectations(recovery, _get(User, world["other_sponsor"].id))
        services.accept_expectations(recovery, sponsor)
        assert recovery.expectations_accepted_by_id == sponsor.id and recovery.expectations_accepted_at
        with pytest.raises(RuleError, match="already accepted"):
            services.accept_expectations(recovery, sponsor)
        services.update_expectation(row, consultant, dict(WIN))  # no real change: still accepted
        assert recovery.expectations_accepted_at is not None
        services.update_expectation(row, consultant, {**WIN, "target_value": "108 %"})
        db.session.refresh(recovery)
        assert recovery.expectations_accepted_at is None and recovery.expectations_accepted_by_id is None
    actions = [action for (action,) in _rows(app, AuditEntry.action, AuditEntry.entity == "recovery")]
    assert actions == ["started", "accepted", "acceptance_reset"]


def _rows(app, column, *where):
    with app.app_context():
        return db.session.execute(select(column).where(*where).order_by(AuditEntry.id)).all()


def test_deferring_or_dropping_a_feature_needs_a_reason(app, world) -> None:
    recovery_id = _start(app, world)
    with app.app_context():
        recovery, actor = _get(Recovery, recovery_id), _get(User, world["consultant"].id)
        for decision in (ScopeDecision.DEFERRED, ScopeDecision.DROPPED):
            with pytest.raises(RuleError, match="deferred or dropped") as refused:
                services.add_scope_item(recovery, actor, "移动端报表", decision, " ")
            assert refused.value.field == "reason"
        with pytest.raises(RuleError):
            services.add_scope_item(recovery, actor, "  ", ScopeDecision.KEPT, "")
        kept = services.add_scope_item(recovery, actor, "客户主数据", ScopeDecision.KEPT, "")
        with pytest.raises(RuleError, match="deferred or dropped"):
            services.update_scope_item(kept, actor, {"decision": ScopeDecision.DROPPED, "reason": ""})
        db.session.refresh(kept)
        assert kept.decision is ScopeDecision.KEPT
        services.update_scope_item(kept, actor, {"decision": ScopeDecision.DEFERRED, "reason": "二期再做"})
    assert _count(app, ScopeItem) == 1


def test_a_finding_names_no_person(app, world) -> None:
    recovery_id = _start(app, world)
    assert not {"owner_id", "author_id", "reporter_id", "user_id", "person"} & set(Finding.__table__.columns.keys())
    with app.app_context():
        recovery, actor = _get(Recovery, recovery_id), _get(User, world["consultant"].id)
        with pytest.raises(RuleError):
            services.add_finding(recovery, actor, " ", FindingCategory.DATA, "")
        services.add_finding(recovery, actor, "客户资料未清洗即导入", FindingCategory.DATA, "重复率 12%")
    assert _count(app, Finding) == 1


def _acceptance_item(app, recovery_id: int) -> tuple[ItemStatus, str]:
    with app.app_context():
        item = db.session.scalars(
            select(RecoveryItem).where(
                RecoveryItem.recovery_id == recovery_id, RecoveryItem.template_key == "sponsor_accepts"
            )
        ).one()
        return item.status, item.evidence


def test_accepting_completes_the_check_item_with_the_acceptance_as_evidence(app, client, login, world) -> None:
    from tests.phases.recovery.test_routes import _as, _win

    project_id, recovery_id = world["project"].id, _start(app, world)
    base = f"/projects/{project_id}/recovery"
    _as(client, login, world["consultant"])
    client.post(f"{base}/expectations", data=_win())
    assert _acceptance_item(app, recovery_id) == (ItemStatus.OPEN, "")
    _as(client, login, world["sponsor"])
    client.post(f"{base}/accept", headers=EN)
    status, evidence = _acceptance_item(app, recovery_id)
    assert status is ItemStatus.DONE
    with app.test_request_context(headers=EN):
        today = day(local_today())  # the site's day, in the sponsor's words
    assert evidence == f"刘建国 accepted the re-based expectations table (1 expectation) on {today}."
    page = client.get(base, headers=EN).get_data(as_text=True)
    assert evidence in page
    changes = _rows(app, AuditEntry.field, AuditEntry.entity == "recovery_item", AuditEntry.action == "updated")
    assert [field for (field,) in changes] == ["status", "evidence"]
    # A change to the table withdraws the acceptance and reopens the item until the sponsor accepts again.
    _as(client, login, world["consultant"])
    client.post(f"{base}/expectations", data=_win(original_claim="Halve churn"))
    assert _acceptance_item(app, recovery_id)[0] is ItemStatus.IN_PROGRESS
    with app.app_context():
        reopened = db.session.scalars(
            select(AuditEntry.new_value).where(AuditEntry.entity == "recovery_item").order_by(AuditEntry.id.desc())
        ).first()
    assert reopened == "in_progress"
