"""Report contexts: plain data (dicts, strings, numbers, SVG markup) built from the ORM, nothing lazy."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date
from sqlalchemy import select

from accounts.models import User
from assess.models import Assessment, AssessmentStatus
from assess.results import load_results
from assess.views import results_view
from core.clock import local_today
from core.extensions import db
from core.labels import label
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.rollout.enums import DeviationStatus
from phases.issues.models import Issue
from phases.projects.models import Project
from phases.projects.view import ProjectView, project_view
from phases.rollout.view import ProgressRow, load_rollout, matrix_view, programme_of
from phases.recovery.view import last_assessment, project_health, project_recovery, recovery_view


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def assessment_context(assessment: Assessment, prepared_by: str, locale: str) -> dict[str, Any]:
    """Return everything the assessment report shows, as plain values."""
    view = results_view(assessment, load_results(assessment))
    return {
        "kind": "assessment",
        "locale": locale,
        "title": assessment.title,
        "client": assessment.client.display_name(locale),
        "prepared_by": prepared_by,
        "date": format_date(assessment.closes_on if assessment.status is AssessmentStatus.CLOSED else local_today(), "long"),
        "status": label(assessment.status, locale),
        "anonymous": assessment.anonymous,
        "overall": _num(view.overall),
        "stage": view.stage_name,
        "respondents": view.respondents,
        "invited": view.invited,
        "submitted": view.submitted,
        "dimensions": [
            {"name": row.name, "score": _num(row.score), "stage": row.stage_name, "target": _num(row.target, 1),
             "gap": _num(row.gap), "priority": _num(row.priority, 1), "stdev": _num(row.stdev),
             "range": "" if row.minimum is None else f"{row.minimum:.1f}–{row.maximum:.1f}",
             "disagrees": row.disagrees, "split_questions": list(row.disagreeing_questions)}
            for row in view.dimensions
        ],
        "ranked": [{"name": row.name, "gap": _num(row.gap), "priority": _num(row.priority, 1)} for row in view.ranked],
        "recommendations": [
            {"dimension": item.dimension, "question": item.question, "score": _num(item.score),
             "from_level": item.current_level_name, "to_level": item.next_level_name, "next_step": item.next_descriptor}
            for item in view.recommendations
        ],
        "expectations": [
            {"text": row.text, "count": row.count, "median": _num(row.median, 1), "unit": row.unit,
             "verdict": label(row.verdict, locale) if row.verdict else "", "warning": row.warning,
             "flagged": bool(row.warning), "unrealistic": row.unrealistic, "pessimistic": row.pessimistic}
            for row in view.expectations
        ],
        "rates": [{"department": rate.department, "invited": rate.invited, "submitted": rate.submitted,
                   "rate": f"{rate.rate:.0%}"} for rate in view.rates],
        "departments": list(view.departments),
        "hidden_groups": view.hidden_groups,
        "comments": [
            {"dimension": dimension, "question": question,
             "items": [{"text": c.text, "department": c.department, "respondent": c.respondent or ""} for c in comments]}
            for dimension, question, comments in view.comments
        ],
        "charts": {"radar": view.radar_svg, "heatmap": view.heatmap_svg, "gaps": view.gaps_svg},
    }


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
        "rollout": _rollout_context(project, locale, today),
        "recovery": recovery_context(view, locale, today),
        "charts": {"timeline": view.timeline_svg},
    }


def _rollout_context(project: Project, locale: str, today: date) -> dict[str, Any] | None:
    """Return the group rollout of the project, if it has one: its matrix, progress and late units."""
    programme = programme_of(project.id)
    if programme is None:
        return None
    view = matrix_view(load_rollout(project, programme, locale), today, links=False)

    def rows(progress_rows: list[ProgressRow]) -> list[dict[str, Any]]:
        return [{"name": row.name, "started": row.progress.started, "done": row.progress.done, "total": row.progress.total,
                 "percent": f"{row.progress.percent_done:.0f}"} for row in progress_rows]

    pilots = [unit.name for unit in view.rollout.units if unit.is_pilot]
    return {
        "units": len(view.rollout.units),
        "functions": len(view.rollout.functions),
        "regions": len(view.rollout.regions),
        "pilots": pilots,
        "templates": [{"name": function.name, "reference": function.template_reference,
                       "ready": format_date(function.template_ready_on, "medium")}
                      for function in view.rollout.functions if function.template_ready_on],
        "overall": f"{view.overall.percent_done:.0f}",
        "by_function": rows(view.by_function),
        "by_region": rows(view.by_region),
        "by_wave": rows(view.by_wave),
        "late": [{"unit": row.unit.name, "region": row.unit.region, "cells": row.late_cells, "days": row.worst_days,
                  "milestones": row.overdue_milestones} for row in view.late],
        "deviations_open": sum(1 for row in view.deviations if row.deviation.status is DeviationStatus.PROPOSED),
        "deviations_approved": sum(1 for row in view.deviations if row.deviation.status is DeviationStatus.APPROVED),
        "matrix": view.heatmap_svg,
    }


def _span(start: date | None, end: date | None) -> str:
    if not start:
        return "–"
    return f"{format_date(start, 'short')} – {format_date(end, 'short') if end else '…'}"


def recovery_context(view: ProjectView, locale: str, today: date) -> dict[str, Any] | None:
    """Return the health check and recovery plan of the status report, or None while no recovery runs."""
    recovery = project_recovery(view.project.id)
    if recovery is None:
        return None
    health = project_health(view, locale)
    plan = recovery_view(recovery, locale, today)
    return {
        "health": {"level": label(health.check.level, locale), "level_key": health.check.level.value,
                   "points": health.check.points, "reasons": list(health.reasons)},
        "started": format_date(recovery.started_at, "medium"),
        "closed": plan.progress.closed, "total": plan.progress.total, "percent": plan.progress.percent,
        "steps": [
            {"number": step.number, "title": step.title, "status": label(step.progress.status, locale),
             "status_key": step.progress.status.value, "closed": step.progress.closed, "total": step.progress.total,
             "checks": [{"text": item.text, "owner": item.owner_name, "status": label(item.status, locale),
                        "status_key": item.status.value, "evidence": item.evidence, "overdue": item.overdue,
                        "due": format_date(item.due_date, "short") if item.due_date else ""} for item in step.items]}
            for step in plan.steps
        ],
        "expectations": [
            {"claim": row.original_claim, "win": row.small_win, "metric": row.metric, "baseline": row.baseline_value,
             "target": row.target_value, "date": format_date(row.target_date, "short")} for row in plan.expectations
        ],
        "accepted_by": plan.accepted_by,
        "accepted_at": format_date(plan.accepted_at, "medium") if plan.accepted_at else "",
        "scope": [{"feature": item.feature, "decision": label(item.decision, locale), "decision_key": item.decision.value,
                   "reason": item.reason} for item in plan.scope],
        "cut": {"before": plan.cut.before, "kept": plan.cut.kept, "deferred": plan.cut.deferred,
                "dropped": plan.cut.dropped},
        "findings": [{"what": finding.what_went_wrong, "category": label(finding.category, locale),
                      "evidence": finding.evidence} for finding in plan.findings],
    }
