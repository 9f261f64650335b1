"""Every write to projects, phases, milestones, the plan's baseline and status updates; each commits once."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from accounts.models import Client, User
from core.clock import local_today
from core.content import localized
from core.db import utcnow, write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from phases import audit
from phases.projects.enums import PhaseStatus, Rag
from phases.projects.gates import Criterion, GateStatus, can_start, gate_status, transition_allowed
from phases.projects.methodology import Methodology, is_suggested_name, methodology_template
from phases.projects.models import GateCriterion, GateSignoff, Milestone, Phase, Project, StatusUpdate
from phases.projects.rows import signoff_rule
from phases.projects.schedule import MilestoneDates, MilestoneKept, milestone_kept

MAX_INVESTMENT = 10**11  # CNY; the column holds 14 digits with 2 decimals

# Every field a deleted record keeps in the audit trail, so that undoing the deletion restores it exactly.
MILESTONE_FIELDS = (
    "name",
    "phase_id",
    "unit_id",
    "owner_id",
    "planned_date",
    "baseline_date",
    "actual_date",
    "percent_done",
    "created_at",
)
STATUS_UPDATE_FIELDS = ("rag", "summary", "next_steps", "author_id", "created_at")
MILESTONE_KEPT = {
    MilestoneKept.PROGRESS: _l("Progress has been reported on this milestone, so it stays as a record of the work."),
    MilestoneKept.LATE: _l("This milestone is late; deleting it would hide the slip. Move its planned date instead."),
}


def _even_plan(start: date | None, end: date | None, count: int) -> list[tuple[date | None, date | None]]:
    if not start or not end:
        return [(None, None)] * count
    length = (end - start).days / count
    return [
        (start + timedelta(days=round(length * index)), start + timedelta(days=round(length * (index + 1)) - 1))
        for index in range(count)
    ]


def _check_dates(start: date | None, end: date | None, field: str) -> None:
    if start and end and end < start:
        raise RuleError(_("The end date must not be before the start date."), field=field)


def create_project(
    client: Client,
    name: str,
    methodology: Methodology,
    start_date: date | None,
    target_date: date | None,
    actor: User | None = None,
) -> Project:
    """Create a project with its methodology's phases, suggested milestones and gate criteria."""
    if start_date and target_date and target_date <= start_date:
        raise RuleError(_("The target date must be after the start date."), field="target_date")
    template = methodology_template(methodology)
    with write_transaction():
        project = Project(
            client_id=client.id,
            name=name.strip(),
            methodology=methodology,
            start_date=start_date,
            target_date=target_date,
        )
        db.session.add(project)
        db.session.flush()
        plans = _even_plan(start_date, target_date, len(template["phases"]))
        for position, (phase_content, (begins, ends)) in enumerate(zip(template["phases"], plans), start=1):
            phase = Phase(
                project_id=project.id,
                client_id=client.id,
                position=position,
                key=phase_content["key"],
                planned_start=begins,
                planned_end=ends,
                visible_result="",
            )
            db.session.add(phase)
            db.session.flush()
            _add_suggested_milestones(phase, phase_content.get("milestones", []), begins, ends)
            for criterion in phase_content.get("gate", []):
                db.session.add(
                    GateCriterion(
                        project_id=project.id,
                        client_id=client.id,
                        phase_id=phase.id,
                        template_key=criterion["key"],
                        text="",
                    )
                )
        audit.record(project.id, client.id, actor, "project", project.id, project.name, "created")
    return project


def _add_suggested_milestones(
    phase: Phase, suggestions: list[dict[str, Any]], begins: date | None, ends: date | None
) -> None:
    """Add a new phase's suggested milestones, spread over its plan; each keeps its suggestion's key."""
    for suggestion in suggestions:
        due = begins + timedelta(days=round((ends - begins).days * suggestion["at"])) if begins and ends else None
        db.session.add(
            Milestone(
                project_id=phase.project_id,
                client_id=phase.client_id,
                phase_id=phase.id,
                name=localized(suggestion["name"], content_locale()),  # kept for the record; shown from the key
                template_key=suggestion["key"],
                planned_date=due,
            )
        )


def content_locale() -> str:
    """Return the language texts stored for later readers are written in (milestone names, waivers): the writer's."""
    return str(get_locale() or "en")


def update_phase(phase: Phase, actor: User, values: dict[str, Any]) -> None:
    """Change a phase's planned and actual dates, released investment and visible result."""
    _check_dates(values.get("planned_start"), values.get("planned_end"), "planned_end")
    _check_dates(values.get("actual_start"), values.get("actual_end"), "actual_end")
    investment = values.get("investment")
    if investment is not None and not 0 <= investment <= MAX_INVESTMENT:
        raise RuleError(_("Enter an amount of 0 or more."), field="investment")
    with write_transaction():
        changes = audit.apply_changes(phase, values)
        audit.record(phase.project_id, phase.client_id, actor, "phase", phase.id, phase.key, "updated", changes)


