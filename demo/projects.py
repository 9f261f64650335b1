"""Demo plans: phases in different states, milestones on track, overdue and behind, gates, issues."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from accounts.models import Role, User
from core.clock import local_today
from core.db import write_transaction
from core.extensions import db
from demo.history import date_audit, morning_of, next_audit_id
from phases.issues import services as issue_services
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.issues.models import Issue
from phases.projects import gate_services, services
from phases.projects.enums import CriterionState, GateDecision, PhaseStatus
from phases.projects.lifecycle import is_running
from phases.projects.models import GateCriterion, GateSignoff, Milestone, Phase, Project

ISSUES = {
    "华东精工机械有限公司": [
        ("导入的客户资料约 12% 重复", IssueSeverity.HIGH, IssueStatus.OPEN, 10, "", ""),
        (
            "客户编码用拼音首字母，同音地名混淆（苏阳/沭阳）",
            IssueSeverity.MEDIUM,
            IssueStatus.CLOSED,
            -20,
            "编码规则依赖拼音，录入人员各自理解不同。",
            "改为字母加顺序号的定长编码（如 SY001），并每周出重复与不规范编码报表。",
        ),
        ("销售代表手机端无法查看联系人", IssueSeverity.LOW, IssueStatus.IN_PROGRESS, 20, "", ""),
    ],
    "鼎盛消费品集团": [
        ("华南区培训与旺季促销时间冲突", IssueSeverity.MEDIUM, IssueStatus.OPEN, 14, "", ""),
        ("ERP 订单接口偶发超时", IssueSeverity.HIGH, IssueStatus.IN_PROGRESS, 7, "", ""),
    ],
    "永豐國際物流股份有限公司": [
        ("客服人員拒絕使用新的派工流程", IssueSeverity.CRITICAL, IssueStatus.OPEN, -5, "", ""),
        ("設計期需求一再追加，範圍失控", IssueSeverity.HIGH, IssueStatus.OPEN, -12, "", ""),
    ],
}


def user_by_email(email: str) -> User:
    """Return a demo user by e-mail address."""
    return db.session.scalars(select(User).where(User.email == email)).one()


def _people(client_id: int) -> tuple[User | None, list[User]]:
    users = db.session.scalars(select(User).where(User.client_id == client_id).order_by(User.id)).all()
    sponsor = next((user for user in users if user.role is Role.SPONSOR), None)
    return sponsor, [user for user in users if user.role is Role.MEMBER] or list(users)


def plan_project(project: Project, consultant: User, entry: dict[str, Any]) -> None:
    """Bring a freshly created demo project to a realistic state: closed phases, the current one, slips since approval."""
    today = local_today()
    approved_at = morning_of(today + timedelta(days=entry["start"] + 7))
    date_audit(project.id, 0, morning_of(today + timedelta(days=entry["start"])))  # created as it started
    sponsor, members = _people(project.client_id)
    phases = db.session.scalars(select(Phase).where(Phase.project_id == project.id).order_by(Phase.position)).all()
    milestones = db.session.scalars(
        select(Milestone).where(Milestone.project_id == project.id).order_by(Milestone.id)
    ).all()
    with write_transaction():  # owners for every milestone, round-robin over the client's team
        for number, milestone in enumerate(milestones):
            milestone.owner_id = members[number % len(members)].id if members else None
    gate_notes = iter(entry["gate_notes"])
    slipped: list[tuple[Milestone, date]] = []
    for phase in phases:
        own = [m for m in milestones if m.phase_id == phase.id]
        criteria = db.session.scalars(select(GateCriterion).where(GateCriterion.phase_id == phase.id)).all()
        if phase.status is PhaseStatus.CLOSED:
            _closed_phase(phase, own, criteria, consultant, sponsor, next(gate_notes))
        elif is_running(phase.status):
            slipped = _current_phase(phase, own, criteria, consultant, entry, approved_at)
    mark = next_audit_id()
    services.approve_plan(project, consultant)
    with write_transaction():  # the plan was approved as the project started, not today
        project.plan_approved_at = approved_at
    date_audit(project.id, mark, approved_at)
    mark = next_audit_id()
    for milestone, planned in slipped:  # since the approval, these milestones slipped past their baselines
        services.update_milestone(milestone, consultant, {"planned_date": planned})
    date_audit(project.id, mark, morning_of(today - timedelta(days=12)))


def _review(criterion: GateCriterion, consultant: User, state: CriterionState, note: str) -> None:
    """Review a gate criterion as the consultant; the audit trail names it in the content language."""
    gate_services.review_criterion(
        criterion, consultant, state, note, gate_services.criterion_label(criterion, services.content_locale())
    )


def _closed_phase(
    phase: Phase, own: list[Milestone], criteria: list[GateCriterion], consultant: User, sponsor: User | None, note: str
) -> None:
    """Complete a closed phase: milestones done within its dates, criteria passed, the gate signed as it closed."""
    start, end = phase.actual_start, phase.actual_end
    if start is None or end is None:
        raise ValueError(f"closed demo phase {phase.name!r} needs its actual start and end")
    span = (end - start).days
    for number, milestone in enumerate(own):
        planned = start + timedelta(days=span * (number + 1) // len(own) - 3)
        done = min(planned + timedelta(days=number % 3 - 1), end)  # a day early, on time or a day late
        mark = next_audit_id()
        services.update_milestone(
            milestone, consultant, {"planned_date": planned, "percent_done": 100, "actual_date": done}
        )
        date_audit(phase.project_id, mark, morning_of(done))
    signed_at = morning_of(end)  # signed the morning the phase closed, after the criteria were reviewed
    mark = next_audit_id()
    for criterion in criteria:
        _review(criterion, consultant, CriterionState.PASS, "")
    date_audit(phase.project_id, mark, signed_at - timedelta(days=2))
    with write_transaction():
        phase.status = PhaseStatus.ACTIVE  # sign while running, then close through the rules
    mark = next_audit_id()
    gate_services.sign_gate(phase, sponsor, GateDecision.GO, note, False)
    date_audit(phase.project_id, mark, signed_at)
    with write_transaction():
        phase.status = PhaseStatus.CLOSED
        for signoff in db.session.scalars(select(GateSignoff).where(GateSignoff.phase_id == phase.id)):
            signoff.signed_at = signed_at
        for criterion in criteria:
            criterion.reviewed_at = signed_at - timedelta(days=2)


# The current phase: (planned offset from today, percent done, actual offset) per milestone in order.
CURRENT_PLAN = ((-40, 100, -42), (-6, 70, None), (20, 15, None), (45, 0, None), (80, 0, None))


def _current_phase(
    phase: Phase,
    own: list[Milestone],
    criteria: list[GateCriterion],
    consultant: User,
    entry: dict[str, Any],
    approved_at: datetime,
) -> list[tuple[Milestone, date]]:
    """Plan the running phase as it was approved and return the milestones that slipped since, with their new dates."""
    today = local_today()
    start = phase.actual_start or today - timedelta(days=30)
    slips = entry.get("slips", [])
    slipped = []
    for number, (milestone, (offset, percent, actual)) in enumerate(zip(own, CURRENT_PLAN)):
        planned = max(start + timedelta(days=5), today + timedelta(days=offset))
        slip = slips[number] if number < len(slips) else 0
        mark = next_audit_id()
        services.update_milestone(milestone, consultant, {"planned_date": planned - timedelta(days=slip)})
        date_audit(phase.project_id, mark, approved_at)  # planned before the approval froze it
        mark = next_audit_id()
        progress: dict[str, Any] = {"percent_done": percent}
        if actual is not None:
            progress["actual_date"] = today + timedelta(days=actual)
        services.update_milestone(milestone, consultant, progress)
        date_audit(phase.project_id, mark, morning_of(today + timedelta(days=actual if actual is not None else -3)))
        if slip:
            slipped.append((milestone, planned))
    mark = next_audit_id()
    rework_label, awaiting_signoff = entry.get("rework", ""), entry.get("awaiting_signoff", False)
    for number, criterion in enumerate(criteria):
        if awaiting_signoff:
            _review(criterion, consultant, CriterionState.PASS, "")
        elif number == 0 and rework_label:
            _review(criterion, consultant, CriterionState.REWORK, rework_label)
        elif number < len(criteria) // 2:
            _review(criterion, consultant, CriterionState.PASS, "")
    date_audit(phase.project_id, mark, morning_of(today - timedelta(days=5)))
    return slipped


def seed_issues(project: Project, client_name: str, reporter: User) -> None:
    """Log the demo issues of a project."""
    _sponsor, members = _people(project.client_id)
    for title, severity, status, due_in, root_cause, prevention in ISSUES.get(client_name, []):
        if db.session.scalar(select(Issue.id).where(Issue.project_id == project.id, Issue.title == title)):
            continue
        due = local_today() + timedelta(days=due_in)
        reported = morning_of(min(due, local_today()) - timedelta(days=18))  # reported with a few weeks to solve it
        mark = next_audit_id()
        issue = issue_services.report_issue(
            project, members[0] if members else reporter, title, "", severity, None, reporter.id, due
        )
        date_audit(project.id, mark, reported)
        with write_transaction():
            issue.created_at = reported
        if status is not IssueStatus.OPEN:
            mark = next_audit_id()
            issue_services.update_issue(
                issue, reporter, {"status": status, "root_cause": root_cause, "prevention": prevention}
            )
            worked = morning_of(min(due, local_today() - timedelta(days=1)))
            date_audit(project.id, mark, worked)
            if issue.closed_at is not None:
                with write_transaction():
                    issue.closed_at = worked
