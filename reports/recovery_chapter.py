"""The status report's recovery chapter: the health check and the recovery plan, from the recovery page's read models."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date

from core.labels import label
from phases.projects.view import ProjectView
from phases.recovery.view import project_health, project_recovery, recovery_view


def recovery_chapter(view: ProjectView, locale: str, today: date) -> dict[str, Any] | None:
    """Return the health check and recovery plan of the status report, or None while no recovery runs."""
    recovery = project_recovery(view.project_id)
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