def phase_gate(phase: Phase) -> tuple[list[GateCriterion], GateSignoff | None]:
    """Return a phase's criteria and latest sign-off."""
    criteria = db.session.scalars(
        select(GateCriterion).where(GateCriterion.phase_id == phase.id).order_by(GateCriterion.id)
    ).all()
    signoff = db.session.scalars(
        select(GateSignoff).where(GateSignoff.phase_id == phase.id).order_by(GateSignoff.id.desc())
    ).first()
    return list(criteria), signoff


def gate_of(criteria: list[GateCriterion], signoff: GateSignoff | None) -> GateStatus:
    """Evaluate a phase's gate from its criteria and latest sign-off, as loaded by `phase_gate`."""
    return gate_status([Criterion(c.id, c.state) for c in criteria], signoff_rule(signoff) if signoff else None)


def change_phase_status(phase: Phase, actor: User, target: PhaseStatus, today: date) -> None:
    """Start, move to run-and-optimise, or close a phase, enforcing the gate rules."""
    if not transition_allowed(phase.status, target):
        raise RuleError(_("A phase cannot move from this state to that one."))
    previous = db.session.scalars(
        select(Phase).where(Phase.project_id == phase.project_id, Phase.position == phase.position - 1)
    ).first()
    if phase.status is PhaseStatus.NOT_STARTED and not can_start(previous.status if previous else None):
        raise RuleError(_("This phase can start only after the previous phase has passed its gate and closed."))
    if target is PhaseStatus.CLOSED:
        gate = gate_of(*phase_gate(phase))
        if not gate.signed_go:
            raise RuleError(
                _("The sponsor has not signed this phase's gate off with “go”; the phase cannot close yet.")
            )
        if not gate.can_close:
            raise RuleError(
                _(
                    "Criteria are still unreviewed or in rework. Fix them, or ask the sponsor to sign an explicit waiver."
                )
            )
    values: dict[str, Any] = {"status": target}
    if target is PhaseStatus.ACTIVE and phase.actual_start is None:
        values["actual_start"] = today
    if target is PhaseStatus.CLOSED:
        values["actual_end"] = phase.actual_end or today
    with write_transaction():
        changes = audit.apply_changes(phase, values)
        audit.record(phase.project_id, phase.client_id, actor, "phase", phase.id, phase.key, "status", changes)


# ---- milestones ---------------------------------------------------------------------------------------------------


def _check_percent(percent: int) -> None:
    if not 0 <= percent <= 100:
        raise RuleError(_("Enter a percentage from 0 to 100."), field="percent_done")


def add_milestone(
    phase: Phase, actor: User, name: str, owner_id: int | None, planned_date: date | None, unit_id: int | None = None
) -> Milestone:
    """Add a milestone to a phase (for one unit, in a group rollout); once the plan is approved, its baseline is its first planned date."""
    project = db.session.get(Project, phase.project_id)
    with write_transaction():
        milestone = Milestone(
            project_id=phase.project_id,
            client_id=phase.client_id,
            phase_id=phase.id,
            name=name.strip(),
            owner_id=owner_id,
            planned_date=planned_date,
            unit_id=unit_id,
            baseline_date=planned_date if project.plan_approved_at else None,
        )
        audit.add_created(milestone, actor, "milestone", milestone.name)
    return milestone


def update_milestone(milestone: Milestone, actor: User, values: dict[str, Any]) -> None:
    """Change a milestone (owners change only progress and the actual date; the route checks who may)."""
    if "percent_done" in values:
        _check_percent(values["percent_done"])
    if values.get("actual_date") and values["actual_date"] > local_today() + timedelta(days=1):
        raise RuleError(_("The actual date cannot lie in the future."), field="actual_date")
    if values.get("actual_date") and "percent_done" in values and values["percent_done"] < 100:
        values["percent_done"] = 100  # a milestone with an actual date is done
    if "name" in values and milestone.template_key and _is_suggested(milestone, values["name"]):
        values = {key: value for key, value in values.items() if key != "name"}  # sent back unchanged
    with write_transaction():
        if "name" in values and milestone.template_key:
            milestone.template_key = None  # renamed: the user's own name wins from now on
        changes = audit.apply_changes(milestone, values)
        audit.record(
            milestone.project_id,
            milestone.client_id,
            actor,
            "milestone",
            milestone.id,
            milestone.name,
            "updated",
            changes,
        )


def _is_suggested(milestone: Milestone, name: str) -> bool:
    """Return whether a name is the milestone's suggested name in any language (the form sent it back unchanged)."""
    project = db.session.get(Project, milestone.project_id)
    return is_suggested_name(project.methodology, milestone.template_key, name)


