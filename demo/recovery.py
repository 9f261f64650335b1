"""Demo recovery: the troubled project's rescue under way, with steps done, re-based expectations and a scope cut."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from accounts.models import Client, User
from core.clock import local_today
from core.db import utcnow, write_transaction
from core.extensions import db
from demo.history import next_audit_id
from phases.audit import AuditEntry
from phases.projects.models import Project
from phases.recovery import services as recovery_services
from phases.recovery.checklist import FindingCategory, ItemStatus, ScopeDecision
from phases.recovery.models import ExpectationReset, Finding, Recovery, RecoveryItem, ScopeItem
from phases.recovery.playbook import item_texts
from phases.recovery.view import health_today


def _user_id(email: str | None) -> int | None:
    return db.session.scalar(select(User.id).where(User.email == email)) if email else None


def seed_recovery(project: Project, entry: dict[str, Any], locale: str) -> bool:
    """Start and work the demo recovery of a project unless it has one; return whether it was created."""
    if db.session.scalar(select(Recovery.id).where(Recovery.project_id == project.id)) is not None:
        return False
    today = local_today()
    consultant = db.session.scalars(select(User).where(User.email == entry["consultant"])).one()
    first_audit_row = next_audit_id()
    health = health_today(project, locale, today)
    recovery = recovery_services.start_recovery(project, consultant, "\n".join(health.reasons))
    items = {
        (item.step_key, item.template_key): item
        for item in db.session.scalars(select(RecoveryItem).where(RecoveryItem.recovery_id == recovery.id))
    }
    texts = item_texts(locale)
    for step, key, owner, due, status, evidence in entry["items"]:
        item, label = items[(step, key)], texts[(step, key)]
        # Planned first (owner and due date), worked on later: two changes, as the audit trail shows them.
        plan = {"owner_id": _user_id(owner), "due_date": today + timedelta(days=due)}
        recovery_services.update_item(item, consultant, plan, label)
        if status != ItemStatus.OPEN.value:
            work = {"status": ItemStatus(status), "evidence": evidence}
            recovery_services.update_item(item, consultant, work, label)
    for claim, win, metric, baseline, target, due in entry["expectations"]:
        recovery_services.add_expectation(
            recovery,
            consultant,
            {
                "original_claim": claim,
                "small_win": win,
                "metric": metric,
                "baseline_value": baseline,
                "target_value": target,
                "target_date": today + timedelta(days=due),
            },
        )
    for feature, decision, reason in entry["scope"]:
        recovery_services.add_scope_item(recovery, consultant, feature, ScopeDecision(decision), reason)
    for what, category, evidence in entry["findings"]:
        recovery_services.add_finding(recovery, consultant, what, FindingCategory(category), evidence)
    _date_back(recovery, entry, first_audit_row)
    return True


def worked_on(due: int, status: str, started: int) -> int:
    """Return the day (offset from today) an item was last worked on: done by its due date, never before the start."""
    if status == ItemStatus.OPEN.value:
        return started + 1  # planned the day after the start
    day = min(due, -1) if status == ItemStatus.DONE.value else -2
    return max(day, started + 2)


def _date_back(recovery: Recovery, entry: dict[str, Any], first_audit_row: int) -> None:
    """Give the recovery the history the data describes: started weeks ago, items done one by one since."""
    now = utcnow()

    def at(day: int, hour: int = 0) -> datetime:
        return now + timedelta(days=day, hours=hour)

    started = entry["started"]
    keyed = {(row[0], row[1]): worked_on(row[3], row[4], started) for row in entry["items"]}
    items = db.session.scalars(select(RecoveryItem).where(RecoveryItem.recovery_id == recovery.id)).all()
    days = {item.id: keyed.get((item.step_key, item.template_key), started + 1) for item in items}
    created = {
        "expectation": entry["expectations_on"],
        "scope_item": entry["scope_on"],
        "finding": entry["findings_on"],
    }
    with write_transaction():
        recovery.started_at = at(started)
        for item in items:
            item.updated_at = at(days[item.id]) if item.updated_at else None
        for model, key in ((ExpectationReset, "expectation"), (ScopeItem, "scope_item"), (Finding, "finding")):
            for row in db.session.scalars(select(model).where(model.recovery_id == recovery.id)):
                row.created_at = at(created[key])
        rows = db.session.scalars(
            select(AuditEntry).where(AuditEntry.project_id == recovery.project_id, AuditEntry.id >= first_audit_row)
        )
        for row in rows:
            if row.entity == "recovery_item" and row.field in ("status", "evidence"):
                row.at = at(days[row.entity_id])
            elif row.entity == "recovery_item":
                row.at = at(started + 1)
            else:
                row.at = at(created.get(row.entity, started))


def seed_recoveries(data: dict[str, Any], clients: dict[str, Client]) -> bool:
    """Seed the recovery of every demo project that has one in the data file."""
    created = False
    for entry in data["projects"]:
        if "recovery" not in entry:
            continue
        project = db.session.scalars(
            select(Project).where(Project.client_id == clients[entry["client"]].id, Project.name == entry["name"])
        ).one()
        created = seed_recovery(project, entry["recovery"], entry.get("locale", "zh_Hans")) or created
    return created
