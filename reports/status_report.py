"""The status report's context: plain data (dicts, strings, numbers, SVG markup) built from the ORM, nothing lazy."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date
from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from core.labels import label
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.issues.models import Issue
from phases.projects.models import Project
from phases.projects.view import project_view
from phases.recovery.view import last_assessment
from reports.assessment_report import assessment_context
from reports.recovery_chapter import recovery_chapter
from reports.rollout_chapter import rollout_chapter


def status_context(project: Project, prepared_by: str, locale: str, today: date) -> dict[str, Any]:
    """Return everything the project status report shows, as plain values."""
    view = project_view(project, today)
    current = view.current
    latest = view.updates[0] if view.updates else None
    issues = db.session.scalars(
        select(Issue).where(Issue.project_id == project.id, Issue.status != IssueStatus.CLOSED)
    ).all()
    owners = {user.id: user.name for user in db.session.scalars(
        select(User).where(User.id.in_({issue.owner_id for issue in issues if issue.owner_id})))}
    order = list(IssueSeverity)
    assessment = last_assessment(project)
    maturity = assessment_context(assessment, prepared_by, locale) if assessment else None
    return {
        "kind": "status",
        "locale": locale,
        "title": project.name,
        "client": project.client.display_name(locale),
        "prepared_by": prepared_by,
        "date": format_date(today, "long"),
        "methodology": label(project.methodology, locale),
        "period": " – ".join(format_date(day, "medium") for day in (project.start_date, project.target_date) if day),
        "rag": latest.rag.value if latest else "",
        "rag_label": label(latest.rag, locale) if latest else "",
        "summary": latest.summary if latest else "",
        "next_steps": latest.next_steps if latest else "",
        "summary_date": format_date(latest.created_at, "medium") if latest else "",
        "summary_author": latest.author.name if latest and latest.author else "",
        "schedule_rag": label(view.schedule_rag, locale) if view.schedule_rag else "",
        "schedule_rag_key": view.schedule_rag.value if view.schedule_rag else "",
        "current_phase": current.name if current else "",
        "rag_counts": [{"label": label(rag, locale), "key": rag.value, "count": count} for rag, count in view.rag_counts.items()],
        "phases": [
            {"position": item.phase.position, "name": item.name, "status": label(item.phase.status, locale),
             "status_key": item.phase.status.value, "goal": item.goal, "visible_result": item.phase.visible_result,
             "planned": _span(item.phase.planned_start, item.phase.planned_end),
             "actual": _span(item.phase.actual_start, item.phase.actual_end),
             "investment": "" if item.phase.investment is None else f"{item.phase.investment:,.2f}",
             "window_warning": bool(item.window_warning),
             "gate": {
                 "criteria": [{"text": c.text, "state": label(c.state, locale), "state_key": c.state.value,
                               "reviewer": c.reviewer, "note": c.note} for c in item.criteria],
                 "decision": label(item.signoff.decision, locale) if item.signoff else "",
                 "decision_key": item.signoff.decision.value if item.signoff else "",
                 "signed_by": item.signoff.signed_by.name if item.signoff and item.signoff.signed_by else "",
                 "signed_at": format_date(item.signoff.signed_at, "medium") if item.signoff else "",
                 "comment": item.signoff.comment if item.signoff else "",
                 "waiver": bool(item.signoff and item.signoff.waiver),
                 "waived": item.signoff.waived_criteria.splitlines() if item.signoff else [],
                 "open": len(item.gate.blockers),
             }}
            for item in view.phases
        ],
        "milestones": [
            {"name": row.name, "phase": row.phase_name, "owner": row.owner_name,
             "baseline": format_date(row.baseline, "short") if row.baseline else "",
             "planned": format_date(row.planned, "short") if row.planned else "",
             "actual": format_date(row.actual, "short") if row.actual else "",
             "percent": row.percent, "rag": label(row.rag, locale), "rag_key": row.rag.value, "slip_days": row.slip_days}
            for row in view.milestones
        ],
        "issues": [
            {"title": issue.title, "severity": label(issue.severity, locale), "severity_key": issue.severity.value,
             "status": label(issue.status, locale), "owner": owners.get(issue.owner_id, ""),
             "due": format_date(issue.due_date, "short") if issue.due_date else ""}
            for issue in sorted(issues, key=lambda issue: (order.index(issue.severity), issue.due_date or date.max))
        ],
        "issue_counts": [{"label": label(severity, locale), "key": severity.value, "count": view.open_issues[severity]}
                         for severity in IssueSeverity],
        "maturity": maturity,
        "rollout": rollout_chapter(project, locale, today),
        "recovery": recovery_chapter(project, view, locale, today),
        "charts": {"timeline": view.timeline_svg},
    }


def _span(start: date | None, end: date | None) -> str:
    if not start:
        return "–"
    return f"{format_date(start, 'short')} – {format_date(end, 'short') if end else '…'}"
