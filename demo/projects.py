"""Demo plans: phases in different states, milestones on track, overdue and behind, gates, issues."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from accounts.models import Role, User
from core.clock import local_today
from core.db import write_transaction
from core.extensions import db
from phases.issues import services as issue_services
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.issues.models import Issue
from phases.projects import gate_services, services
from phases.projects.enums import CriterionState, GateDecision, PhaseStatus
from phases.projects.lifecycle import is_running
from phases.projects.models import GateCriterion, Milestone, Phase, Project

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


def plan_project(project: Project, consultant: User, rework_label: str = "", awaiting_signoff: bool = False) -> None:
    """Bring a freshly created demo project to a realistic state."""
    today = local_today()
    sponsor, members = _people(project.client_id)
    phases = db.session.scalars(select(Phase).where(Phase.project_id == project.id).order_by(Phase.position)).all()
    milestones = db.session.scalars(
        select(Milestone).where(Milestone.project_id == project.id).order_by(Milestone.id)
    ).all()
    with write_transaction():  # owners for every milestone, round-robin over the client's team
        for number, milestone in enumerate(milestones):
            milestone.owner_id = members[number % len(members)].id if members else None
    for phase in phases:
        own = [m for m in milestones if m.phase_id == phase.id]
        criteria = db.session.scalars(select(GateCriterion).where(GateCriterion.phase_id == phase.id)).all()
        if phase.status is PhaseStatus.CLOSED:
            for milestone in own:
                services.update_milestone(
                    milestone,
                    consultant,
                    {"percent_done": 100, "actual_date": min(milestone.planned_date or today, today)},
                )
            for criterion in criteria:
                gate_services.review_criterion(
                    criterion,
                    consultant,
                    CriterionState.PASS,
                    "",
                    gate_services.criterion_label(criterion, services.content_locale()),
                )
            with write_transaction():
                phase.status = PhaseStatus.ACTIVE  # sign while running, then close through the rules
            gate_services.sign_gate(phase, sponsor, GateDecision.GO, "同意进入下一阶段。", False)
            with write_transaction():
                phase.status = PhaseStatus.CLOSED
        elif is_running(phase.status):
            _current_phase(phase, own, criteria, consultant, sponsor, rework_label, awaiting_signoff, today)
    services.approve_plan(project, consultant)
    current = [m for m in milestones if m.percent_done < 100 and m.planned_date and m.planned_date > today]
    if current:  # after approval, one open milestone slips three weeks past its baseline
        services.update_milestone(
            current[1 if len(current) > 1 else 0],
            consultant,
            {"planned_date": current[1 if len(current) > 1 else 0].planned_date + timedelta(days=21)},
        )


def _current_phase(
    phase: Phase,
    own: list[Milestone],
    criteria: list[GateCriterion],
    consultant: User,
    sponsor: User | None,
    rework_label: str,
    awaiting_signoff: bool,
    today: date,
) -> None:
    start = phase.actual_start or today - timedelta(days=30)
    plan = [  # (planned offset from today, percent, actual) per milestone in order
        (-40, 100, -42),
        (-6, 70, None),
        (20, 15, None),
        (45, 0, None),
        (80, 0, None),
    ]
    for milestone, (offset, percent, actual) in zip(own, plan):
        values = {
            "planned_date": max(start + timedelta(days=5), today + timedelta(days=offset)),
            "percent_done": percent,
        }
        if actual is not None:
            values["actual_date"] = today + timedelta(days=actual)
        services.update_milestone(milestone, consultant, values)
    for number, criterion in enumerate(criteria):
        if awaiting_signoff:
            gate_services.review_criterion(
                criterion,
                consultant,
                CriterionState.PASS,
                "",
                gate_services.criterion_label(criterion, services.content_locale()),
            )
        elif number == 0 and rework_label:
            gate_services.review_criterion(
                criterion,
                consultant,
                CriterionState.REWORK,
                rework_label,
                gate_services.criterion_label(criterion, services.content_locale()),
            )
        elif number < len(criteria) // 2:
            gate_services.review_criterion(
                criterion,
                consultant,
                CriterionState.PASS,
                "",
                gate_services.criterion_label(criterion, services.content_locale()),
            )


def seed_issues(project: Project, client_name: str, reporter: User) -> None:
    """Log the demo issues of a project."""
    _sponsor, members = _people(project.client_id)
    for title, severity, status, due_in, root_cause, prevention in ISSUES.get(client_name, []):
        if db.session.scalar(select(Issue.id).where(Issue.project_id == project.id, Issue.title == title)):
            continue
        issue = issue_services.report_issue(
            project,
            members[0] if members else reporter,
            title,
            "",
            severity,
            None,
            reporter.id,
            local_today() + timedelta(days=due_in),
        )
        if status is not IssueStatus.OPEN:
            issue_services.update_issue(
                issue, reporter, {"status": status, "root_cause": root_cause, "prevention": prevention}
            )