def approve_plan(project: Project, actor: User) -> None:
    """Approve the plan: freeze every milestone's planned date as its baseline."""
    if project.plan_approved_at is not None:
        raise RuleError(_("The plan is already approved; re-baseline it explicitly to change the baseline."))
    _freeze_baselines(project, actor, "plan_approved", "")


def rebaseline(project: Project, actor: User, reason: str) -> None:
    """Re-baseline explicitly: the current planned dates become the baseline; the reason is logged."""
    if not reason.strip():
        raise RuleError(_("Give the reason for re-baselining."), field="reason")
    if project.plan_approved_at is None:
        raise RuleError(_("Approve the plan first."))
    _freeze_baselines(project, actor, "rebaselined", reason.strip())


def _freeze_baselines(project: Project, actor: User, action: str, reason: str) -> None:
    milestones = db.session.scalars(select(Milestone).where(Milestone.project_id == project.id)).all()
    with write_transaction():
        for milestone in milestones:
            if milestone.baseline_date != milestone.planned_date:
                audit.record(
                    project.id,
                    project.client_id,
                    actor,
                    "milestone",
                    milestone.id,
                    milestone.name,
                    action,
                    {"baseline_date": (milestone.baseline_date, milestone.planned_date)},
                )
                milestone.baseline_date = milestone.planned_date
        project.plan_approved_at = utcnow()
        project.plan_approved_by_id = actor.id
        audit.record(
            project.id,
            project.client_id,
            actor,
            "project",
            project.id,
            project.name,
            action,
            {"reason": ("", reason)} if reason else None,
        )


# ---- status updates -----------------------------------------------------------------------------------------------


def add_status_update(
    project: Project, author: User | None, rag: Rag, summary: str, next_steps: str, created_at: datetime | None = None
) -> StatusUpdate:
    """Publish a status update of a project, dated now unless a date is given (imports, demo data)."""
    if not summary.strip():
        raise RuleError(_("This field is required."), field="summary")
    with write_transaction():
        update = StatusUpdate(
            project_id=project.id,
            client_id=project.client_id,
            rag=rag,
            summary=summary.strip(),
            next_steps=next_steps.strip(),
            author_id=author.id if author else None,
            created_at=created_at or utcnow(),
        )
        db.session.add(update)
    return update


def record_phase_progress(
    phase: Phase, status: PhaseStatus, actual_start: date | None, actual_end: date | None
) -> None:
    """Set a phase's state and actual dates directly, without gate checks (demo data and imports only)."""
    _check_dates(actual_start, actual_end, "actual_end")
    with write_transaction():
        phase.status = status
        phase.actual_start = actual_start
        phase.actual_end = actual_end


# ---- deleting and restoring ---------------------------------------------------------------------------------------


def delete_milestone(milestone: Milestone, actor: User, today: date) -> None:
    """Delete a milestone planned by mistake, keeping all of it in the audit trail; reported or late ones stay."""
    phase = db.session.get(Phase, milestone.phase_id)
    project = db.session.get(Project, milestone.project_id)
    start = phase.actual_start or phase.planned_start or project.start_date
    dates = MilestoneDates(
        start, milestone.planned_date, milestone.baseline_date, milestone.actual_date, milestone.percent_done
    )
    kept = milestone_kept(dates, today)
    if kept is not None:
        raise RuleError(str(MILESTONE_KEPT[kept]))
    with write_transaction():
        audit.record_deleted(milestone, actor, "milestone", milestone.name, MILESTONE_FIELDS)


def restore_milestone(project: Project, milestone_id: int, deletion: audit.Deletion, actor: User) -> Milestone:
    """Undo a milestone's deletion: the same number and fields come back, and the audit trail says so."""
    with write_transaction():
        return audit.restore_deleted(
            Milestone, project.id, project.client_id, "milestone", milestone_id, deletion, actor
        )


def delete_status_update(update: StatusUpdate, actor: User) -> None:
    """Delete a status update, keeping all of it in the audit trail."""
    with write_transaction():
        audit.record_deleted(update, actor, "status_update", update_label(update.summary), STATUS_UPDATE_FIELDS)


def restore_status_update(project: Project, update_id: int, deletion: audit.Deletion, actor: User) -> StatusUpdate:
    """Undo a status update's deletion: the same number, text, author and date come back."""
    with write_transaction():
        return audit.restore_deleted(
            StatusUpdate, project.id, project.client_id, "status_update", update_id, deletion, actor
        )


def update_label(summary: str) -> str:
    """Return how the audit trail names a status update: the start of its summary."""
    return summary if len(summary) <= 60 else summary[:59] + "…"
