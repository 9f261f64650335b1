"""Every write of a project recovery: start it, work its check items, re-base expectations, cut scope, log findings."""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import func, select

from accounts.models import User
from core.clock import local_today
from core.db import utcnow, write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from core.i18n import day
from phases import audit
from phases.projects.models import Project
from phases.recovery.checklist import (
    FindingCategory,
    ItemStatus,
    ScopeDecision,
    evidence_missing,
    scope_reason_missing,
)
from phases.recovery.models import ExpectationReset, Finding, Recovery, RecoveryItem, ScopeItem
from phases.recovery.playbook import item_texts, items_completed_by, recovery_steps

ACCEPTED = "expectations_accepted"  # the content's name of the sponsor's acceptance, for items it completes

EXPECTATION_FIELDS = ("original_claim", "small_win", "metric", "baseline_value", "target_value", "target_date")


def _require(values: dict[str, Any], fields: tuple[str, ...]) -> None:
    for name in fields:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise RuleError(_("This field is required."), field=name)


def _stripped(values: dict[str, Any]) -> dict[str, Any]:
    # StrEnum members are str too; only plain text is stripped.
    return {name: value.strip() if type(value) is str else value for name, value in values.items()}


def _changed(changes: dict[str, tuple[Any, Any]]) -> bool:
    return any(old != new for old, new in changes.values())


def start_recovery(project: Project, actor: User, trigger: str) -> Recovery:
    """Start the recovery of a project: one check item per template item of the eight steps."""
    if not actor.is_staff:
        raise RuleError(_("Only consultants can start a recovery."))
    if db.session.scalar(select(Recovery.id).where(Recovery.project_id == project.id)) is not None:
        raise RuleError(_("This project already has a recovery under way."))
    with write_transaction():
        recovery = Recovery(
            project_id=project.id, client_id=project.client_id, started_by_id=actor.id, trigger=trigger.strip()
        )
        db.session.add(recovery)
        db.session.flush()
        position = 0
        for step in recovery_steps():
            for item in step["items"]:
                position += 1
                db.session.add(
                    RecoveryItem(
                        project_id=project.id,
                        client_id=project.client_id,
                        recovery_id=recovery.id,
                        step_key=step["key"],
                        position=position,
                        template_key=item["key"],
                    )
                )
        audit.record(
            project.id,
            project.client_id,
            actor,
            "recovery",
            recovery.id,
            project.name,
            "started",
            {"trigger": ("", recovery.trigger)} if recovery.trigger else None,
        )
    return recovery


def update_item(item: RecoveryItem, actor: User, values: dict[str, Any], label: str) -> None:
    """Change a check item (owners change only status and evidence; the route checks who may); done needs evidence."""
    values = _stripped(values)
    status = values.get("status", item.status)
    evidence = values.get("evidence", item.evidence)
    if evidence_missing(status, evidence):
        raise RuleError(_("Say what shows the item is done before marking it done."), field="evidence")
    with write_transaction():
        changes = audit.apply_changes(item, values)
        if _changed(changes):
            item.updated_at = utcnow()
        audit.record(item.project_id, item.client_id, actor, "recovery_item", item.id, label, "updated", changes)


def _name(recovery: Recovery) -> str:
    """Return the audit label of a recovery: its project's name."""
    return db.session.get(Project, recovery.project_id).name


def _acceptance_items(recovery: Recovery) -> list[RecoveryItem]:
    """Return the check items the sponsor's acceptance completes."""
    wanted = items_completed_by(ACCEPTED)
    items = db.session.scalars(select(RecoveryItem).where(RecoveryItem.recovery_id == recovery.id))
    return [item for item in items if (item.step_key, item.template_key) in wanted]


def _set_acceptance_items(recovery: Recovery, actor: User, status: ItemStatus, evidence: str | None) -> None:
    """Move the items the acceptance completes to a status, with evidence when given (inside a write transaction)."""
    texts = item_texts(str(get_locale()))
    for item in _acceptance_items(recovery):
        if status is not ItemStatus.DONE and item.status is not ItemStatus.DONE:
            continue  # reopening touches only what the acceptance had closed
        values: dict[str, Any] = {"status": status}
        if evidence is not None:
            values["evidence"] = evidence
        changes = audit.apply_changes(item, values)
        if _changed(changes):
            item.updated_at = utcnow()
            label = texts.get((item.step_key, item.template_key), item.template_key)
            audit.record(item.project_id, item.client_id, actor, "recovery_item", item.id, label, "updated", changes)


def _reset_acceptance(recovery: Recovery, actor: User) -> None:
    """Withdraw the sponsor's acceptance: the table it covered has changed (call inside a write transaction)."""
    if recovery.expectations_accepted_at is None:
        return
    # The acceptance no longer stands, so the item it completed is open again until the sponsor accepts anew.
    _set_acceptance_items(recovery, actor, ItemStatus.IN_PROGRESS, None)
    audit.record(
        recovery.project_id,
        recovery.client_id,
        actor,
        "recovery",
        recovery.id,
        _name(recovery),
        "acceptance_reset",
        {"expectations_accepted_at": (recovery.expectations_accepted_at, None)},
    )
    recovery.expectations_accepted_at = None
    recovery.expectations_accepted_by_id = None


