"""Demo recovery: the troubled project's rescue under way, with steps done, re-based expectations and a scope cut."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from accounts.models import Client, User
from core.clock import local_today
from core.extensions import db
from phases.projects.models import Project
from phases.recovery import services as recovery_services
from phases.recovery.checklist import FindingCategory, ItemStatus, ScopeDecision
from phases.recovery.models import Recovery, RecoveryItem
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
    health = health_today(project, locale, today)
    recovery = recovery_services.start_recovery(project, consultant, "\n".join(health.reasons))
    items = {
        (item.step_key, item.template_key): item
        for item in db.session.scalars(select(RecoveryItem).where(RecoveryItem.recovery_id == recovery.id))
    }
    texts = item_texts(locale)
    for step, key, owner, due, status, evidence in entry["items"]:
        recovery_services.update_item(
            items[(step, key)],
            consultant,
            {
                "owner_id": _user_id(owner),
                "due_date": today + timedelta(days=due),
                "status": ItemStatus(status),
                "evidence": evidence,
            },
            texts[(step, key)],
        )
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
    return True


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