def add_expectation(recovery: Recovery, actor: User, values: dict[str, Any]) -> ExpectationReset:
    """Add a re-based expectation; a table the sponsor accepted must be accepted again."""
    values = _stripped(values)
    _require(values, EXPECTATION_FIELDS)
    with write_transaction():
        row = ExpectationReset(
            project_id=recovery.project_id,
            client_id=recovery.client_id,
            recovery_id=recovery.id,
            **{name: values[name] for name in EXPECTATION_FIELDS},
        )
        audit.add_created(
            row, actor, "expectation", row.original_claim, {name: (None, values[name]) for name in EXPECTATION_FIELDS}
        )
        _reset_acceptance(recovery, actor)
    return row


def update_expectation(row: ExpectationReset, actor: User, values: dict[str, Any]) -> None:
    """Change a re-based expectation; any real change withdraws the sponsor's acceptance."""
    values = _stripped(values)
    _require(values, EXPECTATION_FIELDS)
    recovery = db.session.get(Recovery, row.recovery_id)
    with write_transaction():
        changes = audit.apply_changes(row, values)
        if _changed(changes):
            audit.record(
                row.project_id, row.client_id, actor, "expectation", row.id, row.original_claim, "updated", changes
            )
            _reset_acceptance(recovery, actor)


def accept_expectations(recovery: Recovery, sponsor: User) -> None:
    """Record the sponsor's acceptance of the re-based expectations table (who and when)."""
    if not sponsor.is_sponsor or sponsor.client_id != recovery.client_id:
        raise RuleError(_("Only the client's sponsor can accept the re-based expectations."))
    if recovery.expectations_accepted_at is not None:
        raise RuleError(_("The re-based expectations are already accepted."))
    count = db.session.scalar(
        select(func.count(ExpectationReset.id)).where(ExpectationReset.recovery_id == recovery.id)
    )
    if not count:
        raise RuleError(_("Add at least one re-based expectation first."))
    evidence = ngettext(
        "%(name)s accepted the re-based expectations table (%(num)d expectation) on %(date)s.",
        "%(name)s accepted the re-based expectations table (%(num)d expectations) on %(date)s.",
        count,
        name=sponsor.name,
        date=day(local_today()),
    )
    with write_transaction():
        now = utcnow()
        recovery.expectations_accepted_at = now
        recovery.expectations_accepted_by_id = sponsor.id
        audit.record(
            recovery.project_id,
            recovery.client_id,
            sponsor,
            "recovery",
            recovery.id,
            _name(recovery),
            "accepted",
            {"expectations_accepted_at": (None, now)},
        )
        _set_acceptance_items(recovery, sponsor, ItemStatus.DONE, evidence)


def _check_scope(values: dict[str, Any]) -> None:
    _require(values, ("feature",))
    if scope_reason_missing(values["decision"], values.get("reason", "")):
        raise RuleError(_("Say why the feature is deferred or dropped."), field="reason")


def add_scope_item(recovery: Recovery, actor: User, feature: str, decision: ScopeDecision, reason: str) -> ScopeItem:
    """Record a feature as kept, deferred or dropped; deferring and dropping need a reason."""
    values = _stripped({"feature": feature, "decision": decision, "reason": reason})
    _check_scope(values)
    with write_transaction():
        item = ScopeItem(
            project_id=recovery.project_id, client_id=recovery.client_id, recovery_id=recovery.id, **values
        )
        audit.add_created(
            item, actor, "scope_item", item.feature, {"decision": (None, decision), "reason": ("", item.reason)}
        )
    return item


def update_scope_item(item: ScopeItem, actor: User, values: dict[str, Any]) -> None:
    """Change a feature's decision or reason; deferring and dropping need a reason."""
    values = _stripped(values)
    _check_scope({"feature": item.feature, **values})
    with write_transaction():
        changes = audit.apply_changes(item, values)
        audit.record(item.project_id, item.client_id, actor, "scope_item", item.id, item.feature, "updated", changes)


def add_finding(
    recovery: Recovery, actor: User, what_went_wrong: str, category: FindingCategory, evidence: str
) -> Finding:
    """Log what went wrong, its category and evidence; a finding names no person."""
    values = _stripped({"what_went_wrong": what_went_wrong, "category": category, "evidence": evidence})
    _require(values, ("what_went_wrong",))
    with write_transaction():
        finding = Finding(
            project_id=recovery.project_id, client_id=recovery.client_id, recovery_id=recovery.id, **values
        )
        audit.add_created(finding, actor, "finding", finding.what_went_wrong[:200], {"category": (None, category)})
    return finding
